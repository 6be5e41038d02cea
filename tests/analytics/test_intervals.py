"""Funnels and retention by period: each period's figures are those of the users who entered (or started) in it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from journeymap.analytics import funnel, funnel_by_interval, retention, retention_by_interval
from journeymap.errors import DataSourceError

from .conftest import random_log, shared_file
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


# retentioneering's synthetic shop log plants a payment-gateway incident (19 May to 7 Jun 2024) and a mobile
# checkout bug (9 Apr to 9 May, a loop back from checkout to the cart): the method must find both
OUTAGE = ("2024-05-19", "2024-06-08")


def test_the_payment_outage_of_the_retentioneering_shop_shows_in_the_daily_and_weekly_funnels():
    path = shared_file("retentioneering/ecom.csv.gz")
    daily = funnel_by_interval(path, ["payment_details", "purchase"], "day", window="1h")
    inside = [group for period, group in daily.groups.items() if OUTAGE[0] <= period < OUTAGE[1]]
    outside = [group for period, group in daily.groups.items() if not OUTAGE[0] <= period < OUTAGE[1]]
    assert sum(group.steps[0].users for group in daily.groups.values()) == daily.steps[0].users  # the days add up to the total

    def paid(groups):
        return sum(group.steps[1].users for group in groups) / sum(group.steps[0].users for group in groups)

    assert paid(inside) < 0.25 and paid(outside) > 0.45
    weekly = funnel_by_interval(path, ["payment_details", "payment_error"], "week", window="1h")
    errors = sorted(weekly.groups, key=lambda period: -(weekly.groups[period].steps[1].conversion_from_start or 0))
    assert sorted(errors[:3]) == ["2024-05-20", "2024-05-27", "2024-06-03"]  # the three weeks of the outage, and no other


def test_the_checkout_bug_of_the_retentioneering_shop_shows_in_the_drop_off_paths_only():
    from journeymap.analytics import paths_between

    result = paths_between(shared_file("retentioneering/ecom.csv.gz"), "shipping_details", "payment_details", window="1h", depth=3, top=10_000)
    with_bug = {group: sum(path["users"] for path in paths if "checkout_bug" in path["events"])
                for group, paths in (("dropped", result.dropped_paths), ("converted", result.converted_paths))}
    assert with_bug == {"dropped": 6, "converted": 0}
    assert result.dropped + result.converted == result.entered == 441
