"""Snapshots of the bundled examples' posters, as outlines a reviewer can read in a diff.

After an intended change to the poster or an example, rewrite them with
``JOURNEYMAP_UPDATE_SNAPSHOTS=1 pytest tests/render/test_snapshots.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import Elements

from journeymap.errors import TemplateNotFound
from journeymap.files import example_path, load
from journeymap.model import Journey
from journeymap.render import poster_html

SNAPSHOTS = Path(__file__).parent / "snapshots"


def outline(journey: Journey) -> str:
    """Return what the poster shows, one line per fact: lanes, pages, and per step its marks and curve point."""
    screen = Elements(poster_html(journey))
    printed = Elements(poster_html(journey, page="A3"))
    lines = [
        f"title: {journey.title}",
        "lanes: " + " ".join(attrs["data-lane"] for attrs in screen.having("lane-title")),
        "lines: " + " ".join(attrs["data-line"] for attrs in screen.having("line")),
        "A3 pages: " + " ".join(str(len(sheet)) for sheet in _steps_per_sheet(printed)),
    ]
    faces = {attrs["data-step"]: attrs for attrs in screen.having("point")}
    pits = {attrs["data-step"] for attrs in screen.having("pit")}
    for attrs in screen.having("step"):
        step = attrs["data-step"]
        marks = sorted(set(attrs["class"].split()) - {"step"})
        point = faces.get(step, {})
        lines.append(
            f"{step}: marks={','.join(marks) or '-'} actual={point.get('data-actual') or '-'} "
            f"desired={point.get('data-desired') or '-'}{' pit' if step in pits else ''}"
        )
    return "\n".join(lines) + "\n"


def _steps_per_sheet(page: Elements) -> list[list[str]]:
    sheets: list[list[str]] = []
    for tag, attrs in page.tags:
        if tag == "section":
            sheets.append([])
        elif "step" in attrs.get("class", "").split():
            sheets[-1].append(attrs["data-step"])
    return sheets


@pytest.mark.parametrize("name", sorted(path.stem for path in SNAPSHOTS.glob("*.txt")))
def test_poster_of_a_bundled_example_matches_its_snapshot(name: str) -> None:
    try:
        path = example_path(name)
    except (TemplateNotFound, FileNotFoundError):
        pytest.skip(f"example {name} is not bundled in this checkout")
    snapshot = SNAPSHOTS / f"{name}.txt"
    text = outline(load(path))
    if os.environ.get("JOURNEYMAP_UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")
