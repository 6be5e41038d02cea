"""The live hub hands a map's changes to its pages: what waited together goes out in one write, in order."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from journeymap.model import Journey
from journeymap.store import Store, add_map, add_user, add_workspace, live
from journeymap.web.live import LiveHub


def run_alone(coroutine: Any) -> Any:
    """Run ``coroutine`` on an event loop of its own thread (a browser test's Playwright may hold this thread's loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def events_of(text: str) -> list[tuple[str, dict]]:
    """Parse Server-Sent Events text into (event name, data) pairs."""
    found = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        found.append((lines["event"], json.loads(lines["data"])))
    return found


def test_changes_and_presence_waiting_together_go_out_in_one_write_in_order_and_presence_once(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path)
    store.upgrade()
    with store.writing() as session:
        ana, _ = add_user(session, "ana", "a long password")
        map_id = add_map(session, add_workspace(session, "Team", ana).id, Journey(title="Shop"), author=ana).id

    async def listen() -> list[str]:
        hub = LiveHub(store)
        await hub.start()
        stream = hub.stream(map_id, "page-1", 1, lambda: asyncio.sleep(0, result=False))
        first = await anext(stream)
        for seq, title in ((2, "Toys"), (3, "Toy shop")):
            with store.writing() as session:
                applied = live.apply_batch(session, map_id, [{"op": "set", "path": ["title"], "value": title}], base=seq - 1, author=ana, client="page-2", batch=str(seq))
            hub.publish(map_id, {"type": "change", "seq": applied.seq, "client": "page-2", "batch": str(seq), "author": "ana", "operations": applied.operations, "conflicts": []})
            hub.here(map_id, "page-2", "ana", f"title {seq}")
        second = await anext(stream)
        await hub.stop()
        return [first, second, *[text async for text in stream]]

    first, second, *rest = run_alone(listen())
    assert events_of(first) == [("presence", {"editors": []})]
    changes = [(name, data.get("seq"), data.get("operations", [{}])[0].get("value")) for name, data in events_of(second)]
    assert changes == [("change", 2, "Toys"), ("change", 3, "Toy shop"), ("presence", None, None)]
    assert events_of(second)[-1][1]["editors"][0] | {"at": 0} == {"client": "page-2", "user": "ana", "path": "title 3", "at": 0}
    assert rest == []
    store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = f"sqlite:///{tmp_path}/team.db" if request.param == "sqlite" else request.getfixturevalue("postgres").database()
    created = Store(url, data_dir=tmp_path)
    created.upgrade()
    yield created
    created.close()


def test_a_change_published_on_commit_reaches_the_pages_after_the_commit_and_a_rolled_back_one_never(store: Store) -> None:
    with store.writing() as session:
        ana, _ = add_user(session, "ana", "a long password")
        map_id = add_map(session, add_workspace(session, "Team", ana).id, Journey(title="Shop"), author=ana).id

    def write(title: str, keep: bool) -> None:
        try:
            with store.writing() as session:
                applied = live.apply_batch(session, map_id, [{"op": "set", "path": ["title"], "value": title}], base=1, author=ana, client="page-2", batch=title)
                event = {"type": "change", "seq": applied.seq, "client": "page-2", "batch": title, "author": "ana", "operations": applied.operations, "conflicts": []}
                hub.publish_on_commit(session, map_id, event)
                if not keep:
                    raise RuntimeError("rolled back")
        except RuntimeError:
            pass

    async def listen() -> list[tuple[str, dict]]:
        await hub.start()
        await asyncio.wait_for(hub.listening.wait(), 10)  # PostgreSQL: the hub's LISTEN connection is open
        stream = hub.stream(map_id, "page-1", 1, lambda: asyncio.sleep(0, result=False))
        await anext(stream)
        await asyncio.to_thread(write, "Lost", False)
        await asyncio.to_thread(write, "Toys", True)
        received = events_of(await asyncio.wait_for(anext(stream), 10))
        await hub.stop()
        return received

    hub = LiveHub(store)
    received = run_alone(listen())
    assert [(name, data["seq"], data["batch"]) for name, data in received] == [("change", 2, "Toys")]
