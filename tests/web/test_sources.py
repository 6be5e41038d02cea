"""Data sources: the workspace's storage quota and deleting a source, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from webtools import Team, make_team

from journeymap.settings import Settings
from journeymap.store import AnalysisRun, User, runs
from journeymap.web import create_app

LINE = b"user_id,event,timestamp\n"


@pytest.fixture
def quoted(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Team, Path]]:
    """A client of the app with a team whose workspaces may hold 1,000 bytes of data sources each."""
    application = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret", workspace_quota_bytes=1000))
    team = make_team(application)
    with TestClient(application) as client:
        yield client, team, tmp_path / "data" / "sources"
    application.state.store.close()


def post(client: TestClient, team: Team, body, role: str = "editor", workspace: int | None = None):
    return client.post(
        f"/api/workspaces/{workspace or team.workspace}/sources?name=events.csv",
        content=body,
        headers=team.headers(role, **{"Content-Type": "text/csv"}),
    )


def streamed(total: int) -> Iterator[bytes]:
    """A body without Content-Length, sent in chunks of 100 bytes."""
    for _ in range(total // 100):
        yield b"x" * 100


def test_an_upload_over_the_quota_is_refused_and_leaves_no_file(quoted):
    client, team, folder = quoted
    assert post(client, team, LINE + b"u,a,2026-01-01\n" * 40).status_code == 201  # 24 + 600 bytes
    storage = client.get(f"/api/workspaces/{team.workspace}", headers=team.headers("viewer")).json()["storage"]
    assert storage == {"used_bytes": 624, "quota_bytes": 1000}
    for body in (b"y" * 400, streamed(400)):
        refused = post(client, team, body)
        assert (refused.status_code, refused.json()["error"]["code"]) == (413, "quota_exceeded"), refused.text
        assert refused.json()["error"]["message"] == (
            "the upload would take the workspace over its quota of 1000 bytes (624 bytes used); "
            "delete sources or ask the administrator to raise JOURNEYMAP_WORKSPACE_QUOTA_BYTES"
        )
    assert len(list(folder.iterdir())) == 1
    assert post(client, team, b"z" * 376).status_code == 201  # exactly up to the quota
    listed = client.get(f"/api/workspaces/{team.workspace}/sources", headers=team.headers("viewer")).json()
    assert listed["storage"] == {"used_bytes": 1000, "quota_bytes": 1000} and len(listed["sources"]) == 2


def test_each_workspace_has_its_own_quota(quoted):
    client, team, _folder = quoted
    assert post(client, team, b"a" * 900).status_code == 201
    elsewhere = client.get("/api/workspaces", headers=team.headers("outsider")).json()["workspaces"][0]["id"]
    assert post(client, team, b"b" * 900, role="outsider", workspace=elsewhere).status_code == 201


def test_no_quota_when_zero(tmp_path: Path):
    application = create_app(Settings(db=f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path / "data", secret_key="test-secret", workspace_quota_bytes=0, max_upload_bytes=2000))
    team = make_team(application)
    with TestClient(application) as client:
        for _ in range(3):
            assert post(client, team, b"a" * 1500).status_code == 201
        storage = client.get(f"/api/workspaces/{team.workspace}", headers=team.headers("viewer")).json()["storage"]
    application.state.store.close()
    assert storage == {"used_bytes": 4500, "quota_bytes": 0}


def test_deleting_a_source_removes_its_file_and_keeps_the_runs_that_used_it(quoted):
    client, team, folder = quoted
    source = post(client, team, LINE).json()["id"]
    store = client.app.state.store
    with store.writing() as session:
        owner = session.scalar(select(User).where(User.username == "owner"))
        run = runs.add_run(session, team.map_id, "validate", {}, author=owner, source_id=source)
        runs.finish(session, run.id, result={"rows": 1})
        run_id = run.id
    assert client.delete(f"/api/workspaces/{team.workspace}/sources/{source}", headers=team.headers("viewer")).status_code == 403
    deleted = client.delete(f"/api/workspaces/{team.workspace}/sources/{source}", headers=team.headers("editor"))
    assert deleted.json() == {"deleted": source}
    assert list(folder.iterdir()) == []
    assert client.get(f"/api/workspaces/{team.workspace}/sources", headers=team.headers("viewer")).json()["sources"] == []
    with store.reading() as session:
        kept = session.get(AnalysisRun, run_id)
        assert (kept.source_id, kept.result) == (None, {"rows": 1})
    entry = client.get(f"/api/workspaces/{team.workspace}/audit", headers=team.headers("owner")).json()["entries"][0]
    assert (entry["action"], entry["target"], entry["detail"]["source"]) == ("source_deleted", "events.csv", source)
    again = client.delete(f"/api/workspaces/{team.workspace}/sources/{source}", headers=team.headers("editor"))
    assert (again.status_code, again.json()["error"]["message"]) == (404, f"no data source {source}")


def test_a_source_an_unfinished_run_reads_is_kept_until_the_run_ends(quoted):
    client, team, folder = quoted
    source = post(client, team, LINE).json()["id"]
    store = client.app.state.store
    with store.writing() as session:
        owner = session.scalar(select(User).where(User.username == "owner"))
        run_id = runs.add_run(session, team.map_id, "validate", {}, author=owner, source_id=source).id
    refused = client.delete(f"/api/workspaces/{team.workspace}/sources/{source}", headers=team.headers("editor"))
    assert (refused.status_code, refused.json()["error"]["message"]) == (409, f"analysis run {run_id} is still reading events.csv; delete it once the run has finished")
    assert len(list(folder.iterdir())) == 1
    with store.writing() as session:
        runs.finish(session, run_id, error="stopped")
    assert client.delete(f"/api/workspaces/{team.workspace}/sources/{source}", headers=team.headers("editor")).status_code == 200


def test_a_source_of_another_workspace_is_not_found(quoted):
    client, team, folder = quoted
    elsewhere = client.get("/api/workspaces", headers=team.headers("outsider")).json()["workspaces"][0]["id"]
    theirs = post(client, team, LINE, role="outsider", workspace=elsewhere).json()["id"]
    refused = client.delete(f"/api/workspaces/{team.workspace}/sources/{theirs}", headers=team.headers("owner"))
    assert (refused.status_code, refused.json()["error"]["message"]) == (404, f"no data source {theirs}")
    assert len(list(folder.iterdir())) == 1
