"""The editor's analysis form: each analysis's name in the page's language and the few options it takes, with the map's defaults.

A field's ``kind`` says how the page asks for it: ``events`` (steps in order,
each picked from the log's events), ``event`` (one of them), ``choice``,
``number`` or ``text``. Defaults come from the map: its bound steps, its
``data.window``.

>>> from journeymap.model import Journey
>>> shop = Journey.model_validate({"title": "Shop", "stages": [{"name": "Buy", "steps": [
...     {"name": "Opens", "binding": {"event": "app_open"}}, {"name": "Pays", "binding": {"event": "purchase"}}]}]})
>>> funnel = next(item for item in run_settings(shop)["analyses"] if item["name"] == "funnel")
>>> funnel["title"], funnel["fields"][0]["value"]
('Funnel', ['app_open', 'purchase'])
"""

from __future__ import annotations

from typing import Any

from ..i18n import gettext as _
from ..model import Journey
from .analyses import bound_events
from .jobs import ANALYSES


def field(name: str, label: str, kind: str, value: Any = "", **extra: Any) -> dict[str, Any]:
    """Return one option of an analysis as the form shows it."""
    return {"name": name, "label": label, "kind": kind, "value": value, **extra}


def analysis_forms(journey: Journey) -> list[dict[str, Any]]:
    """Return each analysis with its title, what it does and its options, in the order the form lists them."""
    events = bound_events(journey)
    window = journey.data.window if journey.data is not None else "30d"
    window_field = field("window", _("Time to complete (e.g. 30d, 12h)"), "text", window)
    retention_day = field("retention_day", _("Retention day"), "number", 7, min=1)
    return [
        {"name": "funnel", "title": _("Funnel"), "about": _("How many users go through the steps in order, and how long each step takes."),
         "fields": [field("steps", _("Steps, in order"), "events", events), window_field]},
        {"name": "retention", "title": _("Retention"), "about": _("The share of users who come back on day N, and weekly cohorts."),
         "fields": [field("days", _("Days (e.g. 1, 7, 30)"), "text", "1, 7, 30")]},
        {"name": "paths", "title": _("Paths"), "about": _("The most frequent paths after (or before) an event."),
         "fields": [field("anchor", _("From event"), "event", events[0] if events else ""),
                    field("direction", _("Direction"), "choice", "after", choices=[{"value": "after", "title": _("after the event")}, {"value": "before", "title": _("before the event")}]),
                    field("depth", _("Depth (events)"), "number", 3, min=1, max=10)]},
        {"name": "transitions", "title": _("Transitions"), "about": _("How often each event follows another, and how fast."),
         "fields": [field("top", _("Most frequent transitions"), "number", 30, min=1, max=1000)]},
        {"name": "analyze", "title": _("Measure the map"), "about": _("Audience, conversion, time and retention of every bound step, written on the map."),
         "fields": [window_field, retention_day]},
        {"name": "aha", "title": _("Aha moments"), "about": _("Early actions whose users come back more often; marked on the bound steps."),
         "fields": [retention_day, field("within", _("Actions done within (e.g. 3d)"), "text", "3d")]},
        {"name": "barriers", "title": _("Barriers"), "about": _("Where the journey of the bound steps loses most users; marked on the map."),
         "fields": [window_field]},
        {"name": "personas", "title": _("Data personas"), "about": _("Groups of users who behave alike, added to the map as personas."),
         "fields": [field("k", _("Number of personas (or auto)"), "text", "auto")]},
        {"name": "voice", "title": _("Voice of the customer"), "about": _("Feedback onto the map: measured emotion, quotes and pains to confirm."), "fields": []},
        {"name": "validate", "title": _("Check the map"), "about": _("The map's broken rules, if any."), "fields": []},
    ]


def run_settings(journey: Journey) -> dict[str, Any]:
    """Return what the editor's Analyses panel needs: the analyses this server runs, and the words of its column chooser."""
    forms = [form for form in analysis_forms(journey) if form["name"] in ANALYSES]
    listed = {form["name"] for form in forms}
    others = [{"name": name, "title": name, "about": "", "fields": []} for name in sorted(ANALYSES) if name not in listed]
    return {
        "analyses": forms + others,
        "stepLabel": _("Step {number}"),
        "columns": {"user_column": _("User id column"), "event_column": _("Event name column"), "time_column": _("Time column"), "text_column": _("Text column")},
    }
