from __future__ import annotations

import pytest
from pydantic import ValidationError

from journeymap.model import Journey, Measurement, Metric, Opportunity, Step, StepMetrics, slugify


def journey(**fields) -> Journey:
    base = {"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Pays"}, {"name": "Waits"}]}]}
    return Journey.model_validate({**base, **fields})


def test_ids_are_derived_from_names_in_any_script():
    assert slugify("Оплата заказа!") == "оплата-заказа"
    assert slugify("Oʻzbekcha sahifa") == "oʻzbekcha-sahifa"
    assert Journey(title="Ąžuolas ėjo").id == "ąžuolas-ėjo"


def test_steps_are_listed_in_journey_order():
    j = Journey.model_validate(
        {"title": "T", "stages": [{"name": "A", "steps": [{"name": "one"}, {"name": "two"}]}, {"name": "B", "steps": [{"name": "three"}]}]}
    )
    assert [step.id for step in j.steps] == ["one", "two", "three"]
    assert [(stage.id, step.id) for stage, step in j.iter_steps()][-1] == ("b", "three")
    assert j.step("two").name == "two"
    with pytest.raises(KeyError):
        j.step("four")


def test_metric_shorthands():
    metrics = StepMetrics.model_validate({"audience": 1200, "conversion": "35%", "time_seconds": "1h30m"})
    assert metrics.audience.authored == 1200
    assert metrics.conversion.value == pytest.approx(0.35)
    assert metrics.time_seconds.value == 5400


def test_measured_value_wins_but_authored_is_kept():
    metric = Metric(authored=0.4, measured=Measurement(value=0.25, count=800, source="events.parquet"))
    assert metric.value == 0.25
    assert metric.authored == 0.4
    assert metric.model_dump() == {
        "authored": 0.4,
        "measured": {
            "value": 0.25, "count": 800, "source": "events.parquet",
            "date_from": None, "date_to": None, "query": "", "measured_at": None,
        },
    }
    assert Metric(authored=5).model_dump() == 5


@pytest.mark.parametrize("value", [1.5, "150%", -0.1])
def test_a_share_must_be_between_zero_and_one(value):
    with pytest.raises(ValidationError, match="not a share between 0 and 1"):
        StepMetrics(conversion=value)


def test_manufactura_score_is_the_sum_of_four_scores():
    idea = Opportunity(title="Call back in 5 minutes", criticality=5, design_ease=4, development_ease=2, audience=3)
    assert idea.manufactura_score == 14
    assert Opportunity(title="Half scored", criticality=5).manufactura_score is None


def test_emotion_curve_per_persona_and_combined():
    j = journey(
        personas=[{"name": "Olga"}, {"name": "Ivan"}],
        stages=[
            {
                "name": "Buy",
                "steps": [
                    {
                        "name": "Pays",
                        "emotion": {"actual": 0, "desired": 2},
                        "by_persona": {"olga": {"emotion": {"actual": -2, "desired": 2}}, "ivan": {"notes": "calm"}},
                    },
                    {"name": "Waits", "emotion": {"actual": 1}},
                ],
            }
        ],
    )
    assert j.emotion_curve("olga") == [("pays", -2, 2), ("waits", 1, None)]
    assert j.emotion_curve("ivan") == [("pays", 0, 2), ("waits", 1, None)]
    assert j.emotion_curve() == [("pays", -1, 2), ("waits", 1, None)]


def test_emotion_gap():
    assert Step(name="x", emotion={"actual": -1, "desired": 2}).emotion.gap == 3
    assert Step(name="x").emotion.gap is None


def test_unknown_field_is_refused():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Step(name="x", emotions={})
