"""The JSON that ``events inspect`` prints."""

from __future__ import annotations

from pydantic import Field

from ..analytics.results import Summary as SummaryResult
from .base import Output, derived


class BadRows(Output):
    """Rows skipped because they cannot be used, counted by kind with their first row numbers."""

    total: int
    by_kind: dict[str, int]
    first_rows: dict[str, list[int]]


@derived
class Summary(SummaryResult):
    """What ``events inspect --json`` prints: size, time range, columns, top events, bad rows."""

    row_count: int = Field(alias="rows")
    bad_rows: BadRows  # type: ignore[assignment]
