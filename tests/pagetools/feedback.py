"""A small feedback file about the Shop map's steps, with a hostile quote, and the number of voices per step by counting."""

from __future__ import annotations

import csv
from pathlib import Path

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> the payment page is awful'
"""A quote that would run script if the page wrote it as HTML."""

ROWS = [
    ("1", "The advert was bright, funny and really lovely", "2026-03-02", "social", "Sees ad"),
    ("2", "Search found the right toy quickly, great filters", "2026-03-03", "app review", "searches"),
    ("3", "Search results were good and helpful", "2026-03-04", "app review", "Searches"),
    ("4", "Payment failed twice, the card form is terrible and slow", "2026-03-05", "support", "pays"),
    ("5", "Terrible card form, payment failed again and again", "2026-03-06", "support", "Pays"),
    ("6", HOSTILE, "2026-03-07", "social", "pays"),
]
"""Each voice: id, text, date, channel and the step it is about (an id or a name)."""


def write_feedback(path: Path) -> Path:
    """Write the rows as CSV at ``path``; return the path."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text", "date", "channel", "step"])
        writer.writerows(ROWS)
    return path


def voices_per_step() -> dict[str, int]:
    """Return how many rows speak about each step, by the step's id (names lower-cased and hyphenated by hand)."""
    counts: dict[str, int] = {}
    for *_fields, step in ROWS:
        key = step.lower().replace(" ", "-")
        counts[key] = counts.get(key, 0) + 1
    return counts
