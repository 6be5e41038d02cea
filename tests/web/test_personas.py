"""Personas over the API: photos (upload checked by content, served by role, on the poster), persona edits, ideas ranked, owners."""

from __future__ import annotations

import base64
import hashlib
import struct
import zlib
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from ruamel.yaml import YAML
from webtools import Filled

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def png(width: int = 2, height: int = 1) -> bytes:
    """Return a real PNG of ``width`` x ``height`` grey pixels, written chunk by chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def client(filled_app: FastAPI) -> TestClient:
    with TestClient(filled_app) as test_client:
        yield test_client


def upload(client: TestClient, filled: Filled, data: bytes, role: str = "editor", content_type: str = "image/png"):
    headers = filled.team.headers(role, **{"Content-Type": content_type})
    return client.post(f"/api/maps/{filled.team.map_id}/photos", content=data, headers=headers)


def kept(filled_app: FastAPI, filled: Filled) -> list[str]:
    folder = Path(filled_app.state.settings.data_dir) / "workspaces" / str(filled.team.workspace) / "photos"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def patch_persona(client: TestClient, filled: Filled, fields: dict) -> dict:
    current = client.get(f"/api/maps/{filled.team.map_id}", headers=filled.team.headers("editor"))
    headers = filled.team.headers("editor", **{"If-Match": current.headers["etag"]})
    answer = client.patch(f"/api/maps/{filled.team.map_id}/personas/olga", json=fields, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_png_is_kept_by_its_digest_and_served_to_viewers(client: TestClient, filled_app: FastAPI, filled: Filled) -> None:
    picture = png()
    answer = upload(client, filled, picture, content_type="application/octet-stream")
    digest = hashlib.sha256(picture).hexdigest()
    assert answer.status_code == 201
    assert answer.json() == {"photo": f"photos/{digest}.png", "url": f"/api/maps/{filled.team.map_id}/photos/{digest}.png", "size": len(picture)}
    assert kept(filled_app, filled) == [f"{digest}.png"]
    served = client.get(answer.json()["url"], headers=filled.team.headers("viewer"))
    assert (served.status_code, served.headers["content-type"], served.content) == (200, "image/png", picture)
    assert served.headers["x-content-type-options"] == "nosniff"
    assert upload(client, filled, picture).json()["photo"] == answer.json()["photo"] and kept(filled_app, filled) == [f"{digest}.png"]


def test_a_jpeg_and_a_webp_are_known_by_their_bytes(client: TestClient, filled: Filled) -> None:
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
    webp = b"RIFF" + struct.pack("<I", 20) + b"WEBPVP8 " + b"\x00" * 12
    assert upload(client, filled, jpeg, content_type="image/png").json()["photo"].endswith(".jpg")
    assert upload(client, filled, webp, content_type="text/plain").json()["photo"].endswith(".webp")


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code", "message"),
    [
        (SVG, "image/png", 415, "unsupported_media_type", "SVG pictures are refused because they can carry script; upload a PNG, JPEG or WebP photo"),
        (b"<svg><script>alert(1)</script></svg>", "image/svg+xml", 415, "unsupported_media_type", "SVG pictures are refused because they can carry script; upload a PNG, JPEG or WebP photo"),
        (b"name,age\nOlga,34\n", "image/png", 415, "unsupported_media_type", "this file is not a PNG, JPEG or WebP picture; upload a photo in one of those formats"),
        (b"", "image/png", 415, "unsupported_media_type", "this file is not a PNG, JPEG or WebP picture; upload a photo in one of those formats"),
        (png() + b"\x00" * (2 * 1024 * 1024), "image/png", 413, "upload_too_large", "the photo is larger than 2 MB; make it smaller and upload it again"),
    ],
    ids=["svg-named-png", "svg", "csv", "empty", "too-big"],
)
def test_a_bad_upload_is_refused_in_one_line_and_nothing_is_kept(client: TestClient, filled_app: FastAPI, filled: Filled, data: bytes, content_type: str, status: int, code: str, message: str) -> None:
    answer = upload(client, filled, data, content_type=content_type)
    assert answer.status_code == status
    assert answer.json() == {"error": {"code": code, "message": message, "field": None}}
    assert kept(filled_app, filled) == []


def test_a_photo_exactly_at_the_limit_is_kept(client: TestClient, filled: Filled) -> None:
    picture = png()
    assert upload(client, filled, picture + b"\x00" * (2 * 1024 * 1024 - len(picture))).status_code == 201


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("commenter", 403), ("outsider", 404), (None, 401)])
def test_only_editors_upload_photos(client: TestClient, filled_app: FastAPI, filled: Filled, role: str | None, status: int) -> None:
    answer = client.post(f"/api/maps/{filled.team.map_id}/photos", content=png(), headers=filled.team.headers(role, **{"Content-Type": "image/png"}))
    assert answer.status_code == status and set(answer.json()["error"]) == {"code", "message", "field"}
    assert kept(filled_app, filled) == []


def test_a_photo_is_not_served_outside_its_workspace_or_by_a_made_up_name(client: TestClient, filled: Filled) -> None:
    url = upload(client, filled, png()).json()["url"]
    assert client.get(url, headers=filled.team.headers("outsider")).status_code == 404
    for name in ("..%2F..%2Fteam.db", "abc.png", url.rsplit("/", 1)[1].replace(".png", ".svg")):
        answer = client.get(f"/api/maps/{filled.team.map_id}/photos/{name}", headers=filled.team.headers("viewer"))
        assert answer.status_code == 404, name
    shared = client.get(f"/api/shared/{filled.share_token}/photos/{url.rsplit('/', 1)[1]}")
    assert shared.status_code == 200 and shared.content == png()


def test_a_persona_edit_round_trips_into_the_map_file_and_its_photo_onto_the_poster(client: TestClient, filled: Filled) -> None:
    picture = png(3, 2)
    photo = upload(client, filled, picture).json()["photo"]
    patch_persona(client, filled, {"name": "Olga <b>K.</b>", "role": "decision_maker", "goals": ["gift in time"], "frustrations": ["slow delivery"], "quote": "Just tell me when", "photo": photo})
    text = client.get(f"/api/maps/{filled.team.map_id}/export?format=yaml", headers=filled.team.headers("viewer")).text
    persona = YAML(typ="safe").load(text)["personas"][0]
    assert persona == {"id": "olga", "name": "Olga <b>K.</b>", "role": "decision_maker", "goals": ["gift in time"], "frustrations": ["slow delivery"], "quote": "Just tell me when", "photo": photo}
    poster = client.get(f"/api/maps/{filled.team.map_id}/export?format=html", headers=filled.team.headers("viewer")).text
    assert f'src="data:image/png;base64,{base64.b64encode(picture).decode()}"' in poster
    assert 'alt="Photo of Olga &lt;b&gt;K.&lt;/b&gt;"' in poster and "Olga <b>" not in poster


def test_a_poster_leaves_out_a_photo_the_server_does_not_have(client: TestClient, filled: Filled) -> None:
    patch_persona(client, filled, {"photo": "photos/" + "0" * 64 + ".png"})
    poster = client.get(f"/api/maps/{filled.team.map_id}/export?format=html", headers=filled.team.headers("viewer")).text
    assert 'class="persona"' in poster and "<img" not in poster.split('class="personas"')[1].split("</div>")[0]


def test_ideas_come_ranked_with_their_status_in_the_callers_language(client: TestClient, filled: Filled) -> None:
    team = filled.team
    scores = {"Chat": (1, 2, 1, 1), "Gift wrap": (5, 5, 4, 3)}
    for title, (criticality, design, development, audience) in scores.items():
        current = client.get(f"/api/maps/{team.map_id}", headers=team.headers("editor"))
        idea = {"title": title, "criticality": criticality, "design_ease": design, "development_ease": development, "audience": audience, "status": "done"}
        assert client.post(f"/api/maps/{team.map_id}/opportunities", json=idea, headers=team.headers("editor", **{"If-Match": current.headers["etag"]})).status_code == 200
    expected = sorted(((sum(value), title) for title, value in scores.items()), reverse=True)
    answer = client.get(f"/api/maps/{team.map_id}/ideas", headers=team.headers("viewer")).json()
    assert [column["key"] for column in answer["columns"]] == ["rank", "title", "score", "status"]
    assert answer["rows"] == [["1", expected[0][1], str(expected[0][0]), "Done"], ["2", expected[1][1], str(expected[1][0]), "Done"], ["3", "One-click payment", "", "Proposed"]]
    assert client.patch("/api/me", json={"language": "ru"}, headers=team.headers("viewer")).status_code == 200
    russian = client.get(f"/api/maps/{team.map_id}/ideas", headers=team.headers("viewer")).json()
    assert [column["title"] for column in russian["columns"]] == ["Место", "Идея", "Балл", "Статус"]
    assert [row[3] for row in russian["rows"][:2]] == ["Готово", "Готово"]


def test_maps_are_filtered_by_who_created_them(client: TestClient, filled: Filled) -> None:
    team = filled.team
    created = client.post(f"/api/workspaces/{team.workspace}/maps", json={"title": "Returns"}, headers=team.headers("editor"))
    assert created.status_code == 201

    def listed(query: str) -> list[tuple[str, str]]:
        return sorted((found["title"], found["owner"]) for found in client.get(f"/api/maps?{query}", headers=team.headers("viewer")).json()["maps"])

    assert listed("") == [("Returns", "editor"), ("Shop", "owner")]
    assert listed("owner=editor") == [("Returns", "editor")]
    assert listed("owner=owner") == [("Shop", "owner")]
    assert listed("owner=nobody") == []
