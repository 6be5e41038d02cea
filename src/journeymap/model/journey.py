"""The journey map: the hub every other layer reads and writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from .base import Identifier, Named
from .layout import DataSettings, EmotionScale, Lane, Link, Scope
from .persona import Persona
from .research import Insight, Opportunity
from .step import Emotion, MomentOfTruth, Step

if TYPE_CHECKING:
    from .rules import Problem

SCHEMA_VERSION = 1
"""The version of the map file format this release writes."""


class SourceDocument:
    """The text a map was loaded from, and its parsed form once a saver needs it.

    Saving merges the map into it, so the file keeps its comments and key
    order. It never makes two maps unequal: maps compare by content alone.
    """

    __slots__ = ("node", "text")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, text: str, node: Any = None) -> None:
        self.text = text
        self.node = node

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, SourceDocument)


class JourneyKind(str, Enum):
    """The kind of map (seed 000 and 004)."""

    cjm = "cjm"
    ujm = "ujm"
    lxm = "lxm"
    service_blueprint = "service_blueprint"
    dcj = "dcj"


class JourneyState(str, Enum):
    """Whether the map shows the journey as it is or as it is planned to be."""

    current = "current"
    future = "future"


class Stage(Named):
    """A stage of the journey, holding its steps in order."""

    id: Identifier
    name: str = Field(min_length=1)
    key: str = Field(default="", description="The stage's key in the map's stage set, e.g. 'awareness'.")
    description: str = ""
    owner: str = Field(default="", description="Department that owns the stage (service blueprint).")
    moment_of_truth: MomentOfTruth | None = None
    steps: list[Step] = Field(default_factory=list)


class Journey(Named):
    """A customer journey map: whose journey, its stages and steps, and every lane.

    >>> journey = Journey(title="Shop", stages=[{"name": "Purchase", "steps": [{"name": "Pays"}]}])
    >>> [step.id for step in journey.steps]
    ['pays']
    """

    schema_version: int = Field(default=SCHEMA_VERSION, description="Version of the file format.")
    id: Identifier
    title: str = Field(min_length=1)
    kind: JourneyKind = JourneyKind.cjm
    state: JourneyState = JourneyState.current
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    description: str = ""
    accessible_title: str = Field(
        default="", description="A title for screen readers where it differs from the title (Mermaid's accTitle)."
    )
    business_goal: str = ""
    scenario: str = ""
    scope: Scope | None = None
    owners: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    created: datetime | None = None
    updated: datetime | None = None
    version: int = Field(default=1, ge=1, description="Revision number of the map's content.")
    stage_set: str = Field(default="", description="Key of the stage set the stages follow, e.g. 'dcj'.")
    cyclical: bool = Field(default=False, description="The last stage returns to the first.")
    emotion_scale: EmotionScale = Field(default_factory=EmotionScale)
    personas: list[Persona] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    lanes: list[Lane] = Field(default_factory=list, description="Custom lanes.")
    links: list[Link] = Field(default_factory=list, description="Branches and loops between steps.")
    insights: list[Insight] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    data: DataSettings | None = None

    _source: SourceDocument | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _follow_the_rules(self) -> Journey:
        from .rules import check

        problems = check(self)
        if problems:
            raise PydanticCustomError(
                "journey_rules",
                "{summary}",
                {"summary": problems[0].message, "problems": [problem.as_dict() for problem in problems]},
            )
        return self

    @property
    def steps(self) -> list[Step]:
        """Every step of every stage, in journey order."""
        return [step for stage in self.stages for step in stage.steps]

    @property
    def step_names(self) -> dict[str, str]:
        """Each step's name by its id, in journey order.

        >>> Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}]).step_names
        {'pays': 'Pays'}
        """
        return {step.id: step.name for step in self.steps}

    def iter_steps(self) -> Iterator[tuple[Stage, Step]]:
        """Yield each step with its stage, in journey order."""
        for stage in self.stages:
            for step in stage.steps:
                yield stage, step

    def step(self, step_id: str) -> Step:
        """Return the step with this id; raise ``KeyError`` if none."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def persona(self, persona_id: str) -> Persona:
        """Return the persona with this id; raise ``KeyError`` if none."""
        for persona in self.personas:
            if persona.id == persona_id:
                return persona
        raise KeyError(persona_id)

    def emotion_curve(self, persona: str | None = None) -> list[tuple[str, float | None, float | None]]:
        """Return ``(step id, actual, desired)`` per step, for one persona or combined.

        A persona's own emotion is used where the step has one; the combined
        view averages every persona's emotion at the step with the main line.
        """
        return [
            (step.id, _mean(e.actual for e in emotions), _mean(e.desired for e in emotions))
            for step in self.steps
            for emotions in [_emotions_at(step, persona)]
        ]

    def problems(self) -> list[Problem]:
        """Return the broken rules of this map (empty when valid)."""
        from .rules import check

        return check(self)

    @classmethod
    def load(cls, path: str | Path) -> Journey:
        """Read a map from a YAML or JSON file; see :func:`journeymap.files.load`."""
        from ..files import load

        return load(path)

    def save(self, path: str | Path) -> Path:
        """Write the map to a YAML or JSON file, atomically; see :func:`journeymap.files.save`."""
        from ..files import save

        return save(self, path)

    def render(self, path: str | Path, **options: Any) -> Path:
        """Write the map as a poster, table or diagram chosen by the extension; see :func:`journeymap.render.render`."""
        from ..render import render

        return render(self, path, **options)

    def _repr_html_(self) -> str:
        """Show the map as its poster in Jupyter."""
        from ..render import notebook_html

        return notebook_html(self)


def _emotions_at(step: Step, persona: str | None) -> list[Emotion]:
    if persona is not None:
        view = step.by_persona.get(persona)
        return [view.emotion] if view is not None and view.emotion is not None else [step.emotion]
    return [step.emotion, *(view.emotion for view in step.by_persona.values() if view.emotion is not None)]


def _mean(values: Any) -> float | None:
    numbers = [value for value in values if value is not None]
    return sum(numbers) / len(numbers) if numbers else None
