"""Choose how much each classifier learns from short shop texts, fit the stacked models that combine it with the lexicon, on dev data only; write the classifiers and voice/data/combination.json.

    python scripts/tune_sentiment.py [--data /work/shared/data/sentiment] [--cache DIR] [LANG ...]

For each language with a public train split (en, ru, kk, uz) the dev data
are two kinds of text, and no test split is ever read:

- own: the ``dev`` rows of the project's set (``voice/data/labelled/<lang>.csv``)
  and the language's labelled sample texts (``tests/voice/data/shop_labelled.csv``);
- public: the public train split (``<data>/<lang>/train.csv``).

The classifier is trained on both kinds (``scripts/train_sentiment.py``), the
own rows weighing a share of the total weight (:data:`CLASSIFIER_SHARES`). Every
dev row is scored out of fold (cross-fitting): five classifiers, each fitted
as the bundled one but on four fifths of the rows of each kind (row number
within its kind modulo 5), score the fifth each did not see, so the stacked
model never learns from a score of a text the classifier was trained on.

Each text becomes the numbers of ``journeymap.voice.combination.FEATURES``
(lexicon-and-rules score, classifier probabilities, a question mark, length),
and a three-class logistic regression (lbfgs) is fitted over both kinds, each
kind weighted to a fixed share of the total so that a few dozen short shop
texts are not drowned by thousands of public ones. The classifier's own share,
the stack's own share (0.25, 0.5 or 0.75), its regularisation (C = 0.1, 1 or
10) and class weights (none, or balanced) are chosen per language by 5-fold
cross-validation over the dev data, on the same folds: the setting whose worst
kind is furthest above the better of lexicon and classifier on that kind (the
classifier's best out-of-fold figure over the candidate shares, so that a
weaker classifier does not lower the bar; ties: share nearer 0.5, C nearer 1,
balanced). Fixed folds and a fixed row order make the files reproducible. The
out-of-fold probabilities take minutes (Kazakh: 14,000 rows, five fits per
candidate share); ``--cache DIR`` keeps them between runs, keyed by the rows
and the share.

The file also records, per language and kind, the dev macro-F1 of the
lexicon, the out-of-fold classifier and the combination (cross-validated, as
chosen; ``scripts/evaluate_sentiment.py`` reports the test splits).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from journeymap.files import write_atomically
from journeymap.voice import lexicon_model
from journeymap.voice.combination import FEATURES, Stacked, features, settings_path
from journeymap.voice.evaluate import macro_f1
from journeymap.voice.types import label_of

sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_sentiment is a sibling script
from train_sentiment import LANGUAGES, TrainingRows, fit, row_weights, train, training_rows, write_model  # noqa: E402

FOLDS = 5
KINDS = ("own", "public")
CLASSIFIER_SHARES = (0.0, 0.1, 0.3)
"""Candidate shares of the classifier's training weight given to the own dev texts (0: the public train split alone)."""
OWN_SHARES = (0.25, 0.5, 0.75)
"""Candidate shares of the stacked model's total weight given to the own-kind dev texts (the rest goes to the public ones)."""
STACK_CS = (0.1, 1.0, 10.0)
"""Candidate inverse regularisation strengths of the stacked logistic regression."""
BALANCE = (None, "balanced")
"""Candidate class weights: none, or each class weighted by its rarity (macro-F1 counts every class alike)."""


def label_of_scores(scores: np.ndarray) -> list[str]:
    """Return the lexicon's labels of its scores."""
    return [label_of(float(score)) for score in scores]


def folds(kinds: np.ndarray) -> np.ndarray:
    """Return each row's fold: its row number within its kind, modulo :data:`FOLDS`."""
    fold = np.zeros(len(kinds), dtype=int)
    for kind in KINDS:
        fold[kinds == kind] = np.arange((kinds == kind).sum()) % FOLDS
    return fold


def _weights(kinds: np.ndarray, own_share: float) -> np.ndarray:
    """Return sample weights giving the own texts ``own_share`` of the total and the public ones the rest."""
    own = kinds == "own"
    return np.where(own, own_share / own.sum(), (1 - own_share) / (~own).sum()) * len(kinds)


def _cross_validated(
    matrix: np.ndarray, target: np.ndarray, kinds: np.ndarray, own_share: float, strength: float, balance: str | None
) -> dict[str, float]:
    """Return the stacked model's out-of-fold dev macro-F1 per kind."""
    fold = folds(kinds)
    predicted = np.empty(len(target), dtype=object)
    for held in range(FOLDS):
        fitted = LogisticRegression(C=strength, max_iter=5000, class_weight=balance).fit(
            matrix[fold != held], target[fold != held], sample_weight=_weights(kinds[fold != held], own_share)
        )
        predicted[fold == held] = fitted.predict(matrix[fold == held])
    return {kind: macro_f1(list(target[kinds == kind]), list(predicted[kinds == kind])) for kind in KINDS}


def out_of_fold(language: str, rows: TrainingRows, share: float, cache: Path | None) -> tuple[np.ndarray, tuple[str, ...]]:
    """Return cross-fitted class probabilities of every training row (each scored by a classifier fitted without its fold), and their column order."""
    digest = hashlib.sha256(
        "\n".join(f"{text}\t{label}\t{kind}" for text, label, kind in zip(rows.texts, rows.labels, rows.kinds)).encode()
    ).hexdigest()[:16]
    cached = cache / f"{language}-{share}-{digest}.npz" if cache is not None else None
    if cached is not None and cached.is_file():
        with np.load(cached, allow_pickle=False) as archive:
            return archive["p"], tuple(str(name) for name in archive["classes"])
    fold = folds(rows.kinds)
    found: np.ndarray | None = None
    classes: tuple[str, ...] = ()
    for held in range(FOLDS):
        kept = np.flatnonzero(fold != held)
        weights = np.zeros(len(rows.texts))
        weights[kept] = row_weights(rows.kinds[kept], share)
        model = fit(language, rows.texts, rows.labels, weights)
        scored = np.flatnonzero(fold == held)
        probabilities = model.probabilities([rows.texts[index] for index in scored])
        found = np.zeros((len(rows.texts), len(model.classes))) if found is None else found
        found[scored] = probabilities
        classes = model.classes
        print(f"  {language}: classifier own share {share}, fold {held + 1} of {FOLDS}", file=sys.stderr)
    assert found is not None
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cached, p=found, classes=np.array(classes))
    return found, classes


def tune(language: str, data: Path, cache: Path | None) -> dict[str, object]:
    """Return the chosen settings of ``language`` (classifier share, stacked model) and their dev figures, as stored in the settings file; write its classifier."""
    rows = training_rows(language, data)
    target = np.array(rows.labels)
    lexicon = np.array([sentiment.score for sentiment in lexicon_model(language).predict(rows.texts, language)])
    lexical = np.array(label_of_scores(lexicon))
    per_kind = {kind: rows.kinds == kind for kind in KINDS}
    lexicon_f1 = {kind: macro_f1(list(target[rows_of]), list(lexical[rows_of])) for kind, rows_of in per_kind.items()}
    candidates = {}
    for share in CLASSIFIER_SHARES:
        probabilities, classes = out_of_fold(language, rows, share, cache)
        picked = np.array([classes[int(column)] for column in probabilities.argmax(axis=1)])
        candidates[share] = (
            features(rows.texts, lexicon, probabilities, classes),
            {kind: macro_f1(list(target[rows_of]), list(picked[rows_of])) for kind, rows_of in per_kind.items()},
        )
    baseline = {kind: max(lexicon_f1[kind], *(found[1][kind] for found in candidates.values())) for kind in KINDS}
    trials = [
        (share, stack_share, strength, balance, _cross_validated(candidates[share][0], target, rows.kinds, stack_share, strength, balance))
        for share in CLASSIFIER_SHARES
        for stack_share in OWN_SHARES
        for strength in STACK_CS
        for balance in BALANCE
    ]
    share, stack_share, strength, balance, combined = max(
        trials,
        key=lambda found: (
            min(found[4][kind] - baseline[kind] for kind in KINDS),
            -found[0],
            -abs(found[1] - 0.5),
            -abs(np.log10(found[2])),
            found[3] is None,
        ),
    )
    margin = min(combined[kind] - baseline[kind] for kind in KINDS)
    print(
        f"{language}: classifier own share {share}, stack own share {stack_share}, C {strength}, class weight {balance}: cross-validated worst margin over the better source {margin:+.4f}",
        file=sys.stderr,
    )
    matrix, classifier_f1 = candidates[share]
    fitted = LogisticRegression(C=strength, max_iter=5000, class_weight=balance).fit(
        matrix, target, sample_weight=_weights(rows.kinds, stack_share)
    )
    stacked = Stacked(tuple(str(name) for name in fitted.classes_), fitted.coef_, fitted.intercept_)
    write_model(train(language, data, share))
    figures = {
        kind: {
            "texts": int(per_kind[kind].sum()),
            "lexicon": round(lexicon_f1[kind], 4),
            "classifier": round(classifier_f1[kind], 4),
            "combination": round(combined[kind], 4),
        }
        for kind in KINDS
    }
    print(f"{language} dev (cross-validated): {figures}", file=sys.stderr)
    return {
        "classifier_own_share": share,
        "own_share": stack_share,
        "c": strength,
        "class_weight": balance,
        "cross_validated_margin": round(margin, 4),
        "classes": list(stacked.classes),
        "coef": [[round(float(value), 6) for value in row] for row in stacked.coef],
        "intercept": [round(float(value), 6) for value in stacked.intercept],
        "dev": figures,
    }


def main() -> None:
    """Fit every language with a public train split, write its classifier and the settings file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "languages", nargs="*", default=list(LANGUAGES), help="Refit these only; the others keep their settings from the file."
    )
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/sentiment"))
    parser.add_argument("--cache", type=Path, default=None, help="Keep the out-of-fold probabilities here between runs.")
    arguments = parser.parse_args()
    path = settings_path()
    kept = json.loads(path.read_text(encoding="utf-8"))["languages"] if path.is_file() else {}
    settings = {
        "about": "Written by scripts/tune_sentiment.py from dev data only (own dev split + labelled sample texts, public train splits; cross-fitted classifier scores). Do not edit by hand.",
        "features": list(FEATURES),
        "folds": FOLDS,
        "languages": {
            language: tune(language, arguments.data, arguments.cache) if language in arguments.languages else kept[language]
            for language in LANGUAGES
            if language in arguments.languages or language in kept
        },
    }
    text = re.sub(
        r"\[\s+([-0-9., \n]+?)\s+\]",
        lambda found: "[" + " ".join(found.group(1).split()) + "]",
        json.dumps(settings, ensure_ascii=False, indent=1),
    )
    write_atomically(path, (text + "\n").encode("utf-8"))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
