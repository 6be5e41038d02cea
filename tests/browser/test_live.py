"""Editing together in real browsers: two or three people on one map at once, live."""

from __future__ import annotations

from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import Team as Site, step_names

pytestmark = pytest.mark.browser


def opened(browser: Any, site: Site, user: str, init_script: str | None = None) -> Any:
    """A new browser context logged in as ``user``, on the Shop map's editor (running ``init_script`` first on each page)."""
    page = browser.new_context(viewport={"width": 1280, "height": 860}).new_page()
    if init_script:
        page.add_init_script(init_script)
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    log_in(page, site, user)
    page.goto(f"{site.url}/maps/{site.map_id}")
    page.wait_for_selector("table.grid")
    page.wait_for_function("() => window.journeymap.live && window.journeymap.live.state.source && window.journeymap.live.state.source.readyState === 1")
    return page


def step_field(page: Any, index: int) -> Any:
    return page.get_by_label("Step name").nth(index)


@pytest.fixture
def pair(browser: Any, site: Site) -> Any:
    ana, ed = opened(browser, site, "ana"), opened(browser, site, "ed")
    yield ana, ed
    for page in (ana, ed):
        assert not page.errors, page.errors
        page.context.close()


def test_two_people_type_in_different_cells_at_once_and_see_each_other_without_reloading(pair: Any, site: Site) -> None:
    ana, ed = pair
    step_field(ana, 0).fill("Sees a banner")
    step_field(ed, 1).fill("Googles toys")
    for page in pair:
        page.wait_for_function("() => [...document.querySelectorAll('textarea.step-name')].map((t) => t.value).join('|') === 'Sees a banner|Googles toys|Pays'")
    wait_saved(ana)
    wait_saved(ed)
    assert step_names(site.stored()) == ["Sees a banner", "Googles toys", "Pays"]


def test_both_type_in_the_same_cell_the_later_wins_and_the_conflict_note_keeps_the_earlier(pair: Any, site: Site) -> None:
    ana, ed = pair
    ana.evaluate("window.journeymap.live.state.source.close()")
    step_field(ana, 0).fill("Sees an ad on TV")
    step_field(ed, 0).fill("Sees a poster")
    wait_saved(ed)
    ana.evaluate("window.journeymap.live.state.inflight = null")
    ana.evaluate("window.journeymap.live.resync()")
    ana.wait_for_function("() => window.journeymap.live.state.source.readyState === 1")
    wait_saved(ana)
    stored = step_names(site.stored())[0]
    assert stored in ("Sees an ad on TV", "Sees a poster")
    earlier = "Sees a poster" if stored == "Sees an ad on TV" else "Sees an ad on TV"
    for page in pair:
        note = page.locator(".conflict-note")
        note.wait_for()
        assert earlier in note.inner_text()
        assert step_field(page, 0).input_value() == stored


def test_undo_and_redo_work_after_the_change_was_saved(pair: Any, site: Site) -> None:
    ana, _ed = pair
    step_field(ana, 2).fill("Pays by card")
    wait_saved(ana)
    ana.locator("body").press("Control+z")
    wait_saved(ana)
    assert step_names(site.stored())[2] == "Pays"
    ana.get_by_role("button", name="Redo").click()
    wait_saved(ana)
    assert step_names(site.stored())[2] == "Pays by card"


def test_undo_takes_back_only_my_change_not_a_teammates(pair: Any, site: Site) -> None:
    ana, ed = pair
    step_field(ana, 0).fill("Sees a banner")
    wait_saved(ana)
    step_field(ed, 2).fill("Pays online")
    wait_saved(ed)
    ana.wait_for_function("() => document.querySelectorAll('textarea.step-name')[2].value === 'Pays online'")
    ana.get_by_role("button", name="Undo").click()
    wait_saved(ana)
    assert step_names(site.stored()) == ["Sees ad", "Searches", "Pays online"]


def test_a_viewer_sees_changes_live_and_cannot_edit_and_everyone_sees_who_is_here(browser: Any, site: Site) -> None:
    ana, vera = opened(browser, site, "ana"), opened(browser, site, "vera")
    assert vera.locator("textarea.step-name").count() == 0
    step_field(ana, 1).fill("Compares prices")
    vera.locator(".step-name", has_text="Compares prices").wait_for()
    vera.locator("#presence").get_by_text("ana").wait_for()
    ana.locator("#presence").get_by_text("vera").wait_for()
    for page in (ana, vera):
        assert not page.errors, page.errors
        page.context.close()


def test_the_cell_a_teammate_is_in_is_marked_with_their_name(pair: Any) -> None:
    ana, ed = pair
    step_field(ed, 2).focus()
    marked = ana.locator("textarea.step-name.peer-here")
    marked.wait_for()
    assert marked.get_attribute("data-peer") == "ed"
    assert marked.input_value() == "Pays"


def test_what_one_types_survives_a_teammates_change_arriving_mid_word(pair: Any, site: Site) -> None:
    ana, ed = pair
    ana.get_by_role("button", name="+ Add persona").click()
    ana.keyboard.type("Olga ")  # the trailing space is not in the map yet: the name is kept trimmed
    wait_saved(ana)
    step_field(ed, 1).fill("Googles toys")  # shown in place on Ana's page: the persona cards are drawn again
    ana.wait_for_function("() => [...document.querySelectorAll('textarea.step-name')].some((t) => t.value === 'Googles toys')")
    ana.keyboard.type("Petrova")
    step_field(ana, 0).click()
    ana.keyboard.press("End")
    ana.keyboard.type(" at ")
    wait_saved(ana)
    ed.get_by_role("button", name="+ Add persona").click()  # the whole grid is drawn again on Ana's page
    ana.wait_for_function("() => document.querySelectorAll('fieldset.persona-card').length === 2")
    ana.keyboard.type("night")
    wait_saved(ana)
    wait_saved(ed)
    stored = site.stored()
    assert [persona["name"] for persona in stored["personas"]][0] == "Olga Petrova"
    assert step_names(stored)[0].endswith(" at night")




SLOW_BATCHES = """(() => {
  const fetched = window.fetch;
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  window.sending = [];
  window.fetch = async (url, init) => {
    if (!String(url).endsWith("/operations")) return fetched(url, init);
    const batch = JSON.parse(init.body).batch;
    window.sending.push(batch);
    await pause({ 1: 300, 2: 1500 }[batch] || 0);
    const answer = await fetched(url, init);
    await pause(batch === "1" ? 500 : 0);
    return answer;
  };
})()"""


def test_a_late_answer_to_one_batch_is_not_taken_for_the_answer_to_the_next(browser: Any, site: Site) -> None:
    """On a loaded server a batch's change reaches the page through the live stream before the answer to its POST.
    That late answer must not end the next batch: the batch after it would be sent before the card it types in
    exists on the server, and the text would be lost."""
    page = opened(browser, site, "ana", init_script=SLOW_BATCHES)
    step_field(page, 0).fill("Sees a banner")
    page.wait_for_function("() => window.sending.includes('1')")
    page.get_by_role("button", name="Add card: Goals, Searches").click()
    page.wait_for_function("() => window.sending.includes('2')")  # batch 1's change came back live; its answer is late
    page.keyboard.type("Card reader")
    page.wait_for_timeout(2500)  # every answer has arrived
    wait_saved(page)
    stored = site.stored()
    assert step_names(stored)[0] == "Sees a banner"
    assert stored["stages"][0]["steps"][1].get("goals") == ["Card reader"]
    assert not page.errors, page.errors
    page.context.close()


def test_what_the_server_did_not_apply_stays_said_after_the_batch_is_saved(browser: Any, site: Site) -> None:
    """A batch the server took with a part dropped (a teammate removed what it changed) is acknowledged like any other;
    the page must keep saying what was not applied instead of "Saved", until the next edit."""
    page = opened(browser, site, "ana")

    def with_a_dropped_part(route: Any) -> None:
        answer = route.fetch()
        body = answer.json()
        body["dropped"] = [{"operation": {"op": "set", "path": ["stages", 0], "value": ""}, "reason": "a teammate removed it"}]
        route.fulfill(response=answer, json=body)

    page.route("**/operations", with_a_dropped_part)
    step_field(page, 0).fill("Sees a banner")
    wait_saved(page)
    page.wait_for_function("() => document.getElementById('save-status').textContent.startsWith('Not applied')")
    page.evaluate("window.journeymap.live.hold()()")  # says where saving stands again, as the live echo arriving after the answer does
    assert page.locator("#save-status").inner_text() == "Not applied (1): a teammate removed it"
    page.unroute("**/operations")
    step_field(page, 1).fill("Searches the shop")
    wait_saved(page)
    assert page.locator("#save-status").inner_text() == "All changes saved"
    assert step_names(site.stored())[:2] == ["Sees a banner", "Searches the shop"]
    page.context.close()
