"""The seeds' summary table (one row per step), ranked opportunities and personas, as data, CSV and Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..i18n import gettext as _
from ..model import IdeaStatus, Journey, Metric, Opportunity, Step, channel_title
from . import numbers
from .words import role_title

Value = Any


@dataclass(frozen=True)
class Column:
    """A column of a table: key, translated title, kind (text, count, share, seconds, score) and width."""

    key: str
    title: str
    kind: str = "text"
    width: int = 14


@dataclass(frozen=True)
class Table:
    """Typed rows under titled columns; writers format the values for their medium."""

    name: str
    columns: list[Column]
    rows: list[list[Value]]

    def formatted(self) -> list[list[str]]:
        """Return the rows as people read them: percentages, durations, signed scores."""
        return [[_FORMATS[column.kind](value) for column, value in zip(self.columns, row)] for row in self.rows]


def _plain(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_FORMATS: dict[str, Callable[[Value], str]] = {
    "text": _plain,
    "count": numbers.count,
    "share": numbers.share,
    "seconds": numbers.duration,
    "score": numbers.score,
}


def _value(metric: Metric | None) -> float | None:
    return metric.value if metric is not None else None


def at_steps(name: str, journey: Journey, columns: list[Column], cells: Callable[[Step], Iterable[list[Value]]]) -> Table:
    """Return a table whose rows stand at the steps, in journey order: the stage and the step, then ``columns``,
    one row for each list of cells that ``cells(step)`` gives (none, one, or one per item at the step).

    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "pains": ["Slow", "Dear"]}]}])
    >>> at_steps("Pains", journey, [Column("pain", "Pain")], lambda step: [[pain] for pain in step.pains]).rows
    [['Buy', 'Pays', 'Slow'], ['Buy', 'Pays', 'Dear']]
    """
    rows = [[stage.name, step.name, *row] for stage, step in journey.iter_steps() for row in cells(step)]
    return Table(name, [Column("stage", _("Stage"), width=18), Column("step", _("Step"), width=28), *columns], rows)


def summary_table(journey: Journey) -> Table:
    """Return the seeds' summary table: one row per step, in journey order.

    >>> from journeymap.model import Journey
    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "metrics": {"conversion": "35%"}}]}])
    >>> table = summary_table(journey)
    >>> table.rows[0][:2], table.formatted()[0][4]
    (['Buy', 'Pays'], '35%')
    """
    columns = [
        Column("success_criterion", _("Success criterion"), width=24),
        Column("audience", _("Audience"), "count", 11),
        Column("conversion", _("Conversion"), "share", 11),
        Column("retention", _("Retention"), "share", 11),
        Column("time", _("Time"), "seconds", 10),
        Column("touchpoints", _("Touchpoints"), width=22),
        Column("emotion", _("Emotion"), "score", 9),
        Column("emotional_state", _("Emotional state"), width=20),
        Column("criticality", _("Criticality"), width=10),
        Column("barriers", _("Barriers"), width=30),
        Column("ideas", _("Ideas"), width=30),
        Column("measured", _("Measured"), width=18),
    ]
    return at_steps(_("Steps"), journey, columns, lambda step: [_summary_cells(step)])


def _summary_cells(step: Step) -> list[Value]:
    metrics = step.metrics
    return [
        metrics.success_criterion,
        _value(metrics.audience),
        _value(metrics.conversion),
        _value(metrics.retention),
        _value(metrics.time_seconds),
        "; ".join(point.name or channel_title(point.channel) for point in step.touchpoints),
        step.emotion.actual,
        step.emotion.label,
        metrics.criticality,
        "; ".join(step.barriers),
        "; ".join(step.ideas),
        ", ".join(metrics.measured_names()),
    ]


def ranked(opportunities: list[Opportunity]) -> list[Opportunity]:
    """Return opportunities by the seeds' score, highest first; unscored ones last, in file order.

    >>> from journeymap.model import Opportunity
    >>> [o.title for o in ranked([Opportunity(title="a"), Opportunity(title="b", criticality=1, design_ease=1,
    ...     development_ease=1, audience=1)])]
    ['b', 'a']
    """
    return sorted(opportunities, key=lambda item: -(item.manufactura_score if item.manufactura_score is not None else -1))


def status_titles() -> dict[str, str]:
    """Return the name of each idea status in the current language.

    >>> status_titles()["in_progress"]
    'In progress'
    """
    names = {
        IdeaStatus.idea: _("Proposed"),
        IdeaStatus.planned: _("Planned"),
        IdeaStatus.in_progress: _("In progress"),
        IdeaStatus.done: _("Done"),
        IdeaStatus.rejected: _("Rejected"),
    }
    return {status.value: names[status] for status in IdeaStatus}


def manufactura_columns() -> list[Column]:
    """Return the columns of the parts of a Manufactura score: criticality, design ease, development ease, audience."""
    return [
        Column("criticality", _("Criticality"), width=10),
        Column("design_ease", _("Design ease"), width=10),
        Column("development_ease", _("Development ease"), width=12),
        Column("audience", _("Audience"), width=10),
    ]


def idea_columns(parts: list[Column]) -> list[Column]:
    """Return the columns every table of ranked ideas has: rank, idea, steps, the ``parts`` of its score, score.

    >>> [column.key for column in idea_columns(manufactura_columns()[:1])]
    ['rank', 'title', 'steps', 'criticality', 'score']
    """
    return [
        Column("rank", _("Rank"), width=6),
        Column("title", _("Idea"), width=36),
        Column("steps", _("Steps"), width=24),
        *parts,
        Column("score", _("Score"), width=8),
    ]


def opportunities_table(journey: Journey) -> Table:
    """Return the opportunities ranked by criticality + design ease + development ease + audience, statuses in words.

    >>> from journeymap.model import Opportunity
    >>> opportunities_table(Journey(title="Shop", opportunities=[Opportunity(title="Chat", status="in_progress")])).rows[0][8]
    'In progress'
    """
    columns = [*idea_columns(manufactura_columns()), Column("status", _("Status"), width=12), Column("owner", _("Owner"), width=14)]
    statuses = status_titles()
    rows = [
        [
            rank,
            item.title,
            ", ".join(item.steps),
            item.criticality,
            item.design_ease,
            item.development_ease,
            item.audience,
            item.manufactura_score,
            statuses[item.status.value],
            item.owner,
        ]
        for rank, item in enumerate(ranked(journey.opportunities), start=1)
    ]
    return Table(_("Opportunities"), columns, rows)


def personas_table(journey: Journey) -> Table:
    """Return the personas: who they are, what they need, how many users they stand for."""
    columns = [
        Column("name", _("Persona"), width=24),
        Column("role", _("Role"), width=14),
        Column("description", _("Description"), width=36),
        Column("goals", _("Goals"), width=30),
        Column("needs", _("Needs"), width=30),
        Column("frustrations", _("Frustrations"), width=30),
        Column("share", _("Share of users"), "share", 12),
        Column("users", _("Users"), "count", 10),
    ]
    rows = [
        [
            persona.name,
            role_title(persona.role.value) if persona.role else "",
            persona.description,
            "; ".join(persona.goals),
            "; ".join(persona.needs),
            "; ".join(persona.frustrations),
            persona.share,
            persona.users,
        ]
        for persona in journey.personas
    ]
    return Table(_("Personas"), columns, rows)


def communication_table(journey: Journey) -> Table:
    """Return the communication plan, stage by stage: what the customer is told at each step, where, when and by whom.

    >>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "communications": [{"channel": "email", "message": "Your receipt"}]}]}])
    >>> communication_table(journey).rows
    [['Buy', 'Pays', 'email', 'Your receipt', '', '']]
    """
    columns = [
        Column("channel", _("Channel"), width=14),
        Column("message", _("Message"), width=40),
        Column("timing", _("When"), width=20),
        Column("owner", _("Owner"), width=16),
    ]

    def cells(step: Step) -> list[list[Value]]:
        return [[item.channel, item.message, item.timing, item.owner] for item in step.communications]

    return at_steps(_("Communication plan"), journey, columns, cells)


def csv_text(journey: Journey) -> str:
    """Return the summary table as CSV, then a column for every other lane the map fills: raw numbers (shares as
    fractions, time in seconds), a cell's cards joined by "; ".

    >>> from journeymap.model import Journey
    >>> print(csv_text(Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}])).splitlines()[1])
    Buy,Pays,,,,,,,,,,,,
    >>> print(csv_text(Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "goals": ["Pay fast"]}]}])))
    stage,step,success_criterion,audience,conversion,retention,time,touchpoints,emotion,emotional_state,criticality,barriers,ideas,measured,goals
    Buy,Pays,,,,,,,,,,,,,Pay fast
    <BLANKLINE>
    """
    from .shape_tables import lanes_table  # it builds on this module's Table

    table, lanes = summary_table(journey), lanes_table(journey)
    keys = [column.key for column in table.columns]
    keys += [f"lane_{column.key}" if column.key in keys else column.key for column in lanes.columns[2:]]
    extra = [row[2:] for row in lanes.rows] or [[] for _row in table.rows]
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(keys)
    writer.writerows([[_plain(value) for value in [*row, *more]] for row, more in zip(table.rows, extra, strict=True)])
    return stream.getvalue()


def markdown_text(journey: Journey) -> str:
    """Return the summary table, then the ranked opportunities, the communication plan, links, insights, evidence and
    persona emotions (those the map fills), as Markdown tables.

    >>> from journeymap.model import Journey
    >>> print(markdown_text(Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}])).splitlines()[0])
    # Shop
    """
    from .shape_tables import shape_tables  # they build on this module's Table

    parts = [f"# {_markdown_cell(journey.title)}", "", _markdown_table(summary_table(journey))]
    for table, shown in (
        (opportunities_table(journey), journey.opportunities),
        (communication_table(journey), any(step.communications for step in journey.steps)),
    ):
        if shown:
            parts += ["", f"## {table.name}", "", _markdown_table(table)]
    for table in shape_tables(journey):
        parts += ["", f"## {table.name}", "", _markdown_table(table)]
    return "\n".join(parts) + "\n"


def _markdown_table(table: Table) -> str:
    lines = [
        "| " + " | ".join(_markdown_cell(column.title) for column in table.columns) + " |",
        "|" + "|".join("---:" if column.kind != "text" else "---" for column in table.columns) + "|",
    ]
    lines += ["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in table.formatted()]
    return "\n".join(lines)


def _markdown_cell(text: str) -> str:
    """Escape what Markdown or an HTML-rendering viewer would read as markup."""
    escaped = text.replace("\\", "\\\\").replace("|", "\\|").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for mark in "*_`[]#":
        escaped = escaped.replace(mark, "\\" + mark)
    return " ".join(escaped.split())
