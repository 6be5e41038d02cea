"""Analyses run from the server on uploaded files: the map comes back measured, as a new revision."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from journeymap import analytics, voice
from webtools import Team, run_analysis as run, upload, wait_for_run


def from_template(client: TestClient, team: Team, template: str) -> str:
    answer = client.post(f"/api/workspaces/{team.workspace}/maps/from-template", json={"template": template}, headers=team.headers("editor"))
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


@pytest.fixture
def app_map_and_log(server) -> tuple[TestClient, Team, str, int]:
    """The bundled map bound to the sample event log, and that log uploaded."""
    client, team = server
    map_id = from_template(client, team, "app-measured-demo")
    return client, team, map_id, upload(client, team, analytics.sample_path(), "application/vnd.apache.parquet")


def test_analyze_measures_the_bound_map_from_an_uploaded_event_log(app_map_and_log):
    client, team, map_id, source = app_map_and_log
    finished = run(client, team, map_id, "analyze", source)
    assert finished["status"] == "done", finished
    journey = client.get(f"/api/maps/{map_id}", headers=team.headers("viewer")).json()["journey"]
    first = journey["stages"][0]["steps"][0]["metrics"]["audience"]
    expected = analytics.funnel(analytics.sample_path(), ["app_open", "search"], window="7d").steps[0].users
    assert first["authored"] == 3500 and first["measured"]["value"] == expected


def test_funnel_of_the_bound_steps(app_map_and_log):
    client, team, map_id, source = app_map_and_log
    finished = run(client, team, map_id, "funnel", source, steps=["app_open", "purchase"], window="7d")
    assert finished["result"] == analytics.funnel(analytics.sample_path(), ["app_open", "purchase"], window="7d").to_dict()


def test_voice_reads_uploaded_feedback_onto_the_map(server):
    client, team = server
    map_id = from_template(client, team, "childrens-shop")
    source = upload(client, team, voice.sample_path(), "text/csv")
    finished = run(client, team, map_id, "voice", source)
    assert finished["status"] == "done", finished
    steps = [step for stage in client.get(f"/api/maps/{map_id}", headers=team.headers("viewer")).json()["journey"]["stages"] for step in stage["steps"]]
    measured = [step["emotion"]["measured"] for step in steps if "measured" in step.get("emotion", {})]
    assert measured and all(-2 <= item["value"] <= 2 and item["count"] > 0 for item in measured)


def test_an_analysis_without_a_data_file_fails_with_a_clear_message(server):
    client, team = server
    map_id = from_template(client, team, "app-measured-demo")
    started = client.post(f"/api/maps/{map_id}/runs", json={"analysis": "analyze"}, headers=team.headers("editor")).json()
    found = wait_for_run(client, team, started["id"])
    assert (found["status"], found["message"]) == ("failed", "this analysis needs a data file; upload one and choose it")
