"""Segment users saved beside the segments file: the same users as found in the log, never used for another log, a rule changed, or a damaged file."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from journeymap.analytics import read_events
from journeymap.analytics.discover import (
    AhaSettings,
    aha_by_segment,
    log_key,
    members_path,
    parse_rules,
    saved_users,
    segment_members,
    segment_users,
    segments,
)

from ..conftest import random_log
from ..reference import Event
from .sequential import users_doing

RULES = """
segments:
  - {name: a b, rule: {sequence: [a, b], session: 30m}}
  - {name: c a d, rule: {sequence: [c, a, d], session: 30m}}
  - {name: d e long, rule: {sequence: [d, e], session: 6h}}
  - {name: b often, rule: {event: b, at_least: 3}}
  - {name: ios, rule: {where: {platform: ios}}}
  - {name: nobody, rule: {event: z}}
"""


def write_log(rows: list[Event], path: Path) -> Path:
    """Write events as a Parquet log (times in microseconds, a ``platform`` column)."""
    table = pa.table(
        {
            "user_id": [e.user for e in rows],
            "event": [e.event for e in rows],
            "timestamp": pa.array([e.ts for e in rows], pa.timestamp("us")),
            "platform": [str(e.props.get("platform")) for e in rows],
        }
    )
    pq.write_table(table, path)
    return path


@pytest.fixture
def saved(tmp_path):
    """A log, its rules file and the users saved beside it; returns (log path, rules file, rows)."""
    rows = random_log(7, users=120, names="abcde", span_days=3)
    log_path = write_log(rows, tmp_path / "events.parquet")
    rules_file = tmp_path / "segments.yaml"
    rules_file.write_text(RULES, encoding="utf-8")
    log = read_events(log_path)
    members, note = segment_members(log, parse_rules(RULES), rules_file, log_key(log))
    assert note == f"{members_path(rules_file)}: each segment's users saved, for --segment on this log"
    return log_path, rules_file, rows


def users_of(table) -> set[str]:
    return set(table.execute().user_id)


def test_saved_users_are_the_users_found_in_the_log(saved):
    log_path, rules_file, rows = saved
    log, rules = read_events(log_path), parse_rules(RULES)
    for name, rule in rules.items():
        found = saved_users(log, rules_file, name, rule, log_key(log))
        assert found.note is None, name
        assert users_of(found.users) == users_of(segment_users(log, rule)), name
    for name, pattern in [("a b", ("a", "b")), ("c a d", ("c", "a", "d"))]:  # against brute force, not only against ourselves
        assert len(users_of(saved_users(log, rules_file, name, rules[name], log_key(log)).users)) == users_doing(rows, pattern)


def test_every_segment_from_the_saved_file_measures_as_found_in_the_log(saved):
    log_path, rules_file, _rows = saved
    log, rules = read_events(log_path), parse_rules(RULES)
    members, note = segment_members(log, rules, rules_file, log_key(log))
    assert note is None  # read back, not found again
    assert segments(log, rules, steps=["a", "b"], members=members) == segments(log, rules, steps=["a", "b"])
    settings = AhaSettings(retention_day=1, within="1d", min_users=1)
    assert aha_by_segment(log, rules, settings, members=members) == aha_by_segment(log, rules, settings)


def test_a_changed_log_finds_the_users_again(saved):
    log_path, rules_file, rows = saved
    changed = [e for e in rows if e.user != "u3"]
    write_log(changed, log_path)
    log, rules = read_events(log_path), parse_rules(RULES)
    found = saved_users(log, rules_file, "a b", rules["a b"], log_key(log))
    assert found.users is None and "saved for another log or another version of it" in str(found.note)
    members, note = segment_members(log, rules, rules_file, log_key(log))
    assert note is not None and "saved" in note
    again = saved_users(log, rules_file, "a b", rules["a b"], log_key(log))
    assert again.note is None and len(users_of(again.users)) == users_doing(changed, ("a", "b"))


def test_another_reading_is_another_log(saved):
    log_path, rules_file, _rows = saved
    log, rules = read_events(log_path), parse_rules(RULES)
    assert saved_users(log, rules_file, "a b", rules["a b"], log_key(log, {"timezone": "Europe/Moscow"})).users is None


def test_a_log_only_touched_is_the_same_log_and_one_of_the_same_size_with_other_bytes_is_not(saved):
    log_path, rules_file, _rows = saved
    log, rules = read_events(log_path), parse_rules(RULES)
    expected = users_of(saved_users(log, rules_file, "a b", rules["a b"], log_key(log)).users)
    stat = log_path.stat()
    os.utime(log_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    touched = saved_users(log, rules_file, "a b", rules["a b"], log_key(log))
    assert touched.note is None and users_of(touched.users) == expected
    data = bytearray(log_path.read_bytes())
    data[-10] ^= 0xFF  # a byte of the footer: the same size, other bytes
    log_path.write_bytes(bytes(data))
    os.utime(log_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    rewritten = saved_users(log, rules_file, "a b", rules["a b"], log_key(log))
    assert rewritten.users is None and "saved for another log or another version of it" in str(rewritten.note)


def test_a_changed_rule_is_found_again(saved):
    log_path, rules_file, rows = saved
    log = read_events(log_path)
    rules = parse_rules(RULES.replace("[a, b]", "[b, a]"))
    found = saved_users(log, rules_file, "a b", rules["a b"], log_key(log))
    assert found.users is None and "no users saved for segment 'a b'" in str(found.note)
    assert saved_users(log, rules_file, "c a d", rules["c a d"], log_key(log)).users is not None
    members, note = segment_members(log, rules, rules_file, log_key(log))
    assert "saved" in str(note)
    assert set(members.filter(members.segment == "a b").execute().user_id) == users_of(segment_users(log, rules["a b"]))
    assert len(users_of(members.filter(members.segment == "a b").select("user_id"))) == users_doing(rows, ("b", "a"))


def test_a_damaged_file_is_said_and_found_again(saved):
    log_path, rules_file, _rows = saved
    log, rules = read_events(log_path), parse_rules(RULES)
    path = members_path(rules_file)
    path.write_bytes(path.read_bytes()[:200])
    found = saved_users(log, rules_file, "a b", rules["a b"], log_key(log))
    assert found.users is None and found.note.startswith(f"{path}: cannot be read (") and "\n" not in found.note
    members, _note = segment_members(log, rules, rules_file, log_key(log))
    assert saved_users(log, rules_file, "a b", rules["a b"], log_key(log)).note is None


def test_a_file_whose_rows_do_not_match_its_counts_is_not_used(saved):
    """Rows taken out of a segment (the metadata kept): never fewer users than the segment has."""
    log_path, rules_file, _rows = saved
    log, rules = read_events(log_path), parse_rules(RULES)
    path = members_path(rules_file)
    metadata = duckdb.sql(f"SELECT key, value FROM parquet_kv_metadata('{path}')").fetchall()
    table = pq.read_table(path)
    kept = table.filter(
        pa.compute.invert(pa.compute.equal(table["user_id"], table.filter(pa.compute.equal(table["segment"], "a b"))["user_id"][0]))
    )
    pq.write_table(kept.replace_schema_metadata({key: value for key, value in metadata}), path)
    found = saved_users(log, rules_file, "a b", rules["a b"], log_key(log))
    assert found.users is None and "other numbers of users" in str(found.note)
    members, note = segment_members(log, rules, rules_file, log_key(log))
    assert "saved" in str(note)
    assert set(members.filter(members.segment == "a b").execute().user_id) == users_of(segment_users(log, rules["a b"]))


def test_a_log_not_in_local_files_saves_nothing(tmp_path):
    log = read_events(read_events(write_log(random_log(1), tmp_path / "e.parquet")).table)
    assert log_key(log) is None
    rules = parse_rules(RULES)
    members, note = segment_members(log, rules, tmp_path / "segments.yaml", log_key(log))
    assert note is None and not members_path(tmp_path / "segments.yaml").exists()
