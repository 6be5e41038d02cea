"""Members: owners cannot learn user names by adding them; administrators repair any workspace (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from webtools import Team, make_team

from journeymap.settings import Settings
from journeymap.web import create_app


def members(client: TestClient, team: Team, role: str = "owner") -> dict[str, str]:
    found = client.get(f"/api/workspaces/{team.workspace}/members", headers=team.headers(role))
    assert found.status_code == 200, found.text
    return {member["username"]: member["role"] for member in found.json()["members"]}


def test_an_owner_gets_the_same_answer_for_a_user_that_exists_and_one_that_does_not(team_client):
    client, team = team_client
    owner = team.headers("owner")
    real = client.put(f"/api/workspaces/{team.workspace}/members/outsider", json={"role": "viewer"}, headers=owner)
    fake = client.put(f"/api/workspaces/{team.workspace}/members/nobody", json={"role": "viewer"}, headers=owner)
    assert (real.status_code, fake.status_code) == (202, 202)
    assert fake.json() == {"username": "nobody", "role": "viewer", "message": "if a user named nobody exists, they now have the role viewer in this workspace"}
    assert real.json() == {key: value.replace("nobody", "outsider") for key, value in fake.json().items()}
    assert members(client, team) == {"owner": "owner", "editor": "editor", "commenter": "commenter", "viewer": "viewer", "outsider": "viewer"}


def test_removing_a_user_that_does_not_exist_answers_like_removing_a_non_member(team_client):
    client, team = team_client
    owner = team.headers("owner")
    real = client.delete(f"/api/workspaces/{team.workspace}/members/outsider", headers=owner)
    fake = client.delete(f"/api/workspaces/{team.workspace}/members/nobody", headers=owner)
    assert (real.status_code, fake.status_code) == (404, 404)
    assert real.json()["error"]["message"] == "outsider is not a member of this workspace"
    assert fake.json()["error"]["message"] == "nobody is not a member of this workspace"


def test_an_administrator_repairs_a_workspace_they_do_not_belong_to(team_client):
    client, team = team_client
    admin = team.headers("admin")
    assert members(client, team, "admin")["owner"] == "owner"
    unknown = client.put(f"/api/workspaces/{team.workspace}/members/nobody", json={"role": "owner"}, headers=admin)
    assert (unknown.status_code, unknown.json()["error"]["message"]) == (404, "no user named nobody; see 'journeymap users list'")
    promoted = client.put(f"/api/workspaces/{team.workspace}/members/editor", json={"role": "owner"}, headers=admin)
    assert promoted.status_code == 200 and (promoted.json()["username"], promoted.json()["role"]) == ("editor", "owner")
    assert client.delete(f"/api/workspaces/{team.workspace}/members/owner", headers=admin).json() == {"ok": True}
    assert members(client, team, "editor") == {"editor": "owner", "commenter": "commenter", "viewer": "viewer"}
    last = client.put(f"/api/workspaces/{team.workspace}/members/editor", json={"role": "viewer"}, headers=admin)
    assert last.status_code == 409  # even an administrator leaves a workspace an owner
    missing = client.get("/api/workspaces/999999/members", headers=admin)
    assert (missing.status_code, missing.json()["error"]["message"]) == (404, "no workspace 999999")
    entry = client.get(f"/api/workspaces/{team.workspace}/audit", headers=team.headers("editor")).json()["entries"][0]
    assert (entry["action"], entry["target"]) == ("member_removed", "owner")


def test_creating_a_workspace_tells_nothing_of_the_workspaces_one_cannot_see(db_url: str, tmp_path: Path):
    application = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret", workspace_creators="everyone"))
    team = make_team(application)
    with TestClient(application) as client:
        outsider = team.headers("outsider")
        created = client.post("/api/workspaces", json={"name": "Team"}, headers=outsider)  # the team's workspace is called Team too
        assert created.status_code == 201 and created.json()["id"] != team.workspace
        again = client.post("/api/workspaces", json={"name": "Team"}, headers=outsider)
        assert (again.status_code, again.json()["error"]["message"]) == (409, "you already have a workspace named Team; choose another name")
        assert client.post("/api/workspaces", json={"name": "Elsewhere"}, headers=team.headers("owner")).status_code == 201
    application.state.store.close()
