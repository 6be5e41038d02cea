"""The JSON that ``funnel``, ``retention``, ``transitions`` and ``analyze`` print."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, RootModel

from .base import DEFERRED, Output


class FunnelStep(Output):
    """One step of a funnel: users who reached it and the time it took from the previous one."""

    name: str
    users: int
    conversion_from_previous: float | None
    conversion_from_start: float | None
    median_seconds_from_previous: float | None
    p90_seconds_from_previous: float | None
    time_to_convert: list[int] | None
    """With ``--times``: users per bucket of time from the previous step (a minute, ten minutes, an hour, a day, a week, longer)."""


class Funnel(Output):
    """What ``funnel --json`` prints; ``by`` and ``groups`` (one funnel per value or period) when broken down."""

    entered: int
    window_seconds: float
    mode: Literal["ordered", "strict", "any-order"]
    steps: list[FunnelStep]
    by: str | None = None
    """The column (``--by``) or the period (``--interval``) of the breakdown."""
    groups: dict[str, Funnel] | None = None


class WeeklyCohort(Output):
    """Users who started in one week, and the share of them active in each week after."""

    cohort: str
    size: int
    weeks: list[float | None]


class Retention(Output):
    """Day-N retention of a cohort (days as keys), and weekly cohorts."""

    cohort_size: int
    retention: dict[str, float | None]
    retained: dict[str, int]
    unbounded: bool
    weekly_cohorts: list[WeeklyCohort]


class Period(Output):
    """Users who started in one period and their day-N retention, as ``day_N`` keys."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, float | None]

    period: str
    users: int


class PeriodRetention(Output):
    """What ``retention --interval --json`` prints."""

    interval: Literal["day", "week", "month"]
    days: list[int]
    periods: list[Period]


class RetentionOutput(RootModel[Retention | PeriodRetention | dict[str, Retention]]):
    """What ``retention --json`` prints: a cohort's retention, one per period (``--interval``) or one per segment (``--by-segment``)."""

    model_config = DEFERRED


class Edge(Output):
    """How often one event directly follows another, and how fast."""

    source: str
    target: str
    count: int
    median_seconds: float | None
    p90_seconds: float | None
    users: int | None = None
    """With ``--users``: the distinct users of the edge."""


class Transitions(Output):
    """What ``transitions --json`` prints: events by count and the edges between them."""

    events: dict[str, int]
    edges: list[Edge]


class MeasuredStep(Output):
    """A bound step's measured figures."""

    name: str
    audience: float | None
    conversion: float | None
    time_seconds: float | None


class Analyze(Output):
    """What ``analyze --json`` prints: the measured map written and its measured steps."""

    output: str
    steps: list[MeasuredStep]
