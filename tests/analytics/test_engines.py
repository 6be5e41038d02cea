"""Engines: choosing one by name or URL, Spark's settings, and logs read on Spark the same as on DuckDB."""

from __future__ import annotations

import gzip
import json
import sys
from datetime import datetime

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from journeymap.analytics import Columns, read_events, sample_path
from journeymap.analytics.engines import connect_engine, read_spark_conf, spark_session, spark_settings, table_named
from journeymap.analytics.sources import ROW
from journeymap.errors import DataSourceError, MissingDependency

ROWS = [("u1", "open", "2024-01-01T10:00:00+02:00"), ("u1", "buy", "1704103500"), ("u2", "open", "2024-01-02 09:00:00"), ("", "open", "2024-01-02"), ("u3", "buy", "soon")]


def test_duckdb_is_the_default_and_a_url_names_any_backend(tmp_path):
    assert connect_engine(None).name == connect_engine("DuckDB").name == "duckdb"
    path = tmp_path / "warehouse.ddb"
    con = connect_engine(f"duckdb://{path}")
    con.create_table("events", ibis.memtable({"user_id": ["a"], "event": ["open"], "timestamp": [datetime(2024, 1, 1)]}))
    assert table_named(connect_engine(f"duckdb://{path}"), "events").count().execute() == 1


def test_unknown_engines_tables_and_urls_are_one_line_errors(tmp_path):
    with pytest.raises(DataSourceError, match=r"^--engine 'sqlserver': use duckdb, spark or a database URL such as postgresql://user@host/db$"):
        connect_engine("sqlserver")
    with pytest.raises(DataSourceError, match=r"^--spark-master and --spark-conf need --engine spark$"):
        connect_engine(None, spark_master="local[2]")
    with pytest.raises(DataSourceError, match=r"^--table nowhere: no such table in the engine \("):
        table_named(connect_engine(None), "nowhere")
    with pytest.raises(DataSourceError, match=r"^--engine postgresql://ana:\*\*\*@127.0.0.1:1/db: cannot connect \("):
        connect_engine("postgresql://ana:secret@127.0.0.1:1/db")


def test_a_missing_pyspark_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # import fails as if the extra were not installed
    with pytest.raises(MissingDependency, match=r"^the Spark engine needs PySpark: pip install 'journeymap\[spark\]'$"):
        spark_session()


def test_spark_settings_from_defaults_file_options_and_master(tmp_path, monkeypatch):
    conf = tmp_path / "spark.yaml"
    conf.write_text("spark.executor.memory: 8g\nspark.sql.shuffle.partitions: 400\nspark.dynamicAllocation.enabled: true\n", encoding="utf-8")
    monkeypatch.setenv("JOURNEYMAP_SPARK_CONF", str(conf))
    monkeypatch.setenv("JOURNEYMAP_SPARK_MASTER", "spark://env:7077")
    settings = spark_settings(None, ["spark.sql.shuffle.partitions=16"])
    assert settings["spark.sql.session.timeZone"] == "UTC"
    assert (settings["spark.executor.memory"], settings["spark.sql.shuffle.partitions"]) == ("8g", "16")
    assert settings["spark.dynamicAllocation.enabled"] == "true"
    assert settings["spark.master"] == "spark://env:7077"
    assert spark_settings("yarn", [])["spark.master"] == "yarn"
    monkeypatch.delenv("JOURNEYMAP_SPARK_MASTER")
    monkeypatch.delenv("JOURNEYMAP_SPARK_CONF")
    assert spark_settings()["spark.master"] == "local[*]"


def test_bad_spark_settings_files_are_one_line_errors(tmp_path):
    bad = tmp_path / "spark-defaults.conf"
    bad.write_text("spark.executor.memory 8g\nspark.broken\n", encoding="utf-8")
    with pytest.raises(DataSourceError, match=r"spark-defaults.conf, line 2: write a setting as 'key value' or 'key=value'$"):
        read_spark_conf(bad)
    with pytest.raises(DataSourceError, match=r"nothing.conf: no such Spark settings file; check JOURNEYMAP_SPARK_CONF or --spark-conf$"):
        spark_settings(None, [str(tmp_path / "nothing.conf")])
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(DataSourceError, match=r"list.yaml: write the Spark settings as a mapping of key: value$"):
        read_spark_conf(listed)


def _written(tmp_path, kind: str):
    if kind == "parquet folder":
        folder = tmp_path / "lake"
        folder.mkdir()
        for index, (user, name, time) in enumerate(ROWS):
            pq.write_table(pa.table({"user_id": [user], "event": [name], "timestamp": [time]}), folder / f"part-{index}.parquet")
        return folder
    if kind == "jsonl":
        path = tmp_path / "e.jsonl"
        path.write_text("".join(json.dumps({"user_id": u, "event": e, "timestamp": t}) + "\n" for u, e, t in ROWS), encoding="utf-8")
        return path
    separator = {"csv": ",", "semicolons.csv.gz": ";", "tsv": "\t"}[kind]
    text = f"user_id{separator}event{separator}timestamp\n" + "".join(separator.join(row) + "\n" for row in ROWS)
    path = tmp_path / ("e." + kind)
    path.write_bytes(gzip.compress(text.encode())) if kind.endswith(".gz") else path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.spark
@pytest.mark.parametrize("kind", ["csv", "semicolons.csv.gz", "tsv", "jsonl", "parquet folder"])
def test_spark_reads_files_as_duckdb_does(spark, tmp_path, kind):
    path = _written(tmp_path, kind)
    ours, theirs = (read_events(str(path), con=con, timezone="Europe/Vilnius") for con in (spark, connect_engine(None)))
    assert (ours.rows, ours.bad.to_dict()) == (theirs.rows, theirs.bad.to_dict()) == (5, {"total": 2, "by_kind": {"empty user": 1, "bad timestamp": 1}, "first_rows": {"empty user": [4], "bad timestamp": [5]}})
    # the hidden row number only orders ties: Spark's ids jump between partitions, DuckDB's count from 0
    frames = [log.table.drop(ROW).order_by(["user_id", "timestamp"]).execute() for log in (ours, theirs)]
    assert [frame.to_dict("records") for frame in frames][0] == [frame.to_dict("records") for frame in frames][1]
    assert [str(value) for value in frames[0]["timestamp"]] == ["2024-01-01 08:00:00", "2024-01-01 10:05:00", "2024-01-02 07:00:00"]


@pytest.mark.spark
def test_a_spark_table_is_read_by_name(spark):
    spark._session.read.parquet(str(sample_path())).createOrReplaceTempView("sample_events")
    log = read_events(table_named(spark, "sample_events"), columns=Columns())
    assert (log.rows, log.bad.total) == (read_events(sample_path()).rows, 0)
