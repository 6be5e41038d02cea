"""One error envelope everywhere, a 4xx for every client mistake, never a 500 for bad input."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st
from webtools import SHOP, Filled

BAD_REQUESTS = [
    # (role, method, path, options, status, code, field)
    (None, "GET", "/api/maps", {}, 401, "not_authenticated", None),
    ("editor", "GET", "/api/nowhere", {}, 404, "not_found", None),
    ("editor", "DELETE", "/api/maps", {}, 405, "method_not_allowed", None),
    ("editor", "PUT", "/api/maps/{map}", {"content": b"{bad", "headers": {"Content-Type": "application/json", "If-Match": '"1"'}}, 400, "invalid_json", None),
    ("editor", "PUT", "/api/maps/{map}", {"content": b"title: x", "headers": {"Content-Type": "text/plain", "If-Match": '"1"'}}, 415, "unsupported_media_type", None),
    ("editor", "PUT", "/api/maps/{map}", {"json": {**SHOP, "kind": "poem"}, "headers": {"If-Match": '"1"'}}, 422, "map_validation", "kind"),
    ("editor", "PUT", "/api/maps/{map}", {"json": [1, 2], "headers": {"If-Match": '"1"'}}, 422, "invalid_request", None),
    ("editor", "PUT", "/api/maps/{map}", {"json": SHOP}, 428, "precondition_required", None),
    ("editor", "PUT", "/api/maps/{map}", {"json": SHOP, "headers": {"If-Match": '"7"'}}, 409, "version_conflict", None),
    ("editor", "POST", "/api/workspaces/{workspace}/sources?name=big.csv", {"content": b"x" * 1001, "headers": {"Content-Type": "text/csv"}}, 413, "upload_too_large", None),
    ("editor", "POST", "/api/workspaces/{workspace}/sources?name=a.exe", {"content": b"MZ", "headers": {"Content-Type": "application/x-msdownload"}}, 415, "unsupported_media_type", None),
    ("editor", "POST", "/api/workspaces/{workspace}/sources", {"content": b"a", "headers": {"Content-Type": "text/csv"}}, 422, "invalid_request", "name"),
    ("editor", "GET", "/api/maps/{map}/diff?from=zero", {}, 422, "invalid_request", "from"),
    ("editor", "GET", "/api/maps/{map}/export?format=docx", {}, 422, "invalid_request", "format"),
    ("editor", "GET", "/api/maps/{map}/export?format=pdf&page=B5", {}, 400, "invalid_request", "page"),
    ("editor", "POST", "/api/maps/{map}/steps", {"json": {"name": "X"}, "headers": {"If-Match": '"1"'}}, 400, "invalid_request", "stage"),
    ("editor", "POST", "/api/maps/{map}/steps/pays/cards/moods", {"json": {"value": "x"}, "headers": {"If-Match": '"1"'}}, 422, "invalid_request", "lane"),
    ("editor", "PATCH", "/api/me", {"json": {"language": "fr"}}, 422, "invalid_request", "language"),
    ("viewer", "POST", "/api/maps/{map}/comments", {"json": {"body": "hi"}}, 403, "permission_denied", None),
    ("outsider", "GET", "/api/maps/{map}", {}, 404, "not_found", None),
    ("owner", "PUT", "/api/workspaces/{workspace}/members/owner", {"json": {"role": "viewer"}}, 409, "conflict", None),
]


def test_every_mistake_answers_the_one_envelope(filled_app, filled: Filled):
    team = filled.team
    with TestClient(filled_app, raise_server_exceptions=False) as client:
        for role, method, path, options, status, code, field in BAD_REQUESTS:
            options = dict(options)
            headers = {**team.headers(role), **options.pop("headers", {})}
            answer = client.request(method, path.format(map=team.map_id, workspace=team.workspace), headers=headers, **options)
            body = answer.json()
            assert (answer.status_code, body["error"]["code"], body["error"]["field"]) == (status, code, field), (method, path, body)
            assert set(body["error"]) == {"code", "message", "field"} and body["error"]["message"]
            assert answer.headers["content-type"] == "application/json"
            assert answer.headers["x-frame-options"] == "DENY"


def test_too_many_failed_logins_are_refused_with_429(filled_app):
    with TestClient(filled_app) as client:
        answers = [client.post("/api/login", json={"username": "viewer", "password": "wrong"}).status_code for _ in range(6)]
        assert answers == [401] * 5 + [429]
        refused = client.post("/api/login", json={"username": "viewer", "password": "viewer-password-1"})
        assert refused.json()["error"] == {"code": "too_many_attempts", "message": "too many failed logins; wait 300 seconds and try again", "field": None}


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20), lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(st.sampled_from(["title", "stages", "kind", "personas", "tags", "id", "version", "zzz"]), JSON, max_size=5))
def test_no_body_makes_a_save_fail_with_500(filled_app, filled: Filled, body):
    team = filled.team
    with TestClient(filled_app, raise_server_exceptions=False) as client:
        etag = client.get(f"/api/maps/{team.map_id}", headers=team.headers("editor")).headers["etag"]
        answer = client.put(f"/api/maps/{team.map_id}", content=json.dumps(body), headers=team.headers("editor", **{"If-Match": etag, "Content-Type": "application/json"}))
        assert answer.status_code in (200, 422), answer.text
        if answer.status_code == 422:
            assert set(answer.json()["error"]) == {"code", "message", "field"}


def test_errors_are_said_in_the_language_of_the_browser_or_of_the_user_who_logged_in(filled_app, filled: Filled):
    team = filled.team
    with TestClient(filled_app) as client:
        asked = client.get("/api/maps/nowhere", headers={**team.headers("editor"), "Accept-Language": "ru-RU,ru;q=0.9"})
        assert asked.json()["error"]["message"] == "нет карты nowhere"
        assert client.patch("/api/me", json={"language": "uk"}, headers=team.headers("editor")).status_code == 200
        client.cookies.clear()
        assert client.post("/api/login", json={"username": "editor", "password": "editor-password-1"}).status_code == 200
        assert client.get("/api/maps/nowhere").json()["error"]["message"] == "немає карти nowhere"
