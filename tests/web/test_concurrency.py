"""Many writers on one map over real HTTP: every acknowledged save is kept, none is lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from webtools import LiveServer, Team, add_ideas, free_port, make_team, start_server

from journeymap.settings import Settings
from journeymap.web import create_app

WRITERS = 12
SAVES_EACH = 6


def check_nothing_lost(url: str, team: Team, results: list[dict[str, int]]) -> None:
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {team.tokens['viewer']}"}) as client:
        final = client.get(f"/api/maps/{team.map_id}").json()
        revisions = client.get(f"/api/maps/{team.map_id}/revisions").json()["revisions"]
    ideas = final["journey"]["stages"][0]["steps"][0]["ideas"]
    expected = {f"writer {writer} idea {n}" for writer in range(WRITERS) for n in range(SAVES_EACH)}
    assert sum(result["errors"] for result in results) == 0
    assert sorted(ideas) == sorted(expected)
    assert final["version"] == 1 + WRITERS * SAVES_EACH == len(revisions)
    assert sum(result["conflicts"] for result in results) > 0


def write_concurrently(url: str, team: Team) -> list[dict[str, int]]:
    with ThreadPoolExecutor(WRITERS) as pool:
        return list(pool.map(lambda writer: add_ideas(url, team.tokens["editor"], team.map_id, writer, SAVES_EACH), range(WRITERS)))


@pytest.mark.slow
def test_concurrent_writers_never_lose_an_update(db_url: str, tmp_path: Path):
    app = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret"))
    team = make_team(app)
    with LiveServer(app) as server:
        check_nothing_lost(server.url, team, write_concurrently(server.url, team))
    app.state.store.close()


def postgres_team(postgres, folder: Path) -> tuple[str, Team]:
    """A fresh PostgreSQL database holding a team; its URL and the team."""
    db = postgres.database()
    app = create_app(Settings(db=db, data_dir=folder / "data", secret_key="test-secret"))
    team = make_team(app)
    app.state.store.close()
    return db, team


@pytest.mark.slow
def test_writers_on_two_server_processes_sharing_one_postgresql_database_lose_nothing(postgres, tmp_path: Path):
    db, team = postgres_team(postgres, tmp_path)
    port = free_port()
    server = start_server(db, tmp_path / "data", port, "--workers", "2")
    try:
        url = f"http://127.0.0.1:{port}"
        check_nothing_lost(url, team, write_concurrently(url, team))
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_server_processes_answer_at_once_without_waiting_for_the_clients_acknowledgement(postgres, tmp_path: Path):
    db, team = postgres_team(postgres, tmp_path)
    port = free_port()
    server = start_server(db, tmp_path / "data", port, "--workers", "2")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {team.tokens['viewer']}"}) as client:
            times = sorted(client.get(f"/api/maps/{team.map_id}").elapsed.total_seconds() for _ in range(10))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert times[5] < 0.035, times  # with Nagle's algorithm on, each answer waited ~40 ms for the delayed ACK
