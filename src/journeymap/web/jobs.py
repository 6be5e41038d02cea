"""Analysis runs as background jobs: a registry of analyses by name, and the runner.

An analysis is a callable taking a :class:`JobContext` and returning a
JSON-ready dict (kept as the run's result), a :class:`~journeymap.model.Journey`
(saved as a new revision of the map, e.g. with measured metrics), or an
:class:`Outcome` holding both, with a table and charts for people. Packages
add theirs with :func:`register`; ``validate`` is built in. A run works in the
language of whoever started it, so its table and charts are written in it.

>>> "validate" in ANALYSES
True
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidRequest, JourneymapError
from ..i18n import gettext as _, in_language
from ..model import Journey, operations
from ..store import Store, User, document_of, live, runs as stored_runs
from .run_tables import problems_table

log = logging.getLogger("journeymap.web.jobs")


@dataclass
class JobContext:
    """What an analysis gets: the map, its parameters, the data file, and a way to report progress."""

    journey: Journey
    params: dict[str, Any]
    source: Path | None
    report: Callable[[float, str], None] = field(repr=False)
    source_name: str | None = None
    """The data file's name as uploaded (``events.csv``), which measurements cite."""
    language: str = "en"
    """The language of whoever started the run: its messages, table and charts are written in it."""

    def progress(self, fraction: float, message: str = "") -> None:
        """Report how far the analysis is, from 0 to 1, with a short note."""
        self.report(fraction, message)


@dataclass
class Outcome:
    """What an analysis found: its data, the same as a table and charts for people, and the map it changed (if any).

    >>> Outcome(data={"users": 3}, table={"columns": ["Users"], "rows": [["3"]]}).as_result()["table"]["rows"]
    [['3']]
    """

    data: dict[str, Any]
    table: dict[str, Any] = field(default_factory=dict)
    charts: list[dict[str, Any]] = field(default_factory=list)
    journey: Journey | None = None

    def as_result(self, version: int | None = None) -> dict[str, Any]:
        """Return the run's stored result: ``data``, ``table``, ``charts`` and the saved ``version`` when the map changed."""
        result = {"data": self.data, "table": self.table, "charts": self.charts}
        return result if version is None else {**result, "version": version}


Analysis = Callable[[JobContext], "dict[str, Any] | Journey | Outcome"]
ANALYSES: dict[str, Analysis] = {}


def register(name: str) -> Callable[[Analysis], Analysis]:
    """Decorator: make ``function`` runnable as the analysis ``name``."""

    def add(function: Analysis) -> Analysis:
        ANALYSES[name] = function
        return function

    return add


@register("validate")
def validate(context: JobContext) -> Outcome:
    """Check the map's rules; return its problems and counts."""
    context.progress(0.5, _("checking the map"))
    problems = context.journey.problems()
    data = {"stages": len(context.journey.stages), "steps": len(context.journey.steps), "problems": [problem.as_dict() for problem in problems]}
    return Outcome(data=data, table=problems_table(problems))


def load_plugins(modules: tuple[str, ...] = ("journeymap.web.analyses",)) -> list[str]:
    """Import the modules that register analyses, where installed; return those found."""
    found = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name is None or not name.startswith(error.name):
                raise
            continue
        found.append(name)
    return found


class Runner:
    """Runs analyses in a few worker threads, recording progress and results in the store."""

    def __init__(self, store: Store, *, workers: int, publish: Callable[[str, dict[str, Any]], None] | None = None) -> None:
        self.store = store
        self.publish = publish
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="journeymap-job")

    def check(self, analysis: str) -> None:
        """Raise :class:`InvalidRequest` for an analysis nobody registered."""
        if analysis not in ANALYSES:
            raise InvalidRequest(_("no analysis {name}; choose one of: {names}").format(name=analysis, names=", ".join(sorted(ANALYSES))), field="analysis")

    def submit(self, run_id: int, analysis: str, context: JobContext, *, map_id: str, version: int, author: User) -> None:
        """Start a recorded run in the background."""
        self.pool.submit(self._run, run_id, analysis, context, map_id, version, author, document_of(context.journey, 1))

    def shutdown(self) -> None:
        """Stop taking runs; those in flight are marked failed on the next start."""
        self.pool.shutdown(wait=False, cancel_futures=True)

    def reporter(self, run_id: int) -> Callable[[float, str], None]:
        """Return the progress callback of one run."""

        def report(fraction: float, message: str) -> None:
            with self.store.writing() as session:
                stored_runs.set_progress(session, run_id, fraction, message)

        return report

    def _run(self, run_id: int, analysis: str, context: JobContext, map_id: str, version: int, author: User, before: dict[str, Any]) -> None:
        with in_language(context.language):
            self._run_in_language(run_id, analysis, context, map_id, version, author, before)

    def _run_in_language(self, run_id: int, analysis: str, context: JobContext, map_id: str, version: int, author: User, before: dict[str, Any]) -> None:
        context.progress(0.0, _("started"))
        try:
            outcome = ANALYSES[analysis](context)
            with self.store.writing() as session:
                result, changed = self._stored(session, outcome, analysis, map_id, version, author, before, run_id)
                stored_runs.finish(session, run_id, result=result)
            if self.publish and changed is not None:
                self.publish(map_id, {"type": "change", "seq": changed})
        except JourneymapError as error:
            self._fail(run_id, error.message, getattr(error, "details", None))
        except Exception:
            log.exception("analysis run %s (%s) failed", run_id, analysis)
            self._fail(run_id, _("the analysis failed unexpectedly; the server log has the details"))

    @staticmethod
    def _stored(
        session: Any, outcome: dict[str, Any] | Journey | Outcome, analysis: str, map_id: str, version: int, author: User, before: dict[str, Any], run_id: int
    ) -> tuple[dict[str, Any], int | None]:
        """Write what the analysis changed into the map as one change (a revision of its own); return the run's result and the change number."""
        if isinstance(outcome, dict):
            return outcome, None
        if isinstance(outcome, Outcome):
            if outcome.journey is None:
                return outcome.as_result(), None
            journey = outcome.journey
        else:
            journey = outcome
        changes = operations.diff(before, document_of(journey, 1))
        message = _("Analysis {name}").format(name=analysis)
        applied = live.apply_batch(session, map_id, changes, base=version, author=author, client="analysis", batch=str(run_id), message=message)
        result = outcome.as_result(applied.version) if isinstance(outcome, Outcome) else {"version": applied.version}
        return result, applied.seq

    def _fail(self, run_id: int, message: str, details: dict[str, Any] | None = None) -> None:
        with self.store.writing() as session:
            stored_runs.finish(session, run_id, error=message, result=details)
