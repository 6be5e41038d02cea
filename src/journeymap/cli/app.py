"""The Typer application every command module adds itself to, and its error handling.

A command parses its options, calls one library function and prints the
result. A :class:`~journeymap.errors.JourneymapError` raised anywhere below
becomes one red line on stderr and exit code 2, here and nowhere else; so does
a package of an extra that is not installed (:mod:`journeymap.extras`).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from ..errors import JourneymapError
from ..extras import extra_needed
from ..i18n import LANGUAGES, gettext as _, use_language

console = Console(soft_wrap=True, emoji=False)
err_console = Console(stderr=True, soft_wrap=True, emoji=False)

CHECK_OUTPUT = "JOURNEYMAP_CHECK_OUTPUT"
"""The variable that, set to 1, makes every ``--json`` output checked against its schema as it is printed.

The tests set it, so every command they run checks what it prints
(``tests/cli/test_outputs.py`` also validates each command's JSON against the
published schema with ``jsonschema``); a user's command skips the check, which
costs it about 0.1 s (building the output's pydantic model).
"""


def print_error(message: str) -> None:
    """Print a user's mistake as one red line on stderr."""
    label = _("Error")
    err_console.print(f"[bold red]{escape(label)}:[/] {escape(message)}", highlight=False)


def command_tree(command: Any) -> Iterator[Any]:
    """Yield a click command and every command below it."""
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from command_tree(sub)


def help_texts(command: Any) -> Iterator[str]:
    """Yield the English help texts of a command tree: what the catalogs translate."""
    for item in command_tree(command):
        for holder in [item, *item.params]:
            original = getattr(holder, "journeymap_help", None) or holder.help
            if original:
                yield original


def translate_help(command: Any) -> None:
    """Put the current language's help texts on a command tree, keeping the English ones."""
    for item in command_tree(command):
        for holder in [item, *item.params]:
            original = getattr(holder, "journeymap_help", None) or holder.help
            if original:
                holder.journeymap_help = original
                holder.help = _(original)


class JourneymapGroup(TyperGroup):
    """The root command group: help in the user's language; a library error becomes
    one line and exit code 2."""

    # typer declares these with its private vendored click.Context; the public typer.Context is the one it passes
    def get_help(self, ctx: typer.Context) -> str:  # type: ignore[override]
        translate_help(self)
        return super().get_help(ctx)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        translate_help(self)
        try:
            return super().invoke(ctx)
        except (JourneymapError, ModuleNotFoundError) as error:
            problem = error if isinstance(error, JourneymapError) else extra_needed(error)
            if problem is None:
                raise
            print_error(problem.message)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=JourneymapGroup,
    name="journeymap",
    help="Customer journey maps that measure themselves.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def print_written(path: Path | None, quiet: bool = False) -> None:
    """Print ``Wrote PATH`` on stdout, unless nothing was written (``path`` is None) or the command is quiet.

    >>> print_written(Path("shop.yaml")); print_written(None); print_written(Path("shop.yaml"), quiet=True)
    Wrote shop.yaml
    """
    if path is not None and not quiet:
        console.print(_("Wrote {path}").format(path=escape(str(path))))


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout (what ``--json`` prints)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_output(command: str, data: Any) -> None:
    """Print what ``command`` prints with ``--json``; where :data:`CHECK_OUTPUT` is 1, once checked against its published schema (``journeymap schema --output COMMAND``).

    >>> print_output("templates", [])
    []
    """
    if os.environ.get(CHECK_OUTPUT) == "1":
        from ..outputs import checked

        data = checked(command, data)
    print_json(data)


def _language_callback(value: str | None) -> str | None:
    if value is not None and value not in LANGUAGES:
        raise typer.BadParameter(_("choose one of: {choices}").format(choices=", ".join(LANGUAGES)))
    use_language(value)
    return value


@app.callback()
def root(
    lang: str | None = typer.Option(
        None,
        "--ui-lang",
        envvar="JOURNEYMAP_LANG",
        callback=_language_callback,
        is_eager=True,
        help="Language of messages: en, ru, uk, kk, uz, lt.",
    ),
) -> None:
    """Customer journey maps that measure themselves."""
