"""Load Ibis's SQL compilers one at a time, when an engine first asks for its own.

Every Ibis SQL backend starts with ``import ibis.backends.sql.compilers as sc``
and then reads its own compiler (``sc.duckdb.compiler``); the package's
``__init__`` imports all twenty compilers and their sqlglot dialects to do so,
about 0.12 s of each command's start for a DuckDB run that needs one. No
upstream Ibis issue asks for a lazy compilers package (searched the Ibis
issues for lazy compiler imports); the nearest are ibis-project/ibis#6373
(perf(imports): faster backend imports) and #9766 (the compilers package as it
is, usable by ``ibis.to_sql`` alone, which reads ``getattr(sc, dialect)``).

:func:`install` puts a finder first on ``sys.meta_path`` that answers for that
one package only: the same files, but its ``__init__`` is not run; each of its
names (``DuckDBCompiler``, ``sc.duckdb``, ``from ... import PostgresCompiler``)
imports its module on first use. The names come from Ibis's own ``__init__``,
read as source: if it holds anything but ``__all__`` and
``from ibis.backends.sql.compilers.MODULE import NAME`` lines (Ibis changed its
shape), the finder steps aside and the package is imported as Ibis wrote it.

The command line installs it (:func:`journeymap.cli.main`); the library leaves
a program's imports alone. Nothing else of Ibis is changed.

>>> compiler_names("from ibis.backends.sql.compilers.duckdb import DuckDBCompiler\\n__all__ = ['DuckDBCompiler']")
{'DuckDBCompiler': 'duckdb'}
>>> compiler_names("from ibis.backends.sql.compilers.duckdb import *") is None
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

PACKAGE = "ibis.backends.sql.compilers"


def compiler_names(source: str) -> dict[str, str] | None:
    """Return ``{name: its module in the package}`` from the package's ``__init__`` source; None for any other shape."""
    import ast

    names: dict[str, str] = {}
    listed: list[str] = []
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.Assign) and [getattr(target, "id", None) for target in statement.targets] == ["__all__"]:
            listed = list(ast.literal_eval(statement.value))
        elif isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            continue
        elif isinstance(statement, ast.ImportFrom) and _compiler_import(statement):
            names.update((alias.name, (statement.module or "").removeprefix(f"{PACKAGE}.")) for alias in statement.names)
        elif not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)):  # anything but the docstring
            return None
    return names if names and set(listed) <= set(names) else None


def _compiler_import(statement: Any) -> bool:
    """Whether an ``ast.ImportFrom`` reads plain names from a module of the package (``from PACKAGE.duckdb import DuckDBCompiler``)."""
    plain = all(alias.name != "*" and alias.asname is None for alias in statement.names)
    return statement.level == 0 and (statement.module or "").startswith(f"{PACKAGE}.") and plain


class _LazyPackage(importlib.abc.Loader):
    """Loads the compilers package without running its ``__init__``: its names import their module when first read."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def exec_module(self, module: ModuleType) -> None:
        names = self.names

        def attribute(name: str) -> Any:
            if name in names:
                value = getattr(importlib.import_module(f"{PACKAGE}.{names[name]}"), name)
                setattr(module, name, value)
                return value
            if not name.startswith("__") and importlib.util.find_spec(f"{PACKAGE}.{name}") is not None:
                return importlib.import_module(f"{PACKAGE}.{name}")  # a compiler's module: sc.duckdb
            raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")

        vars(module).update(__all__=list(names), __getattr__=attribute)


class _Finder(importlib.abc.MetaPathFinder):
    """Answers for :data:`PACKAGE` alone, with Ibis's own files and a :class:`_LazyPackage` loader."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != PACKAGE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not spec.origin or not spec.submodule_search_locations:
            return None
        try:
            with open(spec.origin, encoding="utf-8") as stream:
                names = compiler_names(stream.read())
        except (OSError, SyntaxError, ValueError):
            names = None
        if names is None:
            return None  # not the shape this finder knows: Ibis's own import
        spec.loader = _LazyPackage(names)
        return spec


def install() -> None:
    """Load Ibis's SQL compilers lazily from now on in this process (nothing if the package is already imported).

    >>> install(); install()
    >>> sum(isinstance(finder, _Finder) for finder in sys.meta_path)
    1
    """
    if PACKAGE in sys.modules or any(isinstance(finder, _Finder) for finder in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())
