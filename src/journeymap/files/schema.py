"""The JSON Schema of the map file, for editors and other tools."""

from __future__ import annotations

from typing import Any

from ..model import SCHEMA_VERSION, Journey

SCHEMA_ID = f"https://journeymap.dev/schema/journey-{SCHEMA_VERSION}.json"


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that a map file follows.

    Ids derived from names are optional in files, so they are not required.

    >>> json_schema()["title"]
    'Journey'
    """
    schema = Journey.model_json_schema(by_alias=True, mode="validation")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        properties = definition.get("properties", {})
        required = definition.get("required", [])
        if "id" in required and ({"name", "title", "text"} & set(properties)):
            required.remove("id")
            if not required:
                del definition["required"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
