"""What a log holds: rows, users, event names, time range, columns and bad rows.

>>> from journeymap.analytics import inspect_events, sample_path
>>> summary = inspect_events(sample_path())
>>> summary.users, summary.events
(3000, 7)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from ..i18n import gettext as _
from .results import Summary
from .sources import EVENT, ROW, TIME, USER, EventLog, read_events

TOP_EVENTS = 20


def inspect_events(source: str | Path | EventLog | ir.Table, *, top: int = TOP_EVENTS) -> Summary:
    """Return the summary of the log at ``source``."""
    log = read_events(source)
    table = log.table
    figures = table.aggregate(
        rows=table.count(),
        users=table[USER].nunique(),
        events=table[EVENT].nunique(),
        first=table[TIME].min(),
        last=table[TIME].max(),
    ).execute().iloc[0]
    return Summary(
        source=log.source,
        row_count=log.rows if log.rows is not None else int(figures["rows"]),
        events=int(figures["events"]),
        users=int(figures["users"]),
        date_from=_iso(figures["first"]),
        date_to=_iso(figures["last"]),
        columns={name: type_name(kind) for name, kind in table.schema().items() if name != ROW},
        top_events={item["event"]: item["count"] for item in event_counts(table, top=top)},
        bad_rows=log.bad.to_dict(),
    )


def event_counts(table: ir.Table, *, top: int, users: bool = False) -> list[dict[str, Any]]:
    """Return the ``top`` most frequent events of a log's table: name and rows (and distinct users), most frequent first.

    >>> from journeymap.analytics import read_events, sample_path
    >>> event_counts(read_events(sample_path()).table, top=1, users=True)
    [{'event': 'view_item', 'count': 9082, 'users': 2454}]
    """
    metrics = {"count": table.count(), **({"users": table[USER].nunique()} if users else {})}
    rows = table.group_by(EVENT).aggregate(**metrics).order_by([ibis.desc("count"), EVENT]).limit(top).execute()
    return [{"event": str(row[EVENT]), **{name: int(row[name]) for name in metrics}} for row in rows.to_dict("records")]


def type_name(kind: dt.DataType) -> str:
    """Return a column type as a reader says it: ``empty`` for a column with no values at all.

    >>> type_name(dt.string), type_name(dt.null)
    ('string', 'empty')
    """
    return _("empty") if kind.is_null() or "NULL" in str(kind) else str(kind)


def _iso(value: object) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") and value == value else None
