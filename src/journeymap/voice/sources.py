"""Reading feedback files: CSV, TSV, JSON Lines (gzip ok) and XLSX, one voice per row.

A row that cannot be used (empty text, broken encoding) is counted and listed
with its row number, never dropped in silence; a bad date or rating is
reported and left out while the text is kept.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "feedback.csv"
>>> _ = path.write_text("text,rating\\nGreat shop,5\\n,1\\n", encoding="utf-8")
>>> found = read_feedback(path)
>>> [voice.text for voice in found.voices], [(bad.row, bad.reason) for bad in found.bad_rows]
(['Great shop'], [(3, 'empty text')])
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from ..dates import DateOrder, date_order, evidence_of, iso_text
from ..errors import DataSourceError
from ..files.delimiters import header_delimiter
from ..i18n import gettext as _
from ..inflate import check_archive, open_bytes
from ..published import PUBLISHED

FIELDS = ("id", "text", "date", "author", "channel", "rating", "step", "reply_text", "replied_at", "reply_to", "thread")
"""The columns a feedback file may have; only ``text`` is required."""

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "message", "comment", "review", "body", "content", "feedback"),
    "date": ("date", "created_at", "timestamp", "time", "posted_at"),
    "rating": ("rating", "score", "stars", "grade"),
    "reply_text": ("reply_text", "reply", "answer", "response"),
    "replied_at": ("replied_at", "reply_date", "answered_at", "response_date"),
    "reply_to": ("reply_to", "in_reply_to", "reply_to_id", "parent_id"),
    "thread": ("thread", "thread_id", "conversation_id"),
}
MAX_TEXT_CHARS = 200_000
"""Texts longer than this are cut (and the cut is reported)."""
MAX_LINE_CHARS = MAX_TEXT_CHARS * 10
"""A JSON line longer than this is reported and skipped, never held whole."""
MAX_XLSX_BYTES = 256 * 2**20
"""What an XLSX workbook may inflate to (its shared strings hold every text cell at once)."""

_FORMATS = {".csv": "csv", ".tsv": "tsv", ".txt": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}
_DATE_FORMATS = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y/%m/%d")
_DATED = ("date", "replied_at")
_FIRST_YEAR = 1990


@dataclass(frozen=True)
class Voice:
    """One piece of feedback: a review, survey answer, ticket or social post."""

    row: int
    text: str
    id: str = ""
    date: datetime | None = None
    author: str = ""
    channel: str = ""
    rating: float | None = None
    step: str = ""
    reply_text: str = ""
    replied_at: datetime | None = None
    reply_to: str = ""
    """The id of the post this one answers (a reply link)."""
    thread: str = ""
    """The conversation the post belongs to."""


@dataclass(frozen=True)
class BadRow:
    """A row, or one field of it, that could not be used, and why."""

    __pydantic_config__ = PUBLISHED

    row: int
    reason: str
    field: str = ""


@dataclass
class FeedbackSet:
    """The voices read from one file, with the rows that were left out or cut."""

    source: str
    voices: list[Voice] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    dates: list[DateOrder] = field(default_factory=list)
    """How each date column's numeric dates (``03/05/2024``) were read."""

    @property
    def rows_read(self) -> int:
        """Every data row of the file, good or bad."""
        return len(self.voices) + len({bad.row for bad in self.bad_rows if not bad.field})


def read_feedback(path: str | Path, *, columns: dict[str, str] | None = None, dates: str | None = None) -> FeedbackSet:
    """Read a feedback file into voices; ``columns`` maps our field names to the file's.

    ``dates`` (``day-first`` or ``month-first``) reads numeric dates such as
    ``03/05/2024`` where a column's values cannot tell (see :mod:`journeymap.dates`).
    """
    path = Path(path)
    if not path.is_file():
        raise DataSourceError(_("{path}: no such feedback file").format(path=path))
    records = _records(path, _format_of(path))
    return collect(records, source=str(path), columns=columns, dates=dates)


def collect(records: Iterator[tuple[int, dict[str, Any]]], *, source: str, columns: dict[str, str] | None = None, dates: str | None = None) -> FeedbackSet:
    """Turn ``(row number, raw record)`` pairs into a :class:`FeedbackSet`."""
    found = FeedbackSet(source=source)
    mapping: dict[str, str] | None = None
    rows = list(records)  # each date column's values settle its order before any row is read
    orders: dict[str, str] = {}
    for row, record in rows:
        if mapping is None:
            mapping = _mapping(list(record), columns or {}, source)
            found.columns = mapping
            found.dates = _date_orders(rows, mapping, source, dates)
            orders = {order.column: order.order for order in found.dates}
        voice = _voice(row, record, mapping, found.bad_rows, orders)
        if voice is not None:
            found.voices.append(voice)
    if mapping is None:
        raise DataSourceError(_("{path}: the file has no rows").format(path=source))
    if not found.voices:
        first = found.bad_rows[0]
        raise DataSourceError(_("{path}: no usable row (row {row}: {reason})").format(path=source, row=first.row, reason=first.reason))
    return found


def _format_of(path: Path) -> str:
    suffixes = [suffix.lower() for suffix in path.suffixes]
    name = suffixes[-2] if suffixes and suffixes[-1] == ".gz" and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    if name not in _FORMATS:
        raise DataSourceError(_("{path}: unknown feedback format '{suffix}'; use .csv, .tsv, .jsonl (optionally .gz) or .xlsx").format(path=path, suffix=name or "(none)"))
    return _FORMATS[name]


def _records(path: Path, kind: str) -> Iterator[tuple[int, dict[str, Any]]]:
    if kind == "xlsx":
        return _xlsx_records(path)
    with _text(path) as stream:
        head = stream.read(4096)
    if "\x00" in head:
        raise DataSourceError(_("{path}: this is a binary file, not UTF-8 text").format(path=path))
    if kind == "jsonl":
        return _jsonl_records(path)
    return _delimited_records(path, "\t" if kind == "tsv" else header_delimiter(head))


def _text(path: Path) -> TextIO:
    """Return the file as text read as a stream (gzip inflated with caps, see :mod:`journeymap.inflate`)."""
    return io.TextIOWrapper(open_bytes(path), encoding="utf-8-sig", errors="replace", newline="")


def _delimited_records(path: Path, delimiter: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with _text(path) as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            header = _next_record(reader)
            start = reader.line_num + 1
            while True:
                record = _next_record(reader)
                if any(cell.strip() for cell in record):
                    yield start, dict(zip(header, record))
                start = reader.line_num + 1
        except StopIteration:
            return
        except csv.Error as error:
            raise DataSourceError(_("{path}: line {line}: {error}").format(path=path, line=reader.line_num, error=error)) from None


_FIELD_LIMIT = threading.Lock()


def _next_record(reader: Iterator[list[str]]) -> list[str]:
    """Return the next record of ``reader``, whose fields may hold up to :data:`MAX_LINE_CHARS` characters.

    The csv module keeps one field limit for the whole process (131,072 characters, less than a cut
    text) and no reader takes its own: the limit is raised for this one record only, and what the
    process had is put back at once, so code beside journeymap never sees it changed.
    """
    with _FIELD_LIMIT:
        before = csv.field_size_limit(MAX_LINE_CHARS)
        try:
            return next(reader)
        finally:
            csv.field_size_limit(before)


def _jsonl_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with _text(path) as stream:
        for number, line in enumerate(_lines(stream), start=1):
            if line is None:
                yield number, {"\x00error": _("line longer than {limit} characters").format(limit=MAX_LINE_CHARS)}
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as error:
                reason = error.msg if isinstance(error, json.JSONDecodeError) else _("nested too deep")
                record = {"\x00error": _("not JSON: {error}").format(error=reason)}
            yield number, record if isinstance(record, dict) else {"\x00error": _("not a JSON object")}


def _lines(stream: TextIO) -> Iterator[str | None]:
    """Yield the lines of ``stream``; ``None`` for one longer than :data:`MAX_LINE_CHARS` (its rest is skipped)."""
    while line := stream.readline(MAX_LINE_CHARS + 1):
        if len(line) <= MAX_LINE_CHARS or line.endswith("\n"):
            yield line
            continue
        while (rest := stream.readline(MAX_LINE_CHARS)) and not rest.endswith("\n"):
            pass
        yield None


def _xlsx_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    check_archive(path, limit=MAX_XLSX_BYTES)
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise DataSourceError(_("{path}: not a readable XLSX workbook ({error})").format(path=path, error=type(error).__name__)) from None
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell) if cell is not None else "" for cell in next(rows, ())]
    for number, values in enumerate(rows, start=2):
        if any(value not in (None, "") for value in values):
            yield number, dict(zip(header, values))


def _mapping(header: list[str], columns: dict[str, str], source: str) -> dict[str, str]:
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise DataSourceError(_("unknown feedback field '{field}'; use one of: {fields}").format(field=unknown[0], fields=", ".join(FIELDS)))
    lowered = {name.strip().lower(): name for name in header if isinstance(name, str)}
    mapping: dict[str, str] = {}
    for name in FIELDS:
        if name in columns:
            if columns[name] not in header:
                raise DataSourceError(_("{path}: no column '{column}' (for {field}); columns are: {columns}").format(path=source, column=columns[name], field=name, columns=", ".join(map(str, header))))
            mapping[name] = columns[name]
            continue
        match = next((lowered[alias] for alias in ALIASES.get(name, (name,)) if alias in lowered), None)
        if match is not None:
            mapping[name] = match
    if "text" not in mapping and "\x00error" not in header:
        raise DataSourceError(_("{path}: no text column; name it 'text' or pass --columns text=YOUR_COLUMN (columns are: {columns})").format(path=source, columns=", ".join(map(str, header))))
    return mapping


def _date_orders(rows: list[tuple[int, dict[str, Any]]], mapping: dict[str, str], source: str, given: str | None) -> list[DateOrder]:
    """The order of each date column's numeric dates: the user's word, or what its values settle."""
    orders = []
    for name in _DATED:
        if name not in mapping:
            continue
        try:
            order = date_order(evidence_of(record.get(mapping[name]) for _row, record in rows), column=mapping[name], given=given)
        except DataSourceError as error:
            raise DataSourceError(f"{source}: {error}") from None
        if order is not None:
            orders.append(order)
    return orders


def _voice(row: int, record: dict[str, Any], mapping: dict[str, str], bad: list[BadRow], orders: dict[str, str]) -> Voice | None:
    if "\x00error" in record:
        bad.append(BadRow(row, record["\x00error"]))
        return None
    text = _cell(record, mapping, "text")
    if not text.strip():
        bad.append(BadRow(row, _("empty text")))
        return None
    if "\ufffd" in text:
        bad.append(BadRow(row, _("broken encoding (not UTF-8); save the file as UTF-8")))
        return None
    if len(text) > MAX_TEXT_CHARS:
        bad.append(BadRow(row, _("text cut to {limit} characters").format(limit=MAX_TEXT_CHARS), "text"))
        text = text[:MAX_TEXT_CHARS]
    return Voice(
        row=row,
        text=text.strip(),
        id=_cell(record, mapping, "id") or str(row),
        date=_date(row, record, mapping, "date", bad, orders),
        author=_cell(record, mapping, "author"),
        channel=_cell(record, mapping, "channel").strip().lower(),
        rating=_rating(row, record, mapping, bad),
        step=_cell(record, mapping, "step").strip(),
        reply_text=_cell(record, mapping, "reply_text").strip(),
        replied_at=_date(row, record, mapping, "replied_at", bad, orders),
        reply_to=_cell(record, mapping, "reply_to").strip(),
        thread=_cell(record, mapping, "thread").strip(),
    )


def _cell(record: dict[str, Any], mapping: dict[str, str], name: str) -> str:
    value = record.get(mapping.get(name, "\x00none"))
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and name in ("id", "reply_to", "thread"):
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _date(row: int, record: dict[str, Any], mapping: dict[str, str], name: str, bad: list[BadRow], orders: dict[str, str]) -> datetime | None:
    raw = record.get(mapping.get(name, "\x00none"))
    if raw in (None, ""):
        return None
    order = orders.get(mapping.get(name, "\x00none"))
    moment = parse_date(iso_text(raw, order) if order and isinstance(raw, str) else raw)
    if moment is None:
        bad.append(BadRow(row, _("'{value}' is not a date; left out").format(value=str(raw)[:40]), name))
    elif not _FIRST_YEAR <= moment.year <= datetime.now(UTC).year + 1:
        bad.append(BadRow(row, _("absurd date {value}; left out").format(value=moment.date().isoformat()), name))
        return None
    return moment


def parse_date(value: Any) -> datetime | None:
    """Return a UTC datetime for an ISO or day-first date, else ``None``.

    >>> parse_date("2024-03-05T10:00:00+03:00").isoformat()
    '2024-03-05T07:00:00+00:00'
    >>> parse_date("05.03.2024").date().isoformat()
    '2024-03-05'
    """
    if isinstance(value, datetime):
        moment: datetime | None = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        moment = _parse_text_date(str(value).strip())
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_text_date(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _rating(row: int, record: dict[str, Any], mapping: dict[str, str], bad: list[BadRow]) -> float | None:
    raw = record.get(mapping.get("rating", "\x00none"))
    if raw in (None, ""):
        return None
    try:
        value = float(str(raw).replace(",", "."))
    except ValueError:
        bad.append(BadRow(row, _("rating '{value}' is not a number; left out").format(value=str(raw)[:20]), "rating"))
        return None
    if not 0 <= value <= 10:
        bad.append(BadRow(row, _("rating {value} is outside 0..10; left out").format(value=raw), "rating"))
        return None
    return value
