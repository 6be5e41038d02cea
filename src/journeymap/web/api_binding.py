"""Binding a map to data: the events of an uploaded log to pick from, and the numbers and voices the grid shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ..analytics import Columns
from ..analytics.sources import EVENT, TIME, USER
from ..i18n import in_language
from ..model import Journey
from ..store import Role, User, journey_of, sources
from .auth import signed_in
from .context import map_for, workspace_for
from .metric_cells import metric_cells
from .source_events import event_names
from .templating import page_language
from .voice_cells import voice_cells

router = APIRouter(prefix="/api", tags=["binding"])


@router.get("/workspaces/{workspace_id}/sources/{source_id}/events")
def list_source_events(
    workspace_id: int,
    source_id: int,
    request: Request,
    user_column: str = Query(USER, alias="user_id", max_length=200, description="The log's user column."),
    event_column: str = Query(EVENT, alias="event", max_length=200, description="The log's event column."),
    time_column: str = Query(TIME, alias="timestamp", max_length=200, description="The log's time column."),
    user: User = Depends(signed_in),
) -> dict[str, Any]:
    """List the distinct events of an uploaded event log, most frequent first, with row and user counts.

    The column names default to ``user_id``, ``event`` and ``timestamp``; pass the map's ``data.columns``.
    A file that is not a readable event log answers 400 with the reason.
    """
    path, name = _source_file(request, user, workspace_id, source_id)
    columns = Columns(user_id=user_column, event=event_column, timestamp=time_column)
    return {"source": source_id, "name": name, "events": event_names(path, name=name, columns=columns)}


@router.get("/maps/{map_id}/metrics")
def map_metrics(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return each step's metrics as the grid shows them, in the caller's language, measured ones with their source."""
    return _written(request, user, map_id, "metrics", metric_cells)


@router.get("/maps/{map_id}/voices")
def map_voices(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return each step's measured emotion (with its voices and source) and every quote date as the grid writes them."""
    return _written(request, user, map_id, "voices", voice_cells)


def _written(request: Request, user: User, map_id: str, key: str, cells: Callable[[Journey], Any]) -> dict[str, Any]:
    """Return the map's version and, under ``key``, what ``cells`` writes of it in the caller's language."""
    with request.app.state.store.reading() as session:
        record = map_for(session, user, map_id, Role.viewer)
        journey, version = journey_of(record.document), record.version
    with in_language(page_language(request, user)):
        return {"version": version, key: cells(journey)}


def _source_file(request: Request, user: User, workspace_id: int, source_id: int) -> tuple[Path, str]:
    store = request.app.state.store
    with store.reading() as session:
        workspace_for(session, user, workspace_id, Role.viewer)
        source = sources.source_in(session, workspace_id, source_id)
        return sources.source_path(store.data_dir, source), source.name
