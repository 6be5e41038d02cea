"""The JSON API end to end, on SQLite and on a real PostgreSQL started by the test run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from webtools import SHOP, Team, make_team, wait_for_run as wait_for

from journeymap import files
from journeymap.model import Journey
from journeymap.settings import Settings
from journeymap.web import create_app, jobs, register


@pytest.fixture
def api(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Team, FastAPI]]:
    application = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret", max_upload_bytes=1000))
    team = make_team(application)
    with TestClient(application) as client:
        yield client, team, application
    application.state.store.close()


def edit(client: TestClient, team: Team, path: str, method: str = "PUT", role: str = "editor", **options) -> dict:
    current = client.get(f"/api/maps/{team.map_id}", headers=team.headers(role))
    answer = client.request(method, f"/api/maps/{team.map_id}{path}", headers=team.headers(role, **{"If-Match": current.headers["etag"]}), **options)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_stale_write_gets_409_with_the_current_version_and_loses_nothing(api):
    client, team, _ = api
    first = client.get(f"/api/maps/{team.map_id}", headers=team.headers("editor"))
    assert first.headers["etag"] == '"1"' and Journey.model_validate(first.json()["journey"]).version == 1
    mine = {**first.json()["journey"], "title": "Mine"}
    theirs = {**first.json()["journey"], "title": "Theirs"}
    saved = client.put(f"/api/maps/{team.map_id}?message=retitle", json=mine, headers=team.headers("editor", **{"If-Match": '"1"'}))
    assert (saved.status_code, saved.headers["etag"], saved.json()["title"]) == (200, '"2"', "Mine")
    stale = client.put(f"/api/maps/{team.map_id}", json=theirs, headers=team.headers("owner", **{"If-Match": '"1"'}))
    assert stale.status_code == 409
    assert stale.json()["current"] == {"version": 2} and stale.headers["etag"] == '"2"'
    assert stale.json()["error"]["code"] == "version_conflict"
    assert client.get(f"/api/maps/{team.map_id}", headers=team.headers("viewer")).json()["title"] == "Mine"
    missing = client.put(f"/api/maps/{team.map_id}", json=theirs, headers=team.headers("owner"))
    assert missing.status_code == 428


def test_every_save_is_a_revision_with_author_and_message_and_restore_makes_a_new_one(api):
    client, team, _ = api
    edit(client, team, "?message=Renamed", json={**SHOP, "title": "Shop, renamed"})
    edit(client, team, "/steps/pays/cards/pains", "POST", json={"value": "card declined"})
    revisions = client.get(f"/api/maps/{team.map_id}/revisions", headers=team.headers("viewer")).json()["revisions"]
    assert [(r["version"], r["author"], r["message"]) for r in revisions] == [
        (3, "editor", "Added a card to pays.pains"),
        (2, "editor", "Renamed"),
        (1, "owner", "Created"),
    ]
    changes = client.get(f"/api/maps/{team.map_id}/diff?from=1&to=3", headers=team.headers("viewer")).json()["changes"]
    assert [(c["path"], c["kind"], c["after"], c["step"]) for c in changes] == [
        ("title", "changed", "Shop, renamed", None),
        ("steps[pays].pains", "added", ["card declined"], "pays"),
    ]
    restored = edit(client, team, "/revisions/1/restore", "POST")
    assert (restored["version"], restored["title"], restored["journey"]["version"]) == (4, "Shop", 4)
    assert client.get(f"/api/maps/{team.map_id}/revisions/4", headers=team.headers("viewer")).json()["message"] == "Restored version 1"
    assert client.get(f"/api/maps/{team.map_id}/diff?from=1&to=4", headers=team.headers("viewer")).json()["changes"] == []


def test_parts_of_a_map_are_edited_moved_and_removed(api):
    client, team, _ = api
    edit(client, team, "/steps", "POST", json={"name": "Compares prices", "stage": "find", "position": 1})
    edit(client, team, "/steps/searches", "PATCH", json={"stage": "buy", "position": 0, "owner": "Search team"})
    edit(client, team, "/stages", "POST", json={"name": "Return", "position": 0})
    edit(client, team, "/steps/sees-ad/cards/pains", "POST", json={"value": "can't skip", "position": 0})
    edit(client, team, "/steps/sees-ad/cards/pains/1", "PATCH", json={"value": "very loud"})
    edit(client, team, "/steps/sees-ad/cards/touchpoints", "POST", json={"value": {"name": "YouTube", "channel": "ad"}})
    edit(client, team, "/personas/olga", "PATCH", json={"name": "Olga K."})
    journey = Journey.model_validate(edit(client, team, "/opportunities/one-click-payment", "DELETE")["journey"])
    assert [(stage.id, [step.id for step in stage.steps]) for stage in journey.stages] == [
        ("return", []),
        ("find", ["sees-ad", "compares-prices"]),
        ("buy", ["searches", "pays"]),
    ]
    assert journey.step("searches").owner == "Search team"
    assert journey.step("sees-ad").pains == ["can't skip", "very loud"]
    assert journey.step("sees-ad").touchpoints[0].channel == "ad"
    assert [persona.name for persona in journey.personas] == ["Olga K."]
    assert journey.opportunities == []


def test_a_part_edit_that_breaks_the_map_is_refused_with_its_field(api):
    client, team, _ = api
    answer = client.patch(f"/api/maps/{team.map_id}/steps/pays", json={"emotion": {"actual": 9}}, headers=team.headers("editor", **{"If-Match": '"1"'}))
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "stages[1].steps[0].emotion.actual"
    missing = client.delete(f"/api/maps/{team.map_id}/steps/nope", headers=team.headers("editor", **{"If-Match": '"1"'}))
    assert (missing.status_code, missing.json()["error"]["message"]) == (404, "this map has no steps item nope")


def test_maps_are_listed_and_filtered_on_their_listing_columns(api):
    client, team, _ = api
    for title, tags, kind in [("Onboarding", ["b2b"], "ujm"), ("Checkout", ["b2c"], "cjm")]:
        created = client.post(f"/api/workspaces/{team.workspace}/maps", json={"title": title, "tags": tags, "kind": kind}, headers=team.headers("editor"))
        assert created.status_code == 201 and created.headers["etag"] == '"1"'

    def titles(query: str, role: str = "viewer") -> list[str]:
        return sorted(found["title"] for found in client.get(f"/api/maps?{query}", headers=team.headers(role)).json()["maps"])

    assert titles("") == ["Checkout", "Onboarding", "Shop"]
    assert titles("tag=b2c") == ["Checkout", "Shop"]
    assert titles("kind=ujm") == ["Onboarding"]
    assert titles("q=check") == ["Checkout"]
    assert titles("", role="outsider") == []
    assert titles(f"workspace={team.workspace}") == ["Checkout", "Onboarding", "Shop"]
    assert titles(f"workspace={team.workspace}", role="outsider") == []


def test_import_and_export_round_trip_yaml(api):
    client, team, _ = api
    text = files.dumps(Journey.model_validate(SHOP))
    imported = client.post(f"/api/workspaces/{team.workspace}/maps/import", content=text.encode(), headers=team.headers("editor", **{"Content-Type": "application/yaml"}))
    assert imported.status_code == 201
    exported = client.get(f"/api/maps/{imported.json()['id']}/export?format=yaml", headers=team.headers("viewer"))
    assert exported.headers["content-disposition"] == "attachment; filename=\"shop.yaml\"; filename*=UTF-8''shop.yaml"
    assert files.loads(exported.text).model_copy(update={"version": 1}) == Journey.model_validate(SHOP)
    broken = client.post(f"/api/workspaces/{team.workspace}/maps/import", content=b"title: [unclosed", headers=team.headers("editor", **{"Content-Type": "application/yaml"}))
    assert broken.status_code == 400 and broken.json()["error"]["message"] == "1:17: invalid YAML: while parsing a flow sequence expected ',' or ']', but got '<stream end>'"


def test_comments_form_threads_on_steps_and_cards_and_resolve(api):
    client, team, _ = api
    url = f"/api/maps/{team.map_id}/comments"
    thread = client.post(url, json={"body": "Is this pain real?", "step": "sees-ad", "lane": "pains", "card": 0}, headers=team.headers("commenter")).json()
    reply = client.post(url, json={"body": "Yes, 12 interviews", "parent": thread["id"]}, headers=team.headers("editor")).json()
    assert (reply["step_id"], reply["lane"], reply["card_index"], reply["parent_id"]) == ("sees-ad", "pains", 0, thread["id"])
    client.post(f"{url}/{reply['id']}/resolve", json={"resolved": True}, headers=team.headers("commenter"))
    listed = client.get(url, headers=team.headers("viewer")).json()["comments"]
    assert [(c["body"], c["resolved"]) for c in listed] == [("Is this pain real?", True), ("Yes, 12 interviews", False)]
    assert client.get(f"{url}?unresolved=true", headers=team.headers("viewer")).json()["comments"][0]["id"] == reply["id"]


def test_a_reply_to_a_reply_joins_the_thread(api):
    client, team, _ = api
    url = f"/api/maps/{team.map_id}/comments"
    thread = client.post(url, json={"body": "Why here?", "step": "pays"}, headers=team.headers("commenter")).json()
    first = client.post(url, json={"body": "Fees", "parent": thread["id"]}, headers=team.headers("editor")).json()
    second = client.post(url, json={"body": "Which fees?", "parent": first["id"]}, headers=team.headers("commenter")).json()
    assert (second["parent_id"], second["step_id"]) == (thread["id"], "pays")
    listed = client.get(url, headers=team.headers("viewer")).json()["comments"]
    assert [(c["body"], c["parent_id"]) for c in listed] == [("Why here?", None), ("Fees", thread["id"]), ("Which fees?", thread["id"])]
    missing = client.post(url, json={"body": "Hello?", "parent": 999}, headers=team.headers("commenter"))
    assert (missing.status_code, missing.json()["error"]["message"]) == (404, "no comment 999 on this map")


def test_an_upload_is_streamed_to_disk_with_its_size_and_sha256(api):
    client, team, application = api
    data = b"user_id,event,timestamp\n" + b"u1,view,2026-01-01T00:00:00\n" * 20
    url = f"/api/workspaces/{team.workspace}/sources?name=events.csv"
    stored = client.post(url, content=data, headers=team.headers("editor", **{"Content-Type": "text/csv"})).json()
    assert (stored["size"], stored["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    folder = application.state.settings.data_dir / "sources"
    assert [path.read_bytes() for path in folder.iterdir()] == [data]

    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 100

    too_big = client.post(url, content=chunks(), headers=team.headers("editor", **{"Content-Type": "text/csv"}))
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "upload_too_large"
    assert len(list(folder.iterdir())) == 1
    declared = client.post(url, content=b"x" * 1001, headers=team.headers("editor", **{"Content-Type": "text/csv"}))
    assert declared.status_code == 413
    wrong = client.post(url, content=b"<html>", headers=team.headers("editor", **{"Content-Type": "text/html"}))
    assert wrong.status_code == 415 and len(list(folder.iterdir())) == 1


def test_an_analysis_runs_in_the_background_and_reports_progress_and_result(api):
    client, team, _ = api
    started = client.post(f"/api/maps/{team.map_id}/runs", json={"analysis": "validate"}, headers=team.headers("editor"))
    assert started.status_code == 202 and started.json()["status"] == "queued"
    run = wait_for(client, team, started.json()["id"])
    assert (run["status"], run["progress"], run["result"]["data"]) == ("done", 1.0, {"stages": 2, "steps": 3, "problems": []})
    unknown = client.post(f"/api/maps/{team.map_id}/runs", json={"analysis": "astrology"}, headers=team.headers("editor"))
    assert unknown.status_code == 400 and unknown.json()["error"]["field"] == "analysis"


def test_an_analysis_that_returns_a_map_saves_a_revision_and_a_failing_one_is_reported(api, monkeypatch):
    client, team, _ = api
    for name in ("test-measure", "test-broken"):
        monkeypatch.setitem(jobs.ANALYSES, name, None)  # removed again after the test

    @register("test-measure")
    def measure(context):
        context.progress(0.5, "measuring")
        step = context.journey.step("pays")
        step.emotion.actual = context.params["emotion"]
        return context.journey

    @register("test-broken")
    def broken(context):
        raise RuntimeError("secret detail")

    listed = client.get("/api/analyses", headers=team.headers("viewer")).json()["analyses"]
    assert [item["name"] for item in listed] == [
        "aha", "analyze", "barriers", "funnel", "paths", "personas", "retention", "test-broken", "test-measure", "transitions", "validate", "voice"
    ]
    assert listed[-2] == {"name": "validate", "description": "Check the map's rules; return its problems and counts."}

    run = wait_for(client, team, client.post(f"/api/maps/{team.map_id}/runs", json={"analysis": "test-measure", "params": {"emotion": 2}}, headers=team.headers("editor")).json()["id"])
    assert run["result"] == {"version": 2}
    assert client.get(f"/api/maps/{team.map_id}", headers=team.headers("viewer")).json()["journey"]["stages"][1]["steps"][0]["emotion"] == {"actual": 2}
    failed = wait_for(client, team, client.post(f"/api/maps/{team.map_id}/runs", json={"analysis": "test-broken"}, headers=team.headers("editor")).json()["id"])
    assert failed["status"] == "failed" and "secret" not in failed["message"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_comments_date_is_written_by_babel_as_on_the_history_page(api, language: str):
    from babel.dates import format_date, format_time

    client, team, _ = api
    url = f"/api/maps/{team.map_id}/comments"
    client.post(url, json={"body": "Дата?"}, headers=team.headers("commenter"))
    assert client.patch("/api/me", json={"language": language}, headers=team.headers("viewer")).status_code == 200
    comment = client.get(url, headers=team.headers("viewer")).json()["comments"][0]
    moment = datetime.fromisoformat(comment["created_at"])
    assert comment["shown_at"] == f"{format_date(moment, 'medium', locale=language)} {format_time(moment, 'short', locale=language)}"


def test_the_template_list_names_each_template_once_and_the_dcj_example_has_its_steps(api):
    client, team, _ = api
    listed = client.get("/api/templates", headers=team.headers("viewer")).json()["templates"]
    names = [template["name"] for template in listed]
    assert len(names) == len(set(names))
    assert {(template["name"], template["kind"]) for template in listed} >= {("dcj", "stage set"), ("dcj-fashion", "example map")}
    made = {}
    for name in ("dcj", "dcj-fashion"):
        answer = client.post(f"/api/workspaces/{team.workspace}/maps/from-template", json={"template": name, "title": name}, headers=team.headers("editor"))
        assert answer.status_code == 201, answer.text
        made[name] = client.get(f"/api/maps/{answer.json()['id']}", headers=team.headers("viewer")).json()
    assert [len(stage.get("steps", [])) for stage in made["dcj"]["journey"]["stages"]] == [0] * 7
    assert sum(len(stage.get("steps", [])) for stage in made["dcj-fashion"]["journey"]["stages"]) == 9
