"""Named versions and the diff in words through the API and the history page, on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient
from webtools import SHOP, Team


def save(client: TestClient, team: Team, document: dict, version: int) -> None:
    answer = client.put(f"/api/maps/{team.map_id}", headers=team.headers("editor", **{"If-Match": f'"{version}"'}), json=document)
    assert answer.status_code == 200, answer.text


def test_a_version_is_named_listed_and_the_diff_is_in_words(team_client):
    client, team = team_client
    changed = {**SHOP, "stages": [SHOP["stages"][0], {"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": 0}}, {"name": "Gets a receipt"}]}]}
    save(client, team, changed, 1)
    named = client.put(f"/api/maps/{team.map_id}/revisions/2/name", headers=team.headers("editor"), json={"name": "  after the workshop "})
    assert named.json() == {"version": 2, "name": "after the workshop"}
    revisions = client.get(f"/api/maps/{team.map_id}/revisions", headers=team.headers("viewer")).json()["revisions"]
    assert [(r["version"], r["name"]) for r in revisions] == [(2, "after the workshop"), (1, "")]
    assert client.get(f"/api/maps/{team.map_id}/revisions/2", headers=team.headers("viewer")).json()["name"] == "after the workshop"
    assert client.put(f"/api/maps/{team.map_id}/revisions/2/name", headers=team.headers("viewer"), json={"name": "mine"}).status_code == 403
    assert client.put(f"/api/maps/{team.map_id}/revisions/9/name", headers=team.headers("editor"), json={"name": "x"}).status_code == 404
    assert client.put(f"/api/maps/{team.map_id}/revisions/2/name", headers=team.headers("editor"), json={"name": "x" * 201}).status_code == 422

    diff = client.get(f"/api/maps/{team.map_id}/diff?from=1&to=2", headers=team.headers("viewer")).json()
    assert [change["text"] for change in diff["described"]] == ["Stage 'Buy': step 'Gets a receipt' added", "Step 'Pays': emotion −1 → 0"]
    assert diff["described"][1] | {"text": None} == {"part": "step", "subject": "pays", "field": "emotion.actual", "kind": "changed", "before": -1.0, "after": 0.0, "text": None}
    russian = client.get(f"/api/maps/{team.map_id}/diff?from=1&to=2&language=ru", headers=team.headers("viewer")).json()["described"]
    assert russian[1]["text"] == "Шаг «Pays»: эмоция −1 → 0"

    restored = client.post(f"/api/maps/{team.map_id}/revisions/1/restore", headers=team.headers("editor", **{"If-Match": '"2"'}))
    assert restored.status_code == 200 and restored.json()["version"] == 3
    back = client.get(f"/api/maps/{team.map_id}/diff?from=2&to=3", headers=team.headers("viewer")).json()["described"]
    assert [change["text"] for change in back] == ["Stage 'Buy': step 'Gets a receipt' removed", "Step 'Pays': emotion 0 → −1"]
    assert client.get(f"/api/maps/{team.map_id}/diff?from=1&to=3", headers=team.headers("viewer")).json()["described"] == []


def test_the_history_page_shows_names_and_lets_editors_change_them(team_client):
    client, team = team_client
    save(client, team, {**SHOP, "title": "Shop 2"}, 1)
    client.put(f"/api/maps/{team.map_id}/revisions/2/name", headers=team.headers("editor"), json={"name": "after the workshop"})
    client.post("/login", data={"username": "viewer", "password": team.passwords["viewer"], "next": "/"})
    page = client.get(f"/maps/{team.map_id}/history").text
    assert '<span class="revision-name">after the workshop</span>' in page and "name-form" not in page
    client.post("/login", data={"username": "editor", "password": team.passwords["editor"], "next": "/"})
    page = client.get(f"/maps/{team.map_id}/history").text
    assert 'id="name-2" name="name" value="after the workshop"' in page and "2 · after the workshop" in page
