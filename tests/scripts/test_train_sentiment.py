"""scripts/train_sentiment.py: the classifiers learn from the public train splits and the own dev rows, never a test row."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from journeymap.voice import bundled_sets, read_labelled
from journeymap.voice.classifier import model_path

ROOT = Path(__file__).parents[2]
spec = importlib.util.spec_from_file_location("train_sentiment", ROOT / "scripts" / "train_sentiment.py")
train_sentiment = importlib.util.module_from_spec(spec)
sys.modules["train_sentiment"] = train_sentiment  # its dataclass looks its module up
spec.loader.exec_module(train_sentiment)

SHARED = Path("/work/shared/data/sentiment")


def test_the_own_rows_weigh_their_share_of_the_total():
    kinds = np.array(["own"] * 3 + ["public"] * 12)
    weights = train_sentiment.row_weights(kinds, 0.2)
    assert weights[kinds == "own"].sum() / weights.sum() == pytest.approx(0.2)
    assert set(weights[kinds == "public"]) == {1.0}
    assert set(train_sentiment.row_weights(kinds, 0.0)[kinds == "own"]) == {0.0}


@pytest.mark.parametrize("language", ["en", "ru", "kk", "uz"])
def test_no_test_row_of_the_own_sets_is_trained_on(language):
    [path] = [path for path in bundled_sets() if path.stem == language]
    tested = {text for text, _label, _language in read_labelled(path, language=language, split="test")}
    own, _labels = train_sentiment.own_dev(language)
    assert len(own) >= 90
    assert tested.isdisjoint(own)


def test_the_shipped_english_model_is_what_the_script_trains_from_the_recorded_share():
    """en learns from the own dev rows (10 % of the weight, chosen by scripts/tune_sentiment.py): the neutral class comes from them."""
    if not (SHARED / "en" / "train.csv").is_file():
        pytest.skip(f"{SHARED} is not on this machine")
    share = train_sentiment.recorded_share("en")
    assert share == 0.1
    model = train_sentiment.train("en", SHARED, share)
    assert model.classes == ("negative", "neutral", "positive")
    assert model.to_bytes() == model_path("en").read_bytes()
