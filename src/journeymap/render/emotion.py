"""What the emotion lane shows besides the main curve: the scale's labels and one curve per persona."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import gettext as _
from ..model import EmotionScale, Journey, Persona, Step
from ..model.stage_sets import N_
from . import numbers
from .curve import PersonaLine

DEFAULT_LABELS = {
    "Very negative": N_("Very negative"),
    "Negative": N_("Negative"),
    "Neutral": N_("Neutral"),
    "Positive": N_("Positive"),
    "Very positive": N_("Very positive"),
}
"""The default scale's labels: shown in the run's language; a map's own labels stay as written."""


def scale_score(value: float | None, scale: EmotionScale) -> str:
    """Return a score as the map's scale writes it: signed on a scale around zero, plain on 1..5.

    >>> scale_score(3, EmotionScale(min=1, max=5, points=[])), scale_score(1, EmotionScale())
    ('3', '+1')
    """
    if value is None:
        return ""
    if scale.min >= 0:
        return numbers.score(value).lstrip("+")
    return numbers.score(value)


def scale_labels(scale: EmotionScale) -> list[tuple[float, str]]:
    """Return each labelled point of the scale as ``(score, "score label")``, default labels translated.

    >>> scale_labels(EmotionScale())[0]
    (-2, '–2 Very negative')
    >>> scale_labels(EmotionScale(min=1, max=5, points=[{"score": 5, "label": "Delighted"}]))
    [(5, '5 Delighted')]
    """
    labels: list[tuple[float, str]] = []
    for point in scale.points:
        label = _(DEFAULT_LABELS[point.label]) if point.label in DEFAULT_LABELS else point.label
        labels.append((point.score, " ".join(filter(None, (scale_score(point.score, scale), label)))))
    return labels


def persona_lines(journey: Journey, steps: Sequence[Step]) -> list[PersonaLine]:
    """Return one curve per persona that has an emotion of its own somewhere on the map, over ``steps``.

    A persona follows the map's main line where it has no emotion of its own
    (as :meth:`Journey.emotion_curve` reads it); its style number is its place
    among the personas with curves, so it keeps its look on every page.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", personas=[{"name": "Olga"}, {"name": "Ivan"}], stages=[{"name": "Buy", "steps": [
    ...     {"name": "Pays", "emotion": {"actual": 1}, "by_persona": {"olga": {"emotion": {"actual": -1}}}},
    ...     {"name": "Uses", "emotion": {"actual": 2}}]}])
    >>> [(line.key, list(line.values)) for line in persona_lines(journey, journey.steps)]
    [('olga', [-1.0, 2.0])]
    """
    wanted = {step.id for step in steps}
    lines: list[PersonaLine] = []
    for persona in _with_own_emotion(journey):
        actual = {step_id: value for step_id, value, _desired in journey.emotion_curve(persona.id) if step_id in wanted}
        lines.append(PersonaLine(persona.id, persona.name, [actual.get(step.id) for step in steps], len(lines)))
    return lines


def _with_own_emotion(journey: Journey) -> list[Persona]:
    own = {
        key
        for step in journey.steps
        for key, view in step.by_persona.items()
        if view.emotion is not None and view.emotion.actual is not None
    }
    return [persona for persona in journey.personas if persona.id in own]
