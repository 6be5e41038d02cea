"""The example maps through the CLI: listed by templates, valid, and ready to start a map from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeymap.cli import app
from journeymap.files import example_names, example_path, load

runner = CliRunner()


def test_templates_json_lists_every_example_with_its_title() -> None:
    result = runner.invoke(app, ["templates", "--json"])
    assert result.exit_code == 0, result.output
    listed = {entry["name"]: entry for entry in json.loads(result.stdout) if entry["kind"] == "example map"}
    assert sorted(listed) == example_names()
    for name, entry in listed.items():
        assert entry["title"] == load(example_path(name)).title
        assert entry["description"].endswith("."), name


def test_validate_passes_every_example() -> None:
    paths = [str(example_path(name)) for name in example_names()]
    result = runner.invoke(app, ["validate", *paths])
    assert result.exit_code == 0, result.output
    printed = " ".join(result.stdout.split())  # Rich wraps long lines
    assert printed.count(": OK (") == len(paths)
    assert "childrens-shop.yaml: OK (6 stages, 17 steps)" in printed
    assert result.stderr == ""


@pytest.mark.parametrize("name", ["childrens-shop", "childrens-shop-ru", "mobile-app"])
def test_new_from_an_example_copies_the_map(name: str, tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    result = runner.invoke(app, ["new", str(target), "--template", name])
    assert result.exit_code == 0, result.output
    assert load(target) == load(example_path(name))
    assert "# " in target.read_text(encoding="utf-8")
