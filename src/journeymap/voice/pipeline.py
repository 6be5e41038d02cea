"""Scoring feedback: each voice's language, sentiment and (with a map) its step.

>>> from journeymap.voice.sources import Voice, FeedbackSet
>>> found = FeedbackSet("inline", [Voice(1, "Очень удобный сайт, спасибо"), Voice(2, "!!!")])
>>> [(record.language, record.sentiment.label) for record in score(found, languages=("ru", "en"))]
[('ru', 'positive'), ('ru', 'neutral')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Journey
from .language import SUPPORTED, candidates, detect
from .mapping import DEFAULT_THRESHOLD, Assignment, assign
from .sentiment import default_model, predict_mixed
from .sources import FeedbackSet, Voice
from .types import Sentiment, SentimentModel


@dataclass(frozen=True)
class Scored:
    """One voice with what was found about it."""

    voice: Voice
    language: str
    language_confidence: float
    sentiment: Sentiment
    assignment: Assignment | None = None

    @property
    def step_id(self) -> str | None:
        """The step the voice was put on, if any."""
        return self.assignment.step_id if self.assignment is not None else None


def score(
    feedback: FeedbackSet,
    *,
    languages: Sequence[str] = ("en",),
    model: SentimentModel | None = None,
    journey: Journey | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    detected: Mapping[str, tuple[str, float]] | None = None,
) -> list[Scored]:
    """Return every voice scored: language among ``languages``, sentiment, and step when a map is given.

    Repeated texts ("Super", "Спасибо") are detected and scored once; a text in ``detected`` (its
    language and confidence, found among the same ``languages``) is not detected again.
    """
    model = model or default_model()
    texts = [voice.text for voice in feedback.voices]
    unique = list(dict.fromkeys(texts))
    known = detected or {}
    missing = [text for text in unique if text not in known]
    new = dict(zip(missing, detect(missing, languages))) if missing else {}
    unique_found = [known[text] if text in known else new[text] for text in unique]
    unique_sentiments = predict_mixed(model, unique, [language for language, _ in unique_found])
    position = {text: index for index, text in enumerate(unique)}
    found = [unique_found[position[text]] for text in texts]
    sentiments = [unique_sentiments[position[text]] for text in texts]
    assignments: Sequence[Assignment | None] = (
        assign(journey, texts, [voice.step for voice in feedback.voices], threshold=threshold, languages=[language for language, _ in found])
        if journey is not None
        else [None] * len(texts)
    )
    return [
        Scored(voice, language, confidence, sentiment, assignment)
        for voice, (language, confidence), sentiment, assignment in zip(feedback.voices, found, sentiments, assignments)
    ]


def map_languages(journey: Journey | None, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """Return the languages to detect: the map's, the extra ones, English (all six without either).

    >>> map_languages(None, ["ru", "kk"]), map_languages(None)
    (('ru', 'kk', 'en'), ('en', 'ru', 'uk', 'kk', 'uz', 'lt'))
    """
    if journey is not None:
        return candidates(journey.language, extra)
    return candidates(extra[0], extra[1:]) if extra else SUPPORTED
