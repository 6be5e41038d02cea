"""The ``--json`` outputs of the commands as typed models, each with a published JSON Schema.

``journeymap schema --output NAME`` prints a command's schema; every ``--json``
output is checked against its model before it is printed, so the schema and the
output cannot drift apart.

>>> from journeymap.outputs import OUTPUTS
>>> "funnel" in OUTPUTS
True
"""

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .registry import OUTPUTS, checked, output_model, output_schema

lazy.export_lazily(__name__)

__all__ = [
    "OUTPUTS",
    "checked",
    "output_model",
    "output_schema",
]
