"""Mixpanel raw export: JSON lines of ``{"event": ..., "properties": {"time", "distinct_id", ...}}``.

``properties.time`` is epoch seconds (milliseconds in newer exports); every
other property becomes a column (``$os`` stays ``$os``).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ._common import read_json_lines, require, struct_fields


def read(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return a Mixpanel export as a log table."""
    raw = read_json_lines(con, path)
    require(raw, path, "Mixpanel", "event", "properties")
    properties = raw.properties
    fields = struct_fields(raw, "properties")
    for name in ("time", "distinct_id"):
        fields.pop(name, None)
    return raw.select(user_id=properties["distinct_id"].cast("string"), event=raw.event, timestamp=properties["time"], **fields)
