"""Scenario segments: named rules over event counts, sequences and properties; segments may overlap.

A rules file (YAML) lists segments, each a name and a rule::

    segments:
      - name: Reader
        rule: {event: view_item, at_least: 3}          # did it 3 times or more
      - name: Navigator
        rule: {sequence: [search, view_item], within: 1h}
      - name: iOS buyer
        rule: {all: [{where: {platform: ios}}, {event: purchase}]}

A rule is one of: ``event`` (an event name, ``a|b`` or ``event[column=value]``,
with ``at_least``, default 1); ``sequence`` (events in this order, each after
the one before, all within ``within`` of the first; any occurrence of the
first may start it); ``where`` (any event with these property values); or
``all`` / ``any`` of a list of rules. A ``sequence`` with ``session: 30m``
(plain event names, no ``within``) counts only users who do it in one session
(no gap longer than that), as ``segments --discover`` finds and writes them. Each segment's users are an Ibis
expression; its share is of every user in the log. With steps, each segment
gets its funnel; each gets its retention.

>>> from journeymap.analytics import sample_path
>>> rules = parse_rules("segments: [{name: Searcher, rule: {event: search, at_least: 2}}]")
>>> segments(sample_path(), rules).segments[0].users
962
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ...errors import DataSourceError
from ...i18n import gettext as _
from .. import fetch
from ..funnel import funnel, window_seconds
from ..matching import StepSpec, as_steps
from ..results import Funnel, Result, Retention, share
from ..retention import DAY_SECONDS
from ..sources import EVENT, TIME, USER, EventLog, column_list, read_events
from ..stored import stored
from ..timestamps import seconds_between

KINDS = ("event", "sequence", "where", "all", "any")


@dataclass(frozen=True)
class Rule:
    """One rule of a segment: its kind and what it needs (see the module)."""

    kind: str
    steps: tuple[StepSpec, ...] = ()
    at_least: int = 1
    within: float | None = None
    where: tuple[tuple[str, Any], ...] = ()
    parts: tuple[Rule, ...] = ()
    session: float | None = None

    def describe(self) -> str:
        """Return the rule as one line people read, e.g. ``view_item ≥ 3``.

        >>> parse_rule({"sequence": ["search", "view_item"], "within": "1h"}).describe()
        'search → view_item within 3600s'
        """
        if self.kind == "event":
            return self.steps[0].name + (f" ≥ {self.at_least}" if self.at_least > 1 else "")
        if self.kind == "sequence":
            return (
                " → ".join(step.name for step in self.steps)
                + (f" within {self.within:g}s" if self.within else "")
                + (f" in a session (gap {self.session:g}s)" if self.session else "")
            )
        if self.kind == "where":
            return ", ".join(f"{column}={value}" for column, value in self.where)
        joiner = " and " if self.kind == "all" else " or "
        return "(" + joiner.join(part.describe() for part in self.parts) + ")"

    def users(self, table: ir.Table) -> ir.Table:
        """Return the users (one column, ``user_id``) the rule selects in ``table``."""
        if self.kind == "event":
            rows = table.filter(self.steps[0].matches(table))
            counted = rows.group_by(USER).aggregate(_n=rows.count())
            return counted.filter(counted._n >= self.at_least).select(USER)
        if self.kind == "where":
            return _with_properties(table, dict(self.where))
        if self.kind == "sequence" and self.session is not None:
            from .sequences import containing, sessions

            names = tuple(step.name for step in self.steps)
            table = table.semi_join(doers(table, [names]), USER)
            return containing(sessions(table, self.session, names), [names]).select(USER)
        if self.kind == "sequence":
            return _sequence_users(table, self.steps, self.within)
        chosen = [part.users(table) for part in self.parts]
        combined = chosen[0]
        for other in chosen[1:]:
            combined = combined.intersect(other) if self.kind == "all" else combined.union(other, distinct=True)
        return combined


@dataclass
class Segment(Result):
    """A segment's size, share and behaviour."""

    name: str
    rule: str
    users: int
    share: float | None
    funnel: Funnel | None = None
    retention: Retention | None = None

    def rows(self) -> list[dict[str, Any]]:
        """The segment's funnel steps (empty without steps)."""
        return self.funnel.rows() if self.funnel else []

    def to_dict(self) -> dict[str, Any]:
        """The segment as plain data; of its retention, the share retained by day."""
        return {**super().to_dict(), "retention": self.retention.to_dict()["retention"] if self.retention else None}


@dataclass
class Segments(Result):
    """Every segment of a rules file, in file order; they may overlap."""

    total_users: int
    segments: list[Segment] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per segment: name, rule, users, share."""
        return [{"name": s.name, "rule": s.rule, "users": s.users, "share": s.share} for s in self.segments]


def segments(
    source: str | Path | EventLog | ir.Table,
    rules: dict[str, Rule],
    *,
    steps: Iterable[StepSpec | str] = (),
    window: str | float = "30d",
    days: Sequence[int] = (1, 7, 30),
    members: ir.Table | None = None,
) -> Segments:
    """Return each named rule's segment of the log at ``source``: users, share, funnel (with ``steps``) and retention.

    ``members`` is :func:`memberships` of the rules, when already found (e.g. saved: :func:`.saved.segment_members`).
    """
    table = read_events(source).table
    specs = as_steps(steps)
    wanted = sorted(set(days))
    with ExitStack() as stack:
        members = stored(memberships(table, rules, stack), stack) if members is None else members
        flags = stored(retained_by_user(table, wanted), stack)
        counted = {str(row["segment"]): row for row in fetch.records(segment_counts(table, rules, flags, wanted, members))}
        total = int(fetch.first_record(flags.aggregate(n=flags.count())).get("n") or 0)
        result = Segments(total_users=total)
        for name, rule in rules.items():
            row = counted.get(name, {})
            count = int(row.get("users") or 0)
            segment = Segment(name=name, rule=rule.describe(), users=count, share=share(count, total))
            if count:
                retained = {day: int(row[f"day_{day}"] or 0) for day in wanted}
                segment.retention = Retention(
                    cohort_size=count, retention={day: share(n, count) for day, n in retained.items()}, retained=retained
                )
                if specs:
                    segment.funnel = funnel(table.semi_join(members.filter(members.segment == name), USER), specs, window=window)
            result.segments.append(segment)
    return result


def in_segment(source: str | Path | EventLog | ir.Table, rule: Rule | ir.Table) -> EventLog:
    """Return the log with only the events of the users ``rule`` selects (or of the users of a :func:`segment_users` table).

    The segment's users are found once and kept in the engine (a temp table) for
    as long as the connection, so every query on the returned log reuses them.

    >>> from journeymap.analytics import sample_path
    >>> log = in_segment(sample_path(), parse_rule({"event": "purchase"}))
    >>> int(log.table.user_id.nunique().execute())
    720
    """
    log = read_events(source)
    users = segment_users(log, rule) if isinstance(rule, Rule) else rule
    return replace(log, table=log.table.semi_join(users, USER))


def segment_users(source: str | Path | EventLog | ir.Table, rule: Rule) -> ir.Table:
    """Return the users ``rule`` selects (one column, ``user_id``, each user once), found once and kept in the engine.

    >>> from journeymap.analytics import sample_path
    >>> int(segment_users(sample_path(), parse_rule({"event": "purchase"})).count().execute())
    720
    """
    return stored(rule.users(read_events(source).table))


def retained_by_user(table: ir.Table, days: Sequence[int]) -> ir.Table:
    """Return ``user_id`` and ``day_N`` per day: an event on rolling day N after the user's first event (as in retention)."""
    narrow = table.select(USER, TIME)
    rows = narrow.mutate(_start=narrow[TIME].min().over(group_by=narrow[USER]))
    day = (seconds_between(rows[TIME], rows._start) / DAY_SECONDS).floor()
    return rows.group_by(USER).aggregate(**{f"day_{n}": (day == n).any() for n in days})


def memberships(table: ir.Table, rules: Mapping[str, Rule], stack: ExitStack | None = None) -> ir.Table:
    """Return ``user_id`` and ``segment``: every segment's users, one row per user and segment they belong to.

    The session rules (as ``segments --discover`` writes them) of one gap share one
    pass: the log is cut into sessions once, on the actions of all of them, and
    every pattern is matched together; with ``stack``, those steps are kept in the
    engine until it closes. Each other rule selects its users on its own.
    """
    from .sequences import containing, pattern_key, sessions

    parts = []
    by_gap: dict[float, list[tuple[str, tuple[str, ...]]]] = {}
    for name, rule in rules.items():
        if rule.kind == "sequence" and rule.session is not None:
            by_gap.setdefault(rule.session, []).append((name, tuple(step.name for step in rule.steps)))
        else:
            parts.append(rule.users(table).mutate(segment=ibis.literal(name)))
    for gap, named in by_gap.items():
        patterns = [pattern for _name, pattern in named]
        actions = sessions(table.semi_join(doers(table, patterns), USER), gap, {action for pattern in patterns for action in pattern})
        actions = stored(actions, stack) if stack is not None else actions
        found = containing(actions, [pattern for _name, pattern in named], stack)
        mapping = ibis.memtable(
            {"pattern": [pattern_key(pattern) for _name, pattern in named], "segment": [name for name, _pattern in named]}
        )
        parts.append(found.join(mapping, "pattern").select(USER, "segment"))
    return parts[0].union(*parts[1:], distinct=False) if len(parts) > 1 else parts[0]


def doers(table: ir.Table, patterns: Sequence[Sequence[str]]) -> ir.Table:
    """Return the users (``user_id``) who did every action of at least one of ``patterns``: only they can do a pattern.

    >>> from journeymap.analytics import read_events, sample_path
    >>> int(doers(read_events(sample_path()).table, [["search", "purchase"]]).count().execute())
    570
    """
    names = sorted({action for pattern in patterns for action in pattern})
    rows = table.filter(table[EVENT].isin(names))
    did = rows.group_by(USER).aggregate(**{f"_did_{number}": (rows[EVENT] == name).any() for number, name in enumerate(names)})
    column = {name: did[f"_did_{number}"] for number, name in enumerate(names)}
    return did.filter(ibis.or_(*(ibis.and_(*(column[action] for action in set(pattern))) for pattern in patterns))).select(USER)


def segment_counts(
    table: ir.Table, rules: dict[str, Rule], flags: ir.Table, days: Sequence[int], members: ir.Table | None = None
) -> ir.Table:
    """Return per segment its ``users`` and ``day_N``, the users retained on day N: one query for every segment.

    ``members`` is :func:`memberships` of the rules, when already found.
    """
    combined = memberships(table, rules) if members is None else members
    joined = combined.join(flags, USER)
    return joined.group_by("segment").aggregate(users=joined.count(), **{f"day_{n}": joined[f"day_{n}"].sum() for n in days})


def read_rules(path: str | Path) -> dict[str, Rule]:
    """Return the named rules of a rules file (see the module)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise DataSourceError(_("{path}: cannot read the rules file ({reason})").format(path=path, reason=error.strerror)) from None
    return parse_rules(text, str(path))


def parse_rules(text: str, path: str = "<rules>") -> dict[str, Rule]:
    """Return the named rules of a rules file's text."""
    try:
        data = YAML(typ="safe").load(text)
    except YAMLError as error:
        raise DataSourceError(_("{path}: not valid YAML ({reason})").format(path=path, reason=str(error).splitlines()[0])) from None
    items = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise DataSourceError(_("{path}: write 'segments:' as a list of {{name, rule}}").format(path=path))
    rules = {}
    for index, item in enumerate(items):
        where = f"{path}: segments[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or "rule" not in item:
            raise DataSourceError(_("{where}: each segment needs a name and a rule").format(where=where))
        rules[item["name"]] = parse_rule(item["rule"], where)
    return rules


def parse_rule(data: Any, where: str = "rule") -> Rule:
    """Return the rule a mapping describes (see the module).

    >>> parse_rule({"event": "view_item", "at_least": 3}).describe()
    'view_item ≥ 3'
    """
    kinds = [kind for kind in KINDS if isinstance(data, dict) and kind in data]
    if len(kinds) != 1:
        raise DataSourceError(_("{where}: a rule has one of {kinds}").format(where=where, kinds=", ".join(KINDS)))
    kind = kinds[0]
    value = data[kind]
    if kind in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise DataSourceError(_("{where}: '{kind}' takes a list of rules").format(where=where, kind=kind))
        return Rule(kind, parts=tuple(parse_rule(part, f"{where}.{kind}[{n}]") for n, part in enumerate(value)))
    if kind == "where":
        if not isinstance(value, dict) or not value:
            raise DataSourceError(_("{where}: 'where' takes column: value pairs").format(where=where))
        return Rule(kind, where=tuple(sorted(value.items())))
    if kind == "sequence":
        if not isinstance(value, list) or len(value) < 2:
            raise DataSourceError(_("{where}: 'sequence' takes two or more events").format(where=where))
        within = window_seconds(data["within"]) if data.get("within") is not None else None
        steps = tuple(as_steps([str(step) for step in value]))
        session = window_seconds(data["session"]) if data.get("session") is not None else None
        if session is not None and (within is not None or any(step.where or step.events != (step.name,) for step in steps)):
            raise DataSourceError(_("{where}: 'session' takes plain event names and no 'within'").format(where=where))
        return Rule(kind, steps=steps, within=within, session=session)
    at_least = data.get("at_least", 1)
    if not isinstance(at_least, int) or at_least < 1:
        raise DataSourceError(_("{where}: 'at_least' is a whole number of 1 or more").format(where=where))
    return Rule(kind, steps=tuple(as_steps([str(value)])), at_least=at_least)


def _with_properties(table: ir.Table, where: dict[str, Any]) -> ir.Table:
    missing = [column for column in where if column not in table.columns]
    if missing:
        raise DataSourceError(
            _("rule where {column!r}: the log has no such column (columns: {found})").format(column=missing[0], found=column_list(table))
        )
    condition = ibis.literal(True)
    for column, value in where.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        condition &= table[column].cast("string") == text
    return table.filter(condition).select(USER).distinct()


def _sequence_users(table: ir.Table, steps: Sequence[StepSpec], within: float | None) -> ir.Table:
    """Users with the steps in order, each strictly after the one before, within ``within`` of any first step."""
    first = table.filter(steps[0].matches(table))
    chains = first.select(USER, _start=first[TIME], _at=first[TIME])
    for step in steps[1:]:
        rows = table.filter(step.matches(table)).select(_user=table[USER], _ts=table[TIME])
        joined = chains.join(rows, chains[USER] == rows._user)
        inside = joined._ts > joined._at
        if within is not None:
            inside &= joined._ts <= joined._start + ibis.interval(seconds=int(within))
        kept = joined.filter(inside)
        chains = kept.group_by([USER, "_start"]).aggregate(_at=kept._ts.min())
    return chains.select(USER).distinct()
