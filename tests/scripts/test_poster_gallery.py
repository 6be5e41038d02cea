"""The poster gallery in docs/render.md: a picture of every bundled example, small enough for the docs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from journeymap.files import example_names

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", example_names())
def test_every_example_has_a_picture_in_the_gallery(name: str) -> None:
    picture = ROOT / "docs/images" / f"poster-{name}.png"
    assert picture.stat().st_size < 400_000
    assert 1000 <= Image.open(picture).width <= 2000
    assert f"(images/poster-{name}.png)" in (ROOT / "docs/render.md").read_text(encoding="utf-8")
