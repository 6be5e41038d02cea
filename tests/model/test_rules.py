from __future__ import annotations

import pytest
from pydantic import ValidationError

from journeymap.model import Journey


def problems_of(data: dict) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as raised:
        Journey.model_validate({"title": "T", **data})
    (error,) = raised.value.errors()
    assert error["type"] == "journey_rules"
    return [(tuple(problem["loc"]), problem["msg"]) for problem in error["ctx"]["problems"]]


def test_duplicate_step_ids():
    problems = problems_of({"stages": [{"name": "A", "steps": [{"name": "Pay"}, {"name": "Pay"}]}]})
    assert problems == [(("stages", 0, "steps", 1, "id"), "duplicate step id 'pay': give each step its own id")]


def test_dangling_references_name_the_closest_id():
    problems = problems_of(
        {
            "stages": [{"name": "A", "steps": [{"name": "Pays"}, {"name": "Waits"}]}],
            "links": [{"from": "waits", "to": "pay", "kind": "loop"}],
            "opportunities": [{"title": "Faster", "steps": ["nowhere"]}],
        }
    )
    assert problems == [
        (("links", 0, "to"), "unknown step 'pay'; did you mean 'pays'?"),
        (("opportunities", 0, "steps", 0), "unknown step 'nowhere'; choose one of: pays, waits"),
    ]


def test_scores_must_be_on_the_emotion_scale():
    problems = problems_of({"stages": [{"name": "A", "steps": [{"name": "Pays", "emotion": {"actual": 3, "desired": -5}}]}]})
    assert problems == [
        (("stages", 0, "steps", 0, "emotion", "actual"), "3 is above the maximum 2 of the emotion scale"),
        (("stages", 0, "steps", 0, "emotion", "desired"), "-5 is below the minimum -2 of the emotion scale"),
    ]


def test_a_custom_scale_moves_the_limits():
    journey = Journey.model_validate(
        {
            "title": "T",
            "emotion_scale": {"min": 0, "max": 10, "points": [{"score": 0, "label": "awful"}, {"score": 10, "label": "great"}]},
            "stages": [{"name": "A", "steps": [{"name": "Pays", "emotion": {"actual": 7}}]}],
        }
    )
    assert journey.emotion_scale.point(7).label == "great"


def test_stage_order_follows_the_stage_set():
    problems = problems_of(
        {"stage_set": "dcj", "stages": [{"name": "Buy", "key": "purchase"}, {"name": "Look", "key": "awareness"}]}
    )
    assert problems == [
        (("stages", 1, "key"), "stage 'awareness' comes before 'purchase' in the 'dcj' stage set: reorder the stages")
    ]


def test_unknown_stage_set_suggests_one():
    assert problems_of({"stage_set": "dcjj"}) == [(("stage_set",), "unknown stage set 'dcjj'; did you mean 'dcj'?")]


def test_custom_lane_values_must_match_their_type():
    problems = problems_of(
        {
            "lanes": [{"title": "Channel cost", "type": "score"}],
            "stages": [{"name": "A", "steps": [{"name": "Pays", "custom": {"channel-cost": "high", "other": "x"}}]}],
        }
    )
    assert problems == [
        (("stages", 0, "steps", 0, "custom", "channel-cost"), "a 'score' lane needs a number"),
        (("stages", 0, "steps", 0, "custom", "other"), "unknown lane 'other'; choose one of: channel-cost (declare it under 'lanes')"),
    ]


def test_by_persona_keys_must_be_personas():
    problems = problems_of(
        {"personas": [{"name": "Olga"}], "stages": [{"name": "A", "steps": [{"name": "Pays", "by_persona": {"olgа": {}}}]}]}
    )
    assert problems[0][1].startswith("unknown persona 'olgа'")
