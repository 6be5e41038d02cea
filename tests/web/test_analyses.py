"""Analyses run from the server on uploaded files: every CLI analysis, its table in the caller's language, its chart, the map measured.

Numbers are checked against plain-Python references over the same small logs
(``pagetools.events`` and ``tests/analytics/reference.py``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import analytics.reference as reference
import pytest
from fastapi.testclient import TestClient
from pagetools.events import BINDING, event_rows, funnel_users, write_event_log
from pagetools.feedback import write_feedback
from webtools import Team, run_analysis as run, upload, wait_for_run

from journeymap import analytics, voice
from journeymap.analytics import discover
from journeymap.render import numbers
from journeymap.web import run_tables


def from_template(client: TestClient, team: Team, template: str) -> str:
    answer = client.post(f"/api/workspaces/{team.workspace}/maps/from-template", json={"template": template}, headers=team.headers("editor"))
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def journey(client: TestClient, team: Team, map_id: str) -> dict[str, Any]:
    return client.get(f"/api/maps/{map_id}", headers=team.headers("viewer")).json()["journey"]


def edit(client: TestClient, team: Team, map_id: str, change: Any) -> None:
    """Change the stored map with ``change(document)`` and save it."""
    current = client.get(f"/api/maps/{map_id}", headers=team.headers("editor"))
    document = current.json()["journey"]
    change(document)
    saved = client.put(f"/api/maps/{map_id}", json=document, headers=team.headers("editor", **{"If-Match": current.headers["etag"]}))
    assert saved.status_code == 200, saved.text


def steps_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for stage in document["stages"] for step in stage["steps"]]


def bind(document: dict[str, Any]) -> None:
    for step in steps_of(document):
        step["binding"] = {"event": BINDING[step["id"]]}


def share(part: int, whole: int) -> str:
    """A share as the English table writes it, computed independently."""
    return f"{100 * part / whole:.1f}%"


def events() -> list[reference.Event]:
    return [reference.Event(user, event, moment) for user, event, moment in event_rows()]


@pytest.fixture
def app_map_and_log(server) -> tuple[TestClient, Team, str, int]:
    """The bundled map bound to the sample event log, and that log uploaded."""
    client, team = server
    map_id = from_template(client, team, "app-measured-demo")
    return client, team, map_id, upload(client, team, analytics.sample_path(), "application/vnd.apache.parquet")


@pytest.fixture
def bound_shop(server, tmp_path: Path) -> tuple[TestClient, Team, int]:
    """The Shop map with its steps bound to the small log's events, and that log uploaded."""
    client, team = server
    edit(client, team, team.map_id, bind)
    return client, team, upload(client, team, write_event_log(tmp_path / "events.csv"), "text/csv")


def test_analyze_measures_the_bound_map_from_an_uploaded_event_log(app_map_and_log):
    client, team, map_id, source = app_map_and_log
    finished = run(client, team, map_id, "analyze", source)
    assert finished["status"] == "done", finished
    first = journey(client, team, map_id)["stages"][0]["steps"][0]["metrics"]["audience"]
    expected = analytics.funnel(analytics.sample_path(), ["app_open", "search"], window="7d").steps[0].users
    assert first["authored"] == 3500 and first["measured"]["value"] == expected
    assert finished["result"]["table"]["rows"][0][:2] == ["Opens the app", f"{expected:,}"]


def test_analyze_table_of_the_bound_steps(bound_shop):
    client, team, source = bound_shop
    finished = run(client, team, team.map_id, "analyze", source)
    users = funnel_users(list(BINDING.values()))
    rows = finished["result"]["table"]["rows"]
    assert [row[:3] for row in rows] == [["Sees ad", str(users[0]), ""], ["Searches", str(users[1]), share(users[1], users[0])],
                                         ["Pays", str(users[2]), share(users[2], users[1])]]
    assert finished["result"]["version"] == 3


def test_a_funnel_defaults_to_the_bound_steps_and_comes_with_its_chart(bound_shop):
    client, team, source = bound_shop
    finished = run(client, team, team.map_id, "funnel", source)
    users = funnel_users(list(BINDING.values()))
    result = finished["result"]
    assert [row[:4] for row in result["table"]["rows"]] == [
        ["ad_view", str(users[0]), share(users[0], users[0]), share(users[0], users[0])],
        ["search", str(users[1]), share(users[1], users[0]), share(users[1], users[0])],
        ["purchase", str(users[2]), share(users[2], users[1]), share(users[2], users[0])],
    ]
    assert [row[4] for row in result["table"]["rows"]] == ["", "1 h", "1 h"]
    assert [column["title"] for column in result["table"]["columns"]] == ["Step", "Users", "From previous", "From start", "Median time"]
    assert result["charts"][0]["data"][0]["type"] == "bar" and result["charts"][0]["data"][0]["y"] == users
    assert "version" not in result and [step["users"] for step in result["data"]["steps"]] == users


def test_a_funnel_of_chosen_steps(app_map_and_log):
    client, team, map_id, source = app_map_and_log
    finished = run(client, team, map_id, "funnel", source, steps=["app_open", "purchase"], window="7d")
    assert finished["result"]["data"] == analytics.funnel(analytics.sample_path(), ["app_open", "purchase"], window="7d").to_dict()


def test_the_table_and_chart_are_written_in_the_caller_s_language(bound_shop):
    client, team, source = bound_shop
    client.patch("/api/me", json={"language": "ru"}, headers=team.headers("editor"))
    finished = run(client, team, team.map_id, "funnel", source)
    users = funnel_users(list(BINDING.values()))
    table = finished["result"]["table"]
    assert [column["title"] for column in table["columns"]][:2] == ["Шаг", "Пользователи"]
    expected = f"{100 * users[2] / users[1]:.1f}".replace(".", ",") + "\xa0%"
    assert table["rows"][2][2] == expected and table["rows"][2][4] == "1 ч"
    assert finished["result"]["charts"][0]["layout"]["separators"] == ",\xa0"
    assert finished["result"]["charts"][0]["layout"]["template"]["layout"]["font"]["family"] == "Noto Sans, sans-serif"  # the poster's look


def test_retention_by_day_against_a_reference(server, tmp_path: Path):
    client, team = server
    start = datetime(2026, 3, 2, 9, 0)
    days = {"u1": [0, 1, 7], "u2": [0, 1], "u3": [0, 2, 7], "u4": [0], "u5": [0, 7, 8]}
    rows = [reference.Event(user, "open", start + timedelta(days=offset, hours=number)) for number, (user, offsets) in enumerate(days.items()) for offset in offsets]
    log = tmp_path / "visits.csv"
    log.write_text("user_id,event,timestamp\n" + "".join(f"{e.user},{e.event},{e.ts.isoformat()}\n" for e in rows))
    finished = run(client, team, team.map_id, "retention", upload(client, team, log, "text/csv"), days="1, 7")
    expected = reference.retention(rows, [1, 7])
    assert finished["result"]["table"]["rows"] == [[str(day), str(expected["retained"][day]), share(expected["retained"][day], expected["cohort_size"])] for day in (1, 7)]
    assert finished["result"]["table"]["title"] == f"Cohort: {expected['cohort_size']} users"
    assert [chart["data"][0]["type"] for chart in finished["result"]["charts"]] == ["scatter", "heatmap"]
    assert list(finished["result"]["data"]["retention"]) == ["1", "7"]  # the chart's curve has every day from 0; the result, the days asked for
    assert finished["result"]["charts"][0]["data"][2]["x"] == list(range(8))


def test_paths_after_an_event_against_a_reference(bound_shop):
    client, team, source = bound_shop
    finished = run(client, team, team.map_id, "paths", source, anchor="ad_view", depth="2")
    found = reference.paths(events(), "ad_view", 2)
    total = sum(found.values())
    assert sorted(finished["result"]["table"]["rows"]) == sorted([" → ".join(path), str(users), share(users, total)] for path, users in found.items())
    assert finished["result"]["charts"][0]["data"][0]["type"] == "sankey"


def test_paths_start_at_the_map_s_first_bound_step_by_default(bound_shop):
    client, team, source = bound_shop
    finished = run(client, team, team.map_id, "paths", source)
    assert finished["result"]["data"]["anchor"] == "ad_view"


def test_transitions_against_a_reference(bound_shop):
    client, team, source = bound_shop
    finished = run(client, team, team.map_id, "transitions", source)
    edges = reference.transitions(events())
    assert sorted(finished["result"]["table"]["rows"]) == sorted([a, b, str(edge["count"]), "1 h"] for (a, b), edge in edges.items())
    assert [chart["data"][0]["type"] for chart in finished["result"]["charts"]] == ["scatter", "heatmap"]  # the graph, then the matrix
    labels = {label["name"]: label["text"] for label in finished["result"]["charts"][0]["layout"]["annotations"] if label.get("name")}
    assert labels == {f"{a} → {b}": str(edge["count"]) for (a, b), edge in edges.items()}


def test_barriers_of_the_bound_steps_are_marked_on_the_map(bound_shop):
    client, team, source = bound_shop
    finished = run(client, team, team.map_id, "barriers", source)
    users = funnel_users(list(BINDING.values()))
    rows = {(row[0], row[1]): row for row in finished["result"]["table"]["rows"]}
    assert rows[("sees-ad", "searches")][2:5] == [str(users[0]), share(users[1], users[0]), str(users[0] - users[1])]
    assert rows[("searches", "pays")][2:5] == [str(users[1]), share(users[2], users[1]), str(users[1] - users[2])]
    assert finished["result"]["version"] == 3


def test_aha_and_data_personas_write_into_the_map(app_map_and_log):
    client, team, map_id, source = app_map_and_log
    finished = run(client, team, map_id, "aha", source, retention_day="7", within="1d")
    expected = discover.aha(analytics.sample_path(), discover.AhaSettings(retention_day=7, within="1d"))
    assert finished["result"]["table"]["rows"] == run_tables.aha_table(expected)["rows"]
    assert finished["result"]["table"]["rows"][0][0] == "add_to_favorites"
    marked = [step for step in steps_of(journey(client, team, map_id)) if step.get("key_moment")]
    assert marked, "the aha step is marked as a key moment"

    finished = run(client, team, map_id, "personas", source, k="3")
    groups = discover.clusters(analytics.sample_path(), k=3)
    assert [row[:3] for row in finished["result"]["table"]["rows"]] == [[c.name, f"{c.users:,}", numbers.percent(c.share)] for c in groups.clusters]
    assert sum(int(row[1].replace(",", "")) for row in finished["result"]["table"]["rows"]) == 3000
    personas = {persona["name"] for persona in journey(client, team, map_id)["personas"]}
    assert {c.name for c in groups.clusters} <= personas


def test_validate_lists_the_map_s_problems_as_a_table(server):
    client, team = server
    started = client.post(f"/api/maps/{team.map_id}/runs", json={"analysis": "validate"}, headers=team.headers("editor")).json()
    found = wait_for_run(client, team, started["id"])
    assert found["result"]["table"]["title"] == "No problems found." and found["result"]["table"]["rows"] == []


def test_the_chart_page_draws_the_run_s_figures_with_plotly_from_the_package(bound_shop):
    client, team, source = bound_shop
    finished = run(client, team, team.map_id, "funnel", source)
    page = client.get(f"/runs/{finished['id']}/chart", headers=team.headers("viewer"))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"] and page.headers["x-frame-options"] == "SAMEORIGIN"
    assert '<script src="/charts/plotly.min.js" defer></script>' in page.text and "http" not in page.text.split("<body")[0].replace("charset", "")
    script = client.get("/charts/plotly.min.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript") and "plotly.js" in script.text[:300]
    assert client.get(f"/runs/{finished['id']}/chart", headers=team.headers("outsider")).status_code == 404
    analyzed = run(client, team, team.map_id, "analyze", source)
    assert client.get(f"/runs/{analyzed['id']}/chart", headers=team.headers("viewer")).status_code == 404


def test_a_hostile_event_name_stays_text_in_the_chart_page(bound_shop):
    client, team, source = bound_shop
    finished = run(client, team, team.map_id, "transitions", source)
    page = client.get(f"/runs/{finished['id']}/chart", headers=team.headers("viewer")).text
    assert "<img" not in page and "\\u003cimg src=x onerror=alert(1)>" in page


def test_voice_reads_uploaded_feedback_onto_the_map(server):
    client, team = server
    map_id = from_template(client, team, "childrens-shop")
    source = upload(client, team, voice.sample_path(), "text/csv")
    finished = run(client, team, map_id, "voice", source)
    assert finished["status"] == "done", finished
    measured = [step["emotion"]["measured"] for step in steps_of(journey(client, team, map_id)) if "measured" in step.get("emotion", {})]
    assert measured and all(-2 <= item["value"] <= 2 and item["count"] > 0 for item in measured)
    voices = {row[0]: int(row[1]) for row in finished["result"]["table"]["rows"]}
    assert sum(voices.values()) == finished["result"]["data"]["mapped"]


def test_a_dismissed_quote_and_pain_stay_dismissed_when_the_voice_analysis_runs_again(server, tmp_path: Path):
    client, team = server
    source = upload(client, team, write_feedback(tmp_path / "feedback.csv"), "text/csv")
    assert run(client, team, team.map_id, "voice", source)["status"] == "done"
    pays = next(step for step in steps_of(journey(client, team, team.map_id)) if step["id"] == "pays")
    quote, pain = pays["evidence"][0]["text"], pays["proposed_pains"][0]

    def dismiss(document: dict[str, Any]) -> None:
        step = next(step for step in steps_of(document) if step["id"] == "pays")
        step["evidence"] = [item for item in step["evidence"] if item["text"] != quote]
        step["proposed_pains"] = [item for item in step["proposed_pains"] if item != pain]
        step["voice"] = {"dismissed": [quote, pain]}

    edit(client, team, team.map_id, dismiss)
    assert run(client, team, team.map_id, "voice", source)["status"] == "done"
    again = next(step for step in steps_of(journey(client, team, team.map_id)) if step["id"] == "pays")
    assert quote not in [item["text"] for item in again["evidence"]] and pain not in again["proposed_pains"]
    assert len(again["evidence"]) == len(pays["evidence"]) - 1 and again["voice"]["dismissed"] == [quote, pain]


def test_an_analysis_without_a_data_file_fails_with_a_clear_message(server):
    client, team = server
    map_id = from_template(client, team, "app-measured-demo")
    started = client.post(f"/api/maps/{map_id}/runs", json={"analysis": "analyze"}, headers=team.headers("editor")).json()
    found = wait_for_run(client, team, started["id"])
    assert (found["status"], found["message"]) == ("failed", "this analysis needs a data file; upload one and choose it")


def test_a_file_without_a_user_column_asks_which_column_holds_it(server, tmp_path: Path):
    client, team = server
    log = tmp_path / "actions.csv"
    log.write_text("person,action,at\np1,open,2026-01-01T10:00:00\np2,open,2026-01-01T11:00:00\np1,pay,2026-01-01T12:00:00\n")
    source = upload(client, team, log, "text/csv")
    failed = run(client, team, team.map_id, "funnel", source, steps=["open", "pay"])
    assert failed["status"] == "failed"
    assert failed["message"] == "This file has no column that looks like a user id. Its columns are: person, action, at. Choose which column holds the user id:"
    assert failed["result"] == {"columns": ["person", "action", "at"], "missing": "user_column", "chosen": {}, "guess": None}
    failed = run(client, team, team.map_id, "funnel", source, steps=["open", "pay"], user_column="person")
    assert failed["message"] == "This file has no column that looks like an event name. Its columns are: person, action, at. Choose which column holds the event name:"
    assert (failed["result"]["guess"], failed["result"]["chosen"]) == ("action", {"user_column": "person"})
    failed = run(client, team, team.map_id, "funnel", source, steps=["open", "pay"], user_column="person", event_column="action")
    assert failed["message"] == "This file has no column that looks like a time. Its columns are: person, action, at. Choose which column holds the time of each event:"
    done = run(client, team, team.map_id, "funnel", source, steps=["open", "pay"], user_column="person", event_column="action", time_column="at")
    assert [row[1] for row in done["result"]["table"]["rows"]] == ["2", "1"]


def test_the_wrong_upload_message_is_in_the_caller_s_language(server, tmp_path: Path):
    client, team = server
    client.patch("/api/me", json={"language": "ru"}, headers=team.headers("editor"))
    log = tmp_path / "notes.csv"
    log.write_text("a,b\n1,2\n")
    failed = run(client, team, team.map_id, "transitions", upload(client, team, log, "text/csv"))
    assert failed["message"].startswith("В этом файле нет столбца, похожего на идентификатор пользователя. Его столбцы: a, b.")


def test_feedback_sent_to_an_event_analysis_is_recognised(server, tmp_path: Path):
    client, team = server
    source = upload(client, team, write_feedback(tmp_path / "feedback.csv"), "text/csv")
    failed = run(client, team, team.map_id, "funnel", source, steps=["a", "b"])
    assert failed["message"] == (
        "This file looks like customer feedback (it has a “text” column), not an event log. Run “Voice of the customer” on it, or upload an event log."
    )
    assert failed["result"] is None


def test_an_event_log_sent_to_the_voice_analysis_is_recognised(bound_shop):
    client, team, source = bound_shop
    failed = run(client, team, team.map_id, "voice", source)
    assert failed["message"] == (
        "This file looks like an event log (who did what and when), not customer feedback. Run an event analysis such as “Funnel” on it, or upload a feedback file."
    )


def test_feedback_without_a_text_column_asks_which_column_holds_the_words(server, tmp_path: Path):
    client, team = server
    notes = tmp_path / "notes.csv"
    notes.write_text("id,said,when\n1,Payment failed twice and the card form is terrible,2026-03-05\n2,Search was quick,2026-03-04\n")
    source = upload(client, team, notes, "text/csv")
    failed = run(client, team, team.map_id, "voice", source)
    assert failed["message"] == "This file has no column that looks like the customers' words. Its columns are: id, said, when. Choose which column holds the text:"
    assert failed["result"]["missing"] == "text_column"
    assert run(client, team, team.map_id, "voice", source, text_column="said")["status"] == "done"
