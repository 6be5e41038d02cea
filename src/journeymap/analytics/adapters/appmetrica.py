"""AppMetrica Logs API export of events (CSV).

User: ``profile_id`` when set, else ``appmetrica_device_id``. Time:
``event_timestamp`` (epoch seconds), else ``event_datetime``. The device and
place columns are kept as properties.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ..sources import read_raw
from ._common import first_present, require

KEEP = ("os_name", "os_version", "device_manufacturer", "device_model", "app_version_name", "country_iso_code", "city", "event_json")


def read(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return an AppMetrica events export as a log table."""
    raw = read_raw(con, path)
    require(raw, path, "AppMetrica", "event_name", "appmetrica_device_id")
    time = raw.event_timestamp if "event_timestamp" in raw.columns else raw.event_datetime
    keep = {name: raw[name] for name in KEEP if name in raw.columns}
    return raw.select(user_id=first_present(raw, "profile_id", "appmetrica_device_id"), event=raw.event_name, timestamp=time, **keep)
