"""Each command's ``--json`` output by name, its published JSON Schema, and the check of what it prints.

A command's name is its words joined by ``-`` (``events-inspect``, ``voice-analyze``).

>>> output_schema("funnel")["title"]
'Funnel'
>>> checked("transitions", {"events": {"search": 2}, "edges": []})
{'events': {'search': 2}, 'edges': []}
"""

from __future__ import annotations

import inspect
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..errors import JourneymapError
from ..i18n import gettext as _

if TYPE_CHECKING:
    from pydantic import TypeAdapter

OUTPUTS: dict[str, str] = {
    "abtest": "discover.ABTest",
    "aha": "discover.AhaOutput",
    "analyze": "analytics.Analyze",
    "barriers": "discover.Barriers",
    "compare": "discover.Compare",
    "drivers": "discover.Drivers",
    "events-inspect": "events.Summary",
    "funnel": "analytics.Funnel",
    "paths": "paths.PathsOutput",
    "personas": "discover.Personas",
    "prioritize": "maps.Ranking",
    "retention": "analytics.RetentionOutput",
    "segments": "discover.SegmentsOutput",
    "templates": "maps.Templates",
    "transitions": "analytics.Transitions",
    "users-list": "maps.Users",
    "voice-analyze": "voice.Analysis",
    "voice-evaluate": "voice.Evaluation",
    "voice-inspect": "voice.Inspection",
    "voice-keywords": "voice.Keywords",
    "voice-listening": "voice.Listening",
}
"""The model of each command's ``--json`` output (``module.Class`` in this package), by the command's name.

Named, not imported: a command imports the one module of outputs it prints, not all of them.
"""

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def output_model(name: str | None) -> type:
    """Return the model of command ``name``'s JSON; an error listing the names when there is no such command.

    >>> output_model("funnel").__name__
    'Funnel'
    """
    if name is None:
        raise JourneymapError(_("--output needs a command's name: {names}").format(names=", ".join(OUTPUTS)))
    if name not in OUTPUTS:
        raise JourneymapError(_("--output {name!r}: choose one of {names}").format(name=name, names=", ".join(OUTPUTS)))
    module, model = OUTPUTS[name].split(".")
    return getattr(import_module(f"{__package__}.{module}"), model)


def output_schema(name: str | None) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of what command ``name`` prints with ``--json``, its title and description at the top."""
    model = output_model(name)
    schema = _adapter(name).json_schema(mode="serialization")
    return {"$schema": DRAFT, "title": model.__name__, "description": inspect.cleandoc(model.__doc__ or ""), **schema}


def checked(name: str, data: Any) -> Any:
    """Return ``data`` unchanged once it matches command ``name``'s output model (a ``ValueError`` naming the mismatch otherwise).

    A mismatch is a bug of journeymap, not the user's: the published schema and the printed JSON disagree.
    """
    from pydantic import ValidationError

    try:
        _adapter(name).validate_python(data)
    except ValidationError as error:
        raise ValueError(f"{name} --json does not match its schema: {error}") from error
    return data


@cache
def _adapter(name: str | None) -> TypeAdapter[Any]:
    """Return the validator and schema builder of command ``name``'s model: a pydantic model or a published result dataclass (:mod:`journeymap.published`)."""
    from pydantic import TypeAdapter

    return TypeAdapter(output_model(name))
