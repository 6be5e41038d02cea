"""The server under attack: huge bodies, hostile maps, non-Latin names, on the real app (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
import resource
from collections.abc import Iterator
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from pptx import Presentation
from support import page_sizes_mm
from webtools import Team, make_team

from journeymap.files import MAX_MAP_BYTES
from journeymap.render.sheets import sheets
from journeymap.settings import Settings
from journeymap.store import get_map, journey_of
from journeymap.web import create_app

MB = 2**20


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Team]]:
    """A client of the app over SQLite or PostgreSQL, with a team, shared by the tests of this module."""
    folder = tmp_path_factory.mktemp("hostile")
    db_url = f"sqlite:///{folder}/team.db" if request.param == "sqlite" else request.getfixturevalue("postgres").database()
    application = create_app(Settings(db=db_url, data_dir=folder / "data", secret_key="test-secret", max_upload_bytes=5 * MB))
    team = make_team(application)
    with TestClient(application) as client:
        yield client, team
    application.state.store.close()


def assert_refused(answer, status: int, code: str) -> str:
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), answer.text
    return answer.json()["error"]["message"]


def chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    for _ in range(total // size):
        yield b"x" * size


def test_a_huge_login_body_is_refused_before_it_is_read(hostile):
    client, _ = hostile
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    declared = client.post("/api/login", content=b"{}", headers={"Content-Length": str(600 * MB), "Content-Type": "application/json"})
    assert assert_refused(declared, 413, "upload_too_large") == "the request body is over this endpoint's limit of 1048576 bytes"
    streamed = client.post("/api/login", content=chunks(8 * MB), headers={"Content-Type": "application/json"})
    assert_refused(streamed, 413, "upload_too_large")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024
    assert client.post("/api/login", json={"username": "owner", "password": "owner-password-1"}).status_code == 200


def test_each_endpoint_has_its_own_limit(hostile):
    client, team = hostile
    owner = team.headers("owner")
    too_big_map = client.put(f"/api/maps/{team.map_id}", content=chunks(MAX_MAP_BYTES + MB), headers={**owner, "Content-Type": "application/json"})
    assert_refused(too_big_map, 413, "upload_too_large")
    upload = client.post(f"/api/workspaces/{team.workspace}/sources?name=log.csv", content=chunks(6 * MB), headers={**owner, "Content-Type": "text/csv"})
    assert_refused(upload, 413, "upload_too_large")
    fits = client.post(f"/api/workspaces/{team.workspace}/sources?name=log.csv", content=b"user_id,event,timestamp\nu,a,2026-01-01\n" * 50_000, headers={**owner, "Content-Type": "text/csv"})
    assert fits.status_code == 201, fits.text
    tokens = client.post("/api/tokens", content=chunks(2 * MB), headers={**owner, "Content-Type": "application/json"})
    assert_refused(tokens, 413, "upload_too_large")


ALIAS_BOMB = "title: bomb\na0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"a{level}: &a{level} [{','.join([f'*a{level - 1}'] * 9)}]\n" for level in range(1, 10)
)


@pytest.mark.parametrize(
    ("body", "kind", "message"),
    [
        (ALIAS_BOMB, "application/yaml", "map.yaml:7: the YAML aliases stand for more than 100000 values (an alias bomb?); write the values out"),
        ("title: !!float x\n", "application/yaml", "map.yaml:1:8: YAML tag '!!float' is not used in maps; remove it and write the value plainly"),
        ("title: t\nstages: " + "[" * 900 + "]" * 900 + "\n", "application/yaml", "map.yaml:2: lists and mappings nest more than 64 deep; a map needs far fewer"),
        ('{"title": "shop \\ud83d"}', "application/json", "map.json: text holds a lone surrogate escape (U+D83D); write the character itself"),
    ],
    ids=["alias-bomb", "tag", "deep", "surrogate"],
)
def test_a_hostile_map_import_is_a_422_or_400_never_a_500(hostile, body, kind, message):
    client, team = hostile
    answer = client.post(f"/api/workspaces/{team.workspace}/maps/import", content=body.encode(), headers={**team.headers("editor"), "Content-Type": kind})
    assert answer.status_code in (400, 422), answer.text
    assert answer.json()["error"]["message"] == message.removeprefix("map.yaml:").removeprefix("map.json: ")


@pytest.mark.parametrize(
    "body",
    ['{"title": "shop \\ud83d"}', '{"title": "deep", "stages": ' + "[" * 900 + "]" * 900 + "}", '{"title": "deep", "stages": ' + "[" * 100_000 + "]" * 100_000 + "}"],
    ids=["surrogate", "deep", "deeper-than-python"],
)
def test_a_hostile_json_map_is_a_4xx(hostile, body):
    client, team = hostile
    answer = client.post(f"/api/workspaces/{team.workspace}/maps", content=body.encode(), headers={**team.headers("editor"), "Content-Type": "application/json"})
    assert 400 <= answer.status_code < 500 and "error" in answer.json(), answer.text


def nested(depth: int) -> object:
    value: object = "deep"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["title"], "shop \ud83d", "text holds a lone surrogate escape (U+D83D); write the character itself"),
        (["custom_\ud83d"], "x", "text holds a lone surrogate escape (U+D83D); write the character itself"),
        (["steps", "sees", "ideas", 0], nested(59), "lists and mappings nest more than 64 deep; a map needs far fewer"),
    ],
    ids=["surrogate-value", "surrogate-key", "deep-value"],
)
def test_a_hostile_live_batch_is_refused_and_the_map_is_unchanged(hostile, path, value, message):
    client, team = hostile
    editor = team.headers("editor")
    created = client.post(f"/api/workspaces/{team.workspace}/maps", json={"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Sees", "ideas": ["Banner"]}]}]}, headers=editor)
    map_id, seq = created.json()["id"], created.json()["seq"]
    batch = {"client": "page-1", "batch": "1", "base": seq, "operations": [{"op": "set", "path": ["title"], "value": "Toys"}, {"op": "set", "path": path, "value": value}]}
    answer = client.post(f"/api/maps/{map_id}/operations", content=json.dumps(batch), headers={**editor, "Content-Type": "application/json"})
    assert 400 <= answer.status_code < 500 and answer.json()["error"]["message"] == message, answer.text
    stored = client.get(f"/api/maps/{map_id}", headers=editor).json()
    assert (stored["seq"], stored["journey"]["title"], stored["journey"]["stages"][0]["steps"][0]["ideas"]) == (seq, "Shop", ["Banner"])


def test_a_map_with_a_non_latin_title_exports_in_every_format(hostile):
    client, team = hostile
    editor = team.headers("editor")
    created = client.post(f"/api/workspaces/{team.workspace}/maps", json={"title": "Детский магазин", "stages": [{"name": "Поиск", "steps": [{"name": "Видит"}]}]}, headers=editor)
    assert created.status_code == 201, created.text
    map_id = created.json()["id"]
    for format in ("yaml", "json", "pptx"):
        answer = client.get(f"/api/maps/{map_id}/export?format={format}", headers=editor)
        assert answer.status_code == 200, answer.text
        disposition = answer.headers["content-disposition"]
        assert disposition.isascii() and disposition.startswith('attachment; filename="')
        exact = unquote(disposition.split("filename*=UTF-8''", 1)[1])
        assert exact.endswith(f".{format}") and exact.removesuffix(f".{format}") == created.json()["slug"]
    assert client.get(f"/api/maps/{map_id}", headers=editor).status_code == 200
    deck = Presentation(io.BytesIO(client.get(f"/api/maps/{map_id}/export?format=pptx", headers=editor).content))
    assert [slide.shapes.title.text for slide in deck.slides] == ["Детский магазин", "Поиск", "Ideas ranked"]


def test_only_an_administrator_creates_workspaces_by_default(hostile):
    client, team = hostile
    refused = client.post("/api/workspaces", json={"name": "Viewer's own"}, headers=team.headers("viewer"))
    assert assert_refused(refused, 403, "permission_denied") == "only a server administrator may create workspaces; ask one"
    assert client.post("/api/workspaces", json={"name": "Admin's"}, headers=team.headers("admin")).status_code == 201


def test_the_only_owner_cannot_demote_or_remove_themself(hostile):
    client, team = hostile
    owner = team.headers("owner")
    demoted = client.put(f"/api/workspaces/{team.workspace}/members/owner", json={"role": "editor"}, headers=owner)
    assert assert_refused(demoted, 409, "conflict") == "the workspace's only owner cannot step down or leave; make another member an owner first"
    assert_refused(client.delete(f"/api/workspaces/{team.workspace}/members/owner", headers=owner), 409, "conflict")
    assert client.get(f"/api/workspaces/{team.workspace}", headers=owner).json()["role"] == "owner"


@pytest.mark.browser
def test_a_png_export_is_twice_the_posters_size_for_slides(hostile):
    client, team = hostile
    answer = client.get(f"/api/maps/{team.map_id}/export?format=png", headers=team.headers("viewer"))
    assert answer.status_code == 200, answer.text
    with client.app.state.store.reading() as session:
        journey = journey_of(get_map(session, team.map_id).document)
    assert Image.open(io.BytesIO(answer.content)).width == 2 * int(sheets(journey)[0].width)


@pytest.mark.browser
@pytest.mark.parametrize(("page", "size"), [("a4", (297, 210)), ("Letter", (279.4, 215.9)), (None, (420, 297))])
def test_a_pdf_export_is_printed_on_the_page_asked_for(hostile, page: str | None, size: tuple[float, float]):
    client, team = hostile
    answer = client.get(f"/api/maps/{team.map_id}/export", params={"format": "pdf", **({"page": page} if page else {})}, headers=team.headers("viewer"))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf", answer.text
    assert page_sizes_mm(answer.content)[0] == pytest.approx(size, abs=0.35)


def test_an_unknown_page_size_is_refused_naming_the_choices(hostile):
    client, team = hostile
    refused = client.get(f"/api/maps/{team.map_id}/export?format=pdf&page=B5", headers=team.headers("viewer"))
    assert assert_refused(refused, 400, "invalid_request") == "unknown page size 'B5'; choose one of: A3, A2, A4, Letter"
    assert refused.json()["error"]["field"] == "page"
