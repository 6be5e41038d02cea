"""The ``journeymap`` command: a thin layer over the library.

Each module of this package adds its commands to :data:`app`; they are all
imported here, so a new command group is a new module and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil

from .app import app

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "app":
        importlib.import_module(f"{__name__}.{_module.name}")


def main() -> None:
    """Run the command line (the ``journeymap`` console script)."""
    app()


__all__ = [
    "app",
    "main",
]
