"""The rules a valid map keeps beyond field types: unique ids, references, ranges, order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from typing import TYPE_CHECKING

from ..i18n import gettext as _
from .layout import LaneType
from .stage_sets import STAGE_SETS

if TYPE_CHECKING:
    from .journey import Journey
    from .step import Emotion

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """A broken rule, at a place in the map (a path of keys and list indexes)."""

    location: Location
    message: str

    def as_dict(self) -> dict[str, object]:
        """Return the problem as plain data."""
        return {"loc": list(self.location), "msg": self.message}


def check(journey: Journey) -> list[Problem]:
    """Return every broken rule of ``journey``, in the order of the file."""
    return [
        *_duplicate_ids(journey),
        *_stage_order(journey),
        *_dangling_references(journey),
        *_scores_out_of_range(journey),
        *_custom_lane_values(journey),
    ]


def _duplicates(items: Iterable[tuple[Location, str]], what: str) -> list[Problem]:
    located = list(items)
    counts = Counter(identifier for _, identifier in located)
    seen: set[str] = set()
    problems = []
    for location, identifier in located:
        if counts[identifier] > 1 and identifier in seen:
            problems.append(Problem(location, _("duplicate {what} id '{id}': give each {what} its own id").format(what=what, id=identifier)))
        seen.add(identifier)
    return problems


def _duplicate_ids(journey: Journey) -> list[Problem]:
    return [
        *_duplicates(((("stages", i, "id"), stage.id) for i, stage in enumerate(journey.stages)), _("stage")),
        *_duplicates(
            ((("stages", i, "steps", j, "id"), step.id) for i, stage in enumerate(journey.stages) for j, step in enumerate(stage.steps)),
            _("step"),
        ),
        *_duplicates(((("personas", i, "id"), p.id) for i, p in enumerate(journey.personas)), _("persona")),
        *_duplicates(((("lanes", i, "id"), lane.id) for i, lane in enumerate(journey.lanes)), _("lane")),
        *_duplicates(((("insights", i, "id"), insight.id) for i, insight in enumerate(journey.insights)), _("insight")),
        *_duplicates(((("opportunities", i, "id"), o.id) for i, o in enumerate(journey.opportunities)), _("opportunity")),
    ]


def _stage_order(journey: Journey) -> list[Problem]:
    if not journey.stage_set:
        return []
    stage_set = STAGE_SETS.get(journey.stage_set)
    if stage_set is None:
        return [Problem(("stage_set",), _unknown(_("stage set"), journey.stage_set, STAGE_SETS))]
    problems = []
    last_position, last_key = -1, ""
    for i, stage in enumerate(journey.stages):
        if not stage.key:
            continue
        if stage.key not in stage_set.keys:
            problems.append(Problem(("stages", i, "key"), _unknown(_("stage key"), stage.key, stage_set.keys)))
            continue
        position = stage_set.keys.index(stage.key)
        if position < last_position:
            message = _("stage '{key}' comes before '{previous}' in the '{set}' stage set: reorder the stages")
            problems.append(Problem(("stages", i, "key"), message.format(key=stage.key, previous=last_key, set=stage_set.key)))
        last_position, last_key = position, stage.key
    return problems


def _unknown(what: str, value: str, known: Iterable[str]) -> str:
    known = list(known)
    message = _("unknown {what} '{value}'").format(what=what, value=value)
    suggestion = get_close_matches(value, known, n=1)
    if suggestion:
        return message + _("; did you mean '{suggestion}'?").format(suggestion=suggestion[0])
    return message + _("; choose one of: {choices}").format(choices=", ".join(known))


def _dangling_references(journey: Journey) -> list[Problem]:
    steps = [step.id for step in journey.steps]
    personas = [persona.id for persona in journey.personas]
    insights = [insight.id for insight in journey.insights]
    references: list[tuple[Location, str, list[str], str]] = []
    for i, link in enumerate(journey.links):
        references += [(("links", i, "from"), link.source, steps, _("step")), (("links", i, "to"), link.target, steps, _("step"))]
    for i, insight in enumerate(journey.insights):
        references += [(("insights", i, "steps", k), ref, steps, _("step")) for k, ref in enumerate(insight.steps)]
    for i, opportunity in enumerate(journey.opportunities):
        references += [(("opportunities", i, "steps", k), ref, steps, _("step")) for k, ref in enumerate(opportunity.steps)]
        references += [(("opportunities", i, "insights", k), ref, insights, _("insight")) for k, ref in enumerate(opportunity.insights)]
    for i, persona in enumerate(journey.personas):
        references += [(("personas", i, "steps", k), ref, steps, _("step")) for k, ref in enumerate(persona.steps)]
        references += [(("personas", i, "aha_moments", k), ref, steps, _("step")) for k, ref in enumerate(persona.aha_moments)]
    for i, stage in enumerate(journey.stages):
        for j, step in enumerate(stage.steps):
            references += [(("stages", i, "steps", j, "by_persona", key), key, personas, _("persona")) for key in step.by_persona]
    return [
        Problem(location, _unknown(what, reference, known))
        for location, reference, known, what in references
        if reference not in known
    ]


def _scores_out_of_range(journey: Journey) -> list[Problem]:
    scale = journey.emotion_scale
    emotions: list[tuple[Location, Emotion]] = []
    for i, stage in enumerate(journey.stages):
        for j, step in enumerate(stage.steps):
            emotions.append((("stages", i, "steps", j, "emotion"), step.emotion))
            emotions += [
                (("stages", i, "steps", j, "by_persona", key, "emotion"), view.emotion)
                for key, view in step.by_persona.items()
                if view.emotion is not None
            ]
    scores: list[tuple[Location, float | None]] = [
        (location + (field,), getattr(emotion, field)) for location, emotion in emotions for field in ("actual", "desired")
    ]
    scores += [(("insights", i, "score"), insight.score) for i, insight in enumerate(journey.insights)]
    return [_range_problem(location, score, scale.min, scale.max) for location, score in scores if score is not None and not scale.min <= score <= scale.max]


def _range_problem(location: Location, score: float, low: int, high: int) -> Problem:
    bound = _("above the maximum {high}") if score > high else _("below the minimum {low}")
    detail = bound.format(high=high, low=low)
    return Problem(location, _("{score:g} is {detail} of the emotion scale").format(score=score, detail=detail))


def _custom_lane_values(journey: Journey) -> list[Problem]:
    lanes = {lane.id: lane for lane in journey.lanes}
    problems = []
    for i, stage in enumerate(journey.stages):
        for j, step in enumerate(stage.steps):
            for key, value in step.custom.items():
                location = ("stages", i, "steps", j, "custom", key)
                if key not in lanes:
                    problems.append(Problem(location, _unknown(_("lane"), key, lanes) + _(" (declare it under 'lanes')")))
                elif not _fits(lanes[key].type, value):
                    message = _("a '{type}' lane needs {expected}").format(type=lanes[key].type.value, expected=_EXPECTED[lanes[key].type]())
                    problems.append(Problem(location, message))
    return problems


_EXPECTED = {
    LaneType.text: lambda: _("a text"),
    LaneType.link: lambda: _("a link (text)"),
    LaneType.list: lambda: _("a list of texts"),
    LaneType.score: lambda: _("a number"),
}


def _fits(lane_type: LaneType, value: object) -> bool:
    if value is None:
        return True
    if lane_type is LaneType.score:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if lane_type is LaneType.list:
        return isinstance(value, list)
    return isinstance(value, str)
