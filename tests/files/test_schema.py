from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from journeymap.files import dumps, json_schema, load


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(json_schema())


def test_a_map_file_with_shorthands_validates_against_the_schema(small_map):
    from ruamel.yaml import YAML

    document = json.loads(json.dumps(YAML(typ="safe").load(small_map.read_text(encoding="utf-8"))))
    assert list(Draft202012Validator(json_schema()).iter_errors(document)) == []


def test_a_saved_map_validates_against_the_schema(small_map):
    saved = json.loads(dumps(load(small_map), format="json"))
    assert list(Draft202012Validator(json_schema()).iter_errors(saved)) == []


def test_the_schema_rejects_what_the_loader_rejects():
    errors = list(Draft202012Validator(json_schema()).iter_errors({"title": "T", "kind": "poster", "colour": "red"}))
    assert sorted(error.message for error in errors) == [
        "'poster' is not one of ['cjm', 'ujm', 'lxm', 'service_blueprint', 'dcj']",
        "Additional properties are not allowed ('colour' was unexpected)",
    ]
