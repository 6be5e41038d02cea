"""Shared test support: hostile text, letters of every language, an HTML outline parser, big maps.

Tests import it as ``support`` (pytest's ``pythonpath`` has ``tests/``).
"""

from __future__ import annotations

from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

from journeymap.model import Journey

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LETTERS = "Әәғқңөұүһі їєґ oʻgʻ ąčęėįšųūž"
"""Kazakh, Ukrainian, Uzbek Latin and Lithuanian letters the bundled font must draw."""
SCHEMA_HEAD = max(
    path.name.split("_")[0] for path in (Path(__file__).parents[2] / "src/journeymap/store/migrations/versions").glob("0*.py")
)
"""The newest schema migration: they are numbered, and each follows the one before."""


def page_sizes_mm(pdf: bytes | Path) -> list[tuple[float, float]]:
    """Return the width and height of each page of a PDF (its bytes or its path), in millimetres."""
    from pypdf import PdfReader

    pages = PdfReader(BytesIO(pdf) if isinstance(pdf, bytes) else pdf).pages
    return [(float(page.mediabox.width) * 25.4 / 72, float(page.mediabox.height) * 25.4 / 72) for page in pages]


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the page's text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def having(self, css_class: str) -> list[dict[str, str]]:
        return [attrs for _tag, attrs in self.tags if css_class in attrs.get("class", "").split()]


def long_journey(steps: int = 40) -> Journey:
    """Return a map of ``steps`` steps in five stages, with emotions going up and down."""
    stages = [{"name": f"Stage {s}", "steps": []} for s in range(5)]
    for n in range(steps):
        stages[n * 5 // steps]["steps"].append(
            {
                "name": f"Step number {n} with a rather long name",
                "emotion": {"actual": (n % 5) - 2, "desired": 2},
                "actions": [f"Does thing {n}"],
                "metrics": {"audience": 10000 - n * 200},
            }
        )
    return Journey(title="Forty steps", stages=stages)
