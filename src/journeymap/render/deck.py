"""The map as a PowerPoint deck (python-pptx), the slides a team presents.

A title slide; one slide per stage with its steps (audience, conversion,
emotion, barriers, ideas) and their emotion curve as a native PowerPoint
chart, so it can be restyled in the deck; the ranked ideas last. Every text
is a text run (python-pptx escapes it), in the language of the run.

>>> from pptx import Presentation
>>> import io
>>> from journeymap.model import Journey
>>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": -1}}]}])
>>> deck = Presentation(io.BytesIO(deck_bytes(journey)))
>>> [slide.shapes.title.text for slide in deck.slides]
['Shop', 'Buy', 'Ideas ranked']
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import cast

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.presentation import Presentation as Deck
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from ..i18n import gettext as _
from ..model import Journey, Stage
from .tables import Table, opportunities_table, summary_table

STEP_COLUMNS = ("step", "audience", "conversion", "emotion", "emotional_state", "barriers", "ideas")
"""The columns of the seeds' summary table a stage's slide shows."""
IDEA_COLUMNS = ("rank", "title", "score", "status", "owner")
IDEAS_PER_SLIDE = 12
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
"""A 16:9 slide."""
MARGIN = Inches(0.5)
TITLE_ONLY = 5
"""The default template's "Title Only" layout."""


def deck_bytes(journey: Journey) -> bytes:
    """Return the map as a ``.pptx`` file's bytes: title, a slide per stage, the ranked ideas."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, journey)
    steps = summary_table(journey)
    for stage, rows in _rows_by_stage(journey, steps):
        _stage_slide(deck, journey, stage, Table(steps.name, steps.columns, rows))
    _ideas_slide(deck, opportunities_table(journey))
    stream = io.BytesIO()
    deck.save(stream)
    return stream.getvalue()


def _rows_by_stage(journey: Journey, steps: Table) -> Iterator[tuple[Stage, list[list[object]]]]:
    rows = iter(steps.rows)
    for stage in journey.stages:
        yield stage, [next(rows) for _step in stage.steps]


def _title_slide(deck: Deck, journey: Journey) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = journey.title
    lines = [journey.business_goal, ", ".join(persona.name for persona in journey.personas)]
    slide.placeholders[1].text = "\n".join(line for line in lines if line)


def _stage_slide(deck: Deck, journey: Journey, stage: Stage, steps: Table) -> None:
    slide = _titled(deck, stage.name)
    if not steps.rows:
        _note(slide, stage.description or _("No steps in this stage yet."))
        return
    _curve(slide, journey, steps, top=Inches(1.2), height=Inches(2.4))
    _table(slide, _columns(steps, STEP_COLUMNS), Inches(3.7), Emu(Inches(0.35) * (len(steps.rows) + 1)))


def _ideas_slide(deck: Deck, ideas: Table) -> None:
    slide = _titled(deck, _("Ideas ranked"))
    if not ideas.rows:
        _note(slide, _("No ideas yet."))
        return
    shown = Table(ideas.name, ideas.columns, ideas.rows[:IDEAS_PER_SLIDE])
    _table(slide, _columns(shown, IDEA_COLUMNS), Inches(1.3), Emu(Inches(0.4) * (len(shown.rows) + 1)))
    if len(ideas.rows) > IDEAS_PER_SLIDE:
        _note(slide, _("and {count} more in the table export").format(count=len(ideas.rows) - IDEAS_PER_SLIDE), top=Emu(HEIGHT - Inches(0.8)))


def _titled(deck: Deck, title: str) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
    return slide


def _columns(table: Table, keys: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """Return the named columns of ``table``: each title with its formatted values."""
    formatted = table.formatted()
    places = {column.key: index for index, column in enumerate(table.columns)}
    return [(table.columns[places[key]].title, [row[places[key]] for row in formatted]) for key in keys]


def _table(slide: Slide, columns: list[tuple[str, list[str]]], top: Length, height: Length) -> None:
    count = len(columns[0][1])
    shape = slide.shapes.add_table(count + 1, len(columns), MARGIN, top, Emu(WIDTH - 2 * MARGIN), height)
    for column, (title, values) in enumerate(columns):
        for row, text in enumerate([title, *values]):
            cell = shape.table.cell(row, column)
            cell.text = text
            cell.text_frame.paragraphs[0].font.size = Pt(11 if row else 12)


def _curve(slide: Slide, journey: Journey, steps: Table, top: Length, height: Length) -> None:
    places = {column.key: index for index, column in enumerate(steps.columns)}
    data = CategoryChartData()
    data.categories = [row[places["step"]] for row in steps.rows]
    data.add_series(_("Emotion"), [row[places["emotion"]] for row in steps.rows])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, MARGIN, top, Emu(WIDTH - 2 * MARGIN), height, data)  # type: ignore[arg-type]  # python-pptx types chart data as its base class only
    chart = cast(GraphicFrame, frame).chart  # python-pptx's types say add_chart returns the chart; it returns its frame
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = journey.emotion_scale.min, journey.emotion_scale.max
    axis.major_unit = 1


def _note(slide: Slide, text: str, top: Length = Inches(1.5)) -> None:
    box = slide.shapes.add_textbox(MARGIN, top, Emu(WIDTH - 2 * MARGIN), Inches(0.6))
    box.text_frame.text = text
    box.text_frame.paragraphs[0].font.size = Pt(18)
