"""Transitions: the directly-follows graph of a log.

An edge ``a → b`` counts the times a user's event ``a`` is directly followed
by their event ``b`` (in the user order: time, then event name), with the
number of users doing it and the median and 90th percentile of seconds
between the two.

One pass over the log does it all: the window that pairs each event with the
next one also leaves each user's last event unpaired, so the same grouping
counts the events too.

>>> from journeymap.analytics import transitions, sample_path
>>> result = transitions(sample_path())
>>> sum(result.events.values()) > sum(edge["count"] for edge in result.edges)
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ibis.expr.types as ir

from .ordering import user_order
from .results import Transitions, clean_number
from .sources import EVENT, TIME, USER, EventLog, read_events
from .timestamps import seconds_between

EDGE_COLUMNS = ("source", "target", "count", "users", "median_seconds", "p90_seconds")


def transitions(source: str | Path | EventLog | ir.Table, *, top: int | None = None) -> Transitions:
    """Return the edges of the directly-follows graph, most frequent first (the ``top`` ones when given)."""
    rows = followers_expr(read_events(source).table).execute().to_dict("records")
    events: dict[str, int] = {}
    for row in rows:
        events[str(row["source"])] = events.get(str(row["source"]), 0) + int(row["count"])
    edges = sorted((row for row in rows if isinstance(row["target"], str)), key=lambda row: (-row["count"], row["source"], row["target"]))
    return Transitions(
        edges=[_edge(row) for row in (edges[:top] if top else edges)],
        events=dict(sorted(events.items(), key=lambda item: (-item[1], item[0]))),
    )


def transitions_expr(table: ir.Table) -> ir.Table:
    """Return ``source, target, count, users, median_seconds, p90_seconds`` per directly-follows edge.

    >>> from journeymap.analytics import read_events, sample_path
    >>> edges = transitions_expr(read_events(sample_path()).table)
    >>> edges.filter(edges.source == "view_item").target.nunique().execute()
    7
    """
    followers = followers_expr(table)
    return followers.filter(followers.target.notnull())


def followers_expr(table: ir.Table) -> ir.Table:
    """Return the edges of :func:`transitions_expr` plus, per event, its unpaired last events (``target`` null).

    Summing ``count`` by ``source`` gives the number of each event.
    """
    order = user_order(table)
    pairs = table.select(
        USER,
        source=table[EVENT],
        target=table[EVENT].lead().over(order),
        seconds=seconds_between(table[TIME].lead().over(order), table[TIME]),
    )
    return pairs.group_by(["source", "target"]).aggregate(
        count=pairs.count(),
        users=pairs[USER].nunique(where=pairs.target.notnull()),
        median_seconds=pairs.seconds.median(),
        p90_seconds=pairs.seconds.quantile(0.9),
    )


def _edge(row: dict[str, Any]) -> dict[str, Any]:
    return {name: clean_number(row[name]) for name in EDGE_COLUMNS}
