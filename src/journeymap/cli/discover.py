"""Commands that discover: aha moments, segments and personas, barriers, A/B tests, comparisons, ranked ideas."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from .. import files, model, render as renderers
from ..analytics import discover
from ..errors import JourneymapError
from ..i18n import gettext as _
from .analytics import (
    EventsPath,
    FunnelSteps,
    FunnelWindow,
    Reading,
    _percent,
    _rows_table,
    _seconds,
    log_options,
    working,
)
from .app import app, console, print_output, print_written

if TYPE_CHECKING:
    from ..analytics import EventLog
    from ..analytics.discover import Clusters, Segments

Steps = Annotated[list[str] | None, typer.Option("--step", "-s", help="A step: event, a|b, or event[column=value]. Repeat in order.")]
Window = Annotated[str | None, typer.Option(help="Every step within this time of the entry: 7d, 12h, 30m (default: the map's data.window, else 30d).")]


@app.command()
@log_options
def aha(
    reading: Reading,
    path: EventsPath,
    retention_day: Annotated[int, typer.Option("--retention-day", min=1, help="Retained = an event on this day after the start.")] = 7,
    within: Annotated[str, typer.Option(help="Count actions done within this time of the start: 3d, 12h.")] = "3d",
    min_users: Annotated[int | None, typer.Option("--min-users", min=1, help="Skip actions done (or not done) by fewer users; default: 25 or 2% of the cohort.")] = None,
    from_event: Annotated[str | None, typer.Option("--from-event", help="Start at the first event of this name.")] = None,
    return_event: Annotated[str | None, typer.Option("--return-event", help="Count only this event as coming back.")] = None,
    unbounded: Annotated[bool, typer.Option("--unbounded", help="Retained on the day or later.")] = False,
    include_return_events: Annotated[bool, typer.Option("--include-return-events", help="Also rank the start and return events.")] = False,
    map_path: Annotated[Path | None, typer.Option("--map", "-m", help="A map whose steps are bound to events: mark the aha steps.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the map with the aha steps marked as key moments.")] = None,
    by_segment: Annotated[bool, typer.Option("--by-segment", help="Find each segment's aha moment, for every segment of the --segments file.")] = False,
) -> None:
    """Find aha moments: early actions whose users come back more often (ranked by phi)."""
    if (map_path is None) != (output is None):
        raise JourneymapError(_("give both --map and --output to mark the aha steps on a map"))
    if by_segment and output is not None:
        raise JourneymapError(_("--by-segment finds one aha moment per segment: mark a map with --segment NAME instead"))
    journey = files.load(map_path) if map_path is not None else None
    settings = discover.AhaSettings(retention_day=retention_day, within=within, min_users=min_users, from_event=from_event, return_event=return_event, unbounded=unbounded, include_return_events=include_return_events)
    if by_segment:
        _aha_by_segment(reading, path, settings)
        return
    log = reading.read(path)
    with working(_("Comparing retention"), reading.quiet):
        result = discover.aha(log, settings)
    if journey is not None and output is not None:
        files.save(discover.mark_aha(journey, result), output)
    if reading.as_json:
        print_output("aha", result.to_dict())
        return
    rows = [
        (c.event, f"{c.table.did:,}", _percent(c.table.rate_did), _percent(c.table.rate_not), f"{c.table.lift or 0:.2f}", f"{c.phi:.3f}",
         discover.phi_words(c.phi), f"{c.q_value:.2g}", str(c.best_k))
        for c in result.candidates
    ]
    title = _("Day-{day} retention of {size} users: who did the action in the first {within}").format(day=retention_day, size=f"{result.cohort_size:,}", within=within)
    headers = [_("Action"), _("Users did"), _("Retention did"), _("Retention not"), _("Lift"), _("Phi"), _("Reading"), _("q-value"), _("Best k")]
    console.print(_rows_table(headers, rows, title=title))
    console.print(_("Correlation, not causation: test the top action with an A/B test before calling it the cause."))


def _aha_by_segment(reading: Reading, path: str | None, settings: discover.AhaSettings) -> None:
    """Print each segment's aha moment: its best action that counts (q < 0.05, phi at least 0.1)."""
    rules = reading.segment_rules()
    log = reading.read(path)
    with working(_("Comparing retention"), reading.quiet):
        found = discover.aha_by_segment(log, rules, settings, members=reading.segment_members(log, rules, reading.segments_file))
    if reading.as_json:
        print_output("aha", {name: result.to_dict() for name, result in found.items()})
        return
    rows = []
    for name, result in found.items():
        best = result.aha_moment()
        cells = (best.event, _percent(best.table.rate_did), _percent(best.table.rate_not), f"{best.phi:.3f}", f"{best.q_value:.2g}") if best else (_("none found"), "", "", "", "")
        rows.append((name, f"{result.cohort_size:,}", *cells))
    headers = [_("Segment"), _("Users"), _("Aha action"), _("Retention did"), _("Retention not"), _("Phi"), _("q-value")]
    console.print(_rows_table(headers, rows, title=_("Each segment's aha moment: day-{day} retention").format(day=settings.retention_day)))
    console.print(_("Correlation, not causation: test the top action with an A/B test before calling it the cause."))


@app.command()
@log_options
def drivers(
    reading: Reading,
    path: EventsPath,
    step: Annotated[list[str], typer.Option("--step", "-s", help="The two steps: the entry, then the conversion, e.g. -s view_item -s purchase.")],
    window: Annotated[str, typer.Option(help="The conversion within this time of the entry: 7d, 12h, 30m.")] = "30d",
    min_users: Annotated[int | None, typer.Option("--min-users", min=1, help="Skip candidates done (or not done) by fewer users; default: 25 or 2% of the cohort.")] = None,
    properties: Annotated[bool, typer.Option("--properties/--no-properties", help="Also rank the values of the entry event's columns.")] = True,
    top: Annotated[int, typer.Option(help="How many candidates to list.")] = 20,
) -> None:
    """Rank events (and entry properties) by how strongly they go with converting at a step: odds ratio, phi, p, q."""
    if len(step) != 2:
        raise JourneymapError(_("name two steps: -s ENTRY -s CONVERSION"))
    log = reading.read(path)
    with working(_("Comparing conversion"), reading.quiet):
        result = discover.drivers(log, step[0], step[1], window=window, min_users=min_users, properties=properties)
    if reading.as_json:
        print_output("drivers", result.to_dict())
        return
    rows = [
        (_("event") if d.kind == "event" else _("property"), d.name, f"{d.table.did:,}", _percent(d.table.rate_did), _percent(d.table.rate_not),
         f"{d.table.odds_ratio:.2f}", f"{d.table.phi:.3f}", discover.phi_words(d.table.phi), f"{d.p_value:.2g}", f"{d.q_value:.2g}")
        for d in result.drivers[:top]
    ]
    title = _("{first} → {then}: {converted} of {cohort} users converted within {window}").format(
        first=step[0], then=step[1], converted=f"{result.converted:,}", cohort=f"{result.cohort:,}", window=window)
    headers = [_("Kind"), _("Candidate"), _("Users did"), _("Conversion did"), _("Conversion not"), _("Odds ratio"), _("Phi"), _("Reading"), _("p-value"), _("q-value")]
    console.print(_rows_table(headers, rows, title=title))
    console.print(_("Correlation, not causation: test a driver with an A/B test before calling it the cause."))


@app.command()
@log_options
def barriers(
    reading: Reading,
    path: EventsPath,
    map_path: Annotated[Path | None, typer.Option("--map", "-m", help="The map whose bound steps form the journey.")] = None,
    step: Steps = None,
    window: Window = None,
    previous: Annotated[str | None, typer.Option("--previous", help="The same log for a previous period, to compare with.")] = None,
    below: Annotated[float | None, typer.Option("--below", min=0, max=1, help="Also call a barrier any conversion below this share.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the map with the barriers marked on its steps.")] = None,
) -> None:
    """Find barriers: step-to-step conversions significantly and materially lower than the others'.

    A barrier converts significantly worse than the other steps together (q < 0.05) and at least 20% below
    the typical step's conversion (the median of the others). Steps are ranked by the users lost beyond a
    typical step: users at the step x (typical conversion - its conversion).
    """
    if (map_path is None) == (not step):
        raise JourneymapError(_("name the steps with --map or with --step, one of the two"))
    if output is not None and map_path is None:
        raise JourneymapError(_("--output writes the marked map: give the map with --map"))
    log = reading.read(path)
    prior = reading.read(previous) if previous else None
    with working(_("Finding barriers"), reading.quiet):
        if map_path is not None:
            journey = files.load(map_path)
            result = discover.journey_barriers(journey, log, window=window, previous=prior, below=below)
        else:
            result = discover.barriers(log, step or [], window=window or "30d", previous=prior, below=below)
    if output is not None:
        files.save(discover.mark_barriers(journey, result), output)
    if reading.as_json:
        print_output("barriers", result.to_dict())
        return
    rows = [
        (p.source, p.target, f"{p.entered:,}", _percent(p.conversion), _percent(p.typical_conversion), f"{p.users_lost:,}", f"{round(p.excess_users_lost):,}", _seconds(p.median_seconds), _seconds(p.others_median_seconds), _percent(p.others_conversion),
         _percent(p.previous_conversion), _("barrier") if p.barrier else "")
        for p in result.pairs
    ]
    headers = [_("From"), _("To"), _("Users"), _("Conversion"), _("Typical"), _("Users lost"), _("Beyond typical"), _("Median time"), _("Other steps' time"), _("Other steps"), _("Previous"), ""]
    console.print(_rows_table(headers, rows))
    print_written(output, reading.quiet)


@app.command()
@log_options
def abtest(
    reading: Reading,
    path: EventsPath,
    step: Steps = None,
    retention_day: Annotated[int | None, typer.Option("--retention-day", min=1, help="Also compare day-N retention (an event on day N after the first).")] = None,
    variant_column: Annotated[str | None, typer.Option("--variant-column", help="The column holding each user's variant.")] = None,
    control: Annotated[str | None, typer.Option("--control", help="The control variant; default: the largest.")] = None,
    before: Annotated[str | None, typer.Option("--before", help="Before/after mode: the period before the change, e.g. 2025-09-01..2025-09-30.")] = None,
    after: Annotated[str | None, typer.Option("--after", help="Before/after mode: the period after the change.")] = None,
    window: FunnelWindow = "30d",
    alpha: Annotated[float, typer.Option(min=0.0001, max=0.5, help="Significance level.")] = 0.05,
    correction: Annotated[str, typer.Option(help="Multiple-testing correction: holm, fdr_bh or bonferroni.")] = "holm",
    active: Annotated[
        bool | None,
        typer.Option("--active/--first-event", help="Before/after mode: compare everyone active in each period (its events), existing users included (the default), or only the users whose first event falls in it."),
    ] = None,
) -> None:
    """Compare variants (or before and after a change): conversion per step, tested."""
    log = reading.read(path)
    with working(_("Testing"), reading.quiet):
        result = discover.abtest(
            log, step or [], variant_column=variant_column, control=control, before=before, after=after,
            window=window, retention_day=retention_day, alpha=alpha, correction=correction, active=active,
        )
    if reading.as_json:
        print_output("abtest", result.to_dict())
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


Rules = Annotated[Path | None, typer.Option("--rules", help="A YAML file of named segment rules (scenario segments, may overlap).")]
Cluster = Annotated[bool, typer.Option("--cluster", help="Cluster users by behaviour instead (one cluster per user).")]
K = Annotated[str, typer.Option("--k", help="Number of clusters, or auto (chosen by silhouette).")]
Method = Annotated[str, typer.Option("--method", help="kmeans or hdbscan.")]
Reduce = Annotated[int | None, typer.Option("--reduce", min=1, help="Reduce event features to this many NMF components first.")]
Bigrams = Annotated[bool, typer.Option("--bigrams", help="Also count the most common pairs of consecutive events.")]


@app.command()
@log_options
def segments(
    reading: Reading,
    path: EventsPath,
    rules: Rules = None,
    cluster: Cluster = False,
    k: K = "auto",
    method: Method = "kmeans",
    reduce: Reduce = None,
    bigrams: Bigrams = False,
    step: Steps = None,
    window: Annotated[str, typer.Option(help="Funnel window for --step: 7d, 12h, 30m.")] = "30d",
    retention_day: Annotated[int, typer.Option("--retention-day", min=0, help="Retention day reported per segment.")] = 7,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="With --cluster: write user_id,segment as CSV; with --discover: the segments as a rules file (YAML).")] = None,
    discover_: Annotated[bool, typer.Option("--discover", help="Find segments from the ordered action sequences that repeat across users (they may overlap).")] = False,
    check: Annotated[str | None, typer.Option("--check", help="Measure one hypothesised segment's share: actions in order in one session, e.g. \"search > view_item > purchase\".")] = None,
    min_support: Annotated[float, typer.Option("--min-support", min=0.0001, max=1, help="With --discover: the least share of users a pattern needs.")] = 0.05,
    gap: Annotated[str, typer.Option("--gap", help="With --discover or --check: a session ends after this long without an event.")] = "30m",
    map_path: Annotated[Path | None, typer.Option("--map", "-m", help="With --discover: name the segments by this map's step names where its steps bind the events.")] = None,
) -> None:
    """Segment users by rules (they may overlap), cluster them by behaviour, or discover segments from action sequences."""
    if discover_ or check:
        if rules is not None or cluster:
            raise JourneymapError(_("--discover and --check find segments from sequences: drop --rules and --cluster"))
        _sequence_segments(reading, path, SequenceOptions(check, min_support, gap, map_path), output)
        return
    if output is not None and not cluster:
        raise JourneymapError(_("-o writes each user's cluster: add --cluster"))
    found = _segments(reading, path, rules, cluster, ClusterOptions(k, method, reduce, bigrams), step or [], window, retention_day)
    if isinstance(found, discover.Clusters) and output is not None:
        found.write_labels(output)
    if reading.as_json:
        print_output("segments", found.to_dict())
        return
    if isinstance(found, discover.Clusters):
        rows = [(c.name, f"{c.users:,}", _percent(c.share), ", ".join("{event} ×{ratio:.1f}".format(**e) for e in c.top_events[:3]), _percent(c.conversion), _percent(c.retention))
                for c in found.clusters]
        title = _("{k} clusters of {users} users (silhouette {score})").format(k=found.k, users=f"{found.users:,}", score=f"{found.silhouette:.2f}" if found.silhouette is not None else "-")
        headers = [_("Cluster"), _("Users"), _("Share"), _("Top events against all users"), _("Conversion"), _("Day-{day} retention").format(day=retention_day)]
    else:
        rows = [(s.name, s.rule, f"{s.users:,}", _percent(s.share), _percent(s.funnel.steps[-1].conversion_from_start) if s.funnel else "",
                 _percent(s.retention.retention.get(retention_day)) if s.retention else "") for s in found.segments]
        title = _("Segments of {users} users (they may overlap)").format(users=f"{found.total_users:,}")
        headers = [_("Segment"), _("Rule"), _("Users"), _("Share"), _("Conversion"), _("Day-{day} retention").format(day=retention_day)]
    console.print(_rows_table(headers, rows, title=title))
    print_written(output, reading.quiet)


@app.command()
@log_options
def personas(
    reading: Reading,
    path: EventsPath,
    map_path: Annotated[Path, typer.Option("--map", "-m", help="The map to add the data-driven personas to.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the map with the personas.")],
    rules: Rules = None,
    k: K = "auto",
    method: Method = "kmeans",
    reduce: Reduce = None,
    bigrams: Bigrams = False,
) -> None:
    """Add data-driven personas (behaviour clusters, or rule segments) to a map."""
    journey = files.load(map_path)
    found = _segments(reading, path, rules, rules is None, ClusterOptions(k, method, reduce, bigrams), [], "30d", 7)
    groups = found.clusters if isinstance(found, discover.Clusters) else found.segments
    files.save(discover.with_personas(journey, groups), output)
    if reading.as_json:
        print_output("personas", {"output": str(output), "personas": [{"name": g.name, "users": g.users, "share": g.share} for g in groups]})
        return
    console.print(_rows_table([_("Persona"), _("Users"), _("Share")], [(g.name, f"{g.users:,}", _percent(g.share)) for g in groups]))
    print_written(output, reading.quiet)


@app.command()
@log_options
def compare(
    reading: Reading,
    path: EventsPath,
    segment_column: Annotated[str, typer.Option("--segment-column", help="The column whose values are the segments.")],
    step: FunnelSteps,
    window: FunnelWindow = "30d",
) -> None:
    """One funnel per segment; each step's conversion tested across the segments."""
    log = reading.read(path)
    with working(_("Comparing segments"), reading.quiet):
        result = discover.compare(log, step, by=segment_column, window=window)
    if reading.as_json:
        print_output("compare", result.to_dict())
        return
    names = list(result.funnel.groups)
    rows = [(s.name, *(_percent(result.funnel.groups[name].steps[k].conversion_from_previous) for name in names)) for k, s in enumerate(result.funnel.steps)]
    console.print(_rows_table([_("Step"), *names], rows, title=_("Conversion from the previous step by {column}").format(column=segment_column)))
    tests = [(t.step, f"{t.q_value:.3g}", _("yes") if t.significant else _("no"), t.best or "", t.worst or "") for t in result.tests]
    console.print(_rows_table([_("Step"), _("q-value"), _("Differs"), _("Best"), _("Worst")], tests))


@dataclass(frozen=True)
class SequenceOptions:
    """How ``--discover`` and ``--check`` read sequences: the pattern to check, the least support, the session gap, the map naming steps."""

    check: str | None
    min_support: float
    gap: str
    map_path: Path | None


def _sequence_segments(reading: Reading, path: str | None, options: SequenceOptions, output: Path | None) -> None:
    """Print the discovered segments (and write them as rules), or the share of the pattern ``--check`` names."""
    if options.check and output is not None:
        raise JourneymapError(_("-o writes discovered segments: drop --check"))
    pattern = discover.parse_pattern(options.check) if options.check else None
    names = discover.step_names(files.load(options.map_path)) if options.map_path is not None else None
    log = reading.read(path)
    with working(_("Finding repeated sequences"), reading.quiet):
        found = discover.check_pattern(log, pattern, gap=options.gap) if pattern else discover.discover_segments(log, min_support=options.min_support, gap=options.gap, names=names)
    if isinstance(found, discover.SequenceSegments) and output is not None:
        files.write_atomically(output, found.rules_yaml().encode("utf-8"))
        with working(_("Finding each segment's users"), reading.quiet):
            reading.segment_members(log, discover.read_rules(output), output)
    if reading.as_json:
        print_output("segments", found.to_dict())
        return
    if isinstance(found, discover.PatternShare):
        console.print(escape(_("{pattern}: {users} of {total} users ({share})").format(
            pattern=" > ".join(found.sequence), users=f"{found.users:,}", total=f"{found.total_users:,}", share=_percent(found.share))))
        return
    rows = [(s.name, " > ".join(s.sequence), f"{s.users:,}", _percent(s.share)) for s in found.segments]
    title = _("Segments of {users} users from repeated action sequences (they may overlap)").format(users=f"{found.total_users:,}")
    console.print(_rows_table([_("Segment"), _("Sequence"), _("Users"), _("Share")], rows, title=title))
    if not found.segments:
        console.print(_("No sequence's order stands out: {count} frequent patterns, none done in its order clearly more than in another.").format(count=found.frequent))
    print_written(output, reading.quiet)


@dataclass(frozen=True)
class ClusterOptions:
    """How ``--cluster`` clusters: k, method, NMF reduction, bigrams."""

    k: str
    method: str
    reduce: int | None
    bigrams: bool


def _segments(
    reading: Reading, path: str | None, rules: Path | None, cluster: bool, options: ClusterOptions, steps: list[str], window: str, day: int
) -> Segments | Clusters:
    if (rules is None) == (not cluster):
        raise JourneymapError(_("choose --rules FILE or --cluster"))
    named = discover.read_rules(rules) if rules is not None else None
    log: EventLog = reading.read(path)
    with working(_("Segmenting"), reading.quiet):
        if named is not None and rules is not None:
            members = reading.segment_members(log, named, rules)
            return discover.segments(log, named, steps=steps, window=window, days=sorted({1, 7, 30, day}), members=members)
        k = int(options.k) if options.k.isdigit() else options.k
        return discover.clusters(log, k=k, method=options.method, reduce=options.reduce, bigrams=options.bigrams, steps=steps, window=window, retention_day=day)


@app.command()
def prioritize(
    map_path: Annotated[Path, typer.Argument(help="The map whose opportunities to rank.")],
    method: Annotated[str, typer.Option(help="manufactura (the seeds' sum), rice or ice.")] = "manufactura",
    weight: Annotated[list[str] | None, typer.Option("--weight", help="A part's weight in the seeds' sum, e.g. criticality=2; repeat.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the ranked table: .xlsx, .csv or .md.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    mvp: Annotated[float | None, typer.Option("--mvp", help="Pick the MVP: the ideas of the highest total score whose effort fits this budget (in the ideas' effort unit, e.g. person-months).")] = None,
) -> None:
    """Rank the map's ideas by the seeds' formula, RICE or ICE; audience from measured data; pick the MVP within a budget."""
    if method not in model.RANKING_METHODS:
        raise JourneymapError(_("--method {method!r}: choose one of {methods}").format(method=method, methods=", ".join(model.RANKING_METHODS)))
    journey = files.load(map_path)
    weights = _weights(weight or [])
    if output is not None:
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in renderers.IDEA_FORMATS:
            raise JourneymapError(_("{path}: write ideas as .xlsx, .csv or .md").format(path=output))
        files.write_atomically(output, renderers.ideas_bytes(journey, fmt, method, weights))
    ranked = model.rank(journey, method, weights)
    plan = model.mvp(ranked, mvp) if mvp is not None else None
    if as_json:
        print_output("prioritize", {"method": method, "ideas": [idea.to_dict() for idea in ranked], **({"mvp": plan.to_dict()} if plan else {})})
        return
    table = renderers.ideas_table(journey, method, weights)
    console.print(_rows_table([column.title for column in table.columns], [tuple(row) for row in table.formatted()], title=table.name))
    if plan is not None:
        _print_mvp(plan)
    print_written(output)


def _print_mvp(plan: model.Mvp) -> None:
    titles = ", ".join(idea.opportunity.title for idea in plan.chosen) or _("none fits")
    console.print(escape(_("MVP within a budget of {budget:g}: {titles} (effort {effort:g}, score {score:g})").format(budget=plan.budget, titles=titles, effort=plan.effort, score=plan.score)))
    if plan.unweighed:
        left = ", ".join(idea.opportunity.title for idea in plan.unweighed)
        console.print(escape(_("Left out, as they have no effort or no score yet ({count}): {titles}; give each its effort and the parts of its score").format(count=len(plan.unweighed), titles=left)))


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
