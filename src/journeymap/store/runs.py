"""Analysis runs: what was asked (analysis, parameters), by whom, and how it went."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from ..i18n import gettext as _
from .tables import AnalysisRun, User, fetch, utcnow


def add_run(session: Session, map_id: str, analysis: str, params: dict[str, Any], *, author: User, source_id: int | None = None) -> AnalysisRun:
    """Record a queued run of ``analysis`` on a map."""
    run = AnalysisRun(map_id=map_id, analysis=analysis, params=params, source_id=source_id, created_by=author.id)
    session.add(run)
    session.flush()
    return run


def get_run(session: Session, run_id: int) -> AnalysisRun:
    """Return a run; raise :class:`NotFound` if none."""
    return fetch(session, AnalysisRun, run_id, _("no analysis run {id}").format(id=run_id))


def runs(session: Session, map_id: str) -> list[AnalysisRun]:
    """Return the runs on a map, newest first."""
    return list(session.scalars(select(AnalysisRun).where(AnalysisRun.map_id == map_id).order_by(AnalysisRun.id.desc())))


def set_progress(session: Session, run_id: int, progress: float, message: str = "") -> None:
    """Mark a run running with ``progress`` between 0 and 1."""
    values: dict[str, Any] = {"status": "running", "progress": max(0.0, min(1.0, progress)), "message": message}
    session.execute(update(AnalysisRun).where(AnalysisRun.id == run_id).values(**values))
    session.execute(update(AnalysisRun).where(AnalysisRun.id == run_id, AnalysisRun.started_at.is_(None)).values(started_at=utcnow()))


def finish(session: Session, run_id: int, *, result: dict[str, Any] | None = None, error: str | None = None) -> None:
    """Mark a run done with its result, or failed with a one-line error (and what helps fix it, e.g. the file's columns, as ``result``)."""
    status = "failed" if error is not None else "done"
    values: dict[str, Any] = {"status": status, "result": result, "message": error or "", "finished_at": utcnow()}
    if error is None:
        values["progress"] = 1.0
    session.execute(update(AnalysisRun).where(AnalysisRun.id == run_id).values(**values))


def fail_unfinished(session: Session) -> int:
    """Mark runs left queued or running by a stopped server failed; return how many."""
    ended = session.execute(
        update(AnalysisRun)
        .where(AnalysisRun.status.in_(["queued", "running"]))
        .values(status="failed", message=_("the server stopped before the run finished; start it again"), finished_at=utcnow())
    )
    return cast("CursorResult[Any]", ended).rowcount  # an UPDATE's result is a cursor's
