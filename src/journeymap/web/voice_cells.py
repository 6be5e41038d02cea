"""What the editor's Voices row shows that the browser does not write itself: measured emotions and dates, by Babel.

The quotes and proposed pains are part of the map the editor already holds;
this module only writes its numbers and dates in the interface language.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_interval

from ..i18n import current_language, gettext as _
from ..model import EvidenceKind, Journey, Measurement
from ..render import numbers

VOICE_KINDS = (EvidenceKind.quote, EvidenceKind.interview, EvidenceKind.survey, EvidenceKind.review, EvidenceKind.ticket, EvidenceKind.social)
"""The kinds of evidence that are a customer's own words, shown in the Voices row."""


def voice_cells(journey: Journey) -> dict[str, Any]:
    """Return each step's measured emotion as text, and every evidence date as the interface language writes it.

    >>> from datetime import date
    >>> shop = Journey.model_validate({"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Pays", "evidence": [{"text": "Slow", "date": "2026-03-02"}]}]}]})
    >>> shop.steps[0].emotion.measured = Measurement(value=-0.675, count=1200, source="feedback.csv", date_from=date(2026, 3, 2), date_to=date(2026, 3, 2))
    >>> cells = voice_cells(shop)
    >>> cells["emotions"]["pays"], cells["dates"]
    ({'text': '–0.68', 'source': 'Voices: 1,200 · feedback.csv · Mar 2, 2026'}, {'2026-03-02': 'Mar 2, 2026'})
    """
    return {
        "emotions": {step.id: measured_emotion(step.emotion.measured) for step in journey.steps if step.emotion.measured is not None},
        "dates": {item.date: written_date(item.date) for step in journey.steps for item in step.evidence if item.date},
    }


def measured_emotion(measured: Measurement) -> dict[str, str]:
    """Return a measured emotion as its score and what it stands on: how many voices, which file, which days."""
    parts = [_("Voices: {count}").format(count=numbers.count(measured.count))] if measured.count is not None else []
    if measured.source:
        parts.append(measured.source)
    if measured.date_from is not None and measured.date_to is not None:
        parts.append(format_interval(_day(measured.date_from), _day(measured.date_to), "yMMMd", locale=current_language()))
    return {"text": numbers.score(measured.value), "source": " · ".join(parts)}


def written_date(text: str) -> str:
    """Return an ISO date (``2026-03-02``) as the interface language writes it; any other text as it is.

    >>> written_date("2026-03-02"), written_date("spring 2025")
    ('Mar 2, 2026', 'spring 2025')
    """
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    return format_date(day, "medium", locale=current_language())


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
