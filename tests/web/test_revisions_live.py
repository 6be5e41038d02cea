"""Live editing keeps History readable: a burst of edits by several people is one version that names them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from webtools import Team


def send(client: TestClient, team: Team, role: str, base: int, batch: str, value: str) -> dict:
    body = {"client": f"page-{role}", "batch": batch, "base": base, "operations": [{"op": "set", "path": ["steps", "pays", "description"], "value": value}]}
    answer = client.post(f"/api/maps/{team.map_id}/operations", json=body, headers=team.headers(role))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_burst_of_live_edits_by_two_people_is_one_version_naming_both(team_client):
    client, team = team_client
    first = send(client, team, "owner", 1, "1", "Card or cash")
    second = send(client, team, "editor", first["seq"], "1", "Card, cash or a gift card")
    third = send(client, team, "owner", second["seq"], "2", "Card, cash or a gift card, in one click")
    assert first["version"] == second["version"] == third["version"] == 2
    revisions = client.get(f"/api/maps/{team.map_id}/revisions", headers=team.headers("viewer")).json()["revisions"]
    assert [(item["version"], item["editors"], item["message"]) for item in revisions] == [(2, ["owner", "editor"], "Edited live by owner, editor"), (1, [], "Created")]
    page = client.get(f"/maps/{team.map_id}/history", headers=team.headers("viewer")).text
    assert "Edited live by owner, editor" in page
    kept = client.get(f"/api/maps/{team.map_id}/revisions/2", headers=team.headers("viewer")).json()["journey"]
    assert [step["description"] for stage in kept["stages"] for step in stage["steps"] if step["id"] == "pays"] == ["Card, cash or a gift card, in one click"]
