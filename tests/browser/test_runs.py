"""Analyses in a real browser: the sample log uploaded, a funnel run from the page, its progress, table and chart."""

from __future__ import annotations

from typing import Any

import pytest
from browser.site import log_in
from pagetools import Team as Site

from journeymap import analytics
from journeymap.render import numbers
from journeymap.render.numbers import percent

pytestmark = pytest.mark.browser

STEPS = ["app_open", "search", "purchase"]


def test_a_funnel_run_from_the_page_shows_its_progress_its_formatted_table_and_its_chart(page: Any, site: Site) -> None:
    reference = analytics.funnel(analytics.sample_path(), STEPS, window="30d")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, site, "ana")
    page.goto(f"{site.url}/maps/{site.map_id}")
    page.wait_for_selector("table.grid")
    page.get_by_label("Upload an event log or feedback file").set_input_files(str(analytics.sample_path()))
    page.locator("#run-status", has_text=f"{analytics.sample_path().name} uploaded.").wait_for()
    page.get_by_label("Analysis").select_option("funnel")
    page.get_by_label("Step 1", exact=True).locator("option[value=purchase]").wait_for(state="attached")
    page.get_by_label("Step 1", exact=True).select_option("app_open")
    page.get_by_label("Step 2", exact=True).select_option("search")
    page.get_by_role("button", name="+ Add step").click()
    page.get_by_label("Step 3", exact=True).select_option("purchase")
    page.get_by_label("Time to complete (e.g. 30d, 12h)").first.fill("30d")
    page.get_by_role("button", name="Run", exact=True).click()

    page.locator("#run-status", has_text="Done").wait_for()
    assert page.locator("#run-progress").evaluate("bar => bar.value") == 1
    table = page.locator("#run-result table.run-table")
    assert table.locator("th").all_inner_texts() == ["Step", "Users", "From previous", "From start", "Median time"]
    rows = [row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()]
    assert rows == [
        [step.name, numbers.count(step.users), percent(step.conversion_from_previous), percent(step.conversion_from_start), numbers.duration(step.median_seconds_from_previous)]
        for step in reference.steps
    ]
    assert rows[1][2] == f"{reference.steps[1].users / reference.steps[0].users:.1%}"
    assert table.locator("caption").inner_text() == f"Funnel: {reference.entered:,} users entered"

    frame = page.frame_locator("#run-chart")
    frame.locator("body[data-ready='1'] .js-plotly-plot").wait_for()
    assert frame.locator(".barlayer .trace").count() == 1
    assert frame.locator("g.xtick text").all_text_contents() == STEPS
    assert frame.locator(".barlayer .trace text").all_text_contents() == [numbers.count(step.users) for step in reference.steps]
    assert not [text for text in console if "Content Security Policy" in text], console


def test_a_data_file_is_deleted_from_the_page_after_the_confirm_dialog(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    page.goto(f"{site.url}/maps/{site.map_id}")
    page.wait_for_selector("table.grid")
    delete = page.get_by_role("button", name="Delete this data file")
    assert delete.is_hidden()
    page.get_by_label("Upload an event log or feedback file").set_input_files(str(analytics.sample_path()))
    page.locator("#run-status", has_text=f"{analytics.sample_path().name} uploaded.").wait_for()
    delete.click()
    dialog = page.locator("#confirm-dialog")
    assert dialog.locator("#confirm-dialog-text").inner_text() == f"Delete the data file “{analytics.sample_path().name}”? Analyses already run keep their results."
    dialog.get_by_role("button", name="Cancel").click()
    assert page.locator("#run-source option", has_text=analytics.sample_path().name).count() == 1
    delete.click()
    dialog.get_by_role("button", name="Remove").click()
    page.locator("#run-status", has_text=f"{analytics.sample_path().name} deleted.").wait_for()
    assert page.locator("#run-source option").all_inner_texts() == ["No data file"]
    assert delete.is_hidden()
