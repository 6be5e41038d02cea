"""Segments discovered from action sequences: planted ones found with their shares, counts against brute force, a null log."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from journeymap.analytics.discover import parse_rule, parse_rules, segments
from journeymap.analytics.discover.sequences import check_pattern, containing, discover_segments, frequent_patterns, sessions
from journeymap.errors import DataSourceError

from ..conftest import random_log
from .sequential import PLANTED, null_log, sequential_log, users_doing


def test_every_planted_segment_is_found_with_its_share(load):
    rows = sequential_log()
    found = discover_segments(load(rows), min_support=0.05)
    sequences = {segment.sequence: segment for segment in found.segments}
    assert set(sequences) == set(PLANTED)
    for sequence, share in PLANTED.items():
        assert abs(sequences[sequence].share - share) <= 0.01
        assert sequences[sequence].users == users_doing(rows, sequence)


def test_a_null_log_has_no_segment(load):
    found = discover_segments(load(null_log()), min_support=0.05)
    assert found.frequent > 10  # frequent, but their order means nothing
    assert found.segments == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pattern_counts_match_brute_force(load, seed):
    rows = random_log(seed, users=30, names="abc", span_days=1)
    actions = sessions(load(rows), 1800)
    frequent = frequent_patterns(actions, 3, longest=4)
    everything = [p for n in range(1, 5) for p in itertools.product("abc", repeat=n)]
    expected = {p: users_doing(rows, p) for p in everything}
    squeezed = {p for p in everything if all(x != y for x, y in itertools.pairwise(p))}
    assert {p: n for p, n in frequent.items()} == {p: n for p, n in expected.items() if n >= 3 and p in squeezed}
    wanted = [p for p in everything if len(p) > 1]
    counted = containing(actions, wanted).group_by("pattern").aggregate(n=lambda t: t.count()).execute()
    assert {tuple(k.split("\x1f")): int(n) for k, n in zip(counted.pattern, counted.n)} == {p: expected[p] for p in wanted if expected[p]}


@pytest.mark.parametrize("seed", [4, 5])
def test_a_session_rule_matches_brute_force(load, seed):
    """A rule's sessions are cut on every event but matched on its own actions only: ties, repeats and runs as brute force counts them."""
    rows = random_log(seed, users=40, names="abcd", span_days=1)
    table = load(rows)
    patterns = [p for n in (2, 3) for p in itertools.product("abc", repeat=n)]
    for pattern in patterns:
        users = parse_rule({"sequence": list(pattern), "session": "30m"}).users(table).execute()
        assert len(users) == users_doing(rows, pattern), pattern
    assert {p: check_pattern(table, p).users for p in [("a", "b"), ("c", "a", "b")]} == {p: users_doing(rows, p) for p in [("a", "b"), ("c", "a", "b")]}


def test_check_measures_a_hypothesis(load):
    rows = sequential_log()
    assert check_pattern(load(rows), ["search", "view", "buy"]).users == users_doing(rows, ("search", "view", "buy"))
    unlikely = check_pattern(load(rows), ["buy", "view", "search"])
    assert unlikely.users == users_doing(rows, ("buy", "view", "search")) and unlikely.share < 0.01


def test_the_session_gap_counts(load):
    rows = sequential_log(users=300)
    gap = timedelta(minutes=1)
    assert check_pattern(load(rows), ["open", "look"], gap="1m").users == users_doing(rows, ("open", "look"), gap)


def test_segments_read_back_as_rules(load, tmp_path):
    found = discover_segments(load(sequential_log(users=500)), min_support=0.05, names={"read": "Reads an article"})
    rules = parse_rules(found.rules_yaml())
    assert list(rules) == [segment.name for segment in found.segments]
    assert "Reads an article, then share" in rules
    measured = segments(load(sequential_log(users=500)), rules)
    assert {s.name: s.users for s in measured.segments} == {s.name: s.users for s in found.segments}


def test_bad_support_is_one_line():
    with pytest.raises(DataSourceError, match="between 0 and 1"):
        discover_segments("events.csv", min_support=2)


def test_a_large_log_is_measured_on_a_sample(load, monkeypatch):
    from journeymap.analytics.discover import sequences

    monkeypatch.setattr(sequences, "SAMPLE_USERS", 1500)
    rows = sequential_log(users=6000)
    found = discover_segments(load(rows), min_support=0.05)
    assert 1200 < found.sampled_users < 1800 and found.total_users == 6000
    shares = {segment.sequence: segment.share for segment in found.segments}
    assert set(shares) == set(PLANTED)
    for sequence, share in shares.items():
        assert abs(share - users_doing(rows, sequence) / 6000) <= 0.03  # a sample of 1,500: within 2.5 standard errors
