"""The editor's ideas (the map's opportunities): their ranked table and the words of their statuses."""

from __future__ import annotations

from typing import Any

from ..i18n import gettext as _
from ..model import Journey
from ..render import Table, opportunities_table, status_titles

SCORES = ("criticality", "design_ease", "development_ease", "audience")
"""The seeds' (Manufactura) score inputs an idea is given in the editor, each 1..5."""


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
    """Return what the editor's idea form offers: the score inputs with their names, and the statuses.

    >>> [score["key"] for score in idea_settings()["scores"]]
    ['criticality', 'design_ease', 'development_ease', 'audience']
    """
    names = {"criticality": _("Criticality"), "design_ease": _("Design ease"), "development_ease": _("Development ease"), "audience": _("Audience")}
    return {
        "scores": [{"key": key, "title": names[key]} for key in SCORES],
        "statuses": [{"key": key, "title": title} for key, title in status_titles().items()],
        "added": _("Idea “{title}” added."),
    }
