"""The JSON that ``paths`` prints: from an anchor, or between two steps."""

from __future__ import annotations

from typing import Literal

from pydantic import RootModel

from ..analytics.between import PathsBetween as PathsBetweenResult
from ..analytics.results import Paths as PathsResult
from .base import DEFERRED, Output, derived


class Path(Output):
    """One sequence of events and its users."""

    events: list[str]
    users: int
    share: float | None


class Link(Output):
    """Users going from one event to the next at one level of the Sankey chart."""

    level: int
    source: str
    target: str
    users: int


@derived
class Paths(PathsResult):
    """The most frequent paths after (or before) an anchor event."""

    direction: Literal["after", "before"]
    paths: list[Path]  # type: ignore[assignment]
    links: list[Link]  # type: ignore[assignment]


@derived
class PathsBetween(PathsBetweenResult):
    """What ``paths --between --json`` prints: the paths of users who converted and of those who dropped off."""

    dropped_paths: list[Path]  # type: ignore[assignment]
    converted_paths: list[Path]  # type: ignore[assignment]


class PathsOutput(RootModel[Paths | PathsBetween]):
    """What ``paths --json`` prints: paths from an anchor, or between two steps."""

    model_config = DEFERRED
