"""Share links through the API and their pages, on SQLite and PostgreSQL: create, list, revoke one, expiry, password."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from webtools import Team, make_team

from journeymap.settings import Settings
from journeymap.store import Role, ShareLink, User, set_member
from journeymap.store.tables import utcnow
from journeymap.web import create_app


@pytest.fixture
def api(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Team, FastAPI]]:
    application = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret", login_attempts=3))
    team = make_team(application)
    with TestClient(application) as client:
        yield client, team, application
    application.state.store.close()


def share(client: TestClient, team: Team, role: str = "editor", **choice) -> dict:
    answer = client.post(f"/api/maps/{team.map_id}/share", headers=team.headers(role), json=choice)
    assert answer.status_code == 201, answer.text
    return answer.json()


def form_csrf(page: str) -> str:
    """The hidden CSRF field of a share link's password form (not the session's, in the page header's forms)."""
    return re.search(r'<form method="post" action="/shared/[^"]+">\s*<input type="hidden" name="csrf" value="([^"]+)">', page).group(1)


def test_links_are_created_listed_and_revoked_one_by_one(api):
    client, team, _app = api
    board = share(client, team, label="Board", expires_in_days=7, show_comments=True)
    public = share(client, team, "owner")
    assert board["url"] == f"/shared/{board['token']}" and board["api_url"] == f"/api/shared/{board['token']}"
    listed = client.get(f"/api/maps/{team.map_id}/shares", headers=team.headers("editor")).json()["links"]
    assert [(link["label"], link["created_by"], link["has_password"], link["show_comments"], link["state"]) for link in listed] == [
        ("", "owner", False, False, "live"),
        ("Board", "editor", False, True, "live"),
    ]
    assert listed[1]["expires_at"] > listed[1]["created_at"] and listed[0]["expires_at"] is None and listed[1]["last_used_at"] is None
    assert client.get(board["api_url"]).json()["journey"]["title"] == "Shop"
    opened = client.get(f"/api/maps/{team.map_id}/shares", headers=team.headers("editor")).json()["links"][1]
    assert opened["last_used_at"] is not None
    revoked = client.delete(f"/api/maps/{team.map_id}/shares/{board['link']['id']}", headers=team.headers("editor"))
    assert revoked.json()["link"]["state"] == "revoked"
    gone = client.get(board["api_url"])
    assert gone.status_code == 404 and gone.json()["error"]["message"] == "this share link was revoked; ask the person who shared the map for a new one"
    assert client.get(public["api_url"]).status_code == 200
    assert client.get(f"/api/maps/{team.map_id}/shares", headers=team.headers("viewer")).status_code == 403
    assert client.delete(f"/api/maps/{team.map_id}/shares/999", headers=team.headers("editor")).status_code == 404
    assert client.delete(f"/api/maps/{team.map_id}/share", headers=team.headers("editor")).json() == {"revoked": 1}
    assert client.get(public["api_url"]).status_code == 404


def test_an_expired_link_is_refused_with_a_page_that_says_so(api):
    client, team, app = api
    link = share(client, team, expires_at=(utcnow() + timedelta(hours=1)).isoformat())
    assert client.get(link["url"]).status_code == 200
    with app.state.store.writing() as session:
        session.get(ShareLink, link["link"]["id"]).expires_at = utcnow() - timedelta(minutes=1)
    answer = client.get(link["api_url"])
    assert answer.status_code == 404 and answer.json()["error"]["message"].startswith("this share link expired on ")
    page = client.get(link["url"])
    assert page.status_code == 404 and "this share link expired on" in page.text and "poster-frame" not in page.text
    assert client.get(link["url"] + "/poster").status_code == 404
    listed = client.get(f"/api/maps/{team.map_id}/shares", headers=team.headers("editor")).json()["links"]
    assert listed[0]["state"] == "expired"


def test_an_expiry_in_the_past_or_twice_given_is_refused(api):
    client, team, _app = api
    past = client.post(f"/api/maps/{team.map_id}/share", headers=team.headers("editor"), json={"expires_at": "2020-01-01T00:00:00Z"})
    assert past.status_code == 400 and past.json()["error"]["field"] == "expires_at"
    both = client.post(f"/api/maps/{team.map_id}/share", headers=team.headers("editor"), json={"expires_at": "2099-01-01T00:00:00", "expires_in_days": 2})
    assert both.status_code == 400 and "not both" in both.json()["error"]["message"]
    short = client.post(f"/api/maps/{team.map_id}/share", headers=team.headers("editor"), json={"password": "abc"})
    assert short.status_code == 400 and short.json()["error"]["field"] == "password"


def test_a_password_is_asked_wrong_ones_refused_and_limited(api):
    client, team, _app = api
    link = share(client, team, password="workshop-2026", label="Workshop")
    assert client.get(f"/api/maps/{team.map_id}/shares", headers=team.headers("editor")).json()["links"][0]["has_password"] is True
    needs = client.get(link["api_url"])
    assert needs.status_code == 401 and "needs its password" in needs.json()["error"]["message"]
    assert client.get(link["api_url"], headers={"X-Share-Password": "wrong one"}).status_code == 401
    assert client.get(link["api_url"], headers={"X-Share-Password": "workshop-2026"}).json()["journey"]["title"] == "Shop"
    form = client.get(link["url"])
    assert form.status_code == 200 and 'type="password"' in form.text and "Sees ad" not in form.text
    assert client.get(link["url"] + "/poster").status_code == 401
    csrf = form_csrf(form.text)
    forged = client.post(link["url"], data={"password": "workshop-2026", "csrf": "not the cookie's"}, follow_redirects=False)
    assert forged.status_code == 403 and f"journeymap_share_{link['link']['id']}=" not in forged.headers.get("set-cookie", "")
    wrong = client.post(link["url"], data={"password": "nope nope", "csrf": csrf}, follow_redirects=False)
    assert wrong.status_code == 401 and "wrong password for this share link" in wrong.text
    right = client.post(link["url"], data={"password": "workshop-2026", "csrf": csrf}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == link["url"]
    assert "poster-frame" in client.get(link["url"]).text
    assert "Sees ad" in client.get(link["url"] + "/poster").text
    member = TestClient(client.app)
    member.post("/login", data={"username": "viewer", "password": "viewer-password-1", "next": "/"})
    member_form = member.get(link["url"])
    member_csrf = form_csrf(member_form.text)
    assert member.post(link["url"], data={"password": "workshop-2026", "csrf": member_csrf}, follow_redirects=False).status_code == 303
    stranger = TestClient(client.app)
    # two wrong passwords above; the third on this link (login_attempts=3) locks it, even for the right one
    assert stranger.get(link["api_url"], headers={"X-Share-Password": "guess"}).status_code == 401
    assert stranger.get(link["api_url"], headers={"X-Share-Password": "workshop-2026"}).status_code == 429


def test_the_poster_is_served_with_its_steps_photos_and_no_outside_script(api, tmp_path: Path):
    client, team, _app = api
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    photo = client.post(f"/api/maps/{team.map_id}/photos", headers=team.headers("editor", **{"Content-Type": "image/png"}), content=png).json()["photo"]
    current = client.get(f"/api/maps/{team.map_id}", headers=team.headers("editor"))
    document = current.json()["journey"]
    document["personas"][0]["photo"] = photo
    assert client.put(f"/api/maps/{team.map_id}", headers=team.headers("editor", **{"If-Match": current.headers["etag"]}), json=document).status_code == 200
    link = share(client, team)
    page = client.get(link["url"])
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert f'src="/shared/{link["token"]}/poster"' in page.text and "Comments" not in page.text
    poster = client.get(link["url"] + "/poster")
    assert poster.status_code == 200
    for name in ("Sees ad", "Searches", "Pays", "too loud", "One-click payment"):
        assert name in poster.text
    assert "data:image/png;base64," in poster.text
    assert re.findall(r"<script[^>]*\bsrc=", poster.text) == [] and "http://" not in poster.text.replace("http://www.w3.org", "")
    policy = poster.headers["content-security-policy"]
    assert "script-src" not in policy and policy.startswith("default-src 'none'") and "frame-ancestors 'self'" in policy
    assert poster.headers["x-frame-options"] == "SAMEORIGIN"


def test_comments_are_shown_beside_the_poster_only_when_chosen(api):
    client, team, _app = api
    client.post(f"/api/maps/{team.map_id}/comments", headers=team.headers("commenter"), json={"body": "Is <b>this</b> real?", "step": "pays"})
    with_comments = client.get(share(client, team, show_comments=True)["url"])
    assert "Is &lt;b&gt;this&lt;/b&gt; real?" in with_comments.text and "Pays" in with_comments.text
    assert "Is &lt;b&gt;this" not in client.get(share(client, team)["url"]).text


def test_a_link_stops_working_when_its_creator_can_no_longer_edit(api):
    client, team, app = api
    link = share(client, team)
    with app.state.store.writing() as session:
        editor = session.scalar(select(User).where(User.username == "editor"))
        set_member(session, team.workspace, editor, Role.viewer)
    answer = client.get(link["api_url"])
    assert answer.status_code == 404 and answer.json()["error"]["message"] == "this share link no longer works: the person who made it can no longer edit the map"
    listed = client.get(f"/api/maps/{team.map_id}/shares", headers=team.headers("owner")).json()["links"]
    assert listed[0]["state"] == "creator_lost_access"


def test_an_unknown_link_says_so(api):
    client, _team, _app = api
    answer = client.get("/api/shared/not-a-token")
    assert answer.status_code == 404 and answer.json()["error"]["message"] == "this share link does not exist; check that it was copied whole"


@pytest.mark.parametrize(
    ("language", "kind", "written"),
    [("ru", "Отзыв", "2 нояб. 2026\u202fг."), ("kk", "Пікір", "2026\u202fж. 02 қар."), ("en", "Review", "Nov 2, 2026")],
)
def test_the_shared_poster_writes_dates_in_the_visitors_language(api, language: str, kind: str, written: str):
    client, team, _app = api
    current = client.get(f"/api/maps/{team.map_id}", headers=team.headers("editor"))
    document = current.json()["journey"]
    document["stages"][0]["steps"][0]["evidence"] = [{"text": "Too loud", "kind": "review", "date": "2026-11-02"}]
    assert client.put(f"/api/maps/{team.map_id}", headers=team.headers("editor", **{"If-Match": current.headers["etag"]}), json=document).status_code == 200
    link = share(client, team)
    visitor = TestClient(client.app)
    poster = visitor.get(link["url"] + "/poster", headers={"Accept-Language": language})
    assert poster.status_code == 200 and f"<li>Too loud — {kind} · {written}</li>" in poster.text


@pytest.mark.parametrize("language", ["kk", "uz"])
def test_a_links_times_are_written_by_babel_as_comments_are(api, language: str):
    from babel.dates import format_date, format_time

    client, team, _app = api
    share(client, team, label="Board", expires_in_days=7)
    assert client.patch("/api/me", json={"language": language}, headers=team.headers("editor")).status_code == 200
    link = client.get(f"/api/maps/{team.map_id}/shares", headers=team.headers("editor")).json()["links"][0]
    moment = datetime.fromisoformat(link["created_at"])
    assert link["shown"]["created_at"] == f"{format_date(moment, 'medium', locale=language)} {format_time(moment, 'short', locale=language)}"
    assert "M12" not in link["shown"]["expires_at"] and link["shown"]["last_used_at"] == ""
