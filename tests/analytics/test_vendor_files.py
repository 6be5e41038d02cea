"""Genuine vendor files (tests/analytics/fixtures/vendors/README.md gives each one's source and licence).

Each test asserts counts taken from the file by hand or by the standard library,
never from the engine: events, users, names, time range, columns.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from journeymap.analytics import funnel, inspect_events, read_events
from journeymap.errors import DataSourceError

VENDORS = Path(__file__).parent / "fixtures" / "vendors"
FIXTURES = VENDORS.parent
GA4_DEVICE_NULLS = ("mobile_os_hardware_model", "vendor_id", "advertising_id", "time_zone_offset_seconds", "browser", "browser_version")


def test_ga4_web_row_with_null_device_fields():
    row = json.loads((VENDORS / "ga4-velir-web.jsonl").read_text())
    assert all(row["device"][name] is None for name in GA4_DEVICE_NULLS)  # the shape that broke the reading
    summary = inspect_events(read_events(VENDORS / "ga4-velir-web.jsonl", adapter="ga4"))
    assert (summary.row_count, summary.users, summary.events) == (1, 1, 1)
    assert summary.top_events == {"first_visit": 1}
    assert (summary.date_from, summary.date_to) == ("2021-04-06T06:49:50.431476", "2021-04-06T06:49:50.431476")
    assert all(summary.columns[name] == "string" for name in GA4_DEVICE_NULLS)
    assert "_row" not in summary.columns


def test_ga4_campaign_params_do_not_replace_the_traffic_source(tmp_path):
    # the same row as a purchase whose event_params carry a campaign's source and medium
    row = json.loads((VENDORS / "ga4-velir-web.jsonl").read_text())
    row["event_name"] = "purchase"
    row["event_params"] += [{"key": key, "value": {"string_value": value, "int_value": None, "float_value": None, "double_value": None}} for key, value in (("source", "google"), ("medium", "cpc"))]
    path = tmp_path / "ga4.jsonl"
    path.write_text(json.dumps(row) + "\n")
    frame = read_events(path, adapter="ga4").table.execute()
    kept = frame.iloc[0]
    assert (kept["source"], kept["medium"], kept["param_source"], kept["param_medium"]) == ("(direct)", "(none)", "google", "cpc")


def test_mixpanel_lines_without_distinct_id_take_the_device_or_are_counted(tmp_path):
    lines = [
        {"event": "app_open", "properties": {"time": 1709546400, "$device_id": "dev-1", "$os": "iOS"}},
        {"event": "view", "properties": {"time": 1709546460, "$device_id": "dev-1", "$os": "iOS"}},
        {"event": "view", "properties": {"time": 1709546520, "distinct_id": "anna", "$device_id": "dev-2"}},
        {"event": "view", "properties": {"time": 1709546580, "$os": "iOS"}},  # no one named: a bad row
    ]
    path = tmp_path / "mixpanel.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    log = read_events(path, adapter="mixpanel")
    assert (log.rows, log.bad.by_kind, log.bad.first_rows) == (4, {"empty user": 1}, {"empty user": [4]})
    assert sorted(log.table.execute()["user_id"]) == ["anna", "dev-1", "dev-1"]
    only_anonymous = tmp_path / "anonymous.jsonl"
    only_anonymous.write_text("".join(json.dumps(line) + "\n" for line in lines[:2]))
    assert read_events(only_anonymous, adapter="mixpanel").table.execute()["user_id"].tolist() == ["dev-1", "dev-1"]


def test_pm4py_composite_list_attributes_is_a_one_line_error():
    with pytest.raises(DataSourceError) as error:
        read_events(VENDORS / "composite_list_attributes.xes")
    assert str(error.value).endswith("no XES attribute 'case:concept:name'; events need a case, a concept:name and a time:timestamp")


def test_xes_nested_and_list_attributes_stay_out_of_the_columns(tmp_path):
    text = (VENDORS / "composite_list_attributes.xes").read_text()
    event = (
        '<string key="concept:name" value="register"/><date key="time:timestamp" value="2024-03-04T11:00:00+01:00"/>'
        '<string key="org:resource" value="Pete"><string key="meta:role" value="clerk"/></string>'
    )
    path = tmp_path / "nested.xes"
    path.write_text(text.replace("<trace>", '<trace><string key="concept:name" value="case-1"/>').replace("<event>", "<event>" + event))
    log = read_events(path)
    assert log.properties == ["org:resource"]
    assert log.table.execute()[["user_id", "event", "org:resource"]].values.tolist() == [["case-1", "register", "Pete"]]


def test_xes_and_xes_gz_are_known_by_their_name(tmp_path):
    plain = FIXTURES / "permit-requests.xes"
    packed = tmp_path / "permit-requests.xes.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert read_events(plain).rows == read_events(packed).rows == plain.read_text().count("<event>")
    steps = ["register request", "examine casually"]
    assert funnel(plain, steps).to_dict() == funnel(packed, steps).to_dict()


def test_a_json_array_file_is_read_like_json_lines(tmp_path):
    rows = [{"user_id": "a", "event": "open", "timestamp": "2024-01-01T10:00:00Z"}, {"user_id": "b", "event": "open", "timestamp": "2024-01-02T10:00:00Z"}]
    array, lines = tmp_path / "events.json", tmp_path / "events.jsonl"
    array.write_text(json.dumps(rows, indent=2))
    lines.write_text("".join(json.dumps(row) + "\n" for row in rows))
    assert inspect_events(array).to_dict() | {"source": ""} == inspect_events(lines).to_dict() | {"source": ""}
    broken = tmp_path / "broken.json"
    broken.write_text('[{"user_id": "a", "event": ')
    with pytest.raises(DataSourceError, match=r"^.*broken\.json: cannot be read"):
        read_events(broken)
