"""Event sources: formats, column names, time formats, bad rows, unusable files."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from journeymap.analytics import Columns, connect, inspect_events, read_events, sample_path
from journeymap.errors import DataSourceError

ROWS = [("u1", "open", "2024-01-01T10:00:00"), ("u1", "buy", "2024-01-01T10:05:00"), ("u2", "open", "2024-01-02T09:00:00")]


def times(log) -> list[str]:
    frame = log.table.order_by(["user_id", "timestamp"]).execute()
    return [value.isoformat() for value in frame["timestamp"]]


def write_text(path: Path, text: str) -> Path:
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, separator", [("e.csv", ","), ("e.csv", ";"), ("e.tsv", "\t"), ("e.csv.gz", ","), ("e.txt", "|")])
def test_delimited_text_with_any_separator_and_gzip(tmp_path, name, separator):
    text = separator.join(["user_id", "event", "timestamp", "platform"]) + "\n"
    text += "".join(separator.join([*row, "ios"]) + "\n" for row in ROWS)
    log = read_events(write_text(tmp_path / name, text))
    assert (log.rows, log.bad.total, log.properties) == (3, 0, ["platform"])
    assert times(log)[0] == "2024-01-01T10:00:00"


def test_json_lines_gzip(tmp_path):
    text = "".join(json.dumps({"user_id": u, "event": e, "timestamp": t, "n": 1}) + "\n" for u, e, t in ROWS)
    log = read_events(write_text(tmp_path / "e.jsonl.gz", text))
    assert (log.rows, log.properties) == (3, ["n"])


def test_parquet_file_folder_and_glob(tmp_path):
    folder = tmp_path / "lake"
    folder.mkdir()
    for index, row in enumerate(ROWS):
        table = pa.table({"user_id": [row[0]], "event": [row[1]], "timestamp": pa.array([datetime.fromisoformat(row[2])], pa.timestamp("us"))})
        pq.write_table(table, folder / f"part-{index}.parquet")
    assert read_events(folder).rows == 3
    assert read_events(str(folder / "part-*.parquet")).rows == 3
    assert read_events(folder / "part-0.parquet").rows == 1


def test_bad_rows_of_a_parquet_folder_are_counted_through_its_files(tmp_path):
    folder = tmp_path / "lake"
    folder.mkdir()
    rows = [*ROWS, ("", "open", "2024-01-03T09:00:00"), ("u3", "buy", "not a time")]
    for index, (user, name, time) in enumerate(rows):
        pq.write_table(pa.table({"user_id": [user], "event": [name], "timestamp": [time]}), folder / f"part-{index}.parquet")
    assert read_events(folder).bad.to_dict() == {"total": 2, "by_kind": {"empty user": 1, "bad timestamp": 1}, "first_rows": {"empty user": [4], "bad timestamp": [5]}}


def test_column_names_from_options(tmp_path):
    path = write_text(tmp_path / "e.csv", "case,activity,time\n" + "".join(",".join(row) + "\n" for row in ROWS))
    log = read_events(path, columns=Columns(user_id="case", event="activity", timestamp="time"))
    assert (list(log.table.columns), log.properties) == (["user_id", "event", "timestamp", "_row"], [])


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-01-01T10:00:00+03:00", "2024-01-01T07:00:00"),
        ("2024-01-01T10:00:00Z", "2024-01-01T10:00:00"),
        ("2024-01-01 10:00:00.250", "2024-01-01T10:00:00.250000"),
        ("1704103200", "2024-01-01T10:00:00"),
        ("1704103200000", "2024-01-01T10:00:00"),
        ("1704103200000000", "2024-01-01T10:00:00"),
        ("1704103200.5", "2024-01-01T10:00:00.500000"),
    ],
)
def test_time_formats(tmp_path, value, expected):
    path = write_text(tmp_path / "e.csv", f"user_id,event,timestamp\nu1,open,{value}\n")
    assert times(read_events(path)) == [expected]


def test_naive_times_take_the_time_zone_and_zoned_times_keep_theirs(tmp_path):
    path = write_text(tmp_path / "e.csv", "user_id,event,timestamp\nu1,open,2024-07-01 10:00:00\nu2,open,2024-07-01T10:00:00+00:00\n")
    assert times(read_events(path, timezone="Europe/Vilnius")) == ["2024-07-01T07:00:00", "2024-07-01T10:00:00"]
    with pytest.raises(DataSourceError, match="unknown time zone 'Mars/Base'"):
        read_events(path, timezone="Mars/Base")


def test_bad_rows_are_counted_by_kind_with_first_rows(tmp_path):
    lines = ["user_id,event,timestamp"] + [f"u{i},open,2024-01-01T10:00:{i:02d}" for i in range(10)]
    lines[3] = "u2,open,not a time"
    lines[5] = ",open,2024-01-01T10:00:00"
    lines[8] = "u7,open,yesterday"
    log = read_events(write_text(tmp_path / "e.csv", "\n".join(lines) + "\n"))
    assert (log.rows, log.bad.total) == (10, 3)
    assert log.bad.by_kind == {"empty user": 1, "bad timestamp": 2}
    assert log.bad.first_rows == {"empty user": [5], "bad timestamp": [3, 8]}
    assert log.table.count().execute() == 7
    assert log.bad.summary() == "3 bad rows skipped: empty user 1 (rows 5); bad timestamp 2 (rows 3, 8)"


def test_mostly_bad_file_is_an_error(tmp_path):
    path = write_text(tmp_path / "e.csv", "user_id,event,timestamp\nu1,open,later\nu2,open,soon\nu3,open,2024-01-01\n")
    with pytest.raises(DataSourceError) as error:
        read_events(path)
    assert str(error.value) == f"{path}: 2 of 3 rows are bad (bad timestamp, first at row 1); check the column names and the time format"


def test_unusable_files_are_one_line_errors(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    header_only = write_text(tmp_path / "header.csv", "user_id,event,timestamp\n")
    wrong = write_text(tmp_path / "wrong.csv", "who,what,when\na,b,c\n")
    cases = {
        empty: f"{empty}: the file is empty; export the events again",
        header_only: f"{header_only}: the file has no event rows; export the events again",
        wrong: f"{wrong}: no column 'user_id' (columns: who, what, when); name the right one with --user-column/--event-column/--time-column or the map's data.columns",
        tmp_path / "missing.csv": f"{tmp_path / 'missing.csv'}: no such event file; check the path",
        tmp_path / "e.xlsx": f"{tmp_path / 'e.xlsx'}: unknown event file type; use .csv, .tsv, .parquet, .jsonl, .json or .xes (optionally .gz), or name a vendor export with --adapter",
    }
    (tmp_path / "e.xlsx").write_bytes(b"PK")
    for path, message in cases.items():
        with pytest.raises(DataSourceError) as error:
            read_events(path)
        assert str(error.value) == message


def test_inspect_summarises_the_sample():
    summary = inspect_events(sample_path())
    data = summary.to_dict()
    assert (data["users"], data["events"], data["bad_rows"]["total"]) == (3000, 7, 0)
    assert data["rows"] == sum(data["top_events"].values())
    assert data["columns"]["timestamp"].startswith("timestamp")
    assert list(summary.to_pandas().columns) == ["event", "count"]


def test_memory_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_MEMORY_LIMIT", "512MB")
    con = connect()
    assert con.raw_sql("SELECT current_setting('memory_limit')").fetchone()[0] in ("488.2 MiB", "512.0 MB", "488.2MiB")
    monkeypatch.setenv("JOURNEYMAP_MEMORY_LIMIT", "lots")
    with pytest.raises(DataSourceError, match="JOURNEYMAP_MEMORY_LIMIT='lots': write it as 6GB or 500MB"):
        connect()


@pytest.mark.parametrize("statistics", [True, False], ids=["with statistics", "without"])
def test_parquet_bad_rows_are_counted_whether_or_not_the_footer_has_statistics(tmp_path, statistics):
    # a clean Parquet log is proven clean by its footers; a bad row in any file, row group or column is still counted
    clean = pa.table({"user_id": ["u1", "u2"], "event": ["open", "buy"], "timestamp": pa.array([datetime(2024, 1, 1), datetime(2024, 1, 2)], pa.timestamp("us"))})
    bad = pa.table({"user_id": ["u3", "", "u4", "u5"], "event": ["open", "buy", None, "open"], "timestamp": pa.array([datetime(2024, 1, 3), None, datetime(2024, 1, 3), datetime(2024, 1, 4)], pa.timestamp("us"))})
    folder = tmp_path / "log"
    folder.mkdir()
    pq.write_table(clean, folder / "a.parquet", write_statistics=statistics)
    pq.write_table(bad, folder / "b.parquet", write_statistics=statistics, row_group_size=2)
    assert (read_events(folder / "a.parquet").rows, read_events(folder / "a.parquet").bad.total) == (2, 0)
    log = read_events(folder)
    assert (log.rows, log.bad.total, log.bad.by_kind) == (6, 2, {"empty user": 1, "empty event": 1, "bad timestamp": 1})
    assert log.table.count().execute() == 4


def test_events_at_one_instant_keep_the_order_of_the_parquet_files_and_their_rows(tmp_path):
    # one user logs open, view, buy at one instant: view and open in a.parquet (that order), buy in b.parquet
    from journeymap.analytics import transitions

    instant = pa.array([datetime(2024, 1, 1)] * 2, pa.timestamp("us"))
    folder = tmp_path / "log"
    folder.mkdir()
    pq.write_table(pa.table({"user_id": ["u1", "u1"], "event": ["view", "open"], "timestamp": instant}), folder / "a.parquet")
    pq.write_table(pa.table({"user_id": ["u1"], "event": ["buy"], "timestamp": instant[:1]}), folder / "b.parquet")
    edges = {(edge["source"], edge["target"]) for edge in transitions(folder).edges}
    assert edges == {("view", "open"), ("open", "buy")}
    assert {(edge["source"], edge["target"]) for edge in transitions(folder / "a.parquet").edges} == {("view", "open")}
