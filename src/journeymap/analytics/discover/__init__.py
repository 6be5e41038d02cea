"""Discover: aha moments, segments, clusters and personas, barriers, A/B tests and comparisons, with their statistics.

Each analysis counts in the engine (Ibis expressions) and tests the counts
with scipy and statsmodels (:mod:`.stats`); each returns a result object with
``to_dict()``, ``to_pandas()`` and ``to_arrow()``.

>>> from journeymap.analytics import sample_path
>>> from journeymap.analytics.discover import aha
>>> aha(sample_path(), within="1d").candidates[0].event
'add_to_favorites'
"""

from ... import lazy

lazy.export_lazily(
    __name__,
    {
        ".abtest": ["ABTest", "Arm", "Comparison", "abtest", "arm_counts", "date_range"],
        ".aha": ["Aha", "Candidate", "aha", "aha_counts", "mark_aha"],
        ".barriers": ["Barriers", "Pair", "barriers", "journey_barriers", "mark_barriers"],
        ".clusters": ["Cluster", "Clusters", "clusters", "feature_matrix", "top_bigrams", "top_events", "user_features"],
        ".compare": ["SegmentComparison", "StepTest", "compare"],
        ".personas": ["persona_of", "with_personas"],
        ".segments": ["Rule", "Segment", "Segments", "parse_rule", "parse_rules", "read_rules", "segments"],
        ".stats": ["Table2x2", "adjusted", "phi_reading", "phi_words", "sample_size", "two_proportions", "wilson"],
    },
)

__all__ = [
    "ABTest",
    "Aha",
    "Arm",
    "Barriers",
    "Candidate",
    "Cluster",
    "Clusters",
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
    "clusters",
    "compare",
    "date_range",
    "feature_matrix",
    "journey_barriers",
    "mark_aha",
    "mark_barriers",
    "parse_rule",
    "parse_rules",
    "persona_of",
    "phi_reading",
    "phi_words",
    "read_rules",
    "sample_size",
    "segments",
    "top_bigrams",
    "top_events",
    "two_proportions",
    "user_features",
    "wilson",
    "with_personas",
]
