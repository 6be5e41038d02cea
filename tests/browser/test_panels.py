"""The panels below the grid in a real browser: every field a map holds outside the step columns, changed in the page and found saved."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import Team as Site

from journeymap import files
from journeymap.files.templates import example_path
from journeymap.model import Insight, Journey, Lane, Link

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
    wait_saved(page)  # every value the server is still checking counts as unsaved
    document = site.stored()
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
    wait_saved(page)  # the label and the emoji are checked apart: either may come back first
    document = site.stored()
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


def test_a_value_the_server_is_still_checking_counts_as_unsaved(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    held: list[Any] = []
    page.route("**/check", lambda route: held.append(route))
    page.get_by_label("Title", exact=True).fill("Toy shop")
    while not held:
        page.wait_for_timeout(50)
    assert page.locator("#save-status").inner_text() == "Saving…"
    assert page.evaluate("window.journeymap.live.pending()") is True
    page.evaluate("document.dispatchEvent(new CustomEvent('journeymap:refreshed'))")  # a redraw meanwhile: the value still goes
    held[0].continue_()
    wait_saved(page)
    assert site.stored()["title"] == "Toy shop"
    assert page.locator("#save-status").inner_text() == "All changes saved"


def test_stages_and_custom_lanes_keep_what_the_grid_does_not_show(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    find = page.get_by_role("group", name="Find")
    find.get_by_label("Description").fill("Looking around")
    find.get_by_label("Owner (department)").fill("Marketing")
    find.get_by_label("Moment of truth").select_option("zmot")
    find.get_by_label("Key in the stage set").fill("awareness")
    page.get_by_role("button", name="+ Add lane").click()
    page.keyboard.type("Channels")
    lane = page.locator('fieldset[data-lane="lane-1"]')
    lane.wait_for()
    lane.get_by_label("Type").select_option("score")
    lane.get_by_label("Description").fill("Where they hear of us")
    document = stored_when(site, lambda doc: doc.get("lanes") and doc["lanes"][0].get("description") == "Where they hear of us" and doc["stages"][0].get("key") == "awareness")
    stage = document["stages"][0]
    assert {key: stage.get(key) for key in ("description", "owner", "moment_of_truth", "key")} == {
        "description": "Looking around", "owner": "Marketing", "moment_of_truth": "zmot", "key": "awareness"}
    assert document["lanes"] == [{"id": "lane-1", "title": "Channels", "type": "score", "description": "Where they hear of us"}]
    assert page.locator('fieldset[data-lane="lane-1"] legend').inner_text() == "Channels"
    page.get_by_label("Stage set", exact=True).select_option("lifecycle")
    stored_when(site, lambda doc: doc.get("stage_set") == "lifecycle")
    buy_key = page.get_by_role("group", name="Buy").get_by_label("Key in the stage set")
    assert buy_key.evaluate("node => node.tagName") == "SELECT"
    buy_key.select_option("purchase")
    document = stored_when(site, lambda doc: doc["stages"][1].get("key") == "purchase")
    assert [stage.get("key") for stage in document["stages"]] == ["awareness", "purchase"]


def test_links_between_steps_are_added_changed_and_removed(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    assert page.locator("#link-list").get_by_text("No links yet.").is_visible()
    adder = page.get_by_role("group", name="Add link")
    adder.get_by_label("From step").select_option(label="Pays")
    adder.get_by_label("To step").select_option(label="Searches")
    adder.get_by_label("Kind of link").select_option("loop")
    page.get_by_role("button", name="+ Add link").click()
    page.keyboard.type("Compares again")
    control(page, "links/0/share").fill("0.25")
    document = stored_when(site, lambda doc: doc.get("links") and doc["links"][0].get("share") == 0.25)
    assert document["links"] == [{"from": "pays", "to": "searches", "kind": "loop", "label": "Compares again", "share": 0.25}]
    control(page, "links/0/kind").select_option("alternative")
    control(page, "links/0/to").select_option(label="Sees ad")
    control(page, "links/0/share").fill("1.5")
    problem = page.locator("#panel-panel\\:links\\/0\\/share-problem")
    problem.wait_for()
    assert problem.inner_text() == "1.5 is above the maximum 1.0"
    document = stored_when(site, lambda doc: doc["links"][0]["to"] == "sees-ad" and doc["links"][0]["kind"] == "alternative")
    assert document["links"] == [{"from": "pays", "to": "sees-ad", "kind": "alternative", "label": "Compares again", "share": 0.25}]
    page.get_by_role("button", name="Remove link 1").click()
    assert page.get_by_role("dialog").inner_text().startswith("Remove “Pays → Sees ad”")
    page.get_by_role("button", name="Remove", exact=True).click()
    document = stored_when(site, lambda doc: not doc.get("links"))
    assert not document.get("links") and page.evaluate("document.activeElement.dataset.key") == "add-link"


def test_insights_and_opportunities_link_evidence_to_action(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    page.get_by_role("button", name="+ Add insight").click()
    page.keyboard.type("Delivery takes too long")
    card = page.locator('fieldset[data-insight="insight-1"]')
    card.get_by_label("Source", exact=True).select_option("interview")
    card.get_by_label("Source reference (interview, ticket, link)").fill("INT-7")
    card.get_by_label("Experience score").fill("-1.5")
    card.locator("summary").click()
    card.get_by_label("Pays").check()
    card.get_by_label("Id", exact=True).fill("slow-delivery")
    page.locator('fieldset[data-insight="slow-delivery"]').wait_for()
    page.get_by_role("button", name="+ New idea").click()
    page.keyboard.type("Free returns")
    idea = page.locator('fieldset[data-idea="idea-1"]')
    idea.get_by_label("Description").fill("Return any toy within 30 days")
    idea.locator("summary").first.click()
    idea.get_by_role("group", name="Steps it concerns").get_by_label("Pays").check()
    idea.locator("summary").nth(1).click()
    idea.get_by_label("Delivery takes too long").check()
    for label, value in (("Criticality", "5"), ("Design ease", "4"), ("Development ease", "3"), ("Audience", "2"), ("Reach (users per period)", "1200"),
                         ("Impact (RICE 0.25 to 3, ICE 1 to 10)", "2"), ("Confidence (0 to 1)", "0.8"), ("Effort (person-months)", "1.5"), ("Ease (ICE, 1 to 10)", "7")):
        idea.get_by_label(label, exact=True).fill(value)
    idea.get_by_label("Status").select_option("planned")
    idea.get_by_label("Owner").fill("Logistics")
    document = stored_when(site, lambda doc: doc.get("opportunities") and doc["opportunities"][0].get("owner") == "Logistics" and doc["opportunities"][0].get("ease") == 7)
    assert document["insights"] == [{"id": "slow-delivery", "text": "Delivery takes too long", "source": "interview", "source_ref": "INT-7", "score": -1.5, "steps": ["pays"]}]
    assert document["opportunities"] == [{
        "id": "idea-1", "title": "Free returns", "description": "Return any toy within 30 days", "steps": ["pays"], "insights": ["slow-delivery"],
        "criticality": 5, "design_ease": 4, "development_ease": 3, "audience": 2, "reach": 1200, "impact": 2, "confidence": 0.8, "effort": 1.5, "ease": 7,
        "status": "planned", "owner": "Logistics",
    }]
    idea.get_by_label("Criticality").fill("7")
    problem = page.locator("#panel-panel\\:opportunities\\/idea-1\\/criticality-problem")
    problem.wait_for()
    assert problem.inner_text() == "7 is above the maximum 5"
    page.locator('fieldset[data-insight="slow-delivery"]').get_by_label("Id", exact=True).fill("late")
    document = stored_when(site, lambda doc: doc["insights"][0]["id"] == "late")
    assert (document["opportunities"][0]["insights"], document["opportunities"][0]["criticality"]) == (["late"], 5)
    assert page.locator("table.ideas tbody tr").first.inner_text().split("\t")[:3] == ["1", "Free returns", "14"]
    page.get_by_role("button", name="Remove insight").click()
    page.get_by_role("button", name="Remove", exact=True).click()
    document = stored_when(site, lambda doc: not doc.get("insights"))
    assert "insights" not in document["opportunities"][0]


def from_template(page: Any, site: Site, template: str) -> str:
    answer = page.request.post(f"{site.url}/api/workspaces/{site.workspace}/maps/from-template", data={"template": template}, headers=site.headers("owner"))
    assert answer.status == 201, answer.text()
    return answer.json()["id"]


def imported(page: Any, site: Site, example: str) -> str:
    """Import a bundled example as a map file (the DCJ example shares its name with the DCJ stage set, which the template of that name starts)."""
    answer = page.request.post(f"{site.url}/api/workspaces/{site.workspace}/maps/import", data=example_path(example).read_bytes(),
                               headers={**site.headers("owner"), "Content-Type": "application/yaml"})
    assert answer.status == 201, answer.text()
    return answer.json()["id"]


def exported(page: Any, site: Site, map_id: str) -> Journey:
    answer = page.request.get(f"{site.url}/api/maps/{map_id}/export?format=yaml", headers=site.headers("owner"))
    assert answer.status == 200
    return files.loads(answer.text(), format="yaml")


def same_but_version(made: Journey, expected: Journey) -> bool:
    return made == expected.model_copy(update={"version": made.version, "created": made.created, "updated": made.updated})


def test_the_b2b_example_changed_in_every_panel_exports_as_the_same_change_made_by_hand(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    map_id = from_template(page, site, "b2b-equipment")
    expected = files.load(example_path("b2b-equipment"))
    open_map(page, site, map_id)
    control(page, "business_goal").fill("Close deals in half the time")
    expected.business_goal = "Close deals in half the time"
    control(page, "emotion_scale/points/0/label").fill("Furious")
    expected.emotion_scale.points[0].label = "Furious"
    control(page, "stages/awareness/owner").fill("Sales department")
    expected.stages[0].owner = "Sales department"
    control(page, "lanes/days/description").fill("Working days the step takes")
    expected.lanes[1].description = "Working days the step takes"
    page.get_by_role("group", name="Add link").get_by_label("Kind of link").select_option("loop")
    page.get_by_role("button", name="+ Add link").click()
    steps = expected.steps
    expected.links.append(Link(source=steps[0].id, target=steps[1].id, kind="loop"))
    control(page, "insights/offer-delay-loses-deals/source_ref").fill("CRM export, March")
    expected.insights[0].source_ref = "CRM export, March"
    control(page, "opportunities/payback-calculator/owner").fill("Marketing")
    expected.opportunities[1].owner = "Marketing"
    stored_when(site, lambda doc: doc["opportunities"][1].get("owner") == "Marketing" and doc.get("links"), map_id)
    made = exported(page, site, map_id)
    assert same_but_version(made, expected), made.model_dump(exclude={"version", "created", "updated"})
    keys = page.locator(".map-panel [data-key]").evaluate_all("nodes => nodes.map((node) => node.dataset.key)")
    assert len(keys) > 150 and len(keys) == len(set(keys))


def test_the_dcj_example_changed_in_every_panel_exports_as_the_same_change_made_by_hand(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    map_id = imported(page, site, "dcj-fashion")
    expected = files.load(example_path("dcj-fashion"))
    open_map(page, site, map_id)
    page.get_by_label("State", exact=True).select_option("future")
    expected.state = "future"
    control(page, "stages/trigger/description").fill("Something makes the need felt")
    expected.stages[0].description = "Something makes the need felt"
    page.get_by_role("button", name="+ Add lane").click()
    page.locator('[data-path="lanes/lane-1/type"]').select_option("score")
    expected.lanes.append(Lane(id="lane-1", title="New lane", type="score"))
    control(page, "links/1/label").fill("Comes back for more")
    expected.links[1].label = "Comes back for more"
    page.get_by_role("button", name="+ Add insight").click()
    page.locator('[data-path="insights/insight-1/source"]').select_option("survey")
    expected.insights.append(Insight(id="insight-1", text="New insight", source="survey"))
    control(page, f"opportunities/{expected.opportunities[0].id}/reach").fill("5000")
    expected.opportunities[0].reach = 5000
    stored_when(site, lambda doc: doc["opportunities"][0].get("reach") == 5000 and doc.get("insights"), map_id)
    made = exported(page, site, map_id)
    assert same_but_version(made, expected), made.model_dump(exclude={"version", "created", "updated"})


def test_a_map_changed_under_the_panels_is_redrawn_and_the_text_being_typed_stays(page: Any, site: Site) -> None:
    log_in(page, site, "ana")
    open_map(page, site)
    goal = control(page, "business_goal")
    goal.click()
    page.keyboard.type("Sell mo")
    page.evaluate("""() => {
        const editor = window.journeymap.editor;
        editor.state.doc = Object.assign({}, editor.state.doc, { scenario: "Written by a colleague", stages: editor.state.doc.stages.concat([{ id: "keep", name: "Keep", steps: [] }]) });
        document.dispatchEvent(new CustomEvent("journeymap:refreshed"));
    }""")
    assert control(page, "scenario").input_value() == "Written by a colleague"
    assert control(page, "stages/keep/owner").count() == 1
    assert page.evaluate("document.activeElement.dataset.path") == "business_goal"
    page.keyboard.type("re")
    assert goal.input_value() == "Sell more"
    document = stored_when(site, lambda doc: doc.get("business_goal") == "Sell more")
    assert (document["business_goal"], document["scenario"]) == ("Sell more", "Written by a colleague")


def test_a_viewer_reads_the_panels_but_cannot_change_them(page: Any, site: Site) -> None:
    log_in(page, site, "vera")
    open_map(page, site)
    assert control(page, "title").is_disabled() and control(page, "emotion_scale/points/0/label").is_disabled()
    assert control(page, "stages/find/owner").is_disabled()
    assert page.locator(".map-panel button").count() == 0
    assert page.locator(".map-panel [data-key]").evaluate_all("nodes => nodes.every((node) => node.disabled)")
