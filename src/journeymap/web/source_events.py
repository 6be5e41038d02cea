"""The events an uploaded event log holds: what a step of a map can be bound to.

Each distinct event name comes with how many rows and how many users have it,
counted by a group-by on the analytics engine (DuckDB). Uploads are stored
under random names and never change, so the answer is cached per file and
column names.

>>> import pathlib, tempfile
>>> upload = pathlib.Path(tempfile.mkdtemp()) / "3f9a0c"
>>> _ = upload.write_text("user_id,event,timestamp\\nu1,view,2026-01-01T10:00\\nu2,view,2026-01-01T11:00\\nu1,pay,2026-01-02T09:00\\n")
>>> event_names(upload, name="events.csv")
[{'event': 'view', 'count': 2, 'users': 2}, {'event': 'pay', 'count': 1, 'users': 1}]
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..analytics import Columns, read_events
from ..analytics.summary import event_counts
from ..errors import DataSourceError
from .uploads import WrongUpload, file_columns, linked_by_kind, missing_column, missing_message

LIMIT = 1000
"""The most event names listed (most frequent first): a list to pick from, not a report."""


def event_names(path: Path, *, name: str, columns: Columns | None = None, limit: int = LIMIT) -> list[dict[str, Any]]:
    """Return the distinct events of the uploaded log at ``path``, most frequent first, with row and user counts.

    ``name`` is the file's name as uploaded, which error messages cite. Raises
    :class:`~journeymap.errors.DataSourceError` when the file is not a readable
    event log (not CSV, JSON Lines or Parquet, or without the columns).
    """
    stat = path.stat()
    return [dict(item) for item in _counted(path, stat.st_size, stat.st_mtime_ns, name, columns or Columns(), limit)]


@lru_cache(maxsize=64)
def _counted(path: Path, size: int, modified: int, name: str, columns: Columns, limit: int) -> tuple[tuple[tuple[str, Any], ...], ...]:
    if (missing := missing_column(path, columns)) is not None:
        raise WrongUpload(missing_message(missing, file_columns(path), ask=False))
    with linked_by_kind(path) as link:
        try:
            counts = event_counts(read_events(link, columns=columns).table, top=limit, users=True)
        except DataSourceError as error:
            raise DataSourceError(error.message.replace(str(link), name)) from None
    return tuple(tuple(item.items()) for item in counts)
