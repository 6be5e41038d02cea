"""The map as a PowerPoint deck (python-pptx), the slides a team presents.

A title slide; one slide per stage with its description and owner, its steps
(audience, conversion, emotion, barriers, ideas) and their emotion curve as a native PowerPoint
chart, so it can be restyled in the deck, with one line per persona that has
emotions of its own (its colour and marker as on the poster); then the links
between steps and sub-journeys, the insights with their evidence, the
personas and the communication plan (each where the map has them); the
ranked ideas last. Every text is a text run (python-pptx escapes it), in the
language of the run.

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
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.presentation import Presentation as Deck
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from ..i18n import gettext as _
from ..model import Journey, Stage
from .curve import PERSONA_STYLES
from .emotion import persona_lines
from .shape_tables import insights_table, links_table
from .tables import Table, communication_table, opportunities_table, personas_table, summary_table

STEP_COLUMNS = ("step", "audience", "conversion", "emotion", "emotional_state", "barriers", "ideas")
"""The columns of the seeds' summary table a stage's slide shows."""
IDEA_COLUMNS = ("rank", "title", "score", "status", "owner")
PERSONA_COLUMNS = ("name", "role", "description", "goals", "needs", "frustrations")
ROWS_PER_SLIDE = 12
MARKERS = {"square": XL_MARKER_STYLE.SQUARE, "triangle": XL_MARKER_STYLE.TRIANGLE, "diamond": XL_MARKER_STYLE.DIAMOND,
           "circle": XL_MARKER_STYLE.CIRCLE, "cross": XL_MARKER_STYLE.PLUS}
DASHES = {"": MSO_LINE_DASH_STYLE.SOLID, "5 3": MSO_LINE_DASH_STYLE.DASH, "2 3": MSO_LINE_DASH_STYLE.ROUND_DOT, "8 3 2 3": MSO_LINE_DASH_STYLE.DASH_DOT}
"""A persona's marker and dash in PowerPoint's words, from :data:`PERSONA_STYLES`."""
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
"""A 16:9 slide."""
MARGIN = Inches(0.5)
TITLE_ONLY = 5
"""The default template's "Title Only" layout."""


def deck_bytes(journey: Journey) -> bytes:
    """Return the map as a ``.pptx`` file's bytes: title, a slide per stage, the map's other tables, the ranked ideas."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, journey)
    steps = summary_table(journey)
    for stage, rows in _rows_by_stage(journey, steps):
        _stage_slide(deck, journey, stage, Table(steps.name, steps.columns, rows))
    for table, keys in ((links_table(journey), ()), (insights_table(journey), ()), (personas_table(journey), PERSONA_COLUMNS), (communication_table(journey), ())):
        if table.rows:
            _table_slide(deck, table.name, table, keys or tuple(column.key for column in table.columns))
    _table_slide(deck, _("Ideas ranked"), opportunities_table(journey), IDEA_COLUMNS, empty=_("No ideas yet."))
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
    about = " · ".join(filter(None, (stage.description, stage.owner)))
    if about:
        _note(slide, about, top=Inches(1.05), size=14)
    _curve(slide, journey, stage, steps, top=Inches(1.55 if about else 1.2), height=Inches(2.05 if about else 2.4))
    _table(slide, _columns(steps, STEP_COLUMNS), Inches(3.7), Emu(Inches(0.35) * (len(steps.rows) + 1)))


def _table_slide(deck: Deck, title: str, table: Table, keys: tuple[str, ...], empty: str = "") -> None:
    """Add a slide with the first rows of ``table`` (columns ``keys``), saying how many more the table export holds."""
    slide = _titled(deck, title)
    if not table.rows:
        _note(slide, empty)
        return
    shown = Table(table.name, table.columns, table.rows[:ROWS_PER_SLIDE])
    _table(slide, _columns(shown, keys), Inches(1.3), Emu(Inches(0.4) * (len(shown.rows) + 1)))
    if len(table.rows) > ROWS_PER_SLIDE:
        _note(slide, _("and {count} more in the table export").format(count=len(table.rows) - ROWS_PER_SLIDE), top=Emu(HEIGHT - Inches(0.8)))


def _titled(deck: Deck, title: str) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
    return slide


def _columns(table: Table, keys: tuple[str, ...]) -> list[tuple[str, int, list[str]]]:
    """Return the named columns of ``table``: each title with its width and formatted values."""
    formatted = table.formatted()
    places = {column.key: index for index, column in enumerate(table.columns)}
    return [(table.columns[places[key]].title, table.columns[places[key]].width, [row[places[key]] for row in formatted]) for key in keys]


def _table(slide: Slide, columns: list[tuple[str, int, list[str]]], top: Length, height: Length) -> None:
    """Add a table of ``columns``, each as wide as its share of the widths."""
    count = len(columns[0][2])
    shape = slide.shapes.add_table(count + 1, len(columns), MARGIN, top, Emu(WIDTH - 2 * MARGIN), height)
    total = sum(width for _title, width, _values in columns)
    for column, (title, width, values) in enumerate(columns):
        shape.table.columns[column].width = Emu(int((WIDTH - 2 * MARGIN) * width / total))
        for row, text in enumerate([title, *values]):
            cell = shape.table.cell(row, column)
            cell.text = text
            cell.text_frame.paragraphs[0].font.size = Pt(11 if row else 12)


def _curve(slide: Slide, journey: Journey, stage: Stage, steps: Table, top: Length, height: Length) -> None:
    """Add the stage's emotion curve as a line chart: the map's line, then one per persona with emotions of its own."""
    places = {column.key: index for index, column in enumerate(steps.columns)}
    data = CategoryChartData()
    data.categories = [row[places["step"]] for row in steps.rows]
    data.add_series(_("Emotion"), [row[places["emotion"]] for row in steps.rows])
    personas = persona_lines(journey, stage.steps)
    for line in personas:
        data.add_series(line.name, list(line.values))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, MARGIN, top, Emu(WIDTH - 2 * MARGIN), height, data)  # type: ignore[arg-type]  # python-pptx types chart data as its base class only
    chart = cast(GraphicFrame, frame).chart  # python-pptx's types say add_chart returns the chart; it returns its frame
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = journey.emotion_scale.min, journey.emotion_scale.max
    axis.major_unit = 1
    _persona_styles(chart, [line.style for line in personas])


def _persona_styles(chart: Chart, styles: list[int]) -> None:
    """Give each persona's series (after the map's own) its colour, dash and marker, as the poster draws it."""
    for series, style in zip(list(chart.plots[0].series)[1:], styles):
        colour, dash, shape = PERSONA_STYLES[style % len(PERSONA_STYLES)]
        series.format.line.color.rgb = RGBColor.from_string(colour.lstrip("#"))
        series.format.line.dash_style = DASHES[dash]
        series.marker.style = MARKERS[shape]
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))


def _note(slide: Slide, text: str, top: Length = Inches(1.5), size: int = 18) -> None:
    box = slide.shapes.add_textbox(MARGIN, top, Emu(WIDTH - 2 * MARGIN), Inches(0.6))
    box.text_frame.text = text
    box.text_frame.paragraphs[0].font.size = Pt(size)
