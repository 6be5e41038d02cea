"""How good the sentiment model is: accuracy and macro-F1 per language, against baselines.

Baselines: the majority class of the evaluated labels (what always saying
the commonest answer scores) and the plain lexicon (the language's lexicon
summed, with no negation, intensifier or contrast rules). Macro-F1 is the
mean F1 over the classes present in the gold labels.

>>> accuracy(["positive", "negative"], ["positive", "positive"])
0.5
>>> round(macro_f1(["positive", "negative", "negative"], ["positive", "positive", "negative"]), 4)
0.6667
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..published import PUBLISHED
from .classifier import bundled_classifier
from .language import SUPPORTED, detect
from .lexicon import DATA, lexicon_model
from .sentiment import default_model
from .types import LABELS, SentimentModel


@dataclass(frozen=True)
class Scores:
    """Accuracy and macro-F1 of one predictor on one language."""

    __pydantic_config__ = PUBLISHED

    accuracy: float
    macro_f1: float


@dataclass(frozen=True)
class LanguageEvaluation:
    """A language's evaluation: the model and both baselines on the same texts."""

    __pydantic_config__ = PUBLISHED

    language: str
    count: int
    model: Scores
    majority: Scores
    lexicon: Scores
    majority_label: str
    set: str = ""
    """The labelled set the texts come from."""


@dataclass(frozen=True)
class SourceComparison:
    """One language's texts scored by each source of the default model alone and by their combination."""

    language: str
    count: int
    lexicon: Scores
    """The lexicon with its rules (negation, intensifiers, contrast)."""
    classifier: Scores | None
    """The trained classifier alone; ``None`` where the language has none (uk, lt)."""
    combination: Scores
    """The default model: both combined."""
    set: str = ""

    @property
    def better_source(self) -> float:
        """The higher macro-F1 of the lexicon and the classifier."""
        return max(self.lexicon.macro_f1, self.classifier.macro_f1 if self.classifier is not None else 0.0)


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Return the share of predictions equal to the gold label."""
    return sum(1 for truth, guess in zip(gold, predicted) if truth == guess) / len(gold) if gold else 0.0


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Return the mean F1 over the classes that occur in ``gold``."""
    classes = sorted(set(gold))
    total = 0.0
    for label in classes:
        true_positive = sum(1 for truth, guess in zip(gold, predicted) if truth == label and guess == label)
        predicted_count = sum(1 for guess in predicted if guess == label)
        gold_count = sum(1 for truth in gold if truth == label)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / gold_count
        total += 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return total / len(classes) if classes else 0.0


def scores(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    """Return accuracy and macro-F1, rounded to 4 places."""
    return Scores(round(accuracy(gold, predicted), 4), round(macro_f1(gold, predicted), 4))


SPLITS = ("dev", "test", "all")
"""Which rows of a labelled file with a ``split`` column are read: the dev rows, the test rows or all."""


def bundled_sets() -> list[Path]:
    """Return the project's own labelled shop, app and support sets, one per language.

    Each has the columns ``text, label, kind, split``: ``kind`` is review, app or
    support; ``split`` is dev (what the lexicons and thresholds were tuned on) or
    test (never tuned on).

    >>> [path.stem for path in bundled_sets()]
    ['en', 'ru', 'uk', 'kk', 'uz', 'lt']
    """
    return [Path(str(DATA / "labelled" / f"{language}.csv")) for language in SUPPORTED]


def read_labelled(path: str | Path, *, language: str | None = None, split: str = "all") -> list[tuple[str, str, str]]:
    """Return ``(text, label, language)`` rows of a labelled CSV (``text,label`` and optionally ``language`` and ``split``).

    ``split`` (dev, test or all) keeps the rows whose ``split`` column says so;
    a file without that column is read whole.

    >>> rows = read_labelled(bundled_sets()[2], language="uk", split="test")
    >>> len(rows), rows[0][2]
    (135, 'uk')
    """
    path = Path(path)
    if split not in SPLITS:
        raise DataSourceError(_("unknown split '{split}'; use one of: {splits}").format(split=split, splits=", ".join(SPLITS)))
    if not path.is_file():
        raise DataSourceError(_("{path}: no such labelled file").format(path=path))
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
            raise DataSourceError(_("{path}: a labelled file needs the columns text and label").format(path=path))
        rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if row["label"] not in LABELS:
            raise DataSourceError(_("{path}: row {row}: label '{label}' is not one of {labels}").format(path=path, row=number, label=row["label"], labels=", ".join(LABELS)))
    rows = [row for row in rows if split == "all" or row.get("split", split) == split]
    if not rows:
        raise DataSourceError(_("{path}: the file has no rows").format(path=path))
    languages = _languages(rows, language)
    return [(row["text"], row["label"], found) for row, found in zip(rows, languages)]


def _languages(rows: list[dict[str, str]], language: str | None) -> list[str]:
    if language is not None:
        if language not in SUPPORTED:
            raise DataSourceError(_("unknown language '{language}'; use one of: {languages}").format(language=language, languages=", ".join(SUPPORTED)))
        return [language] * len(rows)
    if all(row.get("language") in SUPPORTED for row in rows):
        return [row["language"] for row in rows]
    return [found for found, _confidence in detect([row["text"] for row in rows], SUPPORTED)]


def public_sets(folder: str | Path) -> list[Path]:
    """Return the public labelled test splits in ``folder`` (``<lang>/test.csv``, as in the shared data), in the product's language order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataSourceError(_("{path}: no such folder").format(path=folder))
    return [folder / language / "test.csv" for language in SUPPORTED if (folder / language / "test.csv").is_file()]


def evaluate(rows: Sequence[tuple[str, str, str]], model: SentimentModel, *, name: str = "") -> list[LanguageEvaluation]:
    """Return an evaluation per language of the labelled ``rows`` (the set called ``name``), in the product's language order."""
    result = []
    for language, texts, gold in _by_language(rows):
        majority = Counter(gold).most_common(1)[0][0]
        result.append(
            LanguageEvaluation(
                language=language,
                count=len(gold),
                model=scores(gold, [sentiment.label for sentiment in model.predict(texts, language)]),
                majority=scores(gold, [majority] * len(gold)),
                lexicon=scores(gold, [sentiment.label for sentiment in lexicon_model(language, rules=False).predict(texts, language)]),
                majority_label=majority,
                set=name,
            )
        )
    return result


def compare_sources(rows: Sequence[tuple[str, str, str]], *, name: str = "") -> list[SourceComparison]:
    """Return, per language of the labelled ``rows``, the lexicon, the classifier and the default model's combination of them, on the same texts."""
    result = []
    for language, texts, gold in _by_language(rows):
        classifier = bundled_classifier(language)
        result.append(
            SourceComparison(
                language=language,
                count=len(gold),
                lexicon=scores(gold, [sentiment.label for sentiment in lexicon_model(language).predict(texts, language)]),
                classifier=None if classifier is None else scores(gold, [sentiment.label for sentiment in classifier.predict(texts, language)]),
                combination=scores(gold, [sentiment.label for sentiment in default_model().predict(texts, language)]),
                set=name,
            )
        )
    return result


def _by_language(rows: Sequence[tuple[str, str, str]]) -> Iterator[tuple[str, list[str], list[str]]]:
    """Yield each language of the labelled ``rows`` that has any, in the product's order, with its texts and their labels."""
    for language in SUPPORTED:
        texts = [text for text, _label, found in rows if found == language]
        if texts:
            yield language, texts, [label for _text, label, found in rows if found == language]
