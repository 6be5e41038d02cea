"""The editor's grid shows the journey's shape: arrows for the links between steps, one emotion curve per persona."""

from __future__ import annotations

from typing import Any

import pytest
from browser.site import log_in, wait_saved
from pagetools import Team as Site

from journeymap.model import Journey
from journeymap.store import add_map

pytestmark = pytest.mark.browser

COLUMN, HEIGHT, TOP, BOTTOM = 160, 150, 30, 16
"""A step's column in the grid, and the curve's height with its room above and below, in pixels."""

SHAPE = {
    "title": "Shop",
    "personas": [{"id": "olga", "name": "Olga"}, {"id": "ivan", "name": "Ivan"}, {"id": "nina", "name": "Nina"}],
    "stages": [
        {"id": "find", "name": "Find", "steps": [
            {"id": "sees", "name": "Sees", "emotion": {"actual": 1}, "by_persona": {"olga": {"emotion": {"actual": -1}}, "nina": {"notes": "no emotion"}}},
            {"id": "searches", "name": "Searches", "emotion": {"actual": -1}, "by_persona": {"ivan": {"emotion": {"actual": 2}}}},
        ]},
        {"id": "buy", "name": "Buy", "steps": [
            {"id": "pays", "name": "Pays", "emotion": {"actual": 0}, "by_persona": {"olga": {"emotion": {"actual": -2}}}},
        ]},
    ],
    "links": [{"from": "pays", "to": "sees", "kind": "loop", "label": "Buys again", "share": 0.3}, {"from": "sees", "to": "searches"}],
}


def open_shape(page: Any, site: Site) -> None:
    with site.app.state.store.writing() as session:
        map_id = add_map(session, site.workspace, Journey.model_validate(SHAPE), author=None).id
    log_in(page, site, "ana")
    page.goto(f"{site.url}/maps/{map_id}")
    page.wait_for_selector("#curve-cell svg.curve")


def y(score: float) -> float:
    return TOP + (2 - score) * (HEIGHT - TOP - BOTTOM) / 4


def test_each_link_is_an_arrow_from_its_step_to_its_target(page: Any, site: Site) -> None:
    open_shape(page, site)
    arrows = page.locator("#grid tr.links-row svg.links g.link")
    assert arrows.evaluate_all("nodes => nodes.map((node) => [node.dataset.from, node.dataset.to, node.dataset.kind])") == [
        ["pays", "sees", "loop"], ["sees", "searches", "branch"]]
    assert arrows.locator("text.link-label").all_text_contents() == ["Buys again (30%)", "Branch"]
    lines = arrows.locator("path.link-line").evaluate_all("nodes => nodes.map((node) => node.getAttribute('d'))")
    assert lines == [f"M{COLUMN * 2.5 + 10:g},0 V24 H{COLUMN * 0.5 - 10:g} V7", f"M{COLUMN * 0.5 + 10:g},0 V54 H{COLUMN * 1.5 - 10:g} V7"]
    assert page.locator("#grid tr.links-row th").inner_text() == "Links between steps"
    assert page.get_by_role("group", name="Links between steps").get_by_role("img").evaluate_all(
        "nodes => nodes.map((node) => node.getAttribute('aria-label'))") == ["Pays → Sees: Buys again (30%)", "Sees → Searches: Branch"]


def test_one_curve_per_persona_with_emotions_through_its_own_scores_and_a_key_for_each(page: Any, site: Site) -> None:
    open_shape(page, site)
    curves = page.locator("#curve-cell g.persona-curve")
    assert curves.evaluate_all("nodes => nodes.map((node) => node.dataset.persona)") == ["olga", "ivan"]  # Nina has no emotion of her own
    own = {"olga": [-1, -1, -2], "ivan": [1, 2, 0]}  # the map's score where a persona has none of its own
    for key, scores in own.items():
        points = page.locator(f'#curve-cell g.persona-curve[data-persona="{key}"] polyline').get_attribute("points")
        assert [tuple(map(float, pair.split(","))) for pair in points.split()] == [(COLUMN * (index + 0.5), y(score)) for index, score in enumerate(scores)]
        assert page.locator(f'#curve-cell g.persona-curve[data-persona="{key}"] path.persona-mark').count() == 3
    assert page.get_by_role("img", name="Emotion of Olga").count() == 1
    assert page.locator(".curve-legend .persona-key").all_inner_texts() == ["Olga", "Ivan"]
    colours = page.locator("#curve-cell g.persona-curve polyline").evaluate_all("nodes => nodes.map((node) => node.getAttribute('stroke'))")
    assert colours == ["#8a5a00", "#2c6e49"]


def test_a_link_added_in_the_panel_is_drawn_at_once(page: Any, site: Site) -> None:
    open_shape(page, site)
    adder = page.get_by_role("group", name="Add link")
    adder.get_by_label("From step").select_option(label="Searches")
    adder.get_by_label("To step").select_option(label="Pays")
    page.get_by_role("button", name="+ Add link").click()
    page.locator("#grid svg.links g.link").nth(2).wait_for()
    assert page.locator("#grid svg.links g.link").evaluate_all("nodes => nodes.map((node) => node.dataset.from + '>' + node.dataset.to)") == [
        "pays>sees", "sees>searches", "searches>pays"]


def test_a_persona_given_a_score_in_its_row_gets_its_curve_and_key_at_once(page: Any, site: Site) -> None:
    open_shape(page, site)
    page.locator('#grid select[data-path="steps/sees/by_persona/nina/emotion/actual"]').select_option("2")
    page.locator('#curve-cell g.persona-curve[data-persona="nina"]').wait_for()
    points = page.locator('#curve-cell g.persona-curve[data-persona="nina"] polyline').get_attribute("points")
    assert [tuple(map(float, pair.split(","))) for pair in points.split()] == [(COLUMN * (index + 0.5), y(score)) for index, score in enumerate([2, -1, 0])]
    assert page.locator(".curve-legend .persona-key").all_inner_texts() == ["Olga", "Ivan", "Nina"]
    wait_saved(page)
