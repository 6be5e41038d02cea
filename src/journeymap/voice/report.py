"""Voice results as plain JSON-ready dictionaries (what ``--json`` prints).

>>> from journeymap.voice.ratings import summarize
>>> ratings_dict(summarize([5, 4, 1], "csat"))
{'scale': 'csat', 'value': 66.67, 'mean': 3.333, 'count': 3}
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .aggregate import GroupVoice, VoiceAnalysis
from .evaluate import LanguageEvaluation
from .inspection import Inspection
from .keywords import Keyword
from .listening import ListeningReport, ResponseStats
from .pipeline import Scored
from .ratings import RatingSummary
from .sources import BadRow

UNMAPPED_LISTED = 200
"""How many unmapped voices ``--json`` lists (all are counted)."""


def ratings_dict(summary: RatingSummary | None) -> dict[str, Any] | None:
    """Return a rating summary as a dictionary."""
    return asdict(summary) if summary is not None else None


def bad_rows_list(bad_rows: list[BadRow]) -> list[dict[str, Any]]:
    """Return the bad rows as dictionaries."""
    return [asdict(bad) for bad in bad_rows]


def inspection_dict(found: Inspection) -> dict[str, Any]:
    """Return an inspection as a dictionary."""
    return {
        **{name: getattr(found, name) for name in ("source", "rows", "languages", "channels", "with_step", "with_reply", "columns")},
        "ratings": ratings_dict(found.ratings),
        "date_from": found.date_from.isoformat() if found.date_from else None,
        "date_to": found.date_to.isoformat() if found.date_to else None,
        "bad_rows": bad_rows_list(found.bad_rows),
    }


def keywords_list(found: list[Keyword]) -> list[dict[str, Any]]:
    """Return keywords as dictionaries."""
    return [asdict(keyword) for keyword in found]


def record_dict(record: Scored) -> dict[str, Any]:
    """Return one scored voice as a dictionary."""
    voice = record.voice
    return {
        "row": voice.row,
        "id": voice.id,
        "text": voice.text if len(voice.text) <= 500 else voice.text[:500] + "…",
        "date": voice.date.isoformat() if voice.date else None,
        "language": record.language,
        "sentiment": record.sentiment.label,
        "score": record.sentiment.score,
        "step": record.step_id,
        "method": record.assignment.method if record.assignment else None,
        "confidence": record.assignment.confidence if record.assignment else None,
        **({"reason": record.assignment.reason} if record.assignment and record.assignment.reason else {}),
    }


def group_dict(group: GroupVoice) -> dict[str, Any]:
    """Return a step's or stage's summary as a dictionary."""
    return {
        "id": group.id,
        "name": group.name,
        "mentions": group.mentions,
        "distribution": group.distribution,
        "mean_score": group.mean_score,
        "emotion": group.emotion,
        "keywords": keywords_list(group.keywords),
        "quotes": [record_dict(record) for record in group.quotes],
        "ratings": ratings_dict(group.ratings),
        "trend": [asdict(point) for point in group.trend],
        "proposed_pains": group.proposed_pains,
    }


def analysis_dict(analysis: VoiceAnalysis) -> dict[str, Any]:
    """Return an analysis as a dictionary: totals, steps, stages, unmapped voices, bad rows."""
    unmapped = analysis.unmapped
    return {
        "source": analysis.source,
        "model": analysis.model,
        "voices": len(analysis.records),
        "languages": dict(analysis.languages.most_common()),
        "methods": dict(analysis.methods.most_common()),
        "mapped": len(analysis.records) - len(unmapped),
        "unmapped": len(unmapped),
        "threshold": analysis.threshold,
        "steps": [group_dict(group) for group in analysis.steps],
        "stages": [group_dict(group) for group in analysis.stages],
        "unmapped_voices": [record_dict(record) for record in unmapped[:UNMAPPED_LISTED]],
        "bad_rows": bad_rows_list(analysis.bad_rows),
    }


def stats_dict(stats: ResponseStats) -> dict[str, Any]:
    """Return a slice's response figures as a dictionary, shares included."""
    return {**asdict(stats), "needs_answer": stats.needs_answer, "answered_share": stats.answered_share, "unanswered_share": stats.unanswered_share}


def listening_dict(report: ListeningReport) -> dict[str, Any]:
    """Return a listening report as a dictionary."""
    return {
        "overall": stats_dict(report.overall),
        "by_channel": [stats_dict(stats) for stats in report.by_channel],
        "by_month": [stats_dict(stats) for stats in report.by_month],
        "by_week": [stats_dict(stats) for stats in report.by_week],
        "intents": report.intents,
    }


def evaluation_list(found: list[LanguageEvaluation]) -> list[dict[str, Any]]:
    """Return evaluations as dictionaries."""
    return [asdict(evaluation) for evaluation in found]
