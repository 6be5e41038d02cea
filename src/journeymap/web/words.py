"""The words of the editor's Event and Voices rows and comment replies, translated on the server like the rest.

>>> binding_strings()["eventOf"]
'Event of {step}'
"""

from __future__ import annotations

from ..i18n import gettext as _


def live_strings() -> dict[str, str]:
    """Return the words of editing together: who is here, conflict notes, undo.

    >>> live_strings()["useKept"]
    'Use this text'
    """
    return {
        "onMap": _("Also here:"),
        "peerHere": _("{user} is editing this"),
        "conflictNote": _("{author} wrote this here at the same time; {replacer}'s text replaced it:"),
        "useKept": _("Use this text"),
        "dismissNote": _("Dismiss"),
        "notSaved": _("Not saved: {message}"),
        "dropped": _("{count} of your changes could not be applied: the part they changed was removed."),
    }


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


def voice_strings() -> dict[str, str]:
    """Return the words the Voices row shows, translated.

    >>> voice_strings()["quoteOf"].format(number=2, step="Pays")
    'Quote 2 of Pays'
    """
    return {
        "voices": _("Voices"),
        "proposed": _("proposed"),
        "accept": _("Accept"),
        "dismiss": _("Dismiss"),
        "quoteOf": _("Quote {number} of {step}"),
        "painOf": _("Pain found in feedback at {step}: {pain}"),
        "proposedPains": _("Pains found in feedback (to confirm)"),
    }
