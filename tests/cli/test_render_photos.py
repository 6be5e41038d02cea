"""``journeymap render`` puts a persona's photo, read beside the map file, into the poster; a photo outside it stays out."""

from __future__ import annotations

import base64
from pathlib import Path

from typer.testing import CliRunner

from journeymap.cli import app

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(40))

MAP = """\
title: Shop
personas:
  - {name: Olga, photo: photos/olga.jpg}
  - {name: Ivan, photo: ../ivan.jpg}
  - {name: Anna, photo: photos/anna.svg}
stages:
  - name: Buy
    steps: [{name: Pays}]
"""


def test_render_embeds_the_photos_beside_the_map_file(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "olga.jpg").write_bytes(JPEG)
    (folder / "photos" / "anna.svg").write_bytes(b'<svg onload="alert(1)"/>')
    (tmp_path / "ivan.jpg").write_bytes(JPEG)
    shop = folder / "shop.yaml"
    shop.write_text(MAP, encoding="utf-8")
    result = runner.invoke(app, ["render", str(shop), "-o", str(folder / "shop.html")])
    assert result.exit_code == 0, result.output
    html = (folder / "shop.html").read_text(encoding="utf-8")
    images = html.count('<img class="photo"')
    assert images == 1 and f'src="data:image/jpeg;base64,{base64.b64encode(JPEG).decode()}" alt="Photo of Olga"' in html
    assert "onload" not in html
