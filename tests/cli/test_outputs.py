"""Every ``--json`` output has a published schema (``journeymap schema --output NAME``), and follows it.

Each command runs in-process on the bundled samples (the event log, feedback in
a temporary file, the example maps); what it prints is validated with
``jsonschema`` against the schema the ``schema`` command prints.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.main import get_command
from typer.testing import CliRunner

from journeymap.analytics import sample_path
from journeymap.cli import app
from journeymap.files import example_path
from journeymap.model import Journey
from journeymap.outputs import OUTPUTS

runner = CliRunner()
SAMPLE = str(sample_path())
MAP = str(example_path("app-measured-demo"))
FEEDBACK = "id,date,channel,rating,text,reply_text,replied_at\n1,2025-01-10T10:00,social,1,The courier was late again,Sorry!,2025-01-10T14:00\n2,2025-02-02T09:00,survey,5,Payment was quick and easy,,\n3,,ticket,,,,\n"
SHOP = {"title": "Shop", "stages": [{"name": "Purchase", "steps": [{"name": "Pays for the order", "voice": {"keywords": ["payment"]}}]}, {"name": "Delivery", "steps": [{"name": "Waits for the courier"}]}]}
RULES = "segments:\n  - name: Reader\n    rule: {event: view_item, at_least: 3}\n  - name: Navigator\n    rule: {sequence: [search, view_item], within: 1h}\n"

RUNS = {
    "events-inspect": ["events", "inspect", SAMPLE, "-q"],
    "funnel": ["funnel", SAMPLE, "-s", "app_open", "-s", "view_item", "-s", "purchase", "--times", "-q"],
    "funnel --by": ["funnel", SAMPLE, "-s", "app_open", "-s", "purchase", "--by", "platform", "-q"],
    "funnel --interval": ["funnel", SAMPLE, "-s", "app_open", "-s", "purchase", "--interval", "month", "-q"],
    "retention": ["retention", SAMPLE, "-q"],
    "retention --interval": ["retention", SAMPLE, "--interval", "month", "-q"],
    "retention --by-segment": ["retention", SAMPLE, "--by-segment", "--segments", "{rules}", "-q"],
    "paths": ["paths", SAMPLE, "--from", "search", "--top", "3", "-q"],
    "paths --between": ["paths", SAMPLE, "--between", "view_item", "purchase", "--top", "3", "-q"],
    "transitions": ["transitions", SAMPLE, "--top", "3", "--users", "-q"],
    "analyze": ["analyze", SAMPLE, "--map", MAP, "-o", "{tmp}/measured.yaml", "-q"],
    "aha": ["aha", SAMPLE, "--within", "1d", "-q"],
    "aha --by-segment": ["aha", SAMPLE, "--within", "1d", "--by-segment", "--segments", "{rules}", "-q"],
    "drivers": ["drivers", SAMPLE, "-s", "view_item", "-s", "purchase", "-q"],
    "barriers": ["barriers", SAMPLE, "--map", MAP, "-q"],
    "abtest": ["abtest", SAMPLE, "--variant-column", "platform", "--control", "ios", "-s", "view_item", "-s", "purchase", "--retention-day", "7", "-q"],
    "segments --rules": ["segments", SAMPLE, "--rules", "{rules}", "-s", "app_open", "-s", "purchase", "-q"],
    "segments --cluster": ["segments", SAMPLE, "--cluster", "--k", "3", "-q"],
    "segments --discover": ["segments", SAMPLE, "--discover", "-q"],
    "segments --check": ["segments", SAMPLE, "--check", "search > view_item", "-q"],
    "personas": ["personas", SAMPLE, "--map", MAP, "-o", "{tmp}/personas.yaml", "--k", "3", "-q"],
    "compare": ["compare", SAMPLE, "--segment-column", "platform", "-s", "app_open", "-s", "purchase", "-q"],
    "prioritize": ["prioritize", str(example_path("childrens-shop")), "--mvp", "10"],
    "templates": ["templates"],
    "users-list": ["users", "list"],
    "voice-inspect": ["voice", "inspect", "{feedback}"],
    "voice-analyze": ["voice", "analyze", "{feedback}", "--map", "{shop}"],
    "voice-keywords": ["voice", "keywords", "{feedback}", "--map", "{shop}", "--by", "stage"],
    "voice-listening": ["voice", "listening", "{feedback}"],
    "voice-evaluate": ["voice", "evaluate"],
}
"""A run of every command with ``--json``, and of each option that changes the output's shape."""


def schema_of(name: str) -> dict:
    result = runner.invoke(app, ["schema", "--output", name])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def json_commands() -> set[str]:
    """The commands with a ``--json`` option, their words joined by ``-``, found by walking the command tree."""
    found = set()

    def walk(command, words: list[str]) -> None:
        if any("--json" in getattr(param, "opts", []) for param in command.params):
            found.add("-".join(words))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*words, name])

    walk(get_command(app), [])
    return found


def test_every_command_with_json_has_a_schema_and_a_run_here():
    assert json_commands() == set(OUTPUTS)
    assert {run.split(" ")[0] for run in RUNS} == set(OUTPUTS)


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("JOURNEYMAP_DB", f"sqlite:///{tmp_path}/team.db")
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "feedback.csv").write_text(FEEDBACK, encoding="utf-8")
    Journey.model_validate(SHOP).save(tmp_path / "shop.yaml")
    return {"tmp": str(tmp_path), "rules": str(tmp_path / "rules.yaml"), "feedback": str(tmp_path / "feedback.csv"), "shop": str(tmp_path / "shop.yaml")}


@pytest.mark.parametrize("run", list(RUNS))
def test_the_json_follows_the_published_schema(run: str, paths: dict[str, str]):
    if run == "users-list":
        assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, [*(argument.format(**paths) for argument in RUNS[run]), "--json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed, "an empty output proves nothing"
    assert [error.message for error in Draft202012Validator(schema_of(run.split(" ")[0])).iter_errors(printed)] == []


def test_each_schema_is_valid_and_documents_its_fields():
    for name in OUTPUTS:
        schema = schema_of(name)
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["description"]


def test_the_schema_rejects_a_renamed_key():
    funnel = {"entered": 3, "window_seconds": 60.0, "mode": "ordered", "steps": []}
    validator = Draft202012Validator(schema_of("funnel"))
    assert list(validator.iter_errors(funnel)) == []
    renamed = {("users" if key == "entered" else key): value for key, value in funnel.items()}
    assert sorted(error.message for error in validator.iter_errors(renamed)) == [
        "'entered' is a required property",
        "Additional properties are not allowed ('users' was unexpected)",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--output"], "--output needs a command's name: "),
        (["--output", "funnels"], "--output 'funnels': choose one of "),
    ],
)
def test_a_missing_or_unknown_name_is_one_line_listing_the_names(arguments: list[str], message: str):
    result = runner.invoke(app, ["schema", *arguments])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"Error: {message}{', '.join(OUTPUTS)}"


def test_without_output_the_schema_is_still_the_map_files():
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"] == "Journey"


def test_the_guide_lists_every_output():
    guide = (Path(__file__).parents[2] / "docs" / "json.md").read_text(encoding="utf-8")
    assert sorted(name for name in OUTPUTS if f"| `{name}` |" not in guide) == []
