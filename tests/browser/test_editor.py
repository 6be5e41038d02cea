"""The web editor in a real browser: log in, create, edit, reorder, emotion, comments."""

from __future__ import annotations

from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import Team as Site, step_names

from journeymap.store import comments

pytestmark = pytest.mark.browser

HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "\u202eevil\u202c mark", "long " * 2000]


def open_map(page: Any, site: Site, map_id: str | None = None) -> None:
    page.goto(f"{site.url}/maps/{map_id or site.map_id}")
    page.wait_for_selector("table.grid")


def test_log_in_create_from_template_and_edit_a_card(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    page.get_by_label("Template").select_option("lifecycle")
    page.get_by_label("Title").fill("Onboarding")
    page.get_by_role("button", name="Create map").click()
    page.wait_for_url(f"{site.url}/maps/*")
    page.wait_for_selector("table.grid")
    map_id = page.url.rsplit("/", 1)[1]
    first = site.stored(map_id)["stages"][0]
    page.get_by_role("button", name="Add step").first.click()
    page.keyboard.type("Hears from a friend")
    page.get_by_role("button", name="Add card: Actions, Hears from a friend").click()
    page.keyboard.type("Asks for a link")
    wait_saved(page)
    document = site.stored(map_id)
    step = document["stages"][0]["steps"][-1]
    assert document["title"] == "Onboarding" and document["stages"][0]["id"] == first["id"]
    assert (step["name"], step["actions"]) == ("Hears from a friend", ["Asks for a link"])


def test_a_step_moves_by_drag_and_by_keyboard(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.drag_and_drop('th[data-step="searches"]', 'th[data-step="sees-ad"]')
    page.wait_for_function("() => document.querySelector('th[data-step]').dataset.step === 'searches'")  # the drop is handled after the mouse is up
    wait_saved(page)
    assert step_names(site.stored()) == ["Searches", "Sees ad", "Pays"]
    page.get_by_label("Step name").nth(1).focus()
    page.keyboard.press("Alt+ArrowRight")
    wait_saved(page)
    document = site.stored()
    assert [[step["name"] for step in stage["steps"]] for stage in document["stages"]] == [["Searches"], ["Sees ad", "Pays"]]
    assert page.evaluate("document.activeElement.value") == "Sees ad"


MEASURE_POINT = """() => {
  const point = document.querySelector('[data-key="emotion:sees-ad:actual"]').getBoundingClientRect();
  return [{x: point.x, y: point.y, width: point.width, height: point.height}, document.querySelector("svg.curve").getBoundingClientRect().y];
}"""


def test_emotion_is_set_by_dragging_its_point_and_with_arrows(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    box, top = page.evaluate(MEASURE_POINT)  # in one go: the curve may be drawn again (fonts, presence) between two measures
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, top + 20, steps=3)
    page.evaluate("window.journeymap.editor.render()")  # as a collaborator's change would, mid-drag
    page.mouse.move(box["x"] + box["width"] / 2, top + 5, steps=3)
    page.mouse.up()
    wait_saved(page)
    assert site.stored()["stages"][0]["steps"][0]["emotion"]["actual"] == 2
    page.locator('[data-key="emotion:pays:desired"]').focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    wait_saved(page)
    assert site.stored()["stages"][1]["steps"][0]["emotion"] == {"actual": -1, "desired": 2}


def test_marks_and_a_comment_on_a_step(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.locator('[data-key="critical:pays"]').check()
    page.locator('[data-key="mot:pays:fmot"]').check()
    wait_saved(page)
    pays = site.stored()["stages"][1]["steps"][0]
    assert (pays["critical"], pays["moments_of_truth"]) == (True, ["fmot"])
    page.get_by_label("About").select_option("pays")
    page.get_by_label("Your comment").fill("Card payment fails on iOS")
    page.get_by_role("button", name="Send").click()
    comment = page.locator("li.comment")
    comment.get_by_text("Card payment fails on iOS").wait_for()
    assert "Pays" in comment.inner_text() and "ana" in comment.inner_text()
    comment.get_by_role("button", name="Resolve").click()
    page.locator("li.comment.resolved").wait_for()


def test_hostile_text_shows_as_text(page: Any, site: Site) -> None:
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    log_in(page, site, "ana")
    open_map(page, site)
    for text in HOSTILE:
        page.get_by_role("button", name="Add card: Ideas, Sees ad").click()
        page.keyboard.insert_text(text)
    page.get_by_label("Step name").first.fill(HOSTILE[1])
    wait_saved(page)
    assert site.stored()["stages"][0]["steps"][0]["ideas"] == HOSTILE
    open_map(page, site)
    values = page.locator('td[data-lane="ideas"] textarea').evaluate_all("nodes => nodes.map(node => node.value)")
    assert values == HOSTILE
    assert page.get_by_label("Step name").first.input_value() == HOSTILE[1]
    page.get_by_label("About").select_option("sees-ad")
    page.get_by_label("Your comment").fill(HOSTILE[1] + HOSTILE[0])
    page.get_by_role("button", name="Send").click()
    assert page.locator("li.comment .body").inner_text() == HOSTILE[1] + HOSTILE[0]
    assert HOSTILE[1] in page.locator("li.comment .meta").inner_text()
    assert page.locator("img").count() == 0
    page.goto(f"{site.url}/")
    assert page.get_by_role("link", name="Shop").is_visible()


def test_a_touchpoint_gets_a_channel(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_role("button", name="Add card: Touchpoints, Pays").click()
    page.keyboard.type("Checkout page")
    page.get_by_label("Channel: Touchpoints of Pays, card 1").select_option("site")
    wait_saved(page)
    assert site.stored()["stages"][1]["steps"][0]["touchpoints"] == [{"name": "Checkout page", "channel": "site"}]


def test_a_lane_is_added_renamed_filled_and_moved(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    for title in ("Channels", "Staff"):
        page.get_by_role("button", name="Add lane").click()
        page.keyboard.type(title)
    page.get_by_role("button", name="Add card: Staff, Pays").click()
    page.keyboard.type("Cashier")
    page.get_by_role("button", name="Move up: Staff").click()
    wait_saved(page)
    document = site.stored()
    assert [(lane["id"], lane["title"]) for lane in document["lanes"]] == [("lane-2", "Staff"), ("lane-1", "Channels")]
    assert document["stages"][1]["steps"][0]["custom"] == {"lane-2": ["Cashier"]}
    assert page.locator("tbody th input.lane-name").evaluate_all("nodes => nodes.map(node => node.value)") == ["Staff", "Channels"]


def test_an_event_log_is_uploaded_and_an_analysis_runs_with_progress(page: Any, site: Site, tmp_path: Any) -> None:
    log = tmp_path / "events.csv"
    log.write_text("user_id,event,timestamp\nu1,view,2026-01-01T10:00:00\nu1,pay,2026-01-01T10:05:00\n")
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_label("Upload an event log or feedback file").set_input_files(str(log))
    page.get_by_role("status").filter(has_text="events.csv uploaded.").wait_for()
    assert page.get_by_label("Data source").locator("option:checked").inner_text() == "events.csv"
    page.get_by_label("Analysis").select_option("validate")
    page.get_by_role("button", name="Run", exact=True).click()
    page.locator("#run-status", has_text="Done").wait_for()
    assert page.locator("#run-progress").evaluate("bar => bar.value") == 1
    assert page.locator("#run-result caption").inner_text() == "No problems found."


def test_a_comment_on_a_card(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_role("button", name="Comment on this card: Pains of Sees ad, card 1").click()
    assert page.evaluate("document.activeElement.id") == "comment-body"
    page.keyboard.type("Is it the volume or the music?")
    page.get_by_role("button", name="Send").click()
    page.locator("li.comment").wait_for()
    assert "Pains of Sees ad, card 1" in page.locator("li.comment .meta").inner_text()
    with site.app.state.store.reading() as session:
        (stored,) = comments.comments(session, site.map_id)
        assert (stored.step_id, stored.lane, stored.card_index, stored.body) == ("sees-ad", "pains", 0, "Is it the volume or the music?")
