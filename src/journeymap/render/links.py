"""Links between steps (branches, alternatives, loops back) as arrows over a sheet's step columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..i18n import gettext as _
from ..model import Journey, Link, LinkKind, Step
from . import numbers
from .words import link_kind_title

TRACK = 30.0
"""Height of one link's track; each link on a sheet has its own, so arrows never cross labels."""
TOP = 6.0
"""Room above the first track; arrows leave and reach the step headers at the row's top edge."""
LABEL_SIZE = 10.0
"""Size of a link's label, in pixels."""
OFFSET = 10.0
"""Arrows leave a column right of its centre and enter left of it, so a step with both stays readable."""


@dataclass(frozen=True)
class LinkEnds:
    """Where a link starts and ends on a sheet: column indexes, None when that end is on another sheet."""

    link: Link
    source: int | None
    target: int | None
    forward: bool


def sheet_links(journey: Journey, steps: Sequence[Step]) -> list[LinkEnds]:
    """Return the links with at least one end among ``steps``, in the map's order.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}],
    ...                   links=[{"from": "c", "to": "a", "kind": "loop"}])
    >>> [(ends.source, ends.target, ends.forward) for ends in sheet_links(journey, journey.steps[1:])]
    [(1, None, False)]
    """
    order = {step.id: index for index, step in enumerate(journey.steps)}
    here = {step.id: index for index, step in enumerate(steps)}
    found = []
    for link in journey.links:
        if link.source in here or link.target in here:
            forward = order.get(link.target, 0) > order.get(link.source, 0)
            found.append(LinkEnds(link, here.get(link.source), here.get(link.target), forward))
    return found


def links_svg(journey: Journey, steps: Sequence[Step], column: float) -> Markup:
    """Return the sheet's links as an ``<svg>``: one track per link, an arrowhead at its target, its label on the track.

    A loop back is dashed; a link whose other end is on another page runs to
    the page's edge and names that step. Every text is escaped.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "A"}, {"name": "B"}]}],
    ...                   links=[{"from": "b", "to": "a", "kind": "loop", "label": "Again"}])
    >>> svg = links_svg(journey, journey.steps, 100)
    >>> 'data-from="b" data-to="a" data-kind="loop"' in svg, "Again" in svg
    (True, True)
    """
    found = sheet_links(journey, steps)
    if not found:
        return Markup("")
    width = round(column * len(steps), 2)
    height = TOP + TRACK * len(found) + 10
    number = {step.id: index for index, step in enumerate(journey.steps, start=1)}
    names = journey.step_names
    parts = [
        f'<svg class="links" xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" role="img">'
    ]
    for track, ends in enumerate(found):
        parts.append(_arrow(ends, TOP + TRACK * track + 18, column, width, _label(ends, number, names)))
    parts.append("</svg>")
    return Markup("".join(parts))


def _label(ends: LinkEnds, number: dict[str, int], names: dict[str, str]) -> str:
    link = ends.link
    share = link.measured.value if link.measured is not None else link.share
    text = " ".join(filter(None, (link.label or link_kind_title(link.kind), f"({numbers.share(share)})" if share is not None else "")))
    if ends.target is None:
        other = _("to {number}. {step}").format(number=number.get(link.target, "?"), step=names.get(link.target, link.target))
        return f"{text} → {other}"
    if ends.source is None:
        other = _("from {number}. {step}").format(number=number.get(link.source, "?"), step=names.get(link.source, link.source))
        return f"{other} → {text}"
    return text


def _arrow(ends: LinkEnds, y: float, column: float, width: float, label: str) -> str:
    """One link: down from its source's header to its track, along it, and up into its target's header."""
    link = ends.link
    start = column * (ends.source + 0.5) + OFFSET if ends.source is not None else (0.0 if ends.forward else width)
    end = column * (ends.target + 0.5) - OFFSET if ends.target is not None else (width if ends.forward else 0.0)
    path = f"M{start:g},{0 if ends.source is not None else y:g} V{y:g} H{end:g}"
    if ends.target is not None:
        path += " V7"
        head = f"M{end - 4.5:g},8 L{end + 4.5:g},8 L{end:g},1 Z"
    else:
        tip = 1 if end >= start else -1
        head = f"M{end - 8 * tip:g},{y - 4.5:g} L{end - 8 * tip:g},{y + 4.5:g} L{end:g},{y:g} Z"
    middle, anchor = (start + end) / 2, "middle"
    if ends.target is None or ends.source is None:
        middle, anchor = (min(start, end) + 4, "start") if end >= start else (max(start, end) - 4, "end")
    middle, anchor = _on_sheet(label, middle, anchor, width)
    kind = link.kind.value
    dash = ' stroke-dasharray="5 3"' if link.kind in (LinkKind.loop, LinkKind.alternative) else ""
    return (
        f'<g class="link link-{kind}" data-from="{escape(link.source)}" data-to="{escape(link.target)}" data-kind="{kind}">'
        f"<title>{escape(link_kind_title(link.kind))}: {escape(label)}</title>"
        f'<path class="link-line" d="{path}" fill="none"{dash}/><path class="link-head" d="{head}"/>'
        f"{_backing(label, middle, y, anchor)}"
        f'<text class="link-label" x="{middle:g}" y="{y - 5:g}" text-anchor="{anchor}">{escape(label)}</text></g>'
    )


def _on_sheet(label: str, x: float, anchor: str, width: float) -> tuple[float, str]:
    """Where a label goes so it stays on its sheet: as asked, or moved along its track to the nearer edge.

    >>> _on_sheet("to 10. Hands over the uniform", 580, "start", 600)
    (434.6, 'start')
    >>> _on_sheet("Again", 300, "middle", 600)
    (300, 'middle')
    """
    size = _label_width(label)
    left = _left_edge(x, size, anchor)
    placed = min(max(left, 0.0), max(width - size, 0.0))
    return (x, anchor) if placed == left else (round(placed + 3, 1), "start")


def _label_width(label: str) -> float:
    """About how wide a label is drawn, its backing's margins included."""
    return round(len(label) * LABEL_SIZE * 0.56 + 6, 1)


def _left_edge(x: float, size: float, anchor: str) -> float:
    return {"middle": x - size / 2, "start": x - 3, "end": x - size + 3}[anchor]


def _backing(label: str, x: float, y: float, anchor: str) -> str:
    """A paper-coloured box under a label, so lines crossing it do not run through the words (drawn once, unlike a halo)."""
    width = _label_width(label)
    left = _left_edge(x, width, anchor)
    return f'<rect class="link-backing" x="{left:g}" y="{y - 5 - LABEL_SIZE:g}" width="{width:g}" height="{LABEL_SIZE + 3:g}" fill="#fff"/>'
