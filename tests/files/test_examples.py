"""The bundled example maps: each loads, follows the JSON Schema, round-trips and holds the seeds' facts."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from journeymap.files import dumps, example_names, example_path, json_schema, load, loads
from journeymap.model import STAGE_SETS, BuyerRole, Journey, MomentOfTruth, PersonaSource

EXAMPLES = example_names()
ISSUE_EXAMPLES = {"b2b-equipment", "childrens-shop", "childrens-shop-ru", "dcj-fashion", "mobile-app", "service-blueprint"}

# Seed 004's children's shop, step by step, as the article lists them.
SHOP_STEPS = [
    "Sees the product on another child",
    "Asks friends or searches online",
    "Forgets about the product",
    "Sees the product again",
    "Looks for where to buy",
    "Lands on the site",
    "Finds the product card",
    "Reads the characteristics",
    "Compares with competitors",
    "Comes back to the site",
    "Leaves a request",
    "Gets the manager's call",
    "Pays for the order",
    "Waits for delivery",
    "Uses the product",
    "Tells friends",
    "Buys again",
]


@pytest.fixture(scope="module")
def maps() -> dict[str, Journey]:
    return {name: load(example_path(name)) for name in example_names()}


def test_the_bundled_examples_include_the_six_of_the_issue() -> None:
    assert set(EXAMPLES) >= ISSUE_EXAMPLES


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_file_as_written_follows_the_json_schema(name: str) -> None:
    document = YAML(typ="safe").load(example_path(name).read_text(encoding="utf-8"))
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in Draft202012Validator(json_schema()).iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_saved_json_follows_the_json_schema(name: str, maps: dict[str, Journey]) -> None:
    document = json.loads(dumps(maps[name], format="json"))
    assert list(Draft202012Validator(json_schema()).iter_errors(document)) == []


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("format", ["yaml", "json"])
def test_round_trip(name: str, format: str, maps: dict[str, Journey]) -> None:
    assert loads(dumps(maps[name], format=format), format=format) == maps[name]


@pytest.mark.parametrize("name", EXAMPLES)
def test_saving_keeps_the_comments_for_new_users(name: str, maps: dict[str, Journey]) -> None:
    comments = [line.strip() for line in example_path(name).read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    saved = dumps(maps[name])
    assert len(comments) >= 5
    assert all(comment in saved for comment in comments)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_opportunity_has_the_four_scores_and_steps(name: str, maps: dict[str, Journey]) -> None:
    journey = maps[name]
    assert journey.opportunities
    for opportunity in journey.opportunities:
        parts = [opportunity.criticality, opportunity.design_ease, opportunity.development_ease, opportunity.audience]
        assert opportunity.manufactura_score == sum(parts)
        assert opportunity.steps


def test_childrens_shop_has_the_seventeen_steps_of_the_article(maps: dict[str, Journey]) -> None:
    journey = maps["childrens-shop"]
    assert [step.name for step in journey.steps] == SHOP_STEPS
    assert [stage.key for stage in journey.stages] == STAGE_SETS["decision"].keys
    assert journey.language == "en"


def test_childrens_shop_has_every_lane_the_article_gives(maps: dict[str, Journey]) -> None:
    journey = maps["childrens-shop"]
    described = [step for step in journey.steps if step.name != "Lands on the site"]
    assert all(step.emotion.actual is not None and step.emotion.desired is not None for step in journey.steps)
    assert all(step.emotion.label and step.ideas and step.touchpoints for step in described)
    assert sum(bool(step.sees) for step in journey.steps) == 16
    assert journey.personas and journey.insights
    assert {moment for step in journey.steps for moment in step.moments_of_truth} == set(MomentOfTruth)


def test_childrens_shop_curve_dips_at_the_product_card(maps: dict[str, Journey]) -> None:
    curve = maps["childrens-shop"].emotion_curve()
    lowest = min(curve, key=lambda point: point[1])
    assert lowest[0] == "finds-the-product-card"
    assert [point[1] for point in curve][-2:] == [1, 2]


def test_the_russian_shop_is_the_same_map_in_russian(maps: dict[str, Journey]) -> None:
    english, russian = maps["childrens-shop"], maps["childrens-shop-ru"]
    assert russian.language == "ru"
    assert len(russian.steps) == 17
    assert [stage.key for stage in russian.stages] == [stage.key for stage in english.stages]
    assert russian.emotion_curve() != english.emotion_curve()
    assert [point[1:] for point in russian.emotion_curve()] == [point[1:] for point in english.emotion_curve()]
    assert [o.manufactura_score for o in russian.opportunities] == [o.manufactura_score for o in english.opportunities]
    assert russian.steps[0].id == "видит-товар-на-другом-ребёнке"


def test_mobile_app_binds_every_step_and_fills_every_metric(maps: dict[str, Journey]) -> None:
    journey = maps["mobile-app"]
    assert journey.kind.value == "ujm"
    for step in journey.steps:
        assert step.binding is not None and step.binding.events, step.id
        metrics = step.metrics
        assert metrics.success_criterion, step.id
        assert None not in (metrics.audience, metrics.conversion, metrics.retention, metrics.time_seconds, metrics.criticality), step.id
        assert step.barriers and step.ideas, step.id
    events = [event for step in journey.steps for event in step.binding.events]
    assert {"app_open", "search", "view_item", "purchase"} <= set(events)


def test_mobile_app_conversion_follows_the_audience(maps: dict[str, Journey]) -> None:
    steps = maps["mobile-app"].steps
    audiences = [step.metrics.audience.value for step in steps]
    assert audiences == sorted(audiences, reverse=True)
    assert steps[0].metrics.conversion.value == 1
    for previous, step in zip(audiences, steps[1:]):
        assert step.metrics.conversion.value == pytest.approx(step.metrics.audience.value / previous, abs=0.01), step.id


def test_mobile_app_segments_come_from_data(maps: dict[str, Journey]) -> None:
    journey = maps["mobile-app"]
    segments = {persona.name: persona.share for persona in journey.personas if persona.source is PersonaSource.data}
    assert segments == {"Reader": 0.69, "Navigator": 0.58, "Party-goer": 0.50}
    assert all(persona.segment_rule and persona.aha_moments for persona in journey.personas if persona.source is PersonaSource.data)
    assert any(persona.source is PersonaSource.research for persona in journey.personas)


def test_mobile_app_ideas_rank_search_first(maps: dict[str, Journey]) -> None:
    ranked = sorted(maps["mobile-app"].opportunities, key=lambda o: -(o.criticality + o.design_ease + o.development_ease + o.audience))
    assert ranked[0].title == "Search bar on the first screen"
    assert ranked[0].manufactura_score == 19


def test_b2b_has_the_five_buyer_roles(maps: dict[str, Journey]) -> None:
    journey = maps["b2b-equipment"]
    assert {persona.role for persona in journey.personas} == set(BuyerRole)
    assert all(persona.steps for persona in journey.personas)
    differing = {key for step in journey.steps for key in step.by_persona}
    assert len(differing) >= 4
    curves = {persona.id: journey.emotion_curve(persona.id) for persona in journey.personas}
    assert curves["procurement"] != curves["operator"]


def test_service_blueprint_has_lanes_on_every_step_and_owners(maps: dict[str, Journey]) -> None:
    journey = maps["service-blueprint"]
    assert journey.kind.value == "service_blueprint"
    assert all(stage.owner for stage in journey.stages)
    for step in journey.steps:
        assert step.blueprint is not None, step.id
        assert step.blueprint.physical_evidence and step.blueprint.backstage and step.blueprint.support, step.id


def test_dcj_has_the_four_moments_and_the_influence_loop(maps: dict[str, Journey]) -> None:
    journey = maps["dcj-fashion"]
    assert (journey.kind.value, journey.stage_set, journey.cyclical) == ("dcj", "dcj", True)
    assert [stage.key for stage in journey.stages] == STAGE_SETS["dcj"].keys
    assert {moment for step in journey.steps for moment in step.moments_of_truth} == set(MomentOfTruth)
    stage_of = {step.id: stage.key for stage, step in journey.iter_steps()}
    loops = [(stage_of[link.source], stage_of[link.target]) for link in journey.links if link.kind.value == "loop"]
    assert loops == [("advocacy", "trigger")]
