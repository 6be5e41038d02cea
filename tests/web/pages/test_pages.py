"""The editor's pages through HTTP: login form, map list, editor, history, language, share, errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from pagetools import Team, editor_config, log_in, password

from journeymap.i18n import gettext as _, in_language
from journeymap.model import Journey
from journeymap.store import User, add_map


def test_pages_need_a_login_and_come_back_after_it(client: TestClient, team: Team) -> None:
    answer = client.get(f"/maps/{team.map_id}/history?x=1", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, f"/login?next=%2Fmaps%2F{team.map_id}%2Fhistory%3Fx%3D1")
    answer = client.post("/login", data={"username": "ed", "password": password("ed"), "next": f"/maps/{team.map_id}"}, follow_redirects=False)
    assert answer.headers["location"] == f"/maps/{team.map_id}"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
def test_login_never_redirects_elsewhere(client: TestClient, team: Team, target: str) -> None:
    answer = client.post("/login", data={"username": "ed", "password": password("ed"), "next": target}, follow_redirects=False)
    assert answer.headers["location"] == "/"


def test_a_wrong_password_shows_the_form_again_with_the_reason(client: TestClient, team: Team) -> None:
    answer = client.post("/login", data={"username": "ed", "password": "nope"})
    assert answer.status_code == 401
    assert '<p class="alert" role="alert">wrong user name or password</p>' in answer.text
    assert 'value="ed"' in answer.text and "journeymap_session" not in answer.headers.get("set-cookie", "")


def test_pages_carry_the_security_headers_and_no_inline_script(client: TestClient, team: Team) -> None:
    log_in(client, team, "owner")
    for path in ["/login", "/", f"/maps/{team.map_id}", f"/maps/{team.map_id}/history"]:
        answer = client.get(path)
        assert answer.status_code == 200
        assert "script-src 'self'" in answer.headers["content-security-policy"] and answer.headers["x-frame-options"] == "DENY"
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", answer.text, re.DOTALL)
        assert all("src=" in attributes or 'type="application/json"' in attributes for attributes, _body in scripts)
        assert not re.search(r"\son[a-z]+=", answer.text), path


def test_the_map_list_filters_and_escapes_titles(client: TestClient, team: Team) -> None:
    with team.app.state.store.writing() as session:
        owner = session.query(User).filter_by(username="ana").one()
        add_map(session, team.workspace, Journey(title='"><img src=x onerror=alert(1)> <script>', tags=["evil"]), author=owner)
    log_in(client, team, "viewer")
    page = client.get("/").text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;" in page and "<img" not in page
    assert ">Shop</a>" in page
    filtered = client.get("/?tag=evil").text
    assert ">Shop</a>" not in filtered and "onerror" in filtered
    assert "You can view maps but not create them." in page


def test_the_editor_tells_the_script_the_callers_rights(client: TestClient, team: Team) -> None:
    for role, can_edit, can_comment in [("editor", True, True), ("commenter", False, True), ("viewer", False, False)]:
        client.cookies.clear()
        log_in(client, team, role)
        config = editor_config(client.get(f"/maps/{team.map_id}").text)
        assert (config["canEdit"], config["canComment"]) == (can_edit, can_comment)


def test_the_editor_offers_the_pdf_on_a_page_size_a3_first_as_the_command_line(client: TestClient, team: Team) -> None:
    log_in(client, team, "viewer")
    page = client.get(f"/maps/{team.map_id}").text
    form = page[page.index('<form class="export-pdf"') : page.index("</form>", page.index('<form class="export-pdf"'))]
    assert f'action="/api/maps/{team.map_id}/export" method="get"' in form and '<input type="hidden" name="format" value="pdf">' in form
    assert re.findall(r'<option value="(\w+)"( selected)?>', form) == [("A3", " selected"), ("A2", ""), ("A4", ""), ("Letter", "")]
    assert ">US Letter</option>" in form and '<label class="visually-hidden" for="export-page">Page size</label>' in form


def test_an_outsider_gets_the_same_not_found_page_as_for_a_missing_map(client: TestClient, team: Team) -> None:
    log_in(client, team, "outsider")
    hidden = client.get(f"/maps/{team.map_id}")
    missing = client.get("/maps/no-such-map")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.text.replace(team.map_id, "X") == missing.text.replace("no-such-map", "X")


def test_the_language_is_kept_for_the_user_and_needs_the_csrf_token(client: TestClient, team: Team) -> None:
    csrf = log_in(client, team, "editor")
    refused = client.post("/language", data={"language": "ru", "csrf": "forged", "next": "/"}, follow_redirects=False)
    assert refused.status_code == 403
    answer = client.post("/language", data={"language": "ru", "csrf": csrf, "next": "/"}, follow_redirects=False)
    assert answer.status_code == 303
    client.cookies.clear()
    log_in(client, team, "editor")
    page = client.get(f"/maps/{team.map_id}").text
    with in_language("ru"):
        actions = _("Actions")
    assert '<html lang="ru">' in page and editor_config(page)["lanes"][0]["title"] == actions != "Actions"
    assert client.get("/api/me").json()["user"]["language"] == "ru"


def test_a_visitor_chooses_a_language_by_cookie(client: TestClient) -> None:
    client.post("/language", data={"language": "lt", "next": "/login"})
    assert '<html lang="lt">' in client.get("/login").text
    assert '<html lang="uk">' in TestClient(client.app).get("/login", headers={"Accept-Language": "uk-UA,uk;q=0.9"}).text


def test_history_lists_revisions_with_dates_in_the_users_language(client: TestClient, team: Team) -> None:
    csrf = log_in(client, team, "editor")
    client.post("/language", data={"language": "ru", "csrf": csrf, "next": "/"})
    page = client.get(f"/maps/{team.map_id}/history").text
    assert re.search(r"<td>\d{1,2}\s[а-я]+\.?\s20\d\d\sг\.\s\d\d:\d\d</td>", page)


def test_a_share_link_page_and_a_revoked_one(client: TestClient, team: Team) -> None:
    token = client.post(f"/api/maps/{team.map_id}/share", headers=team.headers("editor")).json()["token"]
    page = client.get(f"/shared/{token}")
    assert page.status_code == 200 and f'src="/shared/{token}/poster"' in page.text and 'id="editor-config"' not in page.text
    client.request("DELETE", f"/api/maps/{team.map_id}/share", headers=team.headers("editor"))
    gone = client.get(f"/shared/{token}")
    assert gone.status_code == 404 and "this share link was revoked" in gone.text

def test_static_files_and_fonts_are_served_from_the_package(client: TestClient) -> None:
    for path, kind in [("/static/app.css", "text/css"), ("/static/editor.js", "javascript"), ("/static/fonts/NotoSans-Regular.woff2", "font/woff2")]:
        answer = client.get(path)
        assert answer.status_code == 200 and kind in answer.headers["content-type"], path


def test_mermaid_converts_to_a_map_and_exports_back(client: TestClient, team: Team) -> None:
    diagram = "journey\n  title Coffee\n  section Order\n    Choose a drink: 4: Me\n    Pay: 2: Me\n"
    answer = client.post("/api/convert/mermaid", json={"text": diagram}, headers=team.headers("editor"))
    journey = answer.json()["journey"]
    assert journey["title"] == "Coffee" and [step["name"] for step in journey["stages"][0]["steps"]] == ["Choose a drink", "Pay"]
    exported = client.get(f"/api/maps/{team.map_id}/export?format=mermaid", headers=team.headers("viewer"))
    assert exported.text.splitlines()[:2] == ["journey", "    title Shop"]
    assert 'filename="shop.mmd"' in exported.headers["content-disposition"]


def test_the_editor_shows_measured_metrics_with_their_source_in_the_users_language(client: TestClient, team: Team) -> None:
    document = team.stored()
    document["stages"][1]["steps"][0]["metrics"] = {"audience": 12400, "conversion": {"authored": 0.4, "measured": {"value": 0.355, "count": 4402, "source": "events.csv"}}}
    version = document.pop("version")
    saved = client.put(f"/api/maps/{team.map_id}", json=document, headers={**team.headers("editor"), "If-Match": f'"{version}"'})
    assert saved.status_code == 200
    csrf = log_in(client, team, "viewer")
    client.post("/language", data={"language": "ru", "csrf": csrf, "next": "/"})
    cells = editor_config(client.get(f"/maps/{team.map_id}").text)["metrics"]
    assert cells == {
        "pays": [
            {"label": "Аудитория", "text": "12\xa0400", "measured": False, "source": ""},
            {"label": "Конверсия", "text": "36%", "measured": True, "source": "events.csv · n = 4\xa0402"},
        ]
    }


def test_an_editor_gets_the_forms_that_create_maps_in_their_workspaces_only(client: TestClient, team: Team) -> None:
    log_in(client, team, "editor")
    page = client.get("/").text
    for form in ("new-workspace", "import-workspace"):
        choices = re.search(rf'<select id="{form}" name="workspace">(.*?)</select>', page, re.DOTALL).group(1)
        assert re.findall(r'<option value="(\d+)">([^<]*)</option>', choices) == [(str(team.workspace), "Team")]


def test_the_map_list_names_kinds_and_states_as_the_editor_does(client: TestClient, team: Team) -> None:
    log_in(client, team, "viewer")
    panels = editor_config(client.get(f"/maps/{team.map_id}").text)["panels"]
    page = client.get("/").text
    for select, choices in [("kind", panels["kinds"]), ("state", panels["states"])]:
        options = re.search(rf'<select id="{select}" name="{select}">(.*?)</select>', page, re.DOTALL).group(1)
        named = [(choice["key"], choice["title"]) for choice in choices]
        assert re.findall(r'<option value="(\w+)">([^<]*)</option>', options) == named
    assert ("lxm", "Life experience map") in [(choice["key"], choice["title"]) for choice in panels["kinds"]]
