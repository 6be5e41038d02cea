"""The analyses a team can run from the server on an uploaded data file: every one the CLI has, through the same library calls.

Each returns an :class:`~journeymap.web.jobs.Outcome`: the library's result
(``to_dict()``, what the CLI's ``--json`` prints), the CLI's table with numbers
written in the run's language, the CLI's Plotly charts as JSON, and for
``analyze``, ``aha``, ``barriers``, ``personas`` and ``voice`` the map with what
they found (saved as a new revision). Options come as the run's ``params``;
steps and events default to the map's bound steps.

>>> from journeymap.web.jobs import ANALYSES
>>> sorted(name for name in ANALYSES if name != "validate")
['aha', 'analyze', 'barriers', 'funnel', 'paths', 'personas', 'retention', 'transitions', 'voice']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from .. import analytics, voice
from ..analytics import EventLog
from ..analytics.chart_theme import themed
from ..analytics.discover import (
    AhaSettings,
    aha as find_aha,
    barriers as find_barriers,
    clusters,
    journey_barriers,
    mark_aha,
    mark_barriers,
    with_personas,
)
from ..errors import DataSourceError, InvalidRequest
from ..i18n import current_language, gettext as _
from ..model import Journey
from ..voice import report
from . import run_tables as tables
from .jobs import JobContext, Outcome, register
from .uploads import WrongUpload, event_columns, feedback_columns, linked_by_kind


def _source(context: JobContext) -> Any:
    if context.source is None:
        raise InvalidRequest(_("this analysis needs a data file; upload one and choose it"), field="source")
    return context.source


@contextmanager
def event_log(context: JobContext) -> Iterator[EventLog]:
    """Yield the run's event log, read with the chosen (or the map's) columns; errors name the file as uploaded."""
    source = _source(context)
    columns = event_columns(source, context.params, context.journey)
    context.progress(0.1, _("reading the event log"))
    timezone = context.journey.data.timezone if context.journey.data is not None else "UTC"
    with linked_by_kind(source) as link:
        try:
            yield analytics.read_events(link, columns=columns, timezone=timezone)
        except WrongUpload:
            raise
        except DataSourceError as error:
            raise DataSourceError(error.message.replace(str(link), context.source_name or link.name)) from None


def chart(figure: go.Figure) -> dict[str, Any]:
    """Return a Plotly figure in the poster's look as plain JSON (what ``Plotly.newPlot`` takes), numbers written with the language's decimal and group marks."""
    language = current_language()
    return json.loads(themed([figure])[0].update_layout(separators=get_decimal_symbol(language) + get_group_symbol(language)).to_json())


def bound_events(journey: Journey) -> list[str]:
    """Return the first event of each bound step of the map, in the map's order."""
    return [step.binding.events[0] for step in journey.steps if step.binding is not None]


def _steps(context: JobContext) -> list[str]:
    steps = [str(step) for step in context.params.get("steps") or () if str(step).strip()] or bound_events(context.journey)
    if len(steps) < 2:
        raise InvalidRequest(_("choose at least two steps, or bind two steps of the map to events"), field="steps")
    return steps


def _window(context: JobContext) -> str:
    return str(context.params.get("window") or (context.journey.data.window if context.journey.data is not None else "30d"))


def _whole(context: JobContext, name: str, default: int, *, low: int = 0, high: int = 10_000) -> int:
    value = context.params.get(name, default)
    try:
        number = int(value if value not in (None, "") else default)
    except (TypeError, ValueError):
        number = low - 1
    if not low <= number <= high:
        raise InvalidRequest(_("{value!r} is not a whole number from {low} to {high}").format(value=value, low=low, high=high), field=name)
    return number


def _days(context: JobContext) -> list[int]:
    value = context.params.get("days") or [1, 7, 30]
    parts = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    try:
        days = sorted({int(str(part).strip()) for part in parts if str(part).strip()})
    except ValueError:
        days = []
    if not days or days[0] < 0:
        raise InvalidRequest(_("write the days as whole numbers separated by commas, e.g. 1, 7, 30"), field="days")
    return days


@register("analyze")
def analyze(context: JobContext) -> Outcome:
    """Fill every bound step's audience, conversion, time and retention from an event log."""
    with event_log(context) as log:
        context.progress(0.4, _("measuring the bound steps"))
        measured = analytics.analyze(context.journey, log, window=context.params.get("window"), retention_day=_whole(context, "retention_day", 7), source_name=context.source_name)
    measured._source = None
    return Outcome(data={"steps": len(tables.measured_table(measured)["rows"])}, table=tables.measured_table(measured), journey=measured)


@register("funnel")
def funnel(context: JobContext) -> Outcome:
    """The funnel of the given events (``steps``), or of the map's bound steps, in an event log."""
    steps = _steps(context)
    with event_log(context) as log:
        context.progress(0.4, _("computing the funnel"))
        result = analytics.funnel(log, steps, window=_window(context))
    return Outcome(data=result.to_dict(), table=tables.funnel_table(result), charts=[chart(analytics.funnel_chart(result))])


@register("retention")
def retention(context: JobContext) -> Outcome:
    """Day-N retention (``days``, default 1, 7 and 30) of the users of an event log, and weekly cohorts."""
    days = _days(context)
    with event_log(context) as log:
        context.progress(0.4, _("computing retention"))
        curve = analytics.retention(log, days=analytics.retention_curve_days(days))
    result = curve.on_days(days)
    charts = [chart(analytics.retention_chart(curve, marks=days)), chart(analytics.cohort_heatmap(curve))]
    return Outcome(data=result.to_dict(), table=tables.retention_table(result), charts=charts)


@register("paths")
def paths(context: JobContext) -> Outcome:
    """The most frequent paths after (or before) an event (``anchor``, default the map's first bound step), with a Sankey chart."""
    anchor = context.params.get("anchor") or next(iter(bound_events(context.journey)), None)
    if not anchor:
        raise InvalidRequest(_("choose the event the paths start from"), field="anchor")
    direction = "before" if context.params.get("direction") == "before" else "after"
    with event_log(context) as log:
        context.progress(0.4, _("computing paths"))
        result = analytics.paths(log, anchor, depth=_whole(context, "depth", 3, low=1, high=10), top=_whole(context, "top", 20, low=1, high=200), direction=direction)
    return Outcome(data=result.to_dict(), table=tables.paths_table(result), charts=[chart(analytics.sankey_chart(result))])


@register("transitions")
def transitions(context: JobContext) -> Outcome:
    """The directly-follows graph: how often each event follows another (the ``top`` most frequent), and how fast."""
    with event_log(context) as log:
        context.progress(0.4, _("computing transitions"))
        result = analytics.transitions(log, top=_whole(context, "top", 30, low=1, high=1000))
    return Outcome(data=result.to_dict(), table=tables.transitions_table(result), charts=[chart(analytics.transitions_graph(result)), chart(analytics.transitions_chart(result))])


@register("aha")
def aha(context: JobContext) -> Outcome:
    """Aha moments: early actions (within ``within``) whose users come back more on day ``retention_day``; marks the bound steps."""
    with event_log(context) as log:
        context.progress(0.4, _("comparing retention"))
        result = find_aha(log, AhaSettings(retention_day=_whole(context, "retention_day", 7, low=1), within=str(context.params.get("within") or "3d")))
    return Outcome(data=result.to_dict(), table=tables.aha_table(result), journey=_marked(context.journey, mark_aha(context.journey, result)))


@register("barriers")
def barriers(context: JobContext) -> Outcome:
    """Barriers: the step-to-step conversions where the journey loses most users; marks the map's bound steps."""
    steps = _steps(context)
    marking = not context.params.get("steps")
    with event_log(context) as log:
        context.progress(0.4, _("finding barriers"))
        result = journey_barriers(context.journey, log, window=context.params.get("window")) if marking else find_barriers(log, steps, window=_window(context))
    marked = _marked(context.journey, mark_barriers(context.journey, result)) if marking else None
    return Outcome(data=result.to_dict(), table=tables.barriers_table(result), journey=marked)


@register("personas")
def personas(context: JobContext) -> Outcome:
    """Data personas: users clustered by behaviour (``k`` clusters, or chosen by silhouette), added to the map."""
    k = context.params.get("k") or "auto"
    with event_log(context) as log:
        context.progress(0.4, _("clustering the users"))
        result = clusters(log, k="auto" if k == "auto" else _whole(context, "k", 3, low=2, high=12))
    return Outcome(data=result.to_dict(), table=tables.clusters_table(result), journey=_marked(context.journey, with_personas(context.journey, result.clusters)))


@register("voice")
def voice_of_customer(context: JobContext) -> Outcome:
    """Read a feedback file onto the map: measured emotion, proposed quotes and pains (never those an editor dismissed)."""
    source = _source(context)
    columns = feedback_columns(source, context.params)
    with linked_by_kind(source) as feedback:
        context.progress(0.2, _("reading the feedback"))
        try:
            found = voice.read_feedback(feedback, columns=columns)
        except DataSourceError as error:
            raise DataSourceError(error.message.replace(str(feedback), context.source_name or feedback.name)) from None
        found.source = context.source_name or found.source
        context.progress(0.5, _("scoring and mapping the voices"))
        result = voice.analyze(context.journey, found, languages=context.params.get("languages", ()))
    voiced = voice.apply(context.journey, result)
    voiced._source = None
    return Outcome(data=report.analysis_dict(result), table=tables.voice_table(result), journey=voiced)


def _marked(journey: Journey, marked: Journey) -> Journey:
    marked._source = None
    return marked
