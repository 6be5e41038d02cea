"""The poster's layout as data: columns per step, stage spans, sheets that fit a page."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeVar

from markupsafe import Markup

from ..i18n import gettext as _
from ..model import EmotionScale, Journey, Metric, Stage, Step
from . import numbers
from .curve import CurvePoint, Frame, curve_svg
from .emotion import persona_lines, scale_score
from .links import links_svg
from .pages import page_pixels

SCREEN_COLUMN = 196
"""Width of a step's column on screen and in PNG, in CSS pixels."""
LANE_COLUMN = 136
"""Width of the lane titles' column."""
MARGIN = 32
"""Space around the poster."""
MIN_COLUMN, MAX_COLUMN = 150, 360
"""Narrowest step column on a printed page, widest on screen (a printed page's columns share its whole width)."""
MIN_WIDTH = 960
"""Narrowest poster on screen and in PNG, so a short map keeps its title on one line and its legend on the page."""
CURVE_HEIGHT = 150
T = TypeVar("T")


@dataclass(frozen=True)
class MetricView:
    """One number of a step as drawn: translated name, formatted value, where it comes from."""

    name: str
    text: str
    measured: bool
    source: str


@dataclass(frozen=True)
class Column:
    """A step's column: the step, its stage, its position and its numbers.

    A stage without steps keeps one empty column (``placeholder``, numbered 0) so its name is drawn.
    """

    stage: Stage
    step: Step
    number: int
    metrics: list[MetricView]
    funnel: float | None
    placeholder: bool = False


@dataclass(frozen=True)
class StageSpan:
    """A stage's header over its steps on one sheet; ``continued`` when it began on the sheet before."""

    stage: Stage
    span: int
    continued: bool


@dataclass(frozen=True)
class Sheet:
    """The part of the poster that fits one page (the whole poster on screen)."""

    columns: list[Column]
    stages: list[StageSpan]
    column_width: float
    curve: Markup = field(default=Markup(""))
    links: Markup = field(default=Markup(""))

    @property
    def width(self) -> float:
        """The sheet's width in CSS pixels, margins included, never under :data:`MIN_WIDTH`."""
        return max(MIN_WIDTH, 2 * MARGIN + LANE_COLUMN + self.column_width * len(self.columns))


def steps_per_page(page: str) -> int:
    """Return how many step columns fit across a page at the narrowest readable width.

    >>> steps_per_page("A3"), steps_per_page("A2"), steps_per_page("A4"), steps_per_page("Letter")
    (9, 13, 6, 5)
    """
    width, _height = page_pixels(page)
    return max(1, int((width - 2 * MARGIN - LANE_COLUMN) // MIN_COLUMN))


def sheets(journey: Journey, page: str | None = None) -> list[Sheet]:
    """Return the poster's sheets: one on screen, or as many as the page needs, balanced.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": str(n)} for n in range(17)]}])
    >>> [len(sheet.columns) for sheet in sheets(journey, "A3")]
    [9, 8]
    """
    columns = _columns(journey)
    if page is None:
        return [_sheet(journey, columns, screen_column(len(columns)))]
    grid = page_pixels(page)[0] - 2 * MARGIN - LANE_COLUMN
    return [_sheet(journey, chunk, round(grid / max(len(chunk), 1), 2)) for chunk in balanced(columns, steps_per_page(page))]


def balanced(items: list[T], most: int) -> list[list[T]]:
    """Return ``items`` split into as few runs of at most ``most`` as can be, their lengths differing by one at most.

    >>> [len(run) for run in balanced(list(range(17)), 5)], balanced([], 5)
    ([5, 4, 4, 4], [[]])
    """
    count = max(1, math.ceil(len(items) / most))
    size, longer = divmod(len(items), count)
    starts = [index * size + min(index, longer) for index in range(count + 1)]
    return [items[start:end] for start, end in pairwise(starts)]


def screen_column(count: int) -> float:
    """Return the width of a step's column on screen: wider when few columns would leave the poster narrow.

    >>> screen_column(17), screen_column(2), screen_column(0)
    (196, 360, 196)
    """
    if not count:
        return SCREEN_COLUMN
    return max(SCREEN_COLUMN, min(MAX_COLUMN, round((MIN_WIDTH - 2 * MARGIN - LANE_COLUMN) / count, 2)))


def _sheet(journey: Journey, columns: list[Column], column_width: float) -> Sheet:
    scale = journey.emotion_scale
    frame = Frame(low=scale.min, high=scale.max, column=column_width, height=CURVE_HEIGHT)
    points = [_step_point(column.step, scale) for column in columns]
    steps = [column.step for column in columns]
    curve = curve_svg(points, frame, neutral=(scale.min + scale.max) / 2, personas=persona_lines(journey, steps))
    return Sheet(columns, _spans(columns), column_width, curve, links_svg(journey, steps, column_width))


def curve_points(journey: Journey) -> list[CurvePoint]:
    """Return each step's point on the emotion curve, in the map's order.

    >>> from journeymap.model import Journey
    >>> curve_points(Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": 1}}]}]))[0].title
    'Pays: +1 / ?'
    """
    return [_step_point(step, journey.emotion_scale) for step in journey.steps]


def _step_point(step: Step, scale: EmotionScale) -> CurvePoint:
    emotion = step.emotion
    title = "{name}: {actual} / {desired}".format(
        name=step.name, actual=scale_score(emotion.actual, scale) or "?", desired=scale_score(emotion.desired, scale) or "?"
    )
    measured = emotion.measured.value if emotion.measured is not None else None
    return CurvePoint(step.id, title, emotion.actual, emotion.desired, measured)


def _spans(columns: Sequence[Column]) -> list[StageSpan]:
    spans: list[StageSpan] = []
    for index, column in enumerate(columns):
        if spans and spans[-1].stage is column.stage:
            last = spans[-1]
            spans[-1] = StageSpan(last.stage, last.span + 1, last.continued)
        else:
            continued = index == 0 and not column.placeholder and column.stage.steps[0] is not column.step
            spans.append(StageSpan(column.stage, 1, continued))
    return spans


def _columns(journey: Journey) -> list[Column]:
    audiences = [step.metrics.audience.value for step in journey.steps if step.metrics.audience is not None]
    top = max((value for value in audiences if value is not None), default=None)
    columns: list[Column] = []
    number = 0
    for stage in journey.stages:
        if not stage.steps:
            columns.append(Column(stage, Step.model_construct(id=f"{stage.id}:no-steps", name=""), 0, [], None, placeholder=True))
        for step in stage.steps:
            number += 1
            audience = step.metrics.audience.value if step.metrics.audience is not None else None
            columns.append(Column(stage, step, number, metric_views(step), audience / top if audience is not None and top else None))
    return columns


def metric_views(step: Step) -> list[MetricView]:
    """Return the step's numbers as drawn, in the seeds' order, skipping those not set.

    >>> from journeymap.model import Step
    >>> [(m.name, m.text) for m in metric_views(Step(name="Pays", metrics={"audience": 1200, "conversion": "35%"}))]
    [('Audience', '1,200'), ('Conversion', '35%')]
    """
    metrics = step.metrics
    rows = [
        (_("Audience"), metrics.audience, numbers.count),
        (_("Conversion"), metrics.conversion, numbers.share),
        (_("From start"), metrics.conversion_from_start, numbers.share),
        (_("Retention"), metrics.retention, numbers.share),
        (_("Time"), metrics.time_seconds, numbers.duration),
        (_("Time, p90"), metrics.time_p90_seconds, numbers.duration),
    ]
    views = [_metric_view(name, metric, show) for name, metric, show in rows if metric is not None and metric.value is not None]
    if metrics.criticality is not None:
        views.append(MetricView(_("Criticality"), f"{metrics.criticality}/5", False, ""))
    return views


def _metric_view(name: str, metric: Metric, show: Callable[[float | None], str]) -> MetricView:
    source = metric.measured.source if metric.measured is not None else ""
    if metric.measured is not None and metric.measured.count is not None:
        source = _("{source}, n={count}").format(source=source, count=numbers.count(metric.measured.count)).lstrip(", ")
    return MetricView(name, show(metric.value), metric.is_measured, source)
