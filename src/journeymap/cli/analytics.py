"""Commands that measure event logs: events inspect/sample, funnel, retention, paths, transitions, analyze."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from .. import analytics, files
from ..errors import DataSourceError
from ..i18n import gettext as _
from ..render.numbers import duration as _seconds, percent as _percent
from .app import app, console, err_console, print_output, print_written
from .options import ENGINE_OPTIONS, Engine, engine_options, option_group

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from ..analytics import EventLog
    from ..model import Journey

events_app = typer.Typer(help="Event logs: inspect one, or write the bundled sample.", no_args_is_help=True)
app.add_typer(events_app, name="events")

EventsPath = Annotated[
    str | None,
    typer.Argument(help="Event log: CSV/TSV, Parquet (file, folder, glob or URL) or JSON Lines; .gz is fine. Or --table."),
]
UserColumn = Annotated[str, typer.Option("--user-column", help="The log's user id column.")]
EventColumn = Annotated[str, typer.Option("--event-column", help="The log's event name column.")]
TimeColumn = Annotated[str, typer.Option("--time-column", help="The log's time column (ISO 8601 or epoch s/ms/us).")]
TimeZone = Annotated[str, typer.Option("--timezone", help="Time zone of naive times, e.g. Europe/Moscow.")]
Adapter = Annotated[str | None, typer.Option("--adapter", help="Read a vendor export: amplitude, mixpanel, ga4, metrica, appmetrica, segment, xes.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no notes on stderr.")]
DayFirst = Annotated[
    bool | None,
    typer.Option("--day-first/--month-first", help="Read dates such as 03/05/2024 day-first or month-first (by default the column's values decide: a number over 12 settles it)."),
]
Where = Annotated[
    list[str] | None,
    typer.Option("--where", help="Keep only the events that meet a condition on a column, e.g. \"platform = ios\", \"price >= 10\", \"country in KZ, UZ\"; repeat for several (all must hold)."),
]
SegmentName = Annotated[
    str | None,
    typer.Option("--segment", help="Keep only this segment's users: a name in the --segments file."),
]
SegmentsFile = Annotated[
    Path | None,
    typer.Option("--segments", help="A file of named segments: written by segments --discover -o, or rules written by hand (see segments --rules)."),
]
Interval = Annotated[
    str | None,
    typer.Option("--interval", help="By day, week or month of entry: one row per period, to see a change or an outage over time."),
]
FunnelSteps = Annotated[list[str], typer.Option("--step", "-s", help="A step: event, a|b, or event[column=value]. Repeat in order.")]
FunnelWindow = Annotated[str, typer.Option(help="Every step within this time of the entry: 7d, 12h, 30m.")]
ChartPath = Annotated[Path | None, typer.Option("--output", "-o", callback=lambda path: path and analytics.chart_path(path), help="Also write a chart: .html (interactive, with plotly.min.js beside it; opens offline), .png or .svg (drawn by Chromium, 1600 × 900 a figure).")]


@contextmanager
def working(label: str, quiet: bool) -> Iterator[None]:
    """Show a spinner with elapsed time on stderr while the block runs (none when quiet)."""
    if quiet:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err_console, transient=True) as progress:
        progress.add_task(label, total=None)
        yield


@dataclass(frozen=True)
class Reading:
    """The options every command that reads a log shares."""

    user_column: str
    event_column: str
    time_column: str
    timezone: str
    adapter: str | None
    as_json: bool
    quiet: bool
    day_first: bool | None
    where: list[str] | None
    segment: str | None
    segments_file: Path | None
    engine: Engine

    def read(self, path: str | None) -> EventLog:
        """Read the log (a file, or ``--table`` in the engine) with a progress spinner; report its bad rows on stderr."""
        columns = analytics.Columns(user_id=self.user_column, event=self.event_column, timestamp=self.time_column)
        source = self.engine.source(path)
        label = self.engine.table or path
        with working(_("Reading {path}").format(path=label), self.quiet):
            log = analytics.read_events(source, columns=columns, timezone=self.timezone, adapter=self.adapter, con=self.engine.connection, dates=_order(self.day_first))
        if log.dates is not None and not self.quiet:
            err_console.print(f"{escape(str(label))}: {escape(log.dates.note())}", highlight=False, soft_wrap=True)
        if log.bad.total and not self.quiet:
            err_console.print(f"[yellow]{escape(str(label))}: {escape(log.bad.summary())}[/]", highlight=False, soft_wrap=True)
        log = self._filtered(log, label) if self.where else log
        if self.segment is None:
            return log
        return self._in_segment(log, self.segment, label)

    def segment_rules(self) -> dict[str, Any]:
        """Return the named rules of the ``--segments`` file (an error saying to give one when it is missing)."""
        return segment_rules(self.segments_file)

    def log_key(self, log: EventLog) -> dict[str, Any] | None:
        """Return what tells the log apart for the saved segment users (see :mod:`journeymap.analytics.discover.saved`); None after ``--where``."""
        from ..analytics import discover

        if self.where:
            return None
        return discover.log_key(log, read_as(self.user_column, self.event_column, self.time_column, self.timezone, self.adapter, self.day_first))

    def segment_members(self, log: EventLog, rules: dict[str, Any], path: Path | None) -> ir.Table:
        """Return every segment's users (``user_id``, ``segment``): saved beside ``path`` for this log, or found and saved there (said on stderr)."""
        from ..analytics import discover

        members, note = discover.segment_members(log, rules, path, self.log_key(log))
        if note and not self.quiet:
            err_console.print(escape(note), highlight=False, soft_wrap=True)
        return members

    def _in_segment(self, log: EventLog, name: str, label: str | None) -> EventLog:
        return kept_segment(log, name, self.segments_file, quiet=self.quiet, label=label, key=self.log_key(log))

    def _filtered(self, log: EventLog, label: str | None) -> EventLog:
        """Keep the events ``--where`` asks for; say how many of how many were kept (never a silent cut)."""
        kept = analytics.filtered(log, self.where or [])
        if not self.quiet:
            total, left = log.table.count().execute(), kept.table.count().execute()
            message = _("--where {conditions}: {kept:,} of {total:,} events kept").format(conditions=" and ".join(self.where or []), kept=left, total=total)
            err_console.print(f"{escape(str(label))}: {escape(message)}", highlight=False, soft_wrap=True)
        return kept


def segment_rules(path: Path | None) -> dict[str, Any]:
    """Return the named rules of a ``--segments`` file (an error saying to give one when there is none)."""
    from ..analytics import discover

    if path is None:
        raise DataSourceError(_("--segment and --by-segment need the file that names the segments: add --segments FILE"))
    return discover.read_rules(path)


def read_as(
    user_column: str = "user_id", event_column: str = "event", time_column: str = "timestamp", timezone: str = "UTC", adapter: str | None = None, day_first: bool | None = None
) -> dict[str, Any]:
    """Return how a log was read (its columns, time zone, adapter, date order), as the saved segment users note it.

    >>> read_as()["columns"]
    ['user_id', 'event', 'timestamp']
    """
    return {"columns": [user_column, event_column, time_column], "timezone": timezone, "adapter": adapter, "day_first": day_first}


def kept_segment(log: EventLog, name: str, path: Path | None, *, quiet: bool, label: str | None, key: dict[str, Any] | None) -> EventLog:
    """Return the log of segment ``name``'s users only; say on stderr how many users of how many were kept.

    The users are read from those saved beside ``path`` when saved for this log (``key``); else found in the log.
    """
    from ..analytics import discover

    rules = segment_rules(path)
    if name not in rules:
        raise DataSourceError(_("--segment {name!r}: {path} has no such segment (segments: {names})").format(name=name, path=path, names=", ".join(rules)))
    saved = discover.saved_users(log, path, name, rules[name], key)
    if saved.note and not quiet:
        err_console.print(escape(saved.note), highlight=False, soft_wrap=True)
    users = saved.users if saved.users is not None else discover.segment_users(log, rules[name])
    kept = discover.in_segment(log, users)
    if not quiet:
        total, left = log.table.user_id.nunique().execute(), users.count().execute()
        message = _("--segment {name}: kept {kept:,} users of {total:,}").format(name=name, kept=left, total=total)
        err_console.print(f"{escape(str(label))}: {escape(message)}", highlight=False, soft_wrap=True)
    return kept


_READING = [
    inspect.Parameter("user_column", inspect.Parameter.KEYWORD_ONLY, default="user_id", annotation=UserColumn),
    inspect.Parameter("event_column", inspect.Parameter.KEYWORD_ONLY, default="event", annotation=EventColumn),
    inspect.Parameter("time_column", inspect.Parameter.KEYWORD_ONLY, default="timestamp", annotation=TimeColumn),
    inspect.Parameter("timezone", inspect.Parameter.KEYWORD_ONLY, default="UTC", annotation=TimeZone),
    inspect.Parameter("adapter", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Adapter),
    inspect.Parameter("as_json", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=AsJson),
    inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Quiet),
    inspect.Parameter("day_first", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=DayFirst),
    inspect.Parameter("where", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Where),
    inspect.Parameter("segment", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=SegmentName),
    inspect.Parameter("segments_file", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=SegmentsFile),
]


def _order(day_first: bool | None) -> str | None:
    """The date order the user asked for: ``--day-first``, ``--month-first`` or neither."""
    return None if day_first is None else ("day-first" if day_first else "month-first")


def _reading(**options: Any) -> Reading:
    engine = Engine(**{parameter.name: options.pop(parameter.name) for parameter in ENGINE_OPTIONS})
    return Reading(engine=engine, **options)


log_options = option_group(_READING + ENGINE_OPTIONS, "reading", _reading, optional=("path",))
"""Give a command the shared log and engine options; it receives them as one ``reading`` argument (its ``path`` becomes optional)."""


@events_app.command("inspect")
@log_options
def inspect_log(
    reading: Reading,
    path: EventsPath,
) -> None:
    """Print a log's rows, users, events, time range, columns and bad rows."""
    log = reading.read(path)
    with working(_("Counting"), reading.quiet):
        summary = analytics.inspect_events(log)
    if reading.as_json:
        print_output("events-inspect", summary.to_dict())
        return
    table = Table(_("Field"), _("Value"), title=escape(reading.engine.table or path or ""))
    for label, value in (
        (_("rows"), f"{summary.row_count:,}"),
        (_("bad rows"), f"{summary.bad_rows['total']:,}"),
        (_("users"), f"{summary.users:,}"),
        (_("event names"), f"{summary.events:,}"),
        (_("from"), summary.date_from or ""),
        (_("to"), summary.date_to or ""),
        (_("columns"), ", ".join(f"{name} ({kind})" for name, kind in summary.columns.items())),
    ):
        table.add_row(label, escape(str(value)))
    console.print(table)
    console.print(_rows_table([_("Event"), _("Count")], [(name, f"{count:,}") for name, count in summary.top_events.items()]))


@events_app.command("sample")
def sample(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the log (.parquet or .csv).")],
    users: Annotated[int, typer.Option(min=1, max=1_000_000, help="Number of users to generate.")] = 3000,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same log.")] = 7,
) -> None:
    """Write the sample event log of a city-guide app (generated, with planted effects)."""
    if users == 3000 and seed == 7 and output.suffix != ".csv":
        files.write_atomically(output, analytics.sample_path().read_bytes())
    else:
        analytics.write_sample(output, users=users, seed=seed)
    print_written(output)


@app.command()
@log_options
def funnel(
    reading: Reading,
    path: EventsPath,
    step: FunnelSteps,
    window: FunnelWindow = "30d",
    mode: Annotated[str, typer.Option(help="ordered, strict (no other events between steps) or any-order.")] = "ordered",
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Drop users who do this event within the window.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Break down by this column's value at the entry.")] = None,
    interval: Interval = None,
    times: Annotated[bool, typer.Option("--times", help="Also show how long users took to reach each step: how many within a minute, ten minutes, an hour, a day, a week, and longer.")] = False,
    output: ChartPath = None,
) -> None:
    """Count users through ordered steps within a window: conversion and time per step."""
    if interval is not None and by is not None:
        raise DataSourceError(_("--interval breaks the funnel down by the period of entry: drop --by"))
    log = reading.read(path)
    with working(_("Computing the funnel"), reading.quiet):
        if interval is not None:
            result = analytics.funnel_by_interval(log, step, interval, window=window, mode=mode, exclude=exclude or ())
        else:
            result = analytics.funnel(log, step, window=window, mode=mode, exclude=exclude or (), by=by)
    if output:
        analytics.write_chart(analytics.funnel_chart(result), output, title=_("Funnel"))
    if reading.as_json:
        print_output("funnel", result.to_dict())
        return
    if interval is not None:
        _print_periods(result)
        return
    for name, group in (result.groups or {"": result}).items():
        rows = [
            (s.name, f"{s.users:,}", _percent(s.conversion_from_previous), _percent(s.conversion_from_start), _seconds(s.median_seconds_from_previous))
            for s in group.steps
        ]
        title = _("{column} = {value}").format(column=by, value=name) if name else None
        console.print(_rows_table([_("Step"), _("Users"), _("From previous"), _("From start"), _("Median time")], rows, title=title))
        if times:
            console.print(_time_to_convert_table(group, title))


def _time_to_convert_table(result: analytics.Funnel, title: str | None) -> Table:
    """Users per step by the time they took from the step before (the buckets of ``TIME_BUCKETS``)."""
    edges = analytics.TIME_BUCKETS
    ranges = [_("{low}–{high}").format(low=_seconds(low), high=_seconds(high)) for low, high in zip(edges, edges[1:], strict=False)]
    headers = [_("Step"), _("≤ {time}").format(time=_seconds(edges[0])), *ranges, _("> {time}").format(time=_seconds(edges[-1]))]
    rows = [(step.name, *(f"{count:,}" for count in step.time_to_convert)) for step in result.steps if step.time_to_convert is not None]
    return _rows_table(headers, rows, title=title or _("Time to convert"))


@app.command()
@log_options
def retention(
    reading: Reading,
    path: EventsPath,
    day: Annotated[list[int] | None, typer.Option("--day", "-d", help="Day N to report; repeat. Default: 1, 7, 30.")] = None,
    from_event: Annotated[str | None, typer.Option("--from-event", help="Start at the first event of this name.")] = None,
    return_event: Annotated[str | None, typer.Option("--return-event", help="Count only this event as coming back.")] = None,
    unbounded: Annotated[bool, typer.Option("--unbounded", help="Day N or later, not on day N.")] = False,
    calendar: Annotated[bool, typer.Option("--calendar", help="Calendar days in --timezone instead of rolling 24 hours.")] = False,
    interval: Interval = None,
    by_segment: Annotated[bool, typer.Option("--by-segment", help="One retention curve per segment of the --segments file, overlaid in the chart.")] = False,
    output: ChartPath = None,
) -> None:
    """Share of users coming back on day N after their start, and weekly cohorts."""
    if by_segment:
        if from_event or return_event or unbounded or calendar or interval:
            raise DataSourceError(_("--by-segment counts rolling day N from each user's first event: drop --from-event, --return-event, --unbounded, --calendar and --interval"))
        _retention_by_segment(reading, path, day or [1, 7, 30], output)
        return
    if interval is not None:
        if from_event or return_event or unbounded or calendar or output:
            raise DataSourceError(_("--interval counts rolling day N from each user's first event: drop --from-event, --return-event, --unbounded, --calendar and --output"))
        _retention_periods(reading, path, day or [1, 7, 30], interval)
        return
    log = reading.read(path)
    asked = day or [1, 7, 30]
    with working(_("Computing retention"), reading.quiet):
        curve = analytics.retention(
            log, analytics.retention_curve_days(asked) if output else asked,
            from_event=from_event, return_event=return_event, unbounded=unbounded, calendar=calendar, timezone=reading.timezone,
            weekly=bool(reading.as_json or output),  # the table shows days only: weekly cohorts only for the JSON and the chart
        )
    result = curve.on_days(asked)
    if output:
        analytics.write_chart([analytics.retention_chart(curve, marks=asked), analytics.cohort_heatmap(curve)], output, title=_("Retention"))
    if reading.as_json:
        print_output("retention", result.to_dict())
        return
    rows = [(str(n), f"{result.retained[n]:,}", _percent(result.retention[n])) for n in result.retention]
    title = _("Cohort: {size} users").format(size=f"{result.cohort_size:,}")
    console.print(_rows_table([_("Day"), _("Users"), _("Retention")], rows, title=title))


def _print_periods(result: analytics.Funnel) -> None:
    """Print one row per period of entry: its users at the first step and each later step's conversion from the start."""
    names = [step.name for step in result.steps]
    rows = [(period, f"{group.steps[0].users:,}", *(_percent(step.conversion_from_start) for step in group.steps[1:])) for period, group in (result.groups or {}).items()]
    console.print(_rows_table([_("Period"), _("Entered"), *names[1:]], rows, title=_("Conversion from the start by period of entry ({interval})").format(interval=result.by)))


def _retention_by_segment(reading: Reading, path: str | None, days: list[int], output: Path | None) -> None:
    """Print each segment's day-N retention (and overlay their curves in the chart)."""
    from ..analytics import discover

    rules = reading.segment_rules()
    log = reading.read(path)
    with working(_("Computing retention"), reading.quiet):
        members = reading.segment_members(log, rules, reading.segments_file)
        found = discover.segments(log, rules, days=analytics.retention_curve_days(days) if output else days, members=members)
    curves = {s.name: s.retention for s in found.segments if s.retention is not None}
    if output:
        analytics.write_chart(analytics.retention_curves_chart(curves, marks=days), output, title=_("Retention"))
    if reading.as_json:
        print_output("retention", {name: curve.on_days(days).to_dict() for name, curve in curves.items()})
        return
    wanted = sorted(set(days))
    rows = [(s.name, f"{s.users:,}", *(_percent(s.retention.retention.get(n)) if s.retention else "" for n in wanted)) for s in found.segments]
    console.print(_rows_table([_("Segment"), _("Users"), *(_("Day {day}").format(day=n) for n in wanted)], rows, title=_("Retention by segment")))


def _retention_periods(reading: Reading, path: str | None, days: list[int], interval: str) -> None:
    """Print the day-N retention of the users who started in each period."""
    log = reading.read(path)
    with working(_("Computing retention"), reading.quiet):
        result = analytics.retention_by_interval(log, days, interval)
    if reading.as_json:
        print_output("retention", result.to_dict())
        return
    rows = [(row["period"], f"{row['users']:,}", *(_percent(row[f"day_{n}"]) for n in result.days)) for row in result.periods]
    headers = [_("Period"), _("Users"), *(_("Day {day}").format(day=n) for n in result.days)]
    console.print(_rows_table(headers, rows, title=_("Retention by period of start ({interval})").format(interval=interval)))


@app.command()
@log_options
def paths(
    reading: Reading,
    path: EventsPath,
    anchor: Annotated[str | None, typer.Option("--from", help="The anchor event.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="The paths that lead to this event: --from EVENT --before.")] = None,
    depth: Annotated[int, typer.Option(help="How many events after (or before) the anchor.")] = 3,
    top: Annotated[int, typer.Option(help="How many paths to list.")] = 20,
    before: Annotated[bool, typer.Option("--before", help="Paths leading to the anchor instead of after it.")] = False,
    between: Annotated[tuple[str, str] | None, typer.Option("--between", help="Two steps, e.g. --between view_item purchase: what users who converted and users who dropped off did between them, side by side.")] = None,
    window: Annotated[str, typer.Option(help="With --between: the second step within this time of the first: 7d, 12h, 30m.")] = "30d",
    output: ChartPath = None,
) -> None:
    """The most frequent paths after (or before) an event, as a table and a Sankey chart; or between two steps, drop-offs first."""
    if [anchor, to, between].count(None) != 2:
        raise DataSourceError(_("give --from EVENT, --to EVENT or --between STEP_A STEP_B"))
    anchor, before = (to, True) if to is not None else (anchor, before)
    if between is not None:
        _paths_between(reading, path, between, window=window, depth=depth, top=top)
        return
    log = reading.read(path)
    with working(_("Computing paths"), reading.quiet):
        result = analytics.paths(log, anchor or "", depth=depth, top=top, direction="before" if before else "after")
    if output:
        analytics.write_chart(analytics.sankey_chart(result), output, title=_("Paths"))
    if reading.as_json:
        print_output("paths", result.to_dict())
        return
    rows = [(row["path"], f"{row['users']:,}", _percent(row["share"])) for row in result.rows()]
    console.print(_rows_table([_("Path"), _("Users"), _("Share")], rows))


def _paths_between(reading: Reading, path: str | None, steps: tuple[str, str], *, window: str, depth: int, top: int) -> None:
    """Print the drop-off paths and the converted paths between two steps side by side."""
    from itertools import zip_longest

    log = reading.read(path)
    with working(_("Computing paths"), reading.quiet):
        result = analytics.paths_between(log, *steps, window=window, depth=depth, top=top)
    if reading.as_json:
        print_output("paths", result.to_dict())
        return
    cells = [
        (*_path_cells(dropped), *_path_cells(converted))
        for dropped, converted in zip_longest(result.dropped_paths, result.converted_paths)
    ]
    headers = [
        _("Dropped off ({users})").format(users=f"{result.dropped:,}"), _("Users"), _("Share"),
        _("Converted ({users})").format(users=f"{result.converted:,}"), _("Users"), _("Share"),
    ]
    title = _("After {first}: what users did until {then} (or within {window} when they never got there)").format(first=steps[0], then=steps[1], window=window)
    console.print(_rows_table(headers, cells, title=title))


def _path_cells(path: dict[str, Any] | None) -> tuple[str, str, str]:
    if path is None:
        return ("", "", "")
    return (" → ".join(path["events"]), f"{path['users']:,}", _percent(path["share"]))


@app.command()
@log_options
def transitions(
    reading: Reading,
    path: EventsPath,
    top: Annotated[int | None, typer.Option(help="List only the most frequent edges.")] = None,
    users: Annotated[bool, typer.Option("--users", help="Also count the distinct users of each edge (slower).")] = False,
    output: ChartPath = None,
) -> None:
    """The directly-follows graph: how often each event follows another, and how fast."""
    log = reading.read(path)
    with working(_("Computing transitions"), reading.quiet):
        result = analytics.transitions(log, top=top, users=users)
    if output:
        analytics.write_chart([analytics.transitions_graph(result), analytics.transitions_chart(result)], output, title=_("Transitions"))
    if reading.as_json:
        print_output("transitions", result.to_dict())
        return
    titles = [_("Event"), _("Next event"), _("Count"), *([_("Users")] if users else []), _("Median time")]
    rows = [(e["source"], e["target"], f"{e['count']:,}", *([f"{e['users']:,}"] if users else []), _seconds(e["median_seconds"])) for e in result.edges]
    console.print(_rows_table(titles, rows))


@app.command()
@engine_options
def analyze(
    engine: Engine,
    path: Annotated[str | None, typer.Argument(help="Event log; default: the map's data.events (or --table).")] = None,
    map_path: Annotated[Path, typer.Option("--map", "-m", help="The map whose steps have bindings.")] = Path("journey.yaml"),
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the measured map.")] = Path("journey.measured.yaml"),
    window: Annotated[str | None, typer.Option(help="Funnel window; default: the map's data.window.")] = None,
    retention_day: Annotated[int, typer.Option("--retention-day", min=0, help="Retention counts events this many days or more after the step.")] = 7,
    as_json: AsJson = False,
    quiet: Quiet = False,
    segment: SegmentName = None,
    segments_file: SegmentsFile = None,
) -> None:
    """Measure every bound step of a map from an event log and write the measured map (of one segment's users with --segment)."""
    journey = files.load(map_path)
    source = engine.source(path or (None if engine.table else _map_events(journey, map_path)))
    label = engine.table or source
    if segment is not None:
        from ..analytics import discover

        log = analytics.read_events(source, con=engine.connection)
        source = kept_segment(log, segment, segments_file, quiet=quiet, label=str(label), key=discover.log_key(log, read_as()))
    with working(_("Measuring {path}").format(path=label), quiet):
        measured = analytics.analyze(journey, source, window=window, retention_day=retention_day, con=engine.connection)
    files.save(measured, output)
    rows = [
        (s.name, s.metrics.audience.value, s.metrics.conversion.value if s.metrics.conversion else None, s.metrics.time_seconds.value if s.metrics.time_seconds else None)
        for s in measured.steps
        if s.binding is not None and s.metrics.audience is not None
    ]
    if as_json:
        print_output("analyze", {"output": str(output), "steps": [dict(zip(("name", "audience", "conversion", "time_seconds"), row)) for row in rows]})
        return
    table = [(name, f"{audience:,.0f}", _percent(conversion), _seconds(time)) for name, audience, conversion, time in rows]
    console.print(_rows_table([_("Step"), _("Audience"), _("Conversion"), _("Median time")], table))
    print_written(output, quiet)


def _map_events(journey: Journey, map_path: Path) -> str:
    data = journey.data
    if data is None or not data.events:
        raise DataSourceError(_("{path}: name the event log, or set data.events in the map").format(path=map_path))
    return str((map_path.parent / data.events).resolve())


def _rows_table(headers: list[str], rows: list[tuple], title: str | None = None) -> Table:
    table = Table(*headers, title=escape(title) if title else None)
    for row in rows:
        table.add_row(*(escape(str(cell)) for cell in row))
    return table
