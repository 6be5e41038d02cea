"""Result objects of the analyses: small, already computed, convertible to every shape.

Each result has ``to_dict()`` (what ``--json`` prints: its published shape is
the command's model in :mod:`journeymap.outputs`), ``rows()`` (its main table as
records), ``to_pandas()`` and ``to_arrow()`` (that table).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import Field, dataclass, field, fields, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def clean_number(value: Any) -> Any:
    """Return ``None`` for NaN and plain Python numbers for numpy ones.

    >>> clean_number(float("nan")) is None, clean_number(3.0)
    (True, 3.0)
    """
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def share(part: int, whole: int) -> float | None:
    """Return ``part / whole``, or ``None`` when ``whole`` is zero.

    >>> share(1, 4), share(1, 0)
    (0.25, None)
    """
    return part / whole if whole else None


def plain(value: Any) -> Any:
    """Return ``value`` as plain JSON-ready data: a record by its ``to_dict()``, a tuple as a list, inside lists and dicts too.

    >>> plain({"steps": [FunnelStep("buy", 3, None, None, None)], "interval": (0.1, 0.2)})["interval"]
    [0.1, 0.2]
    """
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


UNPUBLISHED = MappingProxyType({"published": False})
"""The metadata of a field ``to_dict()`` leaves out: ``field(default_factory=pd.DataFrame, metadata=UNPUBLISHED)``."""


class Record:
    """Base of the results and their parts, all dataclasses: their fields, in order, are their JSON shape.

    >>> FunnelStep("buy", 3, 0.5, 0.1, None).to_dict()["conversion_from_previous"]
    0.5
    """

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as plain data (see :func:`plain`), but those marked :data:`UNPUBLISHED`."""
        return {item.name: plain(getattr(self, item.name)) for item in fields(self) if item.metadata.get("published", True)}


class Result(Record):
    """Base of the result objects: the table conversions from ``rows()``."""

    def rows(self) -> list[dict[str, Any]]:
        """Return the main table of the result as a list of records."""
        raise NotImplementedError

    def to_pandas(self) -> pd.DataFrame:
        """Return the main table as a pandas DataFrame."""
        import pandas as pd  # only here: a command that prints numbers does not import pandas

        return pd.DataFrame(self.rows())

    def to_arrow(self) -> pa.Table:
        """Return the main table as an Arrow table."""
        import pyarrow as pa

        return pa.Table.from_pylist(self.rows())


@dataclass
class FunnelStep(Record):
    """One step of a funnel: users who reached it and the time it took from the previous one."""

    name: str
    users: int
    conversion_from_previous: float | None
    conversion_from_start: float | None
    median_seconds_from_previous: float | None
    p90_seconds_from_previous: float | None = None
    time_to_convert: list[int] | None = None
    """Users per bucket of time from the previous step: up to a minute, ten minutes, an hour, a day, a week, and longer."""


@dataclass
class Funnel(Result):
    """A funnel: users entering, each step, and a breakdown by a property when asked."""

    entered: int
    window_seconds: float
    steps: list[FunnelStep]
    mode: str = "ordered"
    by: str | None = None
    groups: dict[str, Funnel] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        """One record per step (and per group when broken down)."""
        if self.groups:
            return [{self.by or "group": name, **row} for name, group in self.groups.items() for row in group.rows()]
        return [step.to_dict() for step in self.steps]

    def to_dict(self) -> dict[str, Any]:
        """``{"entered", "window_seconds", "steps": [...]}`` plus ``by`` and ``groups`` when broken down."""
        data: dict[str, Any] = {
            "entered": self.entered,
            "window_seconds": self.window_seconds,
            "mode": self.mode,
            "steps": [step.to_dict() for step in self.steps],
        }
        if self.by:
            data["by"] = self.by
            data["groups"] = {name: group.to_dict() for name, group in self.groups.items()}
        return data


@dataclass
class Retention(Result):
    """Day-N retention of a cohort, and weekly cohorts as a triangle."""

    cohort_size: int
    retention: dict[int, float | None]
    retained: dict[int, int]
    unbounded: bool = False
    weekly: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per day asked for."""
        return [{"day": day, "users": self.retained[day], "retention": self.retention[day]} for day in self.retention]

    def on_days(self, days: Iterable[int]) -> Retention:
        """Return the result with only ``days`` (those it has): what is printed when a chart drew more.

        >>> Retention(cohort_size=4, retention={0: 1.0, 1: 0.5, 2: 0.25}, retained={0: 4, 1: 2, 2: 1}).on_days([2, 0]).retained
        {0: 4, 2: 1}
        """
        wanted = set(days)
        kept = [day for day in self.retention if day in wanted]
        return replace(self, retention={day: self.retention[day] for day in kept}, retained={day: self.retained[day] for day in kept})

    def to_dict(self) -> dict[str, Any]:
        """``{"cohort_size": N, "retention": {"7": 0.34, ...}, ...}``."""
        return {
            "cohort_size": self.cohort_size,
            "retention": {str(day): value for day, value in self.retention.items()},
            "retained": {str(day): value for day, value in self.retained.items()},
            "unbounded": self.unbounded,
            "weekly_cohorts": self.weekly,
        }


@dataclass
class Paths(Result):
    """The most frequent sequences of events after (or before) an anchor event."""

    anchor: str
    direction: str
    depth: int
    users: int
    paths: list[dict[str, Any]]
    links: list[dict[str, Any]]

    def rows(self) -> list[dict[str, Any]]:
        """One record per path: its events joined by ``→``, users and share."""
        return [{"path": " → ".join(path["events"]), "users": path["users"], "share": path["share"]} for path in self.paths]


@dataclass
class Transitions(Result):
    """The directly-follows graph: how often one event follows another, and how fast."""

    edges: list[dict[str, Any]]
    events: dict[str, int]

    def rows(self) -> list[dict[str, Any]]:
        """One record per edge: source, target, count, users, median seconds."""
        return list(self.edges)

    def to_dict(self) -> dict[str, Any]:
        """``{"events": {name: count}, "edges": [...]}``."""
        return {"events": self.events, "edges": self.edges}


@dataclass
class Summary(Result):
    """What ``events inspect`` prints: size, time range, columns, top events, bad rows."""

    source: str
    row_count: int
    """Rows read, bad ones included."""
    events: int
    """Distinct event names."""
    users: int
    date_from: str | None
    date_to: str | None
    columns: dict[str, str]
    """Each column's type."""
    top_events: dict[str, int]
    """Events per name, most frequent first."""
    bad_rows: dict[str, Any]

    def rows(self) -> list[dict[str, Any]]:
        """One record per event name with its count."""
        return [{"event": name, "count": count} for name, count in self.top_events.items()]

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain data."""
        data = super().to_dict()
        data["rows"] = data.pop("row_count")
        return data
