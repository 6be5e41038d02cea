"""Rebuild the bundled sentiment classifiers from the labelled train splits.

    python scripts/train_sentiment.py [--data /work/shared/data/sentiment] [LANG ...]

Reads only ``<data>/<lang>/train.csv`` (columns ``text,label``); the test
splits are for ``journeymap voice evaluate``. Writes
``src/journeymap/voice/data/models/<lang>.npz``: hashed character 2..5-grams
and a logistic regression (classes weighted by frequency), stored as float16
coefficients. Training is deterministic (lbfgs, fixed data order), so the
same data gives the same files.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from journeymap.files import write_atomically
from journeymap.voice.classifier import N_FEATURES, NGRAMS, LinearTextModel, model_path, vectorizer
from journeymap.voice.text import prepared

LANGUAGES = ("en", "ru", "kk", "uz")
"""The languages with a labelled train split (uk and lt have none: lexicon only)."""

C = 10.0
BINARY_NEUTRAL_MARGIN = 0.0
"""Binary sets (en, uz) have no neutral class; their models never say neutral."""


def train(language: str, data: Path) -> LinearTextModel:
    """Return the classifier trained on ``data/<language>/train.csv``."""
    texts, labels = train_rows(language, data)
    return fit(language, texts, labels)


def train_rows(language: str, data: Path) -> tuple[list[str], list[str]]:
    """Return the texts and labels of ``data/<language>/train.csv`` (rows with an empty text left out)."""
    with (data / language / "train.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["text"].strip()]
    return [row["text"] for row in rows], [row["label"] for row in rows]


def fit(language: str, texts: list[str], labels: list[str]) -> LinearTextModel:
    """Return a classifier of ``language`` fitted on ``texts`` and their ``labels``."""
    features = vectorizer(N_FEATURES, NGRAMS).transform([prepared(text, language) for text in texts])
    fitted = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(features, labels)
    classes = tuple(str(name) for name in fitted.classes_)
    return LinearTextModel(language, classes, fitted.coef_, fitted.intercept_, N_FEATURES, NGRAMS, BINARY_NEUTRAL_MARGIN)


def main() -> None:
    """Train the languages named on the command line (all with data by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES))
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/sentiment"))
    arguments = parser.parse_args()
    for language in arguments.languages:
        model = train(language, arguments.data)
        path = model_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, model.to_bytes())
        path.chmod(0o644)
        print(f"{language}: classes {', '.join(model.classes)}, {np.count_nonzero(model.coef)} weights, {path.stat().st_size / 1024:.0f} KiB -> {path}")


if __name__ == "__main__":
    main()
