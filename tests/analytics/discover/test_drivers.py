"""Conversion drivers: counts against brute force, a planted event and property driver found, nothing on a null log."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from journeymap.analytics.discover import Table2x2, drivers

from ..conftest import BASE, random_log
from ..reference import Event, by_user


def reference(rows, first, then, window):
    """Cohort, converted, and per event (users who did it in between, of them converted), by brute force."""
    cohort, converted, counts = 0, 0, {}
    for events in by_user(rows).values():
        ordered = [e for _n, e in sorted(enumerate(events), key=lambda pair: (pair[1].ts, pair[0]))]
        starts = [n for n, e in enumerate(ordered) if e.event == first]
        if not starts:
            continue
        cohort += 1
        after = [e for e in ordered[starts[0] + 1:] if e.ts - ordered[starts[0]].ts <= window]
        ends = [n for n, e in enumerate(after) if e.event == then]
        converted += bool(ends)
        for name in {e.event for e in (after[: ends[0]] if ends else after)} - {first, then}:
            did, yes = counts.get(name, (0, 0))
            counts[name] = (did + 1, yes + bool(ends))
    return cohort, converted, counts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tables_match_the_reference(load, seed):
    rows = random_log(seed, users=60, span_days=4)
    result = drivers(load(rows), "a", "b", window="2d", min_users=1, properties=False)
    cohort, converted, counts = reference(rows, "a", "b", timedelta(days=2))
    assert (result.cohort, result.converted) == (cohort, converted)
    expected = {name: Table2x2(yes, did - yes, converted - yes, cohort - did - (converted - yes)) for name, (did, yes) in counts.items()}
    assert {d.name: d.table for d in result.drivers} == {name: table for name, table in expected.items() if table.did and table.did_not}
    assert [abs(d.table.phi) for d in result.drivers] == sorted((abs(d.table.phi) for d in result.drivers), reverse=True)


def property_reference(rows, first, then, window):
    """Per ``column = value`` on each user's first ``first``: (users with it, of them converted), by brute force."""
    counts = {}
    for events in by_user(rows).values():
        ordered = [e for _n, e in sorted(enumerate(events), key=lambda pair: (pair[1].ts, pair[0]))]
        starts = [n for n, e in enumerate(ordered) if e.event == first]
        if not starts:
            continue
        entry = ordered[starts[0]]
        converted = any(e.event == then and e.ts - entry.ts <= window for e in ordered[starts[0] + 1:])
        for column, value in entry.props.items():
            did, yes = counts.get(f"{column} = {value}", (0, 0))
            counts[f"{column} = {value}"] = (did + 1, yes + converted)
    return counts


@pytest.mark.parametrize("seed", [4, 5])
def test_entry_properties_match_the_reference(load, seed):
    rows = random_log(seed, users=60, span_days=4)
    for number, row in enumerate(rows):  # a property that changes between a user's events: the entry's value counts
        row.props["screen"] = f"s{number % 3}"
    result = drivers(load(rows), "a", "b", window="2d", min_users=1)
    cohort, converted, _counts = reference(rows, "a", "b", timedelta(days=2))
    found = {d.name: d.table for d in result.drivers if d.kind == "property"}
    expected = {name: Table2x2(yes, did - yes, converted - yes, cohort - did - (converted - yes)) for name, (did, yes) in property_reference(rows, "a", "b", timedelta(days=2)).items()}
    assert found == {name: table for name, table in expected.items() if table.did and table.did_not}
    assert {name.split(" = ")[0] for name in found} == {"platform", "screen"}


def shop(users=3000, seed=8, planted=True):
    """``cart`` then maybe ``pay``; with ``planted``, ``coupon`` (40 % of users) and ``channel = ads`` lift paying. ``look`` is noise."""
    rng = random.Random(seed)
    rows = []
    for number in range(users):
        props = {"channel": rng.choice(["ads", "organic"]), "platform": rng.choice(["ios", "android"])}
        coupon, looked = rng.random() < 0.4, rng.random() < 0.5
        chance = 0.3 + (0.3 * coupon + 0.15 * (props["channel"] == "ads") if planted else 0)
        names = ["cart", *(["coupon"] if coupon else []), *(["look"] if looked else []), *(["pay"] if rng.random() < chance else [])]
        at = BASE + timedelta(days=rng.uniform(0, 10))
        rows += [Event(f"u{number}", name, at + timedelta(minutes=k), props) for k, name in enumerate(names)]
    return rows


def test_the_planted_drivers_are_found_and_nothing_else(load):
    result = drivers(load(shop()), "cart", "pay", window="1d")
    assert [d.name for d in result.significant()] == ["coupon", "channel = ads", "channel = organic"]
    top = result.drivers[0]
    assert top.table.rate_did == pytest.approx(0.6 + 0.075, abs=0.04) and top.table.odds_ratio > 2


def test_a_null_log_has_no_driver(load):
    result = drivers(load(shop(planted=False)), "cart", "pay", window="1d")
    assert len(result.drivers) == 6 and result.significant() == []
