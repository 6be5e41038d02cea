"""Scenario segments: each rule kind against a brute-force reference; overlapping segments; rule errors."""

from __future__ import annotations

from datetime import timedelta

import pytest

from journeymap.analytics.discover import parse_rules, segments
from journeymap.errors import DataSourceError

from .. import reference as ref
from ..conftest import random_log
from .sequential import contains, sessions_of

RULES = """
segments:
  - {name: Repeat a, rule: {event: a, at_least: 3}}
  - {name: b then c, rule: {sequence: [b, c], within: 1d}}
  - {name: b c d, rule: {sequence: [b, c, d]}}
  - {name: ios e, rule: {all: [{where: {platform: ios}}, {event: e}]}}
  - {name: a or e, rule: {any: [{event: a}, {event: "e[platform=android]"}]}}
  - {name: a b session, rule: {sequence: [a, b], session: 30m}}
  - {name: b a c session, rule: {sequence: [b, a, c], session: 30m}}
  - {name: c c session, rule: {sequence: [c, c], session: 30m}}
  - {name: d a long session, rule: {sequence: [d, a], session: 6h}}
"""


def sequence_users(rows, names, within):
    """Users with the names in order, each strictly later, all within ``within`` of some first event."""
    found = set()
    for user, events in ref.by_user(rows).items():
        for start in (e for e in events if e.event == names[0]):
            at = start.ts
            for name in names[1:]:
                later = [e.ts for e in events if e.event == name and e.ts > at and (within is None or e.ts <= start.ts + within)]
                if not later:
                    break
                at = min(later)
            else:
                found.add(user)
    return found


def by_hand(rows):
    users = ref.by_user(rows)
    return {
        "Repeat a": {u for u, es in users.items() if sum(e.event == "a" for e in es) >= 3},
        "b then c": sequence_users(rows, ["b", "c"], timedelta(days=1)),
        "b c d": sequence_users(rows, ["b", "c", "d"], None),
        "ios e": {u for u, es in users.items() if any(e.props["platform"] == "ios" for e in es) and any(e.event == "e" for e in es)},
        "a or e": {u for u, es in users.items() if any(e.event == "a" or (e.event == "e" and e.props["platform"] == "android") for e in es)},
        **{name: in_a_session(rows, pattern, gap) for name, pattern, gap in SESSION_RULES},
    }


SESSION_RULES = [("a b session", "ab", timedelta(minutes=30)), ("b a c session", "bac", timedelta(minutes=30)),
                 ("c c session", "cc", timedelta(minutes=30)), ("d a long session", "da", timedelta(hours=6))]


def in_a_session(rows, pattern, gap):
    """Users with a session (cut at gaps over ``gap``, runs squeezed) holding the pattern in order."""
    return {user for user, cut in sessions_of(rows, gap).items() if any(contains(session, pattern) for session in cut)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_rule_kind_matches_the_reference(load, seed):
    rows = random_log(seed, users=50)
    result = segments(load(rows), parse_rules(RULES), steps=["a", "b"], days=[1])
    expected = by_hand(rows)
    total = len(ref.by_user(rows))
    assert result.total_users == total
    for segment in result.segments:
        assert (segment.name, segment.users, segment.share) == (segment.name, len(expected[segment.name]), pytest.approx(len(expected[segment.name]) / total))
    overlapping = sum(segment.users for segment in result.segments)
    assert overlapping > total  # segments overlap: shares need not sum to 1


def test_each_segment_has_its_funnel_and_retention(load):
    rows = random_log(4, users=50)
    result = segments(load(rows), parse_rules(RULES), steps=["a", "b"], days=[1])
    everyone = by_hand(rows)
    for segment in result.segments:
        members = [e for e in rows if e.user in everyone[segment.name]]
        if not members:  # an empty segment has neither
            assert (segment.users, segment.funnel, segment.retention) == (0, None, None)
            continue
        expected = ref.funnel(members, [ref.Step(("a",)), ref.Step(("b",))], timedelta(days=30))
        assert [step.users for step in segment.funnel.steps] == [step["users"] for step in expected["steps"]], segment.name
        counted = ref.retention(members, [1])
        assert segment.to_dict()["retention"] == {"1": pytest.approx(counted["retained"][1] / counted["cohort_size"])}, segment.name


@pytest.mark.parametrize(
    "text, message",
    [
        ("segments: []", "<rules>: write 'segments:' as a list of {name, rule}"),
        ("segments: [{name: A}]", "<rules>: segments[0]: each segment needs a name and a rule"),
        ("segments: [{name: A, rule: {event: a, sequence: [a, b]}}]", "<rules>: segments[0]: a rule has one of event, sequence, where, all, any"),
        ("segments: [{name: A, rule: {sequence: [a]}}]", "<rules>: segments[0]: 'sequence' takes two or more events"),
        ("segments: [{name: A, rule: {event: a, at_least: 0}}]", "<rules>: segments[0]: 'at_least' is a whole number of 1 or more"),
        ("segments: [{name: A, rule: {all: [{evnt: a}]}}]", "<rules>: segments[0].all[0]: a rule has one of event, sequence, where, all, any"),
        ("segments: [{name: A", "<rules>: not valid YAML (while parsing a flow mapping)"),
    ],
)
def test_bad_rules_are_one_line_errors(text, message):
    with pytest.raises(DataSourceError) as raised:
        parse_rules(text)
    assert str(raised.value) == message
