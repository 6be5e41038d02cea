"""Spark's physical plans of the analyses: raw events are shuffled no more than the analysis needs.

A *raw shuffle* is an exchange whose input is the scanned events themselves:
not pre-aggregated, not narrowed to a step's events. Sequence analyses
(paths, transitions) need one: every user's events in one partition, in
order. A funnel needs none: each step shuffles only its own events. Joins
are planned as on a cluster (no broadcast of small test tables), so the plans
are the ones a large log gets. ``pytest -s`` prints them.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from journeymap.analytics import StepSpec, read_events
from journeymap.analytics.funnel import funnel_expr, funnel_stages
from journeymap.analytics.paths import paths_expr
from journeymap.analytics.retention import retention_expr
from journeymap.analytics.transitions import transitions_expr

from .conftest import random_log

pytestmark = pytest.mark.spark

_NARROWED = re.compile(r"DataFilters: \[[^\]]*event#\d+ (=|IN) ")


@pytest.fixture
def events(spark, tmp_path):
    """A small Parquet log read on Spark, with joins planned as for a large one."""
    rows = random_log(3)
    path = tmp_path / "events.parquet"
    pq.write_table(pa.table({"user_id": [e.user for e in rows], "event": [e.event for e in rows], "timestamp": pa.array([e.ts for e in rows], pa.timestamp("us"))}), path)
    session = spark._session
    session.conf.set("spark.sql.autoBroadcastJoinThreshold", "-1")
    yield read_events(str(path), con=spark).table
    session.conf.unset("spark.sql.autoBroadcastJoinThreshold")


def plan(spark, expr) -> str:
    """Spark's physical plan of an Ibis expression, as ``explain()`` prints it."""
    text = spark._session.sql(f"EXPLAIN {spark.compile(expr)}").collect()[0][0]
    print(text)
    return text


def raw_shuffles(text: str) -> int:
    """Count the exchanges that hash-partition scanned events, with no aggregate or step filter below them."""
    lines = text.splitlines()
    count = 0
    for number, line in enumerate(lines):
        if "Exchange hashpartitioning" not in line:
            continue
        below = next(rest for rest in lines[number + 1 :] if "Exchange" in rest or "Scan" in rest or "Aggregate" in rest)
        count += "Scan" in below and not _NARROWED.search(below)
    return count


def test_transitions_shuffle_the_events_once(spark, events):
    text = plan(spark, transitions_expr(events))
    assert raw_shuffles(text) == 1
    assert text.count("Exchange hashpartitioning(user_id") == 1  # the per-user-edge window reuses the user partitioning


def test_paths_shuffle_the_events_once(spark, events):
    text = plan(spark, paths_expr(events, "a", depth=3))
    assert raw_shuffles(text) == 1
    assert text.count("Exchange hashpartitioning(user_id") == 1


def test_a_funnel_shuffles_only_each_step_s_events(spark, events):
    stages = funnel_stages(events, [StepSpec.parse(name) for name in ("a", "b|c", "d")], window=86400)
    text = plan(spark, funnel_expr(stages))
    assert raw_shuffles(text) == 0
    assert len(re.findall(r"FileScan parquet", text)) == len(_NARROWED.findall(text))


def test_retention_shuffles_the_events_once_for_the_join(spark, events):
    text = plan(spark, retention_expr(events, [1, 7]))
    assert raw_shuffles(text) == 1  # each event meets its user's start; the starts are aggregated before they move
