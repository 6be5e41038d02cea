"""Before/after by activity: existing customers count in each period they are active in."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from journeymap.analytics import funnel
from journeymap.analytics.discover import abtest
from journeymap.errors import DataSourceError

from ..reference import Event

BEFORE, AFTER = "2025-03-01..2025-03-31", "2025-04-01..2025-04-30"


def returning_customers(users=600, seed=9):
    """Every user starts in March and comes back in April; paying after a cart goes from 30 % to 60 % in April."""
    rng = random.Random(seed)
    rows = []
    for number in range(users):
        for month, chance in ((3, 0.3), (4, 0.6)):
            at = datetime(2025, month, 1) + timedelta(days=rng.uniform(0, 27))
            rows.append(Event(f"u{number}", "cart", at))
            if rng.random() < chance:
                rows.append(Event(f"u{number}", "pay", at + timedelta(minutes=10)))
    return rows


def test_active_users_of_each_period_are_compared(load):
    rows = returning_customers()
    result = abtest(load(rows), ["cart", "pay"], before=BEFORE, after=AFTER, window="1d", active=True)
    paid = {arm.variant: arm for arm in result.arms if arm.step == "pay"}
    for name, month in (("before", 3), ("after", 4)):
        alone = funnel(load([e for e in rows if e.ts.month == month]), ["cart", "pay"], window="1d")
        assert (paid[name].users, paid[name].conversions) == (alone.steps[0].users, alone.steps[1].users)
    assert paid["after"].rate == pytest.approx(0.6, abs=0.05) and result.comparisons[-1].significant


def test_active_is_the_default_of_before_and_after_and_by_first_event_nobody_is_after(load):
    rows = load(returning_customers(users=50))
    default = abtest(rows, ["cart", "pay"], before=BEFORE, after=AFTER, window="1d")
    assert default.arms == abtest(rows, ["cart", "pay"], before=BEFORE, after=AFTER, window="1d", active=True).arms
    with pytest.raises(DataSourceError):
        abtest(rows, ["cart", "pay"], before=BEFORE, after=AFTER, window="1d", active=False)


def test_active_needs_two_periods_and_no_retention():
    with pytest.raises(DataSourceError, match="give both --before and --after"):
        abtest("events.csv", ["a"], variant_column="platform", active=True)
    with pytest.raises(DataSourceError, match="drop --retention-day, or add --first-event"):
        abtest("events.csv", ["a"], before=BEFORE, after=AFTER, retention_day=7)
