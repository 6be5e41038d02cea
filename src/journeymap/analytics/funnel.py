"""Funnels: how many users go through the steps in order, within a window, and how fast.

Ordered, first-entry (the default): a user enters at their first event of step
1; each next step is the first matching event after the previously matched one
in the user's order; every matched event lies within ``window`` of the entry
(equal counts). ``strict``: each next step must be the user's very next event.
The user's order is by time, and events at the same instant keep the file's
order (see :mod:`.ordering`). ``any-order``: the user's start is their first
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

from collections.abc import Iterable, Sequence
from pathlib import Path

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..model.quantities import parse_duration
from . import fetch
from .matching import StepSpec, any_of, as_steps
from .ordering import is_later, place, tie_column, user_order
from .results import Funnel, FunnelStep, clean_number, share
from .sources import EVENT, TIME, USER, EventLog, column_list, read_events
from .timestamps import seconds_between

MODES = ("ordered", "strict", "any-order")
GROUP = "group"
TIME_BUCKETS = (60, 600, 3600, 86_400, 604_800)
"""Upper edges, in seconds, of the time-to-convert distribution: a minute, ten minutes, an hour, a day, a week (and more)."""


def window_seconds(window: str | float | int) -> float:
    """Return a window such as ``"7d"``, ``"12h"`` or ``3600`` in seconds.

    >>> window_seconds("7d"), window_seconds(90)
    (604800.0, 90.0)
    """
    parsed = parse_duration(window)
    try:
        seconds = float(parsed) if isinstance(parsed, (int, float)) else float(str(parsed))
    except ValueError:
        raise DataSourceError(_("window {window!r}: write it as 7d, 12h, 30m or a number of seconds").format(window=window)) from None
    if seconds <= 0:
        raise DataSourceError(_("window {window!r} must be longer than zero").format(window=window))
    return seconds


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
    stages = funnel_stages(table, specs, window=seconds, mode=mode, exclude=exclude, by=by)
    timed = mode != "any-order"
    if by is None:
        records = fetch.records(funnel_expr(stages, timed=timed))
        return _funnel(records[0] if records else {}, specs, seconds, mode)
    grouped = funnel_expr(stages, timed=timed, grouped=True).mutate(_total=False)
    total = funnel_expr(stages, timed=timed).mutate(**{GROUP: ibis.null("string"), "_total": True})
    records = fetch.records(grouped.union(total.select(*grouped.columns)))  # the groups and the total in one query
    result = _funnel(next((row for row in records if row["_total"]), {}), specs, seconds, mode)
    groups = sorted((row for row in records if not row["_total"]), key=lambda row: -row["users_0"])
    result.by, result.groups = by, {group_name(row[GROUP]): _funnel(row, specs, seconds, mode) for row in groups}
    return result


def group_name(value: object) -> str:
    """Return a group's name: its value as text, or "(empty)" in the user's language where it has none.

    >>> group_name("ios"), group_name(""), group_name(None)
    ('ios', '(empty)', '(empty)')
    """
    value = clean_number(value)
    return _("(empty)") if value is None or value == "" else str(value)


def _group_value(column: ir.Value) -> ir.StringValue:
    """The ``by`` value as text, empty where there is none (a group of its own: NULL would match no join)."""
    return column.cast("string").fill_null("")


def funnel_expr(stages: Sequence[ir.Table], *, timed: bool = True, grouped: bool = False) -> ir.Table:
    """Return the funnel of :func:`funnel_stages` as one Ibis expression: one row (per group).

    Columns: ``users_k`` per step and, when ``timed``, ``median_k`` and ``p90_k``
    (seconds from the step before) and ``within_k_j`` (users who took at most
    ``TIME_BUCKETS[j]`` seconds) from the second step on.

    >>> from journeymap.analytics import read_events, sample_path
    >>> table = read_events(sample_path()).table
    >>> stages = funnel_stages(table, [StepSpec.parse("app_open"), StepSpec.parse("purchase")], window=86400)
    >>> funnel_expr(stages).execute()[["users_0", "users_1"]].values.tolist()
    [[3000, 440]]
    """
    keys = [GROUP] if grouped else []
    summaries = []
    for k, stage in enumerate(stages):
        metrics = {f"users_{k}": stage.count()}
        if k and timed:
            seconds = seconds_between(stage.reached, stage.previous)
            metrics[f"median_{k}"] = seconds.median()
            metrics[f"p90_{k}"] = seconds.quantile(0.9)
            metrics.update({f"within_{k}_{j}": (seconds <= edge).sum() for j, edge in enumerate(TIME_BUCKETS)})
        summaries.append(stage.aggregate(by=keys, **metrics) if keys else stage.aggregate(**metrics))
    result = summaries[0]
    for summary in summaries[1:]:
        result = result.left_join(summary, GROUP).drop(f"{GROUP}_right") if keys else result.cross_join(summary)
    return result


def funnel_stages(
    table: ir.Table,
    steps: Sequence[StepSpec],
    *,
    window: float,
    mode: str = "ordered",
    exclude: Sequence[str] = (),
    by: str | None = None,
) -> list[ir.Table]:
    """Return, per step, the users who reached it: ``user_id, entry, previous, reached`` (and ``group``).

    ``entry`` is the time the user entered, ``reached`` the time of this step
    and ``previous`` the time of the step before (NULL at step 1). Each stage
    is built from the one before, so every step is computed once.

    >>> from journeymap.analytics import read_events, sample_path
    >>> table = read_events(sample_path()).table
    >>> [stage.count().execute() for stage in funnel_stages(table, [StepSpec.parse("search")], window=60)]
    [1972]
    """
    if mode not in MODES:
        raise DataSourceError(_("mode {mode!r}: choose one of {modes}").format(mode=mode, modes=", ".join(MODES)))
    if not steps:
        raise DataSourceError(_("a funnel needs at least one step"))
    if by is not None and by not in table.columns:
        raise DataSourceError(_("--by {column!r}: the log has no such column (columns: {found})").format(column=by, found=column_list(table)))
    limit = ibis.interval(seconds=int(window)) if float(window).is_integer() else ibis.interval(milliseconds=int(window * 1000))
    builder = {"any-order": _any_order, "strict": _strict, "ordered": _ordered}[mode]
    return builder(table, steps, limit, by, exclude)


def _entered(rows: ir.Table, by: str | None, order: ir.Value, **extra: ir.Value) -> ir.Table:
    """First matching row per user: its time (and the ``by`` value at it)."""
    metrics = {"entry": rows[TIME].min(), **extra}
    if by is not None:
        metrics[GROUP] = _group_value(rows[by]).argmin(order)
    first = rows.group_by(USER).aggregate(**metrics)
    return first.mutate(previous=ibis.null("timestamp"), reached=first.entry)


def _ordered(table: ir.Table, steps: Sequence[StepSpec], limit: ir.IntervalValue, by: str | None, exclude: Sequence[str]) -> list[ir.Table]:
    # "after" is a later (time, place in the file): tied times keep the file's order, with no sort of each user's events.
    # Each step reads the rows of any step through a reference of its own (a view): the SQL names them once (a common
    # table expression), so the engine reads the log once for all the steps, not once per step.
    tie = tie_column(table)
    candidates = table.filter(any_of(table, steps)).select(*_step_columns(steps, tie, by))
    rows = candidates.view()
    rows = rows.filter(steps[0].matches(rows))
    first = place(rows[TIME], rows[tie])
    stages = [_without_excluded(table, _entered(rows, by, first, _tie=rows[tie].argmin(first)), exclude, limit)]
    carried = [USER, "entry", *([GROUP] if by is not None else [])]
    for step in steps[1:]:
        before = stages[-1].select(*carried, previous=stages[-1].reached, _at=stages[-1]._tie)
        rows = candidates.view()
        joined = before.join(rows, [before[USER] == rows[USER], step.matches(rows)]).select(before, _ts=rows[TIME], _next=rows[tie])
        inside = joined.filter(is_later(joined._ts, joined._next, joined.previous, joined._at) & (joined._ts <= joined.entry + limit))
        stages.append(inside.group_by([*carried, "previous"]).aggregate(reached=inside._ts.min(), _tie=inside._next.argmin(place(inside._ts, inside._next))))
    return stages


def _step_columns(steps: Sequence[StepSpec], tie: str, by: str | None) -> list[str]:
    """The columns the stages read from the rows of the steps: user, time, tie, event, the ``by`` column and those the steps' conditions name."""
    return list(dict.fromkeys([USER, TIME, tie, EVENT, *([by] if by is not None else []), *(column for step in steps for column in step.where)]))


def _strict(table: ir.Table, steps: Sequence[StepSpec], limit: ir.IntervalValue, by: str | None, exclude: Sequence[str]) -> list[ir.Table]:
    numbered = table.mutate(_seq=ibis.row_number().over(user_order(table)))
    rows = numbered.filter(steps[0].matches(numbered))
    stages = [_without_excluded(table, _entered(rows, by, rows._seq, _seq=rows._seq.min()), exclude, limit)]
    carried = [USER, "entry", *([GROUP] if by is not None else [])]
    for step in steps[1:]:
        before = stages[-1].select(*carried, previous=stages[-1].reached, _at=stages[-1]._seq)
        candidates = numbered.filter(step.matches(numbered)).select(USER, _ts=numbered[TIME], _seq=numbered._seq)
        joined = before.join(candidates, [before[USER] == candidates[USER], candidates._seq == before._at + 1])
        inside = joined.filter(joined._ts <= joined.entry + limit)
        stages.append(inside.select(*carried, "previous", "_seq", reached=inside._ts))
    return stages


def _any_order(table: ir.Table, steps: Sequence[StepSpec], limit: ir.IntervalValue, by: str | None, exclude: Sequence[str]) -> list[ir.Table]:
    rows = table.filter(any_of(table, steps))
    rows = rows.mutate(_start=rows[TIME].min().over(group_by=USER))
    inside = rows.filter(rows[TIME] <= rows._start + limit)
    metrics = {f"_f{k}": inside[TIME].min(where=step.matches(inside)) for k, step in enumerate(steps)}
    if by is not None:
        metrics[GROUP] = _group_value(inside[by]).argmin(inside[TIME])
    firsts = inside.group_by(USER).aggregate(**metrics)
    firsts = firsts.filter(firsts._f0.notnull()).mutate(entry=firsts._f0, reached=firsts._f0)
    firsts = _without_excluded(table, firsts, exclude, limit)
    stages = []
    reached_all = ibis.literal(True)
    for k in range(len(steps)):
        reached_all &= firsts[f"_f{k}"].notnull()
        previous = firsts[f"_f{k - 1}"] if k else ibis.null("timestamp")
        stages.append(firsts.filter(reached_all).mutate(previous=previous, reached=firsts[f"_f{k}"]))
    return stages


def _without_excluded(table: ir.Table, entered: ir.Table, exclude: Sequence[str], limit: ir.IntervalValue) -> ir.Table:
    if not exclude:
        return entered
    excluded = table.filter(table[EVENT].isin(list(exclude))).select(USER, _ts=table[TIME])
    joined = entered.select(USER, _entry=entered.entry).join(excluded, USER)
    dropped = joined.filter((joined._ts >= joined._entry) & (joined._ts <= joined._entry + limit)).select(USER).distinct()
    return entered.anti_join(dropped, USER)


def _funnel(row: dict, steps: Sequence[StepSpec], seconds: float, mode: str) -> Funnel:
    entered = int(clean_number(row.get("users_0")) or 0)
    result: list[FunnelStep] = []
    previous = entered
    for k, step in enumerate(steps):
        users = int(clean_number(row.get(f"users_{k}")) or 0)
        result.append(
            FunnelStep(
                name=step.name,
                users=users,
                conversion_from_previous=share(users, previous) if k else share(users, entered),
                conversion_from_start=share(users, entered),
                median_seconds_from_previous=clean_number(row.get(f"median_{k}")) if users else None,
                p90_seconds_from_previous=clean_number(row.get(f"p90_{k}")) if users else None,
                time_to_convert=_time_to_convert(row, k, users) if k and mode != "any-order" else None,
            )
        )
        previous = users
    return Funnel(entered=entered, window_seconds=seconds, steps=result, mode=mode)


def _time_to_convert(row: dict, k: int, users: int) -> list[int]:
    """Users of step ``k`` per bucket of :data:`TIME_BUCKETS` (the last: longer than a week); they add up to the step's users."""
    within = [int(clean_number(row.get(f"within_{k}_{j}")) or 0) for j in range(len(TIME_BUCKETS))]
    return [count - before for count, before in zip([*within, users], [0, *within], strict=True)]
