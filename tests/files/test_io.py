from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from journeymap import Journey, MapFileError, MapValidationError
from journeymap.files import MAX_MAP_BYTES, dumps, load, loads, save
from journeymap.model import Measurement, Metric


def error_of(path: Path) -> str:
    with pytest.raises(MapFileError) as raised:
        load(path)
    return str(raised.value)


def test_load_and_save_yaml_and_json(small_map: Path, tmp_path: Path):
    journey = Journey.load(small_map)
    assert [step.id for step in journey.steps] == ["sees-the-toy", "pays"]
    json_path = journey.save(tmp_path / "small.json")
    assert json.loads(json_path.read_text(encoding="utf-8"))["title"] == "Small shop"
    assert Journey.load(json_path) == journey
    assert load(save(journey, tmp_path / "again.yaml")) == journey


def test_saving_keeps_comments_and_key_order(small_map: Path, tmp_path: Path):
    journey = load(small_map)
    journey.step("pays").metrics.audience = Metric(authored=120, measured=Measurement(value=97, count=97, source="log.csv"))
    text = dumps(journey)
    assert text.startswith("# A small map used by many tests.\n")
    assert "title: Small shop  # the title\n" in text
    assert text.index("title:") < text.index("language:") < text.index("personas:") < text.index("stages:")
    assert "measured:" in text and "value: 97" in text
    assert load(save(journey, tmp_path / "measured.yaml")).step("pays").metrics.audience.value == 97


def test_whole_numbers_are_written_without_a_decimal_point(small_map: Path):
    assert "emotion: {actual: 1, desired: 2}" in dumps(load(small_map))


def test_unicode_of_every_language_round_trips(tmp_path: Path):
    names = ["Қазақша әңгіме", "Українська ґанок їжак", "Oʻzbek gʻoya", "Lietuvių ąčęėįšųūž", "Русский ёж"]
    journey = Journey(title="Мова", stages=[{"name": name, "steps": [{"name": name}]} for name in names])
    path = save(journey, tmp_path / "unicode.yaml")
    assert all(name in path.read_text(encoding="utf-8") for name in names)
    assert load(path) == journey


def test_save_is_atomic_and_leaves_no_temporary_file(small_map: Path, tmp_path: Path):
    journey = load(small_map)
    target = tmp_path / "out.yaml"
    target.write_text("previous content", encoding="utf-8")

    class Boom(Exception):
        pass

    original = os.fsync

    def failing_fsync(fd: int) -> None:
        raise Boom()

    os.fsync = failing_fsync
    try:
        with pytest.raises(Boom):
            save(journey, target)
    finally:
        os.fsync = original
    assert target.read_text(encoding="utf-8") == "previous content"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.yaml", "small.yaml"]


def test_validation_error_points_at_line_and_column(write_map):
    path = write_map("title: T\nstages:\n  - name: A\n    steps:\n      - name: B\n        emotion:\n          actual: 3\n")
    assert error_of(path) == f"{path}:7:11: stages[0].steps[0].emotion.actual: 3 is above the maximum 2 of the emotion scale"


def test_unknown_key_suggests_the_right_one(write_map):
    path = write_map("title: T\nstages:\n  - name: A\n    steps:\n      - name: B\n        pain: [slow]\n")
    assert error_of(path) == f"{path}:6:9: stages[0].steps[0].pain: unknown key 'pain'; did you mean 'pains'?"


def test_unknown_key_under_a_dict_of_models(write_map):
    path = write_map(
        "title: T\npersonas: [{name: Olga}]\nstages:\n  - name: A\n    steps:\n      - name: B\n"
        "        by_persona:\n          olga: {emotoin: {actual: 1}}\n"
    )
    assert "unknown key 'emotoin'; did you mean 'emotion'?" in error_of(path)


def test_wrong_type(write_map):
    path = write_map("title: T\nstages:\n  - name: A\n    steps:\n      - name: B\n        emotion: {actual: happy}\n")
    assert error_of(path) == f"{path}:6:19: stages[0].steps[0].emotion.actual: expected float, got 'happy'"


def test_every_problem_is_listed(write_map):
    path = write_map("title: T\nkind: map\nstages:\n  - name: A\n    steps:\n      - nme: B\n")
    with pytest.raises(MapValidationError) as raised:
        load(path)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:2:1: kind: 'map' is not one of: 'cjm', 'ujm', 'lxm', 'service_blueprint' or 'dcj'",
        f"{path}:6:9: stages[0].steps[0]: required key 'name' is missing",
        f"{path}:6:9: stages[0].steps[0].nme: unknown key 'nme'; did you mean 'name'?",
    ]
    assert str(raised.value).endswith("(and 2 more; 'journeymap validate' lists them)")


def test_duplicate_ids_and_dangling_references_are_located(write_map):
    path = write_map(
        "title: T\nstages:\n  - name: A\n    steps:\n      - name: Pays\n      - name: Pays\n"
        "links:\n  - {from: pays, to: waits}\n"
    )
    with pytest.raises(MapValidationError) as raised:
        load(path)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:6:9: stages[0].steps[1].id: duplicate step id 'pays': give each step its own id",
        f"{path}:8:18: links[0].to: unknown step 'waits'; choose one of: pays, pays",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [unclosed\n", ":2:1: invalid YAML: while parsing a flow sequence expected ',' or ']', but got '<stream end>'"),
        ("- just\n- a list\n", ": a map must be a mapping of keys (title:, stages:, ...), not a list"),
        ("   \n\n", ": file is empty; start one with 'journeymap new'"),
        ("schema_version: 99\ntitle: T\n", ": schema_version: written for schema version 99, newer than this journeymap reads (1); upgrade journeymap"),
    ],
)
def test_unreadable_maps(write_map, text: str, message: str):
    path = write_map(text)
    assert error_of(path) == f"{path}{message}"


def test_json_syntax_error_has_line_and_column(write_map):
    path = write_map('{\n  "title": "T",\n  "stages": [,]\n}\n', name="map.json")
    assert error_of(path) == f"{path}:3:14: invalid JSON: Expecting value"


def test_binary_file(tmp_path: Path):
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert error_of(path) == f"{path}: binary file, not a map; a map is UTF-8 text (YAML or JSON)"


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "cp1251.yaml"
    path.write_bytes("title: Карта\n".encode("cp1251"))
    assert error_of(path) == f"{path}:1: not valid UTF-8 (byte 7); save the file as UTF-8"


def test_huge_file_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:
        stream.truncate(200 * 1024 * 1024)
    assert path.stat().st_size > MAX_MAP_BYTES
    assert error_of(path) == f"{path}: file is 200 MB, over the 20 MB limit for a map; is this an event log? use 'journeymap events'"


def test_missing_file_folder_and_extension(tmp_path: Path):
    assert error_of(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: no such file; check the path"
    assert error_of(tmp_path) == f"{tmp_path}: not a file (a folder?); give the path of a .yaml or .json map"
    text_file = tmp_path / "map.txt"
    text_file.write_text("title: T\n", encoding="utf-8")
    assert error_of(text_file) == f"{text_file}: unknown map file extension '.txt'; use .yaml, .yml or .json"


def test_loads_names_no_file():
    with pytest.raises(MapValidationError, match=r"^1:1: title: must not be empty$"):
        loads('title: ""\n')


def test_json_validation_error_is_located_too(write_map):
    path = write_map('{\n  "title": "T",\n  "kind": "poster"\n}\n', name="map.json")
    assert error_of(path) == f"{path}:3:3: kind: 'poster' is not one of: 'cjm', 'ujm', 'lxm', 'service_blueprint' or 'dcj'"


def test_a_saved_file_keeps_its_permissions_and_a_new_one_follows_the_umask(small_map: Path, tmp_path: Path):
    umask = os.umask(0)
    os.umask(umask)
    journey = load(small_map)
    shared = tmp_path / "shared.yaml"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o640)
    save(journey, shared)
    assert shared.stat().st_mode & 0o777 == 0o640
    save(journey, tmp_path / "new.yaml")
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o666 & ~umask
