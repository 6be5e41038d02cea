"""The docs stay true: the CLI reference is current, every command is documented,
and every ``console`` example in docs/ and the README runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
from cogapp import Cog

from journeymap.cli import app

ROOT = Path(__file__).parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
CONSOLE_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def command_paths() -> list[str]:
    def walk(command, path):
        context = typer.Context(command, info_name=path)
        yield path, command
        for name in getattr(command, "list_commands", lambda ctx: [])(context):
            yield from walk(command.get_command(context, name), f"{path} {name}")

    return [(path, command) for path, command in walk(typer.main.get_command(app), "journeymap")]


def locked_version(package: str) -> str | None:
    """The version requirements/lock.txt pins for ``package``."""
    found = re.search(rf"^{re.escape(package)}==(\S+)$", (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else None


def test_cli_reference_is_current():
    from importlib.metadata import version

    if version("typer") != locked_version("typer"):  # `make test-lowest`: another Typer lays out help otherwise
        pytest.skip(f"docs/cli.md is written by the locked Typer {locked_version('typer')}; this is Typer {version('typer')}")
    assert Cog().main(["cog", "--check", "--verbosity=0", str(ROOT / "docs" / "cli.md")]) == 0, "run: .venv/bin/cog -r docs/cli.md"


@pytest.mark.parametrize(("path", "command"), command_paths(), ids=lambda value: value if isinstance(value, str) else "")
def test_every_command_has_help_and_is_documented_beyond_the_reference(path: str, command):
    assert (command.help or "").strip(), f"{path} has no help text"
    if path == "journeymap" or hasattr(command, "list_commands"):
        return
    guides = [doc for doc in DOCS if doc.name != "cli.md" and f"{path} " in doc.read_text(encoding="utf-8") or path in doc.read_text(encoding="utf-8")]
    assert [doc for doc in guides if doc.name != "cli.md"], f"no guide in docs/ shows '{path}'"


def console_examples() -> list[tuple[str, list[str]]]:
    examples = []
    for doc in DOCS:
        for number, block in enumerate(CONSOLE_BLOCK.findall(doc.read_text(encoding="utf-8"))):
            commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
            examples.append((f"{doc.name}#{number}", commands))
    return examples


def run_in(folder: Path, runner, command: str) -> None:
    words = shlex.split(command)
    target = None
    if ">" in words:
        words, target = words[: words.index(">")], words[words.index(">") + 1]
    assert words[0] == "journeymap", f"console examples run journeymap only: {command}"
    result = runner.invoke(app, words[1:])
    assert result.exit_code == 0, f"{command}\n{result.output}"
    if target:
        (folder / target).write_text(result.stdout, encoding="utf-8")


def test_docs_have_console_examples():
    assert len(console_examples()) >= 2


@pytest.mark.parametrize(("name", "commands"), console_examples(), ids=[name for name, _ in console_examples()])
def test_console_examples_run(name: str, commands: list[str], tmp_path: Path, monkeypatch, runner):
    monkeypatch.chdir(tmp_path)
    for command in commands:
        run_in(tmp_path, runner, command)
