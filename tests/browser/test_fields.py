"""Every field of a step edited in the grid and saved exactly; the service blueprint; zoom, sticky headers and badges on a big map."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import Team as Site

from journeymap.model import Journey
from journeymap.store import accounts, add_map, comments, get_map

pytestmark = pytest.mark.browser

PERSONAS = {
    "title": "Café",
    "personas": [{"id": "anna", "name": "Anna, student"}],
    "stages": [{"id": "buy", "name": "Buy", "steps": [{"id": "orders", "name": "Orders a coffee", "emotion": {"actual": 1, "measured": {"value": -1.5, "count": 4}}},
                                                      {"id": "pays", "name": "Pays", "emotion": {"actual": -1, "measured": {"value": 0.5, "count": 3}}}]}],
}


def stored_map(site: Site, document: dict[str, Any]) -> str:
    """Store ``document`` as a new map of the team; return its id."""
    with site.app.state.store.writing() as session:
        return add_map(session, site.workspace, Journey.model_validate(document), author=None).id


def stored_step(site: Site, map_id: str, step: str) -> dict[str, Any]:
    with site.app.state.store.reading() as session:
        document = get_map(session, map_id).document
    return next(item for stage in document["stages"] for item in stage.get("steps", []) if item["id"] == step)


def open_map(page: Any, site: Site, map_id: str) -> None:
    page.goto(f"{site.url}/maps/{map_id}")
    page.wait_for_selector("table.grid")


def field(page: Any, path: str) -> Any:
    return page.locator(f'#grid [data-path="{path}"]')


def add_card(page: Any, lane: str, step: str, text: str) -> None:
    page.get_by_role("button", name=f"Add card: {lane}, {step}").click()
    page.keyboard.type(text)


def test_every_field_of_a_step_is_edited_in_the_grid_and_saved_exactly(page: Any, site: Site) -> None:
    map_id = stored_map(site, PERSONAS)
    log_in(page, site, "ana")
    open_map(page, site, map_id)
    field(page, "steps/pays/description").fill("Card or cash at the till")
    field(page, "steps/pays/emotion/label").fill("In a hurry")
    field(page, "steps/pays/emotion/emoji").fill("😬")
    add_card(page, "Goals", "Pays", "Pay fast")
    add_card(page, "Touchpoints", "Pays", "Card reader")
    page.get_by_label("Channel: Touchpoints of Pays, card 1").select_option("store")
    page.get_by_label("Device: Touchpoints of Pays, card 1").fill("POS terminal")
    page.get_by_label("Online or offline: Touchpoints of Pays, card 1").select_option("offline")
    page.get_by_label("Owner: Touchpoints of Pays, card 1").fill("Payments")
    add_card(page, "Evidence", "Pays", "It took ages to pay")
    field(page, "steps/pays/evidence/0/kind").select_option("review")
    field(page, "steps/pays/evidence/0/source").fill("App store")
    field(page, "steps/pays/evidence/0/url").fill("https://reviews.example/1")
    field(page, "steps/pays/evidence/0/date").fill("2026-02-11")
    add_card(page, "Communication plan", "Pays", "Your receipt")
    page.get_by_label("Channel: Communication plan of Pays, card 1").select_option("email")
    page.get_by_label("When: Communication plan of Pays, card 1").fill("Right after paying")
    page.get_by_label("Owner: Communication plan of Pays, card 1").fill("CRM")
    page.get_by_role("button", name="Add service blueprint lanes").click()
    add_card(page, "Backstage", "Pays", "The bank checks the card")
    add_card(page, "Physical evidence", "Pays", "Receipt")
    field(page, "steps/pays/owner").fill("Sales floor")
    field(page, "stages/buy/owner").fill("Café team")
    page.get_by_label("Takes part: Anna, student at Pays").check()
    field(page, "steps/pays/by_persona/anna/emotion/actual").select_option("-2")
    field(page, "steps/pays/by_persona/anna/notes").fill("Pays with her phone")
    field(page, "steps/pays/subjourney").fill("payments.yaml")
    page.locator('[data-key="key:pays"]').check()
    page.locator('[data-key="mot:pays:smot"]').check()
    wait_saved(page)

    step = stored_step(site, map_id, "pays")
    step.pop("id"), step.pop("name")
    assert step == {
        "description": "Card or cash at the till",
        "emotion": {"actual": -1, "label": "In a hurry", "emoji": "😬", "measured": {"value": 0.5, "count": 3}},
        "goals": ["Pay fast"],
        "touchpoints": [{"name": "Card reader", "channel": "store", "device": "POS terminal", "mode": "offline", "owner": "Payments"}],
        "evidence": [{"kind": "review", "text": "It took ages to pay", "source": "App store", "url": "https://reviews.example/1", "date": "2026-02-11"}],
        "communications": [{"channel": "email", "message": "Your receipt", "timing": "Right after paying", "owner": "CRM"}],
        "blueprint": {"physical_evidence": ["Receipt"], "backstage": ["The bank checks the card"]},
        "owner": "Sales floor",
        "by_persona": {"anna": {"emotion": {"actual": -2}, "notes": "Pays with her phone"}},
        "subjourney": "payments.yaml",
        "key_moment": True,
        "moments_of_truth": ["smot"],
    }
    with site.app.state.store.reading() as session:
        assert get_map(session, map_id).document["stages"][0]["owner"] == "Café team"
    export = page.request.get(f"{site.url}/api/maps/{map_id}/export?format=yaml").text()
    assert "The bank checks the card" in export and "Pays with her phone" in export

    keys = page.locator("#grid [data-key]").evaluate_all("nodes => nodes.map(node => node.dataset.key)")
    assert len(keys) == len(set(keys))
    unnamed = page.locator("#grid input, #grid textarea, #grid select").evaluate_all("nodes => nodes.filter(node => !node.dataset.key || !node.dataset.path).length")
    assert unnamed == 0


def test_a_redraw_while_typing_keeps_the_text_and_the_caret(page: Any, site: Site) -> None:
    map_id = stored_map(site, PERSONAS)
    log_in(page, site, "ana")
    open_map(page, site, map_id)
    box = field(page, "steps/orders/description")
    box.click()
    page.keyboard.type("Hello world")
    page.evaluate("() => { document.activeElement.setSelectionRange(5, 5); window.journeymap.editor.render(); }")
    page.keyboard.type(",")
    assert field(page, "steps/orders/description").input_value() == "Hello, world"
    assert page.evaluate("[document.activeElement.dataset.path, document.activeElement.selectionStart]") == ["steps/orders/description", 6]
    wait_saved(page)
    assert stored_step(site, map_id, "orders")["description"] == "Hello, world"


def test_persona_participation_is_removed_after_confirming(page: Any, site: Site) -> None:
    document = dict(PERSONAS, stages=[{"id": "buy", "name": "Buy", "steps": [{"id": "pays", "name": "Pays", "by_persona": {"anna": {"notes": "Uses her phone"}}}]}])
    map_id = stored_map(site, document)
    log_in(page, site, "ana")
    open_map(page, site, map_id)
    assert field(page, "steps/pays/by_persona/anna/notes").input_value() == "Uses her phone"
    takes_part = page.get_by_label("Takes part: Anna, student at Pays")
    takes_part.click()
    page.evaluate("window.journeymap.editor.render()")  # as a collaborator's change would, while the question is open
    assert takes_part.is_checked()
    page.get_by_role("dialog").get_by_role("button", name="Cancel").click()
    assert takes_part.is_checked()
    assert field(page, "steps/pays/by_persona/anna/notes").input_value() == "Uses her phone"
    takes_part.click()
    page.get_by_role("dialog").get_by_role("button", name="Remove").click()
    page.wait_for_function("() => !window.journeymap.editor.state.doc.stages[0].steps[0].by_persona")
    wait_saved(page)
    assert "by_persona" not in stored_step(site, map_id, "pays")


def test_the_measured_emotion_is_drawn_beside_the_authored_one(page: Any, site: Site) -> None:
    map_id = stored_map(site, PERSONAS)
    log_in(page, site, "ana")
    open_map(page, site, map_id)
    measured = page.locator("svg.curve path.point.measured")
    assert measured.evaluate_all("nodes => nodes.map(node => node.getAttribute('aria-label'))") == ["Measured emotion at Orders a coffee: -1.5", "Measured emotion at Pays: 0.5"]
    assert page.locator("svg.curve polyline.line.measured").count() == 1
    assert "Measured emotion" in page.locator(".curve-legend").inner_text()
    actual = page.locator('[data-key="emotion:orders:actual"]').bounding_box()
    diamond = measured.first.bounding_box()
    assert diamond["y"] > actual["y"] + 20
    assert page.locator("#curve-axis .axis-label").all_inner_texts() == ["😣 Very negative", "🙁 Negative", "😐 Neutral", "🙂 Positive", "😄 Very positive"]


def seventeen_steps() -> dict[str, Any]:
    names = ["Sees an ad", "Reads reviews", "Asks friends", "Compares prices", "Visits the site", "Signs up", "Picks a plan", "Enters the card", "Pays",
             "Gets the box", "Unpacks", "Sets it up", "Calls support", "Uses it daily", "Renews", "Rates it", "Recommends it"]
    stages = [("Aware", 0, 4), ("Buy", 4, 9), ("Use", 9, 14), ("Stay", 14, 17)]
    return {"title": "Seventeen", "stages": [{"name": stage, "steps": [{"name": name, "pains": [f"Pain of {name}"]} for name in names[start:end]]} for stage, start, end in stages]}


def headers_inside(page: Any) -> int:
    """How many step headers lie wholly inside the grid's frame and the window."""
    return page.evaluate("""() => {
        const frame = document.getElementById("grid").getBoundingClientRect();
        const right = Math.min(frame.right, window.innerWidth), bottom = Math.min(frame.bottom, window.innerHeight);
        return [...document.querySelectorAll("th.step[data-step]")].filter((cell) => {
            const box = cell.getBoundingClientRect();
            return box.left >= frame.left - 1 && box.right <= right + 1 && box.top >= frame.top - 1 && box.bottom <= bottom + 1;
        }).length;
    }""")


def test_a_17_step_map_fits_a_1440_px_window_when_zoomed_out(browser: Any, site: Site, tmp_path: Path) -> None:
    map_id = stored_map(site, seventeen_steps())
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    log_in(page, site, "ana")
    open_map(page, site, map_id)
    assert headers_inside(page) > 4
    page.get_by_role("button", name="Zoom out").focus()
    page.keyboard.press("Enter")
    assert page.locator(".zoom-level").inner_text() == "90%"
    page.get_by_role("button", name="Fit the whole journey").focus()
    page.keyboard.press("Enter")
    assert headers_inside(page) == 17
    folder = os.environ.get("JOURNEYMAP_SCREENSHOTS")
    if folder:
        page.screenshot(path=Path(folder) / "web-editor-zoom.png")
    zoom = page.locator(".zoom-level").inner_text()
    page.reload()
    page.wait_for_selector("table.grid")
    assert page.locator(".zoom-level").inner_text() == zoom and headers_inside(page) == 17
    page.locator("#grid").focus()
    page.keyboard.press("0")
    assert page.locator(".zoom-level").inner_text() == "100%"
    context.close()


def test_headers_and_lane_titles_stay_in_sight_while_the_grid_scrolls(browser: Any, site: Site) -> None:
    map_id = stored_map(site, seventeen_steps())
    context = browser.new_context(viewport={"width": 1440, "height": 800})
    page = context.new_page()
    log_in(page, site, "ana")
    open_map(page, site, map_id)
    page.evaluate("() => { const grid = document.getElementById('grid'); grid.scrollTop = 900; grid.scrollLeft = 1200; }")
    frame = page.locator("#grid").bounding_box()
    stage = page.locator("th.stage").nth(2).bounding_box()
    step = page.locator("th.step[data-step]").nth(10).bounding_box()
    lane = page.locator("tr.lane-pains th").bounding_box()
    assert abs(stage["y"] - frame["y"]) < 3 and abs(step["y"] - (stage["y"] + stage["height"])) < 3
    assert abs(lane["x"] - frame["x"]) < 3
    context.close()


def test_a_new_lifecycle_map_opens_as_a_grid_with_every_stage_named_in_full(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    page.get_by_label("Template").select_option("lifecycle")
    page.get_by_label("Title").fill("Onboarding")
    page.get_by_role("button", name="Create map").click()
    page.wait_for_url(f"{site.url}/maps/*")
    page.wait_for_selector("table.grid")
    names = page.locator("th.stage .stage-name")
    assert names.evaluate_all("nodes => nodes.map(node => node.value)") == ["Awareness", "Consideration", "Purchase", "Use", "Loyalty", "Advocacy"]
    assert names.evaluate_all("nodes => nodes.filter(node => node.scrollWidth > node.clientWidth || node.scrollHeight > node.clientHeight + 1).length") == 0
    assert page.locator("th.step.empty").count() == 6
    assert page.locator("#curve-cell").get_attribute("colspan") == "6"
    assert page.locator("tr.lane-pains td").count() == 6
    page.get_by_role("button", name="Add step: Consideration").click()
    page.keyboard.type("Compares plans")
    wait_saved(page)
    assert page.locator("tr.lane-pains td").count() == 6
    assert page.locator('tr.lane-pains td[data-step]').count() == 1


def test_the_service_blueprint_example_opens_with_its_lanes_and_a_backstage_card_is_edited(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    page.get_by_label("Template").select_option("service-blueprint")
    page.get_by_role("button", name="Create map").click()
    page.wait_for_url(f"{site.url}/maps/*")
    page.wait_for_selector("table.grid")
    map_id = page.url.rsplit("/", 1)[1]
    assert page.locator("tr.lane-backstage th").inner_text() == "Backstage"
    assert field(page, "stages/booking/owner").input_value() == "Contact centre"
    card = field(page, "steps/books-a-repair-online/blueprint/backstage/0")
    assert card.input_value() == "Operator checks that the screen is in stock"
    card.fill("Operator reserves the screen for the slot")
    wait_saved(page)
    assert stored_step(site, map_id, "books-a-repair-online")["blueprint"]["backstage"] == ["Operator reserves the screen for the slot"]
    export = page.request.get(f"{site.url}/api/maps/{map_id}/export?format=yaml").text()
    assert "Operator reserves the screen for the slot" in export and "Operator checks that the screen" not in export


def test_commented_steps_and_cards_carry_a_count(page: Any, site: Site) -> None:
    with site.app.state.store.writing() as session:
        ana = accounts.user_named(session, "ana")
        comments.add_comment(session, site.map_id, ana, "Too loud?", step="sees-ad", lane="pains", card=0)
        comments.add_comment(session, site.map_id, ana, "Why here?", step="sees-ad")
    log_in(page, site, "ana")
    open_map(page, site, site.map_id)
    page.locator("li.comment").first.wait_for()
    assert page.locator('th.step[data-step="sees-ad"] .comment-badge').inner_text().endswith("2")
    badge = page.locator('td[data-lane="pains"][data-step="sees-ad"] .card[data-index="0"] .comment-badge')
    assert badge.get_attribute("aria-label") == "1 comment: Pains of Sees ad, card 1"
    assert page.locator('th.step[data-step="pays"] .comment-badge').count() == 0
    badge.click()
    assert page.evaluate("document.activeElement.dataset.comment") is not None


def test_comment_counts_take_the_plural_form_of_the_users_language(page: Any, site: Site) -> None:
    with site.app.state.store.writing() as session:
        ana = accounts.user_named(session, "ana")
        ana.language = "ru"
        for text in ("Too loud?", "Why here?"):
            comments.add_comment(session, site.map_id, ana, text, step="sees-ad")
        comments.add_comment(session, site.map_id, ana, "And here?", step="sees-ad", lane="pains", card=0)
    log_in(page, site, "ana")
    open_map(page, site, site.map_id)
    page.locator("li.comment").first.wait_for()
    assert page.locator('th.step[data-step="sees-ad"] .comment-badge').get_attribute("aria-label").startswith("3 комментария: ")
    card = page.locator('td[data-lane="pains"][data-step="sees-ad"] .card[data-index="0"] .comment-badge')
    assert card.get_attribute("aria-label").startswith("1 комментарий: ")
    forms = page.evaluate("JSON.parse(document.getElementById('editor-config').textContent).strings.commentCount")
    assert [page.evaluate("([forms, n]) => window.journeymap.plural(forms, n)", [forms, n]) for n in (1, 2, 5, 21, 111)] == [
        "1 комментарий", "2 комментария", "5 комментариев", "21 комментарий", "111 комментариев",
    ]
