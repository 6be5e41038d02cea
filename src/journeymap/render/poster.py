"""The poster: one self-contained HTML page (fonts, styles, curve and script inlined)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import jinja2
from babel.numbers import format_decimal
from markupsafe import Markup

from ..i18n import current_language, gettext as _, in_language, ngettext
from ..model import Journey, Opportunity
from . import assets, numbers
from .curve import Frame, axis_ticks, disagrees, persona_key, pits
from .emotion import persona_lines, scale_labels, scale_score
from .lanes import LaneView, all_lanes, choose_lanes, lanes_on
from .pages import PAGES_MM, page_name, short_page
from .sheets import CURVE_HEIGHT, Sheet, curve_points, sheets
from .tables import ranked, status_titles
from .template_cache import bytecode_cache
from .voices import insight_views, measured_emotion, safe_href, voice_views
from .words import kind_title, moment_title, role_title, state_title


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("journeymap.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=bytecode_cache(),
    )
    environment.globals.update(
        _=_,
        ngettext=ngettext,
        share=numbers.share,
        count=numbers.count,
        kind_title=kind_title,
        mot_title=moment_title,
        state_title=state_title,
        role_title=role_title,
        persona_key=persona_key,
        safe_href=safe_href,
        status_titles=status_titles,
        day=numbers.day,
    )
    return environment


def poster_html(
    journey: Journey,
    *,
    language: str | None = None,
    lanes: Sequence[str] | None = None,
    page: str | None = None,
) -> str:
    """Return the poster of ``journey`` as one HTML document that needs nothing from the network.

    ``language`` translates lane titles and labels (the map's own text stays
    as written); ``lanes`` picks and orders the rows; ``page`` (``A3``, ``A2``,
    ``A4``, ``Letter``, in any case) lays the poster out in landscape pages for printing, one sheet per page,
    with the stage headers repeated on each.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "<b>Pays</b>"}]}])
    >>> html = poster_html(journey)
    >>> "&lt;b&gt;Pays&lt;/b&gt;" in html and "<b>Pays" not in html
    True
    """
    with in_language(language):
        return _render(journey, choose_lanes(journey, lanes), page, keep_all=lanes is not None)


def _render(journey: Journey, chosen: list[LaneView], page: str | None, *, keep_all: bool) -> str:
    lane_cards = all_lanes(journey)
    pages = sheets(journey, page)
    scale = journey.emotion_scale
    frame = Frame(low=scale.min, high=scale.max, column=1, height=CURVE_HEIGHT)
    names = journey.step_names
    return (
        _environment()
        .get_template("poster.html")
        .render(
            journey=journey,
            language=current_language(),
            page_lanes=[lanes_on(journey, chosen, [column.step for column in sheet.columns], keep_all=keep_all) for sheet in pages],
            sheets=pages,
            axis=axis_ticks(frame, scale_labels(scale)),
            persona_lines=persona_lines(journey, []),
            emotion_score=lambda value: scale_score(value, scale),
            insights=insight_views(journey),
            voices=voice_views(journey),
            measured_emotion=lambda step: measured_emotion(step, journey),
            step_names=lambda ids: ", ".join(names.get(ref, ref) for ref in ids),
            cards=lambda step, key: lane_cards[key][1](journey, step),  # type: ignore[misc]
            page=PAGES_MM[page_name(page)] if page else None,
            running_title=page is not None and short_page(page),
            fonts=assets.font_faces(),
            css=Markup(assets.text("poster.css")),
            script=Markup(assets.text("poster.js")),
            font_family=assets.FONT_FAMILY,
            scale=journey.emotion_scale,
            ideas=ranked_ideas(journey),
            hatch_barriers=hatch_barriers(journey),
            marks=legend_marks(journey, pages),
        )
    )


def legend_marks(journey: Journey, pages: Sequence[Sheet]) -> set[str]:
    """Return the marks the poster draws, so that its legend explains those and no others.

    ``actual``, ``desired``, ``gap`` (both, apart), ``pit``, ``measured`` and ``authored``
    (a step's numbers), ``disagree`` (feedback far from the map), ``critical``, ``barrier`` (hatched).

    >>> from journeymap.model import Journey
    >>> sorted(legend_marks(Journey(title="Shop", stages=[{"name": "Buy"}]), []))
    []
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": -2, "desired": 1}}]}])
    >>> sorted(legend_marks(journey, sheets(journey)))
    ['actual', 'desired', 'gap', 'pit']
    """
    scale = journey.emotion_scale
    emotions = [step.emotion for step in journey.steps]
    actual = [emotion.actual for emotion in emotions]
    drawn = {
        "actual": any(value is not None for value in actual),
        "desired": any(emotion.desired is not None for emotion in emotions),
        "gap": any(None not in (emotion.actual, emotion.desired) and emotion.actual != emotion.desired for emotion in emotions),
        "pit": bool(pits(actual, neutral=(scale.min + scale.max) / 2)),
        "disagree": any(
            disagrees(point, Frame(low=scale.min, high=scale.max, column=1, height=CURVE_HEIGHT)) for point in curve_points(journey)
        ),
        "critical": any(step.critical for step in journey.steps),
        "barrier": hatch_barriers(journey) and any(step.barriers for step in journey.steps),
    }
    views = [metric for sheet in pages for column in sheet.columns for metric in column.metrics]
    drawn |= {"measured": any(view.measured for view in views), "authored": any(not view.measured for view in views)}
    return {mark for mark, shown in drawn.items() if shown}


def hatch_barriers(journey: Journey) -> bool:
    """True when hatching picks barriers out: some step has none (when every step is a barrier, it marks nothing).

    >>> from journeymap.model import Journey
    >>> hatch_barriers(Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "barriers": ["Slow"]}]}]))
    False
    """
    return any(not step.barriers for step in journey.steps)


def ranked_ideas(journey: Journey) -> list[dict[str, object]]:
    """Return the map's ideas in the seeds' order (highest score first), for the poster.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}], opportunities=[
    ...     {"title": "Later", "criticality": 1, "design_ease": 1, "development_ease": 1, "audience": 1},
    ...     {"title": "First", "steps": ["pays"], "criticality": 5, "design_ease": 4, "development_ease": 3, "audience": 2}])
    >>> [(idea["rank"], idea["title"], idea["steps"], idea["score"]) for idea in ranked_ideas(journey)]
    [(1, 'First', 'Pays', 14), (2, 'Later', '', 4)]
    """
    names = journey.step_names
    insights = {insight.id: insight.text for insight in journey.insights}
    return [
        {
            "rank": rank,
            "title": item.title,
            "steps": ", ".join(names.get(ref, ref) for ref in item.steps),
            "score": item.manufactura_score,
            "description": item.description,
            "status": item.status.value,
            "owner": item.owner,
            "insights": [insights.get(ref, ref) for ref in item.insights],
            "other_scores": other_scores(item),
        }
        for rank, item in enumerate(ranked(journey.opportunities), start=1)
    ]


def other_scores(idea: Opportunity) -> str:
    """Return an idea's RICE (reach × impact × confidence / effort) and ICE (impact × confidence × ease) scores, those it has.

    >>> other_scores(Opportunity(title="Chat", reach=400, impact=2, confidence=0.5, effort=2, ease=6))
    'RICE 200 · ICE 6'
    """
    scores = []
    if None not in (idea.reach, idea.impact, idea.confidence, idea.effort):
        scores.append("RICE " + numbers.count(idea.reach * idea.impact * idea.confidence / idea.effort))  # type: ignore[operator]
    if None not in (idea.impact, idea.confidence, idea.ease):
        scores.append("ICE " + format_decimal(round(idea.impact * idea.confidence * idea.ease, 1), locale=current_language()))  # type: ignore[operator]
    return " · ".join(scores)


def notebook_html(journey: Journey) -> str:
    """Return the poster wrapped in a sandboxed ``<iframe>``, for Jupyter's ``_repr_html_``.

    >>> from journeymap.model import Journey
    >>> notebook_html(Journey(title="Shop")).startswith("<iframe")
    True
    """
    document = Markup.escape(poster_html(journey))
    return f'<iframe sandbox="allow-scripts" style="width:100%;height:720px;border:0" srcdoc="{document}"></iframe>'
