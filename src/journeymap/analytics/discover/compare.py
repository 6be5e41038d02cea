"""Compare segments: one funnel per value of a column, each step's conversion tested across them.

The funnel is :func:`journeymap.analytics.funnel` broken down ``by`` the
column (its value at the user's entry). For each step after the first, the
users who reached the step before are split by segment into "went on" and
"did not": a chi-square test of that segments × 2 table says whether the
conversion differs between segments (Fisher's exact test for two segments
with a small cell), and Benjamini-Hochberg q-values adjust over the steps.

>>> from journeymap.analytics import sample_path
>>> result = compare(sample_path(), ["view_item", "purchase"], by="platform", window="7d")
>>> result.tests[0].significant, result.tests[0].worst
(True, 'android')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
from scipy import stats as scipy_stats

from ...errors import DataSourceError
from ...i18n import gettext as _
from ..funnel import funnel
from ..matching import StepSpec
from ..results import Funnel, Record, Result
from ..sources import EventLog
from .stats import ALPHA, Table2x2, adjusted


@dataclass
class StepTest(Record):
    """Whether a step's conversion from the one before differs between segments."""

    step: str
    p_value: float
    test: str
    q_value: float = 1.0
    significant: bool = False
    best: str | None = None
    worst: str | None = None


@dataclass
class SegmentComparison(Result):
    """A funnel per segment and a test per step."""

    by: str
    funnel: Funnel
    tests: list[StepTest] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per segment and step (the funnel's breakdown)."""
        return self.funnel.rows()

    def to_dict(self) -> dict[str, Any]:
        """``{"by", "groups": {name: funnel}, "tests": [{"step", "p_value", "q_value", "significant", "best", "worst"}]}``."""
        return {"by": self.by, "groups": {name: group.to_dict() for name, group in self.funnel.groups.items()}, "tests": [test.to_dict() for test in self.tests]}


def compare(
    source: str | Path | EventLog | ir.Table,
    steps: Iterable[StepSpec | str],
    *,
    by: str,
    window: str | float = "30d",
    alpha: float = ALPHA,
) -> SegmentComparison:
    """Return one funnel per value of ``by`` and each step's conversion tested across them (see the module)."""
    result = funnel(source, steps, window=window, by=by)
    groups = {name: group for name, group in result.groups.items() if group.entered}
    if len(groups) < 2:
        raise DataSourceError(_("--segment-column {column!r} has fewer than two values among the users who entered: nothing to compare").format(column=by))
    comparison = SegmentComparison(by=by, funnel=result)
    for k in range(1, len(result.steps)):
        counts = {name: (group.steps[k - 1].users, group.steps[k].users) for name, group in groups.items() if group.steps[k - 1].users}
        p_value, method = _p_value(list(counts.values()))
        rates = {name: went / came for name, (came, went) in counts.items()}
        comparison.tests.append(StepTest(result.steps[k].name, p_value, method, best=max(rates, key=rates.__getitem__), worst=min(rates, key=rates.__getitem__)))
    for test, q_value in zip(comparison.tests, adjusted([test.p_value for test in comparison.tests])):
        test.q_value, test.significant = q_value, q_value < alpha
    return comparison


def _p_value(counts: list[tuple[int, int]]) -> tuple[float, str]:
    """The p-value that ``(came, went)`` rates differ between rows."""
    table = [[went, came - went] for came, went in counts]
    if len(table) == 2:
        return Table2x2(table[0][0], table[0][1], table[1][0], table[1][1]).p_value()
    if sum(row[0] for row in table) in (0, sum(sum(row) for row in table)):
        return 1.0, "chi-square"
    return float(scipy_stats.chi2_contingency(table, correction=False).pvalue), "chi-square"
