"""Ideas ranked: the seeds' (Manufactura) sum, RICE and ICE, with audience taken from measured data.

- ``manufactura``: criticality + design ease + development ease + affected
  audience, each scored 1..5, each multiplied by its weight (1 by default).
  Where the idea names steps whose audience is measured, the audience score
  comes from data: the largest measured audience among its steps as a share
  of the journey's largest measured audience, scored ``ceil(share × 5)``
  (at least 1). Otherwise the authored score is used.
- ``rice``: reach × impact × confidence / effort; reach is the authored reach,
  else the largest measured audience among the idea's steps.
- ``ice``: impact × confidence × ease.

Ideas missing a part of their method's score rank last, in file order. An
idea without its own criticality takes the highest criticality of its steps
(the step's metric), as the seed's summary table scores the step.

:func:`mvp` picks the ideas to build first: the set with the largest total
score whose effort fits a budget.

>>> from journeymap.model import Journey
>>> journey = Journey(title="Shop", opportunities=[
...     {"title": "Slow", "criticality": 2, "design_ease": 2, "development_ease": 2, "audience": 2},
...     {"title": "Quick win", "criticality": 5, "design_ease": 4, "development_ease": 4, "audience": 3}])
>>> [(idea.opportunity.title, idea.score) for idea in rank(journey)]
[('Quick win', 16.0), ('Slow', 8.0)]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import JourneymapError
from ..i18n import gettext as _
from .journey import Journey
from .research import Opportunity

METHODS = ("manufactura", "rice", "ice")
PARTS = ("criticality", "design_ease", "development_ease", "audience")
"""The four parts of the seeds' score, in the order the table shows them."""


@dataclass(frozen=True)
class RankedIdea:
    """An idea with its rank, its score by the chosen method and where its audience figure came from."""

    rank: int
    opportunity: Opportunity
    score: float | None
    audience: int | None
    reach: float | None
    measured: bool
    criticality: int | None = None
    criticality_from_steps: bool = False

    def to_dict(self) -> dict[str, object]:
        """Return the ranked idea as plain data."""
        idea = self.opportunity
        return {
            "rank": self.rank,
            "id": idea.id,
            "title": idea.title,
            "steps": list(idea.steps),
            "score": self.score,
            "criticality": self.criticality,
            "criticality_from_steps": self.criticality_from_steps,
            "design_ease": idea.design_ease,
            "development_ease": idea.development_ease,
            "audience": self.audience,
            "reach": self.reach,
            "impact": idea.impact,
            "confidence": idea.confidence,
            "effort": idea.effort,
            "ease": idea.ease,
            "audience_measured": self.measured,
        }


def rank(journey: Journey, method: str = "manufactura", weights: Mapping[str, float] | None = None) -> list[RankedIdea]:
    """Return the map's opportunities ranked by ``method``, highest score first (see the module).

    ``weights`` maps a part of the seeds' score (criticality, design_ease,
    development_ease, audience) to its weight; missing parts weigh 1.
    """
    if method not in METHODS:
        raise JourneymapError(_("unknown ranking method {method!r}; choose one of {methods}").format(method=method, methods=", ".join(METHODS)))
    unknown = sorted(set(weights or {}) - set(PARTS))
    if unknown:
        raise JourneymapError(_("unknown weight {name!r}; weigh one of {parts}").format(name=unknown[0], parts=", ".join(PARTS)))
    audiences = _measured_audiences(journey)
    largest = max(audiences.values(), default=None)
    scored = []
    criticalities = {step.id: step.metrics.criticality for step in journey.steps if step.metrics.criticality is not None}
    for idea in journey.opportunities:
        steps_audience = max((audiences.get(step) or 0 for step in idea.steps), default=0)
        measured = bool(largest) and steps_audience > 0
        audience = max(1, math.ceil(5 * steps_audience / largest)) if measured and largest else idea.audience
        reach = idea.reach if idea.reach is not None else (float(steps_audience) if steps_audience else None)
        criticality = idea.criticality if idea.criticality is not None else max((criticalities[step] for step in idea.steps if step in criticalities), default=None)
        score = _score(idea, method, weights or {}, audience, reach, criticality)
        scored.append((idea, score, audience, reach, measured, criticality, idea.criticality is None and criticality is not None))
    ordered = sorted(scored, key=lambda item: (item[1] is None, -(item[1] or 0)))
    return [RankedIdea(number, *item) for number, item in enumerate(ordered, start=1)]


def _measured_audiences(journey: Journey) -> dict[str, float]:
    return {
        step.id: step.metrics.audience.measured.value
        for step in journey.steps
        if step.metrics.audience is not None and step.metrics.audience.measured is not None
    }


def _score(idea: Opportunity, method: str, weights: Mapping[str, float], audience: int | None, reach: float | None, criticality: int | None) -> float | None:
    if method == "manufactura":
        parts = {"criticality": criticality, "design_ease": idea.design_ease, "development_ease": idea.development_ease, "audience": audience}
        known = {name: value for name, value in parts.items() if value is not None}
        if len(known) < len(parts):
            return None
        return float(sum(weights.get(name, 1.0) * value for name, value in known.items()))
    if method == "rice":
        if None in (reach, idea.impact, idea.confidence, idea.effort):
            return None
        return reach * idea.impact * idea.confidence / idea.effort  # type: ignore[operator]
    if None in (idea.impact, idea.confidence, idea.ease):
        return None
    return idea.impact * idea.confidence * idea.ease  # type: ignore[operator]


@dataclass(frozen=True)
class Mvp:
    """The ideas to build first within a budget of effort, and those that could not be weighed (no effort or no score)."""

    budget: float
    chosen: list[RankedIdea]
    unweighed: list[RankedIdea]

    @property
    def effort(self) -> float:
        """The chosen ideas' effort together."""
        return float(sum(idea.opportunity.effort or 0 for idea in self.chosen))

    @property
    def score(self) -> float:
        """The chosen ideas' score together."""
        return float(sum(idea.score or 0 for idea in self.chosen))

    def to_dict(self) -> dict[str, object]:
        """Return the plan as plain data: ids in rank order, the budget, effort and score."""
        return {"budget": self.budget, "effort": self.effort, "score": self.score, "ideas": [idea.opportunity.id for idea in self.chosen], "unweighed": [idea.opportunity.id for idea in self.unweighed]}


def mvp(ranked: list[RankedIdea], budget: float) -> Mvp:
    """Return the ideas whose scores add up to the most while their effort fits ``budget`` (a 0/1 knapsack, solved exactly).

    Of plans with the same score the one of least effort is chosen. Ideas
    without an effort or a score cannot be weighed: they are listed apart.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", opportunities=[
    ...     {"title": "Big", "criticality": 5, "design_ease": 5, "development_ease": 5, "audience": 5, "effort": 6},
    ...     {"title": "A", "criticality": 4, "design_ease": 4, "development_ease": 4, "audience": 4, "effort": 3},
    ...     {"title": "B", "criticality": 4, "design_ease": 4, "development_ease": 3, "audience": 4, "effort": 3},
    ...     {"title": "Unknown cost", "criticality": 5, "design_ease": 5, "development_ease": 5, "audience": 5}])
    >>> plan = mvp(rank(journey), budget=6)
    >>> [idea.opportunity.title for idea in plan.chosen], plan.score, [idea.opportunity.title for idea in plan.unweighed]
    (['A', 'B'], 31.0, ['Unknown cost'])
    """
    if not budget > 0:
        raise JourneymapError(_("the MVP budget must be a positive effort, e.g. 6 (the unit of the ideas' effort)"))
    weighable = [idea for idea in ranked if idea.score is not None and idea.opportunity.effort is not None]
    unweighed = [idea for idea in ranked if idea.score is None or idea.opportunity.effort is None]
    if not weighable:
        return Mvp(budget, [], unweighed)
    from scipy.optimize import Bounds, LinearConstraint, milp  # only a plan needs the solver

    efforts = [float(idea.opportunity.effort) for idea in weighable]  # type: ignore[arg-type]
    scores = [float(idea.score) for idea in weighable]  # type: ignore[arg-type]
    least = 1e-6 * max(scores) / (sum(efforts) + 1)
    solution = milp([-score + least * effort for score, effort in zip(scores, efforts)], integrality=[1] * len(weighable), bounds=Bounds(0, 1), constraints=LinearConstraint([efforts], -math.inf, budget))
    chosen = [idea for idea, taken in zip(weighable, solution.x if solution.x is not None else [0] * len(weighable)) if taken > 0.5]
    return Mvp(budget, chosen, unweighed)
