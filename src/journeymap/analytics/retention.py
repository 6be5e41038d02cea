"""Retention: the share of a cohort that comes back N days after starting.

The cohort is every user with a start event: their first event of any kind,
or of ``from_event``. Day N retained means an event (any, or ``return_event``)
in ``[start + N days, start + N + 1 days)``, days being rolling 24-hour
periods; ``calendar=True`` counts calendar days instead;
``unbounded=True`` counts an event on day N or later. Calendar days are dates
in ``timezone`` (UTC by default). Weekly cohorts group
users by the Monday of their start week and count, for each week k after it,
the share with an event in rolling days ``[7k, 7k + 7)``.

>>> from journeymap.analytics import retention, sample_path
>>> result = retention(sample_path(), days=[0, 1, 7])
>>> result.retention[0]
1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from . import fetch
from .results import Retention, clean_number, share
from .sources import EVENT, TIME, USER, EventLog, read_events
from .timestamps import UTC, local_time, seconds_between

DAY_SECONDS = 86_400


def retention(
    source: str | Path | EventLog | ir.Table,
    days: Iterable[int] = (1, 7, 30),
    *,
    from_event: str | None = None,
    return_event: str | None = None,
    unbounded: bool = False,
    calendar: bool = False,
    timezone: str = UTC,
    weekly: bool = True,
) -> Retention:
    """Return day-N retention of the users at ``source`` (see the module's definitions).

    The day-N figures and the weekly triangle come from one query
    (:func:`cohort_weeks_expr`); ``unbounded`` or ``calendar`` day-N figures
    need one more (:func:`retention_expr`).
    """
    table = read_events(source).table
    wanted = _days(days)
    starts = start_times(table, from_event)
    separate = unbounded or calendar or not weekly
    rows = _started(fetch.records(cohort_weeks_expr(table, [] if separate else wanted, starts=starts, return_event=return_event))) if weekly else []
    if separate:
        counts = fetch.first_record(
            retention_expr(table, wanted, starts=starts, return_event=return_event, unbounded=unbounded, calendar=calendar, timezone=timezone)
        )
    else:
        counts = {"cohort_size": _week_total(rows, "users", 0), **{f"day_{day}": _week_total(rows, f"day_{day}") for day in wanted}}
    cohort = int(counts["cohort_size"])
    retained = {day: int(clean_number(counts[f"day_{day}"]) or 0) for day in wanted}
    result = Retention(
        cohort_size=cohort,
        retention={day: share(count, cohort) for day, count in retained.items()},
        retained=retained,
        unbounded=unbounded,
    )
    if weekly:
        result.weekly = _triangle(rows)
    return result


def start_times(table: ir.Table, from_event: str | None = None) -> ir.Table:
    """Return ``user_id, start``: each user's first event (of ``from_event`` when given)."""
    rows = table.filter(table[EVENT] == from_event) if from_event else table
    return rows.group_by(USER).aggregate(start=rows[TIME].min())


def retention_expr(
    table: ir.Table,
    days: Sequence[int],
    *,
    starts: ir.Table | None = None,
    return_event: str | None = None,
    unbounded: bool = False,
    calendar: bool = False,
    timezone: str = UTC,
) -> ir.Table:
    """Return one row: ``cohort_size`` and ``day_N``, the users retained on each day N.

    >>> from journeymap.analytics import read_events, sample_path
    >>> retention_expr(read_events(sample_path()).table, [0, 7]).execute().values.tolist()
    [[3000, 3000, 143]]
    """
    starts = start_times(table) if starts is None else starts
    per_user = _returns(table, starts, return_event, timezone if calendar else None)
    flags = {f"day_{day}": ((per_user.day >= day) if unbounded else (per_user.day == day)).any() for day in days}
    retained = per_user.group_by(USER).aggregate(**flags)
    totals = retained.aggregate(**{name: retained[name].sum() for name in flags})
    cohort = starts.aggregate(cohort_size=starts.count())
    return cohort.cross_join(totals)


def cohort_weeks_expr(
    table: ir.Table,
    days: Sequence[int],
    *,
    starts: ir.Table | None = None,
    return_event: str | None = None,
) -> ir.Table:
    """Return, per start week and week after it, the users seen and retained: one scan for day N and the triangle.

    Columns: ``cohort`` (the start week's Monday; NULL for users who never
    started), ``week`` (rolling weeks after the start; negative before it),
    ``users`` (cohort users with any event that week: every one of them has
    week 0, the start itself), ``active`` (those with a return event),
    ``last`` (the latest event time) and ``day_N`` (users retained on day N
    whose rolling day N falls in that week: their sum over rows is day N's count).

    >>> from journeymap.analytics import read_events, sample_path
    >>> weeks = cohort_weeks_expr(read_events(sample_path()).table, [7]).execute()
    >>> int(weeks[weeks.week == 0].users.sum()), int(weeks.day_7.sum())
    (3000, 143)
    """
    starts = start_times(table) if starts is None else starts
    back = table[EVENT] == return_event if return_event else ibis.literal(True)
    events = table.select(_user=table[USER], _ts=table[TIME], _back=back)
    joined = events.left_join(starts, events._user == starts[USER]).select("_user", "_ts", "_back", "start")
    day = (seconds_between(joined._ts, joined.start) / DAY_SECONDS).floor().cast("int64")
    per_event = joined.select("_user", "_ts", "_back", "start", day=day, week=(day / 7).floor().cast("int64"))
    flags = {f"day_{n}": (per_event._back & (per_event.day == n)).any() for n in days}
    user_weeks = per_event.group_by(["_user", "week", per_event.start.truncate("W").name("cohort")]).aggregate(
        active=per_event._back.any(), last=per_event._ts.max(), **flags
    )
    sums = {name: user_weeks[name].sum() for name in ("active", *flags)}
    return user_weeks.group_by(["cohort", "week"]).aggregate(users=user_weeks.count(), last=user_weeks["last"].max(), **sums)


def _started(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`cohort_weeks_expr`'s rows with whole numbers, and ``week`` None for the users who never started (NULL or NaN)."""
    return [{**row, **{key: clean_number(value) for key, value in row.items() if key not in ("cohort", "last")}} for row in rows]


def _week_total(rows: list[dict[str, Any]], column: str, week: int | None = None) -> int:
    """The sum of ``column`` over the cohorts' rows (of ``week`` only, when given)."""
    return sum(int(row[column] or 0) for row in rows if row["week"] is not None and week in (None, row["week"]))


def _triangle(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The weekly cohorts from :func:`_started` rows: per start week, its size and the share active each week after."""
    last = max(row["last"] for row in rows) if rows else None
    sizes = {row["cohort"]: int(row["users"]) for row in rows if row["week"] == 0}
    counts = {(row["cohort"], int(row["week"])): int(row["active"] or 0) for row in rows if row["week"] is not None}
    triangle = []
    for cohort in sorted(sizes):
        observable = int((last - cohort) / timedelta(days=7)) + 1
        weeks = [share(counts.get((cohort, week), 0), sizes[cohort]) for week in range(max(observable, 1))]
        triangle.append({"cohort": _date(cohort), "size": sizes[cohort], "weeks": weeks})
    return triangle


def _returns(table: ir.Table, starts: ir.Table, return_event: str | None, calendar: str | None) -> ir.Table:
    """Each event of a cohort user with its day after the start: rolling, or calendar days in the zone ``calendar``."""
    rows = table.filter(table[EVENT] == return_event) if return_event else table
    rows = rows.select(USER, _ts=rows[TIME])
    joined = starts.join(rows, USER)
    if calendar is not None:
        backend = joined._find_backend().name
        event_date, start_date = (local_time(value, calendar, backend=backend).date() for value in (joined._ts, joined.start))
        day = event_date.delta(start_date, unit="day")
    else:
        day = (seconds_between(joined._ts, joined.start) / DAY_SECONDS).floor()
    return joined.select(USER, "start", day=day.cast("int64"))


def _days(days: Iterable[int]) -> list[int]:
    wanted = sorted(set(int(day) for day in days))
    if not wanted or wanted[0] < 0:
        raise DataSourceError(_("retention days must be whole numbers of 0 or more, e.g. --day 1 --day 7"))
    return wanted


def _date(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else str(value)[:10]
