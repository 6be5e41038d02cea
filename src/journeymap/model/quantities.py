"""Durations and shares as people write them in a map or on the command line ("1h30m", "35%"), read without the model."""

from __future__ import annotations

import re

_DURATION = re.compile(
    r"^\s*(?:(\d+(?:\.\d+)?)\s*d)?\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s)?\s*$"
)


def parse_duration(value: object) -> object:
    """Return seconds for ``"90s"``, ``"5m"``, ``"1h30m"`` or ``"2d"``; other values unchanged.

    >>> parse_duration("1h30m")
    5400.0
    >>> parse_duration(42)
    42
    """
    if not isinstance(value, str):
        return value
    match = _DURATION.match(value)
    if not match or not any(match.groups()):
        return value
    days, hours, minutes, seconds = (float(part or 0) for part in match.groups())
    return days * 86400 + hours * 3600 + minutes * 60 + seconds


def parse_share(value: object) -> object:
    """Return a fraction for a percentage string like ``"35%"``; other values unchanged.

    >>> parse_share("35%")
    0.35
    """
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return float(value.strip()[:-1]) / 100
        except ValueError:
            return value
    return value
