"""Fixtures shared by every test: small maps written to a temporary folder, a CLI runner.

Also the test tiers: a test under ``tests/browser`` is marked ``browser``, one that uses the ``postgres`` or
``spark`` fixture (or an engine parameter that asks for one) ``postgres`` or ``spark``, so
``make test-fast`` (``-m "not spark and not postgres and not browser and not slow"``) leaves out
what starts a server, a JVM or a Chromium; real-data tests skipped for want of the shared data are counted
in one line of the summary.

Every test runs as the command line does, with Ibis's SQL compilers loaded on demand
(:mod:`journeymap.analytics._ibis_lazy`), and with ``JOURNEYMAP_CHECK_OUTPUT=1``: each
``--json`` a test prints is checked against its output model.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner

from journeymap.analytics import _ibis_lazy
from journeymap.analytics.engines import connect_engine
from journeymap.cli.app import CHECK_OUTPUT
from journeymap.i18n import use_language
from journeymap.store import accounts

os.environ[CHECK_OUTPUT] = "1"  # every --json a test prints is checked against its schema, here and in the commands it starts
_ibis_lazy.install()  # as the command line does: every engine's test runs with Ibis's compilers loaded on demand
accounts.PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
"""Passwords hashed with argon2id at the lowest cost in tests (as Django's docs advise for theirs): a team of six users
took 0.8 s to hash, in every web test's set-up; what is stored and checked is the same kind of hash."""

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


SERVICE_FIXTURES = {"postgres": "postgres", "spark": "spark"}
"""Fixtures that start a service, and the marker a test using one gets."""

ENGINE_PARAMETERS = {"postgresql": "postgres", "spark": "spark"}
"""Values of an engine parameter (``con``, ``db_url``) whose fixture asks for a service fixture at run time."""

BROWSER_FOLDER = Path(__file__).parent / "browser"

SHARED_DATA_SKIP = "shared reference data is only on the development machines"
"""The end of the skip reason of a real-data test whose file is not here (``tests/analytics/conftest.py``)."""


def tier_markers(item: pytest.Item) -> set[str]:
    """The markers of the services a collected test needs: ``browser``, ``postgres``, ``spark``."""
    found = {marker for name, marker in SERVICE_FIXTURES.items() if name in getattr(item, "fixturenames", ())}
    callspec = getattr(item, "callspec", None)
    values = callspec.params.values() if callspec else ()
    found |= {ENGINE_PARAMETERS[value] for value in values if isinstance(value, str) and value in ENGINE_PARAMETERS}
    if BROWSER_FOLDER in item.path.parents:
        found.add("browser")
    return found


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the services it needs, so ``-m "not postgres"`` and the like leave it out."""
    for item in items:
        for marker in sorted(tier_markers(item)):
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say in one line how many real-data tests were skipped because the shared data is not on this machine."""
    reasons = [report.longrepr[2] for report in terminalreporter.stats.get("skipped", []) if isinstance(report.longrepr, tuple)]
    missing = [reason for reason in reasons if SHARED_DATA_SKIP in reason]
    if missing:
        terminalreporter.write_line(
            f"{len(missing)} real-data tests skipped: the shared reference data is not here ({missing[0]})", yellow=True
        )


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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database URL, once per backend (the PostgreSQL runs start their own server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/team.db"
    return request.getfixturevalue("postgres").database()


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The one Spark connection (an Ibis backend) of the test session: local mode on two cores; commands reuse its session."""
    pytest.importorskip("pyspark", reason="PySpark is not installed: pip install 'journeymap[spark]'")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Spark needs Java 17: apt-get install openjdk-17-jre-headless")
    folder = tmp_path_factory.mktemp("spark-warehouse")
    return connect_engine("spark", spark_master="local[2]", spark_conf=[item.format(folder=folder) for item in SPARK_TEST_CONF])
