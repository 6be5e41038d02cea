"""Packages whose names are imported when first used, so a command pays only for what it runs.

A package's ``__init__`` names what it offers and where it lives, then calls
:func:`export_lazily`; ``from journeymap.analytics import funnel`` imports the
funnel module (and Ibis) then, and ``journeymap --help`` never does; ``analytics.engines`` imports that
submodule. As with
eager imports, an exported name wins over a submodule of the same name
(``journeymap.analytics.funnel`` is the function, not the module).

>>> import sys, types
>>> package = types.ModuleType("demo")
>>> sys.modules["demo"] = package
>>> export_lazily("demo", {"textwrap": ["dedent"]})
>>> "dedent" in dir(package), package.dedent("  a").strip()
(True, 'a')
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


def export_lazily(package: str, modules: dict[str, list[str]]) -> None:
    """Make the names each module holds (``{".funnel": ["funnel", "window_seconds"]}``) attributes of ``package``, imported on first use.

    ``"generate as generate_sample"`` exports a module's name under another one.
    """
    exports = {}
    for source, names in modules.items():
        for entry in names:
            name, _as, alias = entry.partition(" as ")
            exports[alias or name] = (source, name)
    module = sys.modules[package]
    module.__class__ = LazyPackage
    module.__dict__["_lazy_exports"] = exports


class LazyPackage(types.ModuleType):
    """A package module that imports its exported names on first access."""

    def __getattr__(self, name: str) -> Any:
        exports = self.__dict__.get("_lazy_exports", {})
        if name in exports:
            source, original = exports[name]
            value = getattr(importlib.import_module(source, self.__name__), original)
            self.__dict__[name] = value
            return value
        if not name.startswith("__"):  # a submodule, as after ``import package.name``
            try:
                return importlib.import_module(f"{self.__name__}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{self.__name__}.{name}":
                    raise
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        # importing a submodule sets it on its package: an export of the same name keeps its place
        if isinstance(value, types.ModuleType) and name in self.__dict__.get("_lazy_exports", {}) and value.__name__ == f"{self.__name__}.{name}":
            return
        super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.__dict__.get("_lazy_exports", {})))
