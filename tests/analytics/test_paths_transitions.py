"""Paths and transitions against the brute-force reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.analytics import Columns, paths, read_events, transitions
from journeymap.errors import DataSourceError

from . import reference as ref
from .conftest import event, random_log, read_reference, shared_file


def path_counts(result) -> dict[tuple[str, ...], int]:
    return {tuple(path["events"]): path["users"] for path in result.paths}


def test_paths_after_the_first_anchor(load):
    table = load([event("a", "search", 0), event("a", "view", 10), event("a", "search", 20), event("b", "search", 0), event("c", "open", 0)])
    result = paths(table, "search", depth=2)
    assert path_counts(result) == {("search", "view", "search"): 1, ("search", "(end)"): 1}
    assert result.users == 2
    assert {(link["level"], link["source"], link["target"]): link["users"] for link in result.links} == {
        (1, "search", "view"): 1, (2, "view", "search"): 1, (1, "search", "(end)"): 1,
    }


def test_tied_times_keep_the_file_order_in_paths_and_transitions(load):
    # u1 logs open, view, buy at one instant; u2 logs buy, view, open at one instant
    rows = [event("u1", "open", 0), event("u1", "view", 0), event("u1", "buy", 0), event("u2", "buy", 5), event("u2", "view", 5), event("u2", "open", 5)]
    table = load(rows)
    assert path_counts(paths(table, "open", depth=2)) == {("open", "view", "buy"): 1, ("open", "(end)"): 1}
    edges = {(edge["source"], edge["target"]): edge["count"] for edge in transitions(table).edges}
    assert edges == {("open", "view"): 1, ("view", "buy"): 1, ("buy", "view"): 1, ("view", "open"): 1}
    assert edges == {key: value["count"] for key, value in ref.transitions(rows).items()}


@pytest.mark.slow
def test_bpic2012_transitions_equal_pm4py_dfg():
    # pm4py's directly-follows graph of the same log (scripts/pm4py_dfg.py wrote it); 25,369 events tie with another of their case
    expected = json.loads((Path(__file__).parent / "fixtures" / "vendors" / "bpic2012-dfg.json").read_text())
    result = transitions(shared_file("pm4py/bpic2012.xes.gz"))
    assert {(edge["source"], edge["target"]): edge["count"] for edge in result.edges} == {(a, b): n for a, b, n in expected["edges"]}
    assert (len(result.edges), sum(result.events.values())) == (125, expected["events"]) == (125, 262200)


def test_paths_before_the_anchor(load):
    table = load([event("a", "open", 0), event("a", "view", 10), event("a", "buy", 20), event("b", "buy", 0)])
    assert path_counts(paths(table, "buy", depth=2, direction="before")) == {("open", "view", "buy"): 1, ("(start)", "buy"): 1}


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("direction", ["after", "before"])
def test_random_paths_match_the_reference(load, seed, direction):
    rows = random_log(seed)
    result = paths(load(rows), "a", depth=3, top=1000, direction=direction)
    assert path_counts(result) == dict(ref.paths(rows, "a", 3, direction))


def test_paths_top_and_bad_options(load):
    table = load(random_log(1))
    assert len(paths(table, "a", depth=2, top=3).paths) == 3
    with pytest.raises(DataSourceError, match="direction 'sideways'"):
        paths(table, "a", direction="sideways")
    with pytest.raises(DataSourceError, match="depth 0"):
        paths(table, "a", depth=0)


@pytest.mark.parametrize("seed", range(5))
def test_random_transitions_match_the_reference(load, seed):
    rows = random_log(seed)
    result = transitions(load(rows), users=True)
    expected = ref.transitions(rows)
    got = {(edge["source"], edge["target"]): edge for edge in result.edges}
    assert set(got) == set(expected)
    for key, want in expected.items():
        assert (got[key]["count"], got[key]["users"]) == (want["count"], want["users"])
        assert got[key]["median_seconds"] == pytest.approx(want["median_seconds"], abs=1e-9)
        assert got[key]["p90_seconds"] == pytest.approx(want["p90_seconds"], abs=1e-9)
    assert [edge["count"] for edge in result.edges] == sorted((edge["count"] for edge in result.edges), reverse=True)
    assert result.to_arrow().num_rows == len(expected)


def test_running_example_transitions_match_the_reference():
    path = shared_file("pm4py/running-example.csv")
    rows = read_reference(path, "case:concept:name", "concept:name", "time:timestamp")
    log = read_events(path, columns=Columns(user_id="case:concept:name", event="concept:name", timestamp="time:timestamp"))
    result = transitions(log)
    expected = ref.transitions(rows)
    assert {(e["source"], e["target"]): e["count"] for e in result.edges} == {key: value["count"] for key, value in expected.items()}
    assert sum(result.events.values()) == 42


def test_ecom_paths_match_the_reference():
    path = shared_file("retentioneering/ecom.csv.gz")
    rows = read_reference(path, "user_id", "event", "timestamp")
    result = paths(read_events(path), "cart", depth=3, top=10_000)
    assert path_counts(result) == dict(ref.paths(rows, "cart", 3))


@pytest.mark.parametrize("seed", range(4))
def test_the_staged_plan_of_a_large_log_gives_the_same_numbers(con, load, seed):
    if con.name != "duckdb":
        pytest.skip("the staged plan is DuckDB's way around its spilling")
    table = load(random_log(seed, users=60))
    staged, direct = transitions(table, users=True, staged=True), transitions(table, users=True, staged=False)
    assert staged.events == direct.events
    assert staged.edges == direct.edges
    assert staged.edges == transitions(table, users=True).edges  # a small log is not staged, and gives the same
    assert transitions(table, staged=True).edges == [{k: v for k, v in edge.items() if k != "users"} for edge in direct.edges]


def test_users_are_counted_only_when_asked(load):
    table = load([event("u1", "a", 0), event("u1", "b", 5), event("u1", "a", 9), event("u1", "b", 10), event("u2", "a", 0), event("u2", "b", 60)])
    plain, counted = transitions(table), transitions(table, users=True)
    assert plain.edges[0] == {"source": "a", "target": "b", "count": 3, "median_seconds": 5.0, "p90_seconds": 49.0}
    assert counted.edges[0] == plain.edges[0] | {"users": 2}
