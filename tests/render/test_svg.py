"""The native SVG poster: valid XML, escaped text, the same curve, self-contained."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from support import IMG, SCRIPT

from journeymap.model import Journey
from journeymap.render import poster_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_is_valid_xml_with_every_hostile_text_as_text(rich: Journey) -> None:
    root = ElementTree.fromstring(poster_svg(rich))
    assert root.tag == f"{SVG}svg"
    texts = "".join(element.text or "" for element in root.iter(f"{SVG}text"))
    assert SCRIPT in texts and "Sees a toy" in texts
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}image"))


def test_svg_is_as_wide_as_its_columns_and_has_one_face_per_emotion(rich: Journey) -> None:
    root = ElementTree.fromstring(poster_svg(rich))
    assert float(root.get("width")) == 2 * 32 + 136 + 196 * len(rich.steps)
    faces = [element for element in root.iter(f"{SVG}circle") if element.get("class") == "face"]
    assert len(faces) == len(rich.steps)


def test_svg_loads_nothing_from_the_network(rich: Journey) -> None:
    svg = poster_svg(rich)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", svg) and "url(data:font/woff2;base64," in svg
    assert IMG not in svg


def test_long_lines_wrap_inside_their_column() -> None:
    journey = Journey(title="x", stages=[{"name": "s", "steps": [{"name": "n", "actions": ["word " * 40]}]}])
    root = ElementTree.fromstring(poster_svg(journey))
    lines = [element.text for element in root.iter(f"{SVG}text") if (element.text or "").strip().startswith(("– word", "word"))]
    assert len(lines) > 5 and all(len(line) * 11.5 * 0.6 <= 196 - 16 for line in lines)
