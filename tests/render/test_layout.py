"""The poster's layout measured in Chromium: a new, empty map is a balanced poster, not a 200 px strip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from journeymap.files import example_names, example_path, load, new_journey
from journeymap.model import STAGE_SETS, Journey
from journeymap.render import poster_html, render
from journeymap.render.browser import page_value
from journeymap.render.sheets import sheets

MEASURE = """(() => {
  const box = (element) => { const r = element.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const title = document.querySelector("h1");
  const lineHeight = parseFloat(getComputedStyle(title).lineHeight);
  return {
    page: document.documentElement.scrollWidth,
    fit: box(document.querySelector(".fit")),
    title: {lines: Math.round(title.getBoundingClientRect().height / lineHeight), ...box(title)},
    legend: box(document.querySelector(".legend")),
    stages: [...document.querySelectorAll(".stage")].map((stage) => ({name: stage.querySelector(".stage-name").textContent.trim(), ...box(stage)})),
  };
})()"""


def measured(journey: Journey) -> dict[str, Any]:
    """Lay the screen poster out at its own width and return the boxes of its title, legend and stages."""
    return page_value(poster_html(journey), MEASURE, width=int(sheets(journey)[0].width))


def inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return outer["left"] <= inner["left"] and inner["right"] <= outer["right"] + 0.5


@pytest.mark.browser
@pytest.mark.parametrize("template", list(STAGE_SETS))
def test_a_new_map_is_a_balanced_poster_with_every_stage_drawn(template: str) -> None:
    journey = new_journey(template)
    layout = measured(journey)
    assert layout["page"] >= 960
    assert [stage["name"] for stage in layout["stages"]] == [stage.name for stage in journey.stages]
    assert all(stage["right"] - stage["left"] >= 150 for stage in layout["stages"])
    assert layout["title"]["lines"] == 1
    for part in (layout["title"], layout["legend"], *layout["stages"]):
        assert inside(part, layout["fit"]), part
    assert layout["fit"]["right"] <= layout["page"]


@pytest.mark.browser
def test_a_one_stage_map_with_a_long_title_keeps_the_legend_on_the_page() -> None:
    journey = Journey(title="Buying a school uniform online for the first time", stages=[{"name": "Search"}])
    layout = measured(journey)
    assert layout["title"]["lines"] <= 2
    assert inside(layout["legend"], layout["fit"]) and layout["fit"]["right"] <= layout["page"]
    assert [stage["name"] for stage in layout["stages"]] == ["Search"]


def test_a_stage_without_steps_keeps_an_empty_column_and_steps_keep_their_numbers() -> None:
    journey = Journey(title="T", stages=[{"name": "A"}, {"name": "B", "steps": [{"name": "One"}, {"name": "Two"}]}, {"name": "C"}])
    columns = sheets(journey)[0].columns
    assert [(column.stage.name, column.number, column.placeholder) for column in columns] == [
        ("A", 0, True), ("B", 1, False), ("B", 2, False), ("C", 0, True)]
    html = poster_html(journey)
    assert html.count('class="step placeholder"') == 2 and html.count("No steps yet") == 2


@pytest.mark.browser
def test_a_new_map_prints_as_one_a3_page_naming_every_stage(tmp_path: Path) -> None:
    journey = new_journey("lifecycle")
    pages = PdfReader(render(journey, tmp_path / "new.pdf")).pages
    text = " ".join(pages[0].extract_text().split())
    assert len(pages) == 1
    assert all(stage.name in text for stage in journey.stages)


@pytest.mark.browser
@pytest.mark.parametrize("name", example_names())
def test_every_example_keeps_its_title_legend_and_stages_on_the_page(name: str) -> None:
    journey = load(example_path(name))
    layout = measured(journey)
    assert layout["title"]["lines"] <= 2
    assert [stage["name"] for stage in layout["stages"]] == [stage.name for stage in journey.stages]
    for part in (layout["title"], layout["legend"], *layout["stages"]):
        assert inside(part, layout["fit"]), part
    assert layout["fit"]["right"] <= layout["page"]
