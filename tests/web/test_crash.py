"""Kill the server (SIGKILL) while saves are in flight: after a restart the map is a whole revision."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import httpx
import pytest
from webtools import free_port, sqlite_team, start_server

from journeymap.model import Journey


class Saves:
    """The versions the server acknowledged, from every writer; :meth:`wait_for` wakes on each new one."""

    def __init__(self) -> None:
        self.versions: list[int] = []
        self.changed = threading.Condition()

    def __len__(self) -> int:
        with self.changed:
            return len(self.versions)

    def append(self, version: int) -> None:
        with self.changed:
            self.versions.append(version)
            self.changed.notify_all()

    def wait_for(self, count: int, seconds: float) -> bool:
        """Wait until ``count`` saves are acknowledged or ``seconds`` pass; whether they were."""
        with self.changed:
            return self.changed.wait_for(lambda: len(self.versions) >= count, timeout=seconds)


def hammer(url: str, token: str, map_id: str, acknowledged: Saves, stop: threading.Event) -> None:
    """Save bigger and bigger versions of the map until the server dies."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=5) as client:
        while not stop.is_set():
            try:
                current = client.get(f"/api/maps/{map_id}")
                journey = current.json()["journey"]
                journey["stages"][0]["steps"].append({"id": f"s{len(acknowledged)}-{threading.get_ident()}", "name": "Step " + "x" * 2000})
                answer = client.put(f"/api/maps/{map_id}", json=journey, headers={"If-Match": current.headers["etag"]})
                if answer.status_code == 200:
                    acknowledged.append(answer.json()["version"])
            except (httpx.HTTPError, ValueError, KeyError):
                return


SAVES_BEFORE_THE_KILL = 3
"""Saves acknowledged before the kill: the server is killed mid-stream of saves, not before the first."""


@pytest.mark.slow
def test_a_killed_server_leaves_the_old_or_the_new_revision_never_a_broken_map(tmp_path: Path):
    db, team = sqlite_team(tmp_path)
    for _attempt in range(3):
        port = free_port()
        server = start_server(db, tmp_path / "data", port)
        acknowledged = Saves()
        stop = threading.Event()
        writers = [threading.Thread(target=hammer, args=(f"http://127.0.0.1:{port}", team.tokens["editor"], team.map_id, acknowledged, stop)) for _ in range(4)]
        for writer in writers:
            writer.start()
        saved = acknowledged.wait_for(SAVES_BEFORE_THE_KILL, seconds=60)
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for writer in writers:
            writer.join()
        assert saved, f"{len(acknowledged)} saves finished in 60 s, {SAVES_BEFORE_THE_KILL} were awaited before the kill"

        restarted = start_server(db, tmp_path / "data", port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {team.tokens['viewer']}"}) as client:
                current = client.get(f"/api/maps/{team.map_id}").json()
                revisions = client.get(f"/api/maps/{team.map_id}/revisions").json()["revisions"]
                kept = client.get(f"/api/maps/{team.map_id}/revisions/{current['version']}").json()
        finally:
            restarted.kill()
            restarted.wait()
        journey = Journey.model_validate(current["journey"])
        assert journey.version == current["version"] == revisions[0]["version"] == len(revisions)
        assert kept["journey"] == current["journey"]
        assert max(acknowledged.versions) <= current["version"], "an acknowledged save was lost"
