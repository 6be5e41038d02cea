"""The JSON that the ``voice`` commands print."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, RootModel

from ..voice.aggregate import TrendPoint
from ..voice.evaluate import LanguageEvaluation
from ..voice.keywords import Keyword
from ..voice.listening import ResponseStats
from ..voice.ratings import RatingSummary
from ..voice.sources import BadRow
from .base import DEFERRED, Output, derived


class Inspection(Output):
    """What ``voice inspect --json`` prints."""

    source: str
    rows: int
    languages: dict[str, int]
    channels: dict[str, int]
    with_step: int
    with_reply: int
    columns: dict[str, str]
    """The file's column for each role (text, date, channel, ...)."""
    ratings: RatingSummary | None
    date_from: str | None
    date_to: str | None
    bad_rows: list[BadRow]


class Quote(Output):
    """One scored voice and the step it was mapped to."""

    row: int
    id: str | None
    text: str
    date: str | None
    language: str
    sentiment: Literal["negative", "neutral", "positive"]
    score: float
    step: str | None
    method: str | None
    confidence: float | None
    reason: str | None = None


class GroupVoice(Output):
    """A step's or stage's voices summed up."""

    id: str
    name: str
    mentions: int
    distribution: dict[str, int]
    mean_score: float | None
    emotion: float | None
    keywords: list[Keyword]
    quotes: list[Quote]
    ratings: RatingSummary | None
    trend: list[TrendPoint]
    proposed_pains: list[str]


class Analysis(Output):
    """What ``voice analyze --json`` prints: totals, steps, stages, unmapped voices (the first 200), bad rows."""

    source: str
    model: str
    voices: int
    languages: dict[str, int]
    methods: dict[str, int]
    mapped: int
    unmapped: int
    threshold: float
    steps: list[GroupVoice]
    stages: list[GroupVoice]
    unmapped_voices: list[Quote]
    bad_rows: list[BadRow]


class Keywords(Output):
    """What ``voice keywords --json`` prints: key phrases per group, and the word clouds written."""

    groups: dict[str, list[Keyword]]
    files: list[str]


@derived
class Responses(ResponseStats):
    """Voices that need an answer, and their answers, in one slice: the stats and their three derived figures."""

    needs_answer: int = Field()
    answered_share: float | None = Field()
    unanswered_share: float | None = Field()


class Listening(Output):
    """What ``voice listening --json`` prints: response figures overall, by channel, month and week, and intents."""

    overall: Responses
    by_channel: list[Responses]
    by_month: list[Responses]
    by_week: list[Responses]
    intents: dict[str, int]


class Evaluation(RootModel[list[LanguageEvaluation]]):
    """What ``voice evaluate --json`` prints: one evaluation per language and set."""

    model_config = DEFERRED
