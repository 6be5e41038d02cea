"""Discover: aha moments, segments, clusters and personas, barriers, A/B tests and comparisons, with their statistics.

Each analysis counts in the engine (Ibis expressions) and tests the counts
with scipy and statsmodels (:mod:`.stats`); each returns a result object with
``to_dict()``, ``to_pandas()`` and ``to_arrow()``.

>>> from journeymap.analytics import sample_path
>>> from journeymap.analytics.discover import AhaSettings, aha
>>> aha(sample_path(), AhaSettings(within="1d")).candidates[0].event
'add_to_favorites'
"""

from typing import TYPE_CHECKING

from ... import lazy

if TYPE_CHECKING:
    from .abtest import ABTest, Arm, Comparison, abtest, arm_counts, date_range
    from .aha import Aha, AhaSettings, Candidate, aha, aha_by_segment, aha_counts, mark_aha
    from .barriers import Barriers, Pair, barriers, journey_barriers, mark_barriers
    from .clusters import Cluster, Clusters, clusters, feature_matrix, top_bigrams, top_events, user_features
    from .compare import SegmentComparison, StepTest, compare
    from .drivers import Driver, Drivers, drivers
    from .naming import Profile, cluster_name, cluster_names, humanised, segment_name, step_names
    from .personas import persona_of, with_personas
    from .saved import SavedUsers, log_key, members_path, save_members, saved_users, segment_members
    from .segments import Rule, Segment, Segments, in_segment, memberships, parse_rule, parse_rules, read_rules, segment_users, segments
    from .sequences import (
        PatternShare,
        SequenceSegment,
        SequenceSegments,
        check_pattern,
        discover_segments,
        parse_pattern,
    )
    from .stats import Table2x2, adjusted, phi_reading, phi_words, sample_size, two_proportions, wilson

lazy.export_lazily(__name__)

__all__ = [
    "ABTest",
    "Aha",
    "AhaSettings",
    "Arm",
    "Barriers",
    "Candidate",
    "Cluster",
    "Clusters",
    "Comparison",
    "Driver",
    "Drivers",
    "Pair",
    "PatternShare",
    "Profile",
    "Rule",
    "SavedUsers",
    "Segment",
    "SegmentComparison",
    "Segments",
    "SequenceSegment",
    "SequenceSegments",
    "StepTest",
    "Table2x2",
    "abtest",
    "adjusted",
    "aha",
    "aha_by_segment",
    "aha_counts",
    "arm_counts",
    "barriers",
    "check_pattern",
    "cluster_name",
    "cluster_names",
    "clusters",
    "compare",
    "date_range",
    "discover_segments",
    "drivers",
    "feature_matrix",
    "humanised",
    "in_segment",
    "journey_barriers",
    "log_key",
    "mark_aha",
    "mark_barriers",
    "members_path",
    "memberships",
    "parse_pattern",
    "parse_rule",
    "parse_rules",
    "persona_of",
    "phi_reading",
    "phi_words",
    "read_rules",
    "sample_size",
    "save_members",
    "saved_users",
    "segment_members",
    "segment_name",
    "segment_users",
    "segments",
    "step_names",
    "top_bigrams",
    "top_events",
    "two_proportions",
    "user_features",
    "wilson",
    "with_personas",
]
