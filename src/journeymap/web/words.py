"""The words of the editor's Event row and comment replies, translated on the server like the rest.

>>> binding_strings()["eventOf"]
'Event of {step}'
"""

from __future__ import annotations

from ..i18n import gettext as _


def binding_strings() -> dict[str, str]:
    """Return the words the binding and reply scripts show, translated."""
    return {
        "binding": _("Event"),
        "eventsOf": _("Events of {name}"),
        "pickSource": _("Choose a data file under Analyses to list its events."),
        "notBound": _("Not bound"),
        "eventOf": _("Event of {step}"),
        "eventUsers": _("{users} users"),
        "reply": _("Reply"),
        "replyTo": _("Reply to {author}"),
        "replies": _("Replies"),
        "send": _("Send"),
    }
