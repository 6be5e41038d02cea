"""Binding steps to an uploaded log's events in a real browser, running the analysis, reading the measured numbers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import Team as Site
from pagetools.events import BINDING, event_counts, funnel_users, write_event_log

pytestmark = pytest.mark.browser


def test_steps_are_bound_by_picking_events_and_the_analysis_fills_the_metrics(page: Any, site: Site, tmp_path: Path) -> None:
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    log_in(page, site, "ana")
    page.goto(f"{site.url}/maps/{site.map_id}")
    page.wait_for_selector("table.grid")
    assert page.locator("#binding-note").inner_text() == "Choose a data file under Analyses to list its events."
    page.get_by_label("Upload an event log or feedback file").set_input_files(str(write_event_log(tmp_path / "events.csv")))
    page.locator("#binding-note", has_text="Events of events.csv").wait_for()
    options = page.get_by_label("Event of Sees ad").locator("option").all_inner_texts()
    counts = event_counts()
    assert options[0] == "Not bound" and sorted(options[1:]) == sorted(f"{event} · {rows}" for event, (rows, _users) in counts.items())
    assert page.locator("img").count() == 0
    for step, event in zip(("Sees ad", "Searches", "Pays"), BINDING.values()):
        page.get_by_label(f"Event of {step}").select_option(event)
    wait_saved(page)
    stored = [step["binding"] for stage in site.stored()["stages"] for step in stage["steps"]]
    assert stored == [{"event": event, "where": {}} for event in BINDING.values()]
    page.get_by_label("Analysis").select_option("analyze")
    page.get_by_role("button", name="Run", exact=True).click()
    page.locator("#run-status", has_text="Done").wait_for()
    page.locator("tr.metrics-row").wait_for()
    users = funnel_users(list(BINDING.values()))
    audience = page.locator("tr.metrics-row td.metrics-cell dd:first-of-type").all_inner_texts()
    assert audience == [f"{count}\nmeasured · events.csv · n = {count}" for count in users]
    conversion = page.locator("tr.metrics-row td.metrics-cell").nth(2).locator("dt", has_text="Conversion").locator("xpath=following-sibling::dd[1]")
    assert conversion.inner_text().split("\n")[0] == f"{round(100 * users[2] / users[1])}%"
    assert page.get_by_label("Event of Pays").input_value() == "purchase"
    folder = os.environ.get("JOURNEYMAP_SCREENSHOTS")
    if folder:
        page.locator("#grid").screenshot(path=Path(folder) / "web-binding.png")
