"""The poster's closing sections: insights with their evidence, and the voice of the customer."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..i18n import gettext as _, ngettext
from ..model import Journey
from ..model.step import EvidenceKind, Step
from . import numbers
from .emotion import scale_score
from .words import evidence_kind_title

VOICE_KINDS = frozenset(
    {EvidenceKind.quote, EvidenceKind.interview, EvidenceKind.survey, EvidenceKind.review, EvidenceKind.ticket, EvidenceKind.social}
)
"""Evidence in the customer's own words, quoted in the voice of the customer."""


def insight_views(journey: Journey) -> list[dict[str, object]]:
    """Return each insight as the poster lists it: text, evidence (kind and reference), score, steps and the ideas it backs.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}],
    ...     insights=[{"id": "slow", "text": "Paying is slow", "source": "survey", "source_ref": "Q3", "score": -1, "steps": ["pays"]}],
    ...     opportunities=[{"title": "Faster form", "insights": ["slow"]}])
    >>> insight_views(journey)[0]
    {'id': 'slow', 'text': 'Paying is slow', 'evidence': 'Survey · Q3', 'score': '–1', 'steps': 'Pays', 'ideas': 'Faster form'}
    """
    names = journey.step_names
    return [
        {
            "id": insight.id,
            "text": insight.text,
            "evidence": " · ".join(filter(None, (evidence_kind_title(insight.source), insight.source_ref))),
            "score": scale_score(insight.score, journey.emotion_scale),
            "steps": ", ".join(names.get(ref, ref) for ref in insight.steps),
            "ideas": ", ".join(idea.title for idea in journey.opportunities if insight.id in idea.insights),
        }
        for insight in journey.insights
    ]


def voice_views(journey: Journey) -> list[dict[str, object]]:
    """Return the steps where customers speak: the emotion measured in feedback, and their quotes with source and date.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "evidence": [
    ...     {"text": "Too slow", "kind": "review", "source": "App store", "date": "2026-11-02"}],
    ...     "emotion": {"actual": -1, "measured": {"value": -1.5, "count": 40, "source": "reviews.csv"}}}]}])
    >>> view = voice_views(journey)[0]
    >>> view["number"], view["measured"], view["quotes"]
    (1, 'In feedback: –1.5 · 40 voices · reviews.csv', [('Too slow', 'Review · App store · Nov 2, 2026')])
    """
    views = []
    for number, step in enumerate(journey.steps, start=1):
        quotes = [
            (item.text, " · ".join(filter(None, (evidence_kind_title(item.kind), item.source, numbers.day(item.date)))))
            for item in step.evidence
            if item.kind in VOICE_KINDS and item.text
        ]
        measured = measured_emotion(step, journey)
        if quotes or measured:
            views.append({"number": number, "step": step.name, "measured": measured, "quotes": quotes})
    return views


def measured_emotion(step: Step, journey: Journey) -> str:
    """Return the emotion found in feedback at ``step`` in words (score, voices, source), or ``""``.

    >>> from journeymap.model import Step, Journey
    >>> measured_emotion(Step(name="Pays", emotion={"measured": {"value": 1, "count": 1}}), Journey(title="Shop"))
    'In feedback: +1 · 1 voice'
    """
    measured = step.emotion.measured
    if measured is None:
        return ""
    voices = (
        ngettext("{count} voice", "{count} voices", measured.count).format(count=numbers.count(measured.count))
        if measured.count is not None
        else ""
    )
    period = " – ".join(numbers.day(moment) for moment in (measured.date_from, measured.date_to) if moment is not None)
    parts = (scale_score(measured.value, journey.emotion_scale), voices, measured.source, period)
    return _("In feedback: {details}").format(details=" · ".join(filter(None, parts)))


def safe_href(target: str) -> str:
    """Return ``target`` when a poster may link to it (a relative path or an http(s) address), else ``""``.

    >>> safe_href("checkout.yaml"), safe_href("https://example.org/map"), safe_href("javascript:alert(1)")
    ('checkout.yaml', 'https://example.org/map', '')
    """
    scheme = urlsplit(target.strip()).scheme.lower()
    return target.strip() if scheme in ("", "http", "https") else ""
