"""The Voices row in a real browser: a feedback file analysed from the page, its quotes, measured emotion and pains on the grid."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import SHOP, Team as Site
from pagetools.feedback import HOSTILE, voices_per_step, write_feedback

from journeymap import voice
from journeymap.model import Journey
from journeymap.render import numbers

pytestmark = pytest.mark.browser


def cell(page: Any, step: str) -> Any:
    return page.locator(f'tr.voices-row td.voices-cell[data-step="{step}"]')


def stored_step(site: Site, step: str) -> dict[str, Any]:
    return next(item for stage in site.stored()["stages"] for item in stage["steps"] if item["id"] == step)


def test_a_feedback_file_analysed_from_the_page_shows_its_voices_and_a_proposed_pain_is_accepted(page: Any, site: Site, browser: Any, tmp_path: Path) -> None:
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    feedback = write_feedback(tmp_path / "feedback.csv")
    shop = Journey.model_validate(SHOP)
    analysis = voice.analyze(shop, voice.read_feedback(feedback))
    reference = {group.id: group for group in analysis.steps}
    quotes = {step.id: [item.text for item in step.evidence] for step in voice.apply(shop, analysis).steps}
    counts = voices_per_step()
    assert {key: group.mentions for key, group in reference.items()} == counts

    log_in(page, site, "ana")
    page.goto(f"{site.url}/maps/{site.map_id}")
    page.wait_for_selector("table.grid")
    assert page.locator("tr.voices-row").count() == 0
    page.get_by_label("Upload an event log or feedback file").set_input_files(str(feedback))
    page.locator("#run-status", has_text="feedback.csv uploaded.").wait_for()
    page.get_by_label("Analysis").select_option("voice")
    page.get_by_role("button", name="Run", exact=True).click()
    page.locator("#run-status", has_text="Done").wait_for()
    page.locator("tr.voices-row dd.measured").first.wait_for()

    for step, count in counts.items():
        score, source = cell(page, step).locator("dd.measured").inner_text().split("\n")
        assert score == numbers.score(reference[step].emotion)
        assert source.startswith(f"measured · Voices: {count} · feedback.csv · ")
        assert cell(page, step).locator("blockquote").all_inner_texts() == quotes[step]
    assert page.locator("tr.voices-row li.voice-quote.proposed").count() == sum(len(texts) for texts in quotes.values())
    assert cell(page, "pays").locator("li.voice-quote .source").last.inner_text() == "proposed · feedback.csv#6 · Mar 7, 2026"
    assert quotes["pays"][-1] == HOSTILE and page.locator("#grid img, #grid script").count() == 0
    pains = reference["pays"].proposed_pains
    assert pains and cell(page, "pays").locator(".voice-pains li > span:first-child").all_inner_texts() == pains

    page.get_by_role("button", name=f"Accept: Pain found in feedback at Pays: {pains[0]}").click()
    wait_saved(page)
    page.get_by_role("button", name="Dismiss: Quote 2 of Pays").click()
    wait_saved(page)
    page.get_by_role("button", name="Accept: Quote 1 of Pays").focus()
    page.keyboard.press("Enter")
    wait_saved(page)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Accept: Quote 2 of Pays"
    stored = stored_step(site, "pays")
    assert stored["pains"] == [pains[0]] and stored["proposed_pains"] == pains[1:]
    assert [(item["text"], item.get("proposed", False)) for item in stored["evidence"]] == [(quotes["pays"][0], False), (HOSTILE, True)]

    page.reload()
    page.locator("tr.voices-row dd.measured").first.wait_for()
    assert page.get_by_role("textbox", name="Pains of Pays, card 1").input_value() == pains[0]
    assert cell(page, "pays").locator(".voice-pains li > span:first-child").all_inner_texts() == pains[1:]
    assert cell(page, "pays").locator("li.voice-quote:not(.proposed) blockquote").all_inner_texts() == [quotes["pays"][0]]
    folder = os.environ.get("JOURNEYMAP_SCREENSHOTS")
    if folder:
        page.evaluate("document.activeElement.blur()")
        page.locator("#grid").screenshot(path=Path(folder) / "web-voices.png")

    viewer = browser.new_context().new_page()
    log_in(viewer, site, "vera")
    viewer.goto(f"{site.url}/maps/{site.map_id}")
    viewer.locator("tr.voices-row dd.measured").first.wait_for()
    assert viewer.locator("tr.voices-row blockquote").count() == sum(len(texts) for texts in quotes.values()) - 1
    assert viewer.locator("tr.voices-row button").count() == 0
    viewer.context.close()
