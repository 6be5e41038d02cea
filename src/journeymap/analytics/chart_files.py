"""Chart files: interactive HTML beside one shared copy of Plotly's script, or PNG and SVG drawn by Chromium.

An HTML chart loads ``plotly.min.js`` from its own folder (copied there from
the installed ``plotly`` package, once for every chart of that folder), so the
page stays small and opens offline. PNG and SVG are drawn by the same Plotly
in the poster's Chromium, with the poster's bundled font, at a slide's size.

>>> import tempfile
>>> from journeymap.analytics import funnel, funnel_chart, sample_path
>>> folder = Path(tempfile.mkdtemp())
>>> page = write_chart(funnel_chart(funnel(sample_path(), ["app_open", "purchase"])), folder / "funnel.html")
>>> sorted(path.name for path in folder.iterdir()), page.stat().st_size < 1_000_000
(['funnel.html', 'plotly.min.js'], True)
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

import plotly.graph_objects as go

from ..errors import RenderError
from ..files import write_atomically
from ..i18n import gettext as _
from ..render.assets import font_faces
from ..render.browser import page_value, png_bytes
from .chart_theme import themed

CHART_SUFFIXES = (".html", ".png", ".svg")
"""The chart files :func:`write_chart` writes, chosen by the output's suffix."""
IMAGE_WIDTH, IMAGE_HEIGHT = 1600, 900
"""The size in CSS pixels of each figure in a PNG or SVG: a 16:9 slide."""
PLOTLY_SCRIPT = "plotly.min.js"
"""The script every HTML chart loads from its own folder."""
HTML_HEIGHT = "min(56.25vw, 100vh)"
"""Each figure of an HTML chart is as wide as the window and 16:9, no taller than the window."""


def write_chart(figures: go.Figure | Sequence[go.Figure], path: str | Path, *, title: str = "journeymap") -> Path:
    """Write figures as HTML (beside ``plotly.min.js``), or as PNG or SVG through Chromium, by the path's suffix.

    Several figures go one under the other in one file.
    """
    path = chart_path(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        return write_html(figures, path, title=title)
    figures = [figures] if isinstance(figures, go.Figure) else list(figures)
    if suffix == ".png":
        write_atomically(path, png_bytes(_still_page(figures, title), width=IMAGE_WIDTH))
    else:
        write_atomically(path, _stacked_svg(page_value(_still_page(figures, title), _SVG_SCRIPT, width=IMAGE_WIDTH)).encode("utf-8"))
    return path


def chart_path(path: str | Path) -> Path:
    """Return ``path`` when :func:`write_chart` can write it, or raise a :class:`RenderError` naming the fix.

    >>> chart_path("flows.svg").name
    'flows.svg'
    """
    path = Path(path)
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise RenderError(
            _("{path}: a chart is written as {suffixes}; change the file's extension").format(path=path, suffixes=", ".join(CHART_SUFFIXES))
        )
    return path


def write_html(figures: go.Figure | Sequence[go.Figure], path: str | Path, *, title: str = "journeymap") -> Path:
    """Write one or more figures as one interactive HTML page, atomically, with ``plotly.min.js`` beside it."""
    figures = [figures] if isinstance(figures, go.Figure) else list(figures)
    path = Path(path)
    write_plotly_script(path.parent)
    parts = [
        figure.to_html(
            full_html=False, include_plotlyjs=PLOTLY_SCRIPT if index == 0 else False, default_width="100%", default_height=HTML_HEIGHT,
            config={"responsive": True, "displaylogo": False},
        )
        for index, figure in enumerate(themed(figures))
    ]
    write_atomically(path, _page(parts, title).encode("utf-8"))
    return path


def write_plotly_script(folder: Path) -> Path:
    """Copy the installed Plotly's script into ``folder`` unless the same one is there already; return its path."""
    target = folder / PLOTLY_SCRIPT
    script = (resources.files("plotly") / "package_data" / PLOTLY_SCRIPT).read_bytes()
    if not target.is_file() or target.stat().st_size != len(script) or target.read_bytes() != script:
        write_atomically(target, script)
    return target


_SVG_SCRIPT = f"""Promise.all([...document.querySelectorAll('.plotly-graph-div')].map(
  (plot) => Plotly.toImage(plot, {{format: 'svg', width: {IMAGE_WIDTH:d}, height: {IMAGE_HEIGHT:d}}})))"""


def _still_page(figures: list[go.Figure], title: str) -> str:
    """Return the page Chromium draws: Plotly inside, fixed-size static figures, the body marked ready when all are drawn."""
    parts = [
        figure.update_layout(width=IMAGE_WIDTH, height=IMAGE_HEIGHT).to_html(
            full_html=False, include_plotlyjs=index == 0, config={"staticPlot": True},
            default_width=f"{IMAGE_WIDTH}px", default_height=f"{IMAGE_HEIGHT}px", post_script=_drawn_script(len(figures)),
        )
        for index, figure in enumerate(themed(figures))
    ]
    return _page(parts, title)


def _page(parts: list[str], title: str) -> str:
    style = f"<style>{font_faces()}\nbody{{margin:0}}</style>"
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>{style}</head>\n'
        f"<body>\n{''.join(parts)}\n</body></html>\n"
    )


def _drawn_script(total: int) -> str:
    """JavaScript run after each figure is drawn: the last one marks the body ready for Chromium."""
    return (
        "document.body.dataset.drawn = String(Number(document.body.dataset.drawn || 0) + 1);"
        f"if (Number(document.body.dataset.drawn) === {total}) document.body.setAttribute('data-ready', '1');"
    )


def _stacked_svg(images: list[str]) -> str:
    """Return Plotly's SVG data URLs as one SVG document, the figures one under the other."""
    svgs = [unquote(image.split(",", 1)[1]) for image in images]
    if len(svgs) == 1:
        return svgs[0]
    placed = [svg.replace("<svg ", f'<svg y="{index * IMAGE_HEIGHT}" ', 1) for index, svg in enumerate(svgs)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{IMAGE_WIDTH}" height="{IMAGE_HEIGHT * len(svgs)}" '
        f'viewBox="0 0 {IMAGE_WIDTH} {IMAGE_HEIGHT * len(svgs)}">{"".join(placed)}</svg>'
    )
