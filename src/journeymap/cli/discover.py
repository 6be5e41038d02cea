"""Commands that discover: aha moments, barriers, A/B tests, ranked ideas."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from .. import files
from ..analytics.discover import abtest as ab_test, aha as find_aha, barriers as find_barriers, journey_barriers, mark_barriers, phi_reading
from ..errors import JourneymapError
from ..i18n import gettext as _
from ..model import RANKING_METHODS
from ..render.ideas import IDEA_FORMATS, ideas_bytes, ideas_table
from .analytics import EventsPath, Reading, _percent, _rows_table, _seconds, log_options, working
from .app import console, app, print_json

Steps = Annotated[Optional[list[str]], typer.Option("--step", "-s", help="A step: event, a|b, or event[column=value]. Repeat in order.")]
Window = Annotated[Optional[str], typer.Option(help="Every step within this time of the entry: 7d, 12h, 30m (default: the map's data.window, else 30d).")]


@app.command()
@log_options
def aha(
    reading: Reading,
    path: EventsPath,
    retention_day: Annotated[int, typer.Option("--retention-day", min=1, help="Retained = an event on this day after the start.")] = 7,
    within: Annotated[str, typer.Option(help="Count actions done within this time of the start: 3d, 12h.")] = "3d",
    min_users: Annotated[Optional[int], typer.Option("--min-users", min=1, help="Skip actions done (or not done) by fewer users; default: 25 or 2% of the cohort.")] = None,
    from_event: Annotated[Optional[str], typer.Option("--from-event", help="Start at the first event of this name.")] = None,
    return_event: Annotated[Optional[str], typer.Option("--return-event", help="Count only this event as coming back.")] = None,
    unbounded: Annotated[bool, typer.Option("--unbounded", help="Retained on the day or later.")] = False,
    include_return_events: Annotated[bool, typer.Option("--include-return-events", help="Also rank the start and return events.")] = False,
) -> None:
    """Find aha moments: early actions whose users come back more often (ranked by phi)."""
    log = reading.read(path)
    with working(_("Comparing retention"), reading.quiet):
        result = find_aha(
            log, retention_day=retention_day, within=within, min_users=min_users, from_event=from_event,
            return_event=return_event, unbounded=unbounded, include_return_events=include_return_events,
        )
    if reading.as_json:
        print_json(result.to_dict())
        return
    rows = [
        (c.event, f"{c.table.did:,}", _percent(c.table.rate_did), _percent(c.table.rate_not), f"{c.table.lift or 0:.2f}", f"{c.phi:.3f}",
         _(phi_reading(c.phi)), f"{c.q_value:.2g}", str(c.best_k))
        for c in result.candidates
    ]
    title = _("Day-{day} retention of {size} users: who did the action in the first {within}").format(day=retention_day, size=f"{result.cohort_size:,}", within=within)
    headers = [_("Action"), _("Users did"), _("Retention did"), _("Retention not"), _("Lift"), _("Phi"), _("Reading"), _("q-value"), _("Best k")]
    console.print(_rows_table(headers, rows, title=title))
    console.print(_("Correlation, not causation: test the top action with an A/B test before calling it the cause."))


@app.command()
@log_options
def barriers(
    reading: Reading,
    path: EventsPath,
    map_path: Annotated[Optional[Path], typer.Option("--map", "-m", help="The map whose bound steps form the journey.")] = None,
    step: Steps = None,
    window: Window = None,
    previous: Annotated[Optional[str], typer.Option("--previous", help="The same log for a previous period, to compare with.")] = None,
    below: Annotated[Optional[float], typer.Option("--below", min=0, max=1, help="Also call a barrier any conversion below this share.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the map with the barriers marked on its steps.")] = None,
) -> None:
    """Find barriers: the step-to-step conversions where the journey loses most users."""
    if (map_path is None) == (not step):
        raise JourneymapError(_("name the steps with --map or with --step, one of the two"))
    if output is not None and map_path is None:
        raise JourneymapError(_("--output writes the marked map: give the map with --map"))
    log = reading.read(path)
    prior = reading.read(previous) if previous else None
    with working(_("Finding barriers"), reading.quiet):
        options = {"window": window, "previous": prior, "below": below}
        if map_path is not None:
            journey = files.load(map_path)
            result = journey_barriers(journey, log, **options)
        else:
            result = find_barriers(log, step or [], **{**options, "window": window or "30d"})
    if output is not None:
        files.save(mark_barriers(journey, result), output)
    if reading.as_json:
        print_json(result.to_dict())
        return
    rows = [
        (p.source, p.target, f"{p.entered:,}", _percent(p.conversion), f"{p.users_lost:,}", _seconds(p.median_seconds), _percent(p.others_conversion),
         _percent(p.previous_conversion), _("barrier") if p.barrier else "")
        for p in result.pairs
    ]
    headers = [_("From"), _("To"), _("Users"), _("Conversion"), _("Users lost"), _("Median time"), _("Other steps"), _("Previous"), ""]
    console.print(_rows_table(headers, rows))
    if output is not None and not reading.quiet:
        console.print(_("Wrote {path}").format(path=escape(str(output))))


@app.command()
@log_options
def abtest(
    reading: Reading,
    path: EventsPath,
    step: Annotated[list[str], typer.Option("--step", "-s", help="A step: event, a|b, or event[column=value]. Repeat in order.")],
    variant_column: Annotated[Optional[str], typer.Option("--variant-column", help="The column holding each user's variant.")] = None,
    control: Annotated[Optional[str], typer.Option("--control", help="The control variant; default: the largest.")] = None,
    before: Annotated[Optional[str], typer.Option("--before", help="Before/after mode: users who started in 2025-09-01..2025-09-30.")] = None,
    after: Annotated[Optional[str], typer.Option("--after", help="Before/after mode: users who started in this range, after the change.")] = None,
    window: Annotated[str, typer.Option(help="Every step within this time of the entry: 7d, 12h, 30m.")] = "30d",
    alpha: Annotated[float, typer.Option(min=0.0001, max=0.5, help="Significance level.")] = 0.05,
    correction: Annotated[str, typer.Option(help="Multiple-testing correction: holm, fdr_bh or bonferroni.")] = "holm",
) -> None:
    """Compare variants (or before and after a change): conversion per step, tested."""
    log = reading.read(path)
    with working(_("Testing"), reading.quiet):
        result = ab_test(log, step, variant_column=variant_column, control=control, before=before, after=after, window=window, alpha=alpha, correction=correction)
    if reading.as_json:
        print_json(result.to_dict())
        return
    rows = []
    for row in result.rows():
        rows.append((
            row["variant"], row["step"], f"{row['users']:,}", f"{row['conversions']:,}", _percent(row["rate"]),
            _percent(row.get("difference")) if "difference" in row else _("control"),
            _percent(row.get("uplift")), f"{row['adjusted_p']:.3g}" if "adjusted_p" in row else "",
            (_("yes") if row["significant"] else _("no")) if "significant" in row else "",
            f"{row['needed_users']:,}" if row.get("needed_users") else "",
        ))
    headers = [_("Variant"), _("Step"), _("Users"), _("Conversions"), _("Rate"), _("Difference"), _("Uplift"), _("Adjusted p"), _("Significant"), _("Users needed")]
    console.print(_rows_table(headers, rows, title=_("Control: {control}").format(control=result.control)))


@app.command()
def prioritize(
    map_path: Annotated[Path, typer.Argument(help="The map whose opportunities to rank.")],
    method: Annotated[str, typer.Option(help="manufactura (the seeds' sum), rice or ice.")] = "manufactura",
    weight: Annotated[Optional[list[str]], typer.Option("--weight", help="A part's weight in the seeds' sum, e.g. criticality=2; repeat.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the ranked table: .xlsx, .csv or .md.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Rank the map's ideas by the seeds' formula, RICE or ICE; audience from measured data."""
    if method not in RANKING_METHODS:
        raise JourneymapError(_("--method {method!r}: choose one of {methods}").format(method=method, methods=", ".join(RANKING_METHODS)))
    journey = files.load(map_path)
    weights = _weights(weight or [])
    if output is not None:
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in IDEA_FORMATS:
            raise JourneymapError(_("{path}: write ideas as .xlsx, .csv or .md").format(path=output))
        files.write_atomically(output, ideas_bytes(journey, fmt, method, weights))
    table = ideas_table(journey, method, weights)
    if as_json:
        print_json({"method": method, "ideas": [dict(zip((column.key for column in table.columns), row)) for row in table.rows]})
        return
    console.print(_rows_table([column.title for column in table.columns], [tuple(row) for row in table.formatted()], title=table.name))
    if output is not None:
        console.print(_("Wrote {path}").format(path=escape(str(output))))


def _weights(items: list[str]) -> dict[str, float]:
    weights = {}
    for item in items:
        name, equals, value = item.partition("=")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            equals = ""
        if not equals:
            raise JourneymapError(_("--weight {item!r}: write it as name=number, e.g. criticality=2").format(item=item))
    return weights
