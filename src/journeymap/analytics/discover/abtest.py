"""A/B tests: does a variant convert better than the control, step by step?

A user's variant is the first non-empty value of ``variant_column`` in their
events (by time). In the before/after mode there is no variant column: a user
is ``before`` or ``after`` by the date of their first event, in the two date
ranges given (a change released between them); with ``active``, a user is in
each period they have an event in, existing customers included, and each
period's funnel counts its own events only (a user active in both is in both,
so the two groups overlap: read the test as approximate). A variant's users are those
assigned to it; a step's conversions are the users who reached it in the
ordered first-entry funnel of the steps (:mod:`journeymap.analytics.funnel`),
so each step's rate is conversions / the variant's users. With a retention
day, the share of the variant's users with an event on that rolling day after
their first event is tested the same way (the A/B test an aha moment calls for).

Per step and variant: users, conversions, the rate with its Wilson interval;
against the control: the difference with its Newcombe interval, the relative
uplift, a two-proportion z-test (Fisher's exact test when an expected count is
below 5), and the users per group a test would need for 80 % power at the
observed effect. P-values over every variant and step are adjusted (Holm by
default, ``fdr_bh`` as an option) and only an adjusted p-value below
``alpha`` is called significant.

>>> from journeymap.analytics import sample_path
>>> result = abtest(sample_path(), ["view_item", "purchase"], variant_column="platform", control="ios")
>>> row = result.comparisons[-1]
>>> row.variant, row.step, row.significant
('android', 'purchase', True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ...errors import DataSourceError
from ...i18n import gettext as _
from ...published import PUBLISHED, Test
from ..funnel import funnel_stages, window_seconds
from ..matching import StepSpec, as_steps
from ..results import Record, Result, share
from ..sources import TIME, USER, EventLog, column_list, read_events
from .segments import retained_by_user
from .stats import ALPHA, Table2x2, adjusted, sample_size, two_proportions, wilson

BEFORE, AFTER = "before", "after"
CORRECTIONS = ("holm", "fdr_bh", "bonferroni")


@dataclass
class Arm(Record):
    """One variant at one step: its users, conversions and rate with a Wilson interval."""

    variant: str
    step: str
    users: int
    conversions: int

    @property
    def rate(self) -> float | None:
        """Conversions / users."""
        return share(self.conversions, self.users)

    def to_dict(self) -> dict[str, Any]:
        """Return the arm as plain data, with its rate and the rate's Wilson interval."""
        interval = wilson(self.conversions, self.users)
        return {**super().to_dict(), "rate": self.rate, "interval": list(interval) if interval else None}


@dataclass
class Comparison(Record):
    """A variant against the control at one step: a row of ``abtest --json``."""

    __pydantic_config__ = PUBLISHED

    variant: str
    step: str
    difference: float | None
    interval: tuple[float, float] | None
    uplift: float | None
    p_value: float
    test: Test
    needed_users: int | None
    adjusted_p: float = 1.0
    significant: bool = False


@dataclass
class ABTest(Result):
    """Arms per variant and step, and every variant compared with the control."""

    control: str
    variants: list[str]
    correction: str
    alpha: float
    arms: list[Arm] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per variant and step, with its comparison against the control."""
        against = {(row.variant, row.step): row.to_dict() for row in self.comparisons}
        return [
            {**arm.to_dict(), **{k: v for k, v in against.get((arm.variant, arm.step), {}).items() if k not in ("variant", "step")}}
            for arm in self.arms
        ]


def abtest(
    source: str | Path | EventLog | ir.Table,
    steps: Iterable[StepSpec | str],
    *,
    variant_column: str | None = None,
    control: str | None = None,
    before: str | None = None,
    after: str | None = None,
    window: str | float = "30d",
    retention_day: int | None = None,
    alpha: float = ALPHA,
    correction: str = "holm",
    active: bool | None = None,
) -> ABTest:
    """Return the A/B test of ``steps`` by ``variant_column`` (or ``before``/``after`` date ranges); see the module.

    With ``active`` (before/after only, and the default there), each period's users are all the users active in it,
    and its funnel is that of its events; ``active=False`` splits users by their first event instead.
    """
    if correction not in CORRECTIONS:
        raise DataSourceError(_("correction {name!r}: choose one of {names}").format(name=correction, names=", ".join(CORRECTIONS)))
    if active is None:
        active = bool(before and after) and variant_column is None
    if active:
        _check_active(variant_column, before, after, retention_day)
    table = read_events(source).table
    specs = as_steps(steps)
    if not specs and retention_day is None:
        raise DataSourceError(_("name what to compare: --step (conversion) or --retention-day (retention), or both"))
    if active:
        counts = _active_counts(table, specs, before or "", after or "", window=window_seconds(window)).execute()
    else:
        assigned = _assignment(table, variant_column, before, after)
        counts = arm_counts(table, specs, assigned, window=window_seconds(window), retention_day=retention_day).execute()
    arms = {str(row["variant"]): row for row in counts.to_dict("records")}
    variants = _ordered_variants(arms, control, variant_column)
    result = ABTest(control=variants[0], variants=variants, correction=correction, alpha=alpha)
    for name in variants:
        result.arms += [
            Arm(name, spec.name, int(arms[name]["users"]), int(arms[name][f"converted_{k}"] or 0)) for k, spec in enumerate(specs)
        ]
        if retention_day is not None:
            result.arms.append(
                Arm(name, _("retained on day {day}").format(day=retention_day), int(arms[name]["users"]), int(arms[name]["retained"] or 0))
            )
    _compare(result)
    return result


def arm_counts(table: ir.Table, steps: list[StepSpec], assigned: ir.Table, *, window: float, retention_day: int | None = None) -> ir.Table:
    """Return per variant its ``users`` and, per step k, ``converted_k``: users who reached step k.

    ``assigned`` has ``user_id, variant``; the steps form an ordered funnel within ``window`` seconds.
    With ``retention_day``, also ``retained``: users with an event on that rolling day after their first.

    >>> from journeymap.analytics import read_events, sample_path
    >>> table = read_events(sample_path()).table
    >>> assigned = table.group_by("user_id").aggregate(variant=table.platform.argmin(table.timestamp))
    >>> rows = arm_counts(table, [StepSpec.parse("purchase")], assigned, window=86400).execute()
    >>> int(rows.users.sum())
    3000
    """
    per_user = assigned
    for k, stage in enumerate(funnel_stages(table, steps, window=window) if steps else []):
        reached = stage.select(**{f"_u{k}": stage[USER]})
        per_user = per_user.left_join(reached, per_user[USER] == reached[f"_u{k}"])
    if retention_day is not None:
        flags = retained_by_user(table, [retention_day])
        flags = flags.select(_r_user=flags[USER], _retained=flags[f"day_{retention_day}"])
        per_user = per_user.left_join(flags, per_user[USER] == flags._r_user)
    metrics = {f"converted_{k}": per_user[f"_u{k}"].count() for k in range(len(steps))}
    if retention_day is not None:
        metrics["retained"] = per_user._retained.sum()
    return per_user.group_by("variant").aggregate(users=per_user.count(), **metrics)


def _check_active(variant_column: str | None, before: str | None, after: str | None, retention_day: int | None) -> None:
    """Raise :class:`DataSourceError` unless the options fit the ``active`` mode: two periods, no variant column, no retention."""
    if variant_column is not None or not (before and after):
        raise DataSourceError(_("--active compares two periods: give both --before and --after, and no --variant-column"))
    if retention_day is not None:
        raise DataSourceError(
            _(
                "before/after compares everyone active in each period, whose conversion it counts within the period: drop --retention-day, or add --first-event to split users by their first event"
            )
        )


def _active_counts(table: ir.Table, steps: list[StepSpec], before: str, after: str, *, window: float) -> ir.Table:
    """Return :func:`arm_counts` per period: every user with an event in it, and the funnel of its events only."""
    arms = []
    for name, text in ((BEFORE, before), (AFTER, after)):
        start, end = date_range(text)
        inside = table.filter((table[TIME] >= start) & (table[TIME] < end))
        arms.append(arm_counts(inside, steps, inside.select(USER).distinct().mutate(variant=ibis.literal(name)), window=window))
    return arms[0].union(arms[1])


def _assignment(table: ir.Table, column: str | None, before: str | None, after: str | None) -> ir.Table:
    if column is not None:
        if before or after:
            raise DataSourceError(_("use either --variant-column or --before/--after, not both"))
        if column not in table.columns:
            raise DataSourceError(
                _("--variant-column {column!r}: the log has no such column (columns: {found})").format(
                    column=column, found=column_list(table)
                )
            )
        rows = table.filter(table[column].notnull() & (table[column].cast("string") != ""))
        return rows.group_by(USER).aggregate(variant=rows[column].cast("string").argmin(rows[TIME]))
    if not (before and after):
        raise DataSourceError(_("name the variant column with --variant-column, or give both --before and --after date ranges"))
    starts = table.group_by(USER).aggregate(_start=table[TIME].min())
    (before_from, before_to), (after_from, after_to) = date_range(before), date_range(after)
    variant = ibis.cases(
        ((starts._start >= before_from) & (starts._start < before_to), BEFORE),
        ((starts._start >= after_from) & (starts._start < after_to), AFTER),
    )
    labelled = starts.mutate(variant=variant)
    return labelled.filter(labelled.variant.notnull()).select(USER, "variant")


def date_range(text: str) -> tuple[date, date]:
    """Return ``[first day, day after the last)`` of ``YYYY-MM-DD..YYYY-MM-DD`` (both days included).

    >>> date_range("2025-09-01..2025-09-30")
    (datetime.date(2025, 9, 1), datetime.date(2025, 10, 1))
    """
    first, dots, last = text.partition("..")
    wrong = DataSourceError(_("date range {text!r}: write it as 2025-09-01..2025-09-30").format(text=text))
    try:
        start, end = date.fromisoformat(first.strip()), date.fromisoformat(last.strip())
    except ValueError:
        raise wrong from None
    if not dots or end < start:
        raise wrong
    return start, end + timedelta(days=1)


def _ordered_variants(arms: dict[str, Any], control: str | None, column: str | None) -> list[str]:
    if not arms:
        raise DataSourceError(_("no user has a variant: check --variant-column or the date ranges"))
    if column is None:
        control = BEFORE
    names = sorted(arms, key=lambda name: (-int(arms[name]["users"]), name))
    control = control if control is not None else names[0]
    if control not in arms:
        raise DataSourceError(
            _("control {control!r} is not a variant in the log (variants: {names})").format(control=control, names=", ".join(sorted(arms)))
        )
    if len(arms) < 2:
        raise DataSourceError(_("only one variant ({name}) in the log: an A/B test needs two or more").format(name=control))
    return [control, *(name for name in names if name != control)]


def _compare(result: ABTest) -> None:
    arms = {(arm.variant, arm.step): arm for arm in result.arms}
    steps = [arm.step for arm in result.arms if arm.variant == result.control]
    for variant in result.variants[1:]:
        for step in steps:
            base, other = arms[(result.control, step)], arms[(variant, step)]
            table = Table2x2(other.conversions, other.users - other.conversions, base.conversions, base.users - base.conversions)
            p_value, test = two_proportions((base.conversions, base.users), (other.conversions, other.users))
            difference = uplift = needed = None
            if other.rate is not None and base.rate is not None:
                difference = other.rate - base.rate
                uplift = difference / base.rate if base.rate else None
                needed = sample_size(base.rate, other.rate, ratio=other.users / base.users) if difference else None
            result.comparisons.append(Comparison(variant, step, difference, table.difference_interval(), uplift, p_value, test, needed))
    values = adjusted([row.p_value for row in result.comparisons], result.correction)
    for row, value in zip(result.comparisons, values):
        row.adjusted_p = value
        row.significant = value < result.alpha
