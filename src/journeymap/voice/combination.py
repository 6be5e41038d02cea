"""How the lexicon and the classifier of a language are combined: a small stacked model over both scores.

For each language with a classifier, ``data/combination.json`` holds a
three-class logistic regression over a few numbers per text (:data:`FEATURES`):
the lexicon-and-rules score, the classifier's probabilities, whether the
text asks something and how long it is. ``scripts/tune_sentiment.py`` writes
the file from dev data only: the dev split of the project's own sets (and the
labelled sample texts) and the public train splits, each text scored by a
classifier trained without it (cross-fitting). It never reads a test split.

>>> import numpy as np
>>> stacked = Stacked(("negative", "neutral", "positive"), np.zeros((3, len(FEATURES))), np.array([0.0, 1.0, 0.0]))
>>> stacked.labels(np.zeros((1, len(FEATURES))))
['neutral']
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
from .lexicon import DATA
from .types import LABELS

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
)
"""What the stacked model reads of each text, in column order.

The lexicon-and-rules score (in [-1, 1]), its size, 1 where no sentiment word was
found; the classifier's P(positive) - P(negative), its size, the probability of
the class it picks and P(neutral) (0 for a two-class classifier); 1 where the
text holds a ``?``; log(1 + number of words).
"""


def features(texts: Sequence[str], lexicon: np.ndarray, probabilities: np.ndarray, classes: Sequence[str]) -> np.ndarray:
    """Return one row of :data:`FEATURES` per text, from the lexicon scores and the classifier's probabilities (columns in ``classes`` order).

    >>> features(["Why?"], np.array([0.0]), np.array([[0.2, 0.8]]), ("negative", "positive")).round(3).tolist()
    [[0.0, 0.0, 1.0, 0.6, 0.6, 0.8, 0.0, 1.0, 0.693]]
    """
    positive = probabilities[:, list(classes).index("positive")]
    negative = probabilities[:, list(classes).index("negative")]
    neutral = probabilities[:, list(classes).index("neutral")] if "neutral" in classes else np.zeros(len(texts))
    margin = positive - negative
    return np.column_stack(
        [
            lexicon,
            np.abs(lexicon),
            (lexicon == 0).astype(float),
            margin,
            np.abs(margin),
            probabilities.max(axis=1),
            neutral,
            np.array([1.0 if "?" in text else 0.0 for text in texts]),
            np.array([math.log1p(len(text.split())) for text in texts]),
        ]
    )


@dataclass(frozen=True)
class Stacked:
    """A multinomial logistic regression over :data:`FEATURES`: one row of coefficients per class."""

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Return one row of class probabilities per row of features (columns in ``classes`` order)."""
        scores = rows @ self.coef.T + self.intercept
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def labels(self, rows: np.ndarray) -> list[str]:
        """Return the most probable class per row of features."""
        return [self.classes[int(column)] for column in self.probabilities(rows).argmax(axis=1)]


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
            raise ValueError(f"its features are {', '.join(raw['features'])}, not {', '.join(FEATURES)}")
        stacked = Stacked(tuple(found["classes"]), np.array(found["coef"], dtype=float), np.array(found["intercept"], dtype=float))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise _unreadable(path, str(error)) from None
    if (
        set(stacked.classes) != set(LABELS)
        or stacked.coef.shape != (len(stacked.classes), len(FEATURES))
        or stacked.intercept.shape != (len(stacked.classes),)
    ):
        raise _unreadable(
            path,
            f"{language}: classes {', '.join(stacked.classes)}, coefficients {stacked.coef.shape}, intercepts {stacked.intercept.shape};"
            f" expected {', '.join(LABELS)}, {(len(LABELS), len(FEATURES))}, {(len(LABELS),)}",
        )
    return stacked


def _unreadable(path: Path, reason: str) -> DataSourceError:
    return DataSourceError(
        _("{path}: the sentiment combination settings cannot be read ({error}); rebuild them with scripts/tune_sentiment.py").format(
            path=path, error=reason
        )
    )
