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


def _stages(*keys_and_names: tuple[str, str] | tuple[str, str, MomentOfTruth]) -> tuple[StageTemplate, ...]:
    return tuple(StageTemplate(*entry) for entry in keys_and_names)


STAGE_SETS: dict[str, StageSet] = {
    stage_set.key: stage_set
    for stage_set in (
        StageSet(
            "lifecycle",
            N_("Customer lifecycle"),
            N_("From first awareness to advocacy: the common six stages."),
            _stages(
                ("awareness", N_("Awareness")),
                ("consideration", N_("Consideration")),
                ("purchase", N_("Purchase")),
                ("use", N_("Use")),
                ("loyalty", N_("Loyalty")),
                ("advocacy", N_("Advocacy")),
            ),
        ),
        StageSet(
            "decision",
            N_("Decision funnel"),
            N_("Awareness, consideration, decision, purchase, use and loyalty."),
            _stages(
                ("awareness", N_("Awareness")),
                ("consideration", N_("Consideration")),
                ("decision", N_("Decision")),
                ("purchase", N_("Purchase")),
                ("use", N_("Use")),
                ("loyalty", N_("Loyalty")),
            ),
        ),
        StageSet(
            "service",
            N_("Service journey"),
            N_("Awareness, research, purchase, use, service and loyalty."),
            _stages(
                ("awareness", N_("Awareness")),
                ("research", N_("Research")),
                ("purchase", N_("Purchase")),
                ("use", N_("Use")),
                ("service", N_("Service")),
                ("loyalty", N_("Loyalty")),
            ),
        ),
        StageSet(
            "dcj",
            N_("Dynamic customer journey"),
            N_("A loop, not a funnel, with the zero, first, second and ultimate moments of truth."),
            _stages(
                ("trigger", N_("Trigger")),
                ("awareness", N_("Awareness")),
                ("consideration", N_("Consideration"), MomentOfTruth.zmot),
                ("evaluation", N_("Evaluation"), MomentOfTruth.zmot),
                ("purchase", N_("Purchase"), MomentOfTruth.fmot),
                ("loyalty", N_("Loyalty"), MomentOfTruth.smot),
                ("advocacy", N_("Advocacy"), MomentOfTruth.umot),
            ),
            cyclical=True,
        ),
        StageSet(
            "app",
            N_("App flow"),
            N_("An app's own flow (Dapper): research, comparison, workshop, questions, production."),
            _stages(
                ("research", N_("Research")),
                ("comparison", N_("Comparison")),
                ("workshop", N_("Workshop")),
                ("questions", N_("Questions")),
                ("production", N_("Production")),
            ),
        ),
        StageSet(
            "construction",
            N_("Construction project"),
            N_("Design, financing, building, leasing, modelling and completion."),
            _stages(
                ("design", N_("Design")),
                ("financing", N_("Financing")),
                ("building", N_("Building")),
                ("leasing", N_("Leasing")),
                ("modelling", N_("Modelling")),
                ("completion", N_("Completion")),
            ),
        ),
    )
}
