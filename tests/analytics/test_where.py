"""``--where`` filters: parsed here, run as Ibis on every engine, checked against filtering the rows in Python."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from journeymap.analytics import EventLog, filtered, funnel, parse_condition
from journeymap.errors import DataSourceError

from .conftest import BASE, event


def shop_log(seed: int = 3) -> list:
    """Events with a platform (sometimes missing) and a country."""
    rng = random.Random(seed)
    return [
        event(f"u{number % 30}", rng.choice(["open", "search", "buy"]), rng.randint(0, 10 * 86400),
              **{"platform": rng.choice(["ios", "android", None]), "country": rng.choice(["KZ", "UZ", "LT"])})
        for number in range(400)
    ]


CASES = [
    (["platform = ios"], lambda e: e.props["platform"] == "ios"),
    (["platform != ios"], lambda e: e.props["platform"] != "ios"),
    (["platform ="], lambda e: e.props["platform"] is None),
    (["country in KZ, 'UZ'"], lambda e: e.props["country"] in ("KZ", "UZ")),
    (["platform = android", "country IN LT"], lambda e: e.props["platform"] == "android" and e.props["country"] == "LT"),
    (["timestamp >= 2024-01-05"], lambda e: e.ts >= BASE + timedelta(days=4)),
    (["timestamp < 2024-01-03T12:00"], lambda e: e.ts < BASE + timedelta(days=2, hours=12)),
]


@pytest.mark.parametrize("conditions, keep", CASES, ids=[" & ".join(case[0]) for case in CASES])
def test_a_filter_keeps_exactly_the_events_that_meet_it(load, conditions, keep):
    rows = shop_log()
    log = filtered(EventLog(load(rows), source="test", rows=len(rows)), conditions)
    kept = sorted(log.table.execute()["_row"].tolist())
    assert kept == [number for number, row in enumerate(rows) if keep(row)]
    assert 0 < len(kept) < len(rows), "a case that keeps all or nothing tells nothing"


def test_a_funnel_of_a_filter_equals_the_funnel_of_the_rows_kept(load):
    rows = shop_log(7)
    whole = filtered(EventLog(load(rows), source="test", rows=len(rows)), ["country = KZ"])
    by_hand = EventLog(load([row for row in rows if row.props["country"] == "KZ"]), source="test", rows=None)
    steps = ["open", "search", "buy"]
    assert [step.users for step in funnel(whole, steps, window="2d").steps] == [step.users for step in funnel(by_hand, steps, window="2d").steps]


@pytest.mark.parametrize(
    "condition, message",
    [
        ("platform ios", "--where 'platform ios': write COLUMN OPERATOR VALUE, e.g. \"platform = ios\" (operators: = != > >= < <= in)"),
        ("device = phone", "--where 'device = phone': the log has no column 'device'; its columns: user_id, event, timestamp, country, platform"),
        ("timestamp > soon", "--where 'timestamp > soon': timestamp holds a time such as 2025-03-01T10:00, not 'soon'"),
        ("platform >", "--where 'platform >': give a value to compare with"),
        ("_row = 1", "--where '_row = 1': the log has no column '_row'; its columns: user_id, event, timestamp, country, platform"),
    ],
)
def test_a_condition_that_cannot_be_run_says_how_to_write_it(load, condition, message):
    rows = shop_log()
    with pytest.raises(DataSourceError) as raised:
        filtered(EventLog(load(rows), source="test", rows=len(rows)), [condition])
    assert str(raised.value) == message


def test_a_value_is_text_never_sql():
    condition = parse_condition("platform = ios' OR 1=1 --")
    assert condition.values == ("ios' OR 1=1 --",)
