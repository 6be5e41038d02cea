"""The SVG poster's text: lines wrapped in Python to a column's width, escaped, in the poster's palette."""

from __future__ import annotations

import textwrap

from markupsafe import escape

FONT_SIZE = 11.5
LINE = 15.0
CHAR_WIDTH = 0.6
"""A generous average advance of Noto Sans, in ems, so wrapped lines never overrun a column."""
PAD = 8.0
PALETTE = {"ink": "#1c2431", "muted": "#5a6472", "rule": "#d6dbe2", "accent": "#1f4f7a", "soft": "#dbe7f2", "pain": "#a33a26"}


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """Return ``text`` broken into lines that fit ``width`` pixels at ``size``.

    >>> wrap("Finds the product card on the site", 120)
    ['Finds the product', 'card on the site']
    """
    columns = max(4, int(width / (size * CHAR_WIDTH)))
    return textwrap.wrap(" ".join(text.split()), columns, break_long_words=True, break_on_hyphens=False) or [""]


def text(x: float, y: float, words: str, *, size: float = FONT_SIZE, weight: int = 400, fill: str = "") -> str:
    """Return one escaped ``<text>`` element.

    >>> text(1, 2, "A & B", weight=700)
    '<text x="1" y="2" font-size="11.5" font-weight="700">A &amp; B</text>'
    """
    colour = f' fill="{fill}"' if fill else ""
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" font-weight="{weight}"{colour}>{escape(words)}</text>'


def lines(x: float, y: float, texts: list[str], *, size: float = FONT_SIZE, weight: int = 400, fill: str = "") -> str:
    """Return ``texts`` as ``<text>`` elements one line apart, the first at ``y``.

    >>> lines(0, 10, ["a", "b"]).count("<text")
    2
    """
    return "".join(text(x, y + LINE * n, line, size=size, weight=weight, fill=fill) for n, line in enumerate(texts))
