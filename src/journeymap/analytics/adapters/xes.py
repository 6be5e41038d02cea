"""XES event logs (process mining): ``.xes`` or ``.xes.gz``, or a CSV with XES columns.

A trace is a case: its ``concept:name`` becomes ``user_id`` (trace attributes
are kept as ``case:<key>``); an event's ``concept:name`` is the event and its
``time:timestamp`` the time; other event attributes are kept by their keys.
XES 2.0 lists, containers and nested attributes are left out (they describe
an attribute, not the event). Events keep the trace's order. The XML is read
as a stream (events are never all held as XML).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import IO, Any
from xml.etree.ElementTree import iterparse

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from ...errors import DataSourceError
from ...i18n import gettext as _
from ...inflate import open_bytes
from ..sources import read_raw

CASE, ACTIVITY, TIME = "case:concept:name", "concept:name", "time:timestamp"
_VALUES = {"string", "date", "int", "float", "boolean", "id"}


def read(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return an XES log (or an XES-column CSV) as a log table."""
    if path.endswith(".csv") or path.endswith(".csv.gz"):
        raw = read_raw(con, path)
    else:
        raw = con.create_table(f"journeymap_xes_{uuid.uuid4().hex}", ibis.memtable(_arrow(path)), temp=True)
    _require(path, raw.columns)
    rest = [name for name in raw.columns if name not in (CASE, ACTIVITY, TIME) and name.strip() and not name.startswith("column")]
    return raw.select(*rest, user_id=raw[CASE], event=raw[ACTIVITY], timestamp=raw[TIME])


def _arrow(path: str) -> pa.Table:
    rows = list(_events(path))
    if not rows:
        raise DataSourceError(_("{path}: no events found in the XES file").format(path=path))
    names = sorted({key for row in rows for key in row})
    _require(path, names)
    return pa.table({name: pa.array([row.get(name) for row in rows], pa.string()) for name in names})


def _require(path: str, names: Iterable[str]) -> None:
    missing = [name for name in (CASE, ACTIVITY, TIME) if name not in names]
    if missing:
        raise DataSourceError(_("{path}: no XES attribute {name!r}; events need a case, a concept:name and a time:timestamp").format(path=path, name=missing[0]))


def _events(path: str) -> Iterator[dict[str, str]]:
    try:
        with _open(path) as stream:
            yield from _flat_events(iterparse(stream, events=("start", "end")))
    except (OSError, SyntaxError) as error:
        raise DataSourceError(_("{path}: not a readable XES file ({reason})").format(path=path, reason=str(error).splitlines()[0])) from None


def _flat_events(parsed: Iterator[tuple[str, Any]]) -> Iterator[dict[str, str]]:
    """Each event's attributes with its trace's (as ``case:<key>``), in the file's order.

    Only an attribute right inside an ``<event>`` or a ``<trace>`` counts: the
    children of a list, a container or a nested (meta) attribute of XES 2.0
    describe that attribute, not the event; a list or container has no value
    of its own and is left out, as is an attribute without a key.
    """
    trace: dict[str, str] = {}
    event: dict[str, str] | None = None
    parents: list[str] = []
    for action, element in parsed:
        tag = element.tag.rsplit("}", 1)[-1]
        if action == "start":
            if tag == "trace":
                trace = {}
            elif tag == "event":
                event = {}
            parents.append(tag)
            continue
        parents.pop()
        parent = parents[-1] if parents else ""
        key, value = element.get("key"), element.get("value")
        if tag in _VALUES and key and value is not None and parent in ("event", "trace"):
            if parent == "event" and event is not None:
                event[key] = value
            elif parent == "trace":
                trace[f"case:{key}"] = value
        elif tag == "event" and event is not None:
            yield {**trace, **event}
            event = None
            element.clear()
        elif tag == "trace":
            element.clear()


def _open(path: str) -> IO[bytes]:
    return open_bytes(path)
