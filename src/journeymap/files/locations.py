"""Turning pydantic validation errors into one-line messages that point at file:line:col."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import MapValidationError
from ..i18n import gettext as _
from ..model import Journey

Location = tuple[str | int, ...]


def field_path(location: Location) -> str:
    """Return ``stages[0].steps[3].emotion.actual`` for a location tuple."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def position(document: Any, location: Location) -> tuple[int, int] | None:
    """Return the 1-based (line, column) of the deepest node of ``location`` in a parsed file."""
    found = None
    node = document
    for part in location:
        if isinstance(node, CommentedMap) and part in node:
            line, column = node.lc.key(part)
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, column = node.lc.item(part)
        else:
            continue
        found = (line + 1, column + 1)
        node = node[part]
    return found


def validation_error(error: ValidationError, document: Any, path: str | None) -> MapValidationError:
    """Return a :class:`MapValidationError` holding every problem of ``error``, located."""
    problems = [problem for item in _without_derived_id_noise(error.errors()) for problem in _problems(item)]
    located = [_locate(location, message, document, path) for location, message in problems]
    summary = located[0]
    if len(located) > 1:
        more = _(" (and {count} more; 'journeymap validate' lists them)").format(count=len(located) - 1)
        summary = MapValidationError(
            summary.reason + more, path=path, line=summary.line, column=summary.column, field=summary.field
        )
    summary.problems = list(located)
    return summary


def _without_derived_id_noise(items: list[Any]) -> list[Any]:
    """Drop "id is missing" where the name it derives from is itself in error."""

    def is_missing_id(item: Any) -> bool:
        return item["type"] == "missing" and item["loc"][-1:] == ("id",)

    parents_in_error = {tuple(item["loc"][:-1]) for item in items if not is_missing_id(item)}
    return [item for item in items if not (is_missing_id(item) and tuple(item["loc"][:-1]) in parents_in_error)]


def _locate(location: Location, message: str, document: Any, path: str | None) -> MapValidationError:
    line_column = position(document, location) if document is not None else None
    line, column = line_column if line_column else (None, None)
    return MapValidationError(message, path=path, line=line, column=column, field=field_path(location) or None)


def _problems(item: Any) -> Iterable[tuple[Location, str]]:
    location = tuple(part for part in item["loc"] if not _is_type_tag(part))
    if item["type"] == "journey_rules":
        return [(location + tuple(problem["loc"]), problem["msg"]) for problem in item["ctx"]["problems"]]
    message = _message(item, location)
    return [(location[:-1] if item["type"] == "missing" else location, message)]


def _is_type_tag(part: str | int) -> bool:
    return isinstance(part, str) and (part in {"float", "str", "int", "bool", "none"} or "[" in part or part.startswith("function-"))


def _message(item: Any, location: Location) -> str:
    kind, context, value = item["type"], item.get("ctx", {}), item.get("input")
    key = location[-1] if location else ""
    if kind == "missing":
        return _("required key '{key}' is missing").format(key=key)
    if kind == "extra_forbidden":
        return _unknown_key(str(key), _allowed_keys(location[:-1]))
    if kind in {"less_than_equal", "less_than"}:
        return _("{value} is above the maximum {limit}").format(value=value, limit=context.get("le", context.get("lt")))
    if kind in {"greater_than_equal", "greater_than"}:
        return _("{value} is below the minimum {limit}").format(value=value, limit=context.get("ge", context.get("gt")))
    if kind == "enum":
        return _("'{value}' is not one of: {expected}").format(value=value, expected=context.get("expected", ""))
    if kind == "string_pattern_mismatch":
        return _("'{value}' is not a valid id; use letters, digits, '-', '_' or '.'").format(value=value)
    if kind == "string_too_short":
        return _("must not be empty")
    if kind in {"value_error", "assertion_error"}:
        return str(context.get("error", item["msg"]))
    if kind.endswith("_type") or kind.endswith("_parsing"):
        expected = kind.removesuffix("_type").removesuffix("_parsing").replace("_", " ")
        return _("expected {expected}, got {value!r}").format(expected=expected, value=_short(value))
    return item["msg"]


def _short(value: Any) -> Any:
    text = repr(value)
    return value if len(text) <= 60 else text[:57] + "..."


def _unknown_key(key: str, allowed: list[str]) -> str:
    message = _("unknown key '{key}'").format(key=key)
    suggestion = get_close_matches(key, allowed, n=1, cutoff=0.6)
    if suggestion:
        return message + _("; did you mean '{suggestion}'?").format(suggestion=suggestion[0])
    if allowed:
        return message + _("; allowed here: {keys}").format(keys=", ".join(allowed))
    return message


def _allowed_keys(location: Location) -> list[str]:
    annotation: Any = Journey
    for part in location:
        model = _model_in(annotation)
        fields = _fields(model) if model else {}
        annotation = fields[part] if isinstance(part, str) and part in fields else _item_type(annotation)
    model = _model_in(annotation)
    return list(_fields(model)) if model else []


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [inner for arg in typing.get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _item_type(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        origin = typing.get_origin(candidate)
        if origin in (list, dict):
            return typing.get_args(candidate)[-1]
    return None
