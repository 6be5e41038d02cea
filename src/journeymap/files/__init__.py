"""Map files: YAML and JSON load and save, JSON Schema, templates and examples.

>>> from journeymap.files import load, example_path
>>> len(load(example_path("childrens-shop")).steps)
17
"""

from .. import lazy

lazy.export_lazily(
    __name__,
    {
        ".io": ["dumps", "load", "loads", "save", "write_atomically"],
        ".locations": ["field_path"],
        ".migrations": ["migrate"],
        ".schema": ["json_schema"],
        ".source": ["MAX_MAP_BYTES"],
        ".templates": ["Template", "example_names", "example_path", "new_journey", "templates"],
    },
)

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
