"""The analytics commands, run in-process on real files in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeymap.analytics import filtered, funnel, read_events, retention, sample_path
from journeymap.cli import app
from journeymap.files import example_path, load

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("events") / "events.parquet"
    result = run("events", "sample", "-o", path)
    assert result.exit_code == 0, result.output
    return path


def test_sample_is_the_bundled_log(sample):
    assert sample.read_bytes() == sample_path().read_bytes()


def test_sample_with_other_users_is_generated(tmp_path):
    assert run("events", "sample", "-o", tmp_path / "small.csv", "--users", "20").exit_code == 0
    assert (tmp_path / "small.csv").read_text().startswith('"user_id","event","timestamp"')


def test_inspect_json(sample):
    result = run("events", "inspect", sample, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["users"], data["events"], data["bad_rows"]["total"]) == (3000, 7, 0)


def test_funnel_json_is_the_library_result(sample, tmp_path):
    chart = tmp_path / "funnel.html"
    result = run("funnel", sample, "--step", "app_open", "--step", "view_item", "--step", "purchase", "--window", "7d", "--json", "-o", chart)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"entered", "window_seconds", "steps"}
    assert set(data["steps"][0]) >= {"name", "users", "conversion_from_previous", "conversion_from_start", "median_seconds_from_previous"}
    assert data == funnel(sample, ["app_open", "view_item", "purchase"], window="7d").to_dict()
    page = chart.read_text()
    assert '<script charset="utf-8" src="plotly.min.js"></script>' in page and "Plotly.newPlot" in page
    assert (tmp_path / "plotly.min.js").stat().st_size > 1_000_000 > chart.stat().st_size


def test_funnel_by_platform_table(sample):
    result = run("funnel", sample, "-s", "app_open", "-s", "purchase", "--by", "platform", "--quiet")
    assert result.exit_code == 0
    assert "platform = android" in result.stdout and "platform = ios" in result.stdout


def test_funnel_times_show_each_steps_users_by_time_to_convert(sample):
    result = run("funnel", sample, "-s", "app_open", "-s", "search", "-s", "purchase", "--window", "7d", "--times", "--quiet")
    assert result.exit_code == 0, result.output
    expected = funnel(sample, ["app_open", "search", "purchase"], window="7d").steps
    table = result.stdout[result.stdout.index("Time to convert"):]
    assert "≤ 1 min" in table and "1 min–10 min" in table and "> 7 d" in table
    for step in expected[1:]:
        assert sum(step.time_to_convert) == step.users
        cells = next(line for line in table.splitlines() if f" {step.name} " in line).split("│")[2:-1]
        assert [int(cell.strip().replace(",", "")) for cell in cells] == step.time_to_convert


def test_retention_json(sample, tmp_path):
    result = run("retention", sample, "--day", "1", "--day", "7", "--json", "-o", tmp_path / "r.html")
    data = json.loads(result.stdout)
    assert data == retention(sample, [1, 7]).to_dict()  # the chart's curve has every day; the result keeps the days asked for
    page = (tmp_path / "r.html").read_text()
    assert page.count("Plotly.newPlot") == 2 and '"x":[0,1,2,3,4,5,6,7]' in page


def test_paths_sankey_and_transitions(sample, tmp_path):
    result = run("paths", sample, "--from", "view_item", "--depth", "3", "--top", "5", "-o", tmp_path / "flows.html", "--json")
    assert len(json.loads(result.stdout)["paths"]) == 5
    assert '"type":"sankey"' in (tmp_path / "flows.html").read_text()
    result = run("transitions", sample, "--top", "3", "--json", "-o", tmp_path / "moves.html")
    assert [edge["source"] for edge in json.loads(result.stdout)["edges"]][0] == "search"
    page = (tmp_path / "moves.html").read_text()
    assert page.count("Plotly.newPlot") == 2 and '"name":"search \\u2192 view_item","showarrow":false,"text":"3,058"' in page


def test_analyze_writes_the_measured_map(sample, tmp_path):
    out = tmp_path / "app.measured.yaml"
    result = run("analyze", sample, "--map", example_path("app-measured-demo"), "-o", out)
    assert result.exit_code == 0, result.output
    measured = load(out)
    assert measured.steps[0].metrics.audience.value == 3000
    assert all(step.metrics.audience.is_measured for step in measured.steps)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def bad_input(tmp_path: Path, name: str) -> Path:
    texts = {
        "missing-columns.csv": "who,what,when\na,b,c\n",
        "bad-times.csv": "user_id,event,timestamp\n" + "".join(f"u{i},open,the {i}th\n" for i in range(9)) + "u9,open,2024-01-01\n",
        "empty.csv": "",
        "header-only.csv": "user_id,event,timestamp\n",
    }
    return write(tmp_path, name, texts[name])


@pytest.mark.parametrize(
    "name, message",
    [
        ("missing-columns.csv", "no column 'user_id' (columns: who, what, when); name the right one with --user-column"),
        ("bad-times.csv", "9 of 10 rows are bad (bad timestamp, first at row 1); check the column names and the time format"),
        ("empty.csv", "the file is empty; export the events again"),
        ("header-only.csv", "the file has no event rows; export the events again"),
    ],
)
@pytest.mark.parametrize("command", [["funnel", "-s", "open"], ["retention"], ["paths", "--from", "open"], ["transitions"]])
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path, name, message, command):
    path = bad_input(tmp_path, name)
    chart = tmp_path / "chart.html"
    result = run(command[0], path, *command[1:], "-o", chart)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: {path}: ") and message in lines[0]
    assert not chart.exists()


def test_analyze_bad_input_leaves_no_map(tmp_path):
    path = bad_input(tmp_path, "bad-times.csv")
    out = tmp_path / "out.yaml"
    result = run("analyze", path, "--map", example_path("app-measured-demo"), "-o", out)
    assert result.exit_code == 2 and "rows are bad" in result.stderr
    assert not out.exists()


def test_some_bad_rows_are_reported_by_kind_and_skipped(tmp_path):
    lines = ["user_id,event,timestamp"] + [f"u{i},open,2024-01-01T10:00:{i:02d}" for i in range(10)]
    lines[2], lines[4] = "u1,open,noon", ",open,2024-01-01T10:00:00"
    path = write(tmp_path, "some-bad.csv", "\n".join(lines) + "\n")
    result = run("funnel", path, "-s", "open", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entered"] == 8
    assert f"{path}: 2 bad rows skipped: empty user 1 (rows 4); bad timestamp 1 (rows 2)" in " ".join(result.stderr.split())
    quiet = run("funnel", path, "-s", "open", "--json", "--quiet")
    assert quiet.stderr == ""


def test_user_column_option_renames(tmp_path):
    path = write(tmp_path, "cases.csv", "case,activity,time\nc1,register,2024-01-01T10:00:00\nc1,pay,2024-01-01T11:00:00\n")
    result = run("funnel", path, "-s", "register", "-s", "pay", "--user-column", "case", "--event-column", "activity", "--time-column", "time", "--json")
    assert [step["users"] for step in json.loads(result.stdout)["steps"]] == [1, 1]


def test_analyze_reads_the_log_the_map_names(sample, tmp_path):
    text = example_path("app-measured-demo").read_text(encoding="utf-8").replace("  window: 7d", "  window: 7d\n  events: events.parquet")
    (tmp_path / "events.parquet").write_bytes(sample.read_bytes())
    map_path = write(tmp_path, "app.yaml", text)
    result = run("analyze", "--map", map_path, "-o", tmp_path / "out.yaml", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["steps"][0]["audience"] == 3000


def test_analyze_without_a_log_anywhere_is_an_error(tmp_path):
    result = run("analyze", "--map", example_path("app-measured-demo"), "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert "name the event log, or set data.events in the map" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.browser
def test_a_chart_is_written_as_svg_by_its_extension(sample, tmp_path):
    result = run("transitions", sample, "--top", "3", "-o", tmp_path / "graph.svg")
    assert result.exit_code == 0
    assert (tmp_path / "graph.svg").read_text().startswith("<svg")


def test_a_chart_with_an_unknown_extension_is_one_line_and_exit_2(sample, tmp_path):
    result = run("funnel", sample, "--step", "app_open", "-o", tmp_path / "funnel.gif")
    assert result.exit_code == 2
    assert "funnel.gif: a chart is written as .html, .png, .svg; change the file's extension" in result.stderr
    assert not (tmp_path / "funnel.gif").exists()


def test_where_keeps_the_events_asked_for_and_says_how_many(sample):
    result = run("funnel", sample, "--step", "app_open", "--step", "purchase", "--where", "platform = ios", "--json")
    assert result.exit_code == 0, result.output
    expected = funnel(filtered(read_events(sample), ["platform = ios"]), ["app_open", "purchase"])
    assert [step["users"] for step in json.loads(result.stdout)["steps"]] == [step.users for step in expected.steps] == [1413, 435]
    assert f"{sample}: --where platform = ios: 11,187 of 23,178 events kept" in " ".join(result.stderr.split())


def test_a_where_on_a_missing_column_is_one_line_exit_2(sample):
    result = run("retention", sample, "--day", "7", "--where", "device = phone")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: --where 'device = phone': the log has no column 'device'; its columns: user_id, event, timestamp, platform, city, channel"
