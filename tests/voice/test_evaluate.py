"""Evaluation metrics against hand-computed values, baselines, and the hand-made lt/uk sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.errors import DataSourceError
from journeymap.voice import Sentiment, default_model, evaluate, read_labelled
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
