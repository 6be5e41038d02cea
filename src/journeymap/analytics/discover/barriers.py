"""Barriers: the step-to-step conversions where the journey loses its users.

The steps form an ordered first-entry funnel (:func:`journeymap.analytics.funnel`).
For each pair of consecutive steps: the conversion, the users lost, the
median time to convert beside the median of the other pairs' median times,
and a test of the pair's conversion against the pooled conversion of the
journey's other pairs (z-test, Fisher's test for
small counts, Benjamini-Hochberg over the pairs). The *typical conversion* of
a pair is the median conversion of the other pairs. A pair is a barrier when
its conversion is both significantly lower than the others' (q < 0.05) and
materially lower than typical (by at least :data:`MATERIAL`, 20% of the
typical conversion), or below ``below`` when given. Pairs are ranked by the
users lost beyond a typical step: users at the pair × (typical conversion −
its conversion), then by conversion, worst first; a large early step that
converts as usual loses many users but none beyond the typical. With a
``previous`` period the same funnel is computed on it and each pair's change
is tested too; :func:`mark_barriers` writes the barriers into the map.

>>> from journeymap.analytics import sample_path
>>> result = barriers(sample_path(), ["app_open", "view_item", "purchase"], window="7d")
>>> [(row.source, row.target, row.barrier) for row in result.pairs][:1]
[('view_item', 'purchase', True)]
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis.expr.types as ir

from ...errors import DataSourceError
from ...i18n import gettext as _
from ...model import Evidence, EvidenceKind, Journey
from ..funnel import funnel, window_seconds
from ..matching import StepSpec, as_steps
from ..results import Funnel, Result
from ..sources import EventLog
from .proposals import withdraw
from .stats import ALPHA, adjusted, two_proportions

MATERIAL = 0.2
"""A barrier converts at least this share below the typical conversion (0.2: under 80% of it)."""


@dataclass
class Pair:
    """Two consecutive steps: how many reached the first, how many went on, and how that compares."""

    source: str
    target: str
    entered: int
    converted: int
    median_seconds: float | None
    p_value_vs_others: float
    q_value_vs_others: float = 1.0
    others_conversion: float | None = None
    typical_conversion: float | None = None
    others_median_seconds: float | None = None
    previous_conversion: float | None = None
    p_value_vs_previous: float | None = None
    barrier: bool = False

    @property
    def conversion(self) -> float | None:
        """The share of the first step's users who reached the second."""
        return self.converted / self.entered if self.entered else None

    @property
    def users_lost(self) -> int:
        """The users who reached the first step but not the second."""
        return self.entered - self.converted

    @property
    def excess_users_lost(self) -> float:
        """The users lost beyond what a typical pair of this funnel loses: users × (typical − its conversion), at least 0."""
        if self.conversion is None or self.typical_conversion is None:
            return 0.0
        return max(0.0, self.entered * (self.typical_conversion - self.conversion))

    @property
    def materially_lower(self) -> bool:
        """Whether the conversion is at least :data:`MATERIAL` below the typical one."""
        return (
            self.conversion is not None
            and self.typical_conversion is not None
            and self.conversion <= self.typical_conversion * (1 - MATERIAL)
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the pair as the JSON shape of ``barriers --json``."""
        return {
            "from": self.source,
            "to": self.target,
            "users": self.entered,
            "converted": self.converted,
            "conversion": self.conversion,
            "users_lost": self.users_lost,
            "typical_conversion": self.typical_conversion,
            "excess_users_lost": round(self.excess_users_lost, 1),
            "median_seconds": self.median_seconds,
            "others_conversion": self.others_conversion,
            "others_median_seconds": self.others_median_seconds,
            "p_value_vs_others": self.p_value_vs_others,
            "q_value_vs_others": self.q_value_vs_others,
            "previous_conversion": self.previous_conversion,
            "p_value_vs_previous": self.p_value_vs_previous,
            "barrier": self.barrier,
        }


@dataclass
class Barriers(Result):
    """Every pair of consecutive steps, worst first; ``barrier`` marks the ones found."""

    window_seconds: float
    pairs: list[Pair] = field(default_factory=list)

    @property
    def found(self) -> list[Pair]:
        """The pairs marked as barriers, worst first."""
        return [pair for pair in self.pairs if pair.barrier]

    def rows(self) -> list[dict[str, Any]]:
        """One record per pair."""
        return [pair.to_dict() for pair in self.pairs]

    def to_dict(self) -> dict[str, Any]:
        """``{"window_seconds", "barriers": [{"from", "to", "conversion", "users_lost", "median_seconds", ...}]}``."""
        return {"window_seconds": self.window_seconds, "barriers": self.rows()}


def barriers(
    source: str | Path | EventLog | ir.Table,
    steps: Iterable[StepSpec | str],
    *,
    window: str | float = "30d",
    previous: str | Path | EventLog | ir.Table | None = None,
    below: float | None = None,
) -> Barriers:
    """Return the pairs of consecutive ``steps`` ranked worst first, barriers marked (see the module)."""
    specs = as_steps(steps)
    if len(specs) < 2:
        raise DataSourceError(_("barriers need at least two steps: name them with --step, or bind two steps of the map"))
    seconds = window_seconds(window)
    current = funnel(source, specs, window=seconds)
    before = funnel(previous, specs, window=seconds) if previous is not None else None
    pairs = _pairs(current, before)
    for pair, q_value in zip(pairs, adjusted([pair.p_value_vs_others for pair in pairs])):
        pair.q_value_vs_others = q_value
        worse = pair.conversion is not None and pair.others_conversion is not None and pair.conversion < pair.others_conversion
        pair.barrier = (worse and q_value < ALPHA and pair.materially_lower) or (
            below is not None and pair.conversion is not None and pair.conversion < below
        )
    pairs.sort(key=lambda pair: (-pair.excess_users_lost, pair.conversion if pair.conversion is not None else 1.0))
    return Barriers(window_seconds=seconds, pairs=pairs)


def journey_barriers(journey: Journey, source: str | Path | EventLog | ir.Table, **options: Any) -> Barriers:
    """Return the barriers between the map's bound steps, in journey order (window from ``data.window``)."""
    specs = [StepSpec.from_binding(step.id, step.binding) for step in journey.steps if step.binding is not None]
    if "window" not in options or options["window"] is None:
        options["window"] = journey.data.window if journey.data is not None else "30d"
    return barriers(source, specs, **options)


def mark_barriers(journey: Journey, result: Barriers) -> Journey:
    """Return a copy of ``journey`` with each barrier written on its target step, with analytics evidence.

    The barrier text names the conversion and the users lost; the evidence is
    marked ``proposed`` until a person confirms it. What an earlier run proposed
    and nobody confirmed is replaced; a text already on the step is not added twice.
    """
    marked = journey.model_copy(deep=True)
    label = _("barriers analysis")
    for step in marked.steps:
        stale = withdraw(step, label)
        step.barriers = [text for text in step.barriers if text not in stale]
    for pair in result.found:
        try:
            step = marked.step(pair.target)
        except KeyError:
            raise DataSourceError(_("step {step!r} is not in the map; run barriers with --map").format(step=pair.target)) from None
        text = _("Only {conversion:.0%} go on from {source} ({lost:,} users lost; other steps {others:.0%})").format(
            conversion=pair.conversion, source=_step_name(marked, pair.source), lost=pair.users_lost, others=pair.others_conversion or 0
        )
        if text not in step.barriers:
            step.barriers.append(text)
            step.evidence.append(Evidence(kind=EvidenceKind.analytics, text=text, source=label, proposed=True))
    return marked


def _pairs(current: Funnel, before: Funnel | None) -> list[Pair]:
    steps = current.steps
    counts = [(steps[k].users, steps[k + 1].users) for k in range(len(steps) - 1)]
    pairs = []
    for k, (entered, converted) in enumerate(counts):
        others = [count for index, count in enumerate(counts) if index != k]
        pooled = (sum(count[1] for count in others), sum(count[0] for count in others))
        p_value = two_proportions(pooled, (converted, entered))[0] if entered and pooled[1] else 1.0
        pair = Pair(steps[k].name, steps[k + 1].name, entered, converted, steps[k + 1].median_seconds_from_previous, p_value)
        pair.others_conversion = pooled[0] / pooled[1] if pooled[1] else None
        rates = [went / came for came, went in others if came]
        pair.typical_conversion = statistics.median(rates) if rates else None
        times = [steps[index + 1].median_seconds_from_previous for index in range(len(counts)) if index != k]
        pair.others_median_seconds = statistics.median(known) if (known := [t for t in times if t is not None]) else None
        if before is not None:
            _compare(pair, before.steps[k].users, before.steps[k + 1].users)
        pairs.append(pair)
    return pairs


def _compare(pair: Pair, entered: int, converted: int) -> None:
    pair.previous_conversion = converted / entered if entered else None
    if entered and pair.entered:
        pair.p_value_vs_previous = two_proportions((converted, entered), (pair.converted, pair.entered))[0]


def _step_name(journey: Journey, step_id: str) -> str:
    try:
        return journey.step(step_id).name
    except KeyError:
        return step_id
