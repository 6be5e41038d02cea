"""A first look at a feedback file: rows, languages, channels, ratings, dates, bad rows.

>>> from journeymap.voice.sources import FeedbackSet, Voice
>>> found = inspect(FeedbackSet("inline", [Voice(2, "Great", rating=5), Voice(3, "Bad", rating=1)]), languages=("en",))
>>> found.rows, found.ratings.value
(2, 50.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .language import detect
from .ratings import RatingSummary, summarize
from .sources import BadRow, FeedbackSet


@dataclass
class Inspection:
    """What a feedback file holds."""

    source: str
    rows: int
    languages: dict[str, int]
    channels: dict[str, int]
    ratings: RatingSummary | None
    date_from: datetime | None
    date_to: datetime | None
    with_step: int
    with_reply: int
    columns: dict[str, str] = field(default_factory=dict)
    bad_rows: list[BadRow] = field(default_factory=list)


def inspect(feedback: FeedbackSet, *, languages: Sequence[str], rating_scale: str | None = None) -> Inspection:
    """Return the :class:`Inspection` of ``feedback``, detecting languages among ``languages``."""
    voices = feedback.voices
    dates = [voice.date for voice in voices if voice.date is not None]
    found = Counter(language for language, _confidence in detect([voice.text for voice in voices], languages))
    return Inspection(
        source=feedback.source,
        rows=len(voices),
        languages=dict(found.most_common()),
        channels=dict(Counter(voice.channel or "-" for voice in voices).most_common()),
        ratings=summarize([voice.rating for voice in voices if voice.rating is not None], rating_scale),
        date_from=min(dates) if dates else None,
        date_to=max(dates) if dates else None,
        with_step=sum(1 for voice in voices if voice.step),
        with_reply=sum(1 for voice in voices if voice.reply_text or voice.replied_at),
        columns=feedback.columns,
        bad_rows=feedback.bad_rows,
    )
