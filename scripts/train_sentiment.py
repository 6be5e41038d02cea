"""Rebuild the bundled sentiment classifiers from the public train splits and the own sets' dev rows.

    python scripts/train_sentiment.py [--data /work/shared/data/sentiment] [LANG ...]

Reads two kinds of labelled text per language, never a test split:

- public: ``<data>/<lang>/train.csv`` (columns ``text,label``);
- own: the ``dev`` rows of the project's set (``voice/data/labelled/<lang>.csv``)
  and the language's labelled sample texts (``tests/voice/data/shop_labelled.csv``):
  short shop, app and support texts, the kind the public sets lack.

The own rows weigh together a fixed share of the total weight (the rest is
the public rows'), so that a hundred short shop texts are not drowned by
thousands of public ones; ``scripts/tune_sentiment.py`` chooses the share
per language by cross-validation on these same rows and records it as
``classifier_own_share`` in ``voice/data/combination.json``, which this script
reads (0, public rows only, where none is recorded). Where the public set has
two classes (en, uz) the own rows add the neutral class. Writes
``src/journeymap/voice/data/models/<lang>.npz``: hashed character 2..5-grams
and a logistic regression (classes weighted by frequency), stored as float16
coefficients. Training is deterministic (lbfgs, fixed data order), so the
same data gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from journeymap.files import write_atomically
from journeymap.voice import bundled_sets, read_labelled
from journeymap.voice.classifier import N_FEATURES, NGRAMS, LinearTextModel, model_path, vectorizer
from journeymap.voice.combination import settings_path
from journeymap.voice.text import prepared

LANGUAGES = ("en", "ru", "kk", "uz")
"""The languages with a labelled train split (uk and lt have none: lexicon only)."""

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "voice" / "data" / "shop_labelled.csv"
C = 10.0
BINARY_NEUTRAL_MARGIN = 0.0
"""A model that knows two classes never says neutral."""


@dataclass(frozen=True)
class TrainingRows:
    """A language's labelled training texts, each of kind ``own`` or ``public``."""

    texts: list[str]
    labels: list[str]
    kinds: np.ndarray


def training_rows(language: str, data: Path) -> TrainingRows:
    """Return the own dev texts of ``language`` followed by its public train texts.

    >>> rows = training_rows("uz", Path("/work/shared/data/sentiment"))  # doctest: +SKIP
    >>> sorted(set(rows.kinds))  # doctest: +SKIP
    ['own', 'public']
    """
    own_texts, own_labels = own_dev(language)
    public_texts, public_labels = public_train(language, data)
    return TrainingRows(
        own_texts + public_texts, own_labels + public_labels, np.array(["own"] * len(own_texts) + ["public"] * len(public_texts))
    )


def own_dev(language: str) -> tuple[list[str], list[str]]:
    """Return the own-kind dev texts and labels: the set's dev split and the sample texts of ``language``."""
    [path] = [path for path in bundled_sets() if path.stem == language]
    rows = read_labelled(path, language=language, split="dev")
    sample = [(text, label) for text, label, found in read_labelled(SAMPLE) if found == language]
    return [text for text, _label, _language in rows] + [text for text, _label in sample], [label for _text, label, _language in rows] + [
        label for _text, label in sample
    ]


def public_train(language: str, data: Path) -> tuple[list[str], list[str]]:
    """Return the texts and labels of ``data/<language>/train.csv`` (rows with an empty text left out)."""
    with (data / language / "train.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["text"].strip()]
    return [row["text"] for row in rows], [row["label"] for row in rows]


def row_weights(kinds: np.ndarray, own_share: float) -> np.ndarray:
    """Return a weight per row: the own rows weigh ``own_share`` of the total together, the public ones the rest, each public row 1.

    >>> row_weights(np.array(["own", "public", "public", "public"]), 0.25).tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    own = kinds == "own"
    return np.where(own, own_share * (~own).sum() / ((1 - own_share) * max(own.sum(), 1)), 1.0)


def fit(language: str, texts: list[str], labels: list[str], weights: np.ndarray) -> LinearTextModel:
    """Return a classifier of ``language`` fitted on ``texts`` and their ``labels``, each row weighted (rows of weight 0 left out)."""
    kept = np.flatnonzero(weights > 0)
    features = vectorizer(N_FEATURES, NGRAMS).transform([prepared(texts[index], language) for index in kept])
    fitted = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(
        features, np.array(labels)[kept], sample_weight=weights[kept]
    )
    classes = tuple(str(name) for name in fitted.classes_)
    return LinearTextModel(language, classes, fitted.coef_, fitted.intercept_, N_FEATURES, NGRAMS, BINARY_NEUTRAL_MARGIN)


def recorded_share(language: str) -> float:
    """Return the own share recorded for ``language`` by ``scripts/tune_sentiment.py`` (0 where none is)."""
    path = settings_path()
    settings = json.loads(path.read_text(encoding="utf-8"))["languages"] if path.is_file() else {}
    return float(settings.get(language, {}).get("classifier_own_share", 0.0))


def train(language: str, data: Path, own_share: float) -> LinearTextModel:
    """Return the classifier of ``language`` trained on its public train split and own dev rows, the own ones weighing ``own_share`` of the total."""
    rows = training_rows(language, data)
    return fit(language, rows.texts, rows.labels, row_weights(rows.kinds, own_share))


def write_model(model: LinearTextModel) -> Path:
    """Write ``model`` where the package reads it, and return the path."""
    path = model_path(model.language)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, model.to_bytes())
    path.chmod(0o644)
    return path


def main() -> None:
    """Train the languages named on the command line (all with data by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES))
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/sentiment"))
    arguments = parser.parse_args()
    for language in arguments.languages:
        model = train(language, arguments.data, recorded_share(language))
        path = write_model(model)
        print(
            f"{language}: classes {', '.join(model.classes)}, {np.count_nonzero(model.coef)} weights, {path.stat().st_size / 1024:.0f} KiB -> {path}"
        )


if __name__ == "__main__":
    main()
