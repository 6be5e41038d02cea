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


class Ranking(Output):
    """What ``prioritize --json`` prints: the ranked ideas (the columns of the chosen method), and the MVP with ``--mvp``."""

    method: Literal["manufactura", "rice", "ice"]
    ideas: list[dict[str, str | int | float | None]]
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
