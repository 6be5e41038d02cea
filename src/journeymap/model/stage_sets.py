"""The stage sets of the seeds, as templates a new map can start from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..i18n import gettext as _


class MomentOfTruth(str, Enum):
    """The moments of truth of the dynamic customer journey."""

    zmot = "zmot"
    fmot = "fmot"
    smot = "smot"
    umot = "umot"


def N_(message: str) -> str:
    """Mark a message for translation without translating it yet."""
    return message


@dataclass(frozen=True)
class StageTemplate:
    """A stage of a stage set: a stable key and an English name to translate."""

    key: str
    name: str
    moment_of_truth: MomentOfTruth | None = None

    @property
    def title(self) -> str:
        """The stage name in the current language."""
        return _(self.name)


@dataclass(frozen=True)
class StageSet:
    """An ordered set of stages, as the seeds list them."""

    key: str
    name: str
    description: str
    stages: tuple[StageTemplate, ...]
    cyclical: bool = False

    @property
    def keys(self) -> list[str]:
        """The stage keys, in order."""
        return [stage.key for stage in self.stages]


_STAGE_NAMES = {
    "awareness": N_("Awareness"),
    "consideration": N_("Consideration"),
    "purchase": N_("Purchase"),
    "use": N_("Use"),
    "loyalty": N_("Loyalty"),
    "advocacy": N_("Advocacy"),
    "decision": N_("Decision"),
    "research": N_("Research"),
    "service": N_("Service"),
    "trigger": N_("Trigger"),
    "evaluation": N_("Evaluation"),
    "comparison": N_("Comparison"),
    "workshop": N_("Workshop"),
    "questions": N_("Questions"),
    "production": N_("Production"),
    "design": N_("Design"),
    "financing": N_("Financing"),
    "building": N_("Building"),
    "leasing": N_("Leasing"),
    "modelling": N_("Modelling"),
    "completion": N_("Completion"),
}
"""Each stage key's English name, the same in every set."""


def _stages(*keys: str, moments: dict[str, MomentOfTruth] | None = None) -> tuple[StageTemplate, ...]:
    return tuple(StageTemplate(key, _STAGE_NAMES[key], (moments or {}).get(key)) for key in keys)


STAGE_SETS: dict[str, StageSet] = {
    stage_set.key: stage_set
    for stage_set in (
        StageSet(
            "lifecycle",
            N_("Customer lifecycle"),
            N_("From first awareness to advocacy: the common six stages."),
            _stages("awareness", "consideration", "purchase", "use", "loyalty", "advocacy"),
        ),
        StageSet(
            "decision",
            N_("Decision funnel"),
            N_("Awareness, consideration, decision, purchase, use and loyalty."),
            _stages("awareness", "consideration", "decision", "purchase", "use", "loyalty"),
        ),
        StageSet(
            "service",
            N_("Service journey"),
            N_("Awareness, research, purchase, use, service and loyalty."),
            _stages("awareness", "research", "purchase", "use", "service", "loyalty"),
        ),
        StageSet(
            "dcj",
            N_("Dynamic customer journey"),
            N_("A loop, not a funnel, with the zero, first, second and ultimate moments of truth."),
            _stages(
                "trigger",
                "awareness",
                "consideration",
                "evaluation",
                "purchase",
                "loyalty",
                "advocacy",
                moments={
                    "consideration": MomentOfTruth.zmot,
                    "evaluation": MomentOfTruth.zmot,
                    "purchase": MomentOfTruth.fmot,
                    "loyalty": MomentOfTruth.smot,
                    "advocacy": MomentOfTruth.umot,
                },
            ),
            cyclical=True,
        ),
        StageSet(
            "app",
            N_("App flow"),
            N_("An app's own flow (Dapper): research, comparison, workshop, questions, production."),
            _stages("research", "comparison", "workshop", "questions", "production"),
        ),
        StageSet(
            "construction",
            N_("Construction project"),
            N_("Design, financing, building, leasing, modelling and completion."),
            _stages("design", "financing", "building", "leasing", "modelling", "completion"),
        ),
    )
}
