"""The registry of vendor adapters, by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import get_close_matches

import ibis
import ibis.expr.types as ir

from ...errors import DataSourceError
from ...i18n import gettext as _
from . import amplitude, appmetrica, ga4, metrica, mixpanel, segment, xes

Reader = Callable[[ibis.BaseBackend, str], ir.Table]


@dataclass(frozen=True)
class Adapter:
    """A vendor export reader: its name, what it reads, and the function that reads it."""

    name: str
    description: str
    read: Reader


ADAPTERS: dict[str, Adapter] = {
    adapter.name: adapter
    for adapter in (
        Adapter("amplitude", "Amplitude export: a .zip of gzipped JSON lines, or the JSON lines", amplitude.read),
        Adapter("mixpanel", "Mixpanel raw export: JSON lines of {event, properties}", mixpanel.read),
        Adapter("ga4", "Google Analytics 4 BigQuery export (events_* as Parquet or JSON lines)", ga4.read),
        Adapter("metrica", "Yandex Metrica Logs API: TSV of ym:pv: hits or ym:s: visits", metrica.read),
        Adapter("appmetrica", "AppMetrica Logs API events export (CSV)", appmetrica.read),
        Adapter("segment", "Segment: JSON lines of track, page and screen calls", segment.read),
        Adapter("xes", "XES event log (.xes, .xes.gz) or a CSV with XES columns", xes.read),
    )
}


def adapter_named(name: str) -> Adapter:
    """Return the adapter called ``name``, or raise naming the known ones."""
    if name in ADAPTERS:
        return ADAPTERS[name]
    hint = get_close_matches(name, ADAPTERS, n=1)
    message = _("no adapter named {name!r}; choose one of {names}").format(name=name, names=", ".join(sorted(ADAPTERS)))
    raise DataSourceError(message + (_(" (did you mean {hint!r}?)").format(hint=hint[0]) if hint else ""))
