"""A segment's log and its aha moment: the planted aha found in each segment, the counts of the segment's users only."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from journeymap.analytics.discover import AhaSettings, aha, aha_by_segment, in_segment, parse_rule, parse_rules

from ..conftest import random_log
from ..reference import Event
from .planted import BASE, aha_reference, planted_log

RULES = "segments: [{name: A, rule: {where: {variant: A}}}, {name: Browsers, rule: {event: browse}}]"
MIXED = """
segments:
  - {name: a b session, rule: {sequence: [a, b], session: 30m}}
  - {name: c a session, rule: {sequence: [c, a], session: 30m}}
  - {name: d e long session, rule: {sequence: [d, e], session: 6h}}
  - {name: ios, rule: {where: {platform: ios}}}
  - {name: nobody, rule: {event: z}}
"""


def test_each_segment_finds_the_planted_aha(load):
    rows = planted_log()
    found = aha_by_segment(load(rows), parse_rules(RULES), AhaSettings(retention_day=7, within="1d"))
    assert list(found) == ["A", "Browsers"]
    assert all(result.aha_moment().event == "bookmark" for result in found.values())
    browsers = {e.user for e in rows if e.event == "browse"}
    cohort, retained, counts = aha_reference([e for e in rows if e.user in browsers], day=7, within=timedelta(days=1))
    assert (found["Browsers"].cohort_size, found["Browsers"].retained) == (cohort, retained)
    assert found["Browsers"].aha_moment().table.did == counts["bookmark"][0]


@pytest.mark.parametrize("seed", [1, 2])
def test_every_segment_counted_at_once_is_aha_on_its_own_log(load, seed):
    rules = parse_rules(MIXED)
    table = load(random_log(seed, users=80, span_days=12))
    found = aha_by_segment(table, rules, AhaSettings(retention_day=2, within="1d", min_users=1, from_event="b"))
    assert list(found) == list(rules)
    for name, rule in rules.items():
        alone = aha(in_segment(table, rule), AhaSettings(retention_day=2, within="1d", min_users=1, from_event="b"))
        assert found[name] == alone, name


def test_a_segment_keeps_all_events_of_its_users(load):
    rows = planted_log(users=300)
    kept = in_segment(load(rows), parse_rule({"event": "pay"})).table.execute()
    payers = {e.user for e in rows if e.event == "pay"}
    assert len(kept) == sum(e.user in payers for e in rows) and set(kept.user_id) == payers


def two_segments(users=4000, seed=11, planted=True):
    """Readers (``open`` then ``read``) and navigators (``open`` then ``route``), half each; every user may ``follow`` and ``save`` on day 0.

    Planted: ``follow`` lifts readers' day-7 retention (0.6 against 0.15) and ``save`` lifts navigators'; neither
    does anything in the other segment. Without ``planted`` everyone comes back with the same chance.
    """
    rng = random.Random(seed)
    rows = []
    for number in range(users):
        user, reader = f"u{number:05d}", number % 2 == 0
        start = BASE + timedelta(days=rng.uniform(0, 30))
        followed, saved = rng.random() < 0.3, rng.random() < 0.3
        names = ["open", "read" if reader else "route", *(["follow"] if followed else []), *(["save"] if saved else [])]
        rows += [Event(user, name, start + timedelta(minutes=k)) for k, name in enumerate(names)]
        lifted = (followed if reader else saved) if planted else False
        if rng.random() < (0.6 if lifted else 0.15 if planted else 0.3):
            rows.append(Event(user, "open", start + timedelta(days=7, hours=rng.uniform(0, 20))))
    return rows


SEQUENCES = """
segments:
  - {name: Readers, rule: {sequence: [open, read], session: 30m}}
  - {name: Navigators, rule: {sequence: [open, route], session: 30m}}
"""


def test_each_segment_finds_its_own_planted_aha(load):
    rows = two_segments()
    found = aha_by_segment(load(rows), parse_rules(SEQUENCES), AhaSettings(retention_day=7, within="1d"))
    assert {name: result.aha_moment().event for name, result in found.items()} == {"Readers": "follow", "Navigators": "save"}
    for name, other in (("Readers", "save"), ("Navigators", "follow")):
        assert next(c for c in found[name].candidates if c.event == other).q_value > 0.05  # the other segment's aha does nothing here
    readers = {e.user for e in rows if e.event == "read"}
    cohort, retained, counts = aha_reference([e for e in rows if e.user in readers], day=7, within=timedelta(days=1))
    assert (found["Readers"].cohort_size, found["Readers"].retained) == (cohort, retained) == (2000, retained)
    assert found["Readers"].aha_moment().table.did == counts["follow"][0]


def test_a_null_log_has_no_aha_in_any_segment(load):
    found = aha_by_segment(load(two_segments(planted=False)), parse_rules(SEQUENCES), AhaSettings(retention_day=7, within="1d"))
    assert all(result.aha_moment() is None and all(c.q_value > 0.05 for c in result.candidates) for result in found.values())
