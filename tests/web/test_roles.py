"""Every endpoint, every role: the allowed answer, or 401/403/404, never leaking a private map."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from webtools import SHOP, Filled

ORDER = ["anonymous", "outsider", "viewer", "commenter", "editor", "owner", "admin"]
MEMBER_RANK = {"viewer": 0, "commenter": 1, "editor": 2, "owner": 3}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    needs: str
    ok: int = 200
    json: Any = None
    content: bytes | None = None
    content_type: str | None = None
    admin_ok: int | None = None  # what a server administrator gets in a workspace they are not a member of, when they may act there

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


M = "/api/maps/{map}"
W = "/api/workspaces/{workspace}"
ENDPOINTS = [
    Endpoint("GET", "/api/me", "user"),
    Endpoint("PATCH", "/api/me", "user", json={"language": "ru"}),
    Endpoint("GET", "/api/tokens", "user"),
    Endpoint("POST", "/api/tokens", "password", 201, json={"name": "laptop"}),
    Endpoint("DELETE", "/api/tokens/{own_token}", "user"),
    Endpoint("GET", "/api/users", "admin"),
    Endpoint("POST", "/api/users", "admin", 201, json={"username": "newcomer"}),
    Endpoint("GET", "/api/workspaces", "user"),
    Endpoint("POST", "/api/workspaces", "admin", 201, json={"name": "Mine"}),
    Endpoint("GET", W, "viewer"),
    Endpoint("GET", W + "/members", "viewer", admin_ok=200),
    Endpoint("PUT", W + "/members/outsider", "owner", 202, json={"role": "viewer"}, admin_ok=200),
    Endpoint("DELETE", W + "/members/viewer", "owner", admin_ok=200),
    Endpoint("GET", W + "/audit", "owner"),
    Endpoint("GET", W + "/sources", "viewer"),
    Endpoint("POST", W + "/sources?name=events.csv", "editor", 201, content=b"user_id,event,timestamp\n", content_type="text/csv"),
    Endpoint("GET", W + "/sources/1/events", "viewer"),
    Endpoint("DELETE", W + "/sources/1", "editor"),
    Endpoint("GET", "/api/templates", "user"),
    Endpoint("GET", "/api/maps", "user"),
    Endpoint("POST", W + "/maps", "editor", 201, json={"title": "New map"}),
    Endpoint("POST", W + "/maps/from-template", "editor", 201, json={"template": "lifecycle", "title": "From a template"}),
    Endpoint("POST", W + "/maps/import", "editor", 201, content=b"title: Imported\n", content_type="application/yaml"),
    Endpoint("GET", M, "viewer"),
    Endpoint("PUT", M, "editor", json={**SHOP, "title": "Shop 2"}),
    Endpoint("DELETE", M, "owner"),
    Endpoint("GET", M + "/export?format=yaml", "viewer"),
    Endpoint("POST", M + "/share", "editor", 201),
    Endpoint("DELETE", M + "/share", "editor"),
    Endpoint("GET", M + "/shares", "editor"),
    Endpoint("DELETE", M + "/shares/1", "editor"),
    Endpoint("GET", M + "/revisions", "viewer"),
    Endpoint("GET", M + "/revisions/1", "viewer"),
    Endpoint("GET", M + "/diff?from=1", "viewer"),
    Endpoint("GET", M + "/metrics", "viewer"),
    Endpoint("GET", M + "/voices", "viewer"),
    Endpoint("POST", M + "/revisions/1/restore", "editor"),
    Endpoint("PUT", M + "/revisions/1/name", "editor", json={"name": "after the workshop"}),
    Endpoint("GET", M + "/comments", "viewer"),
    Endpoint("POST", M + "/comments", "commenter", 201, json={"body": "Why?", "step": "pays"}),
    Endpoint("POST", M + "/comments/1/resolve", "commenter", json={"resolved": True}),
    Endpoint("GET", "/api/analyses", "user"),
    Endpoint("POST", M + "/runs", "editor", 202, json={"analysis": "validate"}),
    Endpoint("GET", M + "/runs", "viewer"),
    Endpoint("GET", "/api/runs/1", "viewer"),
    Endpoint("POST", M + "/stages", "editor", json={"name": "Return"}),
    Endpoint("PATCH", M + "/stages/find", "editor", json={"name": "Discover"}),
    Endpoint("DELETE", M + "/stages/buy", "editor"),
    Endpoint("POST", M + "/steps", "editor", json={"name": "Compares", "stage": "find", "position": 1}),
    Endpoint("PATCH", M + "/steps/searches", "editor", json={"stage": "buy", "position": 0}),
    Endpoint("DELETE", M + "/steps/searches", "editor"),
    Endpoint("POST", M + "/personas", "editor", json={"name": "Ivan"}),
    Endpoint("PATCH", M + "/personas/olga", "editor", json={"name": "Olga K."}),
    Endpoint("DELETE", M + "/personas/olga", "editor"),
    Endpoint("POST", M + "/opportunities", "editor", json={"title": "Gift wrap"}),
    Endpoint("PATCH", M + "/opportunities/one-click-payment", "editor", json={"title": "Two-click payment"}),
    Endpoint("DELETE", M + "/opportunities/one-click-payment", "editor"),
    Endpoint("POST", M + "/insights", "editor", json={"id": "night", "text": "People pay at night"}),
    Endpoint("POST", M + "/photos", "editor", 201, content=b"\xff\xd8\xff\xe0 a JPEG", content_type="image/jpeg"),
    Endpoint("GET", M + "/photos/" + "0" * 64 + ".png", "viewer", 404),
    Endpoint("GET", M + "/ideas", "viewer"),
    Endpoint("POST", M + "/operations", "editor", json={"client": "page", "batch": "b1", "base": 1, "operations": [{"op": "set", "path": ["title"], "value": "Shop 3"}]}),
    Endpoint("POST", M + "/check", "editor", json={"document": SHOP, "path": "title", "value": "Shop 3"}),
    Endpoint("POST", M + "/presence", "viewer", json={"client": "page", "path": "steps/pays/name"}),
    Endpoint("GET", M + "/conflicts", "viewer"),
    Endpoint("POST", M + "/conflicts/99/resolve", "editor", 404),
    Endpoint("POST", "/api/convert/mermaid", "user", json={"text": "journey\n  title Shop\n  section Buy\n    Pays: 3: Olga\n"}),
    Endpoint("POST", M + "/steps/sees-ad/cards/pains", "editor", json={"value": "can't skip"}),
    Endpoint("PATCH", M + "/steps/sees-ad/cards/pains/0", "editor", json={"value": "very loud"}),
    Endpoint("DELETE", M + "/steps/sees-ad/cards/pains/0", "editor"),
]


def expected(endpoint: Endpoint, role: str) -> int:
    """The answer ``role`` must get: success, 401 anonymous, 404 outside the workspace, 403 below the role."""
    if role == "anonymous":
        return 401
    if endpoint.needs == "user":
        return endpoint.ok
    if endpoint.needs == "password":
        return 403  # every call here carries an API token, and a token cannot mint tokens
    if endpoint.needs == "admin":
        return endpoint.ok if role == "admin" else 403
    if role == "admin" and endpoint.admin_ok:
        return endpoint.admin_ok
    if role not in MEMBER_RANK:
        return 404
    return endpoint.ok if MEMBER_RANK[role] >= MEMBER_RANK[endpoint.needs] else 403


def call(client: TestClient, filled: Filled, endpoint: Endpoint, role: str):
    team = filled.team
    path = endpoint.path.format(map=team.map_id, workspace=team.workspace, own_token=filled.token_ids.get(role, 0))
    headers = team.headers(None if role == "anonymous" else role, **{"If-Match": '"1"'})
    if endpoint.content_type:
        headers["Content-Type"] = endpoint.content_type
    return client.request(endpoint.method, path, json=endpoint.json, content=endpoint.content, headers=headers)


def changes_nothing(endpoint: Endpoint, role: str) -> bool:
    """Whether the case must leave the server as it was: a refused request, or a read."""
    return expected(endpoint, role) >= 400 or endpoint.method == "GET"


class Shared:
    """One app over a copy of the filled database for the cases that change nothing, opened afresh after one that changed it."""

    def __init__(self, filled: Filled, folders: pytest.TempPathFactory) -> None:
        self.filled, self.folders = filled, folders
        self.open()

    def open(self) -> None:
        """Start the app over a new copy; remember every row and file it stored once started."""
        self.folder = self.folders.mktemp("shared")
        self.client = TestClient(self.filled.app_over_copy(self.folder)).__enter__()
        self.stored = stored(self.folder)

    def close(self) -> None:
        """Stop the app."""
        self.client.__exit__(None, None, None)

    def changes(self) -> list[str]:
        """Return the tables (and ``data files``) that differ from what the app stored once started; after a change, open afresh."""
        now = stored(self.folder)
        changed = [part for part in self.stored.keys() | now.keys() if self.stored.get(part) != now.get(part)]
        if changed:  # the next case starts from the filled database again, whatever this one did
            self.close()
            self.open()
        return sorted(changed)


@pytest.fixture(scope="module")
def shared(filled: Filled, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    """The app the cases that change nothing share: each checks that every row and file is still as it was stored."""
    app = Shared(filled, tmp_path_factory)
    yield app
    app.close()


def stored(folder: Path) -> dict[str, list[str]]:
    """Every row of every table of the database in ``folder``, and every file of its data folder with its bytes."""
    with closing(sqlite3.connect(folder / "team.db")) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {table: sorted(map(repr, db.execute(f'SELECT * FROM "{table}"'))) for table in tables}
    files = sorted(f"{path.relative_to(folder)} {path.read_bytes()!r}" for path in (folder / "data").rglob("*") if path.is_file())
    return {**rows, "data files": files}


@pytest.mark.parametrize("role", ORDER)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_endpoint_answers_each_role(request: pytest.FixtureRequest, filled: Filled, endpoint: Endpoint, role: str):
    if changes_nothing(endpoint, role):  # one app for all of them: a case that changed it fails here
        shared: Shared = request.getfixturevalue("shared")
        answer = call(shared.client, filled, endpoint, role)
        assert shared.changes() == [], "a refused request or a read changed what the server stores"
        answers_as_expected(answer, endpoint, role)
        return
    with TestClient(request.getfixturevalue("filled_app")) as client:
        answers_as_expected(call(client, filled, endpoint, role), endpoint, role)


def answers_as_expected(answer: Response, endpoint: Endpoint, role: str) -> None:
    """Assert that ``role`` got the answer ``endpoint`` owes it; a refusal in the error shape."""
    assert answer.status_code == expected(endpoint, role), answer.text
    if answer.status_code >= 400:
        assert set(answer.json()["error"]) == {"code", "message", "field"}


LIVE = Endpoint("GET", M + "/live?since=1&client=page", "viewer")
"""The live stream: refused like the others, and once allowed it does not end (tests/web/test_api_live.py reads it on a real server)."""


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_the_live_stream_is_refused_outside_the_workspace(filled_app, filled: Filled, role: str):
    with TestClient(filled_app) as client:
        answer = call(client, filled, LIVE, role)
        assert (answer.status_code, set(answer.json()["error"])) == (expected(LIVE, role), {"code", "message", "field"})


def test_the_table_covers_every_api_route(filled_app):
    public = {("POST", "/api/login"), ("POST", "/api/logout"), ("GET", "/api/shared/{token}"), ("GET", "/api/shared/{token}/photos/{name}"), ("GET", "/api/docs"), ("GET", "/api/openapi.json")}
    # the published operations: the same on every FastAPI version (newer ones hide included routers' routes from app.routes)
    routes = {(method.upper(), path) for path, operations in filled_app.openapi()["paths"].items() for method in operations}
    assert len(routes) > 60
    tested = {(endpoint.method, endpoint.path.split("?")[0]) for endpoint in [*ENDPOINTS, LIVE]}
    missing = []
    for method, path in routes - public:
        pattern = path.replace("{map_id}", "{map}").replace("{workspace_id}", "{workspace}")
        covered = any(_matches(pattern, tested_path) and method == tested_method for tested_method, tested_path in tested)
        if not covered:
            missing.append(f"{method} {path}")
    assert missing == []
    collections = {endpoint.path.split("/")[4] for endpoint in ENDPOINTS if endpoint.path.startswith(M + "/") and endpoint.method == "POST"}
    assert {"stages", "steps", "personas", "opportunities", "insights"} <= collections


def _matches(pattern: str, path: str) -> bool:
    pattern_parts, path_parts = pattern.split("/"), path.split("/")
    return len(pattern_parts) == len(path_parts) and all(
        want == got or (want.startswith("{") and want.endswith("}")) for want, got in zip(pattern_parts, path_parts)
    )


def test_an_outsider_cannot_tell_a_private_map_from_a_missing_one(filled_app, filled: Filled):
    team = filled.team
    with TestClient(filled_app) as client:
        for suffix in ("", "/revisions", "/comments", "/export?format=json"):
            real = client.get(f"/api/maps/{team.map_id}{suffix}", headers=team.headers("outsider"))
            fake = client.get(f"/api/maps/0000000000000000{suffix}", headers=team.headers("outsider"))
            assert (real.status_code, fake.status_code) == (404, 404)
            assert real.json()["error"]["message"].replace(team.map_id, "X") == fake.json()["error"]["message"].replace("0000000000000000", "X")


def test_a_share_link_opens_the_map_read_only_until_revoked(filled_app, filled: Filled):
    team = filled.team
    with TestClient(filled_app) as client:
        opened = client.get(f"/api/shared/{filled.share_token}")
        assert opened.status_code == 200 and opened.json()["journey"]["title"] == "Shop"
        assert client.put(f"/api/shared/{filled.share_token}", json=SHOP).status_code == 405
        assert client.delete(f"/api/maps/{team.map_id}/share", headers=team.headers("editor")).json() == {"revoked": 1}
        assert client.get(f"/api/shared/{filled.share_token}").status_code == 404
