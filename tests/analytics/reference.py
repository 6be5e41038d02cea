"""Brute-force, pure-Python definitions of every metric, to check the engine against.

Written for clarity, not speed: loops over each user's events, as the
definitions in docs/analytics.md read.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

DAY = timedelta(days=1)


@dataclass(frozen=True)
class Event:
    user: str
    event: str
    ts: datetime
    props: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Step:
    events: tuple[str, ...]
    where: dict[str, Any] = field(default_factory=dict, hash=False)

    def matches(self, event: Event) -> bool:
        return event.event in self.events and all(str(event.props.get(key)) == str(value) for key, value in self.where.items())


def by_user(events: Iterable[Event]) -> dict[str, list[Event]]:
    users: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        users[event.user].append(event)
    return {user: sorted(rows, key=lambda e: e.ts) for user, rows in users.items()}  # stable: ties keep the file's order


def quantile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (what quantile_cont does)."""
    if not values:
        return None
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def funnel_times(events: Iterable[Event], steps: Sequence[Step], window: timedelta, mode: str = "ordered", exclude: Sequence[str] = ()) -> dict[str, list[datetime]]:
    """Per entering user, the times each step was reached (a prefix of the steps)."""
    reached = {}
    for user, rows in by_user(events).items():
        times = _any_order(rows, steps, window) if mode == "any-order" else _strict(rows, steps, window) if mode == "strict" else _ordered(rows, steps, window)
        if times is None:
            continue
        entry = times[0]
        if any(e.event in exclude and entry <= e.ts <= entry + window for e in rows):
            continue
        reached[user] = times
    return reached


def _ordered(rows: list[Event], steps: Sequence[Step], window: timedelta) -> list[datetime] | None:
    firsts = [i for i, e in enumerate(rows) if steps[0].matches(e)]
    if not firsts:
        return None
    position = firsts[0]
    times = [rows[position].ts]
    for step in steps[1:]:
        later = [i for i, e in enumerate(rows) if i > position and step.matches(e) and e.ts <= times[0] + window]
        if not later:
            break
        position = later[0]
        times.append(rows[position].ts)
    return times


def _strict(rows: list[Event], steps: Sequence[Step], window: timedelta) -> list[datetime] | None:
    starts = [i for i, e in enumerate(rows) if steps[0].matches(e)]
    if not starts:
        return None
    position = starts[0]
    times = [rows[position].ts]
    for step in steps[1:]:
        position += 1
        if position >= len(rows) or not step.matches(rows[position]) or rows[position].ts > times[0] + window:
            break
        times.append(rows[position].ts)
    return times


def _any_order(rows: list[Event], steps: Sequence[Step], window: timedelta) -> list[datetime] | None:
    relevant = [e for e in rows if any(step.matches(e) for step in steps)]
    if not relevant:
        return None
    start = min(e.ts for e in relevant)
    inside = [e for e in relevant if e.ts <= start + window]
    times = []
    for step in steps:
        done = [e.ts for e in inside if step.matches(e)]
        if not done:
            break
        times.append(min(done))
    return times or None


EDGES = (float("-inf"), 60, 600, 3600, 86_400, 7 * 86_400, float("inf"))
"""Time to convert: up to a minute, ten minutes, an hour, a day, a week, and longer."""


def funnel(events: Iterable[Event], steps: Sequence[Step], window: timedelta, mode: str = "ordered", exclude: Sequence[str] = ()) -> dict[str, Any]:
    """The funnel's JSON shape, computed by brute force."""
    reached = funnel_times(events, steps, window, mode, exclude)
    entered = sum(1 for times in reached.values() if len(times) >= 1) if mode == "any-order" else len(reached)
    result = []
    previous = entered
    for k in range(len(steps)):
        at = [times for times in reached.values() if len(times) > k]
        users = len(at)
        gaps = [(times[k] - times[k - 1]).total_seconds() for times in at] if k and mode != "any-order" else []
        result.append(
            {
                "users": users,
                "conversion_from_previous": users / previous if previous else None,
                "conversion_from_start": users / entered if entered else None,
                "median_seconds_from_previous": statistics.median(gaps) if gaps else None,
                "p90_seconds_from_previous": quantile(gaps, 0.9),
                "time_to_convert": [sum(low < gap <= high for gap in gaps) for low, high in zip(EDGES, EDGES[1:])] if k and mode != "any-order" else None,
            }
        )
        previous = users
    return {"entered": entered, "steps": result}


def funnel_by(events: Iterable[Event], steps: Sequence[Step], window: timedelta, by: str) -> dict[str, dict[str, Any]]:
    """The funnel per value of property ``by`` at each user's entry event (first event of step 1)."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for rows in by_user(events).values():
        entries = [e for e in rows if steps[0].matches(e)]
        if entries:
            groups[str(entries[0].props.get(by) or "(empty)")].extend(rows)
    return {value: funnel(rows, steps, window) for value, rows in groups.items()}


def retention(
    events: Iterable[Event],
    days: Sequence[int],
    *,
    from_event: str | None = None,
    return_event: str | None = None,
    unbounded: bool = False,
    calendar: bool = False,
    timezone: str = "UTC",
) -> dict[str, Any]:
    zone = ZoneInfo(timezone)

    def local_date(moment: datetime):
        return moment.replace(tzinfo=UTC).astimezone(zone).date()

    users = by_user(events)
    cohort, retained = 0, Counter()
    for rows in users.values():
        starts = [e.ts for e in rows if from_event is None or e.event == from_event]
        if not starts:
            continue
        cohort += 1
        start = min(starts)
        offsets = set()
        for e in rows:
            if return_event is not None and e.event != return_event:
                continue
            offsets.add((local_date(e.ts) - local_date(start)).days if calendar else math.floor((e.ts - start) / DAY))
        for day in days:
            if (any(o >= day for o in offsets) if unbounded else day in offsets):
                retained[day] += 1
    return {"cohort_size": cohort, "retained": {day: retained[day] for day in days}}


def paths(events: Iterable[Event], anchor: str, depth: int, direction: str = "after") -> Counter:
    found: Counter = Counter()
    for rows in by_user(events).values():
        names = [e.event for e in rows]
        if anchor not in names:
            continue
        at = names.index(anchor)
        if direction == "after":
            following = names[at + 1 : at + 1 + depth]
            path = tuple(following) + (("(end)",) if len(following) < depth else ())
            found[(anchor, *path)] += 1
        else:
            preceding = list(reversed(names[max(0, at - depth) : at]))
            path = tuple(preceding) + (("(start)",) if len(preceding) < depth else ())
            found[(*reversed(path), anchor)] += 1
    return found


def transitions(events: Iterable[Event]) -> dict[tuple[str, str], dict[str, Any]]:
    gaps: dict[tuple[str, str], list[float]] = defaultdict(list)
    users: dict[tuple[str, str], set] = defaultdict(set)
    for user, rows in by_user(events).items():
        for a, b in zip(rows, rows[1:]):
            gaps[(a.event, b.event)].append((b.ts - a.ts).total_seconds())
            users[(a.event, b.event)].add(user)
    return {
        edge: {"count": len(values), "users": len(users[edge]), "median_seconds": statistics.median(values), "p90_seconds": quantile(values, 0.9)}
        for edge, values in gaps.items()
    }
