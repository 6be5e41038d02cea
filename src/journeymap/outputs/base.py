"""The base of the JSON outputs: every key declared, none more."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Test = Literal["chi-square", "fisher", "z-test"]
"""The test behind a p-value."""

DEFERRED = ConfigDict(defer_build=True)
"""Build a model's validator on its first use: a command checks one output, not all of them."""


class Output(BaseModel):
    """One object of a command's ``--json`` output: its keys, their types, and no other key.

    >>> class Point(Output):
    ...     x: int
    >>> sorted(Point.model_json_schema()["properties"])
    ['x']
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, **DEFERRED)
