"""Vendor adapters on small real-looking exports: the same three users and funnel in each."""

from __future__ import annotations

import gzip
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from journeymap.analytics import funnel, read_events
from journeymap.analytics.adapters import ADAPTERS, adapter_named
from journeymap.errors import DataSourceError

from .conftest import shared_file

FIXTURES = Path(__file__).parent / "fixtures"
APP = ["app_open", "view_item", "purchase"]


def amplitude_zip(tmp_path: Path) -> Path:
    """Amplitude's export layout: a zip of <project>/<file>.json.gz."""
    source = FIXTURES / "amplitude" / "301234_2024-03-04_10#0.json"
    archive = tmp_path / "amplitude-export.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"301234/{source.name}.gz", gzip.compress(source.read_bytes()))
    return archive


CASES = {
    "amplitude": (None, APP, {"anna@example.com", "E5F6A7B8-0002", "oleh@example.com"}, {}),
    "mixpanel": ("mixpanel-export.jsonl", APP, {"anna@example.com", "$device:E5F6A7B8-0002", "oleh@example.com"}, {}),
    "ga4": ("ga4-events.jsonl", APP, {"anna", "9876543210.1709550000", "oleh"}, {}),
    "metrica": ("metrica-hits.tsv", ["/", "/tours/17|/tours/3", "/checkout"], {"1709546400123456789", "1709550000987654321", "1709627400555555555"}, {"timezone": "Europe/Moscow"}),
    "appmetrica": ("appmetrica-events.csv", APP, {"anna", "11122233344455566602", "oleh"}, {}),
    "segment": ("segment-calls.jsonl", ["screen", "view_item", "purchase"], {"anna", "anon-2", "oleh"}, {}),
    "xes": ("permit-requests.xes", ["register request", "examine casually", "pay compensation"], {"case-1", "case-2", "case-3"}, {}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_adapter_reads_the_same_journey(tmp_path, name):
    file, steps, users, options = CASES[name]
    path = amplitude_zip(tmp_path) if file is None else FIXTURES / file
    log = read_events(path, adapter=name, **options)
    assert log.bad.total == 0
    frame = log.table.execute()
    assert set(frame["user_id"]) == users
    assert frame["timestamp"].min() == datetime(2024, 3, 4, 10, 0)
    result = funnel(log, steps, window="1d")
    assert [step.users for step in result.steps] == [3, 2, 1]
    assert result.steps[1].median_seconds_from_previous == pytest.approx(105, abs=0.2)


def test_adapters_keep_properties():
    assert "price" in read_events(FIXTURES / "mixpanel-export.jsonl", adapter="mixpanel").properties
    ga4 = read_events(FIXTURES / "ga4-events.jsonl", adapter="ga4")
    assert {"item_id", "ga_session_id", "country", "category", "platform"} <= set(ga4.properties)
    values = ga4.table.filter(ga4.table.event == "view_item").order_by("timestamp").item_id.execute().tolist()
    assert values == ["tour-17", "museum-3"]
    assert "org:resource" in read_events(FIXTURES / "permit-requests.xes", adapter="xes").properties
    assert "case:channel" in read_events(FIXTURES / "permit-requests.xes", adapter="xes").properties


def test_unknown_adapter_and_wrong_export_are_one_line_errors(tmp_path):
    assert set(ADAPTERS) == set(CASES)
    with pytest.raises(DataSourceError, match="no adapter named 'amplitud'; choose one of .* \\(did you mean 'amplitude'\\?\\)"):
        adapter_named("amplitud")
    with pytest.raises(DataSourceError, match="no field 'event_type'; is this an export from Amplitude\\?"):
        read_events(FIXTURES / "mixpanel-export.jsonl", adapter="amplitude")
    fake = tmp_path / "export.zip"
    fake.write_bytes((FIXTURES / "segment-calls.jsonl").read_bytes())
    with pytest.raises(DataSourceError, match="export.zip: not a zip archive"):
        read_events(fake, adapter="amplitude")


def test_shared_pm4py_xes_and_csv_agree():
    xes = read_events(shared_file("pm4py/running-example.xes"), adapter="xes")
    csv = read_events(shared_file("pm4py/running-example.csv"), adapter="xes")
    assert (xes.rows, csv.rows) == (42, 42)
    steps = ["register request", "examine casually", "decide"]
    assert funnel(xes, steps).to_dict() == funnel(csv, steps).to_dict()
