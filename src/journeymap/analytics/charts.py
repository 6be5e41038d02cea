"""Charts of the analyses as Plotly figures, written as self-contained offline HTML.

The HTML carries Plotly's JavaScript inside (no CDN): it opens without a network.
PNG and SVG are drawn by the same Plotly in the poster's Chromium, with the
poster's bundled font, so they need no network either.

>>> from journeymap.analytics import funnel, sample_path
>>> figure = funnel_chart(funnel(sample_path(), ["app_open", "purchase"]))
>>> figure.data[0].type
'funnel'
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import unquote

import plotly.graph_objects as go

from ..errors import RenderError
from ..files import write_atomically
from ..i18n import gettext as _
from ..render.assets import font_faces
from ..render.browser import page_value, png_bytes
from .chart_theme import SEQUENTIAL, themed
from .results import Funnel, Paths, Retention, Transitions


def funnel_chart(result: Funnel) -> go.Figure:
    """Return the funnel as bars of users per step (one trace per group when broken down)."""
    groups = result.groups or {_("all users"): result}
    figure = go.Figure()
    for name, group in groups.items():
        figure.add_trace(
            go.Funnel(
                name=name,
                y=[step.name for step in group.steps],
                x=[step.users for step in group.steps],
                textinfo="value+percent initial+percent previous",
                hovertemplate=_("%{y}: %{x} users<br>%{percentInitial:.0%} of the first step, %{percentPrevious:.0%} of the step before")
                + "<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(title=_("Funnel: {entered} users entered").format(entered=result.entered))
    return figure


def retention_chart(result: Retention) -> go.Figure:
    """Return the retention curve: the share of the cohort retained on each day."""
    return retention_curves_chart({_("retained"): result}, title=_("Retention of {size} users").format(size=result.cohort_size))


def retention_curves_chart(curves: Mapping[str, Retention], title: str | None = None) -> go.Figure:
    """Return one retention curve per name (a segment), overlaid, as the seeds compare segments' retention."""
    figure = go.Figure([go.Scatter(x=list(r.retention), y=list(r.retention.values()), mode="lines+markers", name=name) for name, r in curves.items()])
    figure.update_layout(
        title=title or _("Retention by segment"),
        xaxis_title=_("day"),
        yaxis=dict(title=_("share of the cohort"), tickformat=".0%", range=[0, 1]),
    )
    return figure


def cohort_heatmap(result: Retention) -> go.Figure:
    """Return the weekly cohorts as a heat map: start week by weeks since start."""
    cohorts = result.weekly
    width = max((len(row["weeks"]) for row in cohorts), default=0)
    values = [row["weeks"] + [None] * (width - len(row["weeks"])) for row in cohorts]
    labels = [f"{row['cohort']} ({row['size']})" for row in cohorts]
    figure = go.Figure(go.Heatmap(z=values, x=list(range(width)), y=labels, colorscale=SEQUENTIAL, zmin=0, zmax=1, texttemplate="%{z:.0%}"))
    figure.update_layout(title=_("Weekly cohorts"), xaxis_title=_("weeks since start"), yaxis=dict(autorange="reversed"))
    return figure


def sankey_chart(result: Paths) -> go.Figure:
    """Return the paths as a Sankey diagram: one node per event and level."""
    nodes: dict[tuple[int, str], int] = {}
    sources, targets, values = [], [], []
    before = result.direction == "before"
    for link in result.links:
        level = link["level"]
        source_key = (-level, link["source"]) if before else (level - 1, link["source"])
        target_key = (-level + 1, link["target"]) if before else (level, link["target"])
        for key in (source_key, target_key):
            nodes.setdefault(key, len(nodes))
        sources.append(nodes[source_key])
        targets.append(nodes[target_key])
        values.append(link["users"])
    labels = [event for _level, event in nodes]
    figure = go.Figure(go.Sankey(node=dict(label=labels, pad=12), link=dict(source=sources, target=targets, value=values)))
    figure.update_layout(title=_("Paths {direction} {anchor} ({users} users)").format(direction=_(result.direction), anchor=result.anchor, users=result.users))
    return figure


def transitions_chart(result: Transitions) -> go.Figure:
    """Return the directly-follows graph as a heat map of counts: from event by next event."""
    names = list(result.events)
    counts = {(edge["source"], edge["target"]): edge["count"] for edge in result.edges}
    medians = {(edge["source"], edge["target"]): edge["median_seconds"] for edge in result.edges}
    z = [[counts.get((source, target)) for target in names] for source in names]
    text = [[_median_label(medians.get((source, target))) for target in names] for source in names]
    figure = go.Figure(go.Heatmap(z=z, x=names, y=names, text=text, colorscale=SEQUENTIAL, hovertemplate="%{y} → %{x}: %{z}<br>%{text}<extra></extra>"))
    figure.update_layout(title=_("Transitions"), xaxis_title=_("next event"), yaxis=dict(title=_("event"), autorange="reversed"))
    return figure


CHART_SUFFIXES = (".html", ".png", ".svg")
"""The chart files :func:`write_chart` writes, chosen by the output's suffix."""
IMAGE_WIDTH, IMAGE_HEIGHT = 1000, 600
"""The size in CSS pixels of each figure in a PNG or SVG."""


def write_chart(figures: go.Figure | Sequence[go.Figure], path: str | Path, *, title: str = "journeymap") -> Path:
    """Write figures as self-contained HTML, or as PNG or SVG through Chromium, by the path's suffix.

    Several figures go one under the other in one file.

    >>> import tempfile
    >>> from journeymap.analytics import funnel, sample_path
    >>> chart = funnel_chart(funnel(sample_path(), ["app_open", "purchase"]))
    >>> write_chart(chart, Path(tempfile.mkdtemp()) / "funnel.html").suffix
    '.html'
    """
    path = chart_path(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        return write_html(figures, path, title=title)
    figures = [figures] if isinstance(figures, go.Figure) else list(figures)
    if suffix == ".png":
        write_atomically(path, png_bytes(_page(figures, title, still=True), width=IMAGE_WIDTH))
    else:
        write_atomically(path, _stacked_svg(page_value(_page(figures, title, still=True), _SVG_SCRIPT, width=IMAGE_WIDTH)).encode("utf-8"))
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
    """Write one or more figures as one self-contained HTML page (Plotly inside), atomically."""
    figures = [figures] if isinstance(figures, go.Figure) else list(figures)
    path = Path(path)
    write_atomically(path, _page(figures, title).encode("utf-8"))
    return path


_SVG_SCRIPT = f"""Promise.all([...document.querySelectorAll('.plotly-graph-div')].map(
  (plot) => Plotly.toImage(plot, {{format: 'svg', width: {IMAGE_WIDTH:d}, height: {IMAGE_HEIGHT:d}}})))"""


def _page(figures: list[go.Figure], title: str, *, still: bool = False) -> str:
    """Return the HTML page of ``figures``; ``still`` pages are fixed-size, static and mark the body ready when drawn."""
    parts = [
        figure.to_html(
            full_html=False,
            include_plotlyjs=index == 0,
            config={"staticPlot": True} if still else None,
            default_width=f"{IMAGE_WIDTH}px" if still else "100%",
            default_height=f"{IMAGE_HEIGHT}px" if still else "100%",
            post_script=_drawn_script(len(figures)) if still else None,
        )
        for index, figure in enumerate(_with_size(themed(figures)) if still else themed(figures))
    ]
    style = f"<style>{font_faces()}\nbody{{margin:0}}</style>"
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>{style}</head>\n'
        f"<body>\n{''.join(parts)}\n</body></html>\n"
    )


def _with_size(figures: list[go.Figure]) -> list[go.Figure]:
    return [figure.update_layout(width=IMAGE_WIDTH, height=IMAGE_HEIGHT) for figure in figures]


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


def _median_label(seconds: float | None) -> str:
    return _("median {seconds:.0f} s").format(seconds=seconds) if seconds is not None else ""
