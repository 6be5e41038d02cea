"""Evaluation metrics against hand-computed values, baselines, and the hand-made lt/uk sets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from journeymap.errors import DataSourceError
from journeymap.voice import Sentiment, bundled_sets, compare_sources, default_model, evaluate, public_sets, read_labelled
from journeymap.voice.evaluate import accuracy, macro_f1

DATA = Path(__file__).parent / "data"


def test_macro_f1_by_hand():
    gold = ["positive", "positive", "negative", "neutral", "neutral", "neutral"]
    guess = ["positive", "negative", "negative", "neutral", "positive", "neutral"]
    # positive: P 1/2, R 1/2, F1 1/2; negative: P 1/2, R 1, F1 2/3; neutral: P 1, R 2/3, F1 4/5
    assert macro_f1(gold, guess) == pytest.approx((1 / 2 + 2 / 3 + 4 / 5) / 3)
    assert accuracy(gold, guess) == pytest.approx(4 / 6)


def test_a_class_never_predicted_scores_zero_and_extra_predicted_classes_do_not_count():
    assert macro_f1(["positive", "negative"], ["positive", "positive"]) == pytest.approx((2 / 3 + 0) / 2)
    assert macro_f1(["positive", "positive"], ["positive", "neutral"]) == pytest.approx(2 / 3)


def test_evaluate_reports_the_model_and_both_baselines(tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text("text,label\ngood,positive\ngreat,positive\nawful,negative\n", encoding="utf-8")

    class Perfect:
        name = "perfect"

        def predict(self, texts, language):
            return [Sentiment("negative" if text == "awful" else "positive", 0.0) for text in texts]

    [row] = evaluate(read_labelled(path, language="en"), Perfect())
    assert (row.language, row.count, row.majority_label) == ("en", 3, "positive")
    assert (row.model.accuracy, row.model.macro_f1) == (1.0, 1.0)
    assert (row.majority.accuracy, row.majority.macro_f1) == (0.6667, 0.4)  # F1 positive 0.8, negative 0
    assert row.lexicon.accuracy == 1.0


@pytest.mark.parametrize(("name", "floor"), [("handmade_lt_uk.csv", 0.85), ("heldout_lt_uk.csv", 0.85)])
def test_lithuanian_and_ukrainian_rules_beat_the_majority_on_the_hand_made_sets(name, floor):
    found = {row.language: row for row in evaluate(read_labelled(DATA / name), default_model())}
    assert set(found) == {"uk", "lt"}
    for row in found.values():
        assert row.model.macro_f1 >= floor > row.majority.macro_f1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text\nhi\n", "a labelled file needs the columns text and label"),
        ("text,label\nhi,good\n", "row 2: label 'good' is not one of negative, neutral, positive"),
        ("text,label\n", "the file has no rows"),
    ],
)
def test_bad_labelled_files(tmp_path, content, message):
    path = tmp_path / "labelled.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataSourceError) as caught:
        read_labelled(path)
    assert str(caught.value) == f"{path}: {message}"


def test_unknown_language(tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text("text,label\nhi,neutral\n", encoding="utf-8")
    with pytest.raises(DataSourceError, match="unknown language 'de'; use one of: en, ru, uk, kk, uz, lt"):
        read_labelled(path, language="de")


SHARED = Path("/work/shared/data/sentiment")


TEST_TEXTS = {"en": 90, "ru": 90, "uk": 135, "kk": 150, "uz": 90, "lt": 135}
"""Texts in each own test split: the first 30 (en, ru, uz) or 75 (uk, kk, lt), then 60 (kk: 75) written later, blind to the models and lexicons."""


@pytest.mark.parametrize("path", bundled_sets(), ids=lambda path: path.stem)
def test_the_bundled_shop_sets_reach_the_target_on_their_test_split(path):
    rows = read_labelled(path, language=path.stem, split="test")
    [found] = evaluate(rows, default_model())
    assert found.count == TEST_TEXTS[path.stem]
    assert found.model.macro_f1 >= 0.75 > found.majority.macro_f1


@pytest.mark.parametrize("path", bundled_sets(), ids=lambda path: path.stem)
def test_the_bundled_sets_are_balanced_and_every_row_has_a_kind_and_split(path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    per_label = {label: sum(1 for row in rows if row["label"] == label) for label in ("negative", "neutral", "positive")}
    assert set(per_label.values()) == {len(rows) // 3}
    assert len(rows) >= (150 if path.stem in {"uk", "lt", "kk"} else 60)
    assert {row["kind"] for row in rows} <= {"review", "app", "support"}
    assert {row["split"] for row in rows} == {"dev", "test"}
    assert len({row["text"] for row in rows}) == len(rows)


@pytest.mark.parametrize("language", ["en", "ru", "kk", "uz"])
def test_the_default_model_beats_both_baselines_on_the_public_test_splits(language):
    path = SHARED / language / "test.csv"
    if not path.is_file():
        pytest.skip(f"{path} is not on this machine")
    [found] = evaluate(read_labelled(path, language=language), default_model())
    assert found.model.macro_f1 > max(found.majority.macro_f1, found.lexicon.macro_f1)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Товар не відповідає опису", "uk"),
        ("Тауар сипаттамаға сәйкес келмейді", "kk"),
        ("Курьер опоздал, товар не соответствует описанию", "ru"),
        ("Prekė neatitinka aprašymo", "lt"),
    ],
)
def test_does_not_match_the_description_is_negative(text, language):
    assert default_model().predict([text], language)[0].label == "negative"


def test_the_split_column_selects_rows_and_an_unknown_split_is_named(tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text("text,label,split\ngood,positive,dev\nawful,negative,test\nfine,positive,test\n", encoding="utf-8")
    assert [text for text, _label, _language in read_labelled(path, language="en", split="test")] == ["awful", "fine"]
    assert len(read_labelled(path, language="en")) == 3
    with pytest.raises(DataSourceError, match="unknown split 'train'; use one of: dev, test, all"):
        read_labelled(path, split="train")


def test_voice_evaluate_meets_the_targets_in_every_language_on_both_kinds_of_set(runner):
    """The issue's targets through the command a user runs: macro-F1 0.75 on the project's sets, above both baselines on the public ones."""
    import json

    from journeymap.cli import app

    public = ["--public", str(SHARED)] if SHARED.is_dir() else []
    result = runner.invoke(app, ["voice", "evaluate", "--json", *public])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    own = {row["language"]: row for row in rows if row["set"] == "journeymap"}
    assert sorted(own) == sorted(["en", "ru", "uk", "kk", "uz", "lt"])
    below = {
        language: row["model"]["macro_f1"]
        for language, row in own.items()
        if not row["model"]["macro_f1"] >= 0.75 > row["majority"]["macro_f1"]
    }
    assert below == {}
    if not public:
        pytest.skip(f"{SHARED} is not on this machine: the public sets were not evaluated")
    found = {row["language"]: row for row in rows if row["set"] == "public"}
    assert sorted(found) == sorted(["en", "ru", "kk", "uz"])  # uk and lt have no public labelled set there (uk: a lexicon only)
    beaten = {
        language: row["model"]["macro_f1"]
        for language, row in found.items()
        if not row["model"]["macro_f1"] > max(row["majority"]["macro_f1"], row["lexicon"]["macro_f1"])
    }
    assert beaten == {}


TOLERANCE = 0.01
"""How far below the better of lexicon and classifier the combination may fall on a set.

On the own test splits (90 to 150 texts) one text changed moves macro-F1 by
0.007 to 0.015, so 0.01 allows about one text fewer right than the better
source gets; on the public test splits (596 to 3,494 texts) 0.01 is 6 to 35
texts, below the sampling error of macro-F1 at those sizes (about 0.015 on
600 texts). docs/voice.md has the figures of each set."""


def _comparisons() -> list[tuple[str, str, object]]:
    found = [("own", row) for path in bundled_sets() for row in compare_sources(read_labelled(path, language=path.stem, split="test"))]
    if SHARED.is_dir():
        found += [
            ("public", row) for path in public_sets(SHARED) for row in compare_sources(read_labelled(path, language=path.parent.name))
        ]
    return [(row.language, kind, row) for kind, row in found]


@pytest.fixture(scope="module")
def comparisons():
    return {(language, kind): row for language, kind, row in _comparisons()}


@pytest.mark.parametrize(
    ("language", "kind"),
    [(language, "own") for language in ("en", "ru", "uk", "kk", "uz", "lt")] + [(language, "public") for language in ("en", "ru", "kk", "uz")],
)
def test_the_combination_is_as_good_as_the_better_source_on_every_test_split(comparisons, language, kind):
    if (language, kind) not in comparisons:
        pytest.skip(f"{SHARED} is not on this machine")
    row = comparisons[(language, kind)]
    assert row.combination.macro_f1 >= row.better_source - TOLERANCE, (row.combination.macro_f1, row.lexicon.macro_f1, row.classifier)
    if row.classifier is None:
        assert row.combination == row.lexicon  # uk and lt: the lexicon alone decides


def test_the_combination_settings_were_fitted_for_every_language_with_a_classifier():
    import json

    from journeymap.voice.classifier import bundled_classifier
    from journeymap.voice.combination import FEATURES, settings_path

    settings = json.loads(settings_path().read_text(encoding="utf-8"))
    assert settings["features"] == list(FEATURES)
    assert sorted(settings["languages"]) == sorted(
        language for language in ("en", "ru", "uk", "kk", "uz", "lt") if bundled_classifier(language) is not None
    )
