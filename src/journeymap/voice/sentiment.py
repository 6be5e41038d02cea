"""Sentiment of feedback in six languages, offline, with a pluggable model.

The default model combines what ships in the package: the lexicon and rules
of every language, and a trained character-n-gram classifier where labelled
data existed (en, ru, kk, uz), through a small stacked model over both scores. A local
transformers model (``--model DIR``) plugs in through the same protocol.

>>> model = default_model()
>>> [sentiment.label for sentiment in model.predict(["Labai gerai, ačiū!", "Nepatiko, labai lėtai"], "lt")]
['positive', 'negative']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import DataSourceError, MissingDependency
from ..i18n import gettext as _
from .classifier import bundled_classifier
from .combination import features, stacked_model
from .language import SUPPORTED
from .lexicon import lexicon_model
from .types import LABELS, Sentiment, SentimentModel, label_of


@dataclass(frozen=True)
class DefaultModel:
    """The bundled models combined: per language, a small stacked model over the lexicon's and the classifier's scores.

    Each text is scored by the language's lexicon and rules (negation,
    intensifiers, contrast) and, where one ships (en, ru, kk, uz), by the
    language's classifier; a three-class logistic regression over both scores
    and two cues of the text (a question mark, its length) then picks the
    label (:mod:`journeymap.voice.combination`). Where the stacked label is the
    lexicon's, the lexicon's score stands; otherwise the score is the stacked
    model's P(positive) - P(negative). uk and lt have no classifier: the
    lexicon decides. A text with no letters (emoji, punctuation) is always
    scored by the lexicon. The classifiers and the stacked models were fitted
    on dev data only (the public train splits, the dev split of the project's
    own sets and the labelled sample texts; the stack on cross-fitted
    classifier scores) by ``scripts/tune_sentiment.py``; no test split was read.
    """

    @property
    def name(self) -> str:
        """What the model is, for reports."""
        return "journeymap-default"

    def predict(self, texts: Sequence[str], language: str) -> list[Sentiment]:
        """Return a :class:`Sentiment` per text of ``language``."""
        language = language if language in SUPPORTED else "en"
        lexical = lexicon_model(language).predict(texts, language)
        classifier = bundled_classifier(language)
        stacked = stacked_model(language) if classifier is not None else None
        if classifier is None or stacked is None or not texts:
            return lexical
        probabilities = classifier.probabilities(texts)
        rows = features(texts, np.array([sentiment.score for sentiment in lexical]), probabilities, classifier.classes)
        combined = stacked.probabilities(rows)
        positive = combined[:, stacked.classes.index("positive")]
        negative = combined[:, stacked.classes.index("negative")]
        picked = [stacked.classes[int(column)] for column in combined.argmax(axis=1)]
        return [
            lexicon if not _has_letters(text) or label == lexicon.label else Sentiment(label, round(float(plus - minus), 4))
            for text, lexicon, label, plus, minus in zip(texts, lexical, picked, positive, negative)
        ]


def _has_letters(text: str) -> bool:
    return any(character.isalpha() for character in text)


def default_model() -> DefaultModel:
    """Return the bundled offline model."""
    return DefaultModel()


@dataclass
class TransformersModel:
    """A local Hugging Face text-classification model directory, used like the bundled ones."""

    path: Path
    batch_size: int = 32

    def __post_init__(self) -> None:
        try:
            from transformers import pipeline
        except ImportError:
            raise MissingDependency(_("--model needs the 'transformers' package: pip install 'journeymap[transformers]'")) from None
        if not Path(self.path).is_dir():
            raise DataSourceError(_("{path}: no such model directory").format(path=self.path))
        self._pipeline = pipeline("text-classification", model=str(self.path), tokenizer=str(self.path), top_k=None, device=-1)

    @property
    def name(self) -> str:
        """What the model is, for reports."""
        return f"transformers:{Path(self.path).name}"

    def predict(self, texts: Sequence[str], language: str) -> list[Sentiment]:
        """Return a :class:`Sentiment` per text from the model's label probabilities."""
        outputs = self._pipeline(list(texts), batch_size=self.batch_size, truncation=True)
        return [transformer_sentiment(output) for output in outputs]


def transformer_sentiment(scores: list[dict[str, float]]) -> Sentiment:
    """Return the sentiment of one transformers output (label names matched loosely).

    >>> transformer_sentiment([{"label": "NEGATIVE", "score": 0.1}, {"label": "POSITIVE", "score": 0.9}])
    Sentiment(label='positive', score=0.8)
    """
    by_label: dict[str, float] = defaultdict(float)
    for item in scores:
        name = str(item["label"]).lower()
        label = next((known for known in LABELS if name.startswith(known[:3])), "neutral")
        by_label[label] += float(item["score"])
    score = round(by_label["positive"] - by_label["negative"], 4)
    best = max(by_label, key=by_label.__getitem__)
    return Sentiment(best if "neutral" in by_label else label_of(score), score)


def load_model(path: str | Path | None = None) -> SentimentModel:
    """Return the bundled model, or the transformers model in directory ``path``."""
    return default_model() if path is None else TransformersModel(Path(path))


def predict_mixed(model: SentimentModel, texts: Sequence[str], languages: Sequence[str]) -> list[Sentiment]:
    """Return a sentiment per text, each scored in its own language (texts grouped per language)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, language in enumerate(languages):
        groups[language].append(index)
    results: list[Sentiment] = [Sentiment("neutral", 0.0)] * len(texts)
    for language, indexes in groups.items():
        for index, sentiment in zip(indexes, model.predict([texts[index] for index in indexes], language)):
            results[index] = sentiment
    return results
