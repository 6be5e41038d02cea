"""One entry point for every output: the format follows the file's extension, or is named."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict, Unpack

from ..errors import RenderError
from ..files import write_atomically
from ..i18n import gettext as _, in_language
from ..model import Journey
from . import browser, tables
from .lanes import choose_lanes
from .pages import page_pixels
from .poster import poster_html
from .sheets import sheets
from .svg import poster_svg

FORMATS = ("html", "pdf", "png", "svg", "xlsx", "csv", "md", "pptx")
"""Output formats, named like the file extensions that choose them (Mermaid: ``journeymap mermaid export``)."""
_ALIASES = {"htm": "html", "markdown": "md"}


def output_format(path: str | Path, format: str | None = None) -> str:
    """Return the format named, else the one the extension of ``path`` says.

    >>> output_format("shop.PDF"), output_format("shop.txt", "csv")
    ('pdf', 'csv')
    """
    name = (format or Path(path).suffix.lstrip(".")).lower()
    name = _ALIASES.get(name, name)
    if name not in FORMATS:
        given = format or Path(path).suffix or str(path)
        hint = _(" (Mermaid: journeymap mermaid export)") if name in ("mmd", "mermaid") else ""
        message = _("unknown output format '{format}'; choose one of: {choices}{hint}")
        raise RenderError(message.format(format=given, choices=", ".join(FORMATS), hint=hint))
    return name


class RenderOptions(TypedDict, total=False):
    """What :func:`render_bytes` and :func:`render` accept beside the map; an option that does not apply to a format is ignored."""

    language: str | None
    """The language of the output's own words (headings, legend); default: the map's."""
    lanes: Sequence[str] | None
    """The lanes to show, in order; default: every lane the map fills."""
    page: str
    """The printed page of a PDF, landscape: A3 (default), A2, A4 or Letter, in any case."""
    scale: float
    """Device pixels per CSS pixel of a PNG (default 1.0)."""
    bom: bool
    """Start a CSV with a byte-order mark, so that Excel reads it as UTF-8 (default no)."""


def render_bytes(journey: Journey, format: str, **options: Unpack[RenderOptions]) -> bytes:
    """Return the map rendered as ``format`` (see FORMATS) with :class:`RenderOptions`.

    >>> from journeymap.model import Journey
    >>> render_bytes(Journey(title="Shop"), "md").decode()
    '# Shop\\n\\n| Stage | Step | Success criterion | Audience | Conversion | Retention | Time | Touchpoints | Emotion | Emotional state | Criticality | Barriers | Ideas | Measured |\\n|---|---|---|---:|---:|---:|---:|---|---:|---|---|---|---|---|\\n'
    """
    lanes, page = options.get("lanes"), options.get("page", "A3")
    with in_language(options.get("language")):
        choose_lanes(journey, lanes)
        page_pixels(page)
        return _bytes(journey, format, lanes=lanes, page=page, scale=options.get("scale", 1.0), bom=options.get("bom", False))


def _bytes(journey: Journey, format: str, *, lanes: Sequence[str] | None, page: str, scale: float, bom: bool) -> bytes:
    if format == "html":
        return poster_html(journey, lanes=lanes).encode("utf-8")
    if format == "pdf":
        return browser.pdf_bytes(poster_html(journey, lanes=lanes, page=page), width=math.ceil(page_pixels(page)[0]))
    if format == "png":
        width = int(sheets(journey)[0].width)
        return browser.png_bytes(poster_html(journey, lanes=lanes), width=width, scale=scale)
    if format == "svg":
        return poster_svg(journey, lanes=lanes).encode("utf-8")
    if format == "xlsx":
        from .xlsx import workbook_bytes  # only here: openpyxl (and numpy under it) costs a poster 0.2 s

        return workbook_bytes(journey)
    if format == "pptx":
        from .deck import deck_bytes  # python-pptx only when a deck is asked for

        return deck_bytes(journey)
    if format == "csv":
        return ("\ufeff" if bom else "").encode("utf-8") + tables.csv_text(journey).encode("utf-8")
    return tables.markdown_text(journey).encode("utf-8")


def render(journey: Journey, path: str | Path, *, format: str | None = None, **options: Unpack[RenderOptions]) -> Path:
    """Write the map to ``path`` as a poster, table or diagram (the format from the extension, or ``format``); the file appears only when complete.

    >>> import tempfile, pathlib
    >>> from journeymap.model import Journey
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "shop.csv"
    >>> render(Journey(title="Shop"), target).read_text().split(",")[:2]
    ['stage', 'step']
    """
    path = Path(path)
    write_atomically(path, render_bytes(journey, output_format(path, format), **options))
    return path
