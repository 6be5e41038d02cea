"""Names a person would give: segments and clusters in words, from their actions (a map's step names where given)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...i18n import gettext as _, ngettext
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
    words = [(names or {}).get(event) or humanised(event) for event in events[:3]]
    if len(words) == 3:
        return _("{a}, {b} and {c}, more than most").format(a=words[0], b=words[1], c=words[2])
    if len(words) == 2:
        return _("{a} and {b}, more than most").format(a=words[0], b=words[1])
    return _("{a}, more than most").format(a=words[0]) if words else _("a typical mix of actions")


SIBLING_OVER = 1.05
"""An action tells a cluster from the ones named alike when its share of the cluster's events is this many times theirs."""


@dataclass(frozen=True)
class Profile:
    """What a behaviour cluster's name is made from.

    ``distinctive``: the (at most two) actions its users do more than most, most distinctive first;
    ``mix``: each action's share of the cluster's actions; ``actions``: actions per user, on average.
    """

    distinctive: tuple[str, ...]
    mix: Mapping[str, float]
    actions: float


def cluster_names(profiles: Sequence[Profile], names: Mapping[str, str] | None = None) -> list[str]:
    """Return each cluster's name, those that would read alike told apart in words, never by a counter.

    Clusters named after the same actions (in any order) get, when it sets each apart, the action each does more than the others
    named alike (a third action in the name); otherwise their actions per user.

    >>> alike = {"push": 0.4, "like": 0.3}
    >>> cluster_names([Profile(("push", "like"), {**alike, "buy": 0.2, "share": 0.1}, 9.0),
    ...                Profile(("push", "like"), {**alike, "buy": 0.1, "share": 0.2}, 9.0)])
    ['push, like and buy, more than most', 'push, like and share, more than most']
    >>> cluster_names([Profile(("push",), {"push": 1.0}, 12.4), Profile(("push",), {"push": 1.0}, 3.0)])
    ['push, more than most, 12 actions per user', 'push, more than most, 3 actions per user']
    """
    named = [cluster_name(profile.distinctive, names) for profile in profiles]
    for actions in {frozenset(profile.distinctive) for profile in profiles}:
        alike = [index for index, profile in enumerate(profiles) if frozenset(profile.distinctive) == actions]
        if len(alike) > 1:
            for index, told_apart in zip(alike, _told_apart([profiles[index] for index in alike], names), strict=True):
                named[index] = told_apart
    return named


def _told_apart(profiles: Sequence[Profile], names: Mapping[str, str] | None) -> list[str]:
    """Names for clusters whose actions more than most are the same: by a further action, or by how much they do."""
    for naming in (_by_further_action, _by_activity):
        told = naming(profiles, names)
        if told is not None and len(set(told)) == len(told):
            return told
    return [cluster_name(profile.distinctive, names) for profile in profiles]


def _by_further_action(profiles: Sequence[Profile], names: Mapping[str, str] | None) -> list[str] | None:
    further = [_further_action(profile, [other for other in profiles if other is not profile]) for profile in profiles]
    if any(action is None for action in further) or not profiles[0].distinctive:
        return None
    return [cluster_name([*profile.distinctive, str(action)], names) for profile, action in zip(profiles, further, strict=True)]


def _further_action(profile: Profile, others: Sequence[Profile]) -> str | None:
    """The action this cluster does most more than the others named alike (not already in its name)."""
    pooled = {event: sum(other.mix.get(event, 0.0) for other in others) / len(others) for event in profile.mix}
    ratios = {
        event: share / max(pooled[event], 1e-12) for event, share in profile.mix.items() if event not in profile.distinctive and share > 0
    }
    best = max(ratios, key=lambda event: (ratios[event], event), default=None)
    return best if best is not None and ratios[best] >= SIBLING_OVER else None


def _by_activity(profiles: Sequence[Profile], names: Mapping[str, str] | None) -> list[str]:
    return [_with_actions(cluster_name(profile.distinctive, names), round(profile.actions)) for profile in profiles]


def _with_actions(name: str, count: int) -> str:
    return ngettext("{name}, {count} action per user", "{name}, {count} actions per user", count).format(name=name, count=count)
