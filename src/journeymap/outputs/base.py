"""The base of the JSON outputs: every key declared, none more."""

from __future__ import annotations

import ast
import inspect
import sys
from dataclasses import is_dataclass
from pathlib import Path
from typing import TypeVar, cast

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
    frozen = cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    published = dataclass(cls, config=PUBLISHED, kw_only=True, frozen=frozen)
    fields = published.__pydantic_fields__
    for name, doc in inherited_docstrings(cls).items():
        if name in fields and fields[name].description is None:
            fields[name].description = doc
    return cast("type[T]", published)


def inherited_docstrings(cls: type) -> dict[str, str]:
    """Return the docstrings under the fields of ``cls``'s dataclass bases (pydantic reads only the class's own), the nearest base's last.

    >>> from journeymap.analytics.results import Summary
    >>> inherited_docstrings(type("Printed", (Summary,), {}))["events"]
    'Distinct event names.'
    """
    found: dict[str, str] = {}
    for base in reversed(cls.__mro__[1:]):
        statements = _class_body(base) if is_dataclass(base) else []
        for field, doc in zip(statements, statements[1:]):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
            ):
                found[field.target.id] = inspect.cleandoc(str(doc.value.value))
    return found


def _class_body(base: type) -> list[ast.stmt]:
    """Return the statements of the top-level class ``base`` in its module's file; none for a class typed at a prompt."""
    path = getattr(sys.modules.get(base.__module__), "__file__", None)
    if path is None or not path.endswith(".py"):
        return []
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    return next((node.body for node in tree.body if isinstance(node, ast.ClassDef) and node.name == base.__qualname__), [])
