"""The poster as a native SVG drawing: the same grid and curve, text wrapped in Python, fonts embedded."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from markupsafe import escape

from ..i18n import gettext as _, in_language
from ..model import Journey, Step
from . import assets
from .curve import CurvePoint, Frame, axis_ticks, curve_svg, persona_key
from .emotion import persona_lines, scale_labels, scale_score
from .lanes import LaneView, cards, choose_lanes
from .links import TOP, TRACK, links_svg, sheet_links
from .sheets import CURVE_HEIGHT, LANE_COLUMN, MARGIN, SCREEN_COLUMN, metric_views
from .tables import ranked
from .voices import insight_views, voice_views

FONT_SIZE = 11.5
LINE = 15.0
CHAR_WIDTH = 0.6
"""A generous average advance of Noto Sans, in ems, so wrapped lines never overrun a column."""
PAD = 8.0
PALETTE = {"ink": "#1c2431", "muted": "#5a6472", "rule": "#d6dbe2", "accent": "#1f4f7a", "soft": "#dbe7f2", "pain": "#a33a26"}


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """Return ``text`` broken into lines that fit ``width`` pixels at ``size``.

    >>> wrap("Finds the product card on the site", 120)
    ['Finds the product', 'card on the site']
    """
    columns = max(4, int(width / (size * CHAR_WIDTH)))
    return textwrap.wrap(" ".join(text.split()), columns, break_long_words=True, break_on_hyphens=False) or [""]


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
    body: list[str] = [_text(MARGIN, MARGIN + 24, journey.title, size=26, weight=700)]
    y = _persona_legend(journey, MARGIN + 48.0, body)
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


def _text(x: float, y: float, text: str, *, size: float = FONT_SIZE, weight: int = 400, fill: str = "") -> str:
    colour = f' fill="{fill}"' if fill else ""
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" font-weight="{weight}"{colour}>{escape(text)}</text>'


def _lines(x: float, y: float, lines: list[str], **style: object) -> str:
    return "".join(_text(x, y + LINE * n, line, **style) for n, line in enumerate(lines))  # type: ignore[arg-type]


def _stage_row(journey: Journey, y: float, body: list[str]) -> float:
    body.append(_text(MARGIN, y + 20, _("Stages").upper(), size=10, weight=700, fill=PALETTE["muted"]))
    index = 0
    for stage in journey.stages:
        span = len(stage.steps)
        if span:
            body.append(f'<rect x="{_x(index):g}" y="{y:g}" width="{SCREEN_COLUMN * span - 1:g}" height="30" fill="{PALETTE["accent"]}"/>')
            name = wrap(stage.name, SCREEN_COLUMN * span - 2 * PAD, 13)[0]
            body.append(_text(_x(index) + PAD, y + 20, name, size=13, weight=700, fill="#fff"))
        index += span
    return y + 32


def _step_row(journey: Journey, y: float, body: list[str]) -> float:
    names = [wrap(step.name, SCREEN_COLUMN - 2 * PAD, 13) for step in journey.steps]
    height = 2 * PAD + 14 + LINE * max((len(lines) for lines in names), default=1) + 16
    body.append(_text(MARGIN, y + 20, _("Steps").upper(), size=10, weight=700, fill=PALETTE["muted"]))
    for index, (step, lines) in enumerate(zip(journey.steps, names)):
        x = _x(index)
        body.append(f'<rect x="{x:g}" y="{y:g}" width="{SCREEN_COLUMN - 1}" height="{height:g}" fill="{PALETTE["soft"]}"/>')
        if step.critical:
            body.append(f'<rect x="{x:g}" y="{y:g}" width="{SCREEN_COLUMN - 1}" height="4" fill="{PALETTE["ink"]}"/>')
        body.append(_text(x + PAD, y + PAD + 10, str(index + 1), size=10, weight=700, fill=PALETTE["accent"]))
        body.append(_lines(x + PAD, y + PAD + 27, lines, size=13, weight=700))
        badges = [moment.value.upper() for moment in step.moments_of_truth]
        badges += [_("Critical")] * step.critical + [_("Barrier")] * bool(step.barriers) + [_("Sub-journey")] * bool(step.subjourney)
        body.append(_text(x + PAD, y + height - PAD, " · ".join(badges), size=9, weight=700, fill=PALETTE["accent"]))
    body.append(f'<line x1="{MARGIN}" x2="{_x(len(names)):g}" y1="{y + height:g}" y2="{y + height:g}" stroke="{PALETTE["ink"]}" stroke-width="2"/>')
    return y + height + 2


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


def _persona_legend(journey: Journey, y: float, body: list[str]) -> float:
    """Draw one key per persona curve (line, dash and marker, then the name) in a row under the title."""
    lines = persona_lines(journey, [])
    x = float(MARGIN)
    for line in lines:
        body.append(f'<g class="persona-key" data-persona="{escape(line.key)}" transform="translate({x:g},{y:g})">{persona_key(line.style)}</g>')
        body.append(_text(x + 34, y + 11, line.name, size=10, fill=PALETTE["muted"]))
        x += 34 + len(line.name) * 10 * CHAR_WIDTH + 18
    return y + 22 if lines else y


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
