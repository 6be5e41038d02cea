"""What users did between two steps: the paths of those who converted and of those who dropped off.

For every user with the ``source`` event, take their first one (in the user
order: time, then place in the file). The user converted when a ``target``
event follows it within ``window``; the path is then the events strictly
between the two. A user who dropped off has no such target; the path is then
the events after the source within the window. A path lists its first
``depth`` events and ends in ``…`` when there were more; an empty one is
``(directly)`` for a converted user and ``(nothing after)`` for one who
dropped off. Paths are counted in users, as a share of their group.

>>> from journeymap.analytics import sample_path
>>> result = paths_between(sample_path(), "view_item", "purchase", depth=2)
>>> result.converted + result.dropped == result.entered
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from . import fetch
from .funnel import window_seconds
from .ordering import is_later, place, sequence_columns, tie_column, user_order
from .results import Result, share
from .sources import EVENT, TIME, USER, EventLog, read_events
from .timestamps import seconds_between

MORE = "…"


@dataclass
class PathsBetween(Result):
    """The paths between two steps of the users who converted and of those who dropped off, drop-offs first."""

    source: str
    target: str
    window_seconds: float
    depth: int
    entered: int
    converted: int
    dropped: int
    dropped_paths: list[dict[str, Any]] = field(default_factory=list)
    converted_paths: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per path: its group (``dropped`` or ``converted``), its events joined by ``→``, users and share."""
        return [
            {"group": group, "path": " → ".join(path["events"]), "users": path["users"], "share": path["share"]}
            for group, paths in (("dropped", self.dropped_paths), ("converted", self.converted_paths))
            for path in paths
        ]

    def to_dict(self) -> dict[str, Any]:
        """The two steps, the group sizes and each group's top paths."""
        return {
            "source": self.source, "target": self.target, "window_seconds": self.window_seconds, "depth": self.depth,
            "entered": self.entered, "converted": self.converted, "dropped": self.dropped,
            "dropped_paths": self.dropped_paths, "converted_paths": self.converted_paths,
        }


def paths_between(
    source: str | Path | EventLog | ir.Table,
    first: str,
    then: str,
    *,
    window: str | float = "30d",
    depth: int = 3,
    top: int = 10,
) -> PathsBetween:
    """Return what users did after ``first``: the paths to ``then`` and the paths of those who never reached it."""
    if not 1 <= depth <= 20:
        raise DataSourceError(_("depth {depth}: choose 1 to 20 events").format(depth=depth))
    seconds = window_seconds(window)
    counts = fetch.records(between_expr(read_events(source).table, first, then, window=seconds, depth=depth))
    groups: dict[bool, dict[tuple[str, ...], int]] = {True: {}, False: {}}
    for row in counts:
        steps = _steps(row, depth, bool(row["converted"]))
        groups[bool(row["converted"])][steps] = groups[bool(row["converted"])].get(steps, 0) + int(row["users"])
    sizes = {flag: sum(found.values()) for flag, found in groups.items()}
    return PathsBetween(
        source=first, target=then, window_seconds=seconds, depth=depth, entered=sizes[True] + sizes[False],
        converted=sizes[True], dropped=sizes[False], dropped_paths=_ranked(groups[False], sizes[False], top), converted_paths=_ranked(groups[True], sizes[True], top),
    )


def between_expr(table: ir.Table, first: str, then: str, *, window: float, depth: int) -> ir.Table:
    """Return the expression counting users per ``converted``, path ``e1..eN`` and ``more`` (a longer path).

    >>> from journeymap.analytics import read_events, sample_path
    >>> counts = between_expr(read_events(sample_path()).table, "search", "purchase", window=86400, depth=1).execute()
    >>> int(counts.users.sum())
    1972
    """
    users, inside = entered(table, first, then, window=window)
    inside = inside.select(*sequence_columns(inside))
    inside = inside.mutate(_step=ibis.row_number().over(user_order(inside)) + 1)  # only the events in between are numbered
    levels = {f"e{k}": inside[EVENT].max(where=inside._step == k) for k in range(1, depth + 1)}
    per_user = inside.group_by(USER).aggregate(_n=inside.count(), **levels)
    users = users.left_join(per_user, USER).select(USER, "converted", *levels, more=ibis.coalesce(ibis._._n, 0) > depth)
    return users.group_by(["converted", *levels, "more"]).aggregate(users=users.count())


def entered(table: ir.Table, first: str, then: str, *, window: float, columns: Sequence[str] = ()) -> tuple[ir.Table, ir.Table]:
    """Return the users who did ``first`` with whether they ``converted`` (to ``then`` within ``window``), and their events in between.

    The users table also holds each of ``columns`` as it was on the user's first ``first``.

    The events in between (every column of ``table``) come after the user's first
    ``first`` in the user order, within the window, and before the ``then`` that
    converted them, if any. Places are compared as (time, place in the file), so no
    user's events are numbered (no sort of the whole log).
    """
    tie = tie_column(table)
    starts = entries(table, first, columns)
    after = table.join(starts.select(USER, "_a_time", "_a_tie"), USER)
    after = after.filter(is_later(after[TIME], after[tie], after._a_time, after._a_tie) & (seconds_between(after[TIME], after._a_time) <= window))
    targets = after.filter(after[EVENT] == then)
    targets = targets.group_by(USER).aggregate(_b_time=targets[TIME].min(), _b_tie=targets[tie].argmin(place(targets[TIME], targets[tie])))
    marked = after.left_join(targets, USER).drop(f"{USER}_right")
    inside = marked.filter(marked._b_time.isnull() | is_later(marked._b_time, marked._b_tie, marked[TIME], marked[tie]))
    users = starts.left_join(targets, USER).select(USER, *columns, converted=ibis._._b_time.notnull())
    return users, inside.select(*table.columns)


def entries(table: ir.Table, first: str, columns: Sequence[str] = ()) -> ir.Table:
    """Return per user with ``first`` the place of their first one (``_a_time``, ``_a_tie``) and each of ``columns`` as it was there."""
    tie = tie_column(table)
    rows = table.filter(table[EVENT] == first)
    at = place(rows[TIME], rows[tie])
    return rows.group_by(USER).aggregate(_a_time=rows[TIME].min(), _a_tie=rows[tie].argmin(at), **{column: rows[column].argmin(at) for column in columns})


def _steps(row: dict[str, Any], depth: int, converted: bool) -> tuple[str, ...]:
    steps = []
    for k in range(1, depth + 1):
        value = row[f"e{k}"]
        if value is None or value != value:
            break
        steps.append(str(value))
    if not steps:
        return (_("(directly)") if converted else _("(nothing after)"),)
    return (*steps, MORE) if row["more"] else tuple(steps)


def _ranked(found: dict[tuple[str, ...], int], users: int, top: int) -> list[dict[str, Any]]:
    ranked: Sequence[tuple[tuple[str, ...], int]] = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:top]
    return [{"events": list(steps), "users": n, "share": share(n, users)} for steps, n in ranked]
