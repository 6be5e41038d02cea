"""Personas and ideas in a real browser: edit a persona, upload its photo, add an idea and see it ranked."""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import Team as Site

pytestmark = pytest.mark.browser

HOSTILE_NAME = '"><img src=x onerror=alert(1)> <script>alert(2)</script>'


def png(size: int = 8) -> bytes:
    """Return a real PNG: ``size`` x ``size`` orange pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xf5\x9e\x0b" * size for _ in range(size))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def open_map(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/maps/{site.map_id}")
    page.wait_for_selector("table.grid")


def test_a_persona_is_added_edited_and_given_a_photo(page: Any, site: Site, tmp_path: Path) -> None:
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    log_in(page, site, "ana")
    open_map(page, site)
    assert page.locator("#persona-list").inner_text() == "No personas yet."
    page.get_by_role("button", name="+ Add persona").click()
    page.keyboard.type(HOSTILE_NAME)
    card = page.locator("fieldset.persona-card")
    card.locator("legend", has_text=HOSTILE_NAME).wait_for()  # the name is in before the photo (Chromium can keep an image's first accessible name)
    card.get_by_label("Buyer role").select_option("decision_maker")
    card.get_by_label("Description").fill("Buys toys for two children")
    card.get_by_label("Goals (one a line)").fill("a gift in time\n\nnothing too loud ")
    picture = tmp_path / "olga.png"
    picture.write_bytes(png())
    card.get_by_label("Photo (PNG, JPEG or WebP, up to 2 MB)").set_input_files(str(picture))
    photo = page.get_by_role("img", name=f"Photo of {HOSTILE_NAME}")
    photo.wait_for()
    page.wait_for_function("() => [...document.querySelectorAll('img.persona-photo')].every((img) => img.complete && img.naturalWidth === 8)")
    assert page.locator("#persona-status").inner_text() == f"Photo of {HOSTILE_NAME} uploaded."
    wait_saved(page)
    digest = hashlib.sha256(png()).hexdigest()
    assert site.stored()["personas"] == [{
        "id": "persona-1", "name": HOSTILE_NAME, "role": "decision_maker", "description": "Buys toys for two children",
        "goals": ["a gift in time", "nothing too loud"], "photo": f"photos/{digest}.png",
    }]
    assert page.locator("fieldset.persona-card legend").inner_text() == HOSTILE_NAME
    assert page.locator("img").count() == 1 and page.locator("script:not([src]):not([type])").count() == 0
    open_map(page, site)
    assert page.locator("fieldset.persona-card").get_by_label("Name").input_value() == HOSTILE_NAME
    photo.wait_for()
    page.get_by_role("button", name="Remove photo").click()
    wait_saved(page)
    assert "photo" not in site.stored()["personas"][0] and page.locator("img").count() == 0
    assert page.evaluate("document.activeElement.type") == "file"


def test_a_bad_photo_is_refused_with_its_reason_and_a_viewer_sees_the_photo(page: Any, site: Site, tmp_path: Path) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_role("button", name="+ Add persona").click()
    page.keyboard.type("Olga")
    svg = tmp_path / "olga.png"
    svg.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    card = page.locator("fieldset.persona-card")
    card.get_by_label("Photo (PNG, JPEG or WebP, up to 2 MB)").set_input_files(str(svg))
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == "SVG pictures are refused because they can carry script; upload a PNG, JPEG or WebP photo"
    picture = tmp_path / "real.png"
    picture.write_bytes(png())
    card.get_by_label("Photo (PNG, JPEG or WebP, up to 2 MB)").set_input_files(str(picture))
    page.get_by_role("img", name="Photo of Olga").wait_for()
    wait_saved(page)
    page.context.clear_cookies()
    log_in(page, site, "vera")
    open_map(page, site)
    viewer_card = page.locator("article.persona-card")
    assert viewer_card.locator("h3").inner_text() == "Olga"
    page.wait_for_function("() => { const img = document.querySelector('article.persona-card img'); return img && img.complete && img.naturalWidth === 8; }")
    assert page.locator("#add-persona").count() == 0 and page.locator("fieldset.persona-card").count() == 0


def test_an_idea_is_added_and_ranked_by_its_score(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    ideas = [("Wrap gifts", "sees-ad", (2, 2, 2, 2), "idea"), ("One-tap payment", "pays", (5, 4, 3, 5), "planned")]
    form = page.locator("#idea-form")  # the idea list under the grid has fields of the same names
    for title, step, scores, status in ideas:
        form.get_by_label("New idea").fill(title)
        form.get_by_label("Step", exact=True).select_option(step)
        for name, score in zip(("Criticality", "Design ease", "Development ease", "Audience"), scores):
            form.get_by_label(name, exact=True).select_option(str(score))
        form.get_by_label("Status", exact=True).select_option(status)
        form.get_by_role("button", name="Add idea").click()
        assert page.locator("#idea-result").inner_text() == f"Idea “{title}” added."
        page.locator("#idea-rows tr", has_text=title).wait_for()
    rows = page.locator("#idea-rows tr").evaluate_all("rows => rows.map(row => [...row.cells].map(cell => cell.textContent))")
    assert rows == [["1", "One-tap payment", "17", "Planned"], ["2", "Wrap gifts", "8", "Proposed"]]
    wait_saved(page)
    stored = site.stored()["opportunities"]
    assert [(idea["id"], idea["title"], idea["steps"], idea["criticality"], idea["status"]) for idea in stored] == [
        ("idea-1", "Wrap gifts", ["sees-ad"], 2, "idea"), ("idea-2", "One-tap payment", ["pays"], 5, "planned"),
    ]

