"""Retention against the brute-force reference."""

from __future__ import annotations

import pytest

from journeymap.analytics import read_events, retention
from journeymap.errors import DataSourceError

from . import reference as ref
from .conftest import event, random_log, read_reference, shared_file

DAY = 86400


def check(result, expected, days) -> None:
    assert result.cohort_size == expected["cohort_size"]
    assert result.retained == expected["retained"]
    for day in days:
        assert result.retention[day] == pytest.approx(expected["retained"][day] / expected["cohort_size"], abs=1e-9)


def test_day_n_is_a_rolling_24_hour_interval(load):
    table = load(
        [
            event("a", "open", 0), event("a", "open", 7 * DAY),  # exactly day 7: counts
            event("b", "open", 0), event("b", "open", 8 * DAY - 1),  # last second of day 7: counts
            event("c", "open", 0), event("c", "open", 8 * DAY),  # day 8
            event("d", "open", 0),
        ]
    )
    result = retention(table, [7, 8])
    assert (result.cohort_size, result.retained) == (4, {7: 2, 8: 1})
    assert result.to_dict()["retention"] == {"7": 0.5, "8": 0.25}


def test_unbounded_counts_day_n_or_later(load):
    table = load([event("a", "open", 0), event("a", "open", 30 * DAY), event("b", "open", 0), event("b", "open", 2 * DAY)])
    assert retention(table, [7], unbounded=True).retained == {7: 1}


def test_from_event_and_return_event(load):
    table = load([event("a", "open", 0), event("a", "signup", DAY), event("a", "buy", 2 * DAY), event("b", "open", 0)])
    result = retention(table, [1], from_event="signup", return_event="buy")
    assert (result.cohort_size, result.retained) == (1, {1: 1})


def test_calendar_days_count_dates_not_hours(load):
    table = load([event("a", "open", DAY - 60), event("a", "open", DAY + 60)])  # 23:59 then 00:01 next day
    assert retention(table, [1], calendar=True).retained == {1: 1}
    assert retention(table, [1]).retained == {1: 0}


def test_calendar_days_in_a_time_zone(load):
    # 21:30 and 22:30 UTC on 1 January: one UTC date, but 23:30 and 00:30 in Vilnius (UTC+2)
    table = load([event("a", "open", 21 * 3600 + 1800), event("a", "open", 22 * 3600 + 1800)])
    assert retention(table, [1], calendar=True).retained == {1: 0}
    assert retention(table, [1], calendar=True, timezone="Europe/Vilnius").retained == {1: 1}


def test_weekly_cohorts_form_a_triangle(load):
    table = load([event("a", "open", 0), event("a", "open", 8 * DAY), event("b", "open", 7 * DAY), event("c", "open", 14 * DAY)])
    weekly = retention(table, [1]).weekly
    assert [(row["cohort"], row["size"]) for row in weekly] == [("2024-01-01", 1), ("2024-01-08", 1), ("2024-01-15", 1)]
    assert weekly[0]["weeks"] == [1.0, 1.0, 0.0]
    assert [len(row["weeks"]) for row in weekly] == [3, 2, 1]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(
    "options", [{}, {"unbounded": True}, {"calendar": True}, {"calendar": True, "timezone": "Asia/Almaty"}, {"from_event": "b", "return_event": "c"}]
)
@pytest.mark.parametrize("weekly", [False, True], ids=["day-n-only", "with-weekly"])
def test_random_logs_match_the_reference(load, seed, options, weekly):
    rows = random_log(seed)
    days = [0, 1, 2, 7]
    check(retention(load(rows), days, weekly=weekly, **options), ref.retention(rows, days, **options), days)


def test_negative_day_is_an_error(load):
    with pytest.raises(DataSourceError, match="retention days must be whole numbers of 0 or more"):
        retention(load([event("a", "open", 0)]), [-1])


def test_retentioneering_ecom_matches_the_reference():
    path = shared_file("retentioneering/ecom.csv.gz")
    rows = read_reference(path, "user_id", "event", "timestamp")
    days = [1, 7, 14, 30]
    log = read_events(path)
    check(retention(log, days), ref.retention(rows, days), days)
    check(retention(log, days, unbounded=True, from_event="purchase"), ref.retention(rows, days, unbounded=True, from_event="purchase"), days)
