"""The panels below the grid in a real browser: every field a map holds outside the step columns, changed in the page and found saved."""

from __future__ import annotations

import time
from typing import Any, Callable

import pytest
from browser.site import log_in
from pagetools import Team as Site

pytestmark = pytest.mark.browser


def open_map(page: Any, site: Site, map_id: str | None = None) -> None:
    page.goto(f"{site.url}/maps/{map_id or site.map_id}")
    page.wait_for_selector("table.grid")
    page.wait_for_selector('[data-path="title"]')


def stored_when(site: Site, holds: Callable[[dict[str, Any]], bool], map_id: str | None = None) -> dict[str, Any]:
    """Return the stored map once ``holds`` is true of it (the editor saves in the background)."""
    deadline = time.monotonic() + 15
    document = site.stored(map_id)
    while not holds(document) and time.monotonic() < deadline:
        time.sleep(0.1)
        document = site.stored(map_id)
    return document


def control(page: Any, path: str) -> Any:
    return page.locator(f'[data-path="{path}"]')


def problem_of(page: Any, path: str) -> Any:
    return page.locator(f'#{control(page, path).get_attribute("id")}-problem'.replace("/", "\\/").replace(":", "\\:"))


def test_map_details_and_the_emotion_scale_are_saved_as_typed(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_label("Title", exact=True).fill("Toy shop")
    page.get_by_label("Kind of map").select_option("dcj")
    page.get_by_label("State", exact=True).select_option("future")
    page.get_by_label("Language code (en, ru, pt-BR)").fill("ru")
    control(page, "description").fill("Parents buying toys")
    page.get_by_label("Business goal").fill("More repeat purchases")
    page.get_by_label("Scenario").fill("A parent looks for a gift")
    page.get_by_label("Where the journey starts").fill("Sees an ad")
    page.get_by_label("Where the journey ends").fill("Buys again")
    page.get_by_label("Owners (one a line)").fill("Marketing\n\n E-commerce ")
    page.get_by_label("Tags (one a line)").fill("b2c\nretail")
    page.get_by_label("Stage set", exact=True).select_option("lifecycle")
    page.get_by_label("Cyclical: the last stage returns to the first").check()
    page.get_by_label("Lowest score").fill("-3")
    control(page, "emotion_scale/points/0/label").fill("Awful")
    control(page, "emotion_scale/points/4/emoji").fill("🤩")
    document = stored_when(site, lambda doc: doc.get("emotion_scale", {}).get("points", [{}])[-1].get("emoji") == "🤩" and doc.get("cyclical"))
    assert {key: document.get(key) for key in ("title", "kind", "state", "language", "description", "business_goal", "scenario", "scope", "owners", "tags", "stage_set", "cyclical")} == {
        "title": "Toy shop", "kind": "dcj", "state": "future", "language": "ru", "description": "Parents buying toys",
        "business_goal": "More repeat purchases", "scenario": "A parent looks for a gift", "scope": {"start": "Sees an ad", "end": "Buys again"},
        "owners": ["Marketing", "E-commerce"], "tags": ["b2c", "retail"], "stage_set": "lifecycle", "cyclical": True,
    }
    assert document["emotion_scale"] == {"min": -3, "max": 2, "points": [
        {"score": -2, "label": "Awful", "emoji": "😣"}, {"score": -1, "label": "Negative", "emoji": "🙁"}, {"score": 0, "label": "Neutral", "emoji": "😐"},
        {"score": 1, "label": "Positive", "emoji": "🙂"}, {"score": 2, "label": "Very positive", "emoji": "🤩"},
    ]}
    assert page.locator("#map-title").inner_text() == "Toy shop" and page.title().startswith("Toy shop · ")
    page.get_by_role("button", name="+ Add point").click()
    page.keyboard.type("Worst")
    control(page, "emotion_scale/points/5/emoji").fill("😖")
    document = stored_when(site, lambda doc: len(doc["emotion_scale"]["points"]) == 6 and doc["emotion_scale"]["points"][5].get("emoji") == "😖")
    assert document["emotion_scale"]["points"][5] == {"score": -3, "label": "Worst", "emoji": "😖"}
    page.get_by_role("button", name="Remove point 1").click()
    page.get_by_role("button", name="Remove", exact=True).click()
    document = stored_when(site, lambda doc: len(doc["emotion_scale"]["points"]) == 5)
    assert [point["score"] for point in document["emotion_scale"]["points"]] == [-1, 0, 1, 2, -3]


def test_a_value_the_model_refuses_stays_with_the_servers_reason(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    before = site.stored()
    page.get_by_label("Highest score").fill("-5")
    note = page.locator("#panel-panel\\:emotion_scale\\/max-problem")
    note.wait_for()
    assert note.inner_text() == "min -2 must be below max -5"
    assert control(page, "emotion_scale/max").get_attribute("aria-invalid") == "true"
    page.get_by_label("Title", exact=True).fill("")
    title_note = page.locator("#panel-panel\\:title-problem")
    title_note.wait_for()
    assert title_note.inner_text() == "must not be empty"
    page.get_by_label("Language code (en, ru, pt-BR)").fill("Russian")
    page.locator("#panel-panel\\:language-problem").wait_for()
    control(page, "business_goal").fill("Sell more")
    document = stored_when(site, lambda doc: doc.get("business_goal") == "Sell more")
    assert (document["title"], document.get("language", "en"), document.get("emotion_scale")) == (before["title"], "en", None)
    page.evaluate("document.dispatchEvent(new CustomEvent('journeymap:refreshed'))")
    assert control(page, "emotion_scale/max").input_value() == "-5" and note.inner_text() == "min -2 must be below max -5"
    assert control(page, "title").input_value() == ""
