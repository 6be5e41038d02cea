"""Yandex Metrica Logs API: TSV with ``ym:pv:`` (hits) or ``ym:s:`` (visits) fields.

Hits: one event per hit, named by the page path of ``ym:pv:URL`` (so a funnel
step is a page, e.g. ``/cart``); user ``ym:pv:clientID``; time
``ym:pv:dateTime``. Visits: one ``visit`` event per visit, user
``ym:s:clientID``, time ``ym:s:dateTime``. Times are in the counter's time
zone: pass ``--timezone``. Other fields are kept without their prefix.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ..sources import read_raw
from ._common import require

_PATH = r"^[a-z]+://[^/]+(/[^?#]*)?"


def read(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return a Metrica Logs API export as a log table."""
    raw = read_raw(con, path)
    prefix = "ym:pv:" if "ym:pv:clientID" in raw.columns else "ym:s:"
    require(raw, path, "Yandex Metrica Logs API", f"{prefix}clientID", f"{prefix}dateTime")
    if prefix == "ym:pv:":
        require(raw, path, "Yandex Metrica Logs API", "ym:pv:URL")
        page = raw["ym:pv:URL"].re_extract(_PATH, 1)
        event = ibis.ifelse(page.isnull() | (page == ""), "/", page)
    else:
        event = ibis.literal("visit")
    used = {f"{prefix}clientID", f"{prefix}dateTime"}
    rest = {name.removeprefix(prefix): raw[name] for name in raw.columns if name not in used}
    return raw.select(user_id=raw[f"{prefix}clientID"], event=event, timestamp=raw[f"{prefix}dateTime"], **rest)
