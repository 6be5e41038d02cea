"""Mixpanel raw export: JSON lines of ``{"event": ..., "properties": {"time", "distinct_id", ...}}``.

``properties.time`` is epoch seconds (milliseconds in newer exports); every
other property becomes a column (``$os`` stays ``$os``). The user is
``distinct_id``; a line without one (an anonymous event) takes its
``$device_id``, else ``$user_id``; a line with none of them is a bad row
(empty user), counted and reported.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ._common import read_json_lines, require, require_names, struct_fields

USERS = ("distinct_id", "$device_id", "$user_id")
"""The properties that name the user, in order of preference."""


def read(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return a Mixpanel export as a log table."""
    raw = read_json_lines(con, path)
    require(raw, path, "Mixpanel", "event", "properties")
    fields = struct_fields(raw, "properties")
    require_names(list(fields), path, "Mixpanel", "time")
    user = _user(raw.properties, [name for name in USERS if name in fields])
    for name in ("time", "distinct_id"):
        fields.pop(name, None)
    return raw.select(user_id=user, event=raw.event, timestamp=raw.properties["time"], **fields)


def _user(properties: ir.StructValue, names: list[str]) -> ir.StringValue:
    present = [properties[name].cast("string").nullif("") for name in names]
    if not present:
        return ibis.null("string")
    return ibis.coalesce(*present) if len(present) > 1 else present[0]
