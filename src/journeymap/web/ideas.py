"""The editor's ideas (the map's opportunities): their ranked table and the words of their statuses."""

from __future__ import annotations

from typing import Any

from ..i18n import gettext as _
from ..model import Journey
from ..render import Table, opportunities_table, status_titles

SCORES = ("criticality", "design_ease", "development_ease", "audience")
"""The seeds' (Manufactura) score inputs an idea is given in the editor, each 1..5."""

MEASURES = ("reach", "impact", "confidence", "effort", "ease")
"""The RICE and ICE inputs of an idea, with the bounds the model keeps."""


def ranked_ideas(journey: Journey) -> Table:
    """Return the map's opportunities ranked as the summary table ranks them: rank, idea, score, status.

    >>> from journeymap.model import Opportunity
    >>> shop = Journey(title="Shop", opportunities=[Opportunity(title="Chat"), Opportunity(title="One tap", criticality=5, design_ease=4, development_ease=3, audience=5, status="planned")])
    >>> ranked_ideas(shop).formatted()
    [['1', 'One tap', '17', 'Planned'], ['2', 'Chat', '', 'Proposed']]
    """
    table = opportunities_table(journey)
    keep = [index for index, column in enumerate(table.columns) if column.key in ("rank", "title", "score", "status")]
    rows = [[row[index] for index in keep] for row in table.rows]
    return Table(table.name, [table.columns[index] for index in keep], rows)


def ideas_json(journey: Journey) -> dict[str, Any]:
    """Return the ranked ideas as the editor's script draws them: column titles and rows of text.

    >>> ideas_json(Journey(title="Shop", opportunities=[{"title": "Chat"}]))["rows"]
    [['1', 'Chat', '', 'Proposed']]
    """
    table = ranked_ideas(journey)
    return {"columns": [{"key": column.key, "title": column.title} for column in table.columns], "rows": table.formatted()}


def idea_settings() -> dict[str, Any]:
    """Return what the editor's idea form and idea list offer: the score and RICE/ICE inputs with their names, and the statuses.

    >>> settings = idea_settings()
    >>> [score["key"] for score in settings["scores"]], settings["measures"][2]
    (['criticality', 'design_ease', 'development_ease', 'audience'], {'key': 'confidence', 'title': 'Confidence (0 to 1)', 'min': 0, 'max': 1, 'step': 0.01})
    """
    names = {"criticality": _("Criticality"), "design_ease": _("Design ease"), "development_ease": _("Development ease"), "audience": _("Audience")}
    return {
        "scores": [{"key": key, "title": names[key]} for key in SCORES],
        "statuses": [{"key": key, "title": title} for key, title in status_titles().items()],
        "measures": [
            {"key": "reach", "title": _("Reach (users per period)"), "min": 0, "step": 1},
            {"key": "impact", "title": _("Impact (RICE 0.25 to 3, ICE 1 to 10)"), "min": 0, "step": "any"},
            {"key": "confidence", "title": _("Confidence (0 to 1)"), "min": 0, "max": 1, "step": 0.01},
            {"key": "effort", "title": _("Effort (person-months)"), "min": 0, "step": "any"},
            {"key": "ease", "title": _("Ease (ICE, 1 to 10)"), "min": 1, "max": 10, "step": 1},
        ],
        "added": _("Idea “{title}” added."),
        "newIdea": _("New idea"),
    }
