"""Behaviour segments discovered from the ordered action sequences that repeat across users.

A user's events are cut into sessions at every gap longer than ``gap`` (30
minutes by default) and a run of the same action counts once (``view, view,
share`` is ``view, share``). A pattern is 2 to 5 actions in order; a session
contains it when they occur in that order in the session, other actions
between allowed. A pattern's support is the share of all users with a session
that contains it. Frequent patterns (support at least ``min_support``) are
found level by level: the patterns of one more action extend a frequent
pattern by a frequent action, and only when the extension's tail is frequent
too (the Apriori property).

Frequent is not yet distinctive: on a log of actions in random order, any two
common actions follow each other in most users' sessions. A frequent pattern
of distinct actions is a segment when its order matters: it beats each rival
order (its last action moved to the front, its first moved to the end; for
two actions, the reverse), that is, more users do it and not the rival than
the other way round, at least twice as many, by an exact binomial test on
those users with Benjamini-Hochberg q-values under 0.05 over all patterns. A
log where order carries nothing gives no segment. (A pattern that repeats an
action is counted but not tested: its rivals need other actions between
the repeats, so they are rarer by construction.) Of the distinctive
patterns, a shorter one gives way to a longer one that nearly all (90 %) of
its users do; then, largest first, a pattern inside a kept one or holding one
is left out, so each family of patterns gives one segment. Segments may
overlap.

Everything is counted in the engine: the sessions and their actions by window
functions, each level by one join of the users' partial matches with their
later actions. Above ``SAMPLE_USERS`` users, the patterns are found, tested
and measured on a sample of about that many users (chosen by a hash of their
id, so the same ones every time); a segment's share is then an estimate
within a few tenths of a point (95 %: ±0.6 point at most), and its users that
share of all users. ``check_pattern`` and the rules file count exactly.

>>> from journeymap.analytics import sample_path
>>> found = discover_segments(sample_path(), min_support=0.2)
>>> [segment.sequence for segment in found.segments][:2]
[('app_open', 'view_item'), ('app_open', 'search')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ...errors import DataSourceError
from ...i18n import gettext as _
from ..funnel import window_seconds
from ..ordering import sequence_columns
from ..results import Result, share
from ..sources import EVENT, ROW, TIME, USER, EventLog, read_events
from ..stored import stored
from ..timestamps import seconds_between
from .naming import segment_name
from .stats import ALPHA, adjusted

GAP = "30m"
"""A session ends after this long without an event."""
MIN_SUPPORT = 0.05
LONGEST = 5
COVER = 0.9
"""A longer distinctive pattern that this share of a shorter one's users do stands for both."""
ORDER_RATIO = 2.0
"""A distinctive pattern has at least this many users in its order for each user in the reverse order only."""
SAMPLE_USERS = 30_000
"""Above this many users, patterns are found, tested and measured on a sample of about this many."""
SEPARATOR = "\x1f"
SESSION = "_session"
POSITION = "_pos"


@dataclass
class SequenceSegment:
    """One discovered segment: its defining sequence, its users and how distinctive its order is (estimated from a sample on a large log)."""

    name: str
    sequence: tuple[str, ...]
    users: int
    share: float | None
    rival_only: int = 0
    order_only: int = 0
    q_value: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """The segment as plain data."""
        return {
            "name": self.name, "sequence": list(self.sequence), "users": self.users, "share": self.share,
            "users_in_this_order_only": self.order_only, "users_in_a_rival_order_only": self.rival_only, "q_value": self.q_value,
        }


@dataclass
class SequenceSegments(Result):
    """The segments found from action sequences, largest first; they may overlap."""

    total_users: int
    min_support: float
    gap_seconds: float
    frequent: int = 0
    sampled_users: int | None = None
    segments: list[SequenceSegment] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One record per segment."""
        return [segment.to_dict() for segment in self.segments]

    def to_dict(self) -> dict[str, Any]:
        """``{"total_users", "min_support", "gap_seconds", "frequent_patterns", "sampled_users", "segments": [...]}``."""
        return {
            "total_users": self.total_users, "min_support": self.min_support, "gap_seconds": self.gap_seconds,
            "frequent_patterns": self.frequent, "sampled_users": self.sampled_users, "segments": self.rows(),
        }

    def rules_yaml(self) -> str:
        """Return the segments as a rules file (see :mod:`.segments`), which ``--segments`` and ``segments --rules`` read back."""
        from io import StringIO

        from ruamel.yaml import YAML

        gap = f"{self.gap_seconds / 60:g}m"
        items = [{"name": segment.name, "rule": {"sequence": list(segment.sequence), "session": gap}} for segment in self.segments]
        stream = StringIO()
        yaml = YAML()
        yaml.default_flow_style = None
        yaml.dump({"segments": items}, stream)
        return stream.getvalue()


@dataclass
class PatternShare(Result):
    """How many users do one hypothesised sequence (``--check``)."""

    sequence: tuple[str, ...]
    users: int
    total_users: int

    @property
    def share(self) -> float | None:
        """Its users as a share of all users."""
        return share(self.users, self.total_users)

    def rows(self) -> list[dict[str, Any]]:
        """The one record."""
        return [self.to_dict()]

    def to_dict(self) -> dict[str, Any]:
        """``{"sequence", "users", "total_users", "share"}``."""
        return {"sequence": list(self.sequence), "users": self.users, "total_users": self.total_users, "share": self.share}


def discover_segments(
    source: str | Path | EventLog | ir.Table,
    *,
    min_support: float = MIN_SUPPORT,
    gap: str | float = GAP,
    longest: int = LONGEST,
    names: Mapping[str, str] | None = None,
) -> SequenceSegments:
    """Return the behaviour segments of the log at ``source`` (see the module); ``names`` gives an event's name in words."""
    if not 0 < min_support <= 1:
        raise DataSourceError(_("--min-support {value}: give a share between 0 and 1, e.g. 0.05").format(value=min_support))
    seconds = window_seconds(gap)
    table = read_events(source).table
    with ExitStack() as stack:
        total = int(table[USER].nunique().execute())
        if total > SAMPLE_USERS:
            table = sampled(table, SAMPLE_USERS / total)
        actions = stored(sessions(table, seconds), stack)
        mined = int(actions[USER].nunique().execute()) if total > SAMPLE_USERS else total
        floor = max(1, int(min_support * mined + 0.999999))
        frequent = frequent_patterns(actions, floor, min(longest, LONGEST))
        candidates = [pattern for pattern in frequent if len(pattern) > 1 and len(set(pattern)) == len(pattern)]
        tested = distinctive(actions, candidates, stack) if candidates else {}
    result = SequenceSegments(total_users=total, min_support=min_support, gap_seconds=seconds, frequent=len(candidates), sampled_users=mined if total > SAMPLE_USERS else None)
    for pattern in _kept(tested, frequent):
        order_only, rival_only, q_value = tested[pattern]
        part = share(frequent[pattern], mined) or 0.0
        result.segments.append(SequenceSegment(segment_name(pattern, names), pattern, round(part * total), part, rival_only, order_only, q_value))
    result.segments.sort(key=lambda segment: (-segment.users, segment.sequence))
    return result


def sampled(table: ir.Table, fraction: float) -> ir.Table:
    """Return the events of about ``fraction`` of the users, chosen by a hash of their id (the same ones every time)."""
    return table.filter(table[USER].hash().abs() % 100_000 < int(fraction * 100_000))


def check_pattern(source: str | Path | EventLog | ir.Table, pattern: Sequence[str], *, gap: str | float = GAP) -> PatternShare:
    """Return how many users do ``pattern`` in one session, in order (other actions between allowed).

    >>> from journeymap.analytics import sample_path
    >>> found = check_pattern(sample_path(), ["search", "view_item", "purchase"])
    >>> 0 < found.users < found.total_users
    True
    """
    sequence = _squeezed(pattern)
    table = read_events(source).table
    actions = sessions(table, window_seconds(gap), sequence)
    total = int(table[USER].nunique().execute())
    if len(sequence) == 1:
        users = int(actions.filter(actions[EVENT] == sequence[0])[USER].nunique().execute())
    else:
        rows = containing(actions, [sequence])
        users = int(rows.count().execute())
    return PatternShare(sequence=sequence, users=users, total_users=total)


def parse_pattern(text: str) -> tuple[str, ...]:
    """Return the actions of a pattern written ``a > b > c``.

    >>> parse_pattern("search > view_item >purchase")
    ('search', 'view_item', 'purchase')
    """
    parts = tuple(part.strip() for part in text.split(">"))
    if not parts or not all(parts):
        raise DataSourceError(_("--check {text!r}: write the actions in order between '>', e.g. \"search > view_item > purchase\"").format(text=text))
    return parts


def sessions(table: ir.Table, gap: float, events: Iterable[str] | None = None) -> ir.Table:
    """Return each user's actions with their session (``_session``) and place in order (``_pos``), a repeated action once per run.

    Places need not be consecutive: only their order counts. With ``events``, only
    those actions are returned (their sessions and runs still cut by every event):
    a pattern of those actions is then matched on far fewer rows.

    One window over the whole log finds where sessions start and runs repeat
    (``lag``); the running count of session starts is taken over the rows kept
    (starts and new actions) only.
    """
    narrow = table.select(*sequence_columns(table))
    tie = ROW if ROW in narrow.columns else EVENT
    wanted = sorted(set(events)) if events is not None else None
    if wanted is not None:  # a run is told by the action before: here a small number (0: any other action), cheaper to carry than text
        code = narrow[EVENT].cases(*((name, number) for number, name in enumerate(wanted, 1)), else_=0)
        narrow = narrow.select(USER, TIME, *([tie] if tie != EVENT else [EVENT]), _action=code)
    else:
        narrow = narrow.mutate(_action=narrow[EVENT])
    window = ibis.window(group_by=narrow[USER], order_by=[narrow[TIME], narrow[tie]])
    marked = narrow.mutate(_before=narrow[TIME].lag().over(window), _previous=narrow._action.lag().over(window))
    starts = marked._before.isnull() | (seconds_between(marked[TIME], marked._before) > gap)
    kept = marked.mutate(_starts=starts.ifelse(1, 0), _new=starts | (marked._action != marked._previous))
    kept = kept.filter(kept._new if wanted is None else (kept._starts == 1) | (kept._new & (kept._action != 0)))
    running = ibis.window(group_by=kept[USER], order_by=[kept[TIME], kept[tie]], rows=(None, 0))
    actions = kept.mutate(**{SESSION: kept._starts.sum().over(running), POSITION: ibis.row_number().over(running)})
    if wanted is not None:
        actions = actions.filter(actions._new & (actions._action != 0))
        actions = actions.mutate(**{EVENT: actions._action.cases(*((number, name) for number, name in enumerate(wanted, 1)))})
    return actions.select(USER, EVENT, SESSION, POSITION)


def frequent_patterns(actions: ir.Table, floor: int, longest: int = LONGEST) -> dict[tuple[str, ...], int]:
    """Return every pattern of 1 to ``longest`` actions that at least ``floor`` users do, with its users."""
    counted = actions.group_by(EVENT).aggregate(users=actions[USER].nunique()).execute()
    frequent: dict[tuple[str, ...], int] = {(str(row[EVENT]),): int(row["users"]) for row in counted.to_dict("records") if int(row["users"]) >= floor}
    single = [pattern[0] for pattern in frequent]
    matches = _firsts(_places(actions.filter(actions[EVENT].isin(single))))
    level = dict(frequent)
    with ExitStack() as stack:
        for _length in range(2, longest + 1):
            steps = [(pattern_key(pattern), pattern_key((*pattern, event)), event) for pattern in level for event in single if len(pattern) == 1 or (*pattern[1:], event) in level]
            if not steps:
                break
            extended = stored(_advance(matches, actions, steps), stack)
            counted = extended.group_by("pattern").aggregate(users=extended[USER].nunique()).execute()
            level = {_pattern(str(row["pattern"])): int(row["users"]) for row in counted.to_dict("records") if int(row["users"]) >= floor}
            frequent.update(level)
            matches = extended.filter(extended.pattern.isin([pattern_key(pattern) for pattern in level]))
    return frequent


def containing(actions: ir.Table, patterns: Iterable[Sequence[str]], stack: ExitStack | None = None) -> ir.Table:
    """Return the ``user_id`` and ``pattern`` (actions joined by a unit separator) of every user doing each pattern.

    A pattern's last action needs only to occur after its prefix's match in the
    session: each session's last place of each action tells it, so that step joins
    the matches with one row per user, session and action, not with every action.
    With ``stack``, those places and each level's matches are computed once and kept until it closes.
    """
    wanted = sorted({tuple(pattern) for pattern in patterns if len(pattern) > 1})
    places = _places(actions.filter(actions[EVENT].isin(sorted({action for pattern in wanted for action in pattern}))))
    places = stored(places, stack) if stack is not None else places
    matches = _firsts(places.filter(places[EVENT].isin(sorted({pattern[0] for pattern in wanted}))))
    found = []
    for length in range(2, max(len(pattern) for pattern in wanted) + 1):
        going_on = sorted({(pattern_key(pattern[: length - 1]), pattern_key(pattern[:length]), pattern[length - 1]) for pattern in wanted if len(pattern) > length})
        ending = sorted({(pattern_key(pattern[: length - 1]), pattern_key(pattern), pattern[-1]) for pattern in wanted if len(pattern) == length} - set(going_on))
        if ending:
            found.append(_ends(matches, places, ending))
        if going_on:
            matches = _advance(matches, actions, going_on)
            matches = stored(matches, stack) if stack is not None else matches
            done = [key for _prefix, key, _action in going_on if _pattern(key) in wanted]
            if done:
                found.append(matches.filter(matches.pattern.isin(done)).select(USER, "pattern").distinct())
    return found[0].union(*found[1:], distinct=True) if len(found) > 1 else found[0]


def rivals(pattern: Sequence[str]) -> list[tuple[str, ...]]:
    """Return the orders a pattern must beat: its last action moved to the front, and its first moved to the end.

    >>> rivals(("a", "b", "c")), rivals(("a", "b"))
    ([('c', 'a', 'b'), ('b', 'c', 'a')], [('b', 'a')])
    """
    pattern = tuple(pattern)
    moved = [(*pattern[-1:], *pattern[:-1]), (*pattern[1:], *pattern[:1])]
    return [other for n, other in enumerate(moved) if other != pattern and other not in moved[:n]]


def order_counts(actions: ir.Table, pairs: Sequence[tuple[tuple[str, ...], tuple[str, ...]]], stack: ExitStack | None = None) -> list[tuple[int, int]]:
    """Return per pair of patterns the users who do the first but not the second, and those who do the second only."""
    sides = [(pattern_key(pair[side]), number, side) for number, pair in enumerate(pairs) for side in (0, 1)]
    mapping = ibis.memtable({"pattern": [s[0] for s in sides], "_pair": [s[1] for s in sides], "_side": [s[2] for s in sides]})
    rows = containing(actions, [pattern for pair in pairs for pattern in pair], stack)
    joined = rows.join(mapping, "pattern")
    per_user = joined.group_by([USER, "_pair"]).aggregate(_this=(joined._side == 0).any(), _other=(joined._side == 1).any())
    counted = per_user.group_by("_pair").aggregate(
        only=(per_user._this & ~per_user._other).sum(), other=(per_user._other & ~per_user._this).sum()
    ).execute()
    found = {int(row["_pair"]): (int(row["only"] or 0), int(row["other"] or 0)) for row in counted.to_dict("records")}
    return [found.get(number, (0, 0)) for number in range(len(pairs))]


def distinctive(actions: ir.Table, patterns: Sequence[tuple[str, ...]], stack: ExitStack | None = None) -> dict[tuple[str, ...], tuple[int, int, float]]:
    """Return the patterns whose order matters (see the module) with their users in this order only, in a rival order only, and q-value."""
    from scipy.stats import binomtest

    pairs = [(pattern, other) for pattern in patterns for other in rivals(pattern)]
    counts = order_counts(actions, pairs, stack) if pairs else []
    worst: dict[tuple[str, ...], tuple[float, int, int]] = {}
    for (pattern, _other), (this, other) in zip(pairs, counts):
        p_value = binomtest(this, this + other, 0.5, alternative="greater").pvalue if this + other else 1.0
        if this < ORDER_RATIO * other:
            p_value = 1.0
        if p_value >= worst.get(pattern, (-1.0, 0, 0))[0]:
            worst[pattern] = (p_value, this, other)
    tested = list(worst)
    return {
        pattern: (worst[pattern][1], worst[pattern][2], q_value)
        for pattern, q_value in zip(tested, adjusted([worst[pattern][0] for pattern in tested]))
        if q_value < ALPHA
    }


def _kept(distinctive: Mapping[tuple[str, ...], Any], users: Mapping[tuple[str, ...], int]) -> list[tuple[str, ...]]:
    """Return one pattern per family: the most common first, a longer one instead when it keeps nearly all its users.

    A pattern gives way to a longer distinctive one that ``COVER`` of its users do;
    of the rest, largest first, one that is inside a kept one or holds one is left out.
    """
    closed = [
        pattern for pattern in distinctive
        if not any(len(other) > len(pattern) and _inside(pattern, other) and users[other] >= COVER * users[pattern] for other in distinctive)
    ]
    kept: list[tuple[str, ...]] = []
    for pattern in sorted(closed, key=lambda pattern: (-users[pattern], -len(pattern), pattern)):
        if not any(_inside(pattern, other) or _inside(other, pattern) for other in kept):
            kept.append(pattern)
    return kept


def _inside(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``short`` is a subsequence of ``long``.

    >>> _inside(("a", "c"), ("a", "b", "c")), _inside(("c", "a"), ("a", "b", "c"))
    (True, False)
    """
    rest = iter(long)
    return all(action in rest for action in short)


def _places(actions: ir.Table) -> ir.Table:
    """Return each user's, session's and action's first and last position (``first``, ``last``)."""
    return actions.group_by([USER, SESSION, EVENT]).aggregate(first=actions[POSITION].min(), last=actions[POSITION].max())


def _firsts(places: ir.Table) -> ir.Table:
    """Return the matches of one-action patterns: each user's, session's and action's first position (of :func:`_places`)."""
    return places.select(USER, SESSION, pattern=places[EVENT], end=places["first"])


def _advance(matches: ir.Table, actions: ir.Table, steps: Sequence[tuple[str, str, str]]) -> ir.Table:
    """Return the matches one action longer: each prefix's match extended by the next action's first later position."""
    table = ibis.memtable({"_prefix": [s[0] for s in steps], "_next": [s[1] for s in steps], "_event": [s[2] for s in steps]})
    wanted = matches.join(table, matches.pattern == table._prefix).select(USER, SESSION, "end", "_next", "_event")
    later = actions.select(_user=actions[USER], _in=actions[SESSION], _event_at=actions[EVENT], _at=actions[POSITION])
    joined = wanted.join(later, [wanted[USER] == later._user, wanted[SESSION] == later._in, wanted._event == later._event_at, later._at > wanted.end])
    return joined.group_by([USER, SESSION, "_next"]).aggregate(end=joined._at.min()).rename(pattern="_next")


def _ends(matches: ir.Table, places: ir.Table, steps: Sequence[tuple[str, str, str]]) -> ir.Table:
    """Return the ``user_id`` and ``pattern`` of the users whose prefix's match is followed by the next action in its session."""
    table = ibis.memtable({"_prefix": [s[0] for s in steps], "_next": [s[1] for s in steps], "_event": [s[2] for s in steps]})
    wanted = matches.join(table, matches.pattern == table._prefix).select(USER, SESSION, "end", "_next", "_event")
    last = places.select(_user=places[USER], _in=places[SESSION], _event_at=places[EVENT], _last=places["last"])
    joined = wanted.join(last, [wanted[USER] == last._user, wanted[SESSION] == last._in, wanted._event == last._event_at, last._last > wanted.end])
    return joined.select(USER, pattern=joined._next).distinct()


def _squeezed(pattern: Sequence[str]) -> tuple[str, ...]:
    """Return the pattern with repeated neighbours once, as sessions count actions."""
    result: list[str] = []
    for action in pattern:
        if not result or result[-1] != action:
            result.append(action)
    return tuple(result)


def pattern_key(pattern: Sequence[str]) -> str:
    """Return the ``pattern`` value :func:`containing` gives a pattern's users: its actions joined by a unit separator."""
    return SEPARATOR.join(pattern)



def _pattern(key: str) -> tuple[str, ...]:
    return tuple(key.split(SEPARATOR))
