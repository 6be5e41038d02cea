"""Aha moments: the early actions whose doers come back more often.

The cohort is every user with a start event (their first event, or their
first ``from_event``). A candidate is an event name done by at least
``min_users`` cohort users within ``within`` of their start (and not done by
at least as many). Retained means an event (any, or ``return_event``) on day
N after the start, rolling 24-hour days as in :mod:`journeymap.analytics.retention`
(``unbounded``: day N or later). For every candidate: the retention of users
who did it and of those who did not, the lift (their ratio), the odds ratio
with a +1 prior in each cell, the phi coefficient, the Newcombe interval of
the difference, a chi-square p-value (Fisher's test when a cell is small),
and Benjamini-Hochberg q-values over all candidates. The frequency sweep
counts "did it at least k times" for k = 1..5 and reports the k with the best
phi. This is correlation: an A/B test of the action shows causation.

The engine counts everything in one query (each user's start is a window
minimum over their events; per user and event, the times done within the
window; per user, whether retained); the 2x2 tables are then tested here.

>>> from journeymap.analytics import sample_path
>>> result = aha(sample_path(), AhaSettings(retention_day=7, within="1d"))
>>> result.candidates[0].event
'add_to_favorites'
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ...errors import DataSourceError
from ...i18n import gettext as _
from ...model import Evidence, EvidenceKind, Journey
from .. import fetch
from ..funnel import window_seconds
from ..results import Record, Result
from ..retention import DAY_SECONDS
from ..sources import EVENT, TIME, USER, EventLog, read_events
from ..stored import stored
from ..timestamps import seconds_between
from .proposals import withdraw
from .segments import Rule, memberships
from .stats import ALPHA, Table2x2, adjusted, phi_reading, phi_words

MIN_PHI = 0.1
"""A candidate is marked on the map when its phi is at least this ("slightly predictive") and its q-value below alpha."""
MIN_USERS = 25
MIN_SHARE = 0.02
SWEEP = 5
"""The frequency sweep tries "at least k times" for k = 1..SWEEP."""


@dataclass
class Candidate(Record):
    """One candidate action: the 2x2 table at "did it at least once", its statistics and the best k."""

    event: str
    table: Table2x2
    p_value: float
    test: str
    q_value: float = 1.0
    best_k: int = 1
    best_k_phi: float = 0.0
    interval: tuple[float, float] | None = None

    @property
    def phi(self) -> float:
        """The phi coefficient at "did it at least once"."""
        return self.table.phi

    def to_dict(self) -> dict[str, Any]:
        """Return the candidate as the JSON shape of ``aha --json``."""
        return {
            "event": self.event,
            "users_did": self.table.did,
            "users_not": self.table.did_not,
            "retention_did": self.table.rate_did,
            "retention_not": self.table.rate_not,
            "lift": self.table.lift,
            "odds_ratio": self.table.odds_ratio,
            "phi": self.phi,
            "reading": phi_reading(self.phi),
            "difference_interval": list(self.interval) if self.interval else None,
            "p_value": self.p_value,
            "test": self.test,
            "q_value": self.q_value,
            "best_k": self.best_k,
            "best_k_phi": self.best_k_phi,
        }


@dataclass
class Aha(Result):
    """Aha-moment candidates ranked by phi, best first."""

    retention_day: int
    within_seconds: float
    cohort_size: int
    retained: int
    min_users: int
    candidates: list[Candidate] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per candidate."""
        return [candidate.to_dict() for candidate in self.candidates]

    def aha_moment(self, *, alpha: float = ALPHA, min_phi: float = MIN_PHI) -> Candidate | None:
        """Return the best candidate that counts (q-value below ``alpha``, phi at least ``min_phi``), if any."""
        return next((c for c in self.candidates if c.q_value < alpha and c.phi >= min_phi), None)

    def to_dict(self) -> dict[str, Any]:
        """``{"retention_day", "cohort_size", "candidates": [...]}`` and the settings behind them, with a note on reading them."""
        data = super().to_dict()
        candidates = data.pop("candidates")
        return {
            **data,
            "note": _("Correlation, not causation: test the top action with an A/B test before calling it the cause."),
            "candidates": candidates,
        }


@dataclass(frozen=True)
class AhaSettings:
    """What :func:`aha` and :func:`aha_by_segment` count (see the module's definitions).

    >>> AhaSettings(retention_day=7, within="1d").window_seconds()
    86400.0
    """

    retention_day: int = 7
    """Retained means an event on this day after the start."""
    within: str | float = "3d"
    """Candidates are the actions done within this time of the start (``"1d"``, ``"12h"`` or seconds)."""
    min_users: int | None = None
    """Skip actions done (or not done) by fewer users; ``None``: :data:`MIN_USERS` or :data:`MIN_SHARE` of the cohort."""
    from_event: str | None = None
    """Start at each user's first event of this name (default: their first event)."""
    return_event: str | None = None
    """Count only this event as coming back (default: any event)."""
    unbounded: bool = False
    """Retained on day ``retention_day`` or later."""
    include_return_events: bool = False
    """Also rank the start and return events."""

    def window_seconds(self) -> float:
        """Return ``within`` in seconds; an error when it ends after day ``retention_day``."""
        seconds = window_seconds(self.within)
        if self.retention_day < 1 or seconds > self.retention_day * DAY_SECONDS:
            raise DataSourceError(
                _("--within {within} must end by day {day}: an action after that would count as the return itself").format(
                    within=self.within, day=self.retention_day
                )
            )
        return seconds

    def excluded(self) -> list[str]:
        """Return the events left out of the candidates: the start and return events, unless asked to include them."""
        return [] if self.include_return_events else sorted({name for name in (self.return_event, self.from_event) if name})

    def counts(self, table: ir.Table, members: ir.Table | None = None) -> ir.Table:
        """Return :func:`aha_counts` of ``table`` with these settings."""
        return aha_counts(
            table,
            retention_day=self.retention_day,
            within=self.window_seconds(),
            from_event=self.from_event,
            return_event=self.return_event,
            unbounded=self.unbounded,
            members=members,
        )

    def ranked(self, rows: list[dict[str, Any]]) -> Aha:
        """Return the candidates of :meth:`counts`' rows (of one segment), tested and ranked by phi."""
        return _ranked(rows, self.retention_day, self.window_seconds(), self.min_users, self.excluded())


def aha(source: str | Path | EventLog | ir.Table, settings: AhaSettings = AhaSettings()) -> Aha:
    """Return the aha-moment candidates of the log at ``source`` (see the module's definitions)."""
    table = read_events(source).table
    return settings.ranked(fetch.records(settings.counts(table)))


def aha_by_segment(
    source: str | Path | EventLog | ir.Table,
    rules: Mapping[str, Rule],
    settings: AhaSettings = AhaSettings(),
    members: ir.Table | None = None,
) -> dict[str, Aha]:
    """Return each segment's aha-moment candidates: what :func:`aha` finds on the log of the segment's users.

    Every user's start, return and early actions are counted once, and every
    segment's tables in one query (a user's counts do not depend on the others').
    ``members`` is :func:`.segments.memberships` of the rules, when already found.

    >>> from journeymap.analytics import sample_path
    >>> from journeymap.analytics.discover import parse_rules
    >>> found = aha_by_segment(sample_path(), parse_rules("segments: [{name: Searchers, rule: {event: search}}]"), AhaSettings(within="1d"))
    >>> found["Searchers"].aha_moment().event
    'add_to_favorites'
    """
    table = read_events(source).table
    settings.window_seconds()  # a wrong --within fails before the segments are counted
    with ExitStack() as stack:
        members = stored(memberships(table, rules, stack), stack) if members is None else members
        rows = fetch.records(settings.counts(table, members))
    by_segment: dict[str, list[dict[str, Any]]] = {name: [] for name in rules}
    for row in rows:
        by_segment[str(row["segment"])].append(row)
    return {name: settings.ranked(found) for name, found in by_segment.items()}


def mark_aha(journey: Journey, result: Aha, *, alpha: float = ALPHA, min_phi: float = MIN_PHI) -> Journey:
    """Return a copy of ``journey`` where steps bound to a predictive aha event are key moments, with analytics evidence.

    A candidate counts when its q-value is below ``alpha`` and its phi at least
    ``min_phi``; the evidence is ``proposed`` until a person confirms it (and
    is not added twice).
    """
    marked = journey.model_copy(deep=True)
    label = _("aha analysis")
    for step in marked.steps:
        withdraw(step, label)
    for candidate in result.candidates:
        if candidate.q_value >= alpha or candidate.phi < min_phi:
            continue
        text = _(
            "Users who did {event} in their first {days:g} d came back on day {day} {lift:.1f}× as often (phi {phi:.2f}, {reading})"
        ).format(
            event=candidate.event,
            days=result.within_seconds / 86400,
            day=result.retention_day,
            lift=candidate.table.lift or 0,
            phi=candidate.phi,
            reading=phi_words(candidate.phi),
        )
        for step in marked.steps:
            if step.binding is None or candidate.event not in step.binding.events:
                continue
            step.key_moment = True
            if text not in [evidence.text for evidence in step.evidence]:
                step.evidence.append(Evidence(kind=EvidenceKind.analytics, text=text, source=label, proposed=True))
    return marked


def aha_counts(
    table: ir.Table,
    *,
    retention_day: int,
    within: float,
    from_event: str | None = None,
    return_event: str | None = None,
    unbounded: bool = False,
    members: ir.Table | None = None,
) -> ir.Table:
    """Return, per event name, the users who did it at least k times (``did_k``) and of them the retained (``kept_k``).

    Also ``cohort`` and ``retained`` (the same on every row): the cohort's size and its retained users.
    With ``members`` (``user_id``, ``segment``: :func:`.segments.memberships`), the same per segment,
    with a ``segment`` column: each segment's counts are those of its users' log.

    >>> from journeymap.analytics import read_events, sample_path
    >>> rows = aha_counts(read_events(sample_path()).table, retention_day=7, within=86400).execute()
    >>> int(rows.cohort.iloc[0])
    3000
    """
    narrow = table.select(USER, EVENT, TIME)
    first = narrow[TIME].min(where=narrow[EVENT] == from_event) if from_event else narrow[TIME].min()
    rows = narrow.mutate(_start=first.over(group_by=narrow[USER]))
    rows = rows.filter(rows._start.notnull())
    offset = seconds_between(rows[TIME], rows._start)
    day = (offset / DAY_SECONDS).floor()
    hit = (day >= retention_day) if unbounded else (day == retention_day)
    if return_event:
        hit &= rows[EVENT] == return_event
    kept = rows.group_by(USER).aggregate(_kept=hit.any())
    early = rows.filter((offset >= 0) & (offset <= within)).group_by([USER, EVENT]).aggregate(n=ibis._.count())
    early = early.join(kept, USER)
    groups = []
    if members is not None:
        early, kept, groups = early.join(members, USER), kept.join(members, USER), ["segment"]
    per_k = {}
    for k in range(1, SWEEP + 1):
        per_k[f"did_{k}"] = (early.n >= k).sum()
        per_k[f"kept_{k}"] = ((early.n >= k) & early._kept).sum()
    by_event = early.group_by([*groups, EVENT]).aggregate(**per_k)
    if not groups:
        return by_event.cross_join(kept.aggregate(cohort=kept.count(), retained=kept._kept.sum()))
    return by_event.join(kept.group_by(groups).aggregate(cohort=kept.count(), retained=kept._kept.sum()), groups)


def _ranked(rows: list[dict[str, Any]], day: int, seconds: float, min_users: int | None, excluded: list[str]) -> Aha:
    cohort = int(rows[0]["cohort"]) if rows else 0
    retained = int(rows[0]["retained"] or 0) if rows else 0
    floor = min_users if min_users is not None else max(MIN_USERS, int(MIN_SHARE * cohort))
    candidates = []
    for row in rows:
        tables = [_table(row, k, cohort, retained) for k in range(1, SWEEP + 1)]
        first = tables[0]
        if row[EVENT] in excluded or first.did < floor or first.did_not < floor:
            continue
        p_value, test = first.p_value()
        usable = [(k, table.phi) for k, table in enumerate(tables, start=1) if table.did >= floor and table.did_not >= floor]
        best_k, best_phi = max(usable, key=lambda item: (item[1], -item[0]))
        candidates.append(
            Candidate(row[EVENT], first, p_value, test, best_k=best_k, best_k_phi=best_phi, interval=first.difference_interval())
        )
    for candidate, q_value in zip(candidates, adjusted([candidate.p_value for candidate in candidates])):
        candidate.q_value = q_value
    candidates.sort(key=lambda candidate: (-candidate.phi, candidate.event))
    return Aha(
        retention_day=day,
        within_seconds=seconds,
        cohort_size=cohort,
        retained=retained,
        min_users=floor,
        candidates=candidates,
        excluded=excluded,
    )


def _table(row: dict[str, Any], k: int, cohort: int, retained: int) -> Table2x2:
    did, kept = int(row[f"did_{k}"] or 0), int(row[f"kept_{k}"] or 0)
    return Table2x2(did_yes=kept, did_no=did - kept, not_yes=retained - kept, not_no=cohort - did - (retained - kept))
