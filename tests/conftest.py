"""Fixtures shared by every test: small maps written to a temporary folder, a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journeymap.analytics.engines import connect_engine
from journeymap.i18n import use_language

SPARK_TEST_CONF = ["spark.sql.shuffle.partitions=2", "spark.ui.enabled=false", "spark.driver.memory=1g", "spark.sql.warehouse.dir={folder}"]
"""Spark for tiny test data: two cores, two shuffle partitions, no web UI, a warehouse in a temp folder."""

SMALL_MAP = """\
# A small map used by many tests.
title: Small shop  # the title
language: en
personas:
  - name: Olga
stages:
  - name: Awareness
    steps:
      - name: Sees the toy
        emotion: {actual: 1, desired: 2}
        touchpoints: [Playground]
  - name: Purchase
    steps:
      - name: Pays
        emotion: {actual: -1, desired: 1}
        metrics:
          audience: 120
          conversion: 35%
        barriers: [Long form]
"""


@pytest.fixture(autouse=True)
def english() -> None:
    """Every test starts in English, whatever the machine's locale."""
    use_language("en")


@pytest.fixture
def small_map(tmp_path: Path) -> Path:
    """A valid two-stage map file."""
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_MAP, encoding="utf-8")
    return path


@pytest.fixture
def write_map(tmp_path: Path):
    """Write text to a file (a map, a feedback file) in the temporary folder and return its path."""

    def write(text: str, name: str = "map.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner that keeps stderr apart from stdout."""
    return CliRunner()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A PostgreSQL server in a temporary folder (``webtools.Postgres``), or a skip saying why there is none."""
    from webtools.postgres import BIN, Postgres  # the server helpers need the web extra; only these tests do

    if not (BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL is not installed ({BIN}/initdb missing): apt-get install postgresql")
    server = Postgres()
    try:
        server.start()
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        pytest.skip(f"PostgreSQL could not start in a temporary folder: {error}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The one Spark connection (an Ibis backend) of the test session: local mode on two cores; commands reuse its session."""
    pytest.importorskip("pyspark", reason="PySpark is not installed: pip install 'journeymap[spark]'")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Spark needs Java 17: apt-get install openjdk-17-jre-headless")
    folder = tmp_path_factory.mktemp("spark-warehouse")
    return connect_engine("spark", spark_master="local[2]", spark_conf=[item.format(folder=folder) for item in SPARK_TEST_CONF])
