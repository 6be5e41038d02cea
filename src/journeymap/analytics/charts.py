"""Charts of the analyses as Plotly figures, written as self-contained offline HTML.

The HTML carries Plotly's JavaScript inside (no CDN): it opens without a network.

>>> from journeymap.analytics import funnel, sample_path
>>> figure = funnel_chart(funnel(sample_path(), ["app_open", "purchase"]))
>>> figure.data[0].type
'funnel'
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Sequence

import plotly.graph_objects as go

from ..files import write_atomically
from ..i18n import gettext as _
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
            )
        )
    figure.update_layout(title=_("Funnel: {entered} users entered").format(entered=result.entered))
    return figure


def retention_chart(result: Retention) -> go.Figure:
    """Return the retention curve: the share of the cohort retained on each day."""
    days = list(result.retention)
    figure = go.Figure(go.Scatter(x=days, y=[result.retention[day] for day in days], mode="lines+markers", name=_("retained")))
    figure.update_layout(
        title=_("Retention of {size} users").format(size=result.cohort_size),
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
    figure = go.Figure(go.Heatmap(z=values, x=list(range(width)), y=labels, colorscale="Blues", zmin=0, zmax=1, texttemplate="%{z:.0%}"))
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
    figure = go.Figure(go.Heatmap(z=z, x=names, y=names, text=text, colorscale="Viridis", hovertemplate="%{y} → %{x}: %{z}<br>%{text}<extra></extra>"))
    figure.update_layout(title=_("Transitions"), xaxis_title=_("next event"), yaxis=dict(title=_("event"), autorange="reversed"))
    return figure


def write_html(figures: go.Figure | Sequence[go.Figure], path: str | Path, *, title: str = "journeymap") -> Path:
    """Write one or more figures as one self-contained HTML page (Plotly inside), atomically."""
    figures = [figures] if isinstance(figures, go.Figure) else list(figures)
    parts = [figure.to_html(full_html=False, include_plotlyjs=index == 0) for index, figure in enumerate(figures)]
    page = (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>\n'
        f"<body>\n{''.join(parts)}\n</body></html>\n"
    )
    path = Path(path)
    write_atomically(path, page.encode("utf-8"))
    return path


def _median_label(seconds: float | None) -> str:
    return _("median {seconds:.0f} s").format(seconds=seconds) if seconds is not None else ""
