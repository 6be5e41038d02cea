"""Logins, cookies, CSRF, API tokens, disabled users and the security headers."""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient
from sqlalchemy import select
from webtools import Filled

from journeymap.store import ApiToken, User, accounts, admin


def login(client: TestClient, role: str) -> str:
    answer = client.post("/api/login", json={"username": role, "password": f"{role}-password-1"})
    assert answer.status_code == 200, answer.text
    return answer.json()["csrf_token"]


def test_the_session_cookie_is_signed_httponly_and_samesite(filled_app):
    with TestClient(filled_app) as client:
        answer = client.post("/api/login", json={"username": "editor", "password": "editor-password-1"})
        cookie = answer.headers["set-cookie"]
        assert cookie.startswith("journeymap_session=") and "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
        assert client.get("/api/me").json()["user"]["username"] == "editor"
        client.cookies.set("journeymap_session", tampered(cookie.split(";")[0].split("=", 1)[1]))
        assert client.get("/api/me").status_code == 401


def tampered(value: str) -> str:
    """``value`` with one character of its signature changed: the fifth from the end, which base64 decodes in full
    (the last one carries padding bits a decoder may ignore, so changing it can leave the signature valid)."""
    changed = "A" if value[-5] != "A" else "B"
    return value[:-5] + changed + value[-4:]


def test_a_cookie_session_must_send_its_csrf_token_to_change_anything(filled_app, filled: Filled):
    with TestClient(filled_app) as client:
        csrf = login(client, "commenter")
        url = f"/api/maps/{filled.team.map_id}/comments"
        refused = client.post(url, json={"body": "forged"})
        assert (refused.status_code, refused.json()["error"]["code"]) == (403, "permission_denied")
        assert client.post(url, json={"body": "forged"}, headers={"X-CSRF-Token": "guess"}).status_code == 403
        assert client.post(url, json={"body": "mine"}, headers={"X-CSRF-Token": csrf}).status_code == 201
        assert [c["body"] for c in client.get(url).json()["comments"]] == ["Is this step real?", "mine"]
        assert client.get("/api/me").json()["csrf_token"] == csrf


def test_api_tokens_are_stored_hashed_shown_once_and_revocable(filled_app, filled: Filled):
    with TestClient(filled_app) as client:
        csrf = login(client, "viewer")
        created = client.post("/api/tokens", json={"name": "laptop"}, headers={"X-CSRF-Token": csrf}).json()
        client.cookies.clear()
        mine = {"Authorization": f"Bearer {created['token']}"}
        assert client.get("/api/me", headers=mine).json()["user"]["username"] == "viewer"
        assert [t["name"] for t in client.get("/api/tokens", headers=mine).json()["tokens"]] == ["laptop", "tests"]
        assert "token" not in client.get("/api/tokens", headers=mine).json()["tokens"][0]
        with filled_app.state.store.reading() as session:
            stored = session.scalars(select(ApiToken.token_hash)).all()
        assert created["token"] not in stored and accounts.token_digest(created["token"]) in stored
        assert client.delete(f"/api/tokens/{created['id']}", headers=mine).status_code == 200
        assert client.get("/api/me", headers=mine).status_code == 401
        assert client.get("/api/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_passwords_are_argon2_hashes_and_never_logged(filled_app, caplog):
    caplog.set_level(logging.DEBUG)
    with TestClient(filled_app) as client:
        login(client, "owner")
        client.post("/api/login", json={"username": "owner", "password": "a-wrong-secret"})
    with filled_app.state.store.reading() as session:
        hashes = session.scalars(select(User.password_hash)).all()
    assert all(value.startswith("$argon2id$") for value in hashes)
    assert "owner-password-1" not in caplog.text and "a-wrong-secret" not in caplog.text


def test_disabling_a_user_or_resetting_their_password_ends_their_sessions_and_tokens(filled_app, filled: Filled):
    store = filled_app.state.store
    with TestClient(filled_app) as client:
        login(client, "editor")
        admin.reset_password(store, "editor")
        assert client.get("/api/me").status_code == 401
        assert client.post("/api/login", json={"username": "editor", "password": "editor-password-1"}).status_code == 401
        admin.set_active(store, "viewer", False)
        assert client.get("/api/me", headers=filled.team.headers("viewer")).status_code == 401


def test_logout_removes_the_cookie_and_ends_the_session_on_the_server(filled_app, filled: Filled):
    with TestClient(filled_app) as client:
        csrf = login(client, "owner")
        cookie = client.cookies["journeymap_session"]
        assert client.post("/api/logout").status_code == 403
        assert 'journeymap_session=""' in client.post("/api/logout", headers={"X-CSRF-Token": csrf}).headers["set-cookie"]
        assert client.get("/api/me").status_code == 401
        client.cookies.set("journeymap_session", cookie)
        replayed = client.post(f"/api/maps/{filled.team.map_id}/comments", json={"body": "after logout"}, headers={"X-CSRF-Token": csrf})
        assert replayed.status_code == 401 and client.get("/api/me").status_code == 401


def test_every_answer_carries_the_security_headers(filled_app, filled: Filled):
    with TestClient(filled_app) as client:
        for path in ("/api/docs", "/api/openapi.json", f"/api/maps/{filled.team.map_id}", "/api/nowhere"):
            headers = client.get(path, headers=filled.team.headers("viewer")).headers
            assert "script-src 'self'" in headers["content-security-policy"] and "unsafe-inline" not in headers["content-security-policy"]
            assert (headers["x-frame-options"], headers["referrer-policy"], headers["x-content-type-options"]) == ("DENY", "same-origin", "nosniff")


def test_the_api_reference_lists_every_operation_without_script(filled_app):
    with TestClient(filled_app) as client:
        page = client.get("/api/docs").text
        schema = client.get("/api/openapi.json").json()
    assert "<script" not in page and "http" not in page.split("</head>")[0]
    assert all(f"<code>{path}</code>" in page for path in schema["paths"])


def test_changing_ones_password_needs_the_current_one_and_ends_other_sessions(filled_app, filled: Filled):
    team = filled.team
    with TestClient(filled_app) as browser, TestClient(filled_app) as api:
        login(browser, "editor")
        wrong = api.patch("/api/me", json={"password": "a brand new password", "current_password": "guess"}, headers=team.headers("editor"))
        assert (wrong.status_code, wrong.json()["error"]["field"]) == (400, "current_password")
        changed = api.patch("/api/me", json={"password": "a brand new password", "current_password": "editor-password-1", "language": "uk"}, headers=team.headers("editor"))
        assert changed.json()["user"]["language"] == "uk"
        assert browser.get("/api/me").status_code == 401
        assert browser.post("/api/login", json={"username": "editor", "password": "a brand new password"}).status_code == 200
