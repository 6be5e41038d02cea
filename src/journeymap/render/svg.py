"""The poster as a native SVG drawing: the same grid and curve, text wrapped in Python, fonts embedded."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from ..i18n import gettext as _, in_language
from ..model import Journey, Stage, Step
from . import assets
from .curve import CurvePoint, Frame, axis_ticks, curve_svg
from .emotion import persona_lines, scale_labels, scale_score
from .lanes import LaneView, cards, choose_lanes
from .links import TOP, TRACK, links_svg, sheet_links
from .sheets import CURVE_HEIGHT, LANE_COLUMN, MARGIN, SCREEN_COLUMN, metric_views
from .svg_head import masthead
from .svg_text import FONT_SIZE, LINE, PAD, PALETTE, lines as _lines, text as _text, wrap
from .tables import ranked
from .voices import insight_views, safe_href, voice_views


def poster_svg(journey: Journey, *, language: str | None = None, lanes: Sequence[str] | None = None) -> str:
    """Return the poster as a standalone SVG document; all map text is XML-escaped.

    >>> from journeymap.model import Journey
    >>> svg = poster_svg(Journey(title="A & <B>", stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}]))
    >>> "A &amp; &lt;B&gt;" in svg
    True
    """
    with in_language(language):
        return _drawing(journey, choose_lanes(journey, lanes))


def _drawing(journey: Journey, chosen: list[LaneView]) -> str:
    steps = journey.steps
    width = 2 * MARGIN + LANE_COLUMN + SCREEN_COLUMN * len(steps)
    body, y = masthead(journey, MARGIN, MARGIN, width - 2 * MARGIN)
    y = _stage_row(journey, y, body)
    y = _step_row(journey, y, body)
    for lane in chosen:
        if lane.line_before:
            body.append(f'<line x1="{MARGIN}" x2="{width - MARGIN}" y1="{y + 6}" y2="{y + 6}" stroke="{PALETTE["ink"]}" stroke-dasharray="5 3"/>')
            body.append(_text(MARGIN, y + 18, lane.line_before.upper(), size=9, weight=700))
            y += 24
        y = _lane_row(journey, lane, y, body)
    y = _closing(journey, y + 16, min(900.0, width - 2 * MARGIN), body)
    height = y + MARGIN
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" '
        f'font-family="{assets.FONT_FAMILY}, sans-serif" font-size="{FONT_SIZE}" fill="{PALETTE["ink"]}">'
        f"<title>{escape(journey.title)}</title><style>{assets.font_faces()}\n{_CURVE_STYLE}</style>"
        f'<rect width="100%" height="100%" fill="#fff"/>{"".join(body)}</svg>\n'
    )


def _x(index: int) -> float:
    return MARGIN + LANE_COLUMN + SCREEN_COLUMN * index


def _stage_row(journey: Journey, y: float, body: list[str]) -> float:
    """Draw each stage over its steps: its name, then its description, owner, moment of truth and where a cyclical map goes back to."""
    body.append(_text(MARGIN, y + 20, _("Stages").upper(), size=10, weight=700, fill=PALETTE["muted"]))
    spans = [(stage, len(stage.steps), sum(len(before.steps) for before in journey.stages[:place])) for place, stage in enumerate(journey.stages)]
    notes = {stage.id: [line for note in _stage_notes(journey, stage) for line in wrap(note, SCREEN_COLUMN * span - 2 * PAD, 10.5)] for stage, span, _first in spans if span}
    height = 30 + LINE * max((len(found) for found in notes.values()), default=0)
    for stage, span, first in spans:
        if span:
            name = wrap(stage.name, SCREEN_COLUMN * span - 2 * PAD, 13)[0]
            body.append(f'<g class="stage" data-stage="{escape(stage.id)}"><rect x="{_x(first):g}" y="{y:g}" width="{SCREEN_COLUMN * span - 1:g}" height="{height:g}" fill="{PALETTE["accent"]}"/>'
                        f'{_text(_x(first) + PAD, y + 20, name, size=13, weight=700, fill="#fff")}{_lines(_x(first) + PAD, y + 36, notes[stage.id], size=10.5, fill="#fff")}</g>')
    return y + height + 2


def _stage_notes(journey: Journey, stage: Stage) -> list[str]:
    """Return what a stage's header says under its name.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", cyclical=True, stages=[{"name": "Buy", "description": "Pays", "owner": "Sales", "moment_of_truth": "fmot"},
    ...                                                        {"name": "Love"}])
    >>> _stage_notes(journey, journey.stages[0]), _stage_notes(journey, journey.stages[1])
    (['Pays · Sales', 'FMOT'], ['then back to Buy'])
    """
    notes = [" · ".join(filter(None, (stage.description, stage.owner))), stage.moment_of_truth.value.upper() if stage.moment_of_truth else ""]
    if journey.cyclical and len(journey.stages) > 1 and stage.id == journey.stages[-1].id:
        notes.append(_("then back to {stage}").format(stage=journey.stages[0].name))
    return [note for note in notes if note]


def _step_row(journey: Journey, y: float, body: list[str]) -> float:
    """Draw each step's header: its number, name, description, sub-journey and marks."""
    heads = [_step_lines(step) for step in journey.steps]
    height = 2 * PAD + 14 + LINE * max((len(found) for found in heads), default=1) + 16
    body.append(_text(MARGIN, y + 20, _("Steps").upper(), size=10, weight=700, fill=PALETTE["muted"]))
    for index, (step, found) in enumerate(zip(journey.steps, heads)):
        x = _x(index)
        body.append(f'<g class="step" data-step="{escape(step.id)}"><rect x="{x:g}" y="{y:g}" width="{SCREEN_COLUMN - 1}" height="{height:g}" fill="{PALETTE["soft"]}"/>')
        if step.critical:
            body.append(f'<rect x="{x:g}" y="{y:g}" width="{SCREEN_COLUMN - 1}" height="4" fill="{PALETTE["ink"]}"/>')
        body.append(_text(x + PAD, y + PAD + 10, str(index + 1), size=10, weight=700, fill=PALETTE["accent"]))
        body.extend(_linked(_text(x + PAD, y + PAD + 27 + LINE * n, line, size=size, weight=weight, fill=fill), href)
                    for n, (line, size, weight, fill, href) in enumerate(found))
        badges = [moment.value.upper() for moment in step.moments_of_truth]
        badges += [_("Critical")] * step.critical + [_("Barrier")] * bool(step.barriers) + [_("Key moment")] * step.key_moment
        body.append(_text(x + PAD, y + height - PAD, " · ".join(badges), size=9, weight=700, fill=PALETTE["accent"]))
        body.append("</g>")
    body.append(f'<line x1="{MARGIN}" x2="{_x(len(heads)):g}" y1="{y + height:g}" y2="{y + height:g}" stroke="{PALETTE["ink"]}" stroke-width="2"/>')
    return y + height + 2


def _linked(element: str, href: str) -> str:
    return f'<a class="subjourney" href="{escape(href)}">{element}</a>' if href else element


def _step_lines(step: Step) -> list[tuple[str, float, int, str, str]]:
    """Return the lines of a step's header under its number (text, size, weight, colour, link): name, description, sub-journey.

    The sub-journey links to its map where a poster may (a relative path or an http(s) address, see :func:`safe_href`).

    >>> [line[0] for line in _step_lines(Step(name="Pays", description="By card", subjourney="checkout.yaml"))]
    ['Pays', 'By card', '↳ Sub-journey: checkout.yaml']
    """
    width = SCREEN_COLUMN - 2 * PAD
    found = [(line, 13.0, 700, "", "") for line in wrap(step.name, width, 13)]
    found += [(line, 10.5, 400, PALETTE["muted"], "") for line in wrap(step.description, width, 10.5) if step.description]
    if step.subjourney:
        href = safe_href(step.subjourney)
        found += [(line, 10.5, 700, PALETTE["accent"], href) for line in wrap(f"↳ {_('Sub-journey')}: {step.subjourney}", width, 10.5)]
    return found


def _lane_row(journey: Journey, lane: LaneView, y: float, body: list[str]) -> float:
    title = wrap(lane.title.upper(), LANE_COLUMN - PAD, 10)
    if lane.kind == "emotion":
        return _emotion_row(journey, title, y, body)
    if lane.kind == "links":
        links = links_svg(journey, journey.steps, SCREEN_COLUMN)
        body.append(_lines(MARGIN, y + PAD + 10, title, size=10, weight=700, fill=PALETTE["muted"]))
        body.append(f'<g transform="translate({_x(0):g},{y:g})">{links}</g>')
        height = max(LINE * len(title) + 2 * PAD, TOP + TRACK * len(sheet_links(journey, journey.steps)) + 10)
        return y + height
    cells = [_cell_lines(journey, lane, step) for step in journey.steps]
    height = 2 * PAD + LINE * max([len(title), *(len(lines) for lines in cells)])
    body.append(_lines(MARGIN, y + PAD + 10, title, size=10, weight=700, fill=PALETTE["muted"]))
    colour = PALETTE["pain"] if lane.tone == "pain" else ""
    for index, lines in enumerate(cells):
        body.append(_lines(_x(index) + PAD, y + PAD + 11, lines, fill=colour))
    body.append(f'<line x1="{MARGIN}" x2="{_x(len(cells)):g}" y1="{y + height:g}" y2="{y + height:g}" stroke="{PALETTE["rule"]}"/>')
    return y + height


def _cell_lines(journey: Journey, lane: LaneView, step: Step) -> list[str]:
    if lane.kind == "metrics":
        measured = _("measured")
        texts = [f"{m.name}: {m.text}" + (f" ({measured})" if m.measured else "") for m in metric_views(step)]
    else:
        texts = cards(journey, step, lane.key)
    return [line for text in texts for line in wrap("– " + text, SCREEN_COLUMN - 2 * PAD)]


def _emotion_row(journey: Journey, title: list[str], y: float, body: list[str]) -> float:
    scale = journey.emotion_scale
    frame = Frame(low=scale.min, high=scale.max, column=SCREEN_COLUMN, height=CURVE_HEIGHT)
    points = [
        CurvePoint(step.id, step.name, step.emotion.actual, step.emotion.desired,
                   step.emotion.measured.value if step.emotion.measured else None)
        for step in journey.steps
    ]
    curve = curve_svg(points, frame, neutral=(scale.min + scale.max) / 2, personas=persona_lines(journey, journey.steps))
    body.append(_lines(MARGIN, y + CURVE_HEIGHT + 10, title, size=10, weight=700, fill=PALETTE["muted"]))
    for tick_y, text in axis_ticks(frame, scale_labels(scale)):
        body.append(f'<text class="tick" x="{_x(0) - 6:g}" y="{y + tick_y + 3:g}" font-size="9" text-anchor="end" fill="{PALETTE["muted"]}">{escape(text)}</text>')
    body.append(f'<g transform="translate({_x(0):g},{y:g})">{curve}</g>')
    texts = [" ".join(filter(None, (scale_score(step.emotion.actual, scale), step.emotion.label))) for step in journey.steps]
    labels = [wrap(text, SCREEN_COLUMN - 2 * PAD, 10.5) if text else [] for text in texts]
    for index, lines in enumerate(labels):
        body.append(_lines(_x(index) + PAD, y + CURVE_HEIGHT + 10, lines, size=10.5, fill=PALETTE["muted"]))
    return y + CURVE_HEIGHT + LINE * max([1, *(len(lines) for lines in labels)]) + PAD


def _closing(journey: Journey, y: float, width: float, body: list[str]) -> float:
    """Draw the ranked ideas, the insights with their evidence and the voice of the customer as wrapped lists."""
    sections = [
        (_("Ideas, ranked"), [f"{rank}. {item.title}" + (f" ({item.manufactura_score})" if item.manufactura_score is not None else "")
                              for rank, item in enumerate(ranked(journey.opportunities), start=1)]),
        (_("Insights"), [" — ".join(filter(None, (str(view["text"]), str(view["evidence"]), str(view["steps"])))) for view in insight_views(journey)]),
        (_("Voice of the customer"), [
            line
            for view in voice_views(journey)
            for line in [f"{view['number']}. {view['step']}" + (f": {view['measured']}" if view["measured"] else ""),
                         *(f"“{text}” — {source}" if source else f"“{text}”" for text, source in view["quotes"])]  # type: ignore[attr-defined]
        ]),
    ]
    for title, items in sections:
        if not items:
            continue
        body.append(f'<g class="section" data-section="{escape(title)}">')
        body.append(_text(MARGIN, y + 14, title.upper(), size=11, weight=700, fill=PALETTE["muted"]))
        y += 24
        for item in items:
            lines = wrap(item, width)
            body.append(_lines(MARGIN, y + 11, lines))
            y += LINE * len(lines) + 3
        body.append("</g>")
        y += 12
    return y


_CURVE_STYLE = """
.neutral{stroke:#d6dbe2;stroke-dasharray:2 3}.actual{fill:none;stroke:#1c2431;stroke-width:2.5}
.desired{fill:none;stroke:#5a6472;stroke-width:1.5;stroke-dasharray:6 4}.gap{fill:url(#gap-hatch)}
.gap-fill{fill:#f8e6e1}.gap-line{stroke:#e0b5aa;stroke-width:2}.desired-dot{fill:#fff;stroke:#5a6472;stroke-width:1.5}
.face{fill:#fff;stroke:#1c2431;stroke-width:1.5}.eye{fill:#1c2431}.mouth{fill:none;stroke:#1c2431;stroke-width:1.3}
.pit .face{fill:#1c2431}.pit .eye{fill:#fff}.pit .mouth{stroke:#fff}.pit-ring{fill:none;stroke:#a33a26;stroke-width:2;stroke-dasharray:3 2}
.measured-mark{fill:#1f4f7a}.link-line{stroke:#1f4f7a;stroke-width:1.6}.link-head{fill:#1f4f7a}
.link-loop .link-line,.link-alternative .link-line{stroke:#8a5a00}.link-loop .link-head,.link-alternative .link-head{fill:#8a5a00}
.link-label{font-size:10px}.disagree-ring{fill:none;stroke:#a33a26;stroke-width:2;stroke-dasharray:3 2}
"""
