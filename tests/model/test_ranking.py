"""Ideas ranked by the seeds' sum, RICE and ICE, with audience from measured data."""

from __future__ import annotations

import itertools
import random

import pytest

from journeymap.errors import JourneymapError
from journeymap.model import Journey, Measurement, Metric, mvp, rank


def journey(*ideas: dict, audiences: dict[str, float] | None = None) -> Journey:
    steps = [{"name": name, "id": name} for name in ("open", "cart", "pay")]
    made = Journey(title="Shop", stages=[{"name": "Buy", "steps": steps}], opportunities=list(ideas))
    for step_id, value in (audiences or {}).items():
        made.step(step_id).metrics.audience = Metric(authored=1, measured=Measurement(value=value))
    return made


SCORES = {"criticality": 3, "design_ease": 3, "development_ease": 3, "audience": 3}


def test_the_seeds_sum_ranks_highest_first_and_unscored_last():
    made = journey({"title": "A", **SCORES}, {"title": "Unscored"}, {"title": "B", **SCORES, "criticality": 5})
    assert [(idea.rank, idea.opportunity.title, idea.score) for idea in rank(made)] == [(1, "B", 14.0), (2, "A", 12.0), (3, "Unscored", None)]


def test_weights_multiply_the_parts():
    made = journey({"title": "A", **SCORES, "criticality": 1}, {"title": "B", **SCORES, "design_ease": 1})
    ranked = rank(made, weights={"criticality": 3})
    assert [(idea.opportunity.title, idea.score) for idea in ranked] == [("B", 9 + 1 + 3 + 3), ("A", 3 + 3 + 3 + 3)]


def test_audience_comes_from_measured_steps_where_linked():
    made = journey({"title": "Linked", **SCORES, "steps": ["pay"]}, {"title": "Authored", **SCORES}, audiences={"open": 1000, "pay": 130})
    ranked = {idea.opportunity.title: idea for idea in rank(made)}
    assert (ranked["Linked"].audience, ranked["Linked"].measured) == (1, True)  # ceil(5 * 130 / 1000) = 1
    assert (ranked["Authored"].audience, ranked["Authored"].measured) == (3, False)
    assert ranked["Linked"].reach == 130


def test_rice_and_ice():
    made = journey(
        {"title": "A", "reach": 1000, "impact": 2, "confidence": 0.5, "effort": 2, "ease": 4},
        {"title": "B", "reach": 100, "impact": 3, "confidence": 1, "effort": 1, "ease": 8},
    )
    assert [(i.opportunity.title, i.score) for i in rank(made, "rice")] == [("A", 500.0), ("B", 300.0)]
    assert [(i.opportunity.title, i.score) for i in rank(made, "ice")] == [("B", 24.0), ("A", 4.0)]


@pytest.mark.parametrize(
    "options, message",
    [
        ({"method": "moscow"}, "unknown ranking method 'moscow'; choose one of manufactura, rice, ice"),
        ({"weights": {"speed": 2}}, "unknown weight 'speed'; weigh one of criticality, design_ease, development_ease, audience"),
    ],
)
def test_unknown_method_or_weight(options, message):
    with pytest.raises(JourneymapError) as raised:
        rank(journey(), **options)
    assert str(raised.value) == message


def test_an_idea_without_its_own_criticality_takes_the_highest_of_its_steps():
    made = journey({"title": "Own", **SCORES, "steps": ["pay"]}, {"title": "From steps", **{**SCORES, "criticality": None}, "steps": ["cart", "pay"]}, {"title": "None anywhere", **{**SCORES, "criticality": None}, "steps": ["open"]})
    made.step("cart").metrics.criticality = 2
    made.step("pay").metrics.criticality = 5
    ranked = {idea.opportunity.title: idea for idea in rank(made)}
    assert (ranked["Own"].criticality, ranked["Own"].criticality_from_steps, ranked["Own"].score) == (3, False, 12.0)
    assert (ranked["From steps"].criticality, ranked["From steps"].criticality_from_steps, ranked["From steps"].score) == (5, True, 14.0)
    assert (ranked["None anywhere"].criticality, ranked["None anywhere"].score) == (None, None)
    assert ranked["From steps"].to_dict()["criticality"] == 5


def best_plan_by_trying_every_set(ideas: list[dict], budget: float) -> tuple[float, float]:
    """The reference: the highest total score within the budget, then the least effort, over every subset."""
    plans = [(sum(seeds_sum(idea) for idea in chosen), -sum(idea["effort"] for idea in chosen)) for size in range(len(ideas) + 1) for chosen in itertools.combinations(ideas, size) if sum(idea["effort"] for idea in chosen) <= budget]
    score, effort = max(plans)
    return score, -effort


def seeds_sum(idea: dict) -> float:
    return float(idea["criticality"] + idea["design_ease"] + idea["development_ease"] + idea["audience"])


@pytest.mark.parametrize("seed", range(12))
def test_the_mvp_is_the_best_set_within_the_budget(seed):
    generator = random.Random(seed)
    ideas = [{"title": f"Idea {number}", **{part: generator.randint(1, 5) for part in SCORES}, "effort": generator.choice([0.5, 1, 1.5, 2, 3, 5, 8])} for number in range(generator.randint(1, 10))]
    budget = generator.choice([1, 2.5, 4, 6, 10])
    plan = mvp(rank(journey(*ideas)), budget)
    assert (plan.score, plan.effort) == pytest.approx(best_plan_by_trying_every_set(ideas, budget))
    assert plan.effort <= budget and plan.unweighed == []


def test_ideas_without_effort_or_score_are_listed_apart_and_a_budget_must_be_positive():
    plan = mvp(rank(journey({"title": "Costed", **SCORES, "effort": 1}, {"title": "No effort", **SCORES}, {"title": "No score", "effort": 1})), 3)
    assert [idea.opportunity.title for idea in plan.chosen] == ["Costed"]
    assert [idea.opportunity.title for idea in plan.unweighed] == ["No effort", "No score"]
    with pytest.raises(JourneymapError, match="the MVP budget must be a positive effort"):
        mvp([], 0)
