"""Packages whose names are imported when first used, so a command pays only for what it runs.

A package's ``__init__`` imports what it offers inside ``if TYPE_CHECKING:`` (so type
checkers and readers see every name and where it lives), then calls
:func:`export_lazily`, which reads those imports from the package's source;
``from journeymap.analytics import funnel`` imports the funnel module (and Ibis) then,
and ``journeymap --help`` never does; ``analytics.engines`` imports that
submodule. As with
eager imports, an exported name wins over a submodule of the same name
(``journeymap.analytics.funnel`` is the function, not the module).

>>> lazy_exports("if TYPE_CHECKING:\\n    from .sample import generate as generate_sample, write_sample\\n")
{'generate_sample': ('.sample', 'generate'), 'write_sample': ('.sample', 'write_sample')}
>>> lazy_exports("if TYPE_CHECKING:\\n    from . import report\\n")
{}
>>> import sys, types
>>> package = types.ModuleType("demo")
>>> sys.modules["demo"] = package
>>> attach(package, lazy_exports("if TYPE_CHECKING:\\n    from textwrap import dedent\\n"))
>>> "dedent" in dir(package), package.dedent("  a").strip()
(True, 'a')
"""

from __future__ import annotations

import ast
import importlib
import sys
import types
from typing import Any


def lazy_exports(source: str) -> dict[str, tuple[str, str]]:
    """The names a package's source imports under ``if TYPE_CHECKING:``, each with its module and original name."""
    exports = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:  # ``from . import x`` names a submodule, found anyway
                    module = "." * statement.level + statement.module
                    for alias in statement.names:
                        exports[alias.asname or alias.name] = (module, alias.name)
    return exports


def export_lazily(package: str) -> None:
    """Make the names ``package`` imports under ``if TYPE_CHECKING:`` its attributes, imported on first use."""
    module = sys.modules[package]
    attach(module, lazy_exports(_source(module)))


def _source(module: types.ModuleType) -> str:
    """A module's source: its file, or what its loader holds (a package inside a zip)."""
    spec = module.__spec__
    if spec is not None and spec.has_location and spec.origin:
        try:
            with open(spec.origin, encoding="utf-8") as file:
                return file.read()
        except OSError:
            pass
    get_source = getattr(spec.loader if spec is not None else None, "get_source", None)  # zipimport's and other loaders'
    source = get_source(module.__name__) if callable(get_source) else None
    if source is None:
        raise ImportError(f"cannot read the source of {module.__name__} to find its lazy exports")
    return source


def attach(module: types.ModuleType, exports: dict[str, tuple[str, str]]) -> None:
    """Make ``module`` import each of ``exports`` (name: (module, original name)) on first access."""
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
