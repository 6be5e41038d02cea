"""Editing together: operations in, changes and presence out (Server-Sent Events), conflict notes."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from ..i18n import in_language
from ..store import Role, User, audit, live
from .auth import signed_in
from .context import map_for
from .templating import page_language

router = APIRouter(prefix="/api/maps/{map_id}", tags=["live editing"])

CLIENT = r"^[A-Za-z0-9_-]{1,64}$"


class Batch(BaseModel):
    """Operations a page made on the map as it was at change ``base``."""

    client: str = Field(pattern=CLIENT, description="The page's own random id.")
    batch: str = Field(pattern=CLIENT, description="This batch's id in the page: a batch sent twice is applied once.")
    base: int = Field(ge=1, description="The last change of the map the page had applied.")
    seen: int | None = Field(default=None, ge=0, description="The change the person saw when they began this batch (before the page rebased it): others' values set after it and replaced here become conflict notes.")
    operations: list[dict[str, Any]] = Field(description="set, insert, delete or move operations: see docs/api.md.")


class Presence(BaseModel):
    """Where a page is: the cell its person is in (``None``: no cell)."""

    client: str = Field(pattern=CLIENT)
    path: str | None = Field(default=None, max_length=500)


@router.post("/operations")
async def send_operations(map_id: str, batch: Batch, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Apply a page's operations (editors); every page open on the map receives the change."""
    apply = partial(_apply, request, user, map_id, batch)
    writer = _sqlite_writer(request)
    if writer is None:
        async with _one_at_a_time(request, map_id):
            return await to_thread.run_sync(apply)
    return await asyncio.get_running_loop().run_in_executor(writer, contextvars.copy_context().run, apply)


def _apply(request: Request, user: User, map_id: str, batch: Batch) -> dict[str, Any]:
    store = request.app.state.store
    with in_language(page_language(request, user)), store.writing() as session:
        map_for(session, user, map_id, Role.editor)
        applied = live.apply_batch(session, map_id, batch.operations, base=batch.base, seen=batch.seen, author=user, client=batch.client, batch=batch.batch)
        if applied.conflicts:
            audit.record(session, user, "conflict_kept", target=map_id, cells=[note["path"] for note in applied.conflicts])
        event = {"type": "change", "seq": applied.seq, "client": batch.client, "batch": batch.batch, "author": user.username, "operations": applied.operations, "conflicts": applied.conflicts}
        request.app.state.live.publish_on_commit(session, map_id, event)
    return applied.as_dict()


def _sqlite_writer(request: Request) -> ThreadPoolExecutor | None:
    """Return the one thread that writes batches on SQLite (which writes one at a time); ``None`` on PostgreSQL.

    Waiting batches hold no thread a page load needs, and the writer goes from
    one batch to the next without waiting for the event loop to hand it over.
    """
    state = request.app.state
    if not state.store.is_sqlite:
        return None
    if not hasattr(state, "sqlite_writer"):
        state.sqlite_writer = ThreadPoolExecutor(1, thread_name_prefix="sqlite-writer")
    return state.sqlite_writer


@contextlib.asynccontextmanager
async def _one_at_a_time(request: Request, map_id: str) -> AsyncIterator[None]:
    """Let one batch of the map at a time, in this process, take a thread (on PostgreSQL the others would wait there for the map's row lock, holding threads page loads need)."""
    state = request.app.state
    if not hasattr(state, "map_gates"):
        state.map_gates = {}
    gates: dict[str, tuple[asyncio.Lock, int]] = state.map_gates
    gate, users = gates.get(map_id, (asyncio.Lock(), 0))
    gates[map_id] = (gate, users + 1)
    try:
        async with gate:
            yield
    finally:
        gate, users = gates[map_id]
        if users == 1:
            del gates[map_id]
        else:
            gates[map_id] = (gate, users - 1)


@router.get("/live")
async def listen(map_id: str, request: Request, since: int = Query(ge=0), client: str = Query(pattern=CLIENT)) -> StreamingResponse:
    """Stream the map's changes after ``since`` and who is on it, as Server-Sent Events (viewers and up)."""
    hub = request.app.state.live
    user = await _viewer(request, map_id)
    hub.here(map_id, client, user.username, None)

    async def events() -> Any:
        try:
            async for event in hub.stream(map_id, client, since, request.is_disconnected):
                yield event
        finally:
            hub.gone(map_id, client)

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@router.post("/presence")
def say_where(map_id: str, presence: Presence, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Tell the other pages which cell this page's person is in (and that the page is still open)."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
    request.app.state.live.here(map_id, presence.client, user.username, presence.path)
    return {"editors": request.app.state.live.editors(map_id)}


@router.get("/conflicts")
def list_conflicts(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the open conflict notes: cells where a later change replaced someone's text, with the text kept."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
        return {"conflicts": live.conflict_notes(session, map_id)}


@router.post("/conflicts/{note_id}/resolve")
def resolve_conflict(map_id: str, note_id: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Mark a conflict note settled (editors)."""
    with request.app.state.store.writing() as session:
        map_for(session, user, map_id, Role.editor)
        live.resolve_note(session, map_id, note_id)
    request.app.state.live.publish(map_id, {"type": "notes"})
    return {"ok": True}


async def _viewer(request: Request, map_id: str) -> User:
    def check() -> User:
        user = signed_in(request)
        with request.app.state.store.reading() as session:
            map_for(session, user, map_id, Role.viewer)
        return user

    return await run_in_threadpool(check)

