"""Languages, exports, share links and roles in a real browser."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import Team as Site
from support import page_sizes_mm

from journeymap.i18n import LANGUAGES, gettext as _, in_language

pytestmark = pytest.mark.browser


def open_map(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/maps/{site.map_id}")
    page.wait_for_selector("table.grid")


def test_each_language_is_chosen_in_the_page_and_kept_for_the_user(page: Any, site: Site, browser: Any) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    for code in LANGUAGES:
        page.locator("#language").select_option(code)
        page.wait_for_selector(f'html[lang="{code}"] table.grid')
        with in_language(code):
            expected = (_("Actions"), _("Maps"), _("Log out"))
        assert page.get_by_role("rowheader", name=expected[0], exact=True).count() == 1
        assert page.get_by_role("navigation").first.inner_text().strip() == expected[1]
        assert page.get_by_role("button", name=expected[2]).is_visible()
    page.locator("#language").select_option("lt")
    page.wait_for_selector('html[lang="lt"] table.grid')
    again = browser.new_context().new_page()
    log_in(again, site, "ana")
    assert again.locator("html").get_attribute("lang") == "lt"
    again.context.close()


def test_export_pdf_downloads_a_pdf_on_the_page_size_chosen(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_label("Page size").select_option("A4")
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert page_sizes_mm(Path(download.value.path()))[0] == pytest.approx((297, 210), abs=0.35)


def test_a_share_link_opens_the_poster_zooms_and_is_refused_after_revocation(page: Any, site: Site, browser: Any) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_role("button", name="Share", exact=True).click()
    dialog = page.get_by_role("dialog", name="Share the map")
    dialog.get_by_label("Label").fill("Board meeting")
    dialog.get_by_label("Show the map's comments beside the poster").check()
    dialog.get_by_role("button", name="Create link").click()
    dialog.locator("#share-made").wait_for()
    url = dialog.get_by_label("Anyone with this link can view the map:").input_value()
    assert url.startswith(f"{site.url}/shared/")
    dialog.locator("#share-list tr[data-link]").wait_for()
    cells = dialog.locator("#share-list tr").first.locator("td").all_inner_texts()
    assert cells[0] == "Board meeting" and re.fullmatch(r"\w{3} \d{1,2}, 20\d\d \d{1,2}:\d\d\W[AP]M", cells[2]), cells

    stranger = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    stranger.goto(url)
    stranger.wait_for_selector("#poster-view[data-ready='1']")
    poster = stranger.frame_locator("#poster-frame")
    assert poster.locator(".step h3").all_inner_texts() == ["Sees ad", "Searches", "Pays"]
    assert poster.get_by_text("too loud").count() == 1
    view = stranger.locator("#poster-view")
    fitted = float(view.get_attribute("data-zoom"))
    box = stranger.locator("#poster-box").bounding_box()
    assert box["width"] <= view.bounding_box()["width"] + 1, "the poster fits the width on open"
    stranger.get_by_role("button", name="Zoom in").click()
    assert float(view.get_attribute("data-zoom")) > fitted
    view.focus()
    stranger.keyboard.press("1")
    assert float(view.get_attribute("data-zoom")) == 1
    stranger.keyboard.press("-")
    assert float(view.get_attribute("data-zoom")) < 1
    poster.locator("h1").click()
    stranger.keyboard.press("0")
    assert float(view.get_attribute("data-zoom")) == fitted, "keys work with the focus inside the poster too"
    assert stranger.get_by_role("heading", name="Comments").is_visible()
    folder = os.environ.get("JOURNEYMAP_SCREENSHOTS")
    if folder:
        stranger.get_by_role("button", name="Fit width").click()
        stranger.screenshot(path=Path(folder) / "web-shared.png")

    page.get_by_role("button", name="Revoke the link Board meeting").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Remove").click()
    page.locator("#share-list tr.share-revoked").wait_for()
    stranger.reload()
    assert "revoked" in stranger.get_by_role("alert").inner_text()
    assert stranger.locator("#poster-frame").count() == 0
    stranger.goto(f"{site.url}/maps/{site.map_id}")
    assert stranger.url.startswith(f"{site.url}/login")
    stranger.context.close()


def test_a_share_link_with_a_password_asks_for_it(page: Any, site: Site, browser: Any) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_role("button", name="Share", exact=True).click()
    dialog = page.get_by_role("dialog", name="Share the map")
    dialog.get_by_label("Password (optional, at least 6 characters)").fill("workshop-2026")
    dialog.get_by_role("button", name="Create link").click()
    dialog.locator("#share-made").wait_for()
    url = dialog.locator("#share-url").input_value()
    stranger = browser.new_context().new_page()
    stranger.goto(url)
    stranger.get_by_label("Password").fill("not it at all")
    stranger.get_by_role("button", name="Open the map").click()
    assert stranger.get_by_role("alert").inner_text() == "wrong password for this share link"
    stranger.get_by_label("Password").fill("workshop-2026")
    stranger.get_by_role("button", name="Open the map").click()
    stranger.wait_for_selector("#poster-view[data-ready='1']")
    assert stranger.frame_locator("#poster-frame").locator(".step h3").first.inner_text() == "Sees ad"
    stranger.context.close()


def test_a_viewer_sees_the_map_and_is_refused_an_edit(page: Any, site: Site) -> None:
    log_in(page, site, "vera")
    open_map(page, site)
    assert page.locator("#grid textarea, #grid button, #comment-form").count() == 0
    assert page.get_by_role("button", name="Share", exact=True).count() == 0
    status = page.evaluate(
        """async (mapId) => {
            const answer = await window.journeymap.api("PUT", `/api/maps/${mapId}`, window.journeymap.editor.state.doc, {"If-Match": '"1"'});
            return [answer.status, answer.data.error.code];
        }""",
        site.map_id,
    )
    assert status == [403, "permission_denied"]


def test_screenshots_of_the_main_pages(page: Any, site: Site, tmp_path: Path) -> None:
    """Save the pages the README shows; JOURNEYMAP_SCREENSHOTS names the folder (docs/images)."""
    folder = Path(os.environ.get("JOURNEYMAP_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.goto(f"{site.url}/login")
    page.screenshot(path=folder / "web-login.png")
    log_in(page, site, "ana")
    page.get_by_label("Template").select_option("childrens-shop")
    page.get_by_role("button", name="Create map").click()
    page.wait_for_selector("table.grid")
    page.get_by_label("Your comment").fill("Can we show the size chart before checkout?")
    page.get_by_role("button", name="Send").click()
    page.locator("li.comment").wait_for()
    page.get_by_label("Step name").first.fill("Sees shoes on another child")
    wait_saved(page)
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    page.screenshot(path=folder / "web-editor.png")
    history = page.url + "/history"
    page.goto(f"{site.url}/")
    page.screenshot(path=folder / "web-maps.png")
    page.goto(history)
    page.locator("li.change").first.wait_for()
    page.screenshot(path=folder / "web-history.png")
    assert {"web-editor.png", "web-history.png", "web-login.png", "web-maps.png"} <= {path.name for path in folder.glob("web-*.png")}
