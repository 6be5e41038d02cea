"""Bind a map to an event log: measure every bound step and write the numbers into the map.

The bound steps, in journey order, form an ordered first-entry funnel (window
from the map's ``data.window``). For each bound step ``analyze`` writes, as
``measured`` values beside the authored ones: ``audience`` (users who reached
the step in the funnel), ``conversion`` (from the previous bound step),
``conversion_from_start``, ``time_seconds`` and ``time_p90_seconds`` (median
and 90th percentile from the previous bound step) and ``retention`` (the share
of the step's users with any event ``retention_day`` days or more after they
reached it). Each measurement names its source, date range and query.

>>> from journeymap.files import example_path, load
>>> from journeymap.analytics import analyze, sample_path
>>> journey = analyze(load(example_path("app-measured-demo")), sample_path())
>>> first = journey.steps[0].metrics
>>> first.audience.measured.count == first.audience.value, first.conversion_from_start.value
(True, 1.0)
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..model import Journey, Measurement, Metric, Step
from .funnel import funnel, funnel_stages, window_seconds
from .matching import StepSpec
from .results import Funnel, share
from .retention import retention_expr
from .sources import TIME, USER, Columns, EventLog, read_events

RETENTION_DAY = 7


def analyze(
    journey: Journey,
    source: str | Path | EventLog | ir.Table,
    *,
    window: str | float | None = None,
    retention_day: int = RETENTION_DAY,
    source_name: str | None = None,
    con: ibis.BaseBackend | None = None,
) -> Journey:
    """Return a copy of ``journey`` whose bound steps hold measured metrics from ``source`` (read on ``con`` if given).

    Each measurement cites ``source_name`` as its source (default: the log's path).
    """
    bound = [(step, StepSpec.from_binding(step.id, step.binding)) for step in journey.steps if step.binding is not None]
    if not bound:
        raise DataSourceError(_("the map has no step with a binding; add 'binding: {event: ...}' to the steps to measure"))
    log = read_events(source, con=con, **_read_options(journey))
    settings = journey.data
    seconds = window_seconds(window if window is not None else (settings.window if settings else "30d"))
    specs = [spec for _step, spec in bound]
    result = funnel(log.table, specs, window=seconds)
    retained = _retention_by_step(log.table, specs, seconds, retention_day)
    span = log.table.aggregate(first=log.table[TIME].min(), last=log.table[TIME].max()).execute().iloc[0]
    stamp = {
        "source": source_name or log.source,
        "date_from": span["first"].to_pydatetime(),
        "date_to": span["last"].to_pydatetime(),
        "measured_at": datetime.now(UTC).replace(microsecond=0),
    }
    measured = journey.model_copy(deep=True)
    for index, (step, _spec) in enumerate(bound):
        query = "funnel ordered window={window:g}s steps={steps}; step {number} of {count}".format(  # the same in every language: stored data
            window=seconds, steps=" > ".join(spec.name for spec in specs), number=index + 1, count=len(specs)
        )
        _measure(measured.step(step.id), result, index, retained[index], retention_day, stamp | {"query": query})
    return measured


def _read_options(journey: Journey) -> dict:
    if journey.data is None:
        return {}
    columns = journey.data.columns
    return {
        "columns": Columns(user_id=columns.user_id, event=columns.event, timestamp=columns.timestamp),
        "timezone": journey.data.timezone,
    }


def _retention_by_step(table: ir.Table, specs: list[StepSpec], seconds: float, day: int) -> list[int]:
    counts = []
    for stage in funnel_stages(table, specs, window=seconds):
        starts = stage.select(USER, start=stage.reached)
        row = retention_expr(table, [day], starts=starts, unbounded=True).execute().iloc[0]
        counts.append(int(row[f"day_{day}"] or 0))
    return counts


def _measure(step: Step, result: Funnel, index: int, retained: int, day: int, stamp: dict) -> None:
    figures = result.steps[index]
    metrics = step.metrics
    users = figures.users
    values = {
        "audience": (users, users),
        "conversion_from_start": (figures.conversion_from_start, users),
        "retention": (share(retained, users), users),
    }
    if index:
        values["conversion"] = (figures.conversion_from_previous, users)
        values["time_seconds"] = (figures.median_seconds_from_previous, users)
        values["time_p90_seconds"] = (figures.p90_seconds_from_previous, users)
    for name, (value, count) in values.items():
        if value is None:
            continue
        query = stamp["query"] + (f"; came back on day {day} or later" if name == "retention" else "")
        old = getattr(metrics, name)
        measurement = Measurement(value=float(value), count=count, **(stamp | {"query": query}))
        setattr(metrics, name, Metric(authored=old.authored if old is not None else None, measured=measurement))
