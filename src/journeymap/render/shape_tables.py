"""Tables of what a map holds beyond its steps' rows: the lanes, links and sub-journeys, insights, evidence, persona emotions.

The workbook and the Markdown add them (only those the map fills), so the
tables show what the poster shows.
"""

from __future__ import annotations

from ..i18n import gettext as _
from ..model import Journey, Step
from . import numbers
from .emotion import scale_score
from .lanes import all_lanes, cards, has_content
from .tables import Column, Table, Value, at_steps
from .words import evidence_kind_title, link_kind_title


def links_table(journey: Journey) -> Table:
    """Return the links between steps (branches, alternatives, loops back) and the steps' sub-journeys.

    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "subjourney": "pay.yaml"}, {"name": "Uses"}]}],
    ...                   links=[{"from": "uses", "to": "pays", "kind": "loop", "label": "Again", "share": 0.3}])
    >>> links_table(journey).formatted()
    [['Uses', 'Pays', 'Loop back', 'Again', '30%'], ['Pays', 'pay.yaml', 'Sub-journey', '', '']]
    """
    names = journey.step_names
    columns = [
        Column("from", _("From step"), width=28),
        Column("to", _("To step"), width=28),
        Column("kind", _("Kind"), width=14),
        Column("label", _("Label"), width=36),
        Column("share", _("Share of users"), "share", 12),
    ]
    rows: list[list[Value]] = [
        [
            names.get(link.source, link.source),
            names.get(link.target, link.target),
            link_kind_title(link.kind),
            link.label,
            link.measured.value if link.measured is not None else link.share,
        ]
        for link in journey.links
    ]
    rows += [[step.name, step.subjourney, _("Sub-journey"), "", None] for step in journey.steps if step.subjourney]
    return Table(_("Links between steps"), columns, rows)


def insights_table(journey: Journey) -> Table:
    """Return the insights with their evidence, score, steps and the ideas that rest on them.

    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}],
    ...                   insights=[{"text": "Paying is slow", "source": "survey", "source_ref": "Q3", "steps": ["pays"]}])
    >>> insights_table(journey).rows
    [['Paying is slow', 'Survey', 'Q3', '', 'Pays', '']]
    """
    names = journey.step_names
    columns = [
        Column("insight", _("Insight"), width=44),
        Column("evidence", _("Evidence"), width=14),
        Column("reference", _("Source reference (interview, ticket, link)"), width=24),
        Column("score", _("Score"), width=8),
        Column("steps", _("Steps"), width=28),
        Column("ideas", _("Ideas"), width=28),
    ]
    rows: list[list[Value]] = [
        [
            insight.text,
            evidence_kind_title(insight.source),
            insight.source_ref,
            scale_score(insight.score, journey.emotion_scale),
            ", ".join(names.get(ref, ref) for ref in insight.steps),
            ", ".join(idea.title for idea in journey.opportunities if insight.id in idea.insights),
        ]
        for insight in journey.insights
    ]
    return Table(_("Insights"), columns, rows)


def evidence_table(journey: Journey) -> Table:
    """Return every piece of evidence, step by step: the voice of the customer with its kind, source and date.

    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "evidence": [
    ...     {"text": "Too slow", "kind": "review", "source": "App store", "date": "2026-11-02"}]}]}])
    >>> evidence_table(journey).rows
    [['Buy', 'Pays', 'Review', 'Too slow', 'App store', 'Nov 2, 2026', '']]
    """
    columns = [
        Column("kind", _("Kind"), width=14),
        Column("text", _("Text"), width=48),
        Column("source", _("Source"), width=20),
        Column("date", _("Date"), width=14),
        Column("url", _("Link"), width=24),
    ]

    def cells(step: Step) -> list[list[Value]]:
        return [[evidence_kind_title(item.kind), item.text, item.source, numbers.day(item.date), item.url] for item in step.evidence]

    return at_steps(_("Evidence"), journey, columns, cells)


def persona_emotions_table(journey: Journey) -> Table:
    """Return how each persona lives each step where it differs from the map's main line: its emotion and notes.

    >>> journey = Journey(title="Shop", personas=[{"name": "Olga"}], stages=[{"name": "Buy", "steps": [
    ...     {"name": "Pays", "by_persona": {"olga": {"emotion": {"actual": -1, "label": "Worried"}, "notes": "Pays by card"}}}]}])
    >>> persona_emotions_table(journey).formatted()
    [['Buy', 'Pays', 'Olga', '–1', 'Worried', 'Pays by card']]
    """
    names = {persona.id: persona.name for persona in journey.personas}
    columns = [
        Column("persona", _("Persona"), width=22),
        Column("emotion", _("Emotion"), "score", 9),
        Column("emotional_state", _("Emotional state"), width=20),
        Column("notes", _("Notes"), width=40),
    ]

    def cells(step: Step) -> list[list[Value]]:
        return [
            [names.get(key, key), view.emotion.actual if view.emotion else None, view.emotion.label if view.emotion else "", view.notes]
            for key, view in step.by_persona.items()
        ]

    return at_steps(_("Personas at the steps"), journey, columns, cells)


OWN_TABLES = frozenset({"touchpoints", "barriers", "ideas", "evidence", "communications"})
"""Lanes the steps' summary table or a table of their own already shows."""


def lanes_table(journey: Journey) -> Table:
    """Return every lane of cards the map fills (built-in and its own lanes), one row per step, as the poster draws them.

    >>> journey = Journey(title="Shop", lanes=[{"id": "mood", "title": "Mood board", "type": "list"}], stages=[{"name": "Buy", "steps": [
    ...     {"name": "Pays", "goals": ["Pay fast"], "pains": ["Slow form", "No Apple Pay"], "custom": {"mood": ["calm"]}}]}])
    >>> table = lanes_table(journey)
    >>> [column.title for column in table.columns], table.rows
    (['Stage', 'Step', 'Goals', 'Pains', 'Mood board'], [['Buy', 'Pays', 'Pay fast', 'Slow form; No Apple Pay', 'calm']])
    """
    keys = [
        (key, view.title)
        for key, (view, filled) in all_lanes(journey).items()
        if filled is not None and key not in OWN_TABLES and has_content(journey, key, journey.steps)
    ]
    columns = [Column(key, title, width=30) for key, title in keys]

    def cells(step: Step) -> list[list[Value]]:
        return [["; ".join(cards(journey, step, key)) for key, _title in keys]] if keys else []

    return at_steps(_("Lanes"), journey, columns, cells)


def shape_tables(journey: Journey) -> list[Table]:
    """Return the tables above that have rows, in this order: lanes, links, insights, evidence, persona emotions."""
    tables = [lanes_table(journey), links_table(journey), insights_table(journey), evidence_table(journey), persona_emotions_table(journey)]
    return [table for table in tables if table.rows]
