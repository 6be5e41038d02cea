"""How the lexicon and the classifier of a language are combined: a small stacked model over both scores.

For each language with a classifier, ``data/combination.json`` holds a
three-class logistic regression over a few numbers per text (:data:`FEATURES`):
the lexicon-and-rules score and how much evidence it rests on, the
classifier's probabilities, whether the text asks something and how long it
is; and a floor: where the lexicon finds a positive or negative text and the
stacked model gives that label at least this probability, the lexicon's label
stands. ``scripts/tune_sentiment.py`` writes
the file from dev data only: the dev split of the project's own sets (and the
labelled sample texts) and the public train splits, each text scored by a
classifier trained without it (cross-fitting). It never reads a test split.

>>> import numpy as np
>>> stacked = Stacked(("negative", "neutral", "positive"), np.zeros((3, len(FEATURES))), np.array([0.0, 1.0, 0.0]))
>>> probabilities = stacked.probabilities(np.zeros((2, len(FEATURES))))
>>> decided(probabilities, stacked.classes, ["neutral", "negative"], stacked.lexicon_floor)
['neutral', 'neutral']
>>> decided(probabilities, stacked.classes, ["neutral", "negative"], 0.2)
['neutral', 'negative']
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import DataSourceError
from ..i18n import gettext as _
from .lexicon import DATA, Reading
from .types import LABELS

NO_FLOOR = 2.0
"""A lexicon floor above any probability: the regression alone decides."""

FEATURES = (
    "lexicon",
    "lexicon_abs",
    "lexicon_silent",
    "classifier_margin",
    "classifier_margin_abs",
    "classifier_confidence",
    "classifier_neutral",
    "question_mark",
    "log_words",
    "lexicon_log_hits",
    "lexicon_coverage",
    "lexicon_mixed",
    "lexicon_negated",
    "lexicon_contrast",
    "lexicon_by_log_hits",
    "lexicon_by_coverage",
    "lexicon_by_doubt",
    "lexicon_by_margin",
)
"""What the stacked model reads of each text, in column order.

The lexicon-and-rules score (in [-1, 1]), its size, 1 where no sentiment word was
found; the classifier's P(positive) - P(negative), its size, the probability of
the class it picks and P(neutral) (0 for a two-class classifier); 1 where the
text holds a ``?``; log(1 + number of words). Then how far the lexicon's
verdict can be trusted on this text: log(1 + sentiment words found), their
share of the text's words, how mixed they are (the smaller of the positive
and negative sums over the larger), 1 where a negation turned a word round,
1 where a contrast word (but) weighed the clauses; and the lexicon score
times each of: log(1 + sentiment words), their share, the classifier's doubt
(1 - its confidence) and the classifier's margin.
"""


def features(texts: Sequence[str], readings: Sequence[Reading], probabilities: np.ndarray, classes: Sequence[str]) -> np.ndarray:
    """Return one row of :data:`FEATURES` per text, from the lexicon's readings and the classifier's probabilities (columns in ``classes`` order).

    >>> reading = Reading(score=0.5, hits=1, words=1, positive=2.0, negative=0.0, negated=False, contrast=False)
    >>> features(["Why?"], [reading], np.array([[0.2, 0.8]]), ("negative", "positive")).round(3).tolist()
    [[0.5, 0.5, 0.0, 0.6, 0.6, 0.8, 0.0, 1.0, 0.693, 0.693, 1.0, 0.0, 0.0, 0.0, 0.347, 0.5, 0.1, 0.3]]
    """
    positive = probabilities[:, list(classes).index("positive")]
    negative = probabilities[:, list(classes).index("negative")]
    neutral = probabilities[:, list(classes).index("neutral")] if "neutral" in classes else np.zeros(len(texts))
    margin = positive - negative
    lexicon = np.array([reading.score for reading in readings], dtype=float)
    hits = np.array([reading.hits for reading in readings], dtype=float)
    coverage = hits / np.maximum([reading.words for reading in readings], 1)
    larger = np.array([max(reading.positive, reading.negative) for reading in readings], dtype=float)
    smaller = np.array([min(reading.positive, reading.negative) for reading in readings], dtype=float)
    confidence = probabilities.max(axis=1)
    return np.column_stack(
        [
            lexicon,
            np.abs(lexicon),
            (lexicon == 0).astype(float),
            margin,
            np.abs(margin),
            confidence,
            neutral,
            np.array([1.0 if "?" in text else 0.0 for text in texts]),
            np.array([math.log1p(len(text.split())) for text in texts]),
            np.log1p(hits),
            coverage,
            np.divide(smaller, larger, out=np.zeros(len(texts)), where=larger > 0),
            np.array([float(reading.negated) for reading in readings]),
            np.array([float(reading.contrast) for reading in readings]),
            lexicon * np.log1p(hits),
            lexicon * coverage,
            lexicon * (1 - confidence),
            lexicon * margin,
        ]
    )


@dataclass(frozen=True)
class Stacked:
    """A multinomial logistic regression over :data:`FEATURES` (one row of coefficients per class), and the floor under the lexicon's polar labels.

    ``lexicon_floor``: where the lexicon says positive or negative and the
    regression gives that label at least this probability, the lexicon's
    label stands (0: always; above 1: never, the regression decides).
    """

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    lexicon_floor: float = NO_FLOOR

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Return one row of class probabilities per row of features (columns in ``classes`` order)."""
        scores = rows @ self.coef.T + self.intercept
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)


def decided(probabilities: np.ndarray, classes: Sequence[str], lexical: Sequence[str], floor: float) -> list[str]:
    """Return per row the lexicon's label where it is polar and has probability ``floor`` or more, else the most probable of ``classes``.

    >>> decided(np.array([[0.7, 0.1, 0.2]]), LABELS, ["positive"], 0.2), decided(np.array([[0.7, 0.1, 0.2]]), LABELS, ["positive"], 0.3)
    (['positive'], ['negative'])
    """
    picked = probabilities.argmax(axis=1)
    return [
        label if label != "neutral" and row[classes.index(label)] >= floor else classes[int(best)]
        for row, best, label in zip(probabilities, picked, lexical)
    ]


def settings_path() -> Path:
    """Return where the combination settings ship (written by ``scripts/tune_sentiment.py``)."""
    return Path(str(DATA / "combination.json"))


@cache
def stacked_model(language: str) -> Stacked | None:
    """Return the stacked model of ``language``, or ``None`` where none ships (uk and lt: the lexicon alone)."""
    path = settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        found = raw["languages"].get(language)
        if found is None:
            return None
        if tuple(raw["features"]) != FEATURES:
            raise ValueError("features")
        stacked = Stacked(
            tuple(found["classes"]),
            np.array(found["coef"], dtype=float),
            np.array(found["intercept"], dtype=float),
            float(found.get("lexicon_floor", NO_FLOOR)),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DataSourceError(
            _("{path}: the sentiment combination settings cannot be read ({error}); rebuild them with scripts/tune_sentiment.py").format(
                path=path, error=error
            )
        ) from None
    if (
        set(stacked.classes) != set(LABELS)
        or stacked.coef.shape != (len(stacked.classes), len(FEATURES))
        or stacked.intercept.shape != (len(stacked.classes),)
    ):
        raise DataSourceError(
            _("{path}: the sentiment combination settings cannot be read ({error}); rebuild them with scripts/tune_sentiment.py").format(
                path=path, error=language
            )
        )
    return stacked
