"""``journeymap push`` and ``pull``: map files to and from a running server, with a token."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner
from webtools import SHOP, LiveServer

from journeymap import files
from journeymap.cli import app
from journeymap.model import Journey


def test_push_creates_then_updates_a_map_and_pull_writes_it_back(filled_app, filled, tmp_path: Path):
    team = filled.team
    source = tmp_path / "shop.yaml"
    files.save(Journey.model_validate({**SHOP, "title": "Pushed shop"}), source)
    runner = CliRunner()
    with LiveServer(filled_app) as server:
        common = ["--server", server.url, "--token", team.tokens["editor"]]
        created = runner.invoke(app, ["push", str(source), *common])
        assert created.exit_code == 0, created.output
        map_id = created.output.split()[1]
        assert "is at version 1." in created.output
        files.save(Journey.model_validate({**SHOP, "title": "Pushed again"}), source)
        updated = runner.invoke(app, ["push", str(source), "--map", map_id, "-m", "from my laptop", *common])
        assert f"Map {map_id} is at version 2." in updated.output
        pulled = runner.invoke(app, ["pull", map_id, "-o", str(tmp_path / "back.json"), *common])
        assert pulled.exit_code == 0, pulled.output
        assert files.load(tmp_path / "back.json").title == "Pushed again"
        refused = runner.invoke(app, ["push", str(source), "--map", team.map_id, "--server", server.url, "--token", team.tokens["viewer"]])
        assert refused.exit_code == 2 and "the server answered 403" in refused.output
        missing = runner.invoke(app, ["pull", "nope", "-o", str(tmp_path / "nope.yaml"), *common])
        assert missing.exit_code == 2 and not (tmp_path / "nope.yaml").exists()


def test_push_without_a_token_or_server_says_what_to_do(tmp_path: Path):
    source = tmp_path / "shop.yaml"
    files.save(Journey.model_validate(SHOP), source)
    result = CliRunner().invoke(app, ["push", str(source), "--token", ""])
    assert result.exit_code == 2 and "pass --token (or set JOURNEYMAP_TOKEN)" in result.output
    down = CliRunner().invoke(app, ["push", str(source), "--token", "t", "--server", "http://127.0.0.1:9"])
    assert down.exit_code == 2 and "cannot reach the server http://127.0.0.1:9" in down.output


def test_pull_brings_the_persona_photos_beside_the_map_where_render_finds_them(filled_app, filled, tmp_path: Path):
    from fastapi.testclient import TestClient

    from journeymap.files.pictures import with_photos

    team = filled.team
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(32))
    with TestClient(filled_app) as client:
        photo = client.post(f"/api/maps/{team.map_id}/photos", headers=team.headers("editor", **{"Content-Type": "image/png"}), content=png).json()["photo"]
        current = client.get(f"/api/maps/{team.map_id}", headers=team.headers("editor"))
        document = current.json()["journey"]
        document["personas"][0]["photo"] = photo
        saved = client.put(f"/api/maps/{team.map_id}", headers=team.headers("editor", **{"If-Match": current.headers["etag"]}), json=document)
        assert saved.status_code == 200, saved.text
    target = tmp_path / "laptop" / "shop.yaml"
    target.parent.mkdir()
    with LiveServer(filled_app) as server:
        pulled = CliRunner().invoke(app, ["pull", team.map_id, "-o", str(target), "--server", server.url, "--token", team.tokens["viewer"]])
    assert pulled.exit_code == 0, pulled.output
    assert "Wrote 1 persona photo into" in pulled.output
    assert (target.parent / photo).read_bytes() == png
    journey = files.load(target)
    assert journey.personas[0].photo == photo
    assert with_photos(journey, target.parent).personas[0].photo.startswith("data:image/png;base64,")
