"""The editor's colours pass WCAG AA: 4.5:1 for text, 3:1 for focus rings and curve points."""

from __future__ import annotations

import re
from importlib import resources

import pytest

CSS = (resources.files("journeymap.web") / "static" / "app.css").read_text(encoding="utf-8")
COLOURS = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6});", CSS))

TEXT = [
    ("ink", "paper"), ("muted", "paper"), ("muted", "wash"), ("ink", "wash"), ("primary", "paper"), ("primary-ink", "primary"),
    ("danger", "paper"), ("ink", "pain"), ("ink", "gain"), ("ink", "barrier"), ("ink", "idea"),
    ("#ffffff", "#1e3a8a"), ("#f9fafb", "#111827"), ("#e5e7eb", "#111827"), ("#7f1d1d", "#fef2f2"), ("#065f46", "#ecfdf5"), ("#1e3a8a", "#eff6ff"),
    ("muted", "#f9fafb"), ("muted", "pain"), ("desired", "paper"), ("primary", "#eff6ff"), ("muted", "#eff6ff"), ("#7c2d12", "barrier"), ("ink", "barrier"),
    ("ink", "blueprint"), ("muted", "blueprint"),
]
GRAPHICS = [("focus", "paper"), ("focus", "#eff6ff"), ("actual", "paper"), ("desired", "paper"), ("measured", "paper"), ("measured", "blueprint"), ("#6b7280", "paper")]


def luminance(colour: str) -> float:
    """Return the relative luminance of a #rrggbb colour (WCAG 2.1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    """Return the contrast ratio of two colours, named by CSS variable or written #rrggbb.

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """
    light, dark = sorted((luminance(COLOURS.get(one, one)), luminance(COLOURS.get(two, two))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_named_colour_is_defined() -> None:
    assert {name for pair in TEXT + GRAPHICS for name in pair if not name.startswith("#")} <= COLOURS.keys()


@pytest.mark.parametrize(("text", "background"), TEXT)
def test_text_contrast_is_at_least_4_5(text: str, background: str) -> None:
    assert contrast(text, background) >= 4.5


@pytest.mark.parametrize(("mark", "background"), GRAPHICS)
def test_focus_and_points_contrast_is_at_least_3(mark: str, background: str) -> None:
    assert contrast(mark, background) >= 3
