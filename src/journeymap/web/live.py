"""The live channel: every page open on a map receives its changes and sees who else is there.

Pages listen with Server-Sent Events (``GET /api/maps/{id}/live``). After a change
is committed, :meth:`LiveHub.publish` hands it to the pages of this process; with
PostgreSQL it goes through ``NOTIFY`` instead, so that every server process
(``--workers 4``) hands it to its own pages. A page that misses a change (a gap
in the numbers) reads it from the store, so no page ever skips one.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread
from sqlalchemy import text
from sqlalchemy.event import listen as listen_to
from sqlalchemy.orm import Session

from ..store import Store, live

log = logging.getLogger(__name__)

CHANNEL = "journeymap_live"
"""The PostgreSQL NOTIFY channel of live events."""

PRESENCE_SECONDS = 45
"""A page that has not said it is there for this long is gone."""

HEARTBEAT_SECONDS = 15
"""How often an idle stream sends a comment, so that a dropped connection is noticed."""

SENT_AS = "_sent_as"
"""The key of a change's Server-Sent Event text, written once for all the pages of a map."""

NOTIFY_LIMIT = 7000
"""PostgreSQL's payload limit is 8000 bytes; larger events name only their change number."""


@dataclass(eq=False)
class Page:
    """One open page: the changes and presence waiting to be sent to it."""

    map_id: str
    client: str
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)


class LiveHub:
    """Hands each map's changes and presence to the pages open on it, in this process."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pages: dict[str, set[Page]] = {}
        self.presence: dict[str, dict[str, dict[str, Any]]] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.listener: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()
        """Set while other processes' events reach this one: at once on SQLite, once ``LISTEN`` runs on PostgreSQL."""

    async def start(self) -> None:
        """Start handing events to pages (and, on PostgreSQL, listening for other processes' events)."""
        self.loop = asyncio.get_running_loop()
        self.listening = asyncio.Event()  # one of this event loop
        if self.store.is_sqlite:
            self.listening.set()
        else:
            self.listener = asyncio.create_task(self._listen())

    async def stop(self) -> None:
        """Stop listening and end every open stream."""
        if self.listener:
            self.listener.cancel()
        for pages in self.pages.values():
            for page in pages:
                page.queue.put_nowait({"type": "end"})

    def publish(self, map_id: str, event: dict[str, Any]) -> None:
        """Hand ``event`` (a change or presence) to every page open on ``map_id``, in every server process. Thread-safe."""
        if self.store.is_sqlite:
            self._deliver_soon(map_id, event)
            return
        with self.store.engine.connect() as connection:
            connection.exec_driver_sql("SELECT pg_notify(%s, %s)", (CHANNEL, _payload(map_id, event)))
            connection.commit()

    def publish_on_commit(self, session: Session, map_id: str, event: dict[str, Any]) -> None:
        """Publish ``event`` when ``session`` commits, never if it rolls back.

        On PostgreSQL the ``NOTIFY`` is part of the session's transaction (no
        connection or commit of its own).
        """
        if self.store.is_sqlite:
            listen_to(session, "after_commit", lambda committed: self._deliver_soon(map_id, event), once=True)
            return
        session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": _payload(map_id, event)})

    def here(self, map_id: str, client: str, user: str, path: str | None) -> None:
        """Note that ``user``'s page ``client`` is on the map, in the cell ``path``, and tell the other pages."""
        self._tell_presence(map_id, {"type": "presence", "client": client, "user": user, "path": path, "at": time.time()})

    def gone(self, map_id: str, client: str) -> None:
        """Note that the page ``client`` closed."""
        self._tell_presence(map_id, {"type": "presence", "client": client, "user": None, "path": None, "at": time.time()})

    def _tell_presence(self, map_id: str, event: dict[str, Any]) -> None:
        # Noted here at once, so that editors() answers with it before the event comes back through the loop or NOTIFY.
        self._note_presence(map_id, event)
        self.publish(map_id, event)

    def editors(self, map_id: str) -> list[dict[str, Any]]:
        """Return who is on the map now: each page's client id, user and cell."""
        now = time.time()
        present = self.presence.get(map_id, {})
        for client, entry in list(present.copy().items()):
            if now - entry["at"] > PRESENCE_SECONDS:
                present.pop(client, None)
        return [{"client": client, **entry} for client, entry in sorted(present.copy().items())]

    async def stream(self, map_id: str, client: str, since: int, is_gone: Callable[[], Any]) -> AsyncIterator[str]:
        """Yield the Server-Sent Events of one page: the changes after ``since``, then each change and presence as it comes."""
        page = Page(map_id, client)
        self.pages.setdefault(map_id, set()).add(page)
        sent = since
        try:
            for change in await self._missed(map_id, sent):
                sent = change["seq"]
                yield _event("change", change, change["seq"])
            yield _event("presence", {"editors": self.editors(map_id)})
            while True:
                try:
                    event = await asyncio.wait_for(page.queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    if await is_gone():
                        return
                    yield ": still here\n\n"
                    continue
                text, sent, ended = await self._text(map_id, [event, *_waiting(page.queue)], sent)
                if text:
                    yield text
                if ended:
                    return
        finally:
            self.pages[map_id].discard(page)
            if not self.pages[map_id]:
                del self.pages[map_id]

    async def _text(self, map_id: str, events: list[dict[str, Any]], sent: int) -> tuple[str, int, bool]:
        """Return the Server-Sent Events of ``events`` for a page that has the changes up to ``sent`` as one text, its last change, and whether the stream ends.

        Events that waited together go out in one write; presence is told once, as it is now.
        """
        parts: list[str] = []
        told: list[str] = []
        for event in events:
            if event["type"] == "end":
                return "".join(parts), sent, True
            if event["type"] in ("presence", "notes"):
                told += [event["type"]] if event["type"] not in told else []
                continue
            if event["seq"] <= sent:
                continue
            changes = [event] if event["seq"] == sent + 1 and "operations" in event else await self._missed(map_id, sent)
            for change in changes:
                sent = change["seq"]
                parts.append(change.get(SENT_AS) or _event("change", change, change["seq"]))
        parts += [_event(kind, {"editors": self.editors(map_id)}) for kind in told]
        return "".join(parts), sent, False

    async def _missed(self, map_id: str, since: int) -> list[dict[str, Any]]:
        def read() -> list[dict[str, Any]]:
            with self.store.reading() as session:
                return live.changes_since(session, map_id, since)

        return await to_thread.run_sync(read)

    def _deliver_soon(self, map_id: str, event: dict[str, Any]) -> None:
        if self.loop is None or self.loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            self._deliver(map_id, event)
        else:
            self.loop.call_soon_threadsafe(self._deliver, map_id, event)

    def _deliver(self, map_id: str, event: dict[str, Any]) -> None:
        if event["type"] == "presence":
            self._note_presence(map_id, event)
        if event["type"] == "change" and "operations" in event and map_id in self.pages:
            event = {**event, SENT_AS: _event("change", event, event["seq"])}
        for page in list(self.pages.get(map_id, ())):
            if event["type"] == "presence" and event.get("client") == page.client:
                continue
            page.queue.put_nowait(event)

    def _note_presence(self, map_id: str, event: dict[str, Any]) -> None:
        present = self.presence.setdefault(map_id, {})
        if event["user"] is None:
            present.pop(event["client"], None)
        else:
            present[event["client"]] = {"user": event["user"], "path": event["path"], "at": event["at"]}

    async def _listen(self) -> None:
        import psycopg

        url = self.store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while True:
            try:
                connection = await psycopg.AsyncConnection.connect(url, autocommit=True)
                async with connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    async for notice in connection.notifies():
                        event = json.loads(notice.payload)
                        self._deliver(event.pop("map"), event)
            except asyncio.CancelledError:
                return
            except Exception:
                self.listening.clear()
                log.exception("the live channel lost its PostgreSQL connection; listening again in a second")
                await asyncio.sleep(1)


def _payload(map_id: str, event: dict[str, Any]) -> str:
    """Return the ``NOTIFY`` text of ``event``: the event itself, or only its change number when too large."""
    payload = json.dumps({"map": map_id, **event}, ensure_ascii=False)
    if len(payload.encode()) > NOTIFY_LIMIT:
        payload = json.dumps({"map": map_id, "type": event["type"], "seq": event.get("seq"), "fetch": True})
    return payload


def _waiting(queue: asyncio.Queue[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the events already waiting in ``queue``, taking them out."""
    return [queue.get_nowait() for _ in range(queue.qsize())]


def _event(name: str, data: dict[str, Any], event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
