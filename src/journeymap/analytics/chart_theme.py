"""The poster's look for charts: its font (embedded, never from a CDN), its palette and type sizes readable on a slide."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import plotly.graph_objects as go

from ..render.assets import FONT_FAMILY

INK, MUTED, RULE, PANEL, ACCENT = "#1c2431", "#5a6472", "#d6dbe2", "#f3f5f8", "#1f4f7a"
COLOURS = ["#1f4f7a", "#a33a26", "#2c6e49", "#8a5a00", "#7a2f6e", "#3d7fb8", "#5a6472"]
"""The poster's series colours: navy, rust, green, amber, plum, light blue, grey (tones differ in lightness)."""
MORE_COLOURS = ["#6b8f3a", "#b5651d", "#4a6fa5", "#9c4f6b", "#2f7f7a", "#7d6b4f", "#8a8f99"]
"""Colours for events beyond the first seven: olive, copper, steel, rose, teal, umber, slate."""
SEQUENTIAL = [[0.0, PANEL], [0.5, "#7fa3c4"], [1.0, ACCENT]]
"""Heat maps: from the poster's panel grey to its navy, darker for more."""
FONT_SIZE, SMALL, TITLE = 18, 15, 24
"""Type sizes in pixels: text and labels, ticks and notes, titles (readable on a 1600-pixel slide)."""


def template() -> go.layout.Template:
    """Return the Plotly template of the poster's look.

    >>> template().layout.font.family, template().layout.font.size
    ('Noto Sans, sans-serif', 18)
    """
    axis = dict(automargin=True, gridcolor=RULE, linecolor=MUTED, zerolinecolor=RULE, tickfont=dict(size=SMALL, color=MUTED), title=dict(font=dict(size=SMALL, color=MUTED)))
    return go.layout.Template(
        layout=dict(
            font=dict(family=f"{FONT_FAMILY}, sans-serif", size=FONT_SIZE, color=INK),
            title=dict(font=dict(size=TITLE, color=INK), x=0, xref="paper", xanchor="left", y=0.985, yanchor="top"),
            colorway=COLOURS,
            paper_bgcolor="#ffffff",
            plot_bgcolor="#ffffff",
            xaxis=axis,
            yaxis=axis,
            legend=dict(font=dict(size=SMALL, color=MUTED)),
            hoverlabel=dict(font=dict(family=f"{FONT_FAMILY}, sans-serif")),
            colorscale=dict(sequential=SEQUENTIAL),
            margin=dict(t=90, r=40, b=70, l=70),
        )
    )


def themed(figures: Sequence[go.Figure]) -> list[go.Figure]:
    """Return copies of ``figures`` in the poster's look (a figure's own settings win over the theme).

    >>> themed([go.Figure()])[0].layout.template.layout.colorway[0]
    '#1f4f7a'
    """
    look = template()
    return [go.Figure(figure).update_layout(template=look) for figure in figures]


def event_colours(names: Iterable[str]) -> dict[str, str]:
    """Return one colour per event name, in the order given: the series colours, then more, then round again.

    >>> event_colours(["app_open", "search", "app_open"])
    {'app_open': '#1f4f7a', 'search': '#a33a26'}
    """
    palette = COLOURS + MORE_COLOURS
    colours: dict[str, str] = {}
    for name in names:
        colours.setdefault(name, palette[len(colours) % len(palette)])
    return colours


def translucent(colour: str, opacity: float) -> str:
    """Return a ``#rrggbb`` colour as CSS ``rgba()`` at ``opacity`` (for bands and Sankey links).

    >>> translucent("#1f4f7a", 0.25)
    'rgba(31,79,122,0.25)'
    """
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red},{green},{blue},{opacity:g})"
