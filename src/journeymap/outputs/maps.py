"""The JSON that ``templates``, ``prioritize`` and ``users list`` print."""

from __future__ import annotations

from typing import Literal

from pydantic import RootModel

from .base import DEFERRED, Output


class Template(Output):
    """A bundled template: a stage set or an example map."""

    name: str
    kind: str
    title: str
    description: str


class Templates(RootModel[list[Template]]):
    """What ``templates --json`` prints."""

    model_config = DEFERRED


class Mvp(Output):
    """The ideas chosen within the budget (ids in rank order), and those that cannot be weighed."""

    budget: float
    effort: float
    score: float
    ideas: list[str]
    unweighed: list[str]


class RankedIdea(Output):
    """An idea with its rank, its score by the chosen method, the parts of every method, and where its figures came from."""

    rank: int
    id: str
    title: str
    steps: list[str]
    score: float | None
    criticality: int | None
    criticality_from_steps: bool
    """The idea has no criticality of its own: it takes the highest of its steps'."""
    design_ease: float | None
    development_ease: float | None
    audience: int | None
    reach: float | None
    impact: float | None
    confidence: float | None
    effort: float | None
    ease: float | None
    audience_measured: bool
    """The audience (or reach) comes from the measured audience of the idea's steps."""


class Ranking(Output):
    """What ``prioritize --json`` prints: the ranked ideas, and the MVP with ``--mvp``."""

    method: Literal["manufactura", "rice", "ice"]
    ideas: list[RankedIdea]
    mvp: Mvp | None = None


class User(Output):
    """An account: whether it is an administrator and active, and its role in each workspace."""

    username: str
    admin: bool
    active: bool
    workspaces: dict[str, str]


class Users(RootModel[list[User]]):
    """What ``users list --json`` prints."""

    model_config = DEFERRED
