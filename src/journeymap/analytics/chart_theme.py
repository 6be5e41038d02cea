"""The poster's look for charts: its font (embedded, never from a CDN), its palette and type sizes."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ..render.assets import FONT_FAMILY

INK, MUTED, RULE, PANEL, ACCENT = "#1c2431", "#5a6472", "#d6dbe2", "#f3f5f8", "#1f4f7a"
COLOURS = ["#1f4f7a", "#a33a26", "#2c6e49", "#8a5a00", "#7a2f6e", "#3d7fb8", "#5a6472"]
"""The poster's series colours: navy, rust, green, amber, plum, light blue, grey (tones differ in lightness)."""
SEQUENTIAL = [[0.0, PANEL], [0.5, "#7fa3c4"], [1.0, ACCENT]]
"""Heat maps: from the poster's panel grey to its navy, darker for more."""


def template() -> go.layout.Template:
    """Return the Plotly template of the poster's look.

    >>> template().layout.font.family
    'Noto Sans, sans-serif'
    """
    axis = dict(automargin=True, gridcolor=RULE, linecolor=MUTED, zerolinecolor=RULE, tickfont=dict(size=12, color=MUTED), title=dict(font=dict(size=13, color=MUTED)))
    return go.layout.Template(
        layout=dict(
            font=dict(family=f"{FONT_FAMILY}, sans-serif", size=13, color=INK),
            title=dict(font=dict(size=18, color=INK), x=0, xref="paper", xanchor="left"),
            colorway=COLOURS,
            paper_bgcolor="#ffffff",
            plot_bgcolor="#ffffff",
            xaxis=axis,
            yaxis=axis,
            legend=dict(font=dict(size=12, color=MUTED)),
            hoverlabel=dict(font=dict(family=f"{FONT_FAMILY}, sans-serif")),
            colorscale=dict(sequential=SEQUENTIAL),
        )
    )


def themed(figures: Sequence[go.Figure]) -> list[go.Figure]:
    """Return copies of ``figures`` in the poster's look (a figure's own settings win over the theme).

    >>> themed([go.Figure()])[0].layout.template.layout.colorway[0]
    '#1f4f7a'
    """
    look = template()
    return [go.Figure(figure).update_layout(template=look) for figure in figures]
