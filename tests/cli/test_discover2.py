"""Segments from action sequences, --segment on the log commands, aha per segment, run in-process on the bundled sample."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from journeymap.analytics import funnel, sample_path
from journeymap.analytics.discover import AhaSettings, aha, check_pattern, discover_segments, in_segment, parse_rule, read_rules
from journeymap.cli import app
from journeymap.cli.app import console

runner = CliRunner()
SAMPLE = str(sample_path())


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setattr(console, "width", 240)


def run(*args: object):
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def found():
    return discover_segments(SAMPLE)


@pytest.fixture(scope="module")
def segments_file(tmp_path_factory, found):
    """The segments ``segments --discover`` writes, once per module: the tests only read the file."""
    path = tmp_path_factory.mktemp("discovered") / "segments.yaml"
    result = run("segments", SAMPLE, "--discover", "-o", path, "-q")
    assert result.exit_code == 0, result.output
    return path


def test_discover_prints_and_writes_the_segments(segments_file, found):
    assert list(read_rules(segments_file)) == [segment.name for segment in found.segments]
    result = run("segments", SAMPLE, "--discover", "--json", "-q")
    assert json.loads(result.stdout) == json.loads(json.dumps(found.to_dict()))
    table = run("segments", SAMPLE, "--discover", "-q").stdout
    assert "app open, then view item" in table and "app_open > view_item" in table


def test_check_measures_a_hypothesis():
    result = run("segments", SAMPLE, "--check", "search > view_item > purchase", "-q")
    expected = check_pattern(SAMPLE, ["search", "view_item", "purchase"])
    assert result.stdout.strip() == f"search > view_item > purchase: {expected.users:,} of 3,000 users ({expected.share:.1%})"


def test_segment_keeps_that_segments_users(segments_file, found):
    name = found.segments[2].name
    result = run("funnel", SAMPLE, "-s", "view_item", "-s", "purchase", "--segments", segments_file, "--segment", name, "--json")
    assert result.exit_code == 0, result.output
    rule = read_rules(segments_file)[name]
    assert json.loads(result.stdout) == json.loads(json.dumps(funnel(in_segment(SAMPLE, rule), ["view_item", "purchase"]).to_dict()))
    assert f"--segment {name}: kept {found.segments[2].users:,} users of 3,000" in result.stderr


@pytest.mark.parametrize("command", [["retention"], ["paths", "--from", "search"], ["transitions"], ["aha", "--within", "1d"], ["barriers", "-s", "search", "-s", "purchase"]])
def test_every_log_command_takes_a_segment(segments_file, found, command):
    result = run(command[0], SAMPLE, *command[1:], "--segments", segments_file, "--segment", found.segments[0].name)
    assert result.exit_code == 0, result.output
    assert f"kept {found.segments[0].users:,} users of 3,000" in result.stderr


def test_aha_by_segment_finds_each_segments_aha(segments_file):
    result = run("aha", SAMPLE, "--within", "1d", "--by-segment", "--segments", segments_file, "--json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rules = read_rules(segments_file)
    assert list(data) == list(rules)
    for name, rule in rules.items():
        assert data[name] == json.loads(json.dumps(aha(in_segment(SAMPLE, rule), AhaSettings(within="1d")).to_dict()))


def test_analyze_measures_a_segment(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("segments: [{name: Buyers, rule: {event: purchase}}]\n")
    from journeymap.files import example_path

    result = run("analyze", SAMPLE, "--map", example_path("app-measured-demo"), "-o", tmp_path / "m.yaml", "--segments", rules, "--segment", "Buyers", "--json")
    assert result.exit_code == 0, result.output
    assert "kept 720 users of 3,000" in result.stderr
    assert in_segment(SAMPLE, parse_rule({"event": "purchase"})).table.user_id.nunique().execute() == 720


@pytest.mark.parametrize(
    "args, message",
    [
        (["funnel", SAMPLE, "-s", "search", "--segment", "x"], "--segment and --by-segment need the file that names the segments: add --segments FILE"),
        (["funnel", SAMPLE, "-s", "search", "--segment", "x", "--segments", "{file}"], "--segment 'x': {file} has no such segment (segments: "),
        (["segments", SAMPLE, "--check", "a > > b"], "--check 'a > > b': write the actions in order between '>', e.g. \"search > view_item > purchase\""),
        (["segments", SAMPLE, "--check", "a > b", "-o", "out.yaml"], "-o writes discovered segments: drop --check"),
        (["segments", SAMPLE, "--discover", "--cluster"], "--discover and --check find segments from sequences: drop --rules and --cluster"),
        (["aha", SAMPLE, "--by-segment"], "--segment and --by-segment need the file that names the segments: add --segments FILE"),
    ],
)
def test_bad_options_are_one_line(segments_file, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*(str(segments_file) if arg == "{file}" else arg for arg in args))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().startswith("Error: " + message.replace("{file}", str(segments_file)))
    assert not (tmp_path / "out.yaml").exists()


def test_paths_between_shows_drop_offs_first():
    from journeymap.analytics import paths_between

    result = run("paths", SAMPLE, "--between", "view_item", "purchase", "--depth", "2", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(paths_between(SAMPLE, "view_item", "purchase", depth=2, top=20).to_dict()))
    table = run("paths", SAMPLE, "--between", "view_item", "purchase", "-q").stdout
    assert table.index("Dropped off (1,737)") < table.index("Converted (717)")
    missing = run("paths", SAMPLE)
    assert missing.exit_code == 2 and missing.stderr.strip() == "Error: give --from EVENT, --to EVENT or --between STEP_A STEP_B"


def test_drivers_rank_and_say_correlation_is_not_causation():
    from journeymap.analytics.discover import drivers

    result = run("drivers", SAMPLE, "-s", "view_item", "-s", "purchase", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(drivers(SAMPLE, "view_item", "purchase").to_dict()))
    table = run("drivers", SAMPLE, "-s", "view_item", "-s", "purchase", "-q").stdout
    assert "add_to_favorites" in table and "Correlation, not causation" in table
    one = run("drivers", SAMPLE, "-s", "view_item")
    assert one.exit_code == 2 and one.stderr.strip() == "Error: name two steps: -s ENTRY -s CONVERSION"


def test_funnel_and_retention_by_interval():
    from journeymap.analytics import funnel_by_interval, retention_by_interval

    result = run("funnel", SAMPLE, "-s", "view_item", "-s", "purchase", "--interval", "week", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(funnel_by_interval(SAMPLE, ["view_item", "purchase"], "week").to_dict()))
    table = run("retention", SAMPLE, "--interval", "month", "-d", "7").stdout
    months = retention_by_interval(SAMPLE, [7], "month").periods
    assert "Retention by period of start (month)" in table and all(row["period"] in table and f"{row['users']:,}" in table for row in months)
    both = run("funnel", SAMPLE, "-s", "view_item", "--interval", "day", "--by", "platform")
    assert both.exit_code == 2 and both.stderr.strip() == "Error: --interval breaks the funnel down by the period of entry: drop --by"


def test_paths_to_an_event_are_the_paths_before_it(segments_file, found):
    name = found.segments[0].name
    to = run("paths", SAMPLE, "--to", "purchase", "--segments", segments_file, "--segment", name, "--json", "-q")
    before = run("paths", SAMPLE, "--from", "purchase", "--before", "--segments", segments_file, "--segment", name, "--json", "-q")
    assert to.exit_code == 0, to.output
    assert json.loads(to.stdout) == json.loads(before.stdout) and json.loads(to.stdout)["direction"] == "before"


def test_retention_by_segment_overlays_each_segments_curve(segments_file, tmp_path):
    from journeymap.analytics import retention

    chart = tmp_path / "retention.html"
    result = run("retention", SAMPLE, "--by-segment", "--segments", segments_file, "-d", "1", "-d", "7", "-o", chart, "--json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rules = read_rules(segments_file)
    assert list(data) == list(rules)
    for name, rule in rules.items():
        alone = retention(in_segment(SAMPLE, rule), [1, 7])
        assert data[name]["cohort_size"] == alone.cohort_size
        assert data[name]["retention"] == {str(day): share for day, share in alone.retention.items()}
    text = chart.read_text(encoding="utf-8")
    assert all(json.dumps(name)[1:-1] in text for name in rules)
