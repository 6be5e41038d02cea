"""The history's side-by-side view in a real browser: opened from the history, changes marked in words."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from browser.site import log_in
from pagetools import Team as Site
from pagetools.versions import changed_shop

from journeymap.store import accounts, save_map

pytestmark = pytest.mark.browser


def test_two_versions_open_side_by_side_from_the_history(page: Any, site: Site) -> None:
    with site.app.state.store.writing() as session:
        save_map(session, site.map_id, changed_shop(site.stored()), based_on=1, author=accounts.user_named(session, "ana"))
    log_in(page, site, "vera")
    page.goto(f"{site.url}/maps/{site.map_id}/history")
    page.locator("#diff li.change").first.wait_for()
    page.get_by_label("From version").select_option("1")
    page.get_by_label("To version").select_option("2")
    page.get_by_role("button", name="Side by side").click()
    page.wait_for_url(f"{site.url}/maps/{site.map_id}/compare?from=1&to=2")
    assert page.get_by_role("columnheader").all_inner_texts()[-2:] == ["Version 1", "Version 2"]
    fees = page.locator('tr[data-step="pays"] li.mark-added')
    assert fees.inner_text().split() == ["+", "added", "fees"]
    assert page.locator('tr[data-step="sees-ad"] td.mark-removed h3').inner_text() == "Sees ad − removed"
    assert page.locator('tr[data-step="compares"] td').first.inner_text() == "Not in this version"
    folder = os.environ.get("JOURNEYMAP_SCREENSHOTS")
    if folder:
        page.screenshot(path=Path(folder) / "web-compare.png", full_page=True)


def test_the_history_names_a_version_and_says_the_changes_in_words(page: Any, site: Site) -> None:
    with site.app.state.store.writing() as session:
        save_map(session, site.map_id, changed_shop(site.stored()), based_on=1, author=accounts.user_named(session, "ana"))
    log_in(page, site, "ana")
    page.goto(f"{site.url}/maps/{site.map_id}/history")
    page.locator("#diff li.change").first.wait_for()
    assert "Step 'Pays': pain added: 'fees'" in page.locator("#diff li.change .text").all_inner_texts()
    page.get_by_label("Name of version 2").fill("after the workshop")
    page.locator('form.name-form[data-version="2"]').get_by_role("button", name="Save name").click()
    page.get_by_text("Version 2 is now called “after the workshop”.").wait_for()
    page.reload()
    assert page.get_by_label("Name of version 2").input_value() == "after the workshop"
    assert "2 · after the workshop" in page.get_by_label("To version").inner_text()
