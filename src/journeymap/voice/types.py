"""What every sentiment model returns, the protocol a model follows, and the threshold that puts a text on a step.

>>> label_of(0.3), label_of(-0.01)
('positive', 'neutral')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol, runtime_checkable

LABELS = ("negative", "neutral", "positive")
"""The three sentiment classes, in order of valence."""

NEUTRAL_BAND = 0.05
"""Scores within this distance of 0 are neutral."""

DEFAULT_THRESHOLD = 0.12
"""Lowest cosine similarity at which a text is put on a step (light to import: the command line shows it in its help)."""


class Sentiment(NamedTuple):
    """The sentiment of one text: a label and a score in [-1, 1]."""

    label: str
    score: float


@runtime_checkable
class SentimentModel(Protocol):
    """Anything that scores texts of a language: lexicons, classifiers, transformers."""

    @property
    def name(self) -> str:
        """What the model is, for reports."""
        ...

    def predict(self, texts: Sequence[str], language: str) -> list[Sentiment]:
        """Return one :class:`Sentiment` per text, in order."""
        ...


def label_of(score: float, band: float = NEUTRAL_BAND) -> str:
    """Return the label of a score in [-1, 1]."""
    if score > band:
        return "positive"
    if score < -band:
        return "negative"
    return "neutral"
