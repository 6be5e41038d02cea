"""How a map is drawn: the emotion scale, custom lanes, links between steps."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from .base import Identifier, Model, Named
from .metrics import Measurement


class EmotionPoint(Model):
    """A named point of the emotion scale."""

    score: int
    label: str = ""
    emoji: str = ""


class EmotionScale(Model):
    """The scale of the emotion lane: -2..+2 by default, with a label and emoji per point.

    >>> EmotionScale().point(-2).emoji
    '😣'
    """

    min: int = -2
    max: int = 2
    points: list[EmotionPoint] = Field(
        default_factory=lambda: [
            EmotionPoint(score=-2, label="Very negative", emoji="😣"),
            EmotionPoint(score=-1, label="Negative", emoji="🙁"),
            EmotionPoint(score=0, label="Neutral", emoji="😐"),
            EmotionPoint(score=1, label="Positive", emoji="🙂"),
            EmotionPoint(score=2, label="Very positive", emoji="😄"),
        ]
    )

    @model_validator(mode="after")
    def _points_inside(self) -> EmotionScale:
        if self.min >= self.max:
            raise ValueError(f"min {self.min} must be below max {self.max}")
        outside = [point.score for point in self.points if not self.min <= point.score <= self.max]
        if outside:
            raise ValueError(f"points {outside} are outside the scale {self.min}..{self.max}")
        return self

    def point(self, score: float) -> EmotionPoint | None:
        """Return the named point nearest to ``score``, if the scale has points."""
        if not self.points:
            return None
        return min(self.points, key=lambda point: abs(point.score - score))


class LaneType(str, Enum):
    """What a custom lane's cards hold."""

    text = "text"
    list = "list"
    score = "score"
    link = "link"


class Lane(Named):
    """A lane the team added to the map; steps hold its values under ``custom``."""

    id: Identifier
    title: str = Field(min_length=1)
    type: LaneType = LaneType.text
    description: str = ""


class LinkKind(str, Enum):
    """How one step leads to another off the main line."""

    branch = "branch"
    loop = "loop"
    alternative = "alternative"
    next = "next"


class Link(Model):
    """A link between two steps: a branch, an alternative or a loop back."""

    source: Identifier = Field(alias="from")
    target: Identifier = Field(alias="to")
    kind: LinkKind = LinkKind.branch
    label: str = ""
    share: float | None = Field(default=None, ge=0, le=1, description="Authored share of users taking the link.")
    measured: Measurement | None = None


class Scope(Model):
    """Where the journey starts and ends."""

    start: str = ""
    end: str = ""


class EventColumns(Model):
    """Names of the event log's columns, when they differ from the defaults."""

    user_id: str = "user_id"
    event: str = "event"
    timestamp: str = "timestamp"


class DataSettings(Model):
    """Where the map's data lives and how to read it."""

    events: str = Field(default="", description="Event log path, relative to the map file.")
    feedback: str = Field(default="", description="Feedback file path, relative to the map file.")
    columns: EventColumns = Field(default_factory=EventColumns)
    timezone: str = "UTC"
    window: str = Field(default="30d", description="Funnel window for analyze.")
