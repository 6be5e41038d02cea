"""Binding steps to the events of an uploaded log: the events listed, bad files refused, the measured numbers."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from pagetools.events import BINDING, event_counts, funnel_users, write_event_log
from webtools import Team, run_analysis, upload

from journeymap.web import source_events


def events_of(client: TestClient, team: Team, source: int, role: str = "viewer", **columns: str):
    return client.get(f"/api/workspaces/{team.workspace}/sources/{source}/events", params=columns, headers=team.headers(role))


def test_the_events_of_an_uploaded_log_with_their_counts(server, tmp_path: Path):
    client, team = server
    source = upload(client, team, write_event_log(tmp_path / "events.csv"), "text/csv")
    answer = events_of(client, team, source)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["source"], body["name"]) == (source, "events.csv")
    assert {item["event"]: (item["count"], item["users"]) for item in body["events"]} == event_counts()
    assert [item["count"] for item in body["events"]] == sorted((item["count"] for item in body["events"]), reverse=True)


def test_the_events_are_counted_once_per_file(server, tmp_path: Path):
    client, team = server
    source = upload(client, team, write_event_log(tmp_path / "events.csv"), "text/csv")
    events_of(client, team, source)
    before = source_events._counted.cache_info()
    assert events_of(client, team, source).status_code == 200
    after = source_events._counted.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 0)


def test_the_log_s_own_column_names(server, tmp_path: Path):
    client, team = server
    log = tmp_path / "actions.csv"
    log.write_text("person,action,at\np1,open,2026-01-01T10:00:00\np2,open,2026-01-01T11:00:00\np1,pay,2026-01-01T12:00:00\n")
    source = upload(client, team, log, "text/csv")
    answer = events_of(client, team, source, user_id="person", event="action", timestamp="at")
    assert [(item["event"], item["count"], item["users"]) for item in answer.json()["events"]] == [("open", 2, 2), ("pay", 1, 1)]


def test_a_file_that_is_not_an_event_log_is_refused_with_the_reason(server, tmp_path: Path):
    client, team = server
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n")
    answer = events_of(client, team, upload(client, team, notes, "text/csv"))
    assert answer.status_code == 400
    assert answer.json()["error"] == {
        "code": "wrong_upload",
        "message": "This file has no column that looks like a user id. Its columns are: a, b.",
        "field": None,
    }


def test_a_source_of_another_workspace_is_not_found(server, tmp_path: Path):
    client, team = server
    source = upload(client, team, write_event_log(tmp_path / "events.csv"), "text/csv")
    elsewhere = client.get("/api/workspaces", headers=team.headers("outsider")).json()["workspaces"][0]["id"]
    answer = client.get(f"/api/workspaces/{elsewhere}/sources/{source}/events", headers=team.headers("outsider"))
    assert (answer.status_code, answer.json()["error"]["message"]) == (404, f"no data source {source}")


def test_bound_steps_are_measured_and_the_grid_numbers_name_their_source(server, tmp_path: Path):
    client, team = server
    source = upload(client, team, write_event_log(tmp_path / "events.csv"), "text/csv")
    current = client.get(f"/api/maps/{team.map_id}", headers=team.headers("editor"))
    document = current.json()["journey"]
    for stage in document["stages"]:
        for step in stage["steps"]:
            step["binding"] = {"event": BINDING[step["id"]]}
    saved = client.put(f"/api/maps/{team.map_id}", json=document, headers=team.headers("editor", **{"If-Match": current.headers["etag"]}))
    assert saved.status_code == 200, saved.text
    assert run_analysis(client, team, team.map_id, "analyze", source)["status"] == "done"
    cells = client.get(f"/api/maps/{team.map_id}/metrics", headers=team.headers("viewer")).json()["metrics"]
    users = funnel_users(list(BINDING.values()))
    assert [cells[step][0] for step in BINDING] == [
        {"label": "Audience", "text": str(count), "measured": True, "source": f"events.csv · n = {count}"} for count in users
    ]
    conversion = {cell["label"]: cell["text"] for cell in cells["pays"]}["Conversion"]
    assert conversion == f"{round(100 * users[2] / users[1])}%"


def test_the_grid_numbers_are_written_in_the_caller_s_language(server, tmp_path: Path):
    client, team = server
    current = client.get(f"/api/maps/{team.map_id}", headers=team.headers("editor"))
    document = current.json()["journey"]
    document["stages"][1]["steps"][0]["metrics"] = {"audience": 12400, "conversion": 0.042}
    client.put(f"/api/maps/{team.map_id}", json=document, headers=team.headers("editor", **{"If-Match": current.headers["etag"]}))
    client.patch("/api/me", json={"language": "ru"}, headers=team.headers("viewer"))
    cells = client.get(f"/api/maps/{team.map_id}/metrics", headers=team.headers("viewer")).json()["metrics"]["pays"]
    assert [(cell["label"], cell["text"], cell["measured"]) for cell in cells] == [("Аудитория", "12\xa0400", False), ("Конверсия", "4,2%", False)]
