"""Funnels: how many users go through the steps in order, within a window, and how fast.

Ordered, first-entry (the default): a user enters at their first event of step
1; each next step is the first matching event strictly after the previously
matched one; every matched event lies within ``window`` of the entry (equal
counts). ``strict``: each next step must be the user's very next event (events
ordered by time, then name). ``any-order``: the user's start is their first
event of any step; step k is reached when steps 1..k were all done within the
window from the start. Exclusion events drop a user who does one within the
window from their entry. Times between steps are medians and 90th
percentiles in seconds over the users who reached the step.

>>> from journeymap.analytics import funnel, sample_path
>>> result = funnel(sample_path(), ["app_open", "search", "view_item"], window="7d")
>>> [step.users for step in result.steps] == sorted((step.users for step in result.steps), reverse=True)
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..model.base import parse_duration
from .matching import StepSpec, any_of, as_steps
from .ordering import user_order
from .results import Funnel, FunnelStep, clean_number, share
from .sources import EVENT, TIME, USER, EventLog, read_events
from .timestamps import seconds_between

MODES = ("ordered", "strict", "any-order")
GROUP = "group"


def window_seconds(window: str | float | int) -> float:
    """Return a window such as ``"7d"``, ``"12h"`` or ``3600`` in seconds.

    >>> window_seconds("7d"), window_seconds(90)
    (604800.0, 90.0)
    """
    seconds = parse_duration(window)
    if isinstance(seconds, str):
        try:
            seconds = float(seconds)
        except ValueError:
            raise DataSourceError(_("window {window!r}: write it as 7d, 12h, 30m or a number of seconds").format(window=window)) from None
    if float(seconds) <= 0:
        raise DataSourceError(_("window {window!r} must be longer than zero").format(window=window))
    return float(seconds)


def funnel(
    source: str | Path | EventLog | ir.Table,
    steps: Iterable[StepSpec | str],
    *,
    window: str | float = "30d",
    mode: str = "ordered",
    exclude: Sequence[str] = (),
    by: str | None = None,
) -> Funnel:
    """Return the funnel of ``steps`` over the events at ``source`` (see the module's definitions)."""
    table = read_events(source).table
    specs = as_steps(steps)
    seconds = window_seconds(window)
    summary = funnel_expr(table, specs, window=seconds, mode=mode, exclude=exclude, by=by).execute()
    records = summary.to_dict("records")
    if by is None:
        return _funnel(records[0] if records else {}, specs, seconds, mode)
    groups = {str(clean_number(row[GROUP])): _funnel(row, specs, seconds, mode) for row in sorted(records, key=lambda r: -r["users_0"])}
    total = funnel(table, specs, window=seconds, mode=mode, exclude=exclude)
    total.by, total.groups = by, groups
    return total


def funnel_expr(
    table: ir.Table,
    steps: Sequence[StepSpec],
    *,
    window: float,
    mode: str = "ordered",
    exclude: Sequence[str] = (),
    by: str | None = None,
) -> ir.Table:
    """Return the funnel as an Ibis expression: one row (per group) of users, medians and p90s per step."""
    reached = funnel_users(table, steps, window=window, mode=mode, exclude=exclude, by=by)
    metrics = {"users_0": reached.t0.count()}
    for k in range(1, len(steps)):
        metrics[f"users_{k}"] = reached[f"t{k}"].count()
        if mode != "any-order":
            seconds = seconds_between(reached[f"t{k}"], reached[f"t{k - 1}"])
            metrics[f"median_{k}"] = seconds.median()
            metrics[f"p90_{k}"] = seconds.quantile(0.9)
    groups = [GROUP] if by is not None else []
    return reached.aggregate(by=groups, **metrics) if groups else reached.aggregate(**metrics)


def funnel_users(
    table: ir.Table,
    steps: Sequence[StepSpec],
    *,
    window: float,
    mode: str = "ordered",
    exclude: Sequence[str] = (),
    by: str | None = None,
) -> ir.Table:
    """Return one row per entering user: ``user_id``, ``t0..tN`` (the time each step was reached, or NULL)."""
    if mode not in MODES:
        raise DataSourceError(_("mode {mode!r}: choose one of {modes}").format(mode=mode, modes=", ".join(MODES)))
    if not steps:
        raise DataSourceError(_("a funnel needs at least one step"))
    if by is not None and by not in table.columns:
        raise DataSourceError(_("--by {column!r}: the log has no such column (columns: {found})").format(column=by, found=", ".join(table.columns)))
    limit = ibis.interval(seconds=int(window)) if float(window).is_integer() else ibis.interval(milliseconds=int(window * 1000))
    if mode == "any-order":
        reached = _any_order(table, steps, limit, by)
    elif mode == "strict":
        reached = _strict(table, steps, limit, by)
    else:
        reached = _ordered(table, steps, limit, by)
    if exclude:
        reached = _without_excluded(table, reached, exclude, limit)
    return reached


def _entries(rows: ir.Table, by: str | None) -> ir.Table:
    """First matching row per user: its time (and the ``by`` value at it)."""
    metrics = {"t0": rows[TIME].min()}
    if by is not None:
        metrics[GROUP] = rows[by].cast("string").argmin(rows[TIME])
    return rows.group_by(USER).aggregate(**metrics)


def _ordered(table: ir.Table, steps: Sequence[StepSpec], limit: ir.IntervalValue, by: str | None) -> ir.Table:
    reached = _entries(table.filter(steps[0].matches(table)), by)
    for k, step in enumerate(steps[1:], start=1):
        previous = reached.filter(reached[f"t{k - 1}"].notnull()).select(USER, _entry=reached.t0, _prev=reached[f"t{k - 1}"])
        candidates = table.filter(step.matches(table)).select(USER, _ts=table[TIME])
        joined = previous.join(candidates, USER)
        found = (
            joined.filter((joined._ts > joined._prev) & (joined._ts <= joined._entry + limit))
            .group_by(USER)
            .aggregate(**{f"t{k}": joined._ts.min()})
        )
        reached = reached.left_join(found, USER).drop(f"{USER}_right")
    return reached


def _strict(table: ir.Table, steps: Sequence[StepSpec], limit: ir.IntervalValue, by: str | None) -> ir.Table:
    numbered = table.mutate(_seq=ibis.row_number().over(user_order(table)))
    first = numbered.filter(steps[0].matches(numbered))
    metrics = {"t0": first[TIME].min(), "_seq0": first._seq.min()}
    if by is not None:
        metrics[GROUP] = first[by].cast("string").argmin(first._seq)
    reached = first.group_by(USER).aggregate(**metrics)
    for k, step in enumerate(steps[1:], start=1):
        previous = reached.filter(reached[f"_seq{k - 1}"].notnull()).select(USER, _entry=reached.t0, _at=reached[f"_seq{k - 1}"])
        candidates = numbered.filter(step.matches(numbered)).select(USER, _ts=numbered[TIME], _seq=numbered._seq)
        joined = previous.join(candidates, [previous[USER] == candidates[USER], candidates._seq == previous._at + 1])
        found = joined.filter(joined._ts <= joined._entry + limit).select(USER, **{f"t{k}": joined._ts, f"_seq{k}": joined._seq})
        reached = reached.left_join(found, USER).drop(f"{USER}_right")
    return reached.drop(*(name for name in reached.columns if name.startswith("_seq")))


def _any_order(table: ir.Table, steps: Sequence[StepSpec], limit: ir.IntervalValue, by: str | None) -> ir.Table:
    rows = table.filter(any_of(table, steps))
    rows = rows.mutate(_start=rows[TIME].min().over(group_by=USER))
    inside = rows.filter(rows[TIME] <= rows._start + limit)
    metrics = {f"_f{k}": inside[TIME].min(where=step.matches(inside)) for k, step in enumerate(steps)}
    metrics["_start"] = inside._start.min()
    if by is not None:
        metrics[GROUP] = inside[by].cast("string").argmin(inside[TIME])
    firsts = inside.group_by(USER).aggregate(**metrics)
    reached_all = ibis.literal(True)
    columns = {}
    for k in range(len(steps)):
        reached_all &= firsts[f"_f{k}"].notnull()
        columns[f"t{k}"] = ibis.ifelse(reached_all, firsts[f"_f{k}"], ibis.null("timestamp"))
    keep = [GROUP] if by is not None else []
    return firsts.select(USER, *keep, **columns)


def _without_excluded(table: ir.Table, reached: ir.Table, exclude: Sequence[str], limit: ir.IntervalValue) -> ir.Table:
    excluded = table.filter(table[EVENT].isin(list(exclude))).select(USER, _ts=table[TIME])
    entries = reached.select(USER, _entry=reached.t0)
    joined = entries.join(excluded, USER)
    dropped = joined.filter((joined._ts >= joined._entry) & (joined._ts <= joined._entry + limit)).select(USER).distinct()
    return reached.anti_join(dropped, USER)


def _funnel(row: dict, steps: Sequence[StepSpec], seconds: float, mode: str) -> Funnel:
    entered = int(row.get("users_0") or 0)
    result: list[FunnelStep] = []
    previous = entered
    for k, step in enumerate(steps):
        users = int(row.get(f"users_{k}") or 0)
        result.append(
            FunnelStep(
                name=step.name,
                users=users,
                conversion_from_previous=share(users, previous) if k else share(users, entered),
                conversion_from_start=share(users, entered),
                median_seconds_from_previous=clean_number(row.get(f"median_{k}")) if users else None,
                p90_seconds_from_previous=clean_number(row.get(f"p90_{k}")) if users else None,
            )
        )
        previous = users
    return Funnel(entered=entered, window_seconds=seconds, steps=result, mode=mode)
