"""The rendered export formats of the API (PDF, PNG, HTML, XLSX, PPTX, Mermaid), made by ``journeymap.render``."""

from __future__ import annotations

from functools import partial

from ..model import Journey
from .exports import EXPORTERS, Exporter, register_exporter

RENDERED = {
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "png": ("image/png", "png"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}

PNG_SCALE = 2.0
"""A PNG export is drawn at twice the poster's size: sharp on a slide or a high-density screen."""


def rendered(format: str, journey: Journey) -> bytes:
    """Return the map rendered as ``format`` in the map's own language.

    >>> rendered("xlsx", Journey(title="Shop"))[:2]
    b'PK'
    """
    from ..render import render_bytes

    return render_bytes(journey, format, language=journey.language, scale=PNG_SCALE)


def printed(journey: Journey, page: str) -> bytes:
    """Return the map as a PDF on ``page`` (A3, A2, A4, Letter) in the map's own language."""
    from ..render import render_bytes

    return render_bytes(journey, "pdf", language=journey.language, page=page)


def mermaid(journey: Journey) -> bytes:
    """Return the map as a Mermaid ``journey`` diagram.

    >>> mermaid(Journey(title="Shop")).decode().splitlines()[0]
    'journey'
    """
    from ..render import mermaid_export

    return mermaid_export(journey).text.encode("utf-8")


def install() -> None:
    """Register the rendered formats that no one registered yet."""
    for name, (media_type, extension) in RENDERED.items():
        if name not in EXPORTERS:
            register_exporter(name, Exporter(media_type, extension, partial(rendered, name), printed if name == "pdf" else None))
    if "mermaid" not in EXPORTERS:
        register_exporter("mermaid", Exporter("text/vnd.mermaid; charset=utf-8", "mmd", mermaid))
