"""Ibis's SQL compilers loaded on demand (:mod:`journeymap.analytics._ibis_lazy`): the same compilers, the same SQL.

The comparisons run in fresh interpreters: one with the finder installed, one
importing Ibis as it is (the reference), so neither sees the other's modules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import ibis.backends.sql
import pytest

from journeymap.analytics._ibis_lazy import PACKAGE, _Finder, _LazyPackage, compiler_names

SRC = Path(__file__).parents[2] / "src"
IBIS_INIT = Path(ibis.backends.sql.__file__).parent / "compilers" / "__init__.py"
DIALECTS = ("duckdb", "sqlite", "postgres", "pyspark", "trino", "risingwave")
"""Our engines' dialects (DuckDB, SQLite, PostgreSQL, Spark), and two whose compiler imports another's."""

PROBE = """
import json, sys
if {lazy}:
    from journeymap.analytics import _ibis_lazy
    _ibis_lazy.install()
import ibis
import ibis.backends.sql.compilers as sc
from ibis.backends.sql.compilers import PostgresCompiler
t = ibis.table({{"user_id": "string", "ts": "timestamp", "n": "int64"}}, name="events")
expr = t.filter(t.n > 1).group_by("user_id").aggregate(first=t.ts.min(), total=t.n.sum())
sql = {{dialect: ibis.to_sql(expr, dialect=dialect) for dialect in {dialects!r}}}
classes = {{name: getattr(sc, name).__module__ for name in sc.__all__}}
modules = {{name: getattr(sc, name.lower()).__name__ for name in ("duckdb", "sqlite", "postgres", "pyspark")}}
print(json.dumps({{"sql": sql, "classes": classes, "modules": modules, "postgres": PostgresCompiler.__name__}}))
"""


def probe(*, lazy: bool) -> dict:
    """Compile one query for each of :data:`DIALECTS` in a fresh interpreter; return the SQL and where each name led."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(lazy=lazy, dialects=DIALECTS)], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout)


def test_the_installed_ibis_has_the_shape_the_finder_reads():
    names = compiler_names(IBIS_INIT.read_text(encoding="utf-8"))
    assert names is not None, "Ibis changed its compilers package: the finder now steps aside (commands start slower)"
    assert names["DuckDBCompiler"] == "duckdb"
    assert names["PySparkCompiler"] == "pyspark"


def test_every_name_and_every_dialect_compiles_as_with_ibis_own_import():
    assert probe(lazy=True) == probe(lazy=False)


@pytest.mark.parametrize(
    "source",
    [
        "from ibis.backends.sql.compilers.duckdb import *",
        "from ibis.backends.sql.compilers.duckdb import DuckDBCompiler as Compiler",
        "from .duckdb import DuckDBCompiler",
        "from ibis.backends.sql.compilers.duckdb import DuckDBCompiler\nREGISTRY = {}",
        "from ibis.backends.sql.compilers.duckdb import DuckDBCompiler\n__all__ = ['DuckDBCompiler', 'SQLiteCompiler']",
        "__all__ = []",
    ],
)
def test_any_other_shape_is_left_to_ibis(source: str):
    assert compiler_names(source) is None


def test_the_finder_steps_aside_for_a_package_it_does_not_know(tmp_path: Path):
    package = tmp_path / "compilers"
    package.mkdir()
    (package / "__init__.py").write_text("from ibis.backends.sql.compilers.duckdb import DuckDBCompiler\nimport os\n", encoding="utf-8")
    assert _Finder().find_spec(PACKAGE, [str(tmp_path)]) is None
    (package / "__init__.py").write_text(
        '"""Compilers."""\nfrom ibis.backends.sql.compilers.duckdb import DuckDBCompiler\n', encoding="utf-8"
    )
    spec = _Finder().find_spec(PACKAGE, [str(tmp_path)])
    assert spec is not None and isinstance(spec.loader, _LazyPackage)
    assert spec.loader.names == {"DuckDBCompiler": "duckdb"}
    assert _Finder().find_spec("ibis.backends.sql", [str(tmp_path)]) is None


def test_the_tests_run_every_engine_with_the_compilers_loaded_on_demand():
    """``tests/conftest.py`` installs the finder before any engine connects, so the engines' tests exercise it."""
    import ibis

    ibis.duckdb.connect()
    assert isinstance(sys.modules[PACKAGE].__spec__.loader, _LazyPackage)
