"""Funnels and retention by day, week or month: to see a change, an outage or a spike over time.

A user belongs to the period (UTC day, ISO week from Monday, or calendar
month) of their entry: the first event of the funnel's first step, or, for
retention, their first event. Each period's funnel is the funnel of the users
who entered in it; each period's retention is the day-N retention (rolling
24-hour days, as in :mod:`.retention`) of the users who started in it.
Periods are listed in time order.

>>> from journeymap.analytics import sample_path
>>> result = funnel_by_interval(sample_path(), ["view_item", "purchase"], "month")
>>> sum(group.steps[0].users for group in result.groups.values()) == result.steps[0].users
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from .funnel import funnel
from .matching import StepSpec
from .results import Funnel, Result, share
from .sources import TIME, USER, EventLog, read_events

INTERVALS = {"day": "D", "week": "W", "month": "M"}
PERIOD = "period"


@dataclass
class PeriodRetention(Result):
    """Day-N retention of the users who started in each period, in time order."""

    interval: str
    days: list[int]
    periods: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per period: ``period``, ``users`` and ``day_N`` (a share) per day."""
        return self.periods

    def to_dict(self) -> dict[str, Any]:
        """``{"interval", "days", "periods": [...]}``."""
        return {"interval": self.interval, "days": self.days, "periods": self.periods}


def with_period(table: ir.Table, interval: str, column: str = PERIOD) -> ir.Table:
    """Return ``table`` with ``column``: the first day of each event's period, as ``YYYY-MM-DD`` text.

    >>> import ibis
    >>> from datetime import datetime
    >>> t = ibis.memtable({"timestamp": [datetime(2025, 3, 5, 10)]})
    >>> ibis.duckdb.connect().execute(with_period(t, "week"))["period"].tolist()
    ['2025-03-03']
    """
    return table.mutate(**{column: table[TIME].truncate(INTERVALS[checked(interval)]).date().cast("string")})


def checked(interval: str) -> str:
    """Return ``interval`` if it is day, week or month; else raise :class:`DataSourceError` saying so."""
    if interval not in INTERVALS:
        raise DataSourceError(_("--interval {value!r}: choose day, week or month").format(value=interval))
    return interval


def funnel_by_interval(source: str | Path | EventLog | ir.Table, steps: Iterable[StepSpec | str], interval: str, **options: Any) -> Funnel:
    """Return the funnel (``options`` as :func:`~.funnel.funnel` takes them) with one group per period of entry, in time order."""
    checked(interval)
    table = read_events(source).table
    result = funnel(with_period(table, interval), steps, by=PERIOD, **options)
    result.groups = dict(sorted((result.groups or {}).items()))
    result.by = interval
    return result


def retention_by_interval(source: str | Path | EventLog | ir.Table, days: Sequence[int], interval: str) -> PeriodRetention:
    """Return the day-N retention of the users who started in each period (their first event's period)."""
    from .discover.segments import retained_by_user

    checked(interval)
    table = read_events(source).table
    wanted = sorted(set(days))
    flags = retained_by_user(table, wanted)
    starts = with_period(table.group_by(USER).aggregate(**{TIME: table[TIME].min()}), interval)
    joined = starts.join(flags, USER)
    counted = joined.group_by(PERIOD).aggregate(users=joined.count(), **{f"day_{n}": joined[f"day_{n}"].sum() for n in wanted}).execute()
    periods = []
    for row in sorted(counted.to_dict("records"), key=lambda row: row[PERIOD]):
        users = int(row["users"])
        periods.append({"period": str(row[PERIOD]), "users": users, **{f"day_{n}": share(int(row[f"day_{n}"] or 0), users) for n in wanted}})
    return PeriodRetention(interval=interval, days=wanted, periods=periods)
