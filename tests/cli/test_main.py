"""The console script builds only the command it runs, and still knows every command for help and mistakes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer.main

from journeymap.cli import app, invoked, with_only
from journeymap.cli.app import CHECK_OUTPUT, print_output

SCRIPT = [sys.executable, "-c", "from journeymap.cli import main; main()"]


@pytest.mark.parametrize(
    ("arguments", "command"),
    [
        (["funnel", "events.parquet", "--step", "a"], "funnel"),
        (["--ui-lang", "ru", "voice", "analyze"], "voice"),
        (["--ui-lang=kk", "templates"], "templates"),
        (["--help"], None),
        ([], None),
    ],
)
def test_the_invoked_command_is_the_first_word_after_the_root_options(arguments: list[str], command: str | None) -> None:
    assert invoked(arguments) == command


def test_a_command_line_builds_only_its_command_or_group() -> None:
    assert list(typer.main.get_command(with_only(app, "templates")).commands) == ["templates"]
    assert list(typer.main.get_command(with_only(app, "voice")).commands) == ["voice"]
    assert "funnel" in typer.main.get_command(app).commands  # the shared app is left whole


def test_an_unknown_command_keeps_every_command_so_the_mistake_is_named() -> None:
    assert with_only(app, "funel") is app
    result = subprocess.run([*SCRIPT, "funel"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "funel" in result.stderr and "funnel" in result.stderr


def test_the_script_runs_a_command_and_prints_every_command_in_its_help() -> None:
    listed = subprocess.run([*SCRIPT, "--ui-lang", "en", "templates", "--json"], capture_output=True, text=True, check=True)
    assert '"childrens-shop"' in listed.stdout
    helped = subprocess.run([*SCRIPT, "--help"], capture_output=True, text=True, check=True)
    assert all(name in helped.stdout for name in ("funnel", "templates", "voice", "render"))


def test_a_json_output_that_drifts_from_its_schema_fails_where_outputs_are_checked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    drifted = [{"name": "shop", "title": "Shop", "extra": 1}]
    with pytest.raises(ValueError, match="^templates --json does not match its schema"):
        print_output("templates", drifted)
    monkeypatch.delenv(CHECK_OUTPUT)
    print_output("templates", drifted)
    assert json.loads(capsys.readouterr().out) == drifted
