"""Map files: YAML and JSON load and save, JSON Schema, templates and examples.

>>> from journeymap.files import load, example_path
>>> len(load(example_path("childrens-shop")).steps)
17
"""

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from . import pictures as pictures  # a submodule, named for type checkers
    from .io import dumps, load, loads, save, write_atomically
    from .locations import field_path
    from .migrations import migrate
    from .schema import json_schema
    from .source import MAX_MAP_BYTES
    from .templates import Template, example_names, example_path, new_journey, templates

lazy.export_lazily(__name__)

__all__ = [
    "MAX_MAP_BYTES",
    "Template",
    "dumps",
    "example_names",
    "example_path",
    "field_path",
    "json_schema",
    "load",
    "loads",
    "migrate",
    "new_journey",
    "save",
    "templates",
    "write_atomically",
]
