"""The poster's rows: which lanes exist, their titles, and the text of each cell."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches

from ..errors import RenderError
from ..i18n import gettext as _
from ..model import Journey, Step, channel_title, device_title
from ..model.step import Emotion, EvidenceKind
from . import numbers
from .emotion import scale_score
from .words import evidence_kind_title, mode_title

Cards = Callable[[Journey, Step], list[str]]


@dataclass(frozen=True)
class LaneView:
    """A lane as the poster draws it: its key, translated title, kind and tone.

    ``kind`` is ``cards`` (a list of texts), ``emotion`` (the curve),
    ``metrics`` (numbers with bars) or ``links`` (arrows between steps); ``tone`` styles the cards (``pain``,
    ``gain``, ``barrier``, ``idea``, ``blueprint`` or empty).
    """

    key: str
    title: str
    kind: str = "cards"
    tone: str = ""
    line_before: str = ""
    description: str = ""


def _blueprint(field: str) -> Cards:
    return lambda journey, step: list(getattr(step.blueprint, field)) if step.blueprint else []


def _texts(field: str) -> Cards:
    return lambda journey, step: list(getattr(step, field))


def _personas(journey: Journey, step: Step) -> list[str]:
    """One card per persona that takes part at the step (its ``steps``), or has an emotion or notes of its own there."""
    cards = []
    for persona in journey.personas:
        view = step.by_persona.get(persona.id)
        own = _joined(_persona_emotion(view.emotion, journey), view.notes) if view is not None else ""
        if own or (persona.steps and step.id in persona.steps):
            cards.append(f"{persona.name}: {own}" if own else persona.name)
    return cards


def _persona_emotion(emotion: Emotion | None, journey: Journey) -> str:
    if emotion is None:
        return ""
    return " ".join(filter(None, (scale_score(emotion.actual, journey.emotion_scale), emotion.emoji, emotion.label)))


def _touchpoints(journey: Journey, step: Step) -> list[str]:
    return [
        _joined(
            point.name, channel_title(point.channel), device_title(point.device), mode_title(point.mode) if point.mode else "", point.owner
        )
        for point in step.touchpoints
    ]


def _evidence(journey: Journey, step: Step) -> list[str]:
    return [
        " — ".join(
            part
            for part in (
                item.text,
                _joined(
                    _kind_unless_quote(item.kind),
                    item.source,
                    numbers.day(item.date),
                    item.url,
                    _("Proposed, not confirmed yet") if item.proposed else "",
                ),
            )
            if part
        )
        for item in step.evidence
    ]


def _kind_unless_quote(kind: EvidenceKind) -> str:
    return "" if kind is EvidenceKind.quote else evidence_kind_title(kind)


def _communications(journey: Journey, step: Step) -> list[str]:
    return [_joined(channel_title(item.channel), item.message, item.timing, item.owner) for item in step.communications]


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _owner(journey: Journey, step: Step) -> list[str]:
    return [step.owner] if step.owner else []


def _custom(lane_id: str) -> Cards:
    def cards(journey: Journey, step: Step) -> list[str]:
        value = step.custom.get(lane_id)
        if value is None or value == "":
            return []
        if isinstance(value, list):
            return [str(item) for item in value]
        return [f"{value:g}" if isinstance(value, float) else str(value)]

    return cards


def builtin_lanes() -> list[tuple[LaneView, Cards | None]]:
    """Return every built-in lane in the default order, titles in the current language."""
    return [
        (LaneView("links", _("Links between steps"), kind="links"), None),
        (LaneView("persona", _("Persona")), _personas),
        (LaneView("actions", _("Actions")), _texts("actions")),
        (LaneView("goals", _("Goals")), _texts("goals")),
        (LaneView("thoughts", _("Thoughts and questions")), _texts("thoughts")),
        (LaneView("emotion", _("Emotion"), kind="emotion"), None),
        (LaneView("sees", _("Sees")), _texts("sees")),
        (LaneView("pains", _("Pains"), tone="pain"), _texts("pains")),
        (LaneView("proposed_pains", _("Pains found in feedback (to confirm)"), tone="pain"), _texts("proposed_pains")),
        (LaneView("gains", _("Gains"), tone="gain"), _texts("gains")),
        (LaneView("barriers", _("Barriers"), tone="barrier"), _texts("barriers")),
        (LaneView("problems", _("What is wrong"), tone="pain"), _texts("problems")),
        (LaneView("touchpoints", _("Touchpoints")), _touchpoints),
        (LaneView("key_factors", _("Key factors")), _texts("key_factors")),
        (LaneView("evidence", _("Evidence"), tone="quote"), _evidence),
        (LaneView("ideas", _("Ideas"), tone="idea"), _texts("ideas")),
        (LaneView("metrics", _("Metrics"), kind="metrics"), None),
        (LaneView("physical_evidence", _("Physical evidence"), tone="blueprint"), _blueprint("physical_evidence")),
        (
            LaneView("frontstage", _("Frontstage"), tone="blueprint", line_before=_("Line of interaction")),
            _blueprint("frontstage"),
        ),
        (
            LaneView("backstage", _("Backstage"), tone="blueprint", line_before=_("Line of visibility")),
            _blueprint("backstage"),
        ),
        (
            LaneView("support", _("Support processes"), tone="blueprint", line_before=_("Line of internal interaction")),
            _blueprint("support"),
        ),
        (LaneView("owner", _("Owner")), _owner),
        (LaneView("communications", _("Communication plan")), _communications),
    ]


def all_lanes(journey: Journey) -> dict[str, tuple[LaneView, Cards | None]]:
    """Return the built-in lanes and the map's custom lanes, by key, in default order."""
    lanes = {view.key: (view, cards) for view, cards in builtin_lanes()}
    for lane in journey.lanes:
        lanes.setdefault(lane.id, (LaneView(lane.id, lane.title, description=lane.description), _custom(lane.id)))
    return lanes


def cards(journey: Journey, step: Step, key: str) -> list[str]:
    """Return the texts of one lane's cell at ``step``.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "pains": ["Slow form"]}]}])
    >>> cards(journey, journey.steps[0], "pains")
    ['Slow form']
    """
    found = all_lanes(journey)[key][1]
    return found(journey, step) if found is not None else []


def choose_lanes(journey: Journey, names: Sequence[str] | None = None) -> list[LaneView]:
    """Return the lanes to draw: ``names`` in that order, or every lane that has content.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "pains": ["Slow form"]}]}])
    >>> [lane.key for lane in choose_lanes(journey)]
    ['actions', 'pains']
    >>> [lane.key for lane in choose_lanes(journey, ["ideas", "pains"])]
    ['ideas', 'pains']
    """
    lanes = all_lanes(journey)
    if names is None:
        return [view for key, (view, _cards) in lanes.items() if key == "actions" or has_content(journey, key, journey.steps)]
    unknown = [name for name in names if name not in lanes]
    if unknown:
        raise RenderError(_unknown_lane(unknown[0], list(lanes)))
    return [lanes[name][0] for name in dict.fromkeys(names)]


def parse_lanes(text: str | None) -> list[str] | None:
    """Split a ``--lanes`` value (comma-separated keys) into a list; None or empty means the default.

    >>> parse_lanes("actions, emotion,pains")
    ['actions', 'emotion', 'pains']
    """
    if not text or not text.strip():
        return None
    return [name.strip() for name in text.split(",") if name.strip()]


def lanes_on(journey: Journey, chosen: Sequence[LaneView], steps: Sequence[Step], *, keep_all: bool) -> list[LaneView]:
    """Return the lanes a page draws: ``chosen`` less those with nothing on ``steps``, unless ``keep_all`` (lanes named by hand).

    A page of steps with nothing written yet draws the stage and step headers only.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "pains": ["Slow"]}, {"name": "Uses"}]}])
    >>> [lane.key for lane in lanes_on(journey, choose_lanes(journey), journey.steps, keep_all=False)]
    ['pains']
    >>> lanes_on(journey, choose_lanes(journey), journey.steps[1:], keep_all=False)
    []
    """
    if keep_all:
        return list(chosen)
    return [lane for lane in chosen if has_content(journey, lane.key, steps)]


def has_content(journey: Journey, key: str, steps: Sequence[Step]) -> bool:
    """True when lane ``key`` has anything to draw at one of ``steps``.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "pains": ["Slow"]}, {"name": "Uses"}]}])
    >>> has_content(journey, "pains", journey.steps[:1]), has_content(journey, "pains", journey.steps[1:])
    (True, False)
    """
    if key == "emotion":
        return any(_has_emotion(step) for step in steps)
    if key == "metrics":
        return any(step.metrics.model_dump(exclude_defaults=True) for step in steps)
    if key == "links":
        ids = {step.id for step in steps}
        return any(link.source in ids or link.target in ids for link in journey.links)
    return any(cards(journey, step, key) for step in steps)


def _has_emotion(step: Step) -> bool:
    emotions = [step.emotion, *(view.emotion for view in step.by_persona.values() if view.emotion is not None)]
    return any(emotion.actual is not None or emotion.desired is not None for emotion in emotions)


def _unknown_lane(name: str, known: list[str]) -> str:
    close = get_close_matches(name, known, n=1)
    hint = _(" (did you mean '{close}'?)").format(close=close[0]) if close else ""
    return _("unknown lane '{name}'{hint}; lanes: {known}").format(name=name, hint=hint, known=", ".join(known))
