"""--segment on the users saved by segments --discover -o: the same numbers as finding them, a changed log said and found again."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from journeymap.analytics import funnel, sample_path
from journeymap.analytics.discover import in_segment, members_path, read_rules
from journeymap.cli import app

runner = CliRunner()
FUNNEL = ["-s", "search", "-s", "view_item", "-s", "purchase"]


def run(*args: object):
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture
def discovered(tmp_path):
    """A copy of the sample log and the segments discovered on it (their users saved beside them)."""
    log = tmp_path / "events.parquet"
    shutil.copyfile(sample_path(), log)
    rules = tmp_path / "segments.yaml"
    result = run("segments", log, "--discover", "-o", rules)
    assert result.exit_code == 0, result.output
    assert f"{members_path(rules)}: each segment's users saved, for --segment on this log" in result.stderr
    return log, rules


def funnel_of(log, rules, name, *extra):
    result = run("funnel", log, *FUNNEL, "--segments", rules, "--segment", name, "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def test_saved_users_give_the_numbers_found_in_the_log(discovered):
    log, rules = discovered
    for name, rule in read_rules(rules).items():
        saved, said = funnel_of(log, rules, name)
        assert "saved for another log" not in said and "cannot be read" not in said
        assert saved == json.loads(json.dumps(funnel(in_segment(log, rule), FUNNEL[1::2]).to_dict())), name
    members_path(rules).unlink()
    name = next(iter(read_rules(rules)))
    found, said = funnel_of(log, rules, name)
    assert found == funnel_of(log, rules, name)[0] and "members.parquet" not in said  # no file: found in the log, nothing to say


def test_a_changed_log_is_said_in_one_line_and_measured_anew(discovered):
    log, rules = discovered
    name, rule = next(iter(read_rules(rules).items()))
    before, _said = funnel_of(log, rules, name)
    run("events", "sample", "-o", log, "--users", "500")  # another log at the same path
    after, said = funnel_of(log, rules, name)
    assert after == json.loads(json.dumps(funnel(in_segment(log, rule), FUNNEL[1::2]).to_dict())) != before
    lines = [line for line in said.splitlines() if "members.parquet" in line]
    assert len(lines) == 1 and "saved for another log or another version of it" in lines[0]


def test_where_finds_the_segment_in_the_events_kept(discovered):
    log, rules = discovered
    name, rule = next(iter(read_rules(rules).items()))
    kept, _said = funnel_of(log, rules, name, "--where", "platform = ios", "-q")
    from journeymap.analytics import filtered, read_events

    ios = filtered(read_events(log), ["platform = ios"])
    assert kept == json.loads(json.dumps(funnel(in_segment(ios, rule), FUNNEL[1::2]).to_dict()))


def test_segments_rules_saves_and_reads_back(discovered):
    log, rules = discovered
    members_path(rules).unlink()
    first = run("segments", log, "--rules", rules, "--json")
    assert first.exit_code == 0 and members_path(rules).is_file()
    again = run("segments", log, "--rules", rules, "--json")
    assert json.loads(again.stdout) == json.loads(first.stdout) and "saved" not in again.stderr
