"""Fixtures of the analytics tests: a ``con`` per engine and event logs loaded into it.

Tests take ``con`` (an Ibis connection) and ``load`` (rows → a table in that
connection), so the same tests run on every engine, as Ibis tests its backends:
DuckDB always; Spark in local mode (marked ``spark``: ``-m "not spark"`` skips
it; skipped where PySpark is not installed); PostgreSQL when the test server of
``webtools`` can start (skipped where it cannot).
"""

from __future__ import annotations

import csv
import gzip
import itertools
import random
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

import ibis
import pyarrow as pa
import pytest

from journeymap.analytics import connect
from journeymap.analytics.engines import connect_engine

from .reference import Event

ENGINES = ["duckdb", pytest.param("spark", marks=pytest.mark.spark), "postgresql"]
SHARED = Path("/work/shared/data/events")
BASE = datetime(2024, 1, 1)
_names = itertools.count()


@pytest.fixture(params=ENGINES, scope="session")
def con(request: pytest.FixtureRequest) -> ibis.BaseBackend:
    """An Ibis connection to one engine (the engine's name is ``request.param``)."""
    if request.param == "duckdb":
        return connect()
    if request.param == "spark":
        return request.getfixturevalue("spark")
    return connect_engine(request.getfixturevalue("postgres").database())


@pytest.fixture
def load(con: ibis.BaseBackend) -> Callable[[Iterable[Event]], ibis.Table]:
    """Load events into the engine; return the table the analyses take."""

    def loader(events: Iterable[Event]) -> ibis.Table:
        rows = list(events)
        props = sorted({key for e in rows for key in e.props})
        data = {
            "user_id": [e.user for e in rows],
            "event": [e.event for e in rows],
            "timestamp": pa.array([e.ts for e in rows], pa.timestamp("us")),
            "_row": list(range(len(rows))),  # the file's order, as reading a file numbers it
            **{key: [None if e.props.get(key) is None else str(e.props[key]) for e in rows] for key in props},
        }
        table = ibis.memtable(pa.table(data))
        if con.name == "pyspark":  # Spark's create_table writes a managed table to disk; a view is enough
            return con.create_view(f"events_{next(_names)}", table)
        return con.create_table(f"events_{next(_names)}", table, temp=True)

    return loader


def event(user: str, name: str, seconds: float, **props: object) -> Event:
    """An event ``seconds`` after the base time."""
    return Event(user, name, BASE + timedelta(seconds=seconds), props)


def random_log(seed: int, *, users: int = 40, names: str = "abcde", span_days: float = 20) -> list[Event]:
    """A random log with ties, repeats and several platforms: hard cases for the definitions."""
    rng = random.Random(seed)
    rows = []
    for number in range(users):
        platform = rng.choice(["ios", "android"])
        for _ in range(rng.randint(1, 12)):
            seconds = rng.choice([rng.uniform(0, span_days * 86400), rng.randint(0, 40) * 3600])
            rows.append(event(f"u{number}", rng.choice(names), round(seconds), platform=platform))
    return rows


def shared_file(name: str) -> Path:
    """A file of the shared reference data, or a skip saying why it is absent."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is not here (shared reference data is only on the development machines)")
    return path


def read_reference(path: Path, user: str, name: str, time: str) -> list[Event]:
    """Read a CSV (gzip or not) with the csv module and datetime, independent of the engine."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as stream:
        rows = []
        for row in csv.DictReader(stream):
            moment = datetime.fromisoformat(row[time])
            if moment.tzinfo is not None:
                moment = (moment - moment.utcoffset()).replace(tzinfo=None)
            rows.append(Event(row[user], row[name], moment, {k: v for k, v in row.items() if k not in (user, name, time)}))
        return rows
