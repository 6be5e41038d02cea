"""Charts of the analyses as Plotly figures in the poster's look; :mod:`.chart_files` writes them.

Every number a chart writes (bar labels, conversions, cell values) is the
result's own, formatted as the poster formats numbers.

>>> from journeymap.analytics import funnel, sample_path
>>> figure = funnel_chart(funnel(sample_path(), ["app_open", "purchase"]))
>>> figure.data[0].type, list(figure.data[0].text)
('bar', ['3,000', '717'])
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import cycle
from typing import Any

import plotly.graph_objects as go

from ..i18n import gettext as _
from ..render.numbers import count, share
from .chart_theme import COLOURS, MUTED, RULE, SEQUENTIAL, SMALL, event_colours, translucent
from .paths import END, START
from .results import Funnel, Paths, Retention, Transitions

SMALL_COHORT = 30
"""Cohorts with fewer users are greyed in the cohort table: a few users swing their shares."""
CURVE_DAYS = 31
_TOP_AXIS = 150
"""The top margin of a table whose columns are named above it: room for the title, then the axis's title and ticks."""
"""A retention curve has a point for every day up to this one, then one a week."""


def funnel_chart(result: Funnel) -> go.Figure:
    """Return the funnel as bars of users per step, groups side by side, each bar labelled with its users.

    Between two steps, the conversion from the step before, one line per group in its colour.
    """
    groups = result.groups or {_("all users"): result}
    colours = dict(zip(groups, cycle(COLOURS), strict=False))
    figure = go.Figure([_funnel_bars(name, group, colours[name]) for name, group in groups.items()])
    names = [step.name for step in next(iter(groups.values())).steps]
    for index in range(1, len(names)):
        figure.add_annotation(
            x=index - 0.5,
            y=max(group.steps[index].users for group in groups.values()) / 2,
            xref="x",
            yref="y",
            text="<br>".join(
                f"<span style='color:{colours[name]}'>→ {share(group.steps[index].conversion_from_previous) or '–'}</span>"
                for name, group in groups.items()
            ),
            showarrow=False,
            bgcolor="rgba(255,255,255,0.85)",
        )
    top = max((step.users for group in groups.values() for step in group.steps), default=0)
    figure.update_layout(
        title=_("Funnel: {entered} users entered").format(entered=count(result.entered)),
        barmode="group",
        bargap=0.35,
        bargroupgap=0.06,
        showlegend=bool(result.groups),
        legend=dict(orientation="h", x=1, xanchor="right", y=1.02, yanchor="bottom"),
        xaxis=dict(type="category", categoryarray=names, categoryorder="array"),
        yaxis=dict(title=_("users"), range=[0, top * 1.12 or 1], tickformat=","),
    )
    return figure


def _funnel_bars(name: str, group: Funnel, colour: str) -> go.Bar:
    steps = group.steps
    return go.Bar(
        name=name,
        x=[step.name for step in steps],
        y=[step.users for step in steps],
        marker_color=colour,
        text=[count(step.users) for step in steps],
        textposition="outside",
        cliponaxis=False,
        customdata=[[share(step.conversion_from_start), share(step.conversion_from_previous)] for step in steps],
        hovertemplate=_("%{x}: %{text} users<br>%{customdata[0]} of the first step, %{customdata[1]} of the step before")
        + "<extra>%{fullData.name}</extra>",
    )


def retention_curve_days(days: Iterable[int]) -> list[int]:
    """Return the days a retention curve draws: every day from 0 to ``CURVE_DAYS``, then every week, and the days asked for.

    >>> retention_curve_days([1, 7])
    [0, 1, 2, 3, 4, 5, 6, 7]
    >>> retention_curve_days([90])[-4:]
    [70, 77, 84, 90]
    """
    last = max(days, default=0)
    return sorted({*range(min(last, CURVE_DAYS) + 1), *range(0, last + 1, 7), *days})


def retention_chart(result: Retention, marks: Collection[int] = ()) -> go.Figure:
    """Return the retention curve with its 95 % band: the share of the cohort retained on each day of the result."""
    return retention_curves_chart(
        {_("retained"): result}, title=_("Retention of {size} users").format(size=count(result.cohort_size)), marks=marks
    )


def retention_curves_chart(curves: Mapping[str, Retention], title: str | None = None, marks: Collection[int] = ()) -> go.Figure:
    """Return one retention curve per name (a segment), overlaid, each in a band of its 95 % Wilson interval.

    Each curve is three traces: the band's top, its bottom (filled up to the
    top) and the curve, whose points on the days in ``marks`` (default: 1, 7,
    30 and the last day) are labelled with their share; with several curves,
    only the last day is, so that the labels do not overlap.
    """
    figure = go.Figure()
    tops = []
    for (name, curve), colour in zip(curves.items(), cycle(COLOURS), strict=False):
        days = sorted(day for day, value in curve.retention.items() if value is not None)
        low, high = retention_band(curve, days)
        tops.extend(high)
        labelled = (set(marks) or {1, 7, 30, days[-1] if days else 0}) if len(curves) == 1 else set(days[-1:])
        band = dict(x=days, mode="lines", line=dict(width=0, color=colour), legendgroup=name, showlegend=False, hoverinfo="skip")
        figure.add_trace(go.Scatter(y=high, name=_("{name}: 95 % interval").format(name=name), **band))
        figure.add_trace(
            go.Scatter(
                y=low,
                name=_("{name}: 95 % interval").format(name=name),
                fill="tonexty",
                fillcolor=translucent(colour, 0.18 if len(curves) == 1 else 0.1),
                **band,
            )
        )
        figure.add_trace(
            go.Scatter(
                x=days,
                y=[curve.retention[day] for day in days],
                name=name,
                legendgroup=name,
                mode="lines+markers+text",
                line=dict(color=colour, width=3),
                marker=dict(size=6, color=colour),
                cliponaxis=False,
                text=[share(curve.retention[day]) if day in labelled else "" for day in days],
                textposition="top right",
                customdata=[count(curve.retained[day]) for day in days],
                hovertemplate=_("day %{x}: %{y:.1%} (%{customdata} users)") + "<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(
        title=title or _("Retention by segment"),
        xaxis=dict(title=_("days since start"), rangemode="tozero"),
        yaxis=dict(title=_("share of the cohort"), tickformat=".0%", range=[0, min(1.0, max(tops, default=1.0) * 1.08)]),
        legend=dict(orientation="h", x=1, xanchor="right", y=1.02, yanchor="bottom"),
        showlegend=len(curves) > 1,
    )
    return figure


def retention_band(result: Retention, days: Sequence[int]) -> tuple[list[float], list[float]]:
    """Return the bottoms and tops of the 95 % Wilson interval of each day's retention.

    >>> from journeymap.analytics import Retention
    >>> low, high = retention_band(Retention(cohort_size=10, retention={1: 0.8}, retained={1: 8}), [1])
    >>> round(low[0], 3), round(high[0], 3)
    (0.49, 0.943)
    """
    from .discover.stats import wilson  # statsmodels: only when a retention chart is drawn

    bounds = [wilson(result.retained[day], result.cohort_size) or (0.0, 0.0) for day in days]
    return [low for low, _high in bounds], [high for _low, high in bounds]


def cohort_heatmap(result: Retention, smallest: int = SMALL_COHORT) -> go.Figure:
    """Return the weekly cohorts as a table of shares: start week by weeks since the start.

    The colours compare weeks 1 and later of cohorts of ``smallest`` users or
    more (the first trace); week 0 (everyone) and smaller cohorts are grey with
    their numbers (the second trace).
    """
    cohorts = result.weekly
    width = max((len(row["weeks"]) for row in cohorts), default=0)
    table = [row["weeks"] + [None] * (width - len(row["weeks"])) for row in cohorts]
    coloured = [[week > 0 and row["size"] >= smallest for week in range(width)] for row in cohorts]
    values, text = _cells(table, coloured, True)
    greys, grey_text = _cells(table, coloured, False)
    top = max((value for line in values for value in line if value is not None), default=0.0) or 1.0
    common: dict[str, Any] = dict(
        x=list(range(width)),
        y=[_cohort_label(row, smallest) for row in cohorts],
        texttemplate="%{text}",
        xgap=2,
        ygap=2,
        hovertemplate="%{y}, %{x}: %{text}<extra></extra>",
    )
    figure = go.Figure(
        [
            go.Heatmap(
                z=values,
                text=text,
                colorscale=SEQUENTIAL,
                zmin=0,
                zmax=top,
                colorbar=dict(tickformat=".0%", title=dict(text=_("weeks 1+"))),
                **common,
            ),
            go.Heatmap(
                z=[[None if value is None else 1 for value in line] for line in greys],
                text=grey_text,
                colorscale=[[0, RULE], [1, RULE]],
                showscale=False,
                textfont=dict(color=MUTED),
                **common,
            ),
        ]
    )
    figure.update_layout(
        title=_("Weekly cohorts"),
        margin=dict(t=_TOP_AXIS),
        xaxis=dict(title=_("weeks since start"), dtick=1, side="top", showgrid=False),
        yaxis=dict(autorange="reversed", showgrid=False, type="category"),
    )
    figure.add_annotation(
        text=_("Grey: week 0 (everyone) and cohorts under {smallest} users; the colours compare the other cells.").format(
            smallest=smallest
        ),
        x=0,
        xref="paper",
        y=0,
        yref="paper",
        yshift=-50,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=SMALL, color=MUTED),
    )
    return figure


def _cells(table: list[list[float | None]], coloured: list[list[bool]], layer: bool) -> tuple[list[list[float | None]], list[list[str]]]:
    """The shares of one layer of the cohort table (coloured or grey) and their text; the other layer's cells are empty."""
    values = [
        [value if flag == layer else None for value, flag in zip(line, flags, strict=True)]
        for line, flags in zip(table, coloured, strict=True)
    ]
    return values, [[share(value) for value in line] for line in values]


def _cohort_label(row: Mapping[str, Any], smallest: int) -> str:
    if row["size"] < smallest:
        return _("{cohort}: {users} users, too few").format(cohort=row["cohort"], users=count(row["size"]))
    return _("{cohort}: {users} users").format(cohort=row["cohort"], users=count(row["size"]))


def sankey_chart(result: Paths) -> go.Figure:
    """Return the paths as a Sankey diagram: one node per event and level, each event in one colour in every column."""
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
    colours = {**event_colours(label for label in labels if label not in (END, START)), END: RULE, START: RULE}
    link_colours = [translucent(colours[labels[source]], 0.35) for source in sources]
    figure = go.Figure(
        go.Sankey(
            node=dict(label=labels, pad=18, thickness=22, color=[colours[label] for label in labels], line=dict(width=0)),
            link=dict(source=sources, target=targets, value=values, color=link_colours),
        )
    )
    figure.update_layout(
        title=_("Paths {direction} {anchor} ({users} users)").format(
            direction=_(result.direction), anchor=result.anchor, users=count(result.users)
        )
    )
    return figure


def transitions_chart(result: Transitions) -> go.Figure:
    """Return the directly-follows matrix: from event by next event, each cell with its count, the biggest darkest."""
    names = list(result.events)
    counts = {(edge["source"], edge["target"]): edge["count"] for edge in result.edges}
    medians = {(edge["source"], edge["target"]): edge["median_seconds"] for edge in result.edges}
    z = [[counts.get((source, target)) for target in names] for source in names]
    text = [[count(counts.get((source, target))) for target in names] for source in names]
    hover = [[_median_label(medians.get((source, target))) for target in names] for source in names]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=max(counts.values(), default=1),
            xgap=2,
            ygap=2,
            colorbar=dict(tickformat=","),
            hovertemplate="%{y} → %{x}: %{text}<br>%{customdata}<extra></extra>",
        )
    )
    figure.update_layout(
        title=_("Transitions: how often each event follows another"),
        margin=dict(t=_TOP_AXIS),
        xaxis=dict(title=_("next event"), side="top", showgrid=False),
        yaxis=dict(title=_("event"), autorange="reversed", showgrid=False),
    )
    return figure


def _median_label(seconds: float | None) -> str:
    return _("median {seconds:.0f} s").format(seconds=seconds) if seconds is not None else ""
