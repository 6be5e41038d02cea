"""docs/map-format.md: every example is a valid map, and every key of the format has one."""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel
from ruamel.yaml import YAML

from journeymap.errors import MapValidationError
from journeymap.files import json_schema, loads
from journeymap.model import Journey

DOC = Path(__file__).parents[2] / "docs" / "map-format.md"
TEXT = DOC.read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    """Return the fenced code blocks of the page in ``language``."""
    return re.findall(rf"^```{language}\n(.*?)^```$", TEXT, flags=re.MULTILINE | re.DOTALL)


YAML_BLOCKS = blocks("yaml")


def test_the_page_has_many_yaml_examples() -> None:
    assert len(YAML_BLOCKS) >= 25


@pytest.mark.parametrize("number", range(len(YAML_BLOCKS)))
def test_each_yaml_block_is_a_valid_map(number: int) -> None:
    journey = loads(YAML_BLOCKS[number], path=f"map-format.md block {number + 1}")
    assert journey.title


@pytest.mark.parametrize("block", blocks("json"))
def test_each_json_block_is_a_valid_map(block: str) -> None:
    journey = loads(block, format="json")
    assert list(Draft202012Validator(json_schema()).iter_errors(json.loads(block))) == []
    assert journey.steps[0].metrics.conversion.value == 0.35


def model_keys(model: type[BaseModel], seen: set[type] | None = None) -> Iterator[tuple[str, str]]:
    """Yield ``(model name, key)`` for every key a map file can hold, through every nested model."""
    seen = seen if seen is not None else set()
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield model.__name__, info.alias or name
        for inner in nested_models(info.annotation):
            yield from model_keys(inner, seen)


def nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from nested_models(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType, list, dict):
        for argument in typing.get_args(annotation):
            yield from nested_models(argument)


def keys_used(node: Any) -> set[str]:
    if isinstance(node, dict):
        return {str(key) for key in node} | {key for value in node.values() for key in keys_used(value)}
    if isinstance(node, list):
        return {key for value in node for key in keys_used(value)}
    return set()


def test_every_key_of_the_format_has_an_example() -> None:
    used = set().union(*(keys_used(YAML(typ="safe").load(block)) for block in YAML_BLOCKS))
    missing = sorted({f"{model}.{key}" for model, key in model_keys(Journey) if key not in used})
    assert missing == []


def test_every_key_of_the_format_is_named_in_the_text() -> None:
    prose = re.sub(r"^```.*?^```$", "", TEXT, flags=re.MULTILINE | re.DOTALL)
    missing = sorted({key for _, key in model_keys(Journey) if f"`{key}`" not in prose})
    assert missing == []


def test_the_shorthands_mean_what_the_page_says() -> None:
    shorthand = loads(YAML_BLOCKS[-1]).steps[0]
    assert shorthand.metrics.audience.authored == 1200
    assert shorthand.metrics.conversion.value == 0.35
    assert shorthand.metrics.time_seconds.value == 300
    assert shorthand.touchpoints[0].name == "Payment page"
    assert shorthand.evidence[0].kind.value == "quote"


def test_the_error_example_prints_what_the_page_shows() -> None:
    broken = blocks("text")[0]
    shown = TEXT.split("$ journeymap validate map.yaml\n", 1)[1].split("```", 1)[0].splitlines()
    with pytest.raises(MapValidationError) as raised:
        loads(broken, path="map.yaml")
    assert [str(problem) for problem in raised.value.problems] == shown
