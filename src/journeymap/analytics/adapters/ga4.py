"""Google Analytics 4 BigQuery export: the ``events_*`` tables as Parquet or JSON lines.

User: ``user_id`` when set, else ``user_pseudo_id``. Event: ``event_name``.
Time: ``event_timestamp`` (microseconds since the epoch, UTC). Every key of
the nested ``event_params`` becomes a text column (its string, integer or
double value); ``platform`` and the fields of ``device``, ``geo`` and
``traffic_source`` are kept too. A key named as a field already kept (the
``source`` and ``medium`` of a campaign, beside the user's first
``traffic_source``) becomes ``param_<key>``: both are kept.
"""

from __future__ import annotations

from collections.abc import Iterable

import ibis
import ibis.expr.types as ir

from ..sources import read_raw
from ._common import first_present, require, struct_fields

NESTED = ("device", "geo", "traffic_source")
MAX_PARAMS = 50


def read(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return a GA4 export as a log table."""
    raw = read_raw(con, path)
    require(raw, path, "GA4 BigQuery", "event_name", "event_timestamp", "user_pseudo_id")
    properties = {"platform": raw.platform} if "platform" in raw.columns else {}
    for column in NESTED:
        properties.update(struct_fields(raw, column))
    properties.update(_params(raw, properties))
    return raw.select(
        user_id=first_present(raw, "user_id", "user_pseudo_id"),
        event=raw.event_name,
        timestamp=raw.event_timestamp,
        **properties,
    )


def _params(raw: ir.Table, taken_names: Iterable[str]) -> dict[str, ir.Value]:
    if "event_params" not in raw.columns or not raw.event_params.type().is_array():
        return {}
    keys = raw.select(key=raw.event_params.unnest().key).distinct().order_by("key").limit(MAX_PARAMS).execute()["key"]
    taken = set(raw.columns) | {"user_id", "event", "timestamp"} | set(taken_names)
    return {(f"param_{key}" if key in taken else key): _param(raw.event_params, key) for key in keys if isinstance(key, str)}


def _param(params: ir.ArrayValue, key: str) -> ir.StringValue:
    matching = params.filter(lambda param: param.key == key)
    value = matching[0].value
    return ibis.coalesce(
        value.string_value.cast("string"),
        value.int_value.cast("string"),
        value.double_value.cast("string"),
    )
