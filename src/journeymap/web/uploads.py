"""What kind of file an upload is, and which of its columns an analysis reads, in words for people who never used the CLI.

An event analysis needs a user id, an event name and a time column; the voice
analysis needs a column of the customers' words. When the file lacks one, the
run fails with a message that lists the file's columns, and its ``details``
let the page offer them in a select (the chosen names come back as the run's
``user_column``, ``event_column``, ``time_column`` or ``text_column``). A
feedback file sent to an event analysis, and an event log sent to the voice
analysis, are recognised and said so.

>>> import pathlib, tempfile
>>> upload = pathlib.Path(tempfile.mkdtemp()) / "9c1e2f"
>>> _ = upload.write_text("uid,action,at\\nu1,view,2026-01-01T10:00\\n")
>>> try:
...     event_columns(upload, {})
... except WrongUpload as error:
...     print(error.message)
...     print(error.details["missing"], error.details["guess"])
This file has no column that looks like a user id. Its columns are: uid, action, at. Choose which column holds the user id:
user_column uid
>>> event_columns(upload, {"user_column": "uid", "event_column": "action", "time_column": "at"}).user_id
'uid'
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..analytics import Columns
from ..analytics.sources import connect, read_raw
from ..errors import DataSourceError
from ..i18n import gettext as _
from ..model import Journey
from ..voice.sources import ALIASES as FEEDBACK_ALIASES

EVENT_FIELDS = ("user_column", "event_column", "time_column")
"""The run parameters naming an event log's user id, event name and time columns."""
TEXT_FIELD = "text_column"
"""The run parameter naming a feedback file's column of the customers' words."""

_GUESSES = {
    "user_column": ("user_id", "userid", "user", "uid", "distinct_id", "client_id", "customer_id", "device_id", "case:concept:name"),
    "event_column": ("event", "event_name", "event_type", "action", "name", "concept:name"),
    "time_column": ("timestamp", "time", "event_time", "datetime", "date", "ts", "created_at", "time:timestamp"),
}


_MAGIC = ((b"PAR1", ".parquet"), (b"\x1f\x8b", ".csv.gz"), (b"PK\x03\x04", ".xlsx"), (b"{", ".jsonl"))


def file_suffix(path: Path) -> str:
    """Return the file name suffix that fits the file's first bytes (``.csv`` when unsure): uploads are stored under random names.

    >>> import tempfile, pathlib
    >>> sample = pathlib.Path(tempfile.mkdtemp()) / "upload"
    >>> _ = sample.write_bytes(b"PAR1....")
    >>> file_suffix(sample)
    '.parquet'
    """
    with path.open("rb") as stream:
        head = stream.read(4)
    stripped = head.lstrip()
    return next((suffix for magic, suffix in _MAGIC if head.startswith(magic) or stripped.startswith(magic)), ".csv")


@contextmanager
def linked_by_kind(path: Path) -> Iterator[Path]:
    """Yield a link to an uploaded file (stored under a random name) whose suffix tells its kind."""
    with tempfile.TemporaryDirectory(prefix="journeymap-run-") as folder:
        link = Path(folder) / f"data{file_suffix(path)}"
        link.symlink_to(path.resolve())
        yield link


class WrongUpload(DataSourceError):
    """The uploaded file is not what the analysis reads; ``details`` lists its columns and the one to choose."""

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.details = details


def file_columns(path: Path) -> list[str]:
    """Return the column names of an uploaded CSV, JSON Lines or Parquet file (read from its header by DuckDB)."""
    with linked_by_kind(path) as link:
        try:
            return list(read_raw(connect(), str(link)).columns)
        except DataSourceError:
            raise WrongUpload(_("This file cannot be read as a table. Upload a CSV, JSON Lines or Parquet file with a header row.")) from None


def event_columns(path: Path, params: dict[str, Any], journey: Journey | None = None) -> Columns:
    """Return the event log's user, event and time columns: those chosen in ``params``, else the map's, else the standard ones.

    Raises :class:`WrongUpload` when the file is feedback or lacks one of them.
    """
    own = journey.data.columns if journey is not None and journey.data is not None else Columns()
    chosen = {
        "user_column": params.get("user_column") or own.user_id,
        "event_column": params.get("event_column") or own.event,
        "time_column": params.get("time_column") or own.timestamp,
    }
    found = file_columns(path)
    missing = [name for name in EVENT_FIELDS if chosen[name] not in found]
    if len(missing) == len(EVENT_FIELDS) and (text := _feedback_column(found)):
        raise WrongUpload(
            _("This file looks like customer feedback (it has a “{column}” column), not an event log. Run “Voice of the customer” on it, or upload an event log.").format(column=text)
        )
    if missing:
        raise WrongUpload(missing_message(missing[0], found), details=_details(missing[0], found, chosen))
    return Columns(user_id=chosen["user_column"], event=chosen["event_column"], timestamp=chosen["time_column"])


def feedback_columns(path: Path, params: dict[str, Any]) -> dict[str, str]:
    """Return the feedback file's column choices (``{"text": column}`` when chosen in ``params``).

    Raises :class:`WrongUpload` when the file is an event log or has no column of the customers' words.
    """
    if file_suffix(path) == ".xlsx":
        return {"text": params[TEXT_FIELD]} if params.get(TEXT_FIELD) else {}
    found = file_columns(path)
    chosen = params.get(TEXT_FIELD)
    if chosen in found:
        return {"text": chosen}
    if _feedback_column(found):
        return {}
    if all(name in found for name in _standard_event_columns()):
        raise WrongUpload(
            _("This file looks like an event log (who did what and when), not customer feedback. Run an event analysis such as “Funnel” on it, or upload a feedback file.")
        )
    raise WrongUpload(missing_message(TEXT_FIELD, found), details=_details(TEXT_FIELD, found, {}))


def _standard_event_columns() -> tuple[str, ...]:
    standard = Columns()
    return (standard.user_id, standard.event, standard.timestamp)


def _feedback_column(found: list[str]) -> str | None:
    lowered = {name.strip().lower(): name for name in found}
    return next((lowered[alias] for alias in FEEDBACK_ALIASES["text"] if alias in lowered), None)


def missing_message(field: str, found: list[str], *, ask: bool = True) -> str:
    """Return what a person reads when the file lacks the column ``field``: its columns, and (when ``ask``) which one to choose.

    >>> missing_message("event_column", ["a", "b"], ask=False)
    'This file has no column that looks like an event name. Its columns are: a, b.'
    """
    missing = {
        "user_column": _("This file has no column that looks like a user id. Its columns are: {columns}."),
        "event_column": _("This file has no column that looks like an event name. Its columns are: {columns}."),
        "time_column": _("This file has no column that looks like a time. Its columns are: {columns}."),
        "text_column": _("This file has no column that looks like the customers' words. Its columns are: {columns}."),
    }
    choose = {
        "user_column": _("Choose which column holds the user id:"),
        "event_column": _("Choose which column holds the event name:"),
        "time_column": _("Choose which column holds the time of each event:"),
        "text_column": _("Choose which column holds the text:"),
    }
    said = missing[field].format(columns=", ".join(found))
    return f"{said} {choose[field]}" if ask else said


def missing_column(path: Path, columns: Columns) -> str | None:
    """Return the run parameter of the first of ``columns`` the uploaded file lacks (``None`` when it has them all)."""
    found = file_columns(path)
    named = {"user_column": columns.user_id, "event_column": columns.event, "time_column": columns.timestamp}
    return next((field for field, name in named.items() if name not in found), None)


def _details(field: str, found: list[str], chosen: dict[str, str]) -> dict[str, Any]:
    """What the page needs to offer the columns: all of them, the one to choose, the current choices and a guess."""
    lowered = {name.strip().lower(): name for name in found}
    aliases = _GUESSES.get(field, FEEDBACK_ALIASES["text"])
    guess = next((lowered[alias] for alias in aliases if alias in lowered), None)
    current = {name: value for name, value in chosen.items() if value in found}
    return {"columns": found, "missing": field, "chosen": current, "guess": guess}
