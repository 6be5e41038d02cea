"""Editing live through the API, on SQLite and on PostgreSQL: operations in, changes and presence out, conflict notes.

The stream tests read the Server-Sent Events of a real uvicorn server with httpx,
every read bounded by a timeout, so that a missing event fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pagetools.feedback import write_feedback
from webtools import LiveServer, Team, make_team, run_analysis, upload

from journeymap.model import Journey, operations
from journeymap.settings import Settings
from journeymap.store import live
from journeymap.web import create_app

READ_SECONDS = 10
"""The longest wait for one line of the stream (its heartbeat comes every 15 s, so an idle stream times out)."""


@pytest.fixture
def site(db_url: str, tmp_path: Path) -> Iterator[tuple[LiveServer, Team]]:
    """The app served by uvicorn (a real stream), its live channel listening before the test begins."""
    application = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret"))
    team = make_team(application)
    with LiveServer(application) as server:
        wait_for_listener(application, db_url)
        yield server, team
    application.state.store.close()


def wait_for_listener(application: FastAPI, db_url: str) -> None:
    """On PostgreSQL, wait until the hub's connection has run ``LISTEN`` (events notified before it would not reach this process)."""
    if db_url.startswith("sqlite"):
        return
    deadline = time.monotonic() + 20
    with application.state.store.engine.connect() as connection:
        while time.monotonic() < deadline:
            listening = connection.exec_driver_sql("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN journeymap_live'").scalar()
            connection.rollback()
            if listening:
                return
            time.sleep(0.05)
    raise AssertionError("the live channel never listened")


def send(http: Any, team: Team, role: str | None = "editor", /, **batch: Any) -> httpx.Response:
    """POST a batch of operations to the Shop map as ``role``."""
    return http.post(f"/api/maps/{team.map_id}/operations", json=batch, headers=team.headers(role))


def rename(step: str, name: str) -> list[dict[str, Any]]:
    return [{"op": "set", "path": ["steps", step, "name"], "value": name}]


def stored(client: Any, team: Team) -> tuple[int, dict[str, Any]]:
    """Return the map's change number (its ETag) and document."""
    answer = client.get(f"/api/maps/{team.map_id}", headers=team.headers("viewer"))
    return int(answer.headers["etag"].strip('"')), answer.json()["journey"]


def step_name(document: dict[str, Any], step_id: str) -> str:
    return operations.get(document, ["steps", step_id, "name"])


def notes(client: Any, team: Team) -> list[dict[str, Any]]:
    answer = client.get(f"/api/maps/{team.map_id}/conflicts", headers=team.headers("viewer"))
    assert answer.status_code == 200, answer.text
    return answer.json()["conflicts"]


def error_of(answer: httpx.Response, status: int) -> dict[str, Any]:
    """Return the envelope's error after checking the status and the envelope's shape."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body["error"]) == {"code", "message", "field"}
    return body["error"]


# ---------- operations ----------


def test_a_batch_is_applied_and_answered_with_its_change_number_version_and_operations(team_client):
    client, team = team_client
    batch = [{"op": "set", "path": ["title"], "value": "Toy shop"}, {"op": "insert", "path": ["tags", 0], "value": "kids"}, *rename("pays", "Pays by card")]
    first = send(client, team, client="page-1", batch="1", base=1, operations=batch)
    assert first.status_code == 200, first.text
    assert first.json() == {"seq": 2, "version": 2, "operations": [*batch, {"op": "set", "path": ["version"], "value": 2}], "dropped": [], "conflicts": []}
    seq, document = stored(client, team)
    assert (seq, document["title"], document["tags"], step_name(document, "pays"), document["version"]) == (2, "Toy shop", ["kids", "b2c", "retail"], "Pays by card", 2)
    second = send(client, team, client="page-1", batch="2", base=2, operations=rename("sees-ad", "Sees a banner"))
    assert second.json() == {"seq": 3, "version": 2, "operations": rename("sees-ad", "Sees a banner"), "dropped": [], "conflicts": []}, "a burst of editing stays one revision"
    revisions = client.get(f"/api/maps/{team.map_id}/revisions", headers=team.headers("viewer")).json()["revisions"]
    assert [revision["version"] for revision in revisions] == [2, 1]
    Journey.model_validate(stored(client, team)[1])


def test_a_batch_sent_twice_is_applied_once(team_client):
    client, team = team_client
    batch = {"client": "page-1", "batch": "7", "base": 1, "operations": [{"op": "insert", "path": ["tags", 0], "value": "kids"}]}
    first, again = send(client, team, **batch), send(client, team, **batch)
    assert first.status_code == again.status_code == 200
    assert again.json()["seq"] == first.json()["seq"] == 2
    assert again.json()["operations"] == first.json()["operations"]
    seq, document = stored(client, team)
    assert (seq, document["tags"]) == (2, ["kids", "b2c", "retail"])
    other_page = send(client, team, **{**batch, "client": "page-2", "base": 2})
    assert other_page.json()["seq"] == 3, "the batch id belongs to its page: another page's batch 7 is its own"


def test_a_base_in_the_future_is_a_409_with_the_current_change(team_client):
    client, team = team_client
    answer = send(client, team, client="page-1", batch="1", base=5, operations=rename("pays", "x"))
    assert error_of(answer, 409)["code"] == "version_conflict"
    assert answer.json()["current"] == {"version": 1} and answer.headers["etag"] == '"1"'
    assert stored(client, team)[0] == 1


def test_a_base_too_far_behind_is_a_409_asking_to_reload(team_client, monkeypatch):
    client, team = team_client
    monkeypatch.setattr(live, "MAX_BEHIND", 2)
    for number in range(3):
        assert send(client, team, client="page-1", batch=str(number), base=1 + number, operations=rename("pays", f"Pays {number}")).status_code == 200
    answer = send(client, team, client="page-2", batch="1", base=1, operations=rename("searches", "Googles"))
    error = error_of(answer, 409)
    assert error["code"] == "version_conflict" and "reload" in error["message"]
    assert answer.json()["current"] == {"version": 4}
    assert step_name(stored(client, team)[1], "searches") == "Searches"
    assert send(client, team, client="page-2", batch="2", base=2, operations=rename("searches", "Googles")).status_code == 200, "2 behind is still fine"


@pytest.mark.parametrize(
    ("operation", "problem"),
    [
        ({"op": "replace", "path": ["title"], "value": "x"}, "an operation needs 'op': one of set, insert, delete, move"),
        ({"op": "set", "path": "title", "value": "x"}, "an operation's path is a list of field names, ids and indices"),
        ({"op": "set", "path": [], "value": "x"}, "an operation's path is a list of field names, ids and indices"),
        ({"op": "set", "path": ["tags", -1], "value": "x"}, "an operation's path is a list of field names, ids and indices"),
        ({"op": "insert", "path": ["tags", 0]}, "a insert operation needs a 'value'"),
        ({"op": "move", "path": ["tags", 0]}, "a move operation needs 'to': the path of the place it goes"),
    ],
)
def test_a_malformed_operation_is_a_400_naming_the_problem(team_client, operation, problem):
    client, team = team_client
    answer = send(client, team, client="page-1", batch="1", base=1, operations=[*rename("pays", "Fine"), operation])
    error = error_of(answer, 400)
    assert (error["code"], error["field"], error["message"]) == ("invalid_request", "operations", f"a malformed operation: {problem}")
    assert stored(client, team)[0] == 1, "nothing of the batch is kept"


def test_too_many_operations_in_one_batch_is_a_400(team_client):
    client, team = team_client
    many = [{"op": "set", "path": ["title"], "value": f"Shop {n}"} for n in range(live.MAX_OPERATIONS + 1)]
    error = error_of(send(client, team, client="page-1", batch="1", base=1, operations=many), 400)
    assert (error["field"], error["message"]) == ("operations", f"send at most {live.MAX_OPERATIONS} operations at once")
    assert send(client, team, client="page-1", batch="2", base=1, operations=many[:-1]).status_code == 200


def test_a_request_without_its_page_id_or_with_a_bad_base_is_a_422_naming_the_field(team_client):
    client, team = team_client
    assert error_of(send(client, team, batch="1", base=1, operations=[]), 422)["field"] == "client"
    assert error_of(send(client, team, client="page 1", batch="1", base=1, operations=[]), 422)["field"] == "client"
    assert error_of(send(client, team, client="page-1", batch="1", base=0, operations=[]), 422)["field"] == "base"


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("commenter", 403), ("outsider", 404), (None, 401)])
def test_only_editors_send_operations(team_client, role, status):
    client, team = team_client
    answer = send(client, team, role, client="page-1", batch="1", base=1, operations=rename("pays", "Mine"))
    error_of(answer, status)
    assert stored(client, team)[0] == 1


def test_a_value_the_map_cannot_hold_is_a_422_and_nothing_is_stored(team_client):
    client, team = team_client
    answer = send(client, team, client="page-1", batch="1", base=1, operations=[*rename("pays", "Kept?"), {"op": "set", "path": ["title"], "value": ""}])
    error = error_of(answer, 422)
    assert (error["code"], error["field"]) == ("map_validation", "title")
    seq, document = stored(client, team)
    assert (seq, document["title"], step_name(document, "pays")) == (1, "Shop", "Pays")
    again = send(client, team, client="page-1", batch="1", base=1, operations=rename("pays", "Pays online"))
    assert again.json()["seq"] == 2, "a refused batch is not remembered as applied"


def test_an_operation_that_no_longer_fits_is_dropped_with_its_reason(team_client):
    client, team = team_client
    assert send(client, team, client="page-1", batch="1", base=1, operations=[{"op": "delete", "path": ["tags", 1]}]).status_code == 200
    answer = send(client, team, client="page-2", batch="1", base=1, operations=[{"op": "set", "path": ["tags", 1], "value": "shops"}, {"op": "set", "path": ["tags", 5], "value": "far"}])
    assert answer.json()["operations"] == []
    assert answer.json()["dropped"] == [
        {"operation": {"op": "set", "path": ["tags", 1], "value": "shops"}, "reason": "a change made at the same time removed or replaced tags/1"},
        {"operation": {"op": "set", "path": ["tags", 4], "value": "far"}, "reason": "nothing at tags/4"},
    ]
    assert stored(client, team)[1]["tags"] == ["b2c"]


def test_why_an_operation_was_dropped_is_said_in_the_page_language(team_client):
    client, team = team_client
    client.patch("/api/me", json={"language": "ru"}, headers=team.headers("editor"))
    answer = send(client, team, client="page-1", batch="1", base=1, operations=[{"op": "set", "path": ["tags", 5], "value": "far"}, {"op": "set", "path": ["title", "x"], "value": "y"}])
    assert [item["reason"] for item in answer.json()["dropped"]] == ["по пути tags/5 ничего нет", "title/x ведёт внутрь отдельного значения, а не группы полей или списка"]


# ---------- conflict notes ----------


def test_two_people_in_one_cell_both_apply_in_order_and_the_first_value_is_kept_as_a_note(team_client):
    client, team = team_client
    first = send(client, team, "editor", client="ed-page", batch="1", base=1, operations=rename("sees-ad", "Sees a banner"))
    second = send(client, team, "owner", client="owner-page", batch="1", base=1, operations=rename("sees-ad", "Sees a poster"))
    assert (first.json()["seq"], second.json()["seq"]) == (2, 3)
    assert first.json()["conflicts"] == []
    [note] = second.json()["conflicts"]
    assert {key: note[key] for key in ("path", "kept", "value", "author", "replaced_by")} == {
        "path": "steps/sees-ad/name", "kept": "Sees a banner", "value": "Sees a poster", "author": "editor", "replaced_by": "owner"}
    assert step_name(stored(client, team)[1], "sees-ad") == "Sees a poster"
    assert notes(client, team) == [note]
    resolved = client.post(f"/api/maps/{team.map_id}/conflicts/{note['id']}/resolve", headers=team.headers("editor"))
    assert (resolved.status_code, resolved.json()) == (200, {"ok": True})
    assert notes(client, team) == []


def test_resolving_needs_an_editor_and_a_note_of_this_map(team_client):
    client, team = team_client
    send(client, team, "editor", client="ed-page", batch="1", base=1, operations=rename("pays", "A"))
    [note] = send(client, team, "owner", client="owner-page", batch="1", base=1, operations=rename("pays", "B")).json()["conflicts"]
    unknown = client.post(f"/api/maps/{team.map_id}/conflicts/{note['id'] + 99}/resolve", headers=team.headers("editor"))
    assert error_of(unknown, 404)["message"] == f"this map has no conflict note {note['id'] + 99}"
    error_of(client.post(f"/api/maps/{team.map_id}/conflicts/{note['id']}/resolve", headers=team.headers("viewer")), 403)
    error_of(client.get(f"/api/maps/{team.map_id}/conflicts", headers=team.headers("outsider")), 404)
    assert [item["id"] for item in notes(client, team)] == [note["id"]]


def test_one_page_replacing_its_own_value_or_an_empty_one_makes_no_note(team_client):
    client, team = team_client
    send(client, team, client="ed-page", batch="1", base=1, operations=[{"op": "set", "path": ["steps", "pays", "owner"], "value": ""}])
    send(client, team, client="ed-page", batch="2", base=1, operations=rename("pays", "Pays now"))
    send(client, team, client="ed-page", batch="3", base=1, operations=rename("pays", "Pays later"))
    answer = send(client, team, "owner", client="owner-page", batch="1", base=1, operations=[{"op": "set", "path": ["steps", "pays", "owner"], "value": "Payments"}])
    assert answer.json()["conflicts"] == [] and notes(client, team) == []


@pytest.mark.parametrize(("seen", "noted"), [(1, True), (2, False), (None, False)])
def test_a_value_set_after_what_the_person_saw_is_kept_even_when_the_page_had_rebased(team_client, seen, noted):
    client, team = team_client
    send(client, team, "editor", client="ed-page", batch="1", base=1, operations=rename("searches", "Googles"))
    answer = send(client, team, "owner", client="owner-page", batch="1", base=2, seen=seen, operations=rename("searches", "Compares"))
    assert answer.status_code == 200, answer.text
    assert [note["kept"] for note in answer.json()["conflicts"]] == (["Googles"] if noted else [])
    assert [note["kept"] for note in notes(client, team)] == (["Googles"] if noted else [])
    assert step_name(stored(client, team)[1], "searches") == "Compares"


# ---------- the stream ----------


class Stream:
    """The Server-Sent Events of one page, read with a timeout on every line."""

    def __init__(self, response: httpx.Response) -> None:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        self.lines = response.iter_lines()

    def next(self) -> tuple[str, dict[str, Any], str | None]:
        """Return the next event's name, data and id (heartbeat comments are skipped)."""
        fields: dict[str, str] = {}
        for line in self.lines:
            if line.startswith(":"):
                continue
            if line == "":
                if fields:
                    return fields["event"], json.loads(fields["data"]), fields.get("id")
                continue
            name, _, value = line.partition(": ")
            fields[name] = value
        raise AssertionError("the stream ended")

    def until(self, name: str, seconds: float = READ_SECONDS, accept: Any = lambda data: True) -> dict[str, Any]:
        """Return the data of the next event ``name`` that ``accept`` takes, skipping others."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            event, data, _ = self.next()
            if event == name and accept(data):
                return data
        raise AssertionError(f"no {name} event within {seconds} s")


def listening(http: httpx.Client, team: Team, since: int, client: str = "watcher") -> Any:
    return http.stream("GET", f"/api/maps/{team.map_id}/live", params={"since": since, "client": client})


def http_client(server: LiveServer, team: Team, role: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers=team.headers(role), timeout=httpx.Timeout(READ_SECONDS, connect=5))


def test_the_stream_replays_the_changes_after_since_then_says_who_is_here(site):
    server, team = site
    with http_client(server, team, "editor") as editor, http_client(server, team, "viewer") as viewer:
        sent = [send(editor, team, client="ed-page", batch=str(n), base=1 + n, operations=rename("pays", f"Pays {n}")).json() for n in range(3)]
        with listening(viewer, team, since=1) as response:
            stream = Stream(response)
            replayed = [stream.next() for _ in range(2)]
            assert [(event, event_id, data["seq"], data["client"], data["batch"], data["author"]) for event, data, event_id in replayed] == [
                ("change", "2", 2, "ed-page", "0", "editor"), ("change", "3", 3, "ed-page", "1", "editor")]
            assert [data["operations"] for _, data, _ in replayed] == [sent[0]["operations"], sent[1]["operations"]]
            name, data, _ = stream.next()
            assert name == "change" and data["seq"] == 4
            name, data, _ = stream.next()
            assert name == "presence" and [(entry["client"], entry["user"]) for entry in data["editors"]] == [("watcher", "viewer")]


def test_a_change_sent_while_a_page_listens_reaches_it_with_its_conflicts(site):
    server, team = site
    with http_client(server, team, "editor") as editor, http_client(server, team, "owner") as owner, http_client(server, team, "viewer") as viewer:
        with listening(viewer, team, since=1) as response:
            stream = Stream(response)
            stream.until("presence")
            send(editor, team, client="ed-page", batch="1", base=1, operations=rename("pays", "Pays by card"))
            send(owner, team, client="owner-page", batch="1", base=1, operations=rename("pays", "Pays online"))
            first, second = stream.until("change"), stream.until("change")
            assert (first["seq"], first["operations"], first["conflicts"]) == (2, [*rename("pays", "Pays by card"), {"op": "set", "path": ["version"], "value": 2}], [])
            assert (second["seq"], second["client"], [note["kept"] for note in second["conflicts"]]) == (3, "owner-page", ["Pays by card"])
            note = second["conflicts"][0]
            assert editor.post(f"/api/maps/{team.map_id}/conflicts/{note['id']}/resolve").status_code == 200
            assert "editors" in stream.until("notes")


def test_presence_is_answered_with_the_editors_and_reaches_the_other_pages(site):
    server, team = site
    with http_client(server, team, "editor") as editor, http_client(server, team, "viewer") as viewer:
        with listening(viewer, team, since=1) as response:
            stream = Stream(response)
            stream.until("presence")
            answer = editor.post(f"/api/maps/{team.map_id}/presence", json={"client": "ed-page", "path": "steps/pays/name"})
            assert answer.status_code == 200, answer.text
            here = {entry["client"]: (entry["user"], entry["path"]) for entry in answer.json()["editors"]}
            assert here == {"watcher": ("viewer", None), "ed-page": ("editor", "steps/pays/name")}
            data = stream.until("presence", accept=lambda data: any(entry["client"] == "ed-page" for entry in data["editors"]))
            assert {entry["client"]: entry["path"] for entry in data["editors"]} == {"watcher": None, "ed-page": "steps/pays/name"}
        error_of(editor.post(f"/api/maps/{team.map_id}/presence", json={"client": "bad id", "path": None}), 422)
        error_of(httpx.post(f"{server.url}/api/maps/{team.map_id}/presence", json={"client": "x"}, headers=team.headers("outsider")), 404)


def test_a_stream_is_for_viewers_of_the_map(site):
    server, team = site
    with http_client(server, team, "outsider") as outsider:
        error_of(outsider.get(f"/api/maps/{team.map_id}/live", params={"since": 1, "client": "x"}), 404)
        error_of(outsider.get(f"/api/maps/{team.map_id}/live", params={"since": -1, "client": "x"}), 422)


def test_an_analysis_that_changes_the_map_is_a_change_on_the_stream(site, tmp_path: Path):
    server, team = site
    with http_client(server, team, "editor") as editor, http_client(server, team, "viewer") as viewer:
        source = upload(editor, team, write_feedback(tmp_path / "feedback.csv"), "text/csv")
        before = stored(editor, team)[1]
        with listening(viewer, team, since=1) as response:
            stream = Stream(response)
            stream.until("presence")
            finished = run_analysis(editor, team, team.map_id, "voice", source)
            assert finished["status"] == "done", finished
            change = stream.until("change", seconds=30)
        seq, after = stored(editor, team)
    assert (change["seq"], change["client"], change["batch"], change["author"]) == (2, "analysis", str(finished["id"]), "editor")
    assert seq == 2 and operations.apply_all(before, change["operations"]) == after


def test_a_whole_map_saved_with_if_match_is_a_change_the_stream_replays(site):
    server, team = site
    with http_client(server, team, "editor") as editor, http_client(server, team, "viewer") as viewer:
        current = editor.get(f"/api/maps/{team.map_id}")
        before = current.json()["journey"]
        changed = json.loads(json.dumps(before))
        changed["title"] = "Toy shop"
        changed["stages"][0]["steps"].reverse()
        saved = editor.put(f"/api/maps/{team.map_id}", json=changed, headers={"If-Match": current.headers["etag"]})
        assert (saved.status_code, saved.headers["etag"]) == (200, '"2"')
        with listening(viewer, team, since=1) as response:
            stream = Stream(response)
            name, change, event_id = stream.next()
        after = stored(editor, team)[1]
    assert (name, event_id, change["seq"], change["client"], change["author"]) == ("change", "2", 2, "", "editor")
    assert operations.apply_all(before, change["operations"]) == after and after["title"] == "Toy shop"

