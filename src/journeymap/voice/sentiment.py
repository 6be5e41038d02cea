"""Sentiment of feedback in six languages, offline, with a pluggable model.

The default model uses what ships in the package: a trained character-n-gram
classifier where labelled data existed (en, ru, kk, uz) and the lexicon and
rules elsewhere (uk, lt, and any language without a classifier). A local
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

from ..errors import DataSourceError, MissingDependency
from ..i18n import gettext as _
from .classifier import LinearTextModel, bundled_classifier
from .language import SUPPORTED
from .lexicon import LexiconModel, lexicon_model
from .types import LABELS, Sentiment, SentimentModel, label_of

UNSURE = 0.3
"""Below this score a two-class classifier hands the text to the lexicon and rules."""

POLAR = 0.35
"""A three-class classifier's "neutral" gives way to a lexicon score at least this far from 0."""


@dataclass(frozen=True)
class DefaultModel:
    """The bundled models: a classifier per language where one ships, else lexicon and rules.

    English and Uzbek were trained on positive/negative data only; there a
    text the classifier is unsure about (|score| < ``UNSURE``) is scored by the
    lexicon and rules, so that one with no sentiment word is neutral
    ("Ordered on Tuesday"). Russian and Kazakh were trained on three classes;
    there a "neutral" verdict gives way when the lexicon and rules find the
    text clearly polar (abs score >= ``POLAR``). A text with no letters (emoji, punctuation) is
    always scored by the lexicon.
    """

    @property
    def name(self) -> str:
        """What the model is, for reports."""
        return "journeymap-default"

    def for_language(self, language: str) -> SentimentModel:
        """Return the bundled model that scores ``language`` (English rules for an unknown one)."""
        language = language if language in SUPPORTED else "en"
        return bundled_classifier(language) or lexicon_model(language)

    def predict(self, texts: Sequence[str], language: str) -> list[Sentiment]:
        """Return a :class:`Sentiment` per text of ``language``."""
        model = self.for_language(language)
        if not isinstance(model, LinearTextModel):
            return model.predict(texts, language)
        lexicon = lexicon_model(model.language)
        found = model.predict(texts, language)
        return [self._checked(text, sentiment, lexicon, two_class="neutral" not in model.classes) for text, sentiment in zip(texts, found)]

    @staticmethod
    def _checked(text: str, sentiment: Sentiment, lexicon: LexiconModel, *, two_class: bool) -> Sentiment:
        if not _has_letters(text):
            return lexicon.sentiment(text)
        if two_class and abs(sentiment.score) < UNSURE:
            return lexicon.sentiment(text)
        if not two_class and sentiment.label == "neutral":
            lexical = lexicon.sentiment(text)
            return lexical if abs(lexical.score) >= POLAR else sentiment
        return sentiment


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
            raise MissingDependency(
                _("--model needs the 'transformers' package: pip install 'journeymap[transformers]'")
            ) from None
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
