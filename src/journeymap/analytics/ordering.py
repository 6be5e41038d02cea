"""The one order every sequence analysis uses: per user, by time, ties kept in the file's order.

Events of one user at the same instant keep the order they have in the file
(in an XES trace, the trace's order): that is what the log says happened. The
file's order is the hidden column :data:`~.sources.ROW` that reading a log
adds; a table without it (one built by hand) breaks ties by event name.

>>> import ibis
>>> t = ibis.memtable({"user_id": ["u", "u"], "event": ["b", "a"], "timestamp": ["2024-01-01"] * 2, "_row": [0, 1]})
>>> ibis.duckdb.connect().execute(t.mutate(n=ibis.row_number().over(user_order(t))).order_by("n"))["event"].tolist()
['b', 'a']
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.expr.builders import LegacyWindowBuilder

from .sources import EVENT, ROW, TIME, USER


def user_order(table: ir.Table) -> LegacyWindowBuilder:
    """Return the window of a user's events in order: by time, then by place in the file."""
    return ibis.window(group_by=table[USER], order_by=[table[TIME], table[tie_column(table)]])


def tie_column(table: ir.Table) -> str:
    """Return the column that orders a user's events at the same instant: the file's order, else the event name."""
    return ROW if ROW in table.columns else EVENT


def place(time: ir.Value, tie: ir.Value) -> ir.StructValue:
    """Return an event's place in its user's order as one value (time, then tie column), to take the first of.

    It orders without numbering every user's events (no sort of the whole log).
    """
    return ibis.struct({"time": time, "tie": tie})


def is_later(time: ir.Value, tie: ir.Value, after_time: ir.Value, after_tie: ir.Value) -> ir.BooleanValue:
    """Whether the event at (``time``, ``tie``) comes after the one at (``after_time``, ``after_tie``) in the user's order."""
    return (time > after_time) | ((time == after_time) & (tie > after_tie))


def sequence_columns(table: ir.Table) -> list[str]:
    """Return the columns a sequence needs: user, event, time and the file order when the table has it."""
    return [USER, EVENT, TIME, *([ROW] if ROW in table.columns else [])]
