"""The engine options: the same commands on a table in a database named by URL, and on Spark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeymap.analytics import sample_path
from journeymap.analytics.engines import connect_engine
from journeymap.cli import app
from journeymap.files import example_path, load

runner = CliRunner()
SPARK = ["--engine", "spark", "--spark-master", "local[2]", "--spark-conf", "spark.sql.shuffle.partitions=2", "--spark-conf", "spark.ui.enabled=false"]
FUNNEL = ["--step", "app_open", "--step", "search", "--step", "purchase", "--window", "7d", "--json"]


def run(*args: object):
    return runner.invoke(app, [str(arg) for arg in args])


def answer(*args: object) -> dict:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> str:
    """A DuckDB database file holding the sample log as the table ``events``: an engine named by URL."""
    url = f"duckdb://{tmp_path_factory.mktemp('warehouse') / 'lake.ddb'}"
    con = connect_engine(url)
    con.create_table("events", con.read_parquet(sample_path()))
    con.disconnect()
    return url


@pytest.mark.parametrize(
    "command",
    [["funnel", *FUNNEL], ["retention", "--day", "1", "--day", "7", "--json"], ["paths", "--from", "search", "--json"], ["transitions", "--top", "5", "--json"], ["aha", "--json"]],
    ids=lambda command: command[0],
)
def test_a_table_in_an_engine_gives_what_the_file_gives(warehouse, command):
    assert answer(*command, "--engine", warehouse, "--table", "events") == answer(*command, sample_path())


def test_analyze_a_table_in_an_engine(warehouse, tmp_path):
    ours, theirs = tmp_path / "ours.yaml", tmp_path / "theirs.yaml"
    run("analyze", "--map", example_path("app-measured-demo"), "-o", ours, "--engine", warehouse, "--table", "events", "--quiet")
    run("analyze", sample_path(), "--map", example_path("app-measured-demo"), "-o", theirs, "--quiet")
    assert [step.metrics.audience.value for step in load(ours).steps] == [step.metrics.audience.value for step in load(theirs).steps]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["funnel", "--step", "open"], "Error: name the event log (a file or folder), or a table in the engine with --table"),
        (["funnel", sample_path(), "--table", "events", "--step", "open"], "Error: give the event log or --table, not both"),
        (["funnel", sample_path(), "--engine", "oracle", "--step", "open"], "Error: --engine 'oracle': use duckdb, spark or a database URL such as postgresql://user@host/db"),
        (["analyze", "--map", example_path("app-measured-demo"), "--engine", "duckdb", "--table", "nowhere"], "Error: --table nowhere: no such table in the engine ("),
    ],
    ids=["no log", "log and table", "unknown engine", "no such table"],
)
def test_engine_mistakes_are_one_line_errors(tmp_path, args, message):
    out = tmp_path / "out.yaml"
    result = run(*args, *(["-o", out] if args[0] == "analyze" else []))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr
    assert not out.exists()


@pytest.mark.spark
def test_spark_gives_duckdb_s_numbers(spark, tmp_path: Path):
    assert answer("funnel", sample_path(), *FUNNEL, *SPARK) == answer("funnel", sample_path(), *FUNNEL)
    inspected = [answer("events", "inspect", sample_path(), "--json", *options) for options in (SPARK, [])]
    assert [list(summary.pop("columns")) for summary in inspected] == [["user_id", "event", "timestamp", "platform", "city", "channel"]] * 2  # types are each engine's names
    assert inspected[0] == inspected[1]
    ours, theirs = tmp_path / "spark.yaml", tmp_path / "duckdb.yaml"
    run("analyze", sample_path(), "--map", example_path("app-measured-demo"), "-o", ours, "--quiet", *SPARK)
    run("analyze", sample_path(), "--map", example_path("app-measured-demo"), "-o", theirs, "--quiet")
    figures = [[(step.metrics.audience.value, step.metrics.retention.value) for step in load(path).steps if step.binding] for path in (ours, theirs)]
    assert figures[0] == figures[1] and figures[0][0][0] == 3000
