"""What makes a result dataclass the published shape of a ``--json`` output: one definition serves both.

A dataclass whose fields are exactly the keys a command prints sets
``__pydantic_config__ = PUBLISHED``; the command's model in :mod:`journeymap.outputs`
then names the dataclass itself, so the Python result and its JSON Schema cannot
drift apart. This module imports no pydantic: the config is plain data, read only
when a schema is built or an output is checked.

>>> from dataclasses import dataclass
>>> from pydantic import TypeAdapter
>>> @dataclass
... class Point:
...     __pydantic_config__ = PUBLISHED
...     x: int
...     label: str = ""
>>> TypeAdapter(Point).json_schema(mode="serialization")["required"]
['x', 'label']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pydantic import ConfigDict

PUBLISHED: ConfigDict = {
    "extra": "forbid",
    "use_attribute_docstrings": True,
    "json_schema_serialization_defaults_required": True,
    "defer_build": True,
}
"""Every key declared and required (a default is for Python callers: the JSON always has the key), none more."""

Test = Literal["chi-square", "fisher", "z-test"]
"""The test behind a p-value."""
