"""Golden images: a few posters as PNG compared with stored pictures, within a tolerance.

The tolerance lets font anti-aliasing differ (as between machines) yet catches a missing lane.
Regenerate the pictures after a deliberate change of the poster's look (see golden/README.md)::

    JOURNEYMAP_GOLDEN=update PYTHONPATH=src python -m pytest tests/render/test_golden.py
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter

from journeymap.files import new_journey
from journeymap.model import Journey
from journeymap.render import choose_lanes, render_bytes

GOLDEN = Path(__file__).parent / "golden"
WIDTH = 1000
"""Width of a stored picture in pixels: the poster at half scale, then shrunk to this width."""
TOLERANCE = 0.005
"""Largest share of pixels that may differ (by more than INK_STEP grey levels) from the stored picture."""
INK_STEP = 64
POSTERS = {"childrens-shop-en": ("childrens-shop", "en"), "childrens-shop-ru": ("childrens-shop-ru", "ru"), "new-map-en": ("lifecycle", "en")}


def picture(journey: Journey, language: str, lanes: list[str] | None = None) -> Image.Image:
    """The screen poster as a grey picture WIDTH pixels wide."""
    image = Image.open(BytesIO(render_bytes(journey, "png", language=language, lanes=lanes, scale=0.5))).convert("L")
    return image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)


def difference(found: Image.Image, golden: Image.Image) -> float:
    """Return the share of pixels that differ by more than INK_STEP; a picture of another height differs wholly where it does not overlap."""
    canvas = Image.new("L", golden.size, 255)
    canvas.paste(found.crop((0, 0, *golden.size)))
    changed = ImageChops.difference(canvas, golden).point(lambda level: 255 if level > INK_STEP else 0)
    missing = abs(found.height - golden.height) * golden.width
    return (changed.histogram()[255] + missing) / (golden.width * max(found.height, golden.height))


def golden(name: str) -> Image.Image:
    return Image.open(GOLDEN / f"{name}.png").convert("L")


@pytest.mark.browser
@pytest.mark.parametrize("name", list(POSTERS))
def test_the_poster_looks_as_it_did(name: str) -> None:
    template, language = POSTERS[name]
    found = picture(new_journey(template, language=language), language)
    if os.environ.get("JOURNEYMAP_GOLDEN") == "update":
        found.save(GOLDEN / f"{name}.png", optimize=True)
    assert found.size == golden(name).size
    assert difference(found, golden(name)) <= TOLERANCE


def test_the_tolerance_lets_anti_aliasing_pass() -> None:
    stored = golden("childrens-shop-en")
    assert difference(stored.filter(ImageFilter.GaussianBlur(1.0)), stored) <= TOLERANCE


@pytest.mark.browser
def test_the_tolerance_catches_a_missing_lane() -> None:
    journey = new_journey("childrens-shop")
    lanes = [lane.key for lane in choose_lanes(journey) if lane.key != "gains"]
    assert difference(picture(journey, "en", lanes), golden("childrens-shop-en")) > 4 * TOLERANCE
