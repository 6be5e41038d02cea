"""analyze: a bound map measured from a log, checked against the funnel and the reference."""

from __future__ import annotations

from datetime import timedelta

import pyarrow.parquet as pq
import pytest

from journeymap.analytics import analyze, funnel, sample_path
from journeymap.errors import DataSourceError
from journeymap.files import example_path, load, save
from journeymap.model import Journey

from . import reference as ref
from .conftest import event

DAY = 86400


def journey(*bindings: dict, window: str = "7d") -> Journey:
    steps = [{"name": f"Step {index}", "binding": binding, "metrics": {"audience": 10}} for index, binding in enumerate(bindings)]
    return Journey(title="T", stages=[{"name": "S", "steps": steps}], data={"window": window})


def test_bound_steps_get_measured_metrics_beside_authored_ones(load):
    rows = [
        event("a", "open", 0, platform="ios"), event("a", "buy", 60, platform="ios"), event("a", "open", 8 * DAY, platform="ios"),
        event("b", "open", 0, platform="android"), event("b", "buy", 120, platform="android"),
        event("c", "open", 0, platform="ios"),
    ]
    measured = analyze(journey({"event": "open"}, {"event": "buy", "where": {"platform": "ios"}}), load(rows))
    first, second = (step.metrics for step in measured.steps)
    assert (first.audience.authored, first.audience.value) == (10, 3)
    assert first.conversion is None and first.conversion_from_start.value == 1
    assert (second.audience.value, second.conversion.value, second.time_seconds.value) == (1, pytest.approx(1 / 3), 60)
    assert first.retention.value == pytest.approx(1 / 3)  # a came back 8 days later
    assert second.retention.value == 1
    assert second.audience.measured.query.startswith("funnel ordered window=604800s steps=step-0 > step-1; step 2 of 2")
    assert second.audience.measured.date_to.isoformat() == "2024-01-09T00:00:00"


def test_what_a_measurement_stores_is_the_same_in_every_language():
    # the map file keeps no words of the language the analysis ran in: a Russian and an English analyst write the same file
    from journeymap.i18n import in_language

    bound = journey({"event": "app_open"}, {"event": "purchase"})
    with in_language("ru"):
        russian = analyze(bound, sample_path())
    english = analyze(bound, sample_path())
    queries = [(step.metrics.audience.measured.query, step.metrics.retention.measured.query) for measured in (russian, english) for step in measured.steps]
    assert queries[:2] == queries[2:]
    assert queries[1] == ("funnel ordered window=604800s steps=step-0 > step-1; step 2 of 2",
                          "funnel ordered window=604800s steps=step-0 > step-1; step 2 of 2; came back on day 7 or later")


def test_unbound_steps_are_left_alone_and_a_map_without_bindings_is_an_error(load):
    table = load([event("a", "open", 0)])
    plain = Journey(title="T", stages=[{"name": "S", "steps": [{"name": "Reads"}]}])
    with pytest.raises(DataSourceError, match="the map has no step with a binding"):
        analyze(plain, table)


def test_the_demo_map_on_the_sample_matches_the_funnel_and_the_reference(tmp_path):
    demo = load(example_path("app-measured-demo"))
    measured = analyze(demo, sample_path())
    events = [step.binding.event for step in demo.steps]
    result = funnel(sample_path(), events, window="7d")
    assert [step.metrics.audience.value for step in measured.steps] == [step.users for step in result.steps]
    table = pq.read_table(sample_path()).to_pylist()
    rows = [ref.Event(row["user_id"], row["event"], row["timestamp"]) for row in table]
    expected = ref.funnel(rows, [ref.Step((name,)) for name in events], timedelta(days=7))
    assert [step.metrics.audience.value for step in measured.steps] == [step["users"] for step in expected["steps"]]
    path = save(measured, tmp_path / "app.measured.yaml")
    again = load(path)
    assert again.steps[1].metrics.conversion.authored == 0.6
    assert again.steps[1].metrics.conversion.measured.value == pytest.approx(expected["steps"][1]["conversion_from_previous"])
