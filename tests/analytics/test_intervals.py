"""Funnels and retention by period: each period's figures are those of the users who entered (or started) in it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from journeymap.analytics import funnel, funnel_by_interval, retention, retention_by_interval
from journeymap.errors import DataSourceError

from .conftest import random_log
from .reference import Event, by_user


def period_of(moment: datetime, interval: str) -> str:
    day = moment.date()
    if interval == "week":
        day -= timedelta(days=day.weekday())
    if interval == "month":
        day = day.replace(day=1)
    return day.isoformat()


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_each_periods_funnel_is_its_entrants_funnel(load, interval):
    rows = random_log(4, users=80, span_days=40)
    result = funnel_by_interval(load(rows), ["a", "b", "c"], interval, window="3d")
    entries = {user: min(e.ts for e in events if e.event == "a") for user, events in by_user(rows).items() if any(e.event == "a" for e in events)}
    periods = sorted({period_of(moment, interval) for moment in entries.values()})
    assert list(result.groups) == periods
    for period in periods:
        users = {user for user, moment in entries.items() if period_of(moment, interval) == period}
        alone = funnel(load([e for e in rows if e.user in users]), ["a", "b", "c"], window="3d")
        assert [s.users for s in result.groups[period].steps] == [s.users for s in alone.steps]


def test_each_periods_retention_is_its_starters_retention(load):
    rows = random_log(5, users=80, span_days=40)
    result = retention_by_interval(load(rows), [1, 3], "week")
    starts = {user: min(e.ts for e in events) for user, events in by_user(rows).items()}
    for row in result.periods:
        users = {user for user, moment in starts.items() if period_of(moment, "week") == row["period"]}
        alone = retention(load([e for e in rows if e.user in users]), [1, 3])
        assert (row["users"], row["day_1"], row["day_3"]) == (alone.cohort_size, alone.retention[1], alone.retention[3])
    assert sum(row["users"] for row in result.periods) == len(starts)


def test_an_outage_shows_in_the_daily_funnel(load):
    rows = []
    for number in range(600):
        day = datetime(2025, 5, 1) + timedelta(days=number % 6, hours=9)
        rows.append(Event(f"u{number}", "cart", day))
        if day.day != 4 or number // 6 % 10 == 0:  # on 4 May payments were down: 10 % got through
            rows.append(Event(f"u{number}", "pay", day + timedelta(minutes=5)))
    result = funnel_by_interval(load(rows), ["cart", "pay"], "day", window="1h")
    rates = {period: group.steps[1].conversion_from_start for period, group in result.groups.items()}
    assert rates["2025-05-04"] == pytest.approx(0.1) and min(rate for period, rate in rates.items() if period != "2025-05-04") == 1.0


def test_an_unknown_interval_is_one_line():
    with pytest.raises(DataSourceError, match="choose day, week or month"):
        funnel_by_interval("events.csv", ["a"], "year")
