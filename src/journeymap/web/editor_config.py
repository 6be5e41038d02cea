"""What the editor's JavaScript is told by the page: the map, the caller's rights, lanes and words.

The words are translated here, on the server, so that every string the
browser shows goes through gettext like the rest of journeymap.
"""

from __future__ import annotations

from typing import Any

from ..i18n import gettext as _
from ..model import CHANNELS, Journey, channel_title, slugify
from ..render.curve import persona_styles
from ..render.lanes import builtin_lanes
from ..store import Role
from .ideas import idea_settings
from .metric_cells import metric_cells
from .panels import panel_settings
from .personas import persona_settings
from .run_forms import run_settings
from .voice_cells import VOICE_KINDS, voice_cells
from .words import binding_strings, default_scale, evidence_kinds, field_strings, live_strings, touchpoint_modes, voice_strings

TEXT_LANES = ("actions", "goals", "thoughts", "sees", "pains", "gains", "barriers", "problems", "touchpoints", "key_factors", "ideas", "evidence", "communications")
"""The lanes the grid edits as cards, in the poster's order."""

CARD_TEXT = {"touchpoints": "name", "evidence": "text", "communications": "message"}
"""The field a card of an object lane shows as its text (a touchpoint card is its name)."""

BLUEPRINT_LANES = ("physical_evidence", "frontstage", "backstage", "support")
"""The service blueprint lanes under a step (``step.blueprint``), from the customer down."""

MOMENTS = ("zmot", "fmot", "smot", "umot")
"""The moments of truth a step can be marked with."""


def editor_config(map_id: str, role: Role, language: str, *, source: str, journey: Journey | None = None) -> dict[str, Any]:
    """Return the editor's settings for a caller with ``role``, in the current language.

    With ``journey``, they hold its steps' numbers as the grid writes them:
    metrics (see :func:`metric_cells`), measured emotions and quote dates (see :func:`voice_cells`).

    >>> config = editor_config("shop", Role.viewer, "en", source="/api/maps/shop")
    >>> config["canEdit"], config["lanes"][0]
    (False, {'key': 'actions', 'title': 'Actions'})
    """
    journey = journey or Journey(id=slugify(map_id), title=map_id)
    titles = {view.key: view.title for view, _cards in builtin_lanes()}
    return {
        "mapId": map_id,
        "source": source,
        "language": language,
        "canEdit": role.allows(Role.editor),
        "canComment": role.allows(Role.commenter),
        "lanes": [{"key": key, "title": titles[key]} | ({"text": CARD_TEXT[key]} if key in CARD_TEXT else {}) for key in TEXT_LANES],
        "blueprintLanes": [{"key": key, "title": titles[key]} for key in BLUEPRINT_LANES],
        "ownerTitle": titles["owner"],
        "evidenceKinds": evidence_kinds(),
        "modes": touchpoint_modes(),
        "emotionScale": default_scale(),
        "moments": [{"key": key, "title": key.upper()} for key in MOMENTS],
        "channels": channels(),
        "metricsTitle": titles["metrics"],
        "linksTitle": titles["links"],
        "personaStyles": persona_styles(),
        "metrics": metric_cells(journey),
        "voices": voice_cells(journey),
        "voiceKinds": [kind.value for kind in VOICE_KINDS],
        "strings": ui_strings() | binding_strings() | voice_strings() | field_strings() | live_strings(),
        "personas": persona_settings(),
        "ideas": idea_settings(),
        "panels": panel_settings(),
        "runs": run_settings(journey),
    }


def channels() -> list[dict[str, str]]:
    """Return the touchpoint channels a card can be given, with their names in the current language.

    >>> channels()[0]
    {'key': 'site', 'title': 'Website'}
    """
    return [{"key": key, "title": channel_title(key)} for key in CHANNELS]


def ui_strings() -> dict[str, str]:
    """Return the words the editor's script shows, translated.

    >>> ui_strings()["saved"]
    'All changes saved'
    """
    return {
        "saved": _("All changes saved"),
        "saving": _("Saving…"),
        "error": _("Could not save: {message}"),
        "offline": _("The server cannot be reached; your change will be saved when it answers."),
        "stage": _("Stage"),
        "step": _("Step"),
        "stageName": _("Stage name"),
        "stepName": _("Step name"),
        "newStage": _("New stage"),
        "newStep": _("New step"),
        "addStage": _("Add stage"),
        "addStep": _("Add step"),
        "addCard": _("Add card"),
        "removeCard": _("Remove card"),
        "addLane": _("Add lane"),
        "newLane": _("New lane"),
        "laneName": _("Lane name"),
        "removeLane": _("Remove lane"),
        "moveUp": _("Move up"),
        "moveDown": _("Move down"),
        "removeStep": _("Remove step"),
        "removeStage": _("Remove stage"),
        "moveLeft": _("Move left"),
        "moveRight": _("Move right"),
        "dragHint": _("Drag to reorder, or focus and press Alt+← / Alt+→"),
        "card": _("{lane} of {step}, card {number}"),
        "emotion": _("Emotion"),
        "desired": _("Desired emotion"),
        "personaCurve": _("Emotion of {persona}"),
        "emotionPoint": _("Emotion at {step}: {value}. Drag or press ↑ ↓ to change"),
        "desiredPoint": _("Desired emotion at {step}: {value}. Drag or press ↑ ↓ to change"),
        "notSet": _("not set"),
        "marks": _("Marks"),
        "noSource": _("No data file"),
        "queued": _("Waiting to start"),
        "running": _("Running"),
        "done": _("Done"),
        "failed": _("Failed"),
        "uploading": _("Uploading {name}…"),
        "uploaded": _("{name} uploaded."),
        "confirmDeleteSource": _("Delete the data file “{name}”? Analyses already run keep their results."),
        "deletedSource": _("{name} deleted."),
        "channel": _("Channel"),
        "noChannel": _("No channel"),
        "measured": _("measured"),
        "critical": _("Critical step"),
        "keyMoment": _("Key moment"),
        "momentsOfTruth": _("Moments of truth"),
        "about": _("About"),
        "commentOn": _("Comment on {step}"),
        "commentOnMap": _("Comment on the map"),
        "commentCard": _("Comment on this card"),
        "resolve": _("Resolve"),
        "reopen": _("Reopen"),
        "resolved": _("Resolved"),
        "noComments": _("No comments yet."),
        "emptyMap": _("This map has no stages yet."),
        "confirmRemove": _("Remove “{name}” with everything in it?"),
        "restored": _("Version {version} restored as a new version."),
        "noChanges": _("No differences."),
        "added": _("added"),
        "removed": _("removed"),
        "changed": _("changed"),
    }
