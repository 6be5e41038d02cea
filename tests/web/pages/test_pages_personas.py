"""The pages' parts for personas, ideas and owners: the Personas panel, the idea form, the 'Created by' filter."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from pagetools import Team, editor_config, log_in

from journeymap.model import Journey
from journeymap.store import User, add_map


def test_an_editor_gets_the_personas_panel_and_the_idea_form_a_viewer_only_the_panel(client: TestClient, team: Team) -> None:
    log_in(client, team, "editor")
    page = client.get(f"/maps/{team.map_id}").text
    assert '<section id="personas"' in page and 'id="add-persona"' in page and '<form id="idea-form"' in page
    assert '<script type="module" src="/static/editor-page.js"></script>' in page
    entry = client.get("/static/editor-page.js").text
    for script in ("personas.js", "ideas.js"):
        assert f'import "./{script}";' in entry
        assert client.get(f"/static/{script}").status_code == 200
    statuses = re.search(r'<select id="idea-status" name="status">(.*?)</select>', page, re.DOTALL).group(1)
    assert re.findall(r'<option value="(\w+)">([^<]*)</option>', statuses) == [("idea", "Proposed"), ("planned", "Planned"), ("in_progress", "In progress"), ("done", "Done"), ("rejected", "Rejected")]
    for score in ("criticality", "design_ease", "development_ease", "audience"):
        assert f'<label for="idea-{score}">' in page and f'<select id="idea-{score}" name="{score}" aria-describedby="idea-scale">' in page
    settings = editor_config(page)["personas"]
    assert [role["key"] for role in settings["roles"]] == ["decision_maker", "user", "influencer", "purchaser", "gatekeeper"]
    assert (settings["photoTypes"], settings["photoLimit"]) == ("image/png,image/jpeg,image/webp", 2 * 1024 * 1024)
    client.cookies.clear()
    log_in(client, team, "viewer")
    page = client.get(f"/maps/{team.map_id}").text
    assert '<div id="persona-list"' in page and 'id="add-persona"' not in page and "idea-form" not in page


def test_the_ranked_ideas_table_names_statuses_in_the_users_language(client: TestClient, team: Team) -> None:
    ideas = [{"title": "Chat", "status": "rejected"}, {"title": "One tap", "criticality": 5, "design_ease": 4, "development_ease": 3, "audience": 5, "status": "done"}]
    document = team.stored()
    version = document.pop("version")
    saved = client.put(f"/api/maps/{team.map_id}", json={**document, "opportunities": ideas}, headers={**team.headers("editor"), "If-Match": f'"{version}"'})
    assert saved.status_code == 200
    csrf = log_in(client, team, "viewer")
    rows = re.search(r'<tbody id="idea-rows">(.*?)</tbody>', client.get(f"/maps/{team.map_id}").text, re.DOTALL).group(1)
    assert re.findall(r"<tr>(.*?)</tr>", rows) == ['<td class="num">1</td><td>One tap</td><td class="num">17</td><td>Done</td>', '<td class="num">2</td><td>Chat</td><td class="num"></td><td>Rejected</td>']
    client.post("/language", data={"language": "ru", "csrf": csrf, "next": "/"})
    assert "<td>Готово</td>" in client.get(f"/maps/{team.map_id}").text


def test_the_map_list_filters_by_who_created_the_map(client: TestClient, team: Team) -> None:
    with team.app.state.store.writing() as session:
        editor = session.query(User).filter_by(username="ed").one()
        outsider = session.query(User).filter_by(username="otto").one()
        add_map(session, team.workspace, Journey(title="Returns"), author=editor)
        add_map(session, team.workspace + 1, Journey(title="Elsewhere"), author=outsider)
    log_in(client, team, "viewer")
    page = client.get("/").text
    choices = re.search(r'<select id="owner" name="owner">(.*?)</select>', page, re.DOTALL).group(1)
    assert re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', choices) == [("", "Anyone"), ("ana", "ana"), ("ed", "ed")]
    assert ">Returns</a>" in page and ">Shop</a>" in page and "Elsewhere" not in page
    mine = client.get("/?owner=ed").text
    assert ">Returns</a>" in mine and ">Shop</a>" not in mine and '<option value="ed" selected>' in mine
    assert ">Returns</a>" not in client.get("/?owner=otto").text
