"""Social listening: are complaints answered, and how fast.

A complaint is a voice whose sentiment is negative. It is answered when it
has a ``reply_text`` or a ``replied_at``. Response time is ``replied_at``
minus ``date``, in hours; the median and the 90th percentile use linear
interpolation between the ordered times (``statistics.quantiles``,
inclusive method). A reply dated before its post is counted apart as
``inconsistent`` and left out of the times.

>>> percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.9)
4.6
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import median, quantiles

from .pipeline import Scored, score
from .sources import FeedbackSet
from .types import SentimentModel


@dataclass(frozen=True)
class ResponseStats:
    """Complaints and answers of one slice: everything, a channel or a month."""

    key: str
    posts: int
    complaints: int
    answered: int
    inconsistent: int
    median_hours: float | None
    p90_hours: float | None

    @property
    def answered_share(self) -> float | None:
        """Share of complaints that got an answer (``None`` when there were none)."""
        return round(self.answered / self.complaints, 4) if self.complaints else None

    @property
    def unanswered_share(self) -> float | None:
        """Share of complaints left without an answer."""
        share = self.answered_share
        return None if share is None else round(1 - share, 4)


@dataclass
class ListeningReport:
    """Response to complaints overall, by channel and by month."""

    overall: ResponseStats
    by_channel: list[ResponseStats] = field(default_factory=list)
    by_month: list[ResponseStats] = field(default_factory=list)


def percentile(values: Sequence[float], share: float) -> float:
    """Return the ``share`` quantile (0..1) of ``values``, linearly interpolated."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    cuts = quantiles(ordered, n=100, method="inclusive")
    return round(cuts[round(share * 100) - 1], 4)


def is_answered(record: Scored) -> bool:
    """True when the voice got a reply."""
    return bool(record.voice.reply_text) or record.voice.replied_at is not None


def stats(key: str, records: Sequence[Scored]) -> ResponseStats:
    """Return the :class:`ResponseStats` of ``records``."""
    complaints = [record for record in records if record.sentiment.label == "negative"]
    answered = [record for record in complaints if is_answered(record)]
    delays = [
        (record.voice.replied_at - record.voice.date).total_seconds() / 3600
        for record in answered
        if record.voice.replied_at is not None and record.voice.date is not None
    ]
    times = [delay for delay in delays if delay >= 0]
    return ResponseStats(
        key=key,
        posts=len(records),
        complaints=len(complaints),
        answered=len(answered),
        inconsistent=len(delays) - len(times),
        median_hours=round(median(times), 4) if times else None,
        p90_hours=percentile(times, 0.9) if times else None,
    )


def _grouped(records: Sequence[Scored], key: Callable[[Scored], str | None]) -> list[ResponseStats]:
    groups: dict[str, list[Scored]] = {}
    for record in records:
        name = key(record)
        if name is not None:
            groups.setdefault(name, []).append(record)
    return [stats(name, members) for name, members in sorted(groups.items())]


def listening(records: Sequence[Scored]) -> ListeningReport:
    """Return the response report of scored voices (posts, reviews, tickets)."""
    return ListeningReport(
        overall=stats("all", records),
        by_channel=_grouped(records, lambda record: record.voice.channel or "-"),
        by_month=_grouped(records, lambda record: record.voice.date.strftime("%Y-%m") if record.voice.date else None),
    )


def listening_report(feedback: FeedbackSet, *, languages: Sequence[str], model: SentimentModel | None = None) -> ListeningReport:
    """Return the response report of a feedback file's voices, scored among ``languages``."""
    return listening(score(feedback, languages=languages, model=model))
