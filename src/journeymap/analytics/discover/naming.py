"""Names a person would give: segments and clusters in words, from their actions (a map's step names where given)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ...i18n import gettext as _
from ...model import Journey


def segment_name(pattern: Sequence[str], names: Mapping[str, str] | None = None) -> str:
    """Return a segment's name in words: its actions (a map's step names where given), each then the next.

    >>> segment_name(("view_item", "share"), {"share": "Shares a place"})
    'view item, then Shares a place'
    """
    words = [(names or {}).get(event) or humanised(event) for event in pattern]
    text = words[0]
    for word in words[1:]:
        text = _("{a}, then {b}").format(a=text, b=word)
    return text


def step_names(journey: Journey) -> dict[str, str]:
    """Return, per event a map's steps bind, the name of the first step binding it.

    >>> from journeymap.model import Journey
    >>> step_names(Journey(title="t", stages=[{"name": "Use", "steps": [{"name": "Reads an article", "binding": {"event": "article_open"}}]}]))
    {'article_open': 'Reads an article'}
    """
    names: dict[str, str] = {}
    for step in journey.steps:
        for event in step.binding.events if step.binding is not None else []:
            names.setdefault(event, step.name)
    return names


def humanised(event: str) -> str:
    """Return an event name as words: ``add_to_cart`` → ``add to cart``, ``pushOpen`` → ``push open``.

    >>> humanised("addToFavorites"), humanised("page-view")
    ('add to favorites', 'page view')
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", event)
    return " ".join(re.split(r"[\s_\-.:/]+", spaced)).strip().lower() or event


def cluster_name(events: Sequence[str], names: Mapping[str, str] | None = None) -> str:
    """Return a behaviour cluster's name in words: the (at most two) actions its users do more than most.

    >>> cluster_name(["add_to_cart", "pay"]), cluster_name(["search"]), cluster_name([])
    ('add to cart and pay, more than most', 'search, more than most', 'a typical mix of actions')
    """
    words = [(names or {}).get(event) or humanised(event) for event in events[:2]]
    if len(words) == 2:
        return _("{a} and {b}, more than most").format(a=words[0], b=words[1])
    return _("{a}, more than most").format(a=words[0]) if words else _("a typical mix of actions")
