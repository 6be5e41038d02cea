"""Replies to comment threads in a real browser: written from the keyboard, shown nested under their thread."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from browser.site import log_in
from pagetools import Team as Site

from journeymap.store import accounts, comments

pytestmark = pytest.mark.browser


def test_a_reply_is_written_and_shows_under_its_thread(page: Any, site: Site) -> None:
    with site.app.state.store.writing() as session:
        thread = comments.add_comment(session, site.map_id, accounts.user_named(session, "vera"), "Why do people leave here?", step="pays")
        comments.add_comment(session, site.map_id, accounts.user_named(session, "cora"), "The card form is long", parent=thread.id)
        thread_id = thread.id
    log_in(page, site, "ana")
    page.goto(f"{site.url}/maps/{site.map_id}")
    entry = page.locator(f'li.comment[data-comment="{thread_id}"]')
    entry.locator("ol.replies li.reply").wait_for()
    reply_button = entry.get_by_role("button", name="Reply", exact=True)
    reply_button.focus()
    page.keyboard.press("Enter")
    assert reply_button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.labels[0].textContent") == "Reply to vera"
    page.keyboard.type("Let us test a shorter form")
    entry.get_by_role("button", name="Send").click()
    page.locator("ol.replies li.reply", has_text="Let us test a shorter form").wait_for()
    replies = page.locator(f'li.comment[data-comment="{thread_id}"] ol.replies li.reply .body').all_inner_texts()
    assert replies == ["The card form is long", "Let us test a shorter form"]
    assert page.locator("#comment-list > li.comment").count() == 1
    assert page.evaluate("document.activeElement.dataset.reply") == str(thread_id)
    folder = os.environ.get("JOURNEYMAP_SCREENSHOTS")
    if folder:
        page.locator("aside.comments").screenshot(path=Path(folder) / "web-replies.png")
    with site.app.state.store.reading() as session:
        stored = comments.comments(session, site.map_id)
        assert [(item.body, item.parent_id, item.step_id) for item in stored[1:]] == [("The card form is long", thread_id, "pays"), ("Let us test a shorter form", thread_id, "pays")]
