"""Turn a raw time column into UTC timestamps, as an Ibis expression.

Accepted: timestamp columns (with or without a zone), dates, ISO 8601 text
with or without a zone (``2024-01-04T10:00:00+03:00``, ``...Z``, naive),
numeric dates such as ``03/05/2024 10:00`` read day-first or month-first as
the column says (see :mod:`journeymap.dates`) and epoch numbers in seconds,
milliseconds, microseconds or nanoseconds (told apart by magnitude). Naive times are read in the given time zone. Values that
cannot be read become NULL, and the caller counts them as bad rows.

The result is a naive ``timestamp`` holding UTC. Localising a naive time needs
the engine's time-zone function; :data:`LOCALISERS` names it per backend (the
documented fallback for a backend not listed there is an error naming it).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from ..dates import DAY_FIRST, NUMERIC_DATE, DateEvidence
from ..errors import DataSourceError
from ..i18n import gettext as _

UTC = "UTC"

_ZONE_SUFFIX = r"(Z|z|[+-]\d{2}(:?\d{2})?)$"


@ibis.udf.scalar.builtin(name="timezone", signature=(("string", "timestamp"), "timestamp('UTC')"))
def _duckdb_timezone(zone, naive):
    """DuckDB's ``timezone(zone, naive)``: the instant a local time names."""


@ibis.udf.scalar.builtin(name="to_utc_timestamp", signature=(("timestamp", "string"), "timestamp"))
def _spark_to_utc(naive, zone):
    """Spark's ``to_utc_timestamp(naive, zone)``."""


@ibis.udf.scalar.builtin(name="timezone", signature=(("string", "timestamp('UTC')"), "timestamp"))
def _duckdb_local_time(zone, instant):
    """DuckDB's ``timezone(zone, instant)``: the wall-clock time of an instant in a zone."""


@ibis.udf.scalar.builtin(name="from_utc_timestamp", signature=(("timestamp", "string"), "timestamp"))
def _spark_from_utc(naive, zone):
    """Spark's ``from_utc_timestamp(naive, zone)``."""


def _sql_local_time(utc: ir.TimestampValue, zone: str) -> ir.TimestampValue:
    return _duckdb_local_time(zone, utc.cast(dt.Timestamp(timezone=UTC)))


def _sql_localised(naive: ir.TimestampValue, zone: str) -> ir.TimestampValue:
    return _duckdb_timezone(zone, naive).cast("timestamp")


LOCAL_TIMES = {
    "duckdb": _sql_local_time,
    "postgres": _sql_local_time,  # PostgreSQL's timezone(zone, ts) is DuckDB's; Ibis keeps its sessions in UTC
    "pyspark": lambda utc, zone: _spark_from_utc(utc, zone),
}
"""Per backend: the wall-clock time in a zone of a naive UTC time."""

LOCALISERS = {
    "duckdb": _sql_localised,
    "postgres": _sql_localised,
    "pyspark": lambda naive, zone: _spark_to_utc(naive, zone),
}
"""Per backend: how a naive local time in a zone becomes a naive UTC time."""


def check_timezone(zone: str) -> str:
    """Return ``zone`` if it is a known IANA time zone name, else raise.

    >>> check_timezone("Europe/Vilnius")
    'Europe/Vilnius'
    """
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise DataSourceError(
            _("unknown time zone {zone!r}; use an IANA name such as UTC or Europe/Moscow").format(zone=zone)
        ) from None
    return zone


def parse_timestamp(column: ir.Value, *, timezone: str = UTC, backend: str = "duckdb", date_order: str | None = None) -> ir.TimestampValue:
    """Return ``column`` read as a naive UTC timestamp (NULL where it cannot be read).

    ``date_order`` (``day-first`` or ``month-first``) reads numeric dates such
    as ``03/05/2024``; without it they are not read.

    >>> import ibis
    >>> t = ibis.memtable({"t": ["2024-01-04T10:00:00+03:00", "1704362400", "soon"]})
    >>> times = ibis.duckdb.connect().execute(t.select(ts=parse_timestamp(t.t)))["ts"]
    >>> [str(value) for value in times.dropna()], int(times.isna().sum())
    (['2024-01-04 07:00:00', '2024-01-04 10:00:00'], 1)
    """
    check_timezone(timezone)
    kind = column.type()
    if kind.is_timestamp():
        if kind.timezone is not None:
            return column.cast("timestamp")
        return _localise(column, timezone, backend)
    if kind.is_date():
        return _localise(column.cast("timestamp"), timezone, backend)
    if kind.is_numeric():
        return _from_epoch(column.cast("float64"))
    if kind.is_string():
        return _from_text(column if date_order is None else _iso_dates(column, date_order), timezone, backend)
    raise DataSourceError(_("the time column has type {kind}; it needs text, a number or a timestamp").format(kind=kind))


def local_time(utc: ir.TimestampValue, timezone: str, *, backend: str = "duckdb") -> ir.TimestampValue:
    """Return the wall-clock time in ``timezone`` of a naive UTC time (for calendar days).

    >>> import ibis
    >>> t = ibis.memtable({"t": ["2024-07-01 22:30:00"]}).cast({"t": "timestamp"})
    >>> str(ibis.duckdb.connect().execute(t.select(local=local_time(t.t, "Europe/Vilnius")))["local"][0])
    '2024-07-02 01:30:00'
    """
    if check_timezone(timezone) == UTC:
        return utc
    converter = LOCAL_TIMES.get(backend)
    if converter is None:
        raise DataSourceError(
            _("calendar days in {zone} are not supported on {backend}; use UTC").format(zone=timezone, backend=backend)
        )
    return converter(utc, timezone)


def date_evidence(table: ir.Table, name: str) -> ir.Table:
    """Return the one-row expression of what a text column says about its numeric dates (see :mod:`journeymap.dates`)."""
    text = table[name].strip()
    numeric = text.re_search(NUMERIC_DATE)
    first, second = (text.re_extract(NUMERIC_DATE, k).try_cast("int64") for k in (1, 2))
    return table.aggregate(
        dated=numeric.sum(), day_example=text.min(where=numeric & (first > 12)), month_example=text.min(where=numeric & (second > 12))
    )


def evidence_from(row: dict) -> DateEvidence:
    """Return the :class:`~journeymap.dates.DateEvidence` of a row of :func:`date_evidence`."""
    example = {name: row[name] if isinstance(row[name], str) else None for name in ("day_example", "month_example")}
    return DateEvidence(dated=int(row["dated"] or 0), day_example=example["day_example"], month_example=example["month_example"])


def _iso_dates(text: ir.StringValue, order: str) -> ir.StringValue:
    first, second, year, rest = (text.re_extract(NUMERIC_DATE, k) for k in (1, 2, 3, 4))
    day, month = (first, second) if order == DAY_FIRST else (second, first)
    return ibis.ifelse(text.re_search(NUMERIC_DATE), year + "-" + month.lpad(2, "0") + "-" + day.lpad(2, "0") + rest, text)


def _from_epoch(number: ir.FloatingValue) -> ir.TimestampValue:
    size = number.abs()
    micros = (
        ibis.cases(
            (size >= 1e17, number / 1000),
            (size >= 1e14, number),
            (size >= 1e11, number * 1000),
            else_=number * 1_000_000,
        )
        .round()
        .cast("int64")
    )
    return ibis.timestamp("1970-01-01 00:00:00") + micros.as_interval("us")


def _from_text(text: ir.StringValue, timezone: str, backend: str) -> ir.TimestampValue:
    text = text.strip()
    number = text.try_cast("float64")
    instant = text.try_cast(dt.Timestamp(timezone=UTC)).cast("timestamp")
    if timezone != UTC:
        local = _localise(instant, timezone, backend)
        instant = ibis.ifelse(text.re_search(_ZONE_SUFFIX), instant, local)
    return ibis.ifelse(number.notnull(), _from_epoch(number), instant)


def _localise(naive: ir.TimestampValue, timezone: str, backend: str) -> ir.TimestampValue:
    if timezone == UTC:
        return naive
    localiser = LOCALISERS.get(backend)
    if localiser is None:
        raise DataSourceError(
            _("naive times in {zone} are not supported on {backend}; store times in UTC or with a zone").format(
                zone=timezone, backend=backend
            )
        )
    return localiser(naive, timezone)


def seconds_between(later: ir.TimestampValue, earlier: ir.TimestampValue) -> ir.FloatingValue:
    """Return ``later - earlier`` in seconds, exact to the microsecond (no float epoch rounding)."""
    return later.delta(earlier, unit="microsecond").cast("float64") / 1_000_000
