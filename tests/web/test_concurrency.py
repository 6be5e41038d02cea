"""Many writers on one map over real HTTP: every acknowledged save is kept, none is lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from webtools import LiveServer, make_team
from journeymap.settings import Settings
from journeymap.web import create_app

WRITERS = 12
SAVES_EACH = 6


def write_cards(server: LiveServer, token: str, map_id: str, writer: int) -> dict[str, int]:
    """Add SAVES_EACH cards, each by reading the map and saving with If-Match, retrying on 409."""
    counts = {"saved": 0, "conflicts": 0, "errors": 0}
    with server.client(token) as client:
        while counts["saved"] < SAVES_EACH:
            current = client.get(f"/api/maps/{map_id}")
            journey = current.json()["journey"]
            journey["stages"][0]["steps"][0].setdefault("ideas", []).append(f"writer {writer} idea {counts['saved']}")
            answer = client.put(f"/api/maps/{map_id}", json=journey, headers={"If-Match": current.headers["etag"]})
            if answer.status_code == 200:
                counts["saved"] += 1
            elif answer.status_code == 409:
                counts["conflicts"] += 1
            else:
                counts["errors"] += 1
    return counts


@pytest.mark.slow
def test_concurrent_writers_never_lose_an_update(db_url: str, tmp_path: Path):
    app = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret"))
    team = make_team(app)
    with LiveServer(app) as server, ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(lambda writer: write_cards(server, team.tokens["editor"], team.map_id, writer), range(WRITERS)))
        with server.client(team.tokens["viewer"]) as client:
            final = client.get(f"/api/maps/{team.map_id}").json()
            revisions = client.get(f"/api/maps/{team.map_id}/revisions").json()["revisions"]
    app.state.store.close()
    ideas = final["journey"]["stages"][0]["steps"][0]["ideas"]
    expected = {f"writer {writer} idea {n}" for writer in range(WRITERS) for n in range(SAVES_EACH)}
    assert sum(result["errors"] for result in results) == 0
    assert sorted(ideas) == sorted(expected)
    assert final["version"] == 1 + WRITERS * SAVES_EACH == len(revisions)
    assert sum(result["conflicts"] for result in results) > 0
