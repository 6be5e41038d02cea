"""What the editor's Personas panel is told: the buyer roles a persona can have, and the panel's words."""

from __future__ import annotations

from typing import Any

from ..files.pictures import MEDIA_TYPES, PHOTO_LIMIT
from ..i18n import gettext as _
from ..model.persona import BuyerRole
from ..render.words import role_title

LIST_FIELDS = ("goals", "needs", "frustrations")
"""The persona's lists the panel edits as text, one item a line."""


def persona_settings() -> dict[str, Any]:
    """Return the Personas panel's settings in the current language.

    >>> settings = persona_settings()
    >>> settings["roles"][0], settings["photoTypes"], settings["lists"][1]
    ({'key': 'decision_maker', 'title': 'Decision maker'}, 'image/png,image/jpeg,image/webp', {'key': 'needs', 'title': 'Needs'})
    """
    lists = {"goals": _("Goals"), "needs": _("Needs"), "frustrations": _("Frustrations")}
    return {
        "roles": [{"key": role.value, "title": role_title(role.value)} for role in BuyerRole],
        "lists": [{"key": key, "title": lists[key]} for key in LIST_FIELDS],
        "photoTypes": ",".join(MEDIA_TYPES.values()),
        "photoLimit": PHOTO_LIMIT,
        "strings": {
            "new": _("New persona"),
            "name": _("Name"),
            "role": _("Buyer role"),
            "noRole": _("No buyer role"),
            "description": _("Description"),
            "perLine": _("one a line"),
            "quote": _("Quote"),
            "photo": _("Photo (PNG, JPEG or WebP, up to 2 MB)"),
            "photoOf": _("Photo of {name}"),
            "removePhoto": _("Remove photo"),
            "uploaded": _("Photo of {name} uploaded."),
            "remove": _("Remove persona"),
            "none": _("No personas yet."),
        },
    }
