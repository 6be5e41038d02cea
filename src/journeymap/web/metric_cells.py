"""The numbers a step shows in the editor: its metrics, written by Babel, and where measured ones come from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import gettext as _
from ..model import Journey, Metric
from ..render import numbers


def metric_kinds() -> list[tuple[str, str, Callable[[float | None], str]]]:
    """Return the metrics the grid shows: field, translated label, formatter."""
    return [
        ("audience", _("Audience"), numbers.count),
        ("conversion", _("Conversion"), numbers.share),
        ("retention", _("Retention"), numbers.share),
        ("time_seconds", _("Time"), numbers.duration),
    ]


def metric_cells(journey: Journey) -> dict[str, list[dict[str, Any]]]:
    """Return, per step id, its metrics as text in the current language, measured ones with their source.

    >>> from journeymap.model import Measurement
    >>> shop = Journey.model_validate({"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Pays", "metrics": {"audience": 1200}}]}]})
    >>> shop.steps[0].metrics.conversion = Metric(measured=Measurement(value=0.35, count=420, source="events.csv"))
    >>> metric_cells(shop)["pays"]
    [{'label': 'Audience', 'text': '1,200', 'measured': False, 'source': ''}, {'label': 'Conversion', 'text': '35%', 'measured': True, 'source': 'events.csv · n = 420'}]
    """
    cells: dict[str, list[dict[str, Any]]] = {}
    for step in journey.steps:
        shown = []
        for field, label, write in metric_kinds():
            metric: Metric | None = getattr(step.metrics, field)
            if metric is None or metric.value is None:
                continue
            shown.append({"label": label, "text": write(metric.value), "measured": metric.measured is not None, "source": _source(metric)})
        if shown:
            cells[step.id] = shown
    return cells


def _source(metric: Metric) -> str:
    if metric.measured is None:
        return ""
    parts = [metric.measured.source] if metric.measured.source else []
    if metric.measured.count is not None:
        parts.append(_("n = {count}").format(count=numbers.count(metric.measured.count)))
    return " · ".join(parts)
