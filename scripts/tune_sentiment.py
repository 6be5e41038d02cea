"""Fit the stacked models that combine each language's lexicon and classifier, on dev data only, and write voice/data/combination.json.

    python scripts/tune_sentiment.py [--data /work/shared/data/sentiment] [--cache DIR] [LANG ...]

For each language with a bundled classifier (en, ru, kk, uz) the dev data
are two kinds of text, and no test split is ever read:

- own: the ``dev`` rows of the project's set (``voice/data/labelled/<lang>.csv``)
  and the language's labelled sample texts (``tests/voice/data/shop_labelled.csv``),
  scored by the bundled classifier (which never saw them);
- public: the public train split (``<data>/<lang>/train.csv``), scored out of
  fold: five classifiers, each fitted as ``scripts/train_sentiment.py`` fits
  the bundled one but on four fifths of the rows (row number modulo 5), score
  the fifth each did not see.

Each text becomes the numbers of ``journeymap.voice.combination.FEATURES``
(lexicon-and-rules score, classifier probabilities, a question mark, length),
and a three-class logistic regression (lbfgs) is fitted over both kinds, each
kind weighted to a fixed share of the total so that a few dozen short shop
texts are not drowned by thousands of public ones. The share (0.25, 0.5 or
0.75 to the own texts), the regularisation (C = 0.1, 1 or 10) and the class
weights (none, or balanced: rarer classes weigh more) are chosen per language by 5-fold cross-validation over the dev data: the pair whose
worst kind is furthest above the better of lexicon and classifier on that
kind (ties: share nearer 0.5, C nearer 1, balanced). Fixed folds (row number modulo 5)
and a fixed row order make the file reproducible. The out-of-fold probabilities take minutes
(Kazakh: 14,000 rows); ``--cache DIR`` keeps them between runs, keyed by the
train file's hash.

The file also records, per language and kind, the dev macro-F1 of the
lexicon, the classifier and the combination (in-sample for the combination:
a sanity check, not an estimate; ``scripts/evaluate_sentiment.py`` reports
the test splits).
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
from journeymap.voice import bundled_sets, lexicon_model, read_labelled
from journeymap.voice.classifier import N_FEATURES, NGRAMS, bundled_classifier, vectorizer
from journeymap.voice.combination import FEATURES, Stacked, features, settings_path
from journeymap.voice.evaluate import macro_f1
from journeymap.voice.text import prepared
from journeymap.voice.types import label_of

sys.path.insert(0, str(Path(__file__).resolve().parent))  # train_sentiment is a sibling script
from train_sentiment import LANGUAGES, C as CLASSIFIER_C, train_rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "voice" / "data" / "shop_labelled.csv"
FOLDS = 5
OWN_SHARES = (0.25, 0.5, 0.75)
"""Candidate shares of the total weight given to the own-kind dev texts (the rest goes to the public ones)."""
STACK_CS = (0.1, 1.0, 10.0)
"""Candidate inverse regularisation strengths of the stacked logistic regression."""
BALANCE = (None, "balanced")
"""Candidate class weights: none, or each class weighted by its rarity (macro-F1 counts every class alike)."""


def label_of_scores(scores: np.ndarray) -> list[str]:
    """Return the lexicon's labels of its scores."""
    return [label_of(float(score)) for score in scores]


def _weights(kinds: np.ndarray, own_share: float) -> np.ndarray:
    """Return sample weights giving the own texts ``own_share`` of the total and the public ones the rest."""
    own = kinds == "own"
    return np.where(own, own_share / own.sum(), (1 - own_share) / (~own).sum()) * len(kinds)


def _cross_validated_margin(matrix: np.ndarray, target: np.ndarray, kinds: np.ndarray, baseline: dict[str, float], own_share: float, strength: float, balance: str | None) -> float:
    """Return the worst, over the kinds, of the stacked model's out-of-fold dev macro-F1 less the better source's."""
    fold = np.zeros(len(target), dtype=int)
    for kind in baseline:
        fold[kinds == kind] = np.arange((kinds == kind).sum()) % FOLDS
    predicted = np.empty(len(target), dtype=object)
    for held in range(FOLDS):
        fitted = LogisticRegression(C=strength, max_iter=5000, class_weight=balance).fit(matrix[fold != held], target[fold != held], sample_weight=_weights(kinds[fold != held], own_share))
        predicted[fold == held] = fitted.predict(matrix[fold == held])
    return min(macro_f1(list(target[kinds == kind]), list(predicted[kinds == kind])) - baseline[kind] for kind in baseline)


def out_of_fold(language: str, texts: list[str], labels: list[str], cache: Path | None) -> tuple[np.ndarray, tuple[str, ...]]:
    """Return out-of-fold class probabilities of the train rows, and their column order."""
    digest = hashlib.sha256("\n".join(f"{text}\t{label}" for text, label in zip(texts, labels)).encode()).hexdigest()[:16]
    cached = cache / f"{language}-{digest}.npz" if cache is not None else None
    if cached is not None and cached.is_file():
        with np.load(cached, allow_pickle=False) as archive:
            return archive["p"], tuple(str(name) for name in archive["classes"])
    matrix = vectorizer(N_FEATURES, NGRAMS).transform([prepared(text, language) for text in texts])
    target = np.array(labels)
    fold = np.arange(len(texts)) % FOLDS
    found = np.zeros((len(texts), len(set(labels))))
    classes: tuple[str, ...] = ()
    for held in range(FOLDS):
        fitted = LogisticRegression(C=CLASSIFIER_C, max_iter=3000, class_weight="balanced").fit(matrix[fold != held], target[fold != held])
        found[fold == held] = fitted.predict_proba(matrix[fold == held])
        classes = tuple(str(name) for name in fitted.classes_)
        print(f"  {language}: fold {held + 1} of {FOLDS}", file=sys.stderr)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cached, p=found, classes=np.array(classes))
    return found, classes


def own_dev(language: str) -> tuple[list[str], list[str]]:
    """Return the own-kind dev texts and labels: the set's dev split and the sample texts of ``language``."""
    [path] = [path for path in bundled_sets() if path.stem == language]
    rows = read_labelled(path, language=language, split="dev")
    sample = [(text, label) for text, label, found in read_labelled(SAMPLE) if found == language]
    return [text for text, _label, _language in rows] + [text for text, _label in sample], [label for _text, label, _language in rows] + [label for _text, label in sample]


def tune(language: str, data: Path, cache: Path | None) -> dict[str, object]:
    """Return the stacked model of ``language`` and its dev figures, as stored in the settings file."""
    classifier = bundled_classifier(language)
    if classifier is None:
        raise SystemExit(f"{language}: no bundled classifier; run scripts/train_sentiment.py first")
    lexicon = lexicon_model(language)
    kinds = {}
    own_texts, own_labels = own_dev(language)
    kinds["own"] = (own_texts, own_labels, classifier.probabilities(own_texts), classifier.classes)
    public_texts, public_labels = train_rows(language, data)
    probabilities, classes = out_of_fold(language, public_texts, public_labels, cache)
    kinds["public"] = (public_texts, public_labels, probabilities, classes)
    rows, targets, kind_of, dev = [], [], [], {}
    for kind, (texts, labels, found, order) in kinds.items():
        scores = np.array([sentiment.score for sentiment in lexicon.predict(texts, language)])
        rows.append(features(texts, scores, found, order))
        targets += labels
        kind_of += [kind] * len(texts)
        dev[kind] = {"lexicon": label_of_scores(scores), "classifier": [order[int(column)] for column in found.argmax(axis=1)]}
    matrix, target, kind_array = np.vstack(rows), np.array(targets), np.array(kind_of)
    baseline = {kind: max(macro_f1(list(target[kind_array == kind]), dev[kind][source]) for source in ("lexicon", "classifier")) for kind in kinds}
    share, strength, balance, margin = max(
        (
            (share, strength, balance, _cross_validated_margin(matrix, target, kind_array, baseline, share, strength, balance))
            for share in OWN_SHARES
            for strength in STACK_CS
            for balance in BALANCE
        ),
        key=lambda found: (found[3], -abs(found[0] - 0.5), -abs(np.log10(found[1])), found[2] is None),
    )
    print(f"{language}: own share {share}, C {strength}, class weight {balance}: cross-validated worst margin over the better source {margin:+.4f}", file=sys.stderr)
    fitted = LogisticRegression(C=strength, max_iter=5000, class_weight=balance).fit(matrix, target, sample_weight=_weights(kind_array, share))
    stacked = Stacked(tuple(str(name) for name in fitted.classes_), fitted.coef_, fitted.intercept_)
    start = 0
    figures = {}
    for kind, (texts, labels, _found, _order) in kinds.items():
        combined = stacked.labels(matrix[start : start + len(texts)])
        start += len(texts)
        figures[kind] = {
            "texts": len(texts),
            "lexicon": round(macro_f1(labels, dev[kind]["lexicon"]), 4),
            "classifier": round(macro_f1(labels, dev[kind]["classifier"]), 4),
            "combination": round(macro_f1(labels, combined), 4),
        }
        print(f"{language} {kind} dev: {figures[kind]}", file=sys.stderr)
    return {
        "own_share": share,
        "c": strength,
        "class_weight": balance,
        "cross_validated_margin": round(margin, 4),
        "classes": list(stacked.classes),
        "coef": [[round(float(value), 6) for value in row] for row in stacked.coef],
        "intercept": [round(float(value), 6) for value in stacked.intercept],
        "dev": figures,
    }


def main() -> None:
    """Fit every language with a classifier and write the settings file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES), help="Refit these only; the others keep their settings from the file.")
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/sentiment"))
    parser.add_argument("--cache", type=Path, default=None, help="Keep the out-of-fold probabilities here between runs.")
    arguments = parser.parse_args()
    path = settings_path()
    kept = json.loads(path.read_text(encoding="utf-8"))["languages"] if path.is_file() else {}
    settings = {
        "about": "Written by scripts/tune_sentiment.py from dev data only (own dev split + labelled sample texts; out-of-fold scores on the public train splits). Do not edit by hand.",
        "features": list(FEATURES),
        "folds": FOLDS,
        "languages": {
            language: tune(language, arguments.data, arguments.cache) if language in arguments.languages else kept[language]
            for language in LANGUAGES
            if language in arguments.languages or language in kept
        },
    }
    text = re.sub(r"\[\s+([-0-9., \n]+?)\s+\]", lambda found: "[" + " ".join(found.group(1).split()) + "]", json.dumps(settings, ensure_ascii=False, indent=1))
    write_atomically(path, (text + "\n").encode("utf-8"))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
