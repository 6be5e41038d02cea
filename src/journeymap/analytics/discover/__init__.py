"""Discover: aha moments, barriers and A/B tests on event logs, with their statistics.

Each analysis counts in the engine (Ibis expressions) and tests the counts
with scipy and statsmodels (:mod:`.stats`); each returns a result object with
``to_dict()``, ``to_pandas()`` and ``to_arrow()``.

>>> from journeymap.analytics import sample_path
>>> from journeymap.analytics.discover import aha
>>> aha(sample_path(), within="1d").candidates[0].event
'add_to_favorites'
"""

from .abtest import ABTest, Arm, Comparison, abtest, arm_counts, date_range
from .aha import Aha, Candidate, aha, aha_counts
from .barriers import Barriers, Pair, barriers, journey_barriers, mark_barriers
from .compare import SegmentComparison, StepTest, compare
from .segments import Rule, Segment, Segments, parse_rule, parse_rules, read_rules, segments
from .stats import Table2x2, adjusted, phi_reading, sample_size, two_proportions, wilson

__all__ = [
    "ABTest",
    "Aha",
    "Arm",
    "Barriers",
    "Candidate",
    "Comparison",
    "Pair",
    "Rule",
    "Segment",
    "SegmentComparison",
    "Segments",
    "StepTest",
    "Table2x2",
    "abtest",
    "adjusted",
    "aha",
    "aha_counts",
    "arm_counts",
    "barriers",
    "compare",
    "date_range",
    "journey_barriers",
    "mark_barriers",
    "parse_rule",
    "parse_rules",
    "phi_reading",
    "read_rules",
    "sample_size",
    "segments",
    "two_proportions",
    "wilson",
]
