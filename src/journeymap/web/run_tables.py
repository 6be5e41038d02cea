"""The results of the analyses as tables for people: the CLI's columns, numbers written in the current language by Babel.

A table is ``{"title", "columns": [{"title", "numeric"}], "rows": [[text, ...]]}``:
every cell is already text (a share as ``33.3%``, or ``33,3 %`` in Russian; a
duration as ``2.5 min``), so the page shows it as it is.

>>> from journeymap.analytics import FunnelStep, Funnel
>>> found = Funnel(entered=3, window_seconds=86400, steps=[FunnelStep("view", 3, 1.0, 1.0, None), FunnelStep("pay", 1, 1 / 3, 1 / 3, 150.0)])
>>> funnel_table(found)["rows"][1]
['pay', '1', '33.3%', '33.3%', '2.5 min']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from babel.numbers import format_decimal, format_scientific

from ..analytics import Funnel, Paths, Retention, Transitions
from ..analytics.discover import Aha, Barriers, Clusters, phi_words
from ..i18n import current_language, gettext as _
from ..model import Journey
from ..model.rules import Problem
from ..render import numbers
from ..voice.aggregate import VoiceAnalysis
from ..voice.types import LABELS

Column = tuple[str, bool]
"""A column's title, and whether it holds numbers (aligned right)."""


def table(columns: Sequence[Column], rows: Iterable[Sequence[str]], title: str = "") -> dict[str, Any]:
    """Return a table as the API gives it.

    >>> table([("Day", True)], [["1"]], "Retention")
    {'title': 'Retention', 'columns': [{'title': 'Day', 'numeric': True}], 'rows': [['1']]}
    """
    return {"title": title, "columns": [{"title": name, "numeric": numeric} for name, numeric in columns], "rows": [list(row) for row in rows]}


def decimal(value: float | None, places: int = 2) -> str:
    """Return a number with ``places`` decimals, as the current language writes it.

    >>> decimal(1.23456), decimal(-0.5, 3)
    ('1.23', '-0.500')
    """
    return "" if value is None else format_decimal(value, format="#,##0." + "0" * places, locale=current_language())


def probability(value: float | None) -> str:
    """Return a p- or q-value: three decimals, or scientific notation when tiny.

    >>> probability(0.04213), probability(3.2e-9)
    ('0.042', '3.2E-9')
    """
    if value is None:
        return ""
    if value and value < 0.001:
        return format_scientific(value, format="0.#E0", locale=current_language())
    return format_decimal(value, format="0.###", locale=current_language())


def funnel_table(result: Funnel) -> dict[str, Any]:
    """The funnel's steps: users, conversion from the previous step and from the start, median time."""
    columns = [(_("Step"), False), (_("Users"), True), (_("From previous"), True), (_("From start"), True), (_("Median time"), True)]
    rows = [
        [step.name, numbers.count(step.users), numbers.percent(step.conversion_from_previous), numbers.percent(step.conversion_from_start), numbers.duration(step.median_seconds_from_previous)]
        for step in result.steps
    ]
    return table(columns, rows, _("Funnel: {entered} users entered").format(entered=numbers.count(result.entered)))


def retention_table(result: Retention) -> dict[str, Any]:
    """Retained users and the share of the cohort on each day."""
    rows = [[numbers.count(day), numbers.count(result.retained[day]), numbers.percent(result.retention[day])] for day in result.retention]
    return table([(_("Day"), True), (_("Users"), True), (_("Retention"), True)], rows, _("Cohort: {size} users").format(size=numbers.count(result.cohort_size)))


def paths_table(result: Paths) -> dict[str, Any]:
    """The most frequent paths with their users and share."""
    rows = [[row["path"], numbers.count(row["users"]), numbers.percent(row["share"])] for row in result.rows()]
    return table([(_("Path"), False), (_("Users"), True), (_("Share"), True)], rows)


def transitions_table(result: Transitions) -> dict[str, Any]:
    """Each edge of the directly-follows graph: how often, and how fast."""
    rows = [[edge["source"], edge["target"], numbers.count(edge["count"]), numbers.duration(edge["median_seconds"])] for edge in result.edges]
    return table([(_("Event"), False), (_("Next event"), False), (_("Count"), True), (_("Median time"), True)], rows)


def aha_table(result: Aha) -> dict[str, Any]:
    """Each early action: users who did it, retention of those who did and did not, lift, phi and its reading."""
    columns = [(_("Action"), False), (_("Users did"), True), (_("Retention did"), True), (_("Retention not"), True), (_("Lift"), True), (_("Phi"), True), (_("Reading"), False), (_("q-value"), True)]
    rows = [
        [c.event, numbers.count(c.table.did), numbers.percent(c.table.rate_did), numbers.percent(c.table.rate_not), decimal(c.table.lift), decimal(c.phi, 3), phi_words(c.phi), probability(c.q_value)]
        for c in result.candidates
    ]
    title = _("Day-{day} retention of {size} users").format(day=result.retention_day, size=numbers.count(result.cohort_size))
    return table(columns, rows, title)


def barriers_table(result: Barriers) -> dict[str, Any]:
    """Each pair of consecutive steps, worst first: conversion, users lost, time, and whether it is a barrier."""
    columns = [(_("From"), False), (_("To"), False), (_("Users"), True), (_("Conversion"), True), (_("Users lost"), True), (_("Median time"), True), (_("Other steps"), True), ("", False)]
    rows = [
        [p.source, p.target, numbers.count(p.entered), numbers.percent(p.conversion), numbers.count(p.users_lost), numbers.duration(p.median_seconds),
         numbers.percent(p.others_conversion), _("barrier") if p.barrier else ""]
        for p in result.pairs
    ]
    return table(columns, rows)


def clusters_table(result: Clusters) -> dict[str, Any]:
    """Each behaviour cluster (a data persona): users, share and the events that set it apart."""
    rows = [
        [c.name, numbers.count(c.users), numbers.percent(c.share), ", ".join(f"{item['event']} ×{decimal(item['ratio'], 1)}" for item in c.top_events[:3])]
        for c in result.clusters
    ]
    title = _("{k} clusters of {users} users").format(k=result.k, users=numbers.count(result.users))
    return table([(_("Persona"), False), (_("Users"), True), (_("Share"), True), (_("Top events against all users"), False)], rows, title)


def measured_table(journey: Journey) -> dict[str, Any]:
    """Each measured step of a map: audience, conversion and median time."""
    rows = [
        [step.name, numbers.count(metrics.audience.value), numbers.percent(metrics.conversion.value if metrics.conversion else None),
         numbers.duration(metrics.time_seconds.value if metrics.time_seconds else None)]
        for step in journey.steps
        if step.binding is not None and (metrics := step.metrics).audience is not None
    ]
    return table([(_("Step"), False), (_("Audience"), True), (_("Conversion"), True), (_("Median time"), True)], rows)


def voice_table(analysis: VoiceAnalysis) -> dict[str, Any]:
    """Each step's voices: how many, negative, neutral and positive, the measured emotion and the top keywords."""
    columns = [(_("Step"), False), (_("Voices"), True), (_("Neg"), True), (_("Neu"), True), (_("Pos"), True), (_("Emotion"), True), (_("Keywords"), False)]
    rows = [
        [group.name, numbers.count(group.mentions), *(numbers.count(group.distribution[label]) for label in LABELS),
         numbers.score(group.emotion), ", ".join(keyword.phrase for keyword in group.keywords[:3])]
        for group in analysis.steps
    ]
    return table(columns, rows, _("Voices per step"))


def problems_table(problems: list[Problem]) -> dict[str, Any]:
    """The map's problems: where, and what."""
    return table([(_("Where"), False), (_("Problem"), False)], [[".".join(map(str, problem.location)), problem.message] for problem in problems], _("No problems found.") if not problems else "")
