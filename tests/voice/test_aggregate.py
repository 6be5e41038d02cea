"""Per-step summaries and what is written onto the map, against hand-computed values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from journeymap import files
from journeymap.model import EmotionScale
from journeymap.voice import Sentiment, analyze, apply, read_feedback, to_emotion

SCORES = {"+": 0.8, "-": -0.6, "0": 0.0}


class MarkedModel:
    """Scores a text by its first character: + is 0.8, - is -0.6, anything else 0."""

    name = "marked"

    def predict(self, texts, language):
        return [Sentiment({"+": "positive", "-": "negative"}.get(text[0], "neutral"), SCORES.get(text[0], 0.0)) for text in texts]


ROWS = [
    {"id": "1", "text": "- the courier was late, courier late again", "date": "2025-01-10", "step": "", "rating": "1"},
    {"id": "2", "text": "- courier late and rude, the courier is late", "date": "2025-02-10", "step": "", "rating": "2"},
    {"id": "3", "text": "+ fast courier, thank you so much", "date": "2025-02-11", "step": "waits-for-delivery", "rating": "5"},
    {"id": "4", "text": "- payment failed twice today", "date": "2025-02-12", "step": "", "rating": ""},
    {"id": "5", "text": "0 something about turtles", "date": "", "step": "", "rating": ""},
]


@pytest.fixture
def analysis(journey, write_csv):
    return analyze(journey, read_feedback(write_csv(ROWS)), model=MarkedModel())


def test_mentions_distribution_and_measured_emotion(analysis):
    delivery = next(group for group in analysis.steps if group.id == "waits-for-delivery")
    assert delivery.mentions == 3
    assert delivery.distribution == {"negative": 2, "neutral": 0, "positive": 1}
    mean = (-0.6 - 0.6 + 0.8) / 3
    assert delivery.mean_score == round(mean, 4)
    assert delivery.emotion == round(-2 + (mean + 1) / 2 * 4, 2)  # -0.27 on the -2..+2 scale
    assert delivery.ratings.scale == "stars" and delivery.ratings.value == round(1 / 3 * 100, 2)
    assert [(point.month, point.count) for point in delivery.trend] == [("2025-01", 1), ("2025-02", 2)]
    assert [group.id for group in analysis.stages] == ["purchase", "delivery"]


def test_unmapped_voices_are_counted_and_listed(analysis):
    assert [record.voice.id for record in analysis.unmapped] == ["5"]
    assert analysis.methods == {"similarity": 2, "explicit": 1, "keyword": 1, "none": 1}


def test_apply_keeps_the_authored_emotion_and_adds_proposed_evidence(journey, analysis):
    now = datetime(2025, 6, 1, tzinfo=UTC)
    voiced = apply(journey, analysis, now=now)
    step = voiced.step("waits-for-delivery")
    assert step.emotion.actual == -1 and step.emotion.desired == 1
    measured = step.emotion.measured
    assert (measured.value, measured.count, measured.source, measured.measured_at) == (-0.27, 3, "feedback.csv", now)
    assert (str(measured.date_from), str(measured.date_to)) == ("2025-01-10", "2025-02-11")
    assert all(evidence.proposed for evidence in step.evidence) and len(step.evidence) == 3
    assert {evidence.source for evidence in step.evidence} == {"feedback.csv#1", "feedback.csv#2", "feedback.csv#3"}
    assert step.proposed_pains and step.pains == ["courier is late"]
    assert journey.step("waits-for-delivery").emotion.measured is None, "the input map is not changed"
    assert voiced.step("finds-the-product-card").emotion.measured is None


def test_apply_twice_adds_nothing_new(journey, analysis):
    once = apply(journey, analysis)
    twice = apply(once, analysis)
    assert twice.step("waits-for-delivery").evidence == once.step("waits-for-delivery").evidence
    assert twice.step("waits-for-delivery").proposed_pains == once.step("waits-for-delivery").proposed_pains


def test_voiced_map_survives_a_save_and_load(tmp_path, journey, analysis):
    path = files.save(apply(journey, analysis), tmp_path / "voiced.yaml")
    loaded = files.load(path)
    assert loaded.step("waits-for-delivery").emotion.measured.count == 3


@pytest.mark.parametrize(("score", "scale", "expected"), [(-1, EmotionScale(), -2), (1, EmotionScale(), 2), (0, EmotionScale(min=1, max=5, points=[]), 3), (0.25, EmotionScale(min=0, max=10, points=[]), 6.25)])
def test_to_emotion_is_linear(score, scale, expected):
    assert to_emotion(score, scale) == expected
