"""A segment's log and its aha moment: the planted aha found in each segment, the counts of the segment's users only."""

from __future__ import annotations

from datetime import timedelta

from journeymap.analytics.discover import aha_by_segment, in_segment, parse_rule, parse_rules

from .planted import aha_reference, planted_log

RULES = "segments: [{name: A, rule: {where: {variant: A}}}, {name: Browsers, rule: {event: browse}}]"


def test_each_segment_finds_the_planted_aha(load):
    rows = planted_log()
    found = aha_by_segment(load(rows), parse_rules(RULES), retention_day=7, within="1d")
    assert list(found) == ["A", "Browsers"]
    assert all(result.aha_moment().event == "bookmark" for result in found.values())
    browsers = {e.user for e in rows if e.event == "browse"}
    cohort, retained, counts = aha_reference([e for e in rows if e.user in browsers], day=7, within=timedelta(days=1))
    assert (found["Browsers"].cohort_size, found["Browsers"].retained) == (cohort, retained)
    assert found["Browsers"].aha_moment().table.did == counts["bookmark"][0]


def test_a_segment_keeps_all_events_of_its_users(load):
    rows = planted_log(users=300)
    kept = in_segment(load(rows), parse_rule({"event": "pay"})).table.execute()
    payers = {e.user for e in rows if e.event == "pay"}
    assert len(kept) == sum(e.user in payers for e in rows) and set(kept.user_id) == payers
