"""Survey scores from ratings: CSAT, NPS, CES and star averages.

- ``stars``: 1..5; reports the mean and CSAT (share of 4 and 5).
- ``csat``: 1..5; CSAT is the share of 4 and 5, as a percentage.
- ``nps``: 0..10; promoters (9-10) minus detractors (0-6), as percentage points.
- ``ces``: 1..7; the mean effort score (lower is easier).

>>> summarize([5, 4, 3, 1], "csat").value
50.0
>>> summarize([10, 9, 8, 3], "nps").value
25.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..published import PUBLISHED

SCALES = ("stars", "csat", "nps", "ces")


@dataclass(frozen=True)
class RatingSummary:
    """The headline score of a set of ratings on one scale."""

    __pydantic_config__ = {**PUBLISHED, "title": "Ratings"}

    scale: str
    value: float
    mean: float
    count: int


def detect_scale(ratings: Sequence[float]) -> str:
    """Return the scale the ratings were given on, from their range.

    >>> detect_scale([1, 5, 4]), detect_scale([0, 10, 7]), detect_scale([2, 6, 7])
    ('stars', 'nps', 'ces')
    """
    low, high = min(ratings), max(ratings)
    if low >= 1 and high <= 5:
        return "stars"
    if low >= 1 and high <= 7:
        return "ces"
    return "nps"


def summarize(ratings: Sequence[float], scale: str | None = None) -> RatingSummary | None:
    """Return the summary of ``ratings`` on ``scale`` (detected when ``None``), or ``None`` if no ratings."""
    if not ratings:
        return None
    scale = scale or detect_scale(ratings)
    if scale not in SCALES:
        raise DataSourceError(_("unknown rating scale '{scale}'; use one of: {scales}").format(scale=scale, scales=", ".join(SCALES)))
    count = len(ratings)
    if scale == "nps":
        promoters = sum(1 for rating in ratings if rating >= 9)
        detractors = sum(1 for rating in ratings if rating <= 6)
        value = (promoters - detractors) / count * 100
    elif scale == "ces":
        value = mean(ratings)
    else:
        value = sum(1 for rating in ratings if rating >= 4) / count * 100
    return RatingSummary(scale, round(value, 2), round(mean(ratings), 3), count)
