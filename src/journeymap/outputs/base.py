"""The base of the JSON outputs: every key declared, none more."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic.dataclasses import dataclass

from ..published import PUBLISHED

T = TypeVar("T")

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


def derived(cls: type[T]) -> type[T]:
    """Publish ``cls``, a subclass of a result dataclass: the fields it inherits as they are, the ones it declares as printed.

    The result stays the one definition of its fields; the subclass declares only
    what the JSON prints differently (a typed row for a raw one, a computed figure).

    >>> from dataclasses import dataclass as result
    >>> @result
    ... class Count:
    ...     total: int
    ...     rows: list
    >>> @derived
    ... class Printed(Count):
    ...     rows: list[int]
    ...     note: str
    >>> Printed(total=1, rows=["2"], note="")
    Printed(total=1, rows=[2], note='')
    """
    return dataclass(config=PUBLISHED, kw_only=True, frozen=cls.__dataclass_params__.frozen)(cls)  # type: ignore[attr-defined]
