"""Analysis runs as background jobs: a registry of analyses by name, and the runner.

An analysis is a callable taking a :class:`JobContext` and returning either a
JSON-ready dict (kept as the run's result) or a :class:`~journeymap.model.Journey`
(saved as a new revision of the map, e.g. with measured metrics). Packages add
theirs with :func:`register`; ``validate`` is built in.

>>> "validate" in ANALYSES
True
"""

from __future__ import annotations

import importlib
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import InvalidRequest, JourneymapError
from ..i18n import gettext as _
from ..model import Journey
from ..model import operations
from ..store import Store, User, document_of, live
from ..store import runs as stored_runs

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

    def progress(self, fraction: float, message: str = "") -> None:
        """Report how far the analysis is, from 0 to 1, with a short note."""
        self.report(fraction, message)


Analysis = Callable[[JobContext], "dict[str, Any] | Journey"]
ANALYSES: dict[str, Analysis] = {}


def register(name: str) -> Callable[[Analysis], Analysis]:
    """Decorator: make ``function`` runnable as the analysis ``name``."""

    def add(function: Analysis) -> Analysis:
        ANALYSES[name] = function
        return function

    return add


@register("validate")
def validate(context: JobContext) -> dict[str, Any]:
    """Check the map's rules; return its problems and counts."""
    context.progress(0.5, _("checking the map"))
    return {
        "stages": len(context.journey.stages),
        "steps": len(context.journey.steps),
        "problems": [problem.as_dict() for problem in context.journey.problems()],
    }


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
        context.progress(0.0, _("started"))
        try:
            outcome = ANALYSES[analysis](context)
            changed = None
            with self.store.writing() as session:
                if isinstance(outcome, Journey):
                    changes = operations.diff(before, document_of(outcome, 1))
                    applied = live.apply_batch(session, map_id, changes, base=version, author=author, client="analysis", batch=str(run_id), message=_("Analysis {name}").format(name=analysis))
                    outcome, changed = {"version": applied.version}, applied.seq
                stored_runs.finish(session, run_id, result=outcome)
            if self.publish and changed is not None:
                self.publish(map_id, {"type": "change", "seq": changed})
        except JourneymapError as error:
            self._fail(run_id, error.message)
        except Exception:
            log.exception("analysis run %s (%s) failed", run_id, analysis)
            self._fail(run_id, _("the analysis failed unexpectedly; the server log has the details"))

    def _fail(self, run_id: int, message: str) -> None:
        with self.store.writing() as session:
            stored_runs.finish(session, run_id, error=message)
