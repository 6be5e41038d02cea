from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.cli import app
from journeymap.cli.app import console
from journeymap.files import load
from journeymap.model import STAGE_SETS


def test_templates_lists_every_stage_set(runner):
    result = runner.invoke(app, ["templates", "--json"])
    assert result.exit_code == 0
    names = [template["name"] for template in json.loads(result.stdout)]
    assert names[: len(STAGE_SETS)] == list(STAGE_SETS)


def test_new_from_a_stage_set(runner, tmp_path: Path):
    target = tmp_path / "loop.yaml"
    result = runner.invoke(app, ["new", str(target), "--template", "dcj", "--title", "Кофейня"])
    assert result.exit_code == 0, result.output
    assert "7 stages, 0 steps" in result.stdout
    journey = load(target)
    assert (journey.title, journey.kind.value, journey.cyclical) == ("Кофейня", "dcj", True)
    assert [stage.moment_of_truth.value for stage in journey.stages if stage.moment_of_truth] == ["zmot", "zmot", "fmot", "smot", "umot"]


def test_new_refuses_to_overwrite(runner, small_map: Path):
    before = small_map.read_text(encoding="utf-8")
    result = runner.invoke(app, ["new", str(small_map)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {small_map}: file exists; choose another name or pass --force"
    assert small_map.read_text(encoding="utf-8") == before


def test_new_with_an_unknown_template(runner, tmp_path: Path):
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml"), "--template", "lifecycl"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: no template named 'lifecycl'; did you mean 'lifecycle'?"
    assert not (tmp_path / "x.yaml").exists()


def test_validate_ok(runner, small_map: Path):
    result = runner.invoke(app, ["validate", str(small_map)])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{small_map}: OK (2 stages, 2 steps)"


def test_validate_lists_every_problem_and_exits_2(runner, write_map, small_map: Path):
    bad = write_map("title: T\nstages:\n  - name: A\n    steps:\n      - name: B\n        emotion: {actual: 9}\n        pain: []\n")
    result = runner.invoke(app, ["validate", str(small_map), str(bad)])
    assert result.exit_code == 2
    assert result.stdout.strip() == f"{small_map}: OK (2 stages, 2 steps)"
    assert result.stderr.splitlines() == [f"{bad}:7:9: stages[0].steps[0].pain: unknown key 'pain'; did you mean 'pains'?"]


def test_a_user_mistake_is_one_line_without_traceback(runner, tmp_path: Path):
    result = runner.invoke(app, ["show", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'missing.yaml'}: no such file; check the path\n"
    assert "Traceback" not in result.output


def test_schema_prints_json_schema(runner):
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "stages" in schema["properties"]


@pytest.fixture
def wide_console(monkeypatch):
    """Tables as wide as needed, so no cell wraps whatever the terminal."""
    monkeypatch.setattr(console, "width", 240)


def test_show_summarizes_the_map(runner, small_map: Path, wide_console):
    result = runner.invoke(app, ["show", str(small_map)])
    assert result.exit_code == 0
    assert "Small shop" in result.stdout
    pays = next(line for line in result.stdout.splitlines() if "Pays" in line)
    assert "120" in pays and "35%" in pays and "🙁 -1" in pays


def test_hostile_text_is_printed_as_text(runner, write_map, wide_console):
    path = write_map("title: '[bold red]<script>alert(1)</script> :smile:'\nstages: [{name: '[link=x]A', steps: [{name: '<img src=x onerror=alert(1)>'}]}]\n")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 0
    assert "[bold red]<script>alert(1)</script> :smile:" in result.stdout  # neither markup nor an emoji code
    assert "<img src=x onerror=alert(1)>" in result.stdout


def test_help_and_messages_speak_the_chosen_language(runner, tmp_path: Path):
    result = runner.invoke(app, ["--ui-lang", "ru", "new", "--help"])
    assert "Создать файл карты по шаблону." in result.stdout
    assert "Перезаписать файл, если он существует." in result.stdout
    result = runner.invoke(app, ["--ui-lang", "kk", "show", str(tmp_path / "none.yaml")])
    assert result.stderr == f"Қате: {tmp_path / 'none.yaml'}: мұндай файл жоқ; файл жолын тексеріңіз\n"


def test_every_template_name_is_one_template(runner):
    result = runner.invoke(app, ["templates", "--json"])
    names = [template["name"] for template in json.loads(result.stdout)]
    assert len(names) == len(set(names)), sorted(name for name in names if names.count(name) > 1)


def test_the_dcj_example_and_the_dcj_stage_set_are_both_reachable(runner, tmp_path: Path):
    example, stage_set = tmp_path / "example.yaml", tmp_path / "stages.yaml"
    assert runner.invoke(app, ["new", str(example), "--template", "dcj-fashion"]).exit_code == 0
    assert runner.invoke(app, ["new", str(stage_set), "--template", "dcj"]).exit_code == 0
    assert load(example).title == "Dynamic customer journey of a young-fashion brand"
    assert len(load(example).steps) == 9
    assert (len(load(stage_set).steps), load(stage_set).stage_set) == (0, "dcj")


OLD_EXAMPLE_TEXT = """title: T
stages:
  - name: Service
    steps:
      - name: Visit
        actions: [A service visit every 1,000 hours]
        thoughts: [Technician replaces the screen, tests touch, camera and Face ID]
      - name: Tags
        actions: [Calls, Emails]
        thoughts: [dcj, retail, "Pays, leaves"]
"""


def test_validate_warns_of_a_sentence_split_at_a_comma_and_exits_0(runner, write_map):
    path = write_map(OLD_EXAMPLE_TEXT)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{path}: OK (1 stage, 2 steps)"
    fix = "this list item looks like a sentence split at a comma; quote the item:"
    assert result.stderr.splitlines() == [
        f'{path}:6:19: warning: {fix} "A service visit every 1,000 hours"',
        f'{path}:7:20: warning: {fix} "Technician replaces the screen, tests touch, camera and Face ID"',
    ]


def test_the_quoted_item_validates_without_a_warning(runner, write_map):
    quoted = OLD_EXAMPLE_TEXT.replace("[A service visit every 1,000 hours]", '["A service visit every 1,000 hours"]')
    quoted = quoted.replace("[Technician replaces the screen, tests touch, camera and Face ID]", '["Technician replaces the screen, tests touch, camera and Face ID"]')
    path = write_map(quoted)
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert load(path).steps[0].actions == ["A service visit every 1,000 hours"]


def catalog_text(message: str, language: str) -> str:
    """The catalog's own translation of a message (English for English), read without the code under test."""
    from babel.messages.pofile import read_po

    if language == "en":
        return message
    path = Path(__file__).parents[2] / "src" / "journeymap" / "locale" / language / "LC_MESSAGES" / "journeymap.po"
    with path.open("rb") as stream:
        return read_po(stream)[message].string


@pytest.mark.parametrize("language", ["en", "ru", "uk", "kk", "uz", "lt"])
def test_new_writes_the_stage_names_and_title_in_the_maps_language(runner, tmp_path: Path, language: str):
    target = tmp_path / "new.yaml"
    assert runner.invoke(app, ["new", str(target), "--language", language]).exit_code == 0
    journey = load(target)
    assert journey.language == language
    assert journey.title == catalog_text("New journey map", language)
    assert [stage.name for stage in journey.stages] == [catalog_text(stage.name, language) for stage in STAGE_SETS["lifecycle"].stages]
    assert len({stage.name for stage in journey.stages} & {stage.name for stage in STAGE_SETS["lifecycle"].stages}) == (6 if language == "en" else 0)
