"""Conversion drivers: the events (and entry properties) that go with converting from one step to the next.

The cohort is every user with the ``first`` event (their first one); a user
converted when ``then`` follows within ``window`` (as in
:mod:`journeymap.analytics.between`). A candidate event is one a user did
after entering and before converting (or, having not converted, within the
window); a candidate property value is the value a column had on the user's
entry event. For each candidate done by at least ``min_users`` users (and
not done by as many), the 2x2 table of did it / converted gives the
conversion of those who did and did not, the odds ratio with a +1 prior in
each cell, the phi coefficient, a chi-square p-value (Fisher's test when a
cell is small) and Benjamini-Hochberg q-values over all candidates: the
statistics of :mod:`.aha`, from :mod:`.stats`. Candidates are ranked by the
size of phi (those that go with dropping off have a negative one). This is
correlation, as in PostHog's correlation analysis and Amplitude's conversion
drivers: an A/B test of the candidate shows causation.

>>> from journeymap.analytics import sample_path
>>> found = drivers(sample_path(), "view_item", "purchase")
>>> found.cohort, found.converted
(2454, 717)
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ...i18n import gettext as _
from .. import fetch
from ..between import entries
from ..funnel import window_seconds
from ..ordering import is_later, place, tie_column
from ..results import Result
from ..sources import EVENT, ROW, STANDARD, TIME, USER, EventLog, read_events
from ..stored import stored
from ..timestamps import seconds_between
from .aha import MIN_SHARE, MIN_USERS
from .stats import ALPHA, Table2x2, adjusted, phi_reading

MAX_VALUES = 50
"""A property column with more distinct entry values than this (an id, a time) is not a candidate."""
NOTE = "Correlation, not causation: test a driver with an A/B test before calling it the cause."


@dataclass
class Driver:
    """One candidate: an event done before converting, or a property's value at the entry; its 2x2 table and tests."""

    kind: str
    name: str
    table: Table2x2
    p_value: float
    test: str
    q_value: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """The candidate as the JSON shape of ``drivers --json``."""
        return {
            "kind": self.kind, "name": self.name, "users_did": self.table.did, "users_not": self.table.did_not,
            "conversion_did": self.table.rate_did, "conversion_not": self.table.rate_not, "odds_ratio": self.table.odds_ratio,
            "phi": self.table.phi, "reading": phi_reading(self.table.phi), "p_value": self.p_value, "test": self.test, "q_value": self.q_value,
        }


@dataclass
class Drivers(Result):
    """Conversion drivers ranked by the size of phi, strongest first."""

    first: str
    then: str
    window_seconds: float
    cohort: int
    converted: int
    min_users: int
    drivers: list[Driver] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per candidate."""
        return [driver.to_dict() for driver in self.drivers]

    def significant(self, alpha: float = ALPHA) -> list[Driver]:
        """Return the candidates whose q-value is below ``alpha``."""
        return [driver for driver in self.drivers if driver.q_value < alpha]

    def to_dict(self) -> dict[str, Any]:
        """``{"first", "then", "cohort", "converted", "drivers": [...]}`` and the settings behind them."""
        return {
            "first": self.first, "then": self.then, "window_seconds": self.window_seconds, "cohort": self.cohort,
            "converted": self.converted, "min_users": self.min_users, "note": _(NOTE), "drivers": self.rows(),
        }


def drivers(
    source: str | Path | EventLog | ir.Table,
    first: str,
    then: str,
    *,
    window: str | float = "30d",
    min_users: int | None = None,
    properties: bool = True,
) -> Drivers:
    """Return the events (and entry property values) that go with converting from ``first`` to ``then`` (see the module).

    Each cohort user's entry and conversion are found once and kept in the engine
    (from the ``first`` and ``then`` events only); one pass over the log then counts
    the users of every event name between entry and conversion. Only the counts
    come to Python, never per-user rows.
    """
    table = read_events(source).table
    seconds = window_seconds(window)
    columns = [name for name in table.columns if name not in STANDARD and name != ROW] if properties else []
    with ExitStack() as stack:
        starts = stored(entries(table, first, columns), stack)
        targets = stored(_firsts_after(table.filter(table[EVENT] == then), starts, seconds).select(USER, _b_time="_time", _b_tie="_tie"), stack)
        users = starts.left_join(targets, USER).select(USER, *columns, converted=ibis._._b_time.notnull())
        totals = fetch.first_record(users.aggregate(cohort=users.count(), converted=users.converted.sum()))
        cohort, converted = int(totals.get("cohort") or 0), int(totals.get("converted") or 0)
        counts = [("event", str(row["name"]), int(row["did"]), int(row["did_yes"] or 0)) for row in fetch.records(_event_counts(table, starts, targets, first, then, seconds))]
        counts += [count for column in columns for count in _property_counts(users, column)]
    floor = min_users if min_users is not None else max(MIN_USERS, int(MIN_SHARE * cohort))
    found = []
    for kind, name, did, did_yes in counts:
        cell = Table2x2(did_yes=did_yes, did_no=did - did_yes, not_yes=converted - did_yes, not_no=cohort - did - (converted - did_yes))
        if cell.did >= floor and cell.did_not >= floor:
            found.append(Driver(kind, name, cell, *cell.p_value()))
    for driver, q_value in zip(found, adjusted([driver.p_value for driver in found])):
        driver.q_value = q_value
    found.sort(key=lambda driver: (-abs(driver.table.phi), driver.kind, driver.name))
    return Drivers(first=first, then=then, window_seconds=seconds, cohort=cohort, converted=converted, min_users=floor, drivers=found)


def _after(table: ir.Table, starts: ir.Table, window: float) -> ir.Table:
    """The events of ``table`` after each cohort user's entry, within ``window`` of it (user, event, time, tie)."""
    tie = tie_column(table)
    after = table.select(USER, EVENT, TIME, tie).join(starts.select(USER, "_a_time", "_a_tie"), USER)
    return after.filter(is_later(after[TIME], after[tie], after._a_time, after._a_tie) & (seconds_between(after[TIME], after._a_time) <= window))


def _firsts_after(table: ir.Table, starts: ir.Table, window: float) -> ir.Table:
    """Per cohort user: the place (``_time``, ``_tie``) of the first event of ``table`` after the entry, within ``window``."""
    tie = tie_column(table)
    after = _after(table, starts, window)
    return after.group_by(USER).aggregate(_time=after[TIME].min(), _tie=after[tie].argmin(place(after[TIME], after[tie])))


def _event_counts(table: ir.Table, starts: ir.Table, targets: ir.Table, first: str, then: str, window: float) -> ir.Table:
    """Per event name: the cohort users who did it after the entry and before converting (``did``), and of them the converted (``did_yes``).

    One pass over the log: its events after the entry, within the window and before the target, each user and name once.
    """
    tie = tie_column(table)
    after = _after(table.filter(~table[EVENT].isin([first, then])), starts, window).left_join(targets, USER)
    done = after.filter(after._b_time.isnull() | is_later(after._b_time, after._b_tie, after[TIME], after[tie]))
    done = done.group_by([USER, EVENT]).aggregate(_converted=done._b_time.notnull().any())
    return done.group_by(EVENT).aggregate(did=done.count(), did_yes=done._converted.sum()).rename(name=EVENT)


def _property_counts(users: ir.Table, column: str) -> list[tuple[str, str, int, int]]:
    """Per value of ``column`` on the entry event: ``("property", "column = value", did, did_yes)``; none for a column of too many values."""
    values = users.filter(users[column].notnull()).group_by(column).aggregate(did=ibis._.count(), did_yes=ibis._.converted.sum())
    rows = fetch.records(values.limit(MAX_VALUES + 1))
    if len(rows) > MAX_VALUES:
        return []
    return [("property", f"{column} = {row[column]}", int(row["did"]), int(row["did_yes"] or 0)) for row in rows]
