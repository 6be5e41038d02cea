"""A small trained sentiment classifier: hashed character n-grams and a linear model.

The model is stored as plain numbers (``data/models/<lang>.npz``: classes,
coefficients as float16, intercepts and the feature settings), never as a
pickle, so loading it runs no code. ``scripts/train_sentiment.py`` rebuilds
the files from the public train splits and the dev rows of the project's own
sets.

>>> import numpy as np
>>> model = LinearTextModel("xx", ("negative", "positive"), np.zeros((1, 2**10)), np.array([0.5]), n_features=2**10)
>>> model.predict(["anything"], "xx")[0].label
'positive'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import numpy as np

from .lexicon import DATA
from .text import prepared
from .types import Sentiment, label_of

N_FEATURES = 2**18
NGRAMS = (2, 5)


def vectorizer(n_features: int = N_FEATURES, ngrams: tuple[int, int] = NGRAMS):  # noqa: ANN201 (scikit-learn type)
    """Return the feature extractor shared by training and prediction."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb", ngram_range=ngrams, n_features=n_features, alternate_sign=False, lowercase=False, norm="l2", dtype=np.float32
    )


@dataclass(frozen=True)
class LinearTextModel:
    """A linear classifier over hashed character n-grams of one language."""

    language: str
    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    n_features: int = N_FEATURES
    ngrams: tuple[int, int] = NGRAMS
    neutral_margin: float = 0.0

    @property
    def name(self) -> str:
        """What the model is, for reports."""
        return f"classifier:{self.language}"

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row of class probabilities per text (columns in ``classes`` order)."""
        features = vectorizer(self.n_features, self.ngrams).transform([prepared(text, self.language) for text in texts])
        scores = features @ self.coef.T.astype(np.float32) + self.intercept
        if len(self.classes) == 2:
            positive = 1 / (1 + np.exp(-scores[:, 0]))
            return np.column_stack([1 - positive, positive])
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str], language: str) -> list[Sentiment]:
        """Return a :class:`Sentiment` per text: score = P(positive) - P(negative)."""
        if not texts:
            return []
        probabilities = self.probabilities(texts)
        positive = probabilities[:, self.classes.index("positive")]
        negative = probabilities[:, self.classes.index("negative")]
        return [self._sentiment(float(score), row) for score, row in zip(positive - negative, probabilities)]

    def _sentiment(self, score: float, row: np.ndarray) -> Sentiment:
        if len(self.classes) == 2:
            return Sentiment(label_of(score, self.neutral_margin), round(score, 4))
        return Sentiment(self.classes[int(row.argmax())], round(score, 4))

    def to_bytes(self) -> bytes:
        """Return the model as a compressed ``.npz`` file's bytes."""
        buffer = BytesIO()
        np.savez_compressed(
            buffer,
            classes=np.array(self.classes),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float64),
            settings=np.array([self.n_features, *self.ngrams], dtype=np.int64),
            neutral_margin=np.array(self.neutral_margin),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, language: str, data: bytes) -> LinearTextModel:
        """Read a model written by :meth:`to_bytes` (no pickles are loaded)."""
        with np.load(BytesIO(data), allow_pickle=False) as archive:
            n_features, low, high = (int(value) for value in archive["settings"])
            return cls(
                language,
                tuple(str(name) for name in archive["classes"]),
                archive["coef"],
                archive["intercept"],
                n_features,
                (low, high),
                float(archive["neutral_margin"]),
            )


def model_path(language: str) -> Path:
    """Return where the bundled classifier of ``language`` lives (it may not exist)."""
    return Path(str(DATA / "models" / f"{language}.npz"))


@cache
def bundled_classifier(language: str) -> LinearTextModel | None:
    """Return the bundled classifier of ``language``, or ``None`` where no training data existed."""
    path = model_path(language)
    return LinearTextModel.from_bytes(language, path.read_bytes()) if path.is_file() else None
