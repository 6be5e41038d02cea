"""Sessions that end on the server, login limits shared in the database, proxies, login CSRF, token scopes (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update
from webtools import Team, make_team

from journeymap.settings import Settings
from journeymap.store import ApiToken, accounts
from journeymap.store.tables import LoginSession, utcnow
from journeymap.web import create_app


@pytest.fixture
def team_app(db_url: str, tmp_path) -> Iterator[tuple[FastAPI, Team]]:
    application = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret", session_idle_seconds=600, trusted_proxies="10.9.9.9"))
    team = make_team(application)
    yield application, team
    application.state.store.close()


def login(client: TestClient, role: str, password: str | None = None, **headers: str):
    return client.post("/api/login", json={"username": role, "password": password or f"{role}-password-1"}, headers=headers)


def test_a_session_replayed_after_logout_password_change_or_disable_is_refused(team_app):
    application, team = team_app
    comment = {"body": "still here?"}
    with TestClient(application) as client:
        csrf = login(client, "editor").json()["csrf_token"]
        cookie = client.cookies["journeymap_session"]
        client.post("/api/logout", headers={"X-CSRF-Token": csrf})
        client.cookies.set("journeymap_session", cookie)
        assert client.post(f"/api/maps/{team.map_id}/comments", json=comment, headers={"X-CSRF-Token": csrf}).status_code == 401

        client.cookies.clear()
        csrf = login(client, "commenter").json()["csrf_token"]
        other = TestClient(application)
        other_csrf = login(other, "commenter").json()["csrf_token"]
        changed = client.patch("/api/me", json={"password": "a-new-password-2", "current_password": "commenter-password-1"}, headers={"X-CSRF-Token": csrf})
        assert changed.status_code == 200
        assert other.post(f"/api/maps/{team.map_id}/comments", json=comment, headers={"X-CSRF-Token": other_csrf}).status_code == 401

        client.cookies.clear()
        viewer_csrf = login(client, "viewer").json()["csrf_token"]
        with application.state.store.writing() as session:
            accounts.set_active(session, accounts.user_named(session, "viewer"), False)
        assert client.get("/api/me", headers={"X-CSRF-Token": viewer_csrf}).status_code == 401


def test_a_session_ends_when_idle_or_too_old(team_app):
    application, team = team_app
    with TestClient(application) as client:
        login(client, "viewer")
        assert client.get("/api/me").status_code == 200
        with application.state.store.writing() as session:
            session.execute(update(LoginSession).values(seen_at=utcnow() - timedelta(seconds=601)))
        assert client.get("/api/me").status_code == 401
        login(client, "viewer")
        with application.state.store.writing() as session:
            session.execute(update(LoginSession).values(created_at=utcnow() - timedelta(days=15)))
        assert client.get("/api/me").status_code == 401


def test_failed_logins_are_limited_per_address_and_per_account_apart(team_app):
    application, team = team_app
    with TestClient(application) as client:
        answers = [login(client, "viewer", "wrong").status_code for _ in range(5)] + [login(client, "viewer").status_code]
        assert answers == [401] * 5 + [429]
        assert login(client, "editor").status_code == 429, "the same address is limited for every account"
    with TestClient(application, client=("10.0.0.2", 5000)) as elsewhere:
        assert login(elsewhere, "viewer").status_code == 200, "another address may still log in to the account"
    sprayed = [login(TestClient(application, client=(f"10.1.0.{number}", 5000)), "owner", "wrong").status_code for number in range(20)]
    assert sprayed == [401] * 20
    assert login(TestClient(application, client=("10.2.0.1", 5000)), "owner").status_code == 429, "one account, many addresses"


def test_the_login_limit_holds_across_server_processes_sharing_the_database(team_app, db_url, tmp_path):
    application, _team = team_app
    other = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret"))  # a second worker: its own app, the same database
    try:
        with TestClient(application) as first, TestClient(other) as second:
            answers = [login(client, "viewer", "wrong").status_code for client in (first, second, first, second, first)]
            assert answers == [401] * 5
            assert login(second, "viewer").status_code == 429, "five failures spread over two workers are five failures"
            assert login(first, "viewer").status_code == 429
    finally:
        other.state.store.close()


def test_forwarded_addresses_are_believed_only_from_a_trusted_proxy(team_app):
    application, team = team_app
    rotated = [login(TestClient(application, client=("127.0.0.1", 5000)), "viewer", "wrong", **{"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(6)]
    assert rotated == [401] * 5 + [429], "X-Forwarded-For from loopback is not a new address"
    proxy = TestClient(application, client=("10.9.9.9", 5000))
    assert login(proxy, "editor", **{"X-Forwarded-For": "203.0.113.77"}).status_code == 200


def test_a_login_posted_from_another_site_is_refused(team_app):
    application, team = team_app
    with TestClient(application) as client:
        assert login(client, "viewer", **{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}).status_code == 403
        form = client.post("/login", data={"username": "viewer", "password": "viewer-password-1", "next": "/"}, headers={"Origin": "https://evil.example"}, follow_redirects=False)
        assert form.status_code == 403 and "journeymap_session" not in form.headers.get("set-cookie", "")
        assert login(client, "viewer", **{"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}).status_code == 200


def test_tokens_have_a_scope_and_an_expiry_and_cannot_mint_tokens(team_app):
    application, team = team_app
    made = {}
    for role in ("owner", "admin"):
        with TestClient(application) as client:
            csrf = login(client, role).json()["csrf_token"]
            for scope in ("read", "write"):
                made[f"{role}-{scope}"] = client.post("/api/tokens", json={"name": scope, "scope": scope}, headers={"X-CSRF-Token": csrf}).json()
    assert made["owner-write"]["scope"] == "write" and made["owner-write"]["expires_at"] is not None
    bearer = {name: {"Authorization": f"Bearer {token['token']}"} for name, token in made.items()}
    bearer["read"], bearer["write"] = bearer["owner-read"], bearer["owner-write"]
    with TestClient(application) as client:
        assert client.get(f"/api/maps/{team.map_id}", headers=bearer["read"]).status_code == 200
        assert client.post(f"/api/maps/{team.map_id}/comments", json={"body": "x"}, headers=bearer["read"]).status_code == 403
        assert client.post(f"/api/maps/{team.map_id}/comments", json={"body": "x"}, headers=bearer["write"]).status_code == 201
        assert client.get("/api/users", headers=bearer["admin-write"]).status_code == 403
        assert client.get("/api/users", headers=team.headers("admin")).status_code == 200
        minted = client.post("/api/tokens", json={"name": "child"}, headers=bearer["write"])
        assert (minted.status_code, minted.json()["error"]["code"]) == (403, "permission_denied")
        with application.state.store.writing() as session:
            session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        assert client.get("/api/me", headers=bearer["write"]).status_code == 401


def test_a_password_change_revokes_tokens_unless_kept(team_app):
    application, team = team_app
    with TestClient(application) as client:
        csrf = login(client, "editor").json()["csrf_token"]
        kept = client.patch("/api/me", json={"password": "editor-password-2", "current_password": "editor-password-1", "keep_tokens": True}, headers={"X-CSRF-Token": csrf})
        assert kept.status_code == 200 and client.get("/api/me", headers=team.headers("editor")).status_code == 200
        csrf = login(client, "editor", "editor-password-2").json()["csrf_token"]
        client.patch("/api/me", json={"password": "editor-password-3", "current_password": "editor-password-2"}, headers={"X-CSRF-Token": csrf})
        assert client.get("/api/me", headers=team.headers("editor")).status_code == 401
