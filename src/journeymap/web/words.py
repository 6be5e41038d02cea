"""The words of the editor's rows, cards and controls beyond the core grid, translated on the server like the rest.

>>> binding_strings()["eventOf"]
'Event of {step}'
"""

from __future__ import annotations

from typing import Any

from babel import Locale

from ..i18n import current_language, gettext as _, ngettext
from ..model import EmotionScale
from ..model.step import EvidenceKind, Mode
from ..render.words import evidence_kind_title, mode_title


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
        "dropped": _("Not applied ({count}): {reason}"),
    }


def plural_words(singular: str, plural: str) -> dict[str, str]:
    """Return a message with a count in each plural category of the current language (CLDR: one, few, many, other).

    The editor's script picks the form with ``Intl.PluralRules`` (``plural()``
    in app.js); each form is the catalog's ``ngettext`` for a whole number of
    that category, so the page and the server agree (counts are whole numbers).

    >>> plural_words("{count} comment", "{count} comments")
    {'one': '{count} comment', 'other': '{count} comments'}
    >>> from journeymap.i18n import in_language
    >>> with in_language("ru"):
    ...     sorted(plural_words("{count} comment", "{count} comments"))
    ['few', 'many', 'one']
    """
    rule = Locale.parse(current_language()).plural_form
    examples: dict[str, int] = {}
    for number in range(200):
        examples.setdefault(rule(number), number)
    return {category: ngettext(singular, plural, number) for category, number in sorted(examples.items())}


def binding_strings() -> dict[str, Any]:
    """Return the words the binding and reply scripts show, translated."""
    return {
        "binding": _("Event"),
        "eventsOf": _("Events of {name}"),
        "pickSource": _("Choose a data file under Analyses to list its events."),
        "notBound": _("Not bound"),
        "eventOf": _("Event of {step}"),
        "eventUsers": plural_words("{count} user", "{count} users"),
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


def field_strings() -> dict[str, Any]:
    """Return the words of the grid's step fields, object cards, persona rows, zoom and comment marks.

    >>> field_strings()["zoomFit"]
    'Fit the whole journey'
    """
    return {
        "description": _("Description"),
        "descriptionOf": _("Description of {step}"),
        "feeling": _("Emotion word"),
        "feelingOf": _("Emotion word at {step}"),
        "emojiOf": _("Emoji at {step}"),
        "measuredEmotion": _("Measured emotion"),
        "measuredPoint": _("Measured emotion at {step}: {value}"),
        "subjourney": _("Sub-journey"),
        "subjourneyOf": _("Sub-journey of {step}"),
        "ownerOf": _("Owner of {step}"),
        "stageOwnerOf": _("Owner of stage {stage}"),
        "showBlueprint": _("Add service blueprint lanes"),
        "device": _("Device"),
        "mode": _("Online or offline"),
        "owner": _("Owner"),
        "kind": _("Kind"),
        "source": _("Source"),
        "link": _("Link"),
        "date": _("Date"),
        "timing": _("When"),
        "proposedCard": _("Proposed, not confirmed yet"),
        "personaAt": _("{persona} at {step}"),
        "takesPart": _("Takes part"),
        "notes": _("Notes"),
        "zoom": _("Zoom"),
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        "zoomFit": _("Fit the whole journey"),
        "zoomReset": _("Actual size"),
        "commentCount": plural_words("{count} comment", "{count} comments"),
    }


def evidence_kinds() -> list[dict[str, str]]:
    """Return the kinds a piece of evidence can be, with their names in the current language.

    >>> evidence_kinds()[1]
    {'key': 'interview', 'title': 'Interview'}
    """
    return [{"key": kind.value, "title": evidence_kind_title(kind)} for kind in EvidenceKind]


def touchpoint_modes() -> list[dict[str, str]]:
    """Return whether a touchpoint is online, offline or both, in the current language.

    >>> [mode["key"] for mode in touchpoint_modes()]
    ['online', 'offline', 'both']
    """
    return [{"key": mode.value, "title": mode_title(mode)} for mode in Mode]


def default_scale() -> dict[str, Any]:
    """Return the default emotion scale (a map without ``emotion_scale``), its words in the current language.

    >>> default_scale()["points"][0]
    {'score': -2, 'label': 'Very negative', 'emoji': '😣'}
    """
    scale = EmotionScale()
    words = {-2: _("Very negative"), -1: _("Negative"), 0: _("Neutral"), 1: _("Positive"), 2: _("Very positive")}
    points = [{"score": point.score, "label": words.get(point.score, point.label), "emoji": point.emoji} for point in scale.points]
    return {"min": scale.min, "max": scale.max, "points": points}
