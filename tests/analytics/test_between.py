"""Paths between two steps: against a brute-force reference on random logs, and a planted drop-off path found first."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest

from journeymap.analytics import paths_between
from journeymap.errors import DataSourceError

from .conftest import BASE, random_log
from .reference import Event, by_user


def reference(rows, first, then, window, depth):
    """Per group (converted or not), users per path, by brute force over each user's ordered events."""
    groups = {True: Counter(), False: Counter()}
    for events in by_user(rows).values():
        ordered = [e for _n, e in sorted(enumerate(events), key=lambda pair: (pair[1].ts, pair[0]))]
        starts = [n for n, e in enumerate(ordered) if e.event == first]
        if not starts:
            continue
        start = starts[0]
        after = [e for e in ordered[start + 1:] if e.ts - ordered[start].ts <= window]
        ends = [n for n, e in enumerate(after) if e.event == then]
        inside = after[: ends[0]] if ends else after
        names = tuple(e.event for e in inside[:depth]) + (("…",) if len(inside) > depth else ())
        groups[bool(ends)][names or (("(directly)",) if ends else ("(nothing after)",))] += 1
    return groups


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_paths_match_the_reference(load, seed):
    rows = random_log(seed, users=50, span_days=5)
    result = paths_between(load(rows), "a", "b", window="2d", depth=2, top=100)
    expected = reference(rows, "a", "b", timedelta(days=2), 2)
    assert {tuple(p["events"]): p["users"] for p in result.converted_paths} == dict(expected[True])
    assert {tuple(p["events"]): p["users"] for p in result.dropped_paths} == dict(expected[False])
    assert (result.converted, result.dropped) == (sum(expected[True].values()), sum(expected[False].values()))


def planted(users=1000, seed=4):
    """``cart`` then ``pay``: 40 % pay after ``coupon``; of those who drop off, 60 % open ``help`` then ``error``."""
    rng = random.Random(seed)
    rows = []
    for number in range(users):
        at = BASE + timedelta(days=rng.uniform(0, 10))
        names = ["cart"]
        if rng.random() < 0.4:
            names += ["coupon", "pay"]
        elif rng.random() < 0.6:
            names += ["help", "error"]
        else:
            names += rng.choices(["look", "tap", "scroll"], k=rng.randint(0, 2))
        for k, name in enumerate(names):
            rows.append(Event(f"u{number}", name, at + timedelta(minutes=k)))
    return rows


def test_the_planted_drop_off_path_comes_first(load):
    result = paths_between(load(planted()), "cart", "pay", window="1d")
    assert result.dropped_paths[0]["events"] == ["help", "error"]
    assert result.dropped_paths[0]["share"] == pytest.approx(0.6, abs=0.05)
    assert result.converted_paths[0] == {"events": ["coupon"], "users": result.converted, "share": 1.0}
    assert result.rows()[0]["group"] == "dropped"


def test_depth_is_checked():
    with pytest.raises(DataSourceError, match="choose 1 to 20"):
        paths_between("events.csv", "a", "b", depth=0)
