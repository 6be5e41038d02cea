"""Segment: JSON lines of calls. ``track`` calls keep their event name; ``page`` and
``screen`` calls become ``page`` and ``screen`` events; other calls are left out.

User: ``userId``, else ``anonymousId``. Time: ``timestamp`` (ISO 8601, UTC).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ._common import first_present, read_json_lines, require, struct_fields

CALLS = ("track", "page", "screen")


def read(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return a Segment log of calls as a log table."""
    raw = read_json_lines(con, path)
    require(raw, path, "Segment", "type", "timestamp")
    calls = raw.filter(raw.type.isin(list(CALLS)))
    named = calls.event if "event" in calls.columns else ibis.null("string")
    event = ibis.ifelse(calls.type == "track", named, calls.type)
    return calls.select(
        user_id=first_present(calls, "userId", "anonymousId"),
        event=event,
        timestamp=calls.timestamp,
        **struct_fields(calls, "properties"),
    )
