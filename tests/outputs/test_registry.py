"""The output models: what they accept, what they refuse, and the schemas they publish."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from journeymap.errors import JourneymapError
from journeymap.outputs import OUTPUTS, checked, output_model, output_schema

RETENTION = {"cohort_size": 10, "retention": {"1": 0.5, "7": None}, "retained": {"1": 5, "7": 0}, "unbounded": False, "weekly_cohorts": [{"cohort": "2025-09-01", "size": 10, "weeks": [1.0, None]}]}
PERIODS = {"interval": "week", "days": [1, 7], "periods": [{"period": "2025-09-01", "users": 10, "day_1": 0.5, "day_7": None}]}


def test_checked_returns_the_very_data_it_was_given():
    assert checked("retention", RETENTION) is RETENTION


@pytest.mark.parametrize("shape", [RETENTION, PERIODS, {"Readers": RETENTION, "Buyers": RETENTION}])
def test_each_shape_of_a_command_passes_the_model_and_the_schema(shape):
    checked("retention", shape)
    assert list(Draft202012Validator(output_schema("retention")).iter_errors(shape)) == []


@pytest.mark.parametrize(
    "wrong",
    [
        {**RETENTION, "cohort": 10},
        {key: value for key, value in RETENTION.items() if key != "unbounded"},
        {**PERIODS, "periods": [{"period": "2025-09-01", "users": 10, "day_1": "half"}]},
        {"Readers": PERIODS},
    ],
    ids=["extra key", "missing key", "day_N not a number", "a segment's retention by period"],
)
def test_a_mismatch_is_refused_by_the_model_and_by_the_schema(wrong):
    with pytest.raises(ValueError, match="^retention --json does not match its schema"):
        checked("retention", wrong)
    assert list(Draft202012Validator(output_schema("retention")).iter_errors(wrong)) != []


def test_a_barrier_pair_keeps_its_from_key():
    schema = output_schema("barriers")
    assert {"from", "to"} <= set(schema["$defs"]["Pair"]["properties"])


@pytest.mark.parametrize(("name", "message"), [(None, "--output needs a command's name: "), ("funnels", "--output 'funnels': choose one of ")])
def test_an_unknown_name_is_a_user_error_listing_the_names(name, message):
    with pytest.raises(JourneymapError) as raised:
        output_model(name)
    assert raised.value.message == message + ", ".join(OUTPUTS)


def test_names_are_sorted_and_each_schema_has_its_title_on_top():
    assert list(OUTPUTS) == sorted(OUTPUTS)
    assert {name: output_schema(name)["title"] for name in ("funnel", "voice-evaluate")} == {"funnel": "Funnel", "voice-evaluate": "Evaluation"}


def enum_of(name: str, model: str, field: str) -> set[str]:
    definition = output_schema(name)["$defs"].get(model) or output_schema(name)
    return set(definition["properties"][field]["enum"])


def test_the_enumerated_values_are_the_codes_own():
    from journeymap.analytics.discover.abtest import CORRECTIONS
    from journeymap.analytics.discover.clusters import METHODS as CLUSTER_METHODS
    from journeymap.analytics.funnel import MODES
    from journeymap.analytics.intervals import INTERVALS
    from journeymap.analytics.paths import DIRECTIONS
    from journeymap.model.ranking import METHODS as RANKING_METHODS
    from journeymap.voice.types import LABELS

    assert enum_of("funnel", "Funnel", "mode") == set(MODES)
    assert enum_of("retention", "PeriodRetention", "interval") == set(INTERVALS)
    assert enum_of("paths", "Paths", "direction") == set(DIRECTIONS)
    assert enum_of("abtest", "ABTest", "correction") == set(CORRECTIONS)
    assert enum_of("segments", "Clusters", "method") == set(CLUSTER_METHODS)
    assert enum_of("prioritize", "Ranking", "method") == set(RANKING_METHODS)
    assert enum_of("voice-analyze", "Quote", "sentiment") == set(LABELS)
