"""The one order every sequence analysis uses: per user, by time, ties broken by event name."""

from __future__ import annotations

import ibis
from ibis.expr.builders import LegacyWindowBuilder
import ibis.expr.types as ir

from .sources import EVENT, TIME, USER


def user_order(table: ir.Table) -> LegacyWindowBuilder:
    """Return the window of a user's events in order: by time, then by event name."""
    return ibis.window(group_by=table[USER], order_by=[table[TIME], table[EVENT]])
