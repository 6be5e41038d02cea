"""Touchpoint channels and devices: the common words a map uses, with their names in the current language."""

from __future__ import annotations

from ..i18n import gettext as _
from .stage_sets import N_

CHANNELS: dict[str, str] = {
    "site": N_("Website"),
    "app": N_("App"),
    "email": N_("Email"),
    "push": N_("Push notification"),
    "store": N_("Store"),
    "call": N_("Phone call"),
    "support": N_("Support"),
    "social": N_("Social media"),
    "ad": N_("Advertising"),
    "search": N_("Search"),
    "sms": N_("SMS"),
    "offline": N_("Offline"),
    "delivery": N_("Delivery"),
    "document": N_("Document"),
    "event": N_("Event"),
    "meeting": N_("Meeting"),
    "product": N_("Product"),
    "visit": N_("Visit"),
    "word of mouth": N_("Word of mouth"),
}
"""Channel keys a map can use, each with its English name (translated when shown)."""


def channel_title(channel: str) -> str:
    """Return a channel's name in the current language; a channel the list does not know is shown as written.

    >>> channel_title("site"), channel_title("word of mouth"), channel_title("Telegram bot")
    ('Website', 'Word of mouth', 'Telegram bot')
    """
    return _shown(CHANNELS, channel)


DEVICES: dict[str, str] = {
    "phone": N_("Phone"),
    "mobile": N_("Phone"),
    "smartphone": N_("Phone"),
    "tablet": N_("Tablet"),
    "desktop": N_("Computer"),
    "computer": N_("Computer"),
    "laptop": N_("Laptop"),
}
"""Device words a touchpoint can name, each with its English name (translated when shown)."""


def device_title(device: str) -> str:
    """Return a touchpoint's device in the current language; a device the list does not know is shown as written.

    >>> device_title("phone"), device_title("Desktop"), device_title("smart watch")
    ('Phone', 'Computer', 'smart watch')
    """
    return _shown(DEVICES, device)


def _shown(words: dict[str, str], word: str) -> str:
    """``word``'s name from ``words`` in the current language (matched whatever its case and spaces), else ``word`` as written."""
    name = words.get(word.strip().lower())
    return _(name) if name else word
