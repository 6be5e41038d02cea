"""Feedback summed up per step and stage, and written onto the map.

Per step and stage: mentions, sentiment distribution, mean score turned into
a measured emotion on the map's scale (with the number of voices behind it),
top keywords, representative quotes, rating scores and the monthly trend.
:func:`apply` stores the measured emotion beside the authored one (never
over it), adds quotes to the step's evidence and pains found in negative
feedback to ``proposed_pains``, all marked as proposed; never a quote or pain
an editor dismissed (the step's ``voice.dismissed``) nor one already there.

>>> from journeymap.model import Journey
>>> from journeymap.voice.sources import FeedbackSet, Voice
>>> shop = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": 1}}]}])
>>> found = FeedbackSet("fb.csv", [Voice(2, "Terrible payment page, it failed", step="pays"), Voice(3, "Awful, awful", step="pays")])
>>> step = apply(shop, analyze(shop, found)).step("pays")
>>> step.emotion.actual, step.emotion.measured.count, step.emotion.measured.value < 0, step.evidence[0].proposed
(1.0, 2, True, True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean

from ..model import EmotionScale, Evidence, EvidenceKind, Journey, Measurement
from ..published import PUBLISHED
from .keywords import Keyword, keywords_of_group
from .mapping import DEFAULT_THRESHOLD
from .pipeline import Scored, map_languages, score
from .ratings import RatingSummary, summarize
from .sentiment import default_model
from .sources import BadRow, FeedbackSet
from .types import LABELS, SentimentModel

QUOTES_PER_STEP = 3
PAINS_PER_STEP = 3
MIN_VOICES_FOR_PAINS = 2
_QUOTE_CHARS = 280
_CHANNEL_KINDS = {"review": EvidenceKind.review, "app": EvidenceKind.review, "survey": EvidenceKind.survey, "ticket": EvidenceKind.ticket,
                  "support": EvidenceKind.ticket, "social": EvidenceKind.social, "post": EvidenceKind.social, "interview": EvidenceKind.interview}


@dataclass(frozen=True)
class TrendPoint:
    """Mean sentiment of one month."""

    __pydantic_config__ = PUBLISHED

    month: str
    mean_score: float
    count: int


@dataclass
class GroupVoice:
    """What the feedback says about one step or one stage."""

    id: str
    name: str
    mentions: int
    distribution: dict[str, int]
    mean_score: float
    emotion: float
    keywords: list[Keyword] = field(default_factory=list)
    quotes: list[Scored] = field(default_factory=list)
    ratings: RatingSummary | None = None
    trend: list[TrendPoint] = field(default_factory=list)
    proposed_pains: list[str] = field(default_factory=list)


@dataclass
class VoiceAnalysis:
    """Every voice scored and mapped, summed up per step and stage."""

    source: str
    model: str
    records: list[Scored]
    steps: list[GroupVoice]
    stages: list[GroupVoice]
    bad_rows: list[BadRow]
    threshold: float

    @property
    def unmapped(self) -> list[Scored]:
        """The voices no step was found for."""
        return [record for record in self.records if record.step_id is None]

    @property
    def languages(self) -> Counter[str]:
        """How many voices each language has."""
        return Counter(record.language for record in self.records)

    @property
    def methods(self) -> Counter[str]:
        """How many voices were mapped by each method (explicit, keyword, similarity, none)."""
        return Counter(record.assignment.method for record in self.records if record.assignment is not None)


def to_emotion(score: float, scale: EmotionScale) -> float:
    """Return a sentiment score in [-1, 1] as a point on the map's emotion scale.

    >>> to_emotion(0.5, EmotionScale()), to_emotion(-1, EmotionScale(min=1, max=5, points=[]))
    (1.0, 1.0)
    """
    return round(scale.min + (score + 1) / 2 * (scale.max - scale.min), 2)


def summarize_group(group_id: str, name: str, records: Sequence[Scored], scale: EmotionScale, *, rating_scale: str | None = None, top: int = 10) -> GroupVoice:
    """Return the :class:`GroupVoice` of ``records`` (the voices of one step or stage)."""
    scores = [record.sentiment.score for record in records]
    average = round(mean(scores), 4) if scores else 0.0
    counts = Counter(record.sentiment.label for record in records)
    negative = [record for record in records if record.sentiment.label == "negative"]
    return GroupVoice(
        id=group_id,
        name=name,
        mentions=len(records),
        distribution={label: counts.get(label, 0) for label in LABELS},
        mean_score=average,
        emotion=to_emotion(average, scale),
        keywords=_keywords(records, top),
        quotes=representative(records),
        ratings=summarize([record.voice.rating for record in records if record.voice.rating is not None], rating_scale),
        trend=trend(records),
        proposed_pains=pains(negative),
    )


def _keywords(records: Sequence[Scored], top: int) -> list[Keyword]:
    return keywords_of_group([record.voice.text for record in records], [record.language for record in records], top)


def representative(records: Sequence[Scored], count: int = QUOTES_PER_STEP) -> list[Scored]:
    """Return up to ``count`` quotes: the strongest of the group's prevailing sentiment, then the strongest opposite one."""
    distinct = {record.voice.text.casefold(): record for record in reversed(records)}
    usable = [record for record in distinct.values() if 15 <= len(record.voice.text) <= 600]
    ranked = sorted(usable, key=lambda record: (-abs(record.sentiment.score) * (record.assignment.confidence if record.assignment else 1), record.voice.row))
    if not ranked:
        return []
    prevailing = Counter(record.sentiment.label for record in records).most_common(1)[0][0]
    chosen = [record for record in ranked if record.sentiment.label == prevailing][: count - 1]
    opposite = [record for record in ranked if record.sentiment.label != prevailing and record not in chosen]
    chosen += opposite[:1]
    chosen += [record for record in ranked if record not in chosen][: count - len(chosen)]
    return chosen[:count]


def pains(negative: Sequence[Scored]) -> list[str]:
    """Return up to ``PAINS_PER_STEP`` key phrases of negative voices, phrases of two words first."""
    if len(negative) < MIN_VOICES_FOR_PAINS:
        return []
    found = [keyword.phrase for keyword in _keywords(negative, PAINS_PER_STEP * 3)]
    return sorted(found, key=lambda phrase: " " not in phrase)[:PAINS_PER_STEP]


def trend(records: Sequence[Scored]) -> list[TrendPoint]:
    """Return the mean sentiment per month of the dated voices, oldest first."""
    months: dict[str, list[float]] = {}
    for record in records:
        if record.voice.date is not None:
            months.setdefault(record.voice.date.strftime("%Y-%m"), []).append(record.sentiment.score)
    return [TrendPoint(month, round(mean(values), 4), len(values)) for month, values in sorted(months.items())]


def aggregate(journey: Journey, records: list[Scored], *, source: str, model: str, bad_rows: list[BadRow], threshold: float, rating_scale: str | None = None) -> VoiceAnalysis:
    """Return the :class:`VoiceAnalysis` of mapped ``records`` on ``journey``."""
    by_step: dict[str, list[Scored]] = {step.id: [] for step in journey.steps}
    for record in records:
        if record.step_id is not None:
            by_step[record.step_id].append(record)
    scale = journey.emotion_scale
    steps = [summarize_group(step.id, step.name, by_step[step.id], scale, rating_scale=rating_scale) for step in journey.steps if by_step[step.id]]
    stages = [
        summarize_group(stage.id, stage.name, voices, scale, rating_scale=rating_scale)
        for stage in journey.stages
        if (voices := [record for step in stage.steps for record in by_step[step.id]])
    ]
    return VoiceAnalysis(source, model, records, steps, stages, bad_rows, threshold)


def apply(journey: Journey, analysis: VoiceAnalysis, *, now: datetime | None = None) -> Journey:
    """Return a copy of ``journey`` with the measured emotion, proposed quotes and pains of ``analysis``.

    A quote or pain whose text is in the step's ``voice.dismissed`` (any case) is not proposed again.
    """
    voiced = journey.model_copy(deep=True)
    voiced._source = journey._source
    now = now or datetime.now(UTC).replace(microsecond=0)
    source = Path(analysis.source).name
    for group in analysis.steps:
        step = voiced.step(group.id)
        dates = [record.voice.date for record in analysis.records if record.step_id == group.id and record.voice.date is not None]
        step.emotion.measured = Measurement(
            value=group.emotion,
            count=group.mentions,
            source=source,
            date_from=min(dates).date() if dates else None,
            date_to=max(dates).date() if dates else None,
            query=f"voice analyze: model={analysis.model}, threshold={analysis.threshold}",
            measured_at=now,
        )
        dismissed = {text.lower() for text in step.voice.dismissed} if step.voice is not None else set()
        known = {evidence.text.lower() for evidence in step.evidence} | dismissed
        step.evidence = [*step.evidence, *(quote for record in group.quotes if (quote := evidence_of(record, source)).text.lower() not in known)]
        authored = {pain.lower() for pain in [*step.pains, *step.proposed_pains]} | dismissed
        step.proposed_pains = [*step.proposed_pains, *(pain for pain in group.proposed_pains if pain.lower() not in authored)]
    return voiced


def evidence_of(record: Scored, source: str) -> Evidence:
    """Return a voice as a proposed quote for a step's evidence."""
    text = record.voice.text if len(record.voice.text) <= _QUOTE_CHARS else record.voice.text[: _QUOTE_CHARS - 1].rstrip() + "…"
    kind = next((kind for key, kind in _CHANNEL_KINDS.items() if key in record.voice.channel), EvidenceKind.quote)
    return Evidence(
        kind=kind,
        text=text,
        source=f"{source}#{record.voice.id}",
        date=record.voice.date.date().isoformat() if record.voice.date else "",
        proposed=True,
    )


def analyze(
    journey: Journey,
    feedback: FeedbackSet,
    *,
    model: SentimentModel | None = None,
    languages: Sequence[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
    rating_scale: str | None = None,
    detected: Mapping[str, tuple[str, float]] | None = None,
) -> VoiceAnalysis:
    """Return the analysis of ``feedback`` on ``journey``: every voice scored, mapped and summed up.

    ``detected`` gives texts whose language is known already (found among the same languages): see :func:`score`.
    """
    model = model or default_model()
    records = score(feedback, languages=map_languages(journey, languages), model=model, journey=journey, threshold=threshold, detected=detected)
    return aggregate(journey, records, source=feedback.source, model=model.name, bad_rows=feedback.bad_rows, threshold=threshold, rating_scale=rating_scale)
