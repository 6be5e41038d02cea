"""The directly-follows graph drawn as pm4py and retentioneering draw it: events as boxes, the top edges as arrows with counts.

The events stand on one line, ordered so that most of the flow goes left to
right (the greedy order of Eades, Lin and Smyth, ties by name: no layout
program, the same picture every time). An edge going forward arcs above the
line, one going back arcs below it, an event followed by itself loops over
its box; each edge is as thick as it is frequent and carries its count.

>>> from journeymap.analytics import sample_path, transitions
>>> figure = transitions_graph(transitions(sample_path()), top=3)
>>> [(label.name, label.text) for label in figure.layout.annotations if label.name][0]
('search → view_item', '3,058')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from ..i18n import gettext as _
from ..render.numbers import count, duration
from .chart_theme import ACCENT, COLOURS, INK, MUTED, SMALL
from .results import Transitions

TOP_EDGES = 12
"""How many of the most frequent edges the graph draws by default."""
_BACK = COLOURS[1]
_BOX, _LOOP = 0.09, 0.42
"""Half the height of an event's box, and the height of a loop's control points, in units of the graph's y axis."""


def transitions_graph(result: Transitions, top: int = TOP_EDGES) -> go.Figure:
    """Return the ``top`` most frequent edges as a directed graph with their counts (see the module's notes)."""
    edges = sorted(result.edges, key=lambda edge: (-edge["count"], edge["source"], edge["target"]))[:top]
    order = node_order(edges)
    place = {name: index for index, name in enumerate(order)}
    widest = max((edge["count"] for edge in edges), default=1)
    figure = go.Figure()
    hover: list[tuple[float, float, str]] = []
    for edge in edges:
        x, y = _draw_edge(figure, edge, place[edge["source"]], place[edge["target"]], 1.5 + 8 * edge["count"] / widest)
        hover.append((x, y, _("{source} → {target}: {count} times, median {time}").format(
            source=edge["source"], target=edge["target"], count=count(edge["count"]), time=duration(edge["median_seconds"])
        )))
    for name, index in place.items():
        figure.add_annotation(
            x=index, y=0, text=f"<b>{name}</b><br>{count(result.events.get(name))}", showarrow=False, bgcolor="#ffffff",
            bordercolor=INK, borderwidth=1.5, borderpad=6, font=dict(color=INK),
        )
    figure.add_trace(go.Scatter(
        x=[x for x, _y, _text in hover], y=[y for _x, y, _text in hover], hovertext=[text for _x, _y, text in hover],
        mode="markers", marker=dict(size=24, opacity=0), hoverinfo="text", showlegend=False,
    ))
    figure.update_layout(
        title=_("Transitions: the {top} most frequent, forward above, back below").format(top=len(edges)),
        xaxis=dict(visible=False, range=[-0.7, max(len(order) - 0.3, 0.7)]),
        yaxis=dict(visible=False, range=[min(min((y for _x, y, _text in hover), default=0), -_BOX) - 0.3, max((y for _x, y, _text in hover), default=0) + 0.3]),
    )
    return figure


def node_order(edges: Sequence[dict[str, Any]]) -> list[str]:
    """Return the events of ``edges`` ordered so that the heaviest flow goes forward (sinks last, sources first).

    >>> node_order([{"source": "b", "target": "c", "count": 5}, {"source": "a", "target": "b", "count": 9}, {"source": "c", "target": "b", "count": 1}])
    ['a', 'b', 'c']
    """
    weights: dict[tuple[str, str], int] = {}
    for edge in edges:
        if edge["source"] != edge["target"]:
            weights[edge["source"], edge["target"]] = weights.get((edge["source"], edge["target"]), 0) + edge["count"]
    remaining = sorted({edge[end] for edge in edges for end in ("source", "target")})
    first: list[str] = []
    last: list[str] = []
    while remaining:
        flows = {name: _flow(weights, name, remaining) for name in remaining}
        sinks = [name for name in remaining if flows[name][0] == 0]
        sources = [name for name in remaining if flows[name][1] == 0 and name not in sinks]
        if sinks or sources:
            last[:0] = sinks
            first.extend(sources)
            taken = set(sinks + sources)
        else:
            chosen = max(remaining, key=lambda name: (flows[name][0] - flows[name][1], [-ord(letter) for letter in name]))
            first.append(chosen)
            taken = {chosen}
        remaining = [name for name in remaining if name not in taken]
    return first + last


def _flow(weights: dict[tuple[str, str], int], name: str, among: Sequence[str]) -> tuple[int, int]:
    """The weight going out of ``name`` and coming into it, counting only edges among ``among``."""
    out = sum(weight for (source, target), weight in weights.items() if source == name and target in among)
    into = sum(weight for (source, target), weight in weights.items() if target == name and source in among)
    return out, into


def _draw_edge(figure: go.Figure, edge: dict[str, Any], start: int, end: int, width: float) -> tuple[float, float]:
    """Draw one edge as a curve with an arrowhead and its count; return where the count stands."""
    colour = ACCENT if end >= start else _BACK
    if start == end:
        points = [(start - 0.04, _BOX), (start - 0.25, _LOOP), (start + 0.25, _LOOP), (start + 0.04, _BOX)]
        path = "M {} C {} {} {}".format(*(f"{x},{y}" for x, y in points))
        label: tuple[float, float] = (start, 0.25 * _BOX + 0.75 * _LOOP)
    else:
        side = 1 if end > start else -1
        height = side * (0.35 * abs(end - start) + 0.25)
        spread = min(0.07 + 0.05 * abs(end - start), 0.3) * side
        begin, finish = (start + spread, side * _BOX), (end - spread, side * _BOX)
        middle = ((begin[0] + finish[0]) / 2, height)
        points = [begin, middle, finish]
        path = "M {} Q {} {}".format(*(f"{x},{y}" for x, y in points))
        label = (middle[0], (begin[1] + finish[1]) / 4 + height / 2)
    figure.add_shape(type="path", path=path, line=dict(color=colour, width=width), layer="below")
    (tail_x, tail_y), (head_x, head_y) = points[-2], points[-1]
    figure.add_annotation(
        x=head_x, y=head_y, ax=head_x + 0.12 * (tail_x - head_x), ay=head_y + 0.12 * (tail_y - head_y), axref="x", ayref="y",
        text="", showarrow=True, arrowhead=2, arrowsize=max(0.8, 3 / width), arrowwidth=width, arrowcolor=colour,
    )
    figure.add_annotation(
        x=label[0], y=label[1], text=count(edge["count"]), name=f"{edge['source']} → {edge['target']}", showarrow=False,
        bgcolor="rgba(255,255,255,0.9)", font=dict(size=SMALL, color=colour if colour == _BACK else MUTED),
    )
    return label
