"""A generated log with planted effects, and brute-force references for the discovery analyses.

Planted, so the analyses have known answers and nothing else to find:

- ``bookmark`` in the first day lifts day-7 retention (0.6 against 0.15);
  ``scroll`` is done as often and changes nothing.
- The funnel ``open → browse → cart → form → pay`` converts 0.8, 0.7, 0.25,
  0.8: ``cart → form`` is the one low step.
- Column ``variant``: B reaches ``form`` more often than A (0.4 of cart against 0.25).
- Column ``aa``: a second random split with no effect at all (an A/A test).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from ..reference import Event, by_user

BASE = datetime(2025, 1, 1)
FUNNEL = ["open", "browse", "cart", "form", "pay"]
ONWARD = {"browse": 0.8, "cart": 0.7, "form": 0.25, "pay": 0.8}


def planted_log(users: int = 3000, seed: int = 3) -> list[Event]:
    """Return the events of ``users`` users with the planted effects."""
    rng = random.Random(seed)
    rows: list[Event] = []
    for number in range(users):
        user = f"u{number:05d}"
        props = {"variant": rng.choice("AB"), "aa": rng.choice(["x", "y"])}
        start = BASE + timedelta(days=rng.uniform(0, 30))
        names = ["open"]
        bookmarked = rng.random() < 0.3
        if bookmarked:
            names.append("bookmark")
        if rng.random() < 0.3:
            names.append("scroll")
        for step in FUNNEL[1:]:
            chance = 0.4 if step == "form" and props["variant"] == "B" else ONWARD[step]
            if rng.random() >= chance:
                break
            names.append(step)
        moment = start
        for index, name in enumerate(names):
            moment += timedelta(seconds=30 + rng.uniform(0, 30)) if index else timedelta(0)
            rows.append(Event(user, name, moment, props))
        if rng.random() < (0.6 if bookmarked else 0.15):
            rows.append(Event(user, "open", start + timedelta(days=7, hours=rng.uniform(0, 20)), props))
    return rows


def aha_reference(
    events: Iterable[Event], day: int, within: timedelta, k: int = 1, from_event: str | None = None
) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """Return the cohort, its retained users and per event ``(did at least k times, of them retained)``, by brute force."""
    cohort, retained = 0, 0
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for rows in by_user(events).values():
        starts = [e.ts for e in rows if from_event is None or e.event == from_event]
        if not starts:
            continue
        start = starts[0]
        cohort += 1
        kept = any(timedelta(days=day) <= e.ts - start < timedelta(days=day + 1) for e in rows)
        retained += kept
        early: dict[str, int] = defaultdict(int)
        for e in rows:
            if timedelta(0) <= e.ts - start <= within:
                early[e.event] += 1
        for name, times in early.items():
            if times >= k:
                counts[name][0] += 1
                counts[name][1] += kept
    return cohort, retained, {name: (did, kept) for name, (did, kept) in counts.items()}


BEHAVIOURS = {
    "reader": {"open": 1, "read": 6, "search": 1},
    "navigator": {"open": 1, "route": 4, "map": 3},
    "buyer": {"open": 1, "cart": 2, "pay": 2, "search": 1},
}


def segmented_log(
    users: int = 600, seed: int = 5, behaviours: dict[str, dict[str, int]] = BEHAVIOURS
) -> tuple[list[Event], dict[str, str]]:
    """Return a log of planted behaviours (by default readers, navigators, buyers) and each user's true group."""
    rng = random.Random(seed)
    rows, truth = [], {}
    for number in range(users):
        user, group = f"u{number:04d}", list(behaviours)[number % len(behaviours)]
        truth[user] = group
        moment = BASE + timedelta(days=rng.uniform(0, 20))
        names = [name for name, times in behaviours[group].items() for _ in range(max(1, times + rng.randint(-1, 1)))]
        rng.shuffle(names)
        for name in ["open", *names]:
            moment += timedelta(seconds=rng.uniform(5, 120))
            rows.append(Event(user, name, moment, {}))
    return rows, truth
