"""The ``journeymap`` command: a thin layer over the library.

Each module of this package adds its commands to :data:`app`; they are all
imported here, so a new command group is a new module and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings

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


def main() -> None:
    """Run the command line (the ``journeymap`` console script), without the warnings of :data:`QUIET`."""
    with warnings.catch_warnings():
        for message, category in QUIET:
            warnings.filterwarnings("ignore", message=message, category=category)
        app()


__all__ = [
    "QUIET",
    "app",
    "main",
]
