"""The ``journeymap`` command: a thin layer over the library.

Each module of this package adds its commands to :data:`app`; they are all
imported here, so a new command group is a new module and nothing else.
"""

from __future__ import annotations

import copy
import importlib
import os
import pkgutil
import sys
import warnings

import typer

from .app import app

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "app":
        importlib.import_module(f"{__name__}.{_module.name}")


QUIET = (("PySpark does not yet fully support pandas", FutureWarning),)
"""Warnings the command line does not show: (message start, category).

PySpark 4.3 warns on every pandas 3 conversion; only the small results of an
analysis come back through pandas, and the tests check their values. The
library leaves the warning filters alone: a program that imports journeymap
keeps its own.
"""


PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
"""Pydantic's switch for its plugins; the command line sets it to ``__all__`` unless the user set it.

Pydantic looks for plugins in every installed package's metadata the first time it
builds a model (about 0.04 s, where reading a map has 0.3 s in all); the command
line has none to run.
"""


def main() -> None:
    """Run the command line (the ``journeymap`` console script), without the warnings of :data:`QUIET`.

    Ibis's SQL compilers load as an engine needs them (:mod:`journeymap.analytics._ibis_lazy`):
    a command runs on one engine. Pydantic's plugins stay off (:data:`PLUGINS`).
    """
    from ..analytics import _ibis_lazy

    _ibis_lazy.install()
    os.environ.setdefault(PLUGINS, "__all__")
    with warnings.catch_warnings():
        for message, category in QUIET:
            warnings.filterwarnings("ignore", message=message, category=category)
        with_only(app, invoked(sys.argv[1:]))()


def invoked(arguments: list[str]) -> str | None:
    """Return the command a command line names: its first word that is neither a root option nor its value.

    >>> invoked(["--ui-lang", "ru", "funnel", "events.parquet"]), invoked(["--help"])
    ('funnel', None)
    """
    words = iter(arguments)
    for word in words:
        if word == "--ui-lang":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def with_only(application: typer.Typer, command: str | None) -> typer.Typer:
    """Return ``application`` with just ``command`` (a command or a group), or whole when it has no such command.

    Typer inspects the signature of every command it knows before it runs one;
    a command line runs one, so it is the one Typer needs to know.
    """
    commands = [info for info in application.registered_commands if _name(info.name, info.callback) == command]
    groups = [info for info in application.registered_groups if info.name == command]
    if not commands and not groups:
        return application
    narrowed = copy.copy(application)
    narrowed.registered_commands, narrowed.registered_groups = commands, groups
    return narrowed


def _name(name: str | None, callback: object) -> str:
    return name or getattr(callback, "__name__", "").lower().replace("_", "-")


__all__ = [
    "PLUGINS",
    "QUIET",
    "app",
    "invoked",
    "main",
    "with_only",
]
