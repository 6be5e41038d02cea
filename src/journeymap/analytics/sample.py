"""The bundled sample event log: a city-guide app, generated here with planted effects.

Events: ``app_open`` (starts every session), ``search``, ``view_item`` (a
place card), ``add_to_favorites``, ``share``, ``purchase`` (a ticket or tour)
and ``push_open`` (a session started from a push). Properties: ``platform``
(ios, android), ``city`` and ``channel`` (organic, ads, referral).

Planted effects, so analyses have known answers:

- Android users buy half as often after viewing a place (a checkout bug).
- Users who add a place to favourites in their first session come back far
  more often (the aha moment); users who search come back more too.
- Users from referrals share more.

The generator is deterministic: the same ``users`` and ``seed`` give the same log.

>>> table = generate(users=50, seed=1)
>>> table.column_names
['user_id', 'event', 'timestamp', 'platform', 'city', 'channel']
>>> generate(users=50, seed=1).equals(table)
True
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..files import write_atomically

SAMPLE_NAME = "city-guide-events.parquet"
START = datetime(2025, 9, 1)
WEEKS = 8
EVENT_NAMES = ("app_open", "search", "view_item", "add_to_favorites", "share", "purchase", "push_open")
CITIES = ("Vilnius", "Almaty", "Tashkent", "Kyiv", "Kazan")

_NEXT = {
    "app_open": {"search": 0.5, "view_item": 0.35},
    "push_open": {"view_item": 0.6, "search": 0.2},
    "search": {"view_item": 0.7, "search": 0.1},
    "view_item": {"view_item": 0.3, "add_to_favorites": 0.15, "purchase": 0.12, "share": 0.04, "search": 0.1},
    "add_to_favorites": {"view_item": 0.4, "share": 0.1, "purchase": 0.15},
    "share": {"view_item": 0.2},
    "purchase": {"share": 0.15, "view_item": 0.1},
}


def sample_path() -> Path:
    """Return the path of the bundled sample log (Parquet).

    >>> sample_path().name
    'city-guide-events.parquet'
    """
    return Path(str(resources.files("journeymap.analytics") / "samples" / SAMPLE_NAME))


def generate(*, users: int = 3000, seed: int = 7) -> pa.Table:
    """Return a sample log of ``users`` users as an Arrow table, sorted by user and time."""
    rng = random.Random(seed)
    columns: dict[str, list] = {name: [] for name in ("user_id", "event", "timestamp", "platform", "city", "channel")}
    for number in range(1, users + 1):
        _user(rng, f"u{number:05d}", columns)
    schema = pa.schema(
        [
            ("user_id", pa.string()),
            ("event", pa.string()),
            ("timestamp", pa.timestamp("us")),
            ("platform", pa.string()),
            ("city", pa.string()),
            ("channel", pa.string()),
        ]
    )
    return pa.Table.from_pydict(columns, schema=schema)


def write_sample(path: str | Path, *, users: int = 3000, seed: int = 7) -> Path:
    """Write a generated log to ``path`` (Parquet, or CSV when the name ends in .csv), atomically."""
    path = Path(path)
    table = generate(users=users, seed=seed)
    sink = pa.BufferOutputStream()
    if path.suffix == ".csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, sink)
    else:
        pq.write_table(table, sink, compression="zstd")
    write_atomically(path, sink.getvalue().to_pybytes())
    return path


def _user(rng: random.Random, user: str, columns: dict[str, list]) -> None:
    platform = rng.choices(("ios", "android"), (0.45, 0.55))[0]
    city = rng.choice(CITIES)
    channel = rng.choices(("organic", "ads", "referral"), (0.5, 0.35, 0.15))[0]
    end = START + timedelta(weeks=WEEKS)
    moment = START + timedelta(days=rng.uniform(0, WEEKS * 7 - 7), hours=rng.gauss(0, 3))
    first_session, favorited, searched = True, False, False
    while moment < end:
        opener = "app_open" if first_session or rng.random() > 0.2 else "push_open"
        session = _session(rng, opener, platform, channel)
        for event in session:
            for name, value in (("user_id", user), ("event", event), ("timestamp", moment.replace(microsecond=0)), ("platform", platform), ("city", city), ("channel", channel)):
                columns[name].append(value)
            moment += timedelta(seconds=max(1.0, rng.expovariate(1 / 40)))
        favorited |= first_session and "add_to_favorites" in session
        searched |= "search" in session
        first_session = False
        comes_back = 0.3 + (0.45 if favorited else 0.0) + (0.1 if searched else 0.0)
        if rng.random() > comes_back:
            break
        moment += timedelta(days=rng.expovariate(1 / 3), hours=rng.uniform(1, 6))


def _session(rng: random.Random, opener: str, platform: str, channel: str) -> list[str]:
    events = [opener]
    while len(events) < 40:
        choices = dict(_NEXT[events[-1]])
        if "purchase" in choices and platform == "android":
            choices["purchase"] /= 2
        if "share" in choices and channel == "referral":
            choices["share"] *= 3
        pick, total = rng.random(), 0.0
        for name, chance in choices.items():
            total += chance
            if pick < total:
                events.append(name)
                break
        else:
            return events
    return events
