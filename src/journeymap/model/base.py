"""Shared building blocks of the model: the strict base class, ids and parsers."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, StringConstraints, model_serializer, model_validator

Identifier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=r"^[\w][\w.\-]*$"),
]
"""An id: letters (any script), digits, ``_``, ``-`` and ``.``; used in references."""


class Model(BaseModel):
    """Base of every model class: unknown keys are errors, assignments are validated."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        populate_by_name=True,
        use_enum_values=False,
        defer_build=True,
    )


class Shorthand(Model):
    """A model that a file may write as one string: the value of ``shorthand_field``.

    It is written back the same way while that is the only field set.
    """

    shorthand_field: ClassVar[str]

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand(cls, data: Any) -> Any:
        return {cls.shorthand_field: data} if isinstance(data, str) else data

    @model_serializer(mode="wrap")
    def _to_shorthand(self, handler: Any) -> Any:
        data = handler(self)
        others = [
            name
            for name, info in type(self).model_fields.items()
            if name != self.shorthand_field and getattr(self, name) != info.get_default(call_default_factory=True)
        ]
        return data if others else getattr(self, self.shorthand_field)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, handler(core_schema)]}


def slugify(text: str) -> str:
    """Return an id made from a name, keeping letters of every script.

    >>> slugify("Finds the product card")
    'finds-the-product-card'
    >>> slugify("Оплата заказа")
    'оплата-заказа'
    """
    normal = unicodedata.normalize("NFKC", text).strip().lower()
    slug = re.sub(r"[^\w]+", "-", normal).strip("-_")
    return slug[:80] or "item"


class Named(Model):
    """A model whose ``id``, when a file leaves it out, derives from its ``name`` (or ``title``)."""

    @model_validator(mode="before")
    @classmethod
    def _derive_id(cls, data: Any) -> Any:
        return with_derived_id(data)


def with_derived_id(data: object) -> object:
    """Give a mapping without ``id`` one derived from its ``name`` (or ``title``)."""
    if isinstance(data, dict) and not data.get("id"):
        name = data.get("name") or data.get("title")
        if isinstance(name, str) and name.strip():
            return {"id": slugify(name), **data}
    return data
