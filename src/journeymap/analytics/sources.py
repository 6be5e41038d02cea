"""Event logs: files read into one Ibis table of ``user_id, event, timestamp`` plus properties.

A source is read lazily (DuckDB views over the files, so a log larger than
memory works); one aggregate query counts the bad rows (empty user, empty
event, unreadable time), which are skipped and reported, never silently. A
file that is mostly bad rows is an error.

>>> from journeymap.analytics import read_events, sample_path
>>> log = read_events(sample_path())
>>> log.rows > 10_000, log.bad.total
(True, 0)
"""

from __future__ import annotations

import glob as globbing
import gzip
import os
import re
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ..dates import DateEvidence, DateOrder, date_order
from ..errors import DataSourceError
from ..files.delimiters import header_delimiter
from ..i18n import gettext as _, ngettext
from .timestamps import UTC, date_evidence, evidence_from, parse_timestamp

USER, EVENT, TIME = "user_id", "event", "timestamp"
STANDARD = (USER, EVENT, TIME)
ROW = "_row"
"""The hidden column holding each event's place in the file (from 0): events of a user at
the same instant keep that order in every sequence analysis (see :mod:`.ordering`)."""
MEMORY_LIMIT = "6GB"
"""The engine's default memory cap; ``JOURNEYMAP_MEMORY_LIMIT`` overrides it."""
MAX_BAD_SHARE = 0.5
"""A file with more than this share of bad rows is an error, not a warning."""

_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "json",
    ".ndjson": "json",
    ".json": "json",
}
_COMPRESSED = (".gz", ".zst")
_FIRST_ROWS = 5
_FILE_STRIDE = 1 << 40  # a parquet file's index times this, plus its row number, is a row's id


@dataclass(frozen=True)
class Columns:
    """The log's names for the three columns every analysis needs.

    >>> Columns(user_id="case:concept:name").renames()
    {'user_id': 'case:concept:name'}
    """

    user_id: str = USER
    event: str = EVENT
    timestamp: str = TIME

    def renames(self) -> dict[str, str]:
        """Return ``{standard name: the log's name}`` for the names that differ."""
        own = {USER: self.user_id, EVENT: self.event, TIME: self.timestamp}
        return {name: theirs for name, theirs in own.items() if name != theirs}


@dataclass
class BadRows:
    """Rows skipped because they cannot be used, counted by kind with their first row numbers.

    Row numbers count data rows from 1, in file order.
    """

    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    first_rows: dict[str, list[int]] = field(default_factory=dict)

    def summary(self) -> str:
        """Return one line such as ``3 bad rows: bad timestamp 2 (rows 4, 9); empty user 1 (row 7)``."""
        parts = [
            _("{kind} {count} (rows {rows})").format(kind=_(kind), count=count, rows=", ".join(map(str, self.first_rows.get(kind, []))))
            for kind, count in self.by_kind.items()
            if count
        ]
        return ngettext("{count} bad row skipped: {parts}", "{count} bad rows skipped: {parts}", self.total).format(count=self.total, parts="; ".join(parts))

    def to_dict(self) -> dict[str, Any]:
        """Return the counts as plain data."""
        return {"total": self.total, "by_kind": dict(self.by_kind), "first_rows": dict(self.first_rows)}


@dataclass
class EventLog:
    """A readable event log: its clean Ibis table, where it came from, and its bad rows."""

    table: ir.Table
    source: str
    rows: int | None
    bad: BadRows = field(default_factory=BadRows)
    dates: DateOrder | None = None
    """How numeric dates of the time column were read (day-first or month-first), when it has any."""

    @property
    def properties(self) -> list[str]:
        """The columns other than ``user_id``, ``event`` and ``timestamp``."""
        return [name for name in self.table.columns if name not in STANDARD and name != ROW]


TABLE = "table"
_BAD_KINDS = ("empty user", "empty event", "bad timestamp")


def connect() -> ibis.BaseBackend:
    """Return the default engine: an in-process DuckDB connection.

    Times are UTC; DuckDB's own progress bar is off (the CLI has one). Memory is
    capped at ``JOURNEYMAP_MEMORY_LIMIT`` (default 6GB): above it DuckDB spills
    to a folder in the system's temporary directory, so a large log needs disk,
    not memory.
    """
    spill = Path(tempfile.gettempdir()) / "journeymap-duckdb"
    limit = os.environ.get("JOURNEYMAP_MEMORY_LIMIT", MEMORY_LIMIT)
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", limit.strip()):
        raise DataSourceError(_("JOURNEYMAP_MEMORY_LIMIT={limit!r}: write it as 6GB or 500MB").format(limit=limit))
    con = ibis.duckdb.connect()
    con.raw_sql(f"SET enable_progress_bar = false; SET memory_limit = '{limit.strip()}'; SET temp_directory = '{spill}'")
    return con


def read_events(
    source: str | Path | EventLog | ir.Table,
    *,
    columns: Columns | None = None,
    timezone: str = UTC,
    adapter: str | None = None,
    con: ibis.BaseBackend | None = None,
    dates: str | None = None,
) -> EventLog:
    """Return the event log at ``source`` (a file, a folder or glob of Parquet, or an Ibis table).

    ``columns`` names the log's own user, event and time columns; ``adapter``
    reads a vendor export (see :data:`journeymap.analytics.adapters.ADAPTERS`);
    naive times are read in ``timezone``; ``dates`` (``day-first`` or
    ``month-first``) says how to read numeric dates such as ``03/05/2024``
    where the column itself cannot tell (see :mod:`journeymap.dates`).
    """
    if isinstance(source, EventLog):
        return source
    if isinstance(source, ir.Table):
        if columns is None and _is_clean(source):
            return EventLog(table=source if ROW in source.columns else numbered(source), source=TABLE, rows=None)
        return _clean(source, TABLE, columns, timezone, None, dates)
    con = con or connect()
    path = str(source)
    adapter = adapter or _adapter_by_name(path)
    if adapter:
        from .adapters import adapter_named  # adapters build on this module

        reader = adapter_named(adapter).read
        existing_files(path)
        raw = reader(con, path)
    else:
        raw = read_raw(con, path)
    log = _clean(raw, path, columns, timezone, con, dates, metadata=None if adapter else _parquet_files(con, path))
    if adapter or file_format(path) != "parquet":
        log.table = _parsed_once(con, log.table)
    return log


def _adapter_by_name(path: str) -> str | None:
    """The adapter a file's name alone calls for: ``xes`` for ``.xes`` and ``.xes.gz``."""
    return "xes" if path.lower().removesuffix(".gz").endswith(".xes") else None


def read_raw(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return a file's rows as they are, as a lazy table (format from the name).

    >>> from journeymap.analytics import sample_path
    >>> "event" in read_raw(connect(), str(sample_path())).columns
    True
    """
    paths = existing_files(path)
    kind = file_format(path)
    try:
        if con.name == "pyspark":
            return _spark_read(con, path, kind)
        if kind == "parquet" and con.name == "duckdb":
            return _duckdb_parquet(con, paths)
        if kind == "parquet":
            return con.read_parquet(paths, union_by_name=True)
        if kind == "json":
            return con.read_json(paths, format=_json_layout(paths[0]))
        return con.read_csv(paths, all_varchar=True, header=True)
    except Exception as error:  # the engine's own parse errors name no row we can trust
        raise DataSourceError(
            _("{path}: cannot be read as {kind} ({reason}); check the file's format").format(
                path=path, kind=kind.upper(), reason=_first_line(error)
            )
        ) from None


def _duckdb_parquet(con: ibis.BaseBackend, paths: list[str]) -> ir.Table:
    """DuckDB's ``read_parquet`` as a table typed from DESCRIBE's rows, with :data:`ROW` from the files' own row numbers.

    Ibis's ``read_parquet`` reads the same rows through pyarrow, whose import
    alone costs a command about 0.2 s; the rows here come as Python values.
    The files' row numbers (files in the order given) cost nothing to read,
    where numbering the scan would hold the whole log in a window.
    """
    files = "[" + ", ".join(_quoted(path) for path in paths) + "]"
    query = f"SELECT * FROM read_parquet({files}, union_by_name = true)"
    described = con.con.sql(f"DESCRIBE {query}").fetchall()
    if not {ROW, "file_row_number", "filename"} & {name for name, *_ in described}:
        place = f"list_position({files}, filename) - 1" if len(paths) > 1 else "0"
        query = (
            f"SELECT * EXCLUDE (file_row_number, filename), file_row_number + ({place}) * {_FILE_STRIDE} AS {ROW} "
            f"FROM read_parquet({files}, union_by_name = true, file_row_number = true, filename = true)"
        )
        described.append((ROW, "BIGINT", "NO"))
    types = con.compiler.type_mapper
    return con.sql(query, schema=ibis.schema({name: types.from_string(kind, nullable=null == "YES") for name, kind, null, *_ in described}))


def _quoted(path: str) -> str:
    return "'" + path.replace("'", "''") + "'"


def _json_layout(path: str) -> str:
    """``array`` for a file holding one JSON array, else ``newline_delimited`` (JSON lines)."""
    if is_remote(path):
        return "newline_delimited"
    with (gzip.open if path.endswith(".gz") else open)(path, "rt", encoding="utf-8", errors="replace") as stream:
        start = stream.read(4096).lstrip("\ufeff \t\r\n")[:1]
    return "array" if start == "[" else "newline_delimited"


def _spark_read(con: ibis.BaseBackend, path: str, kind: str) -> ir.Table:
    """Read on Spark where the data lies: Spark lists a folder, glob or remote URL itself (text stays text)."""
    if kind == "parquet":
        return _spark_parquet(con, path)
    if kind == "json":
        return con.read_json(path)
    return con.read_csv(path, header=True, inferSchema=False, sep=_separator(path))


def _spark_parquet(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Parquet on Spark with :data:`ROW` from the files' own row numbers (files in name order).

    Spark's ``monotonically_increasing_id`` would also follow the files, but it is
    not deterministic, so Spark keeps every filter above it and scans and shuffles
    all events; the files' row index lets a step's filter reach the scan.
    """
    from pyspark.sql import functions as F

    frame = con._session.read.option("mergeSchema", True).parquet(path)
    local = r"^file:/+"
    files = sorted(re.sub(local, "/", name) for name in frame.inputFiles())
    place = F.create_map(*[F.lit(item) for index, name in enumerate(files) for item in (name, index)])
    row = F.col("_metadata.row_index") + F.element_at(place, F.regexp_replace(F.col("_metadata.file_path"), local, "/")).cast("long") * _FILE_STRIDE
    view = f"journeymap_parquet_{uuid.uuid4().hex}"
    frame.withColumn(ROW, row).createOrReplaceTempView(view)
    return con.table(view)


def _separator(path: str) -> str:
    """The delimiter of a text log, from its header line (Spark does not sniff it; DuckDB does)."""
    header = ""
    if not is_remote(path):
        first = existing_files(path)[0]
        with (gzip.open if first.endswith(".gz") else open)(first, "rt", encoding="utf-8", errors="replace") as stream:
            header = stream.readline()
    return header_delimiter(header, "\t" if ".tsv" in path.lower() else ",")


def file_format(path: str) -> str:
    """Return ``csv``, ``parquet`` or ``json`` for a path, folder or glob.

    >>> file_format("logs/2024-*.tsv.gz"), file_format("events/"), file_format("a.jsonl")
    ('csv', 'parquet', 'json')
    """
    name = path.rstrip("/").lower()
    for suffix in _COMPRESSED:
        name = name.removesuffix(suffix)
    if Path(path).is_dir() or path.endswith("/") or (is_remote(path) and not Path(name).suffix):
        return "parquet"
    kind = _FORMATS.get(Path(name).suffix)
    if kind is None:
        raise DataSourceError(
            _("{path}: unknown event file type; use .csv, .tsv, .parquet, .jsonl, .json or .xes (optionally .gz), or name a vendor export with --adapter").format(path=path)
        )
    return kind


def existing_files(path: str) -> list[str]:
    """Return the files a log's path names (a file, a folder of Parquet, a glob; a URL as it is); an error when there are none.

    >>> from journeymap.analytics import sample_path
    >>> existing_files(str(sample_path())) == [str(sample_path())]
    True
    """
    if is_remote(path):
        return [path]
    if Path(path).is_dir():
        found = sorted(globbing.glob(str(Path(path) / "**" / "*.parquet"), recursive=True))
    elif any(mark in path for mark in "*?["):
        found = sorted(globbing.glob(path, recursive=True))
    else:
        found = [path] if Path(path).is_file() else []
    if not found:
        raise DataSourceError(_("{path}: no such event file; check the path").format(path=path))
    if all(Path(name).stat().st_size == 0 for name in found):
        raise DataSourceError(_("{path}: the file is empty; export the events again").format(path=path))
    return found


def is_remote(path: str) -> bool:
    """Return whether ``path`` is a URL the engine reads itself (``s3a://``, ``hdfs://``, ``gs://``...).

    >>> is_remote("s3a://lake/events/"), is_remote("events.parquet")
    (True, False)
    """
    return re.match(r"[a-z][a-z0-9+.-]*://", path) is not None and not path.startswith("file://")


def column_list(table: ir.Table) -> str:
    """Return a table's columns for a message, without the hidden :data:`ROW`.

    >>> import ibis
    >>> column_list(ibis.table({"user_id": "string", "_row": "int64", "platform": "string"}))
    'user_id, platform'
    """
    return ", ".join(name for name in table.columns if name != ROW)


def numbered(table: ir.Table) -> ir.Table:
    """Return ``table`` with :data:`ROW`: each row's place in the table as the engine reads it (from 0).

    DuckDB and PostgreSQL number a scan in its order (DuckDB's streaming
    window keeps a file's order); Spark's increasing id follows the file's
    partitions in order.

    >>> import ibis
    >>> t = ibis.memtable({"event": ["b", "a", "c"]})
    >>> ibis.duckdb.connect().execute(numbered(t))[ROW].tolist()
    [0, 1, 2]
    """
    if _backend_name(table) == "pyspark":
        return table.mutate(**{ROW: _spark_increasing_id()})
    return table.mutate(**{ROW: ibis.row_number()})


@ibis.udf.scalar.builtin(name="monotonically_increasing_id", signature=((), "int64"))
def _spark_increasing_id():
    """Spark's ``monotonically_increasing_id()``: increasing in the order of the file's rows."""


def _clean(raw: ir.Table, path: str, columns: Columns | None, timezone: str, con: Any, dates: str | None = None, metadata: list[str] | None = None) -> EventLog:
    """The log with its bad rows counted and skipped; ``metadata``: Parquet files whose footers may prove there are none."""
    columns = columns or Columns()
    raw = _renamed(raw, path, columns)
    backend = con.name if con is not None else _backend_name(raw)
    raw = raw if ROW in raw.columns else numbered(raw)
    user, event = (_text(raw[name]) for name in (USER, EVENT))
    order = _date_order(raw, path, columns.timestamp, dates)
    time = parse_timestamp(raw[TIME], timezone=timezone, backend=backend, date_order=order.order if order is not None else None)
    flagged = raw.mutate(
        **{USER: user, EVENT: event, TIME: time},
        _bad_user=user.isnull() | (user == ""),
        _bad_event=event.isnull() | (event == ""),
        _bad_time=time.isnull(),
    )
    counts = _clean_by_metadata(con, metadata, raw, columns) or _execute(
        flagged.aggregate(
            rows=flagged.count(),
            bad=(flagged._bad_user | flagged._bad_event | flagged._bad_time).sum(),
            user=flagged._bad_user.sum(),
            event=flagged._bad_event.sum(),
            time=flagged._bad_time.sum(),
        ),
        path,
    ).iloc[0]
    rows, bad = int(counts["rows"]), int(counts["bad"] or 0)
    report = BadRows(total=bad)
    if bad:
        report = _bad_rows(raw, flagged, bad, counts, path)
    _check_usable(path, rows, report)
    # a log without bad rows is a plain projection: no per-query checks in the hot path
    table = flagged.filter(~(flagged._bad_user | flagged._bad_event | flagged._bad_time)) if bad else flagged
    keep = [USER, EVENT, TIME, ROW, *(name for name in raw.columns if name not in STANDARD and name != ROW)]
    return EventLog(table=_typed(table.select(*keep)), source=path, rows=rows, bad=report, dates=order)


def _date_order(raw: ir.Table, path: str, column: str, given: str | None) -> DateOrder | None:
    """The order of the time column's numeric dates: the user's word, or what the column's values settle."""
    if not raw[TIME].type().is_string():
        return None
    if given is not None:
        return date_order(DateEvidence(), column=column, given=given)
    evidence = evidence_from(_execute(date_evidence(raw, TIME), path).iloc[0].to_dict())
    try:
        return date_order(evidence, column=column)
    except DataSourceError as error:
        raise DataSourceError(f"{path}: {error}") from None


def _typed(table: ir.Table) -> ir.Table:
    """Give text type to the columns empty in every row (a JSON field always null has no type of its own; DuckDB 1.5 calls it JSON)."""
    empty = {name: "string" for name, kind in table.schema().items() if kind.is_null() or kind.is_json()}
    return table.cast(empty) if empty else table


def _parquet_files(con: ibis.BaseBackend, path: str) -> list[str] | None:
    """The local Parquet files of ``path`` on DuckDB, whose footers :func:`_clean_by_metadata` reads; else None."""
    if con.name != "duckdb" or is_remote(path) or file_format(path) != "parquet":
        return None
    return existing_files(path)


def _clean_by_metadata(con: Any, files: list[str] | None, raw: ir.Table, columns: Columns) -> dict[str, int] | None:
    """The counts of the bad-row check, read from the Parquet footers when they prove there is no bad row; else None.

    Proof: in every row group of every file, the user and event columns are
    text without NULLs whose smallest value is not empty, and the time column
    is a timestamp without NULLs. Anything else (no statistics, a column
    missing from one file, text times) and the rows are read and counted.
    """
    schema = raw.schema()
    if not files or not (schema[USER].is_string() and schema[EVENT].is_string() and schema[TIME].is_timestamp()):
        return None
    if len({columns.user_id, columns.event, columns.timestamp}) < 3:
        return None
    # literals, not parameters: DuckDB 1.5 binds Python parameters through pandas, whose import costs a command 0.3 s
    listed = "[" + ", ".join(_quoted(path) for path in files) + "]"
    time, user, event = (_quoted(name) for name in (columns.timestamp, columns.user_id, columns.event))
    [(rows, groups, proven)] = con.con.sql(
        f"WITH m AS (SELECT * FROM parquet_metadata({listed})) SELECT "
        "(SELECT sum(row_group_num_rows) FROM (SELECT DISTINCT file_name, row_group_id, row_group_num_rows FROM m)), "
        "(SELECT count(*) FROM (SELECT DISTINCT file_name, row_group_id FROM m)), "
        f"count(*) FILTER (WHERE stats_null_count = 0 AND (path_in_schema = {time} OR (path_in_schema IN ({user}, {event}) AND stats_min_value > ''))) "
        "FROM m"
    ).fetchall()
    if not groups or proven != 3 * groups:
        return None
    return {"rows": int(rows), "bad": 0, "user": 0, "event": 0, "time": 0}


def _text(column: ir.Value) -> ir.StringValue:
    return column if column.type().is_string() else column.cast("string")


def _backend_name(table: ir.Table) -> str:
    """The name of the engine a table lives in (DuckDB for an in-memory table bound to none)."""
    try:
        return table._find_backend(use_default=True).name
    except Exception:  # Ibis raises its own errors for a table built from several backends
        return "duckdb"


def _parsed_once(con: ibis.BaseBackend, table: ir.Table) -> ir.Table:
    """Keep a text log's parsed rows in the engine (a temp table; Spark: a cached frame): text is parsed once."""
    if con.name == "pyspark":
        return table.cache()
    return con.create_table(f"journeymap_events_{uuid.uuid4().hex}", table, temp=True)


def _is_clean(table: ir.Table) -> bool:
    schema = table.schema()
    return (
        all(name in schema for name in STANDARD)
        and schema[USER].is_string()
        and schema[EVENT].is_string()
        and schema[TIME].is_timestamp()
        and schema[TIME].timezone is None
    )


def _renamed(raw: ir.Table, path: str, columns: Columns) -> ir.Table:
    renames = columns.renames()
    missing = [theirs for theirs in (columns.user_id, columns.event, columns.timestamp) if theirs not in raw.columns]
    if missing:
        raise DataSourceError(
            _(
                "{path}: no column {column!r} (columns: {found}); name the right one with "
                "--user-column/--event-column/--time-column or the map's data.columns"
            ).format(path=path, column=missing[0], found=", ".join(raw.columns[:12]))
        )
    clashing = [name for name in renames if name in raw.columns]
    raw = raw.drop(*clashing) if clashing else raw
    return raw.rename({ours: theirs for ours, theirs in renames.items()})


def _bad_rows(raw: ir.Table, flagged: ir.Table, bad: int, counts: Any, path: str) -> BadRows:
    by_kind, first_rows = {}, {}
    for kind, flag, key in zip(_BAD_KINDS, ("_bad_user", "_bad_event", "_bad_time"), ("user", "event", "time")):
        count = int(counts[key] or 0)
        if not count:
            continue
        by_kind[kind] = count
        rows = flagged.filter(flagged[flag]).order_by(ROW).limit(_FIRST_ROWS)[ROW]
        first_rows[kind] = _places(flagged, [int(row) for row in _execute(rows, path).tolist()], path)
    return BadRows(total=bad, by_kind=by_kind, first_rows=first_rows)


def _places(flagged: ir.Table, rows: list[int], path: str) -> list[int]:
    """Rows' 1-based places in the whole log, from their :data:`ROW` ids.

    A single file's ids are its row numbers; Spark's increasing ids jump between
    partitions and a parquet folder's ids carry the file's index in their high
    bits, so there the place is the count of rows before it (a few scalar counts,
    never a window over the log).
    """
    if _backend_name(flagged) != "pyspark" and all(row < _FILE_STRIDE for row in rows):
        return [row + 1 for row in rows]
    return [int(_execute((flagged[ROW] < row).sum(), path) or 0) + 1 for row in rows]


def _check_usable(path: str, rows: int, bad: BadRows) -> None:
    if rows == 0:
        raise DataSourceError(_("{path}: the file has no event rows; export the events again").format(path=path))
    if bad.total > rows * MAX_BAD_SHARE:
        kind = max(bad.by_kind, key=bad.by_kind.__getitem__)
        first = bad.first_rows[kind][0]
        raise DataSourceError(
            _("{path}: {bad} of {rows} rows are bad ({kind}, first at row {first}); check the column names and the time format").format(
                path=path, bad=bad.total, rows=rows, kind=_(kind), first=first
            )
        )


def _execute(expr: ir.Expr, path: str) -> Any:
    try:
        return expr.execute()
    except Exception as error:  # the engine reads lazily: a broken file fails only here
        raise DataSourceError(
            _("{path}: cannot be read ({reason}); check the file's format").format(path=path, reason=_first_line(error))
        ) from None


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
