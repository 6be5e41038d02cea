"""The discovery commands, run in-process on the bundled sample and maps in a temporary folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from journeymap.analytics import sample_path
from journeymap.analytics.discover import AhaSettings, abtest, aha, barriers
from journeymap.cli import app
from journeymap.cli.app import console
from journeymap.files import example_path, load, save
from journeymap.model import Journey

runner = CliRunner()
SAMPLE = str(sample_path())
MAP = example_path("app-measured-demo")


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setattr(console, "width", 240)


def run(*args: object):
    return runner.invoke(app, [str(arg) for arg in args])


def test_aha_json_is_the_library_result():
    result = run("aha", SAMPLE, "--retention-day", "7", "--within", "1d", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(aha(SAMPLE, AhaSettings(retention_day=7, within="1d")).to_dict()))


def test_aha_table_names_the_top_action_and_the_caveat():
    result = run("aha", SAMPLE, "--within", "1d", "-q")
    assert result.exit_code == 0, result.output
    assert "add_to_favorites" in result.stdout and "Correlation, not causation" in result.stdout


def test_barriers_from_the_map_marked_in_the_output_map(tmp_path):
    output = tmp_path / "marked.yaml"
    result = run("barriers", SAMPLE, "--map", MAP, "-o", output, "--json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["barriers"]
    assert [row["from"] for row in data][:1] == ["views-a-place"] and data[0]["barrier"] is True
    marked = load(output)
    assert marked.step("saves-a-favourite").barriers[0].startswith("Only 31% go on from Views a place")


def test_barriers_from_steps():
    result = run("barriers", SAMPLE, "--step", "app_open", "--step", "view_item", "--step", "purchase", "--window", "7d", "-q")
    assert result.exit_code == 0, result.output
    assert "barrier" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["barriers", SAMPLE], "name the steps with --map or with --step, one of the two"),
        (["barriers", SAMPLE, "--step", "a", "--step", "b", "-o", "out.yaml"], "--output writes the marked map: give the map with --map"),
        (["abtest", SAMPLE, "--step", "purchase"], "name the variant column with --variant-column, or give both --before and --after date ranges"),
        (["aha", SAMPLE, "--retention-day", "1", "--within", "2d"], "--within 2d must end by day 1: an action after that would count as the return itself"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(tmp_path, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {message}"
    assert not (tmp_path / "out.yaml").exists()


def test_abtest_json_is_the_library_result():
    result = run("abtest", SAMPLE, "--variant-column", "platform", "--control", "ios", "--step", "view_item", "--step", "purchase", "--json", "-q")
    assert result.exit_code == 0, result.output
    expected = abtest(SAMPLE, ["view_item", "purchase"], variant_column="platform", control="ios").to_dict()
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))


def test_abtest_table_says_what_is_significant():
    result = run("abtest", SAMPLE, "--variant-column", "platform", "--control", "ios", "--step", "purchase", "-q")
    assert result.exit_code == 0, result.output
    assert "Control: ios" in result.stdout and "yes" in result.stdout


@pytest.fixture
def ideas_map(tmp_path) -> Path:
    journey = Journey(
        title="Shop",
        stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}],
        opportunities=[
            {"title": "Slow fix", "criticality": 2, "design_ease": 2, "development_ease": 2, "audience": 2},
            {"title": "Guest checkout", "criticality": 5, "design_ease": 4, "development_ease": 3, "audience": 4, "steps": ["pays"]},
        ],
    )
    return save(journey, tmp_path / "shop.yaml")


def test_prioritize_writes_the_ranked_xlsx(ideas_map, tmp_path):
    output = tmp_path / "ideas.xlsx"
    result = run("prioritize", ideas_map, "-o", output)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(output).active
    assert [[cell.value for cell in row][:2] for row in sheet.iter_rows(min_row=2)] == [[1, "Guest checkout"], [2, "Slow fix"]]
    assert sheet.cell(row=2, column=8).value == 16


def test_prioritize_markdown_with_weights(ideas_map, tmp_path):
    output = tmp_path / "ideas.md"
    result = run("prioritize", ideas_map, "--weight", "criticality=2", "-o", output, "--json")
    assert result.exit_code == 0, result.output
    assert [idea["score"] for idea in json.loads(result.stdout)["ideas"]] == [21, 10]
    assert output.read_text().splitlines()[4].startswith("| 1 | Guest checkout | pays | 5 | 4 | 3 | 4 | 21 |")


def test_prioritize_picks_the_mvp_within_a_budget(tmp_path):
    ideas = [
        {"title": "Big redesign", "criticality": 5, "design_ease": 5, "development_ease": 5, "audience": 5, "effort": 6},
        {"title": "Guest checkout", "criticality": 4, "design_ease": 4, "development_ease": 4, "audience": 4, "effort": 3},
        {"title": "Saved cards", "criticality": 4, "design_ease": 4, "development_ease": 3, "audience": 4, "effort": 3},
        {"title": "Chat bot", "criticality": 3, "design_ease": 3, "development_ease": 3, "audience": 3},
    ]
    path = save(Journey(title="Shop", opportunities=ideas), tmp_path / "shop.yaml")
    result = run("prioritize", path, "--mvp", "6", "--json")
    assert result.exit_code == 0, result.output
    ids = {idea.title: idea.id for idea in load(path).opportunities}
    assert json.loads(result.stdout)["mvp"] == {"budget": 6.0, "effort": 6.0, "score": 31.0, "ideas": [ids["Guest checkout"], ids["Saved cards"]], "unweighed": [ids["Chat bot"]]}
    text = " ".join(run("prioritize", path, "--mvp", "6").stdout.split())
    assert "MVP within a budget of 6: Guest checkout, Saved cards (effort 6, score 31)" in text
    assert "Left out, as they have no effort or no score yet (1): Chat bot" in text
    refused = run("prioritize", path, "--mvp", "0")
    assert (refused.exit_code, refused.stderr.strip()) == (2, "Error: the MVP budget must be a positive effort, e.g. 6 (the unit of the ideas' effort)")


def test_prioritize_json_says_which_criticality_came_from_the_steps(tmp_path):
    journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "metrics": {"criticality": 4}}]}],
                      opportunities=[{"title": "Guest checkout", "steps": ["pays"], "design_ease": 3, "development_ease": 3, "audience": 3},
                                     {"title": "Chat", "criticality": 2, "design_ease": 3, "development_ease": 3, "audience": 3}])
    result = run("prioritize", save(journey, tmp_path / "shop.yaml"), "--json")
    ideas = {idea["title"]: idea for idea in json.loads(result.stdout)["ideas"]}
    assert (ideas["Guest checkout"]["criticality"], ideas["Guest checkout"]["criticality_from_steps"], ideas["Guest checkout"]["score"]) == (4, True, 13)
    assert (ideas["Chat"]["criticality"], ideas["Chat"]["criticality_from_steps"], ideas["Chat"]["audience_measured"]) == (2, False, False)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--method", "moscow"], "--method 'moscow': choose one of manufactura, rice, ice"),
        (["--weight", "criticality"], "--weight 'criticality': write it as name=number, e.g. criticality=2"),
        (["-o", "ideas.pdf"], "ideas.pdf: write ideas as .xlsx, .csv or .md"),
    ],
)
def test_prioritize_bad_options(ideas_map, args, message):
    result = run("prioritize", ideas_map, *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {message}"
    assert not Path("ideas.pdf").exists()


RULES = """\
segments:
  - name: Reader
    rule: {event: view_item, at_least: 3}
  - name: Navigator
    rule: {sequence: [search, view_item], within: 1h}
"""


@pytest.fixture
def rules(tmp_path) -> Path:
    path = tmp_path / "segments.yaml"
    path.write_text(RULES)
    return path


def test_segments_by_rules_json(rules):
    result = run("segments", SAMPLE, "--rules", rules, "--json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total_users"] == 3000
    assert [(s["name"], s["rule"], s["users"]) for s in data["segments"]] == [("Reader", "view_item ≥ 3", 1092), ("Navigator", "search → view_item within 3600s", 1629)]


def test_segments_by_clusters_writes_each_users_segment(tmp_path):
    output = tmp_path / "users.csv"
    result = run("segments", SAMPLE, "--cluster", "--k", "3", "-o", output, "--json", "-q")
    assert result.exit_code == 0, result.output
    clusters = json.loads(result.stdout)["clusters"]
    rows = list(csv.reader(output.read_text().splitlines()))
    assert rows[0] == ["user_id", "segment"] and len(rows) == 3001
    assert {segment for _user, segment in rows[1:]} == {cluster["name"] for cluster in clusters}


def test_personas_are_added_to_the_map(tmp_path, rules):
    output = tmp_path / "app.personas.yaml"
    result = run("personas", SAMPLE, "--map", MAP, "--rules", rules, "-o", output, "-q")
    assert result.exit_code == 0, result.output
    personas = load(output).personas
    assert [(p.name, p.source.value, p.users) for p in personas] == [("Weekend visitor", "research", None), ("Reader", "data", 1092), ("Navigator", "data", 1629)]
    assert personas[1].segment_rule == "view_item ≥ 3" and personas[1].share == pytest.approx(1092 / 3000)


def test_compare_tests_each_step():
    result = run("compare", SAMPLE, "--segment-column", "platform", "-s", "app_open", "-s", "view_item", "-s", "purchase", "--json", "-q")
    assert result.exit_code == 0, result.output
    tests = json.loads(result.stdout)["tests"]
    assert [(t["step"], t["significant"], t["worst"]) for t in tests] == [("view_item", False, "android"), ("purchase", True, "android")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["segments", SAMPLE], "choose --rules FILE or --cluster"),
        (["segments", SAMPLE, "--rules", "missing.yaml"], "missing.yaml: cannot read the rules file (No such file or directory)"),
        (["segments", SAMPLE, "--rules", "{rules}", "-o", "out.csv"], "-o writes each user's cluster: add --cluster"),
    ],
)
def test_segments_bad_options(rules, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*(str(rules) if arg == "{rules}" else arg for arg in args))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {message}"
    assert not (tmp_path / "out.csv").exists()


def test_aha_marks_the_aha_step_on_the_map(tmp_path):
    output = tmp_path / "app.aha.yaml"
    result = run("aha", SAMPLE, "--within", "1d", "--unbounded", "--map", MAP, "-o", output, "-q")
    assert result.exit_code == 0, result.output
    step = load(output).step("saves-a-favourite")
    assert step.key_moment and step.evidence[-1].text.startswith("Users who did add_to_favorites in their first 1 d came back on day 7 ")


def test_aha_output_needs_a_map(tmp_path):
    result = run("aha", SAMPLE, "-o", tmp_path / "out.yaml")
    assert (result.exit_code, result.stderr.strip()) == (2, "Error: give both --map and --output to mark the aha steps on a map")
    assert not (tmp_path / "out.yaml").exists()


def test_abtest_compares_retention_too():
    result = run("abtest", SAMPLE, "--variant-column", "platform", "--control", "ios", "--retention-day", "7", "--json", "-q")
    assert result.exit_code == 0, result.output
    arms = json.loads(result.stdout)["arms"]
    assert [arm["step"] for arm in arms] == ["retained on day 7", "retained on day 7"]
    assert sum(arm["conversions"] for arm in arms) == 143  # the log's day-7 retention (analytics.retention)


def test_barriers_compare_with_a_previous_period(tmp_path):
    from journeymap.analytics import write_sample

    previous = write_sample(tmp_path / "previous.parquet", users=800, seed=3)
    result = run("barriers", SAMPLE, "--step", "app_open", "--step", "purchase", "--window", "7d", "--previous", previous, "--json", "-q")
    assert result.exit_code == 0, result.output
    (pair,) = json.loads(result.stdout)["barriers"]
    earlier = barriers(previous, ["app_open", "purchase"], window="7d").pairs[0]
    assert pair["previous_conversion"] == pytest.approx(earlier.conversion)
    assert pair["p_value_vs_previous"] is not None
