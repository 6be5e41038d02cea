"""Social listening: which voices need an answer, were they answered, and how fast.

Each customer voice gets an intent (:mod:`journeymap.voice.intent`):
complaints, questions and requests need an answer; praise and other talk do
not. A voice is answered when the data links an answer to it:

- its own ``reply_text`` or ``replied_at`` (the answer stored on the row);
- a post by one of the brand's accounts (``author`` in ``brand``) whose
  ``reply_to`` is the voice's ``id``;
- a brand post in the same ``thread`` (a voice with no thread starts the
  thread named by its own id) dated at or after the voice, or undated.

The brand's own posts are answers, never voices. Time to first answer is the
earliest dated answer minus the voice's date, in hours; the median and the
90th percentile use linear interpolation between the ordered times
(``statistics.quantiles``, inclusive method). A stored reply dated before its
post is counted apart as ``inconsistent`` and left out of the times.

>>> percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.9)
4.6
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median, quantiles

from .intent import INTENTS, NEEDS_ANSWER, intent
from .pipeline import Scored, score
from .sources import FeedbackSet
from .text import words
from .types import SentimentModel


@dataclass(frozen=True)
class ResponseStats:
    """Voices that need an answer, and their answers, in one slice: everything, a channel, a month or a week."""

    key: str
    posts: int
    complaints: int
    answered: int
    inconsistent: int
    median_hours: float | None
    p90_hours: float | None
    questions: int = 0
    requests: int = 0

    @property
    def needs_answer(self) -> int:
        """Complaints, questions and requests."""
        return self.complaints + self.questions + self.requests

    @property
    def answered_share(self) -> float | None:
        """Share of the voices that need an answer that got one (``None`` when none needed one)."""
        return round(self.answered / self.needs_answer, 4) if self.needs_answer else None

    @property
    def unanswered_share(self) -> float | None:
        """Share of the voices that need an answer left without one."""
        share = self.answered_share
        return None if share is None else round(1 - share, 4)


@dataclass
class ListeningReport:
    """Answers to the voices that need them, overall, by channel, by month and by week."""

    overall: ResponseStats
    by_channel: list[ResponseStats] = field(default_factory=list)
    by_month: list[ResponseStats] = field(default_factory=list)
    by_week: list[ResponseStats] = field(default_factory=list)
    intents: dict[str, int] = field(default_factory=dict)
    """How many customer voices have each intent."""


@dataclass(frozen=True)
class Heard:
    """One customer voice: what it wants and its answers (``None`` for an undated one)."""

    record: Scored
    intent: str
    answers: tuple[datetime | None, ...]

    @property
    def answered(self) -> bool:
        """True when any answer is linked to the voice."""
        return bool(self.answers)

    @property
    def hours(self) -> float | None:
        """Hours from the voice to its first dated answer (negative for a reply dated before its post)."""
        dated = [moment for moment in self.answers if moment is not None]
        if not dated or self.record.voice.date is None:
            return None
        return (min(dated) - self.record.voice.date).total_seconds() / 3600


def percentile(values: Sequence[float], share: float) -> float:
    """Return the ``share`` quantile (0..1) of ``values``, linearly interpolated."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    cuts = quantiles(ordered, n=100, method="inclusive")
    return round(cuts[round(share * 100) - 1], 4)


def brand_names(names: Iterable[str]) -> frozenset[str]:
    """Return account or company names in the form they are compared in (lower case, words joined by one space).

    >>> sorted(brand_names(["Kids Shop ", "@kidsshop"]))
    ['kids shop', 'kidsshop']
    """
    return frozenset(" ".join(words(name)) for name in names if words(name))


def heard(records: Sequence[Scored], *, brand: frozenset[str] = frozenset(), competitors: frozenset[str] = frozenset()) -> list[Heard]:
    """Return each customer voice of ``records`` with its intent and linked answers (the brand's posts left out)."""
    is_brand = [" ".join(words(record.voice.author)) in brand for record in records]
    customers = [record for record, own in zip(records, is_brand) if not own]
    answers: list[list[datetime | None]] = [[record.voice.replied_at] if record.voice.reply_text or record.voice.replied_at else [] for record in customers]
    by_id = {record.voice.id: index for index, record in enumerate(customers) if record.voice.id}
    by_thread: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(customers):
        by_thread[record.voice.thread or record.voice.id].append(index)
    for answer in (record.voice for record, own in zip(records, is_brand) if own):
        linked = {by_id[answer.reply_to]} if answer.reply_to in by_id else set()
        linked |= {index for index in by_thread.get(answer.thread, []) if _after(answer.date, customers[index].voice.date)} if answer.thread else set()
        for index in linked:
            answers[index].append(answer.date)
    return [
        Heard(record, intent(record.voice.text, record.language, record.sentiment, competitors=competitors), tuple(found))
        for record, found in zip(customers, answers)
    ]


def _after(answer: datetime | None, post: datetime | None) -> bool:
    return answer is None or post is None or answer >= post


def stats(key: str, voices: Sequence[Heard]) -> ResponseStats:
    """Return the :class:`ResponseStats` of ``voices``."""
    needing = [voice for voice in voices if voice.intent in NEEDS_ANSWER]
    answered = [voice for voice in needing if voice.answered]
    delays = [hours for voice in answered if (hours := voice.hours) is not None]
    times = [delay for delay in delays if delay >= 0]
    return ResponseStats(
        key=key,
        posts=len(voices),
        complaints=sum(1 for voice in needing if voice.intent == "complaint"),
        questions=sum(1 for voice in needing if voice.intent == "question"),
        requests=sum(1 for voice in needing if voice.intent == "request"),
        answered=len(answered),
        inconsistent=len(delays) - len(times),
        median_hours=round(median(times), 4) if times else None,
        p90_hours=percentile(times, 0.9) if times else None,
    )


def _grouped(voices: Sequence[Heard], key: Callable[[Heard], str | None]) -> list[ResponseStats]:
    groups: dict[str, list[Heard]] = {}
    for voice in voices:
        name = key(voice)
        if name is not None:
            groups.setdefault(name, []).append(voice)
    return [stats(name, members) for name, members in sorted(groups.items())]


def _week(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    year, week, _day = moment.isocalendar()
    return f"{year}-W{week:02d}"


def listening(records: Sequence[Scored], *, brand: Iterable[str] = (), competitors: Iterable[str] = ()) -> ListeningReport:
    """Return the response report of scored voices (posts, reviews, tickets); ``brand`` names the brand's own accounts."""
    voices = heard(records, brand=brand_names(brand), competitors=brand_names(competitors))
    counts = {name: sum(1 for voice in voices if voice.intent == name) for name in INTENTS}
    return ListeningReport(
        overall=stats("all", voices),
        by_channel=_grouped(voices, lambda voice: voice.record.voice.channel or "-"),
        by_month=_grouped(voices, lambda voice: voice.record.voice.date.strftime("%Y-%m") if voice.record.voice.date else None),
        by_week=_grouped(voices, lambda voice: _week(voice.record.voice.date)),
        intents=counts,
    )


def listening_report(
    feedback: FeedbackSet, *, languages: Sequence[str], model: SentimentModel | None = None, brand: Iterable[str] = (), competitors: Iterable[str] = ()
) -> ListeningReport:
    """Return the response report of a feedback file's voices, scored among ``languages``."""
    return listening(score(feedback, languages=languages, model=model), brand=brand, competitors=competitors)
