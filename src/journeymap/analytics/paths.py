"""Paths: the most frequent sequences of k events after (or before) an anchor event.

For every user with the anchor event, take their first anchor event (in the
user order: time, then the place in the file) and the next ``depth`` events (or the
previous ones with ``direction="before"``); a path that ends early ends in
``(end)`` (or ``(start)``). Paths are counted in users; the Sankey links
count, for each level, the users moving from one event to the next.

>>> from journeymap.analytics import paths, sample_path
>>> result = paths(sample_path(), "search", depth=2, top=3)
>>> result.paths[0]["events"][0]
'search'
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from . import fetch
from .ordering import user_order
from .results import Paths, share
from .sources import EVENT, USER, EventLog, read_events

DIRECTIONS = ("after", "before")
END, START = "(end)", "(start)"


def paths(
    source: str | Path | EventLog | ir.Table,
    anchor: str,
    *,
    depth: int = 3,
    top: int = 20,
    direction: str = "after",
) -> Paths:
    """Return the ``top`` paths of ``depth`` events from ``anchor`` and the Sankey links of all of them."""
    if direction not in DIRECTIONS:
        raise DataSourceError(_("direction {value!r}: choose after or before").format(value=direction))
    if not 1 <= depth <= 20:
        raise DataSourceError(_("depth {depth}: choose 1 to 20 events").format(depth=depth))
    table = read_events(source).table
    counts = fetch.records(paths_expr(table, anchor, depth=depth, direction=direction))
    filler = END if direction == "after" else START
    found: Counter[tuple[str, ...]] = Counter()
    for row in counts:
        found[tuple(_levels(row, depth, filler))] += int(row["users"])
    users = sum(found.values())
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:top]
    return Paths(
        anchor=anchor,
        direction=direction,
        depth=depth,
        users=users,
        paths=[{"events": [anchor, *steps] if direction == "after" else [*reversed(steps), anchor], "users": n, "share": share(n, users)} for steps, n in ranked],
        links=_links(found, anchor, direction),
    )


def paths_expr(table: ir.Table, anchor: str, *, depth: int, direction: str = "after") -> ir.Table:
    """Return the expression counting users per distinct path: ``e1..eN, users``.

    >>> from journeymap.analytics import read_events, sample_path
    >>> counts = paths_expr(read_events(sample_path()).table, "purchase", depth=1).execute()
    >>> int(counts.users.sum())
    720
    """
    order = user_order(table)
    shift = (lambda k: table[EVENT].lead(k)) if direction == "after" else (lambda k: table[EVENT].lag(k))
    numbered = table.mutate(_seq=ibis.row_number().over(order), **{f"e{k}": shift(k).over(order) for k in range(1, depth + 1)})
    anchors = numbered.filter(numbered[EVENT] == anchor)
    # the window is a column before it is a filter: Spark cannot resolve a window inside WHERE
    anchors = anchors.mutate(_first=anchors._seq.min().over(group_by=anchors[USER]))
    first = anchors.filter(anchors._seq == anchors._first)
    levels = [f"e{k}" for k in range(1, depth + 1)]
    return first.group_by(levels).aggregate(users=first.count())


def _levels(row: dict[str, Any], depth: int, filler: str) -> list[str]:
    steps: list[str] = []
    for k in range(1, depth + 1):
        value = row[f"e{k}"]
        if value is None or value != value:
            steps.append(filler)
            break
        steps.append(str(value))
    return steps


def _links(found: Counter[tuple[str, ...]], anchor: str, direction: str) -> list[dict[str, Any]]:
    links: Counter[tuple[int, str, str]] = Counter()
    for steps, users in found.items():
        previous = anchor
        for level, event in enumerate(steps, start=1):
            links[(level, previous, event)] += users
            previous = event
    ordered = sorted(links.items(), key=lambda item: (item[0][0], -item[1], item[0][1:]))  # ties by name: the same on every engine
    if direction == "before":
        return [{"level": level, "source": event, "target": previous, "users": n} for (level, previous, event), n in ordered]
    return [{"level": level, "source": previous, "target": event, "users": n} for (level, previous, event), n in ordered]
