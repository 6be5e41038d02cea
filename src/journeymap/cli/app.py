"""The Typer application every command module adds itself to, and its error handling.

A command parses its options, calls one library function and prints the
result. A :class:`~journeymap.errors.JourneymapError` raised anywhere below
becomes one red line on stderr and exit code 2, here and nowhere else.
"""

from __future__ import annotations

import enum
import json
import sys
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from ..errors import JourneymapError
from ..i18n import LANGUAGES, gettext as _, use_language

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def print_error(message: str) -> None:
    """Print a user's mistake as one red line on stderr."""
    label = _("Error")
    err_console.print(f"[bold red]{escape(label)}:[/] {escape(message)}", highlight=False)


class JourneymapGroup(TyperGroup):
    """The root command group: a library error becomes one line and exit code 2."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JourneymapError as error:
            print_error(error.message)
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


class Format(str, enum.Enum):
    """How a listing command prints its result."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout (what ``--json`` prints)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _language_callback(value: Optional[str]) -> Optional[str]:
    if value is not None and value not in LANGUAGES:
        raise typer.BadParameter(_("choose one of: {choices}").format(choices=", ".join(LANGUAGES)))
    use_language(value)
    return value


@app.callback()
def root(
    lang: Optional[str] = typer.Option(
        None,
        "--ui-lang",
        envvar="JOURNEYMAP_LANG",
        callback=_language_callback,
        is_eager=True,
        help="Language of messages: en, ru, uk, kk, uz, lt.",
    ),
) -> None:
    """Customer journey maps that measure themselves."""
