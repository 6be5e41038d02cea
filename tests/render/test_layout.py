"""The poster's layout measured: box geometry in Chromium, font sizes and lanes in the printed PDF.

Every bundled example and template is laid out in every language: no text outside its box on screen,
no text under 7 pt and no lane without content on a printed page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PageObject, PdfReader
from support.generated import GENERATED, generated

from journeymap.files import example_names, example_path, load, new_journey
from journeymap.i18n import LANGUAGES, in_language
from journeymap.model import STAGE_SETS, Journey
from journeymap.render import choose_lanes, poster_html, render, render_bytes
from journeymap.render.browser import page_value
from journeymap.render.lanes import lanes_on
from journeymap.render.pages import PAGES_MM, page_pixels, short_page
from journeymap.render.sheets import LANE_COLUMN, MARGIN, sheets

BUNDLED = [*STAGE_SETS, *example_names()]
"""Every map a user can start from: the stage sets, then the example maps."""
POINTS_PER_PIXEL = 72 / 96
SMALLEST_POINTS = 7
GENERATED_LANGUAGES = ["en", "ru", "kk"]
"""The languages the generated maps are written and laid out in: Latin, Cyrillic, and Kazakh's long words."""
OTHER_PAGES = [page for page in PAGES_MM if page != "A3"]
"""The page sizes beside the default A3: A2, and the office printers' A4 and Letter."""

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
        ("A", 0, True),
        ("B", 1, False),
        ("B", 2, False),
        ("C", 0, True),
    ]
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


OUTSIDE = """(() => {
  const BOXES = ".step, .cell, .stage, .corner, .lane-title, .emotion-label, .links-row, .persona, .legend > div, .title-block, .ideas, .colophon";
  const outside = [];
  for (const fit of document.querySelectorAll(".fit")) {
    const bounds = fit.getBoundingClientRect(), walker = document.createTreeWalker(fit, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const box = node.textContent.trim() && node.parentElement.closest(BOXES);
      if (!box) continue;
      const edge = box.getBoundingClientRect(), range = document.createRange();
      range.selectNodeContents(node);
      for (const line of range.getClientRects()) {
        const by = Math.max(edge.left - line.left, line.right - edge.right);
        if (by > 1) outside.push({box: box.className, text: node.textContent.trim().slice(0, 40), by: Math.round(by)});
      }
    }
    for (const box of fit.querySelectorAll(BOXES)) {
      const edge = box.getBoundingClientRect(), by = Math.max(bounds.left - edge.left, edge.right - bounds.right);
      if (by > 1) outside.push({box: box.className, text: "", by: Math.round(by)});
    }
  }
  const title = document.querySelector("h1");
  return {outside, page: document.documentElement.scrollWidth,
          title: {lines: Math.round(title.getBoundingClientRect().height / parseFloat(getComputedStyle(title).lineHeight)), width: title.getBoundingClientRect().width}};
})()"""
"""Each piece of text that runs past the side of its box (step, cell, lane title, legend entry...), each box past the poster's."""


def bundled(name: str, language: str) -> Journey:
    """The map ``journeymap new --template NAME --language LANGUAGE`` writes."""
    return new_journey(name, language=language)


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("name", BUNDLED)
def test_no_text_runs_outside_its_box_on_screen(name: str, language: str) -> None:
    journey = bundled(name, language)
    with in_language(language):
        width = int(sheets(journey)[0].width)
    layout = page_value(poster_html(journey, language=language), OUTSIDE, width=width)
    assert layout["outside"] == []
    assert layout["page"] == width
    assert layout["title"]["lines"] <= 3 and layout["title"]["width"] >= 400


@dataclass(frozen=True)
class Run:
    """A piece of text drawn on a PDF page: where its baseline starts (points from the bottom left) and its size."""

    text: str
    x: float
    y: float
    size: float


def runs(page: PageObject) -> list[Run]:
    """Return the text drawn on ``page``, its size read from the text matrix, the font size (Tf) and the transformation."""
    found: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            x, y = cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append(Run(" ".join(text.split()), x, y, size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])))

    page.extract_text(visitor_text=visit)
    return found


def lane_rows(drawn: list[Run], titles: dict[str, str]) -> dict[str, list[Run]]:
    """Return the text in each lane's row on a page, by lane key, for the lanes whose title is drawn there.

    A lane title is a block of lines at the left margin; its row runs down to the next such block.
    """
    left = [run for run in drawn if abs(run.x - MARGIN * POINTS_PER_PIXEL) < 1]
    blocks: list[list[Run]] = []
    for run in sorted(left, key=lambda run: -run.y):
        if blocks and blocks[-1][-1].y - run.y < 14:
            blocks[-1].append(run)
        else:
            blocks.append([run])
    keys = {"".join(title.upper().split()): key for key, title in titles.items()}  # a long word may break anywhere
    rows = {}
    for index, block in enumerate(blocks):
        key = keys.get("".join(run.text for run in block).replace(" ", ""))
        if key is not None:
            top, bottom = block[0].y + 8, blocks[index + 1][0].y + 8 if index + 1 < len(blocks) else 0
            grid = (MARGIN + LANE_COLUMN) * POINTS_PER_PIXEL - 1
            rows[key] = [run for run in drawn if run.x >= grid and bottom < run.y <= top]
    return rows


def assert_printed_well(journey: Journey, language: str, page: str, most_pages_a_sheet: int = 4) -> int:
    """Print ``journey`` on ``page`` and check every page: its own title (no sheet runs on over a page), no text under 7 pt or
    off the page, no lane without content, every lane somewhere, and from one to ``most_pages_a_sheet`` pages for each sheet
    across; return the page count."""
    with in_language(language):
        titles = {lane.key: lane.title for lane in lanes_on(journey, choose_lanes(journey), journey.steps, keep_all=False)}
        across = len(sheets(journey, page))
    pages = PdfReader(BytesIO(render_bytes(journey, "pdf", language=language, page=page))).pages
    assert across <= len(pages) <= most_pages_a_sheet * across
    title = "".join(journey.title.split())
    found: set[str] = set()
    for printed in pages:
        drawn = runs(printed)
        assert title in "".join("".join(run.text.split()) for run in drawn), "a sheet runs on over a page without its title"
        assert min(run.size for run in drawn) >= SMALLEST_POINTS
        assert all(0 <= run.x <= float(printed.mediabox.width) and 0 <= run.y <= float(printed.mediabox.height) for run in drawn)
        rows = lane_rows(drawn, titles)
        assert [key for key, texts in rows.items() if not texts] == []
        found |= set(rows)
    assert found == set(titles)
    return len(pages)


def assert_inside_boxes(journey: Journey, language: str, page: str | None) -> None:
    """Lay ``journey`` out on screen (``page`` None) or as printed sheets and check that no text runs outside its box."""
    with in_language(language):
        width = int(sheets(journey)[0].width) if page is None else math.ceil(page_pixels(page)[0])  # A4: 1122.5 px
    layout = page_value(
        poster_html(journey, language=language, page=page), OUTSIDE, width=width, media="screen" if page is None else "print"
    )
    assert layout["outside"] == []
    assert layout["page"] == width


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("name", BUNDLED)
def test_the_printed_poster_keeps_its_type_and_draws_no_empty_lane(name: str, language: str) -> None:
    assert_printed_well(bundled(name, language), language, "A3")


def most_pages(on_a3: int, page: str) -> int:
    """The most pages a sheet across may take on ``page``, ``on_a3`` on A3 or A2: four times as many on a page shorter than A3
    (A4, Letter), of half its area, where the title, stage and step headers repeated on each page take a larger share."""
    return on_a3 * 4 if short_page(page) else on_a3


@cache
def pages_on_a3(name: str, language: str) -> int:
    """How many pages the bundled map ``name`` prints on in ``language`` on A3."""
    return assert_printed_well(bundled(name, language), language, "A3")


@pytest.mark.browser
@pytest.mark.parametrize("page", OTHER_PAGES)
@pytest.mark.parametrize("language", GENERATED_LANGUAGES)
@pytest.mark.parametrize("name", BUNDLED)
def test_the_poster_printed_on_other_pages_keeps_its_type_and_draws_no_empty_lane(name: str, language: str, page: str) -> None:
    """A2 prints on no more pages than A3; A4 and Letter on no fewer, and their headers, cards and tables fit as well."""
    journey = bundled(name, language)
    printed, on_a3 = assert_printed_well(journey, language, page, most_pages(4, page)), pages_on_a3(name, language)
    assert printed >= on_a3 if short_page(page) else printed <= max(1, on_a3)
    assert_inside_boxes(journey, language, page)


@pytest.mark.browser
@pytest.mark.parametrize("page", list(PAGES_MM))
@pytest.mark.parametrize("language", GENERATED_LANGUAGES)
@pytest.mark.parametrize("name", list(GENERATED))
def test_a_users_own_map_prints_well(name: str, language: str, page: str) -> None:
    """Maps no one bundles: 60 steps of a blueprint, long texts in every field, one step, twelve stages, persona curves."""
    journey = generated(name, language)
    assert_printed_well(journey, language, page, most_pages(5 if name == "long-texts" else 2, page))
    assert_inside_boxes(journey, language, page)


@pytest.mark.browser
@pytest.mark.parametrize("language", GENERATED_LANGUAGES)
@pytest.mark.parametrize("name", list(GENERATED))
def test_a_users_own_map_keeps_its_text_inside_its_boxes_on_screen(name: str, language: str) -> None:
    assert_inside_boxes(generated(name, language), language, None)


PRINTED = """(() => [...document.querySelectorAll(".sheet")].map((sheet) => {
  const page = sheet.getBoundingClientRect(), grid = sheet.querySelector(".grid");
  return {page: page.width, grid: grid ? grid.getBoundingClientRect().width : 0, lanes: sheet.querySelectorAll(".grid > .lane-title").length,
          long: sheet.classList.contains("long")};
}))()"""
"""Each printed sheet's width, its grid's width, how many lanes it draws and whether it runs on over several pages."""


def printed_sheets(journey: Journey, page: str, language: str = "en") -> list[dict[str, Any]]:
    """Lay ``journey`` out in ``language`` as printed on ``page`` and return each sheet's measures (see :data:`PRINTED`)."""
    return page_value(poster_html(journey, language=language, page=page), PRINTED, width=math.ceil(page_pixels(page)[0]), media="print")


@pytest.mark.browser
@pytest.mark.parametrize("page", list(PAGES_MM))
@pytest.mark.parametrize("name", BUNDLED)
def test_the_printed_grid_spans_the_page(name: str, page: str) -> None:
    journey = bundled(name, "en")
    printed = printed_sheets(journey, page)
    for sheet in printed:
        assert sheet["grid"] == 0 or sheet["grid"] >= sheet["page"] - 2 * MARGIN - 1
        assert not sheet["long"]
    assert sum(sheet["lanes"] for sheet in printed) >= len(lanes_on(journey, choose_lanes(journey), journey.steps, keep_all=False))


def test_a_long_map_moves_lanes_that_do_not_fit_to_another_page_instead_of_shrinking_them() -> None:
    journey = Journey(
        title="Tall",
        stages=[
            {
                "name": "A",
                "steps": [
                    {
                        "name": f"Step {n}",
                        **{
                            lane: [f"A long sentence about {lane} number {k}" for k in range(10)]
                            for lane in ("actions", "goals", "thoughts", "pains", "gains", "ideas")
                        },
                    }
                    for n in range(3)
                ],
            }
        ],
    )
    printed = printed_sheets(journey, "A3")
    assert len(printed) >= 2 and sum(sheet["lanes"] for sheet in printed) == 6


EIGHT_PERSONAS = Journey(
    title="Data personas",
    personas=[
        {"name": f"push_open + add_to_favorites ({n})", "description": "Opens pushes and saves items", "share": 0.1} for n in range(8)
    ],
    stages=[{"name": "Use", "steps": [{"name": f"Step {n}", "actions": ["Taps"], "barriers": ["Slow"]} for n in range(6)]}],
)
CARDS = """(() => ({
  page: document.documentElement.scrollWidth,
  rows: new Set([...document.querySelectorAll(".persona")].map((card) => Math.round(card.getBoundingClientRect().top))).size,
  hatched: [...document.querySelectorAll(".step.has-barrier, .tone-barrier.filled")].filter((box) => getComputedStyle(box).backgroundImage !== "none").length,
  swatch: document.querySelectorAll(".barrier-swatch").length,
}))()"""


@pytest.mark.browser
def test_eight_persona_cards_wrap_instead_of_widening_a_six_step_poster() -> None:
    layout = page_value(poster_html(EIGHT_PERSONAS), CARDS, width=int(sheets(EIGHT_PERSONAS)[0].width))
    assert layout["page"] == sheets(EIGHT_PERSONAS)[0].width == 2 * MARGIN + LANE_COLUMN + 6 * 196
    assert layout["rows"] >= 2
    printed = printed_sheets(EIGHT_PERSONAS, "A3")
    assert not any(sheet["long"] for sheet in printed) and [sheet["lanes"] for sheet in printed] == [2]


@pytest.mark.browser
def test_when_every_step_is_a_barrier_nothing_is_hatched() -> None:
    layout = page_value(poster_html(EIGHT_PERSONAS), CARDS, width=int(sheets(EIGHT_PERSONAS)[0].width))
    assert layout["hatched"] == 0 and layout["swatch"] == 0
    some = EIGHT_PERSONAS.model_copy(deep=True)
    some.stages[0].steps[0].barriers = []
    layout = page_value(poster_html(some), CARDS, width=int(sheets(some)[0].width))
    assert layout["hatched"] == 10 and layout["swatch"] == 1


@pytest.mark.browser
def test_personas_that_fill_the_first_page_send_its_lanes_on_to_the_next() -> None:
    """Eleven rows of persona cards take most of the first page: the lanes that no longer fit go on to the next, none runs over."""
    journey = Journey(
        title="Crowd",
        personas=[{"name": f"Persona {n}", "description": "Wants the thing soon and cheap."} for n in range(66)],
        stages=[{"name": "Use", "steps": [{"name": "Taps", "actions": ["Taps"], "pains": ["Slow"]}]}],
    )
    printed = printed_sheets(journey, "A3")
    assert [(sheet["grid"] > 0, sheet["long"]) for sheet in printed] == [(True, False), (True, False)]
    assert [sheet["lanes"] for sheet in printed] == [1, 1]


def crowd(template: str) -> Journey:
    """A map of ``template`` (a stage set without lanes, or a bundled example) with 80 personas."""
    journey = new_journey(template, title="Crowd")
    journey.personas = [
        {"id": f"p{n}", "name": f"Persona {n}", "description": "Wants the thing soon and cheap.", "goals": ["Pay less"]} for n in range(80)
    ]
    return journey


@pytest.mark.browser
@pytest.mark.parametrize("page", ["A3", "A4", "Letter"])
@pytest.mark.parametrize("template", ["lifecycle", "childrens-shop"])
def test_persona_cards_that_do_not_fit_a_page_go_on_to_the_next_and_none_is_lost(template: str, page: str) -> None:
    """80 cards fill more than a page (A2 holds them): those that do not fit go on to the next pages, above the stage headers and lanes."""
    journey = crowd(template)
    printed = printed_sheets(journey, page)
    assert not any(sheet["long"] for sheet in printed) and len(printed) >= 2
    pages = [
        " ".join(printed_page.extract_text().split()) for printed_page in PdfReader(BytesIO(render_bytes(journey, "pdf", page=page))).pages
    ]
    assert len(pages) == len(printed)
    named = [[int(number) for number in re.findall(r"Persona (\d+)\b", text)] for text in pages]
    assert sorted(number for numbers in named for number in numbers) == list(range(80))
    last_card = max(index for index, numbers in enumerate(named) if numbers)
    first_stage = min(index for index, text in enumerate(pages) if journey.stages[0].name in text)
    assert last_card <= first_stage and all(stage.name in " ".join(pages[first_stage:]) for stage in journey.stages)
    assert_printed_well(journey, "en", page, most_pages(4, page) + 2)
    assert_inside_boxes(journey, "en", page)


@pytest.mark.browser
@pytest.mark.parametrize(
    "title",
    ["Buying a school uniform online for the first time, from the first search to the return of a jacket that did not fit", "Ж" * 80],
)
def test_a_long_title_wraps_inside_its_box_in_balanced_lines(title: str) -> None:
    journey = new_journey("lifecycle", title=title)
    layout = page_value(poster_html(journey), OUTSIDE, width=int(sheets(journey)[0].width))
    assert layout["outside"] == [] and layout["page"] == sheets(journey)[0].width
    assert 2 <= layout["title"]["lines"] <= 4 and layout["title"]["width"] >= 400


@pytest.mark.browser
def test_a_map_with_no_lanes_and_many_ideas_keeps_its_stages_on_the_first_page() -> None:
    journey = new_journey("lifecycle")
    journey.opportunities = [{"title": f"Idea {n}", "description": "Why it matters, in a sentence or two."} for n in range(14)]
    journey.insights = [{"text": f"Insight {n}: parents compare prices in two shops before they buy."} for n in range(24)]
    printed = printed_sheets(journey, "A3")
    assert [(sheet["grid"] > 0, sheet["long"]) for sheet in printed] == [(True, False), (False, False)]
