"""Names of the map's fixed choices (kinds of map, states, moments of truth, evidence kinds, link kinds, touchpoint modes, buyer roles) in the current language."""

from __future__ import annotations

from ..i18n import gettext as _
from ..model import LinkKind
from ..model.step import EvidenceKind, Mode


def kind_title(kind: str) -> str:
    """Return the translated name of a kind of map.

    >>> kind_title("dcj")
    'Dynamic customer journey'
    """
    return {
        "cjm": _("Customer journey map"),
        "ujm": _("User journey map"),
        "lxm": _("Life experience map"),
        "service_blueprint": _("Service blueprint"),
        "dcj": _("Dynamic customer journey"),
    }[kind]


def moment_title(moment: str) -> str:
    """Return the translated name of a moment of truth.

    >>> moment_title("zmot")
    'Zero moment of truth: research before buying'
    """
    return {
        "zmot": _("Zero moment of truth: research before buying"),
        "fmot": _("First moment of truth: at the shelf or page"),
        "smot": _("Second moment of truth: using it"),
        "umot": _("Ultimate moment of truth: sharing the experience"),
    }[moment]


def state_title(state: str) -> str:
    """Return whether a map shows the journey as it is or as it is planned to be, in words.

    >>> state_title("future")
    'Future state'
    """
    return {"current": _("Current state"), "future": _("Future state")}[state]


def evidence_kind_title(kind: EvidenceKind) -> str:
    """Return the name of a kind of evidence.

    >>> evidence_kind_title(EvidenceKind.ticket)
    'Support ticket'
    """
    return {
        EvidenceKind.quote: _("Quote"),
        EvidenceKind.interview: _("Interview"),
        EvidenceKind.survey: _("Survey"),
        EvidenceKind.review: _("Review"),
        EvidenceKind.ticket: _("Support ticket"),
        EvidenceKind.social: _("Social media"),
        EvidenceKind.analytics: _("Analytics"),
        EvidenceKind.observation: _("Observation"),
        EvidenceKind.document: _("Document"),
        EvidenceKind.other: _("Other"),
    }[kind]


def link_kind_title(kind: LinkKind) -> str:
    """Return the name of a kind of link between steps.

    >>> link_kind_title(LinkKind.loop)
    'Loop back'
    """
    return {
        LinkKind.branch: _("Branch"),
        LinkKind.loop: _("Loop back"),
        LinkKind.alternative: _("Alternative"),
        LinkKind.next: _("Next step"),
    }[kind]


def mode_title(mode: Mode) -> str:
    """Return whether a touchpoint is online, offline or both, in words.

    >>> mode_title(Mode.both)
    'Online and offline'
    """
    return {Mode.online: _("Online"), Mode.offline: _("Offline"), Mode.both: _("Online and offline")}[mode]


def role_title(role: str) -> str:
    """Return the translated name of a B2B buyer role.

    >>> role_title("decision_maker")
    'Decision maker'
    """
    return {
        "decision_maker": _("Decision maker"),
        "user": _("User"),
        "influencer": _("Influencer"),
        "purchaser": _("Purchaser"),
        "gatekeeper": _("Gatekeeper"),
    }[role]
