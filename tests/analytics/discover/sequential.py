"""A log with planted sequential segments, a null log, and a brute-force reference for sequence counts.

Planted: every user has a few sessions of background actions in random order
(``look``, ``tap``, ``scroll``, ``wait``); each planted
segment is an exact share of the users (drawn independently, so segments
overlap) who do its actions in order, as one block at a random place in one
session. Nothing else is ordered, so nothing else is a segment.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from ..reference import Event, by_user

BASE = datetime(2025, 3, 1)
NOISE = ["open", "look", "tap", "scroll", "wait"]
PLANTED = {("read", "share"): 0.40, ("search", "view", "buy"): 0.25, ("map", "route", "go", "rate"): 0.12}
GAP = timedelta(minutes=30)


def sequential_log(users: int = 2000, seed: int = 5, planted: dict[tuple[str, ...], float] | None = None) -> list[Event]:
    """Return the events of ``users`` users: background sessions, and ``planted`` sequences for exact shares of them."""
    rng = random.Random(seed)
    plants = PLANTED if planted is None else planted
    names = [f"u{number:05d}" for number in range(users)]
    doers = {sequence: set(rng.sample(names, round(share * users))) for sequence, share in plants.items()}
    rows: list[Event] = []
    for name in names:
        sessions = [rng.choices(NOISE, k=rng.randint(3, 7)) for _ in range(rng.randint(1, 3))]
        for sequence, users_of in doers.items():
            if name in users_of:
                session = rng.choice(sessions)
                at = rng.randint(1, len(session))
                session[at:at] = list(sequence)
        start = BASE + timedelta(days=rng.uniform(0, 20))
        for number, session in enumerate(sessions):
            moment = start + timedelta(days=number)
            for action in session:
                rows.append(Event(name, action, moment))
                moment += timedelta(seconds=rng.randint(5, 120))
    return rows


def null_log(users: int = 2000, seed: int = 6) -> list[Event]:
    """Return a log of the same background with nothing planted: no order means anything."""
    rng = random.Random(seed)
    rows = []
    for number in range(users):
        moment = BASE + timedelta(days=rng.uniform(0, 20))
        for _ in range(rng.randint(1, 3)):
            for action in rng.choices([*NOISE, "read", "share"], k=rng.randint(3, 8)):
                rows.append(Event(f"u{number:05d}", action, moment))
                moment += timedelta(seconds=rng.randint(5, 120))
            moment += timedelta(days=1)
    return rows


def sessions_of(events: Iterable[Event], gap: timedelta = GAP) -> dict[str, list[list[str]]]:
    """Return each user's sessions as lists of actions, a repeated action once per run (events in time order, ties in list order)."""
    found = {}
    for user, rows in by_user(events).items():
        ordered = sorted(enumerate(rows), key=lambda pair: (pair[1].ts, pair[0]))
        cut: list[list[str]] = []
        before = None
        for _index, event in ordered:
            if before is None or event.ts - before > gap:
                cut.append([])
            if not cut[-1] or cut[-1][-1] != event.event:
                cut[-1].append(event.event)
            before = event.ts
        found[user] = cut
    return found


def contains(session: Sequence[str], pattern: Sequence[str]) -> bool:
    """Whether the session has the pattern's actions in order, others between allowed."""
    rest = iter(session)
    return all(action in rest for action in pattern)


def users_doing(events: Iterable[Event], pattern: Sequence[str], gap: timedelta = GAP) -> int:
    """Return the users with a session containing ``pattern``, by brute force."""
    return sum(any(contains(session, pattern) for session in cut) for cut in sessions_of(events, gap).values())
