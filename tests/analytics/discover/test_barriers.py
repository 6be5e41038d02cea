"""Barriers: the planted low step found and marked on the map, figures from the funnel reference."""

from __future__ import annotations

import statistics
from datetime import timedelta

import pytest

from journeymap.analytics.discover import (
    barriers,
    journey_barriers,
    mark_barriers,
    two_proportions,
)
from journeymap.errors import DataSourceError
from journeymap.model import EvidenceKind, Journey

from .. import reference as ref
from .planted import FUNNEL, planted_log


@pytest.fixture(scope="module")
def rows():
    return planted_log()


def test_pairs_match_the_funnel_reference(load, rows):
    result = barriers(load(rows), FUNNEL, window="1d")
    expected = ref.funnel(rows, [ref.Step((name,)) for name in FUNNEL], timedelta(days=1))
    users = [step["users"] for step in expected["steps"]]
    by_pair = {(pair.source, pair.target): pair for pair in result.pairs}
    for k in range(len(FUNNEL) - 1):
        pair = by_pair[(FUNNEL[k], FUNNEL[k + 1])]
        assert (pair.entered, pair.converted, pair.users_lost) == (users[k], users[k + 1], users[k] - users[k + 1])
        assert pair.median_seconds == expected["steps"][k + 1]["median_seconds_from_previous"]
        others = [expected["steps"][i + 1]["median_seconds_from_previous"] for i in range(len(FUNNEL) - 1) if i != k]
        assert pair.others_median_seconds == pytest.approx(statistics.median(others))
        rest = [(users[i + 1], users[i]) for i in range(len(FUNNEL) - 1) if i != k]
        pooled = (sum(c for c, _n in rest), sum(n for _c, n in rest))
        assert pair.p_value_vs_others == pytest.approx(two_proportions(pooled, (users[k + 1], users[k]))[0])
    lost = [pair.users_lost for pair in result.pairs]
    assert lost == sorted(lost, reverse=True)


def test_the_planted_low_step_is_the_only_barrier(load, rows):
    result = barriers(load(rows), FUNNEL, window="1d")
    assert [(pair.source, pair.target) for pair in result.found] == [("cart", "form")]
    assert result.to_dict()["barriers"][0]["from"] == "cart"


def test_below_marks_more(load, rows):
    result = barriers(load(rows), FUNNEL, window="1d", below=0.75)
    assert sorted((pair.source, pair.target) for pair in result.found) == [("browse", "cart"), ("cart", "form")]


def test_a_previous_period_is_compared(load, rows):
    table = load(rows)
    same = barriers(table, FUNNEL, window="1d", previous=table)
    assert all(pair.previous_conversion == pair.conversion and pair.p_value_vs_previous == pytest.approx(1) for pair in same.pairs)


def test_barriers_are_marked_on_the_map_once(load, rows):
    steps = [{"name": name.title(), "id": name, "binding": {"event": name}} for name in FUNNEL]
    journey = Journey(title="Shop", stages=[{"name": "All", "steps": steps}], data={"window": "1d"})
    result = journey_barriers(journey, load(rows))
    marked = mark_barriers(mark_barriers(journey, result), result)
    form = marked.step("form")
    assert len(form.barriers) == 1 and form.barriers[0] == f"Only {result.found[0].conversion:.0%} go on from Cart ({result.found[0].users_lost:,} users lost; other steps {result.found[0].others_conversion:.0%})"
    assert form.evidence[0].kind == EvidenceKind.analytics and form.evidence[0].proposed
    assert [step.id for step in marked.steps if step.barriers] == ["form"]
    assert journey.step("form").barriers == []  # the map given is left as it was


def test_one_step_is_an_error(load, rows):
    with pytest.raises(DataSourceError) as raised:
        barriers(load(rows), ["open"])
    assert str(raised.value) == "barriers need at least two steps: name them with --step, or bind two steps of the map"


def test_a_new_run_replaces_what_an_old_run_proposed_but_keeps_what_a_person_confirmed(load, rows):
    steps = [{"name": name.title(), "id": name, "binding": {"event": name}} for name in FUNNEL]
    journey = Journey(title="Shop", stages=[{"name": "All", "steps": steps}], data={"window": "1d"})
    old = journey.model_copy(deep=True)
    old.step("form").barriers = ["Only 1% go on from Cart (an older run)", "The form asks for a fax number"]
    old.step("form").evidence = [
        {"kind": "analytics", "text": "Only 1% go on from Cart (an older run)", "source": "barriers analysis", "proposed": True},
        {"kind": "analytics", "text": "Confirmed by the team", "source": "barriers analysis", "proposed": False},
    ]
    result = journey_barriers(journey, load(rows))
    form = mark_barriers(old, result).step("form")
    assert form.barriers[0] == "The form asks for a fax number" and len(form.barriers) == 2
    assert not any("older run" in text for text in form.barriers)
    assert [item.text for item in form.evidence][0] == "Confirmed by the team"


def _funnel_log(counts: list[int]):
    """Users who reach step k of a, b, c, d: counts[k] of them (a prefix of the steps each)."""
    import ibis

    rows = {"user_id": [], "event": [], "timestamp": []}
    for user in range(counts[0]):
        for k, name in enumerate("abcd"):
            if user >= counts[k]:
                break
            rows["user_id"].append(f"u{user}")
            rows["event"].append(name)
            rows["timestamp"].append(f"2024-01-01 00:0{k}:00")
    return ibis.memtable(rows).cast({"timestamp": "timestamp"})


def test_a_planted_barrier_is_found_ranked_by_users_lost_beyond_typical_and_a_null_log_has_none():
    from journeymap.analytics.discover import barriers

    # a → b loses the most users (2000) at an ordinary 80%; c → d converts half as well as the rest
    planted = barriers(_funnel_log([10_000, 8_000, 6_400, 2_560]), ["a", "b", "c", "d"], window="1d")
    assert [(pair.source, pair.barrier) for pair in planted.pairs] == [("c", True), ("a", False), ("b", False)]
    worst = planted.pairs[0]
    assert (worst.typical_conversion, worst.conversion, round(worst.excess_users_lost)) == (0.8, 0.4, 2560)
    assert worst.to_dict()["excess_users_lost"] == 2560.0
    null = barriers(_funnel_log([10_000, 8_000, 6_400, 5_120]), ["a", "b", "c", "d"], window="1d")
    assert [pair.barrier for pair in null.pairs] == [False, False, False]
    # significant but not material: 76% against 80% on many users is no barrier
    slight = barriers(_funnel_log([100_000, 80_000, 64_000, 48_640]), ["a", "b", "c", "d"], window="1d")
    assert slight.found == [] and slight.pairs[0].q_value_vs_others < 0.05
