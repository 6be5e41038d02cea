"""A small event log for binding the Shop map's steps, and a plain-Python funnel to check the measured numbers."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

BINDING = {"sees-ad": "ad_view", "searches": "search", "pays": "purchase"}
"""The event each step of the Shop map is bound to in the tests."""

_START = datetime(2026, 3, 2, 9, 0)
_JOURNEYS = {
    "u1": ["ad_view", "search", "purchase"],
    "u2": ["ad_view", "search", "purchase"],
    "u3": ["ad_view", "search", "purchase"],
    "u4": ["ad_view", "search"],
    "u5": ["ad_view", "search"],
    "u6": ["ad_view", "app_open", "search"],
    "u7": ["ad_view"],
    "u8": ["ad_view", "app_open"],
    "u9": ["search", "ad_view"],
    "u10": ["purchase", "app_open", '"><img src=x onerror=alert(1)>'],
}


def event_rows() -> list[tuple[str, str, datetime]]:
    """Return the log's rows: each user's events an hour apart, users a day apart."""
    return [
        (user, event, _START + timedelta(days=number, hours=hour))
        for number, (user, events) in enumerate(_JOURNEYS.items())
        for hour, event in enumerate(events)
    ]


def write_event_log(path: Path) -> Path:
    """Write the log as CSV at ``path``; return the path."""
    lines = ["user_id,event,timestamp", *(f"{user},{event},{moment.isoformat()}" for user, event, moment in event_rows())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def funnel_users(steps: list[str]) -> list[int]:
    """Return how many users reach each step in order (first entry, each next event after the last one), by brute force."""
    reached = [0] * len(steps)
    for user in {row[0] for row in event_rows()}:
        events = sorted((moment, event) for who, event, moment in event_rows() if who == user)
        index, after = 0, None
        for moment, event in events:
            if index < len(steps) and event == steps[index] and (after is None or moment > after):
                reached[index] += 1
                index, after = index + 1, moment
    return reached


def event_counts() -> dict[str, tuple[int, int]]:
    """Return each event's row count and number of users."""
    counts: dict[str, tuple[int, int]] = {}
    for event in {row[1] for row in event_rows()}:
        rows = [row for row in event_rows() if row[1] == event]
        counts[event] = (len(rows), len({row[0] for row in rows}))
    return counts
