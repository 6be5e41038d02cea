"""The PowerPoint deck: read back with python-pptx, slide by slide, against the map it came from."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.chart import XL_MARKER_STYLE
from typer.testing import CliRunner

from journeymap.cli import app
from journeymap.files import example_path, load
from journeymap.model import Journey
from journeymap.render import render_bytes
from journeymap.render.tables import opportunities_table

SHAPE = Journey.model_validate({
    "title": "Shop",
    "personas": [{"id": "olga", "name": "Olga", "role": "purchaser", "needs": ["safe toys"]}, {"id": "ivan", "name": "Ivan"}, {"id": "nina", "name": "Nina"}],
    "stages": [
        {"name": "Find", "description": "Looks around", "owner": "Marketing", "steps": [
            {"name": "Sees", "emotion": {"actual": 1}, "by_persona": {"olga": {"emotion": {"actual": -1}}, "nina": {"notes": "no emotion"}}},
            {"name": "Searches", "subjourney": "search.yaml", "emotion": {"actual": -1}, "by_persona": {"ivan": {"emotion": {"actual": 2}}}},
        ]},
        {"name": "Buy", "steps": [
            {"name": "Pays", "emotion": {"actual": 0}, "by_persona": {"olga": {"emotion": {"actual": -2}}},
             "communications": [{"channel": "email", "message": "Your receipt", "timing": "at once", "owner": "CRM"}]},
        ]},
    ],
    "links": [{"from": "pays", "to": "sees", "kind": "loop", "label": "Buys again", "share": 0.3}],
    "insights": [{"text": "Paying is slow", "source": "survey", "source_ref": "Q3", "score": -1, "steps": ["pays"]}],
})


def deck(journey: Journey, language: str | None = None):
    return Presentation(io.BytesIO(render_bytes(journey, "pptx", language=language)))


def table_of(slide) -> list[list[str]]:
    shape = next(shape for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def chart_of(slide):
    return next(shape for shape in slide.shapes if shape.has_chart).chart


def test_a_slide_per_stage_with_its_steps_and_their_curve_then_the_ranked_ideas():
    shop = load(example_path("childrens-shop"))
    slides = list(deck(shop).slides)
    shape = ["Links between steps", "Insights", "Personas", "Communication plan"]
    assert [slide.shapes.title.text for slide in slides] == [shop.title, *(stage.name for stage in shop.stages), *shape, "Ideas ranked"]
    for stage, slide in zip(shop.stages, slides[1:]):
        rows = table_of(slide)
        assert rows[0] == ["Step", "Audience", "Conversion", "Emotion", "Emotional state", "Barriers", "Ideas"]
        assert [row[0] for row in rows[1:]] == [step.name for step in stage.steps]
        chart = chart_of(slide)
        assert list(chart.plots[0].categories) == [step.name for step in stage.steps]
        assert list(chart.series[0].values) == [step.emotion.actual for step in stage.steps]
        assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (shop.emotion_scale.min, shop.emotion_scale.max)
    ideas = table_of(slides[-1])
    assert [row[1] for row in ideas[1:]] == [row[1] for row in opportunities_table(shop).rows]


def test_hostile_text_stays_text_and_an_empty_stage_says_so():
    journey = Journey(title="<script>alert(1)</script>", stages=[{"name": "A & <b>", "steps": [{"name": "</a:t>"}]}, {"name": "Later"}])
    slides = list(deck(journey).slides)
    assert slides[0].shapes.title.text == "<script>alert(1)</script>"
    assert table_of(slides[1])[1][0] == "</a:t>"
    assert [shape.text_frame.text for shape in slides[2].shapes if shape.has_text_frame and shape != slides[2].shapes.title] == ["No steps in this stage yet."]


def test_the_deck_speaks_the_language_of_the_run():
    slides = list(deck(load(example_path("childrens-shop")), language="ru").slides)
    assert table_of(slides[1])[0][0] == "Шаг"
    assert chart_of(slides[1]).series[0].name == "Эмоция"


def test_render_writes_a_deck_by_its_extension(tmp_path):
    target = tmp_path / "shop.pptx"
    result = CliRunner().invoke(app, ["render", str(example_path("childrens-shop")), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert len(Presentation(str(target)).slides) == 2 + len(load(example_path("childrens-shop")).stages) + 4  # links, insights, personas, communications


def test_stage_slides_draw_one_line_per_persona_with_emotions_in_its_colour_and_marker():
    slides = list(deck(SHAPE).slides)
    find, buy = chart_of(slides[1]), chart_of(slides[2])
    assert [(series.name, list(series.values)) for series in find.plots[0].series] == [("Emotion", [1, -1]), ("Olga", [-1, -1]), ("Ivan", [1, 2])]
    assert [(series.name, list(series.values)) for series in buy.plots[0].series] == [("Emotion", [0]), ("Olga", [-2]), ("Ivan", [0])]
    notes = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape != slide.shapes.title] for slide in slides[1:3]]
    assert notes == [["Looks around · Marketing"], []]
    olga, ivan = list(find.plots[0].series)[1:]
    assert (str(olga.format.line.color.rgb), olga.marker.style) == ("8A5A00", XL_MARKER_STYLE.SQUARE)
    assert (str(ivan.format.line.color.rgb), ivan.marker.style) == ("2C6E49", XL_MARKER_STYLE.TRIANGLE)


def test_links_insights_personas_and_the_communication_plan_have_slides_of_their_own():
    slides = {slide.shapes.title.text: slide for slide in deck(SHAPE).slides}
    assert list(slides) == ["Shop", "Find", "Buy", "Links between steps", "Insights", "Personas", "Communication plan", "Ideas ranked"]
    assert table_of(slides["Links between steps"])[1:] == [["Pays", "Sees", "Loop back", "Buys again", "30%"], ["Searches", "search.yaml", "Sub-journey", "", ""]]
    assert table_of(slides["Insights"])[1:] == [["Paying is slow", "Survey", "Q3", "–1", "Pays", ""]]
    assert [row[:5] for row in table_of(slides["Personas"])] == [
        ["Persona", "Role", "Description", "Goals", "Needs"], ["Olga", "Purchaser", "", "", "safe toys"], ["Ivan", "", "", "", ""], ["Nina", "", "", "", ""]]
    assert table_of(slides["Communication plan"])[1:] == [["Buy", "Pays", "email", "Your receipt", "at once", "CRM"]]
