"""The JSON that ``aha``, ``drivers``, ``barriers``, ``abtest``, ``segments``, ``personas`` and ``compare`` print."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, RootModel

from ..analytics.discover.abtest import Comparison
from ..analytics.discover.drivers import Drivers as DriversResult
from ..published import Test
from .analytics import Funnel
from .base import DEFERRED, Output, derived


class Candidate(Output):
    """An early action and how the retention of its users compares with the others'."""

    event: str
    users_did: int
    users_not: int
    retention_did: float | None
    retention_not: float | None
    lift: float | None
    odds_ratio: float | None
    phi: float
    reading: str
    """The strength of ``phi`` in words."""
    difference_interval: tuple[float, float] | None
    p_value: float
    test: Test
    q_value: float
    best_k: int
    """Doing the action this many times goes with retention most strongly."""
    best_k_phi: float


class Aha(Output):
    """Candidate aha moments ranked by phi, and the settings behind them."""

    retention_day: int
    within_seconds: float
    cohort_size: int
    retained: int
    min_users: int
    excluded: list[str]
    note: str
    candidates: list[Candidate]


class AhaOutput(RootModel[Aha | dict[str, Aha]]):
    """What ``aha --json`` prints: the candidates, or one set per segment (``--by-segment``)."""

    model_config = DEFERRED


class Driver(Output):
    """An event or entry property and how the conversion of its users compares with the others'."""

    kind: Literal["event", "property"]
    name: str
    users_did: int
    users_not: int
    conversion_did: float | None
    conversion_not: float | None
    odds_ratio: float | None
    phi: float
    reading: str
    p_value: float
    test: Test
    q_value: float


@derived
class Drivers(DriversResult):
    """What ``drivers --json`` prints: candidates ranked, and the settings behind them."""

    drivers: list[Driver]  # type: ignore[assignment]
    note: str


class Pair(Output):
    """The conversion from one step to the next, tested against the other steps'."""

    from_: str = Field(alias="from")
    to: str
    users: int
    converted: int
    conversion: float | None
    users_lost: int
    typical_conversion: float | None
    excess_users_lost: float
    """Users lost beyond what a typical step of the funnel loses."""
    median_seconds: float | None
    others_conversion: float | None
    others_median_seconds: float | None
    p_value_vs_others: float
    q_value_vs_others: float
    previous_conversion: float | None
    p_value_vs_previous: float | None
    barrier: bool


class Barriers(Output):
    """What ``barriers --json`` prints: every pair of consecutive steps, barriers marked."""

    window_seconds: float
    barriers: list[Pair]


class Arm(Output):
    """One variant at one step."""

    variant: str
    step: str
    users: int
    conversions: int
    rate: float | None
    interval: tuple[float, float] | None


class ABTest(Output):
    """What ``abtest --json`` prints: each variant's conversion per step, and the tests against the control."""

    control: str
    variants: list[str]
    correction: Literal["holm", "fdr_bh", "bonferroni"]
    alpha: float
    arms: list[Arm]
    comparisons: list[Comparison]


class Segment(Output):
    """A rule segment: its users, funnel and day-N retention (days as keys)."""

    name: str
    rule: str
    users: int
    share: float | None
    funnel: Funnel | None
    retention: dict[str, float | None] | None


class Segments(Output):
    """Rule segments (``segments --rules``); they may overlap."""

    total_users: int
    segments: list[Segment]


class TopEvent(Output):
    """An event that sets a cluster apart: its share of the cluster's events against its share overall."""

    event: str
    share: float
    population_share: float
    ratio: float


class Cluster(Output):
    """One behaviour cluster."""

    id: int
    name: str
    users: int
    share: float | None
    top_events: list[TopEvent]
    conversion: float | None
    retention: float | None


class Clusters(Output):
    """Behaviour clusters (``segments --cluster``): one per user."""

    method: Literal["kmeans", "hdbscan"]
    k: int
    silhouette: float | None
    users: int
    retention_day: int
    clusters: list[Cluster]


class SequenceSegment(Output):
    """A segment found from an ordered action sequence."""

    name: str
    sequence: list[str]
    users: int
    share: float | None
    users_in_this_order_only: int
    users_in_a_rival_order_only: int
    q_value: float


class SequenceSegments(Output):
    """Segments from repeated action sequences (``segments --discover``)."""

    total_users: int
    min_support: float
    gap_seconds: float
    frequent_patterns: int
    sampled_users: int | None
    segments: list[SequenceSegment]


class PatternShare(Output):
    """The users of one pattern (``segments --check``)."""

    sequence: list[str]
    users: int
    total_users: int
    share: float | None


class SegmentsOutput(RootModel[Segments | Clusters | SequenceSegments | PatternShare]):
    """What ``segments --json`` prints: rule segments, clusters, discovered segments or a checked pattern."""

    model_config = DEFERRED


class Persona(Output):
    """A persona added to the map."""

    name: str
    users: int
    share: float | None


class Personas(Output):
    """What ``personas --json`` prints: the map written and its personas."""

    output: str
    personas: list[Persona]


class StepTest(Output):
    """One step's conversion tested across the segments."""

    step: str
    p_value: float
    test: Test
    q_value: float
    significant: bool
    best: str | None
    worst: str | None


class Compare(Output):
    """What ``compare --json`` prints: one funnel per segment and each step's test."""

    by: str
    groups: dict[str, Funnel]
    tests: list[StepTest]
