"""Transitions: the directly-follows graph of a log.

An edge ``a → b`` counts the times a user's event ``a`` is directly followed
by their event ``b`` (in the user order: time, then the place in the file), with the
median and 90th percentile of seconds between the two and, when asked, the
number of users doing it.

One pass over the log does it all: the window that pairs each event with the
next one also leaves each user's last event unpaired, so the same grouping
counts the events too. On DuckDB, a log of more than :data:`STAGED_ROWS`
events is done in stages instead: the pairs go to a temporary Parquet file
and are grouped from there, the distinct users apart from the times. The
numbers are the same; the memory stays within DuckDB's cap, where the window
and the exact medians together would spill without end.

>>> from journeymap.analytics import transitions, sample_path
>>> result = transitions(sample_path())
>>> sum(result.events.values()) > sum(edge["count"] for edge in result.edges)
True
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import ibis.expr.types as ir

from . import fetch
from .ordering import user_order
from .results import Transitions, clean_number
from .sources import EVENT, TIME, USER, EventLog, read_events
from .timestamps import seconds_between

TIMES = ("source", "target", "count", "median_seconds", "p90_seconds")
KEYS = ["source", "target"]
STAGED_ROWS = 30_000_000
"""Above this many events, DuckDB computes the transitions in stages (see the module's notes)."""


def transitions(
    source: str | Path | EventLog | ir.Table, *, top: int | None = None, users: bool = False, staged: bool | None = None
) -> Transitions:
    """Return the edges of the directly-follows graph, most frequent first (the ``top`` ones when given).

    ``users`` also counts the distinct users of each edge (a distinct count
    over every pair: the dearest part). ``staged`` forces (True) or forbids
    (False) the staged plan; by default DuckDB stages logs of more than
    :data:`STAGED_ROWS` events.
    """
    log = read_events(source)
    if staged is None:
        staged = log.table.get_backend().name == "duckdb" and _rows(log) > STAGED_ROWS
    rows = _staged_rows(log.table, users) if staged else fetch.records(followers_expr(log.table, users=users))
    events: dict[str, int] = {}
    for row in rows:
        events[str(row["source"])] = events.get(str(row["source"]), 0) + int(row["count"])
    edges = sorted((row for row in rows if isinstance(row["target"], str)), key=lambda row: (-row["count"], row["source"], row["target"]))
    columns = (*TIMES, "users") if users else TIMES
    return Transitions(
        edges=[{name: clean_number(row[name]) for name in columns} for row in (edges[:top] if top else edges)],
        events=dict(sorted(events.items(), key=lambda item: (-item[1], item[0]))),
    )


def transitions_expr(table: ir.Table, *, users: bool = False) -> ir.Table:
    """Return ``source, target, count, median_seconds, p90_seconds`` (and ``users``) per directly-follows edge.

    >>> from journeymap.analytics import read_events, sample_path
    >>> edges = transitions_expr(read_events(sample_path()).table)
    >>> edges.filter(edges.source == "view_item").target.nunique().execute()
    7
    """
    followers = followers_expr(table, users=users)
    return followers.filter(followers.target.notnull())


def followers_expr(table: ir.Table, *, users: bool = False) -> ir.Table:
    """Return the edges of :func:`transitions_expr` plus, per event, its unpaired last events (``target`` null).

    Summing ``count`` by ``source`` gives the number of each event.
    """
    pairs = _pairs(table)
    return _with_times(pairs, users=_users(pairs) if users else None)


def _pairs(table: ir.Table) -> ir.Table:
    """Each event with the user's next event and the seconds to it (null after the last one)."""
    order = user_order(table)
    return table.select(
        USER,
        source=table[EVENT],
        target=table[EVENT].lead().over(order),
        seconds=seconds_between(table[TIME].lead().over(order), table[TIME]),
    )


def _with_times(pairs: ir.Table, **more: ir.Scalar | None) -> ir.Table:
    """Group the pairs by edge: count, median and p90 seconds, and the ``more`` aggregates given.

    Both quantiles come from one call: DuckDB keeps one set of values per
    group then, where two calls keep two and spill at a tenth of the size.
    """
    extra = {name: value for name, value in more.items() if value is not None}
    grouped = pairs.group_by(KEYS).aggregate(count=pairs.count(), _quantiles=pairs.seconds.quantile([0.5, 0.9]), **extra)
    return grouped.mutate(median_seconds=grouped._quantiles[0], p90_seconds=grouped._quantiles[1]).drop("_quantiles")


def _users(pairs: ir.Table) -> ir.Scalar:
    return pairs[USER].nunique(where=pairs.target.notnull())


def _staged_rows(table: ir.Table, users: bool) -> list[dict[str, Any]]:
    """The rows of :func:`followers_expr`, with the pairs staged in Parquet and each grouping run on its own."""
    con = table.get_backend()
    with tempfile.TemporaryDirectory(prefix="journeymap-transitions-") as folder:
        path = Path(folder) / "pairs.parquet"
        con.to_parquet(_pairs(table), path)
        pairs = con.read_parquet(path)
        times = _with_times(pairs).execute().to_dict("records")
        if not users:
            return times
        counted = pairs.group_by(KEYS).aggregate(users=_users(pairs)).execute()
    by_edge = {(row["source"], row["target"]): row["users"] for row in counted.to_dict("records") if isinstance(row["target"], str)}
    return [row | {"users": by_edge.get((row["source"], row["target"]), 0)} for row in times]


def _rows(log: EventLog) -> int:
    return log.rows if log.rows is not None else int(log.table.count().execute())
