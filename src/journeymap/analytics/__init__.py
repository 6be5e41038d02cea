"""Event logs bound to the map: sources, funnels, retention, paths, transitions, analyze.

Every analysis takes a path, an :class:`EventLog` or an Ibis table, runs as
Ibis expressions (DuckDB in-process by default; Spark or any Ibis backend
through :func:`connect_engine`) and returns a result object
with ``to_dict()``, ``to_pandas()`` and ``to_arrow()``.

>>> from journeymap.analytics import retention, sample_path
>>> retention(sample_path(), days=[1]).cohort_size
3000
"""

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .between import PathsBetween, paths_between
    from .bind import analyze
    from .chart_files import CHART_SUFFIXES, chart_path, write_chart, write_html
    from .charts import (
        cohort_heatmap,
        funnel_chart,
        retention_band,
        retention_chart,
        retention_curve_days,
        retention_curves_chart,
        sankey_chart,
        transitions_chart,
    )
    from .engines import connect_engine
    from .funnel import TIME_BUCKETS, funnel, funnel_expr, funnel_stages, window_seconds
    from .intervals import INTERVALS, PeriodRetention, funnel_by_interval, retention_by_interval, with_period
    from .matching import StepSpec
    from .paths import paths, paths_expr
    from .results import Funnel, FunnelStep, Paths, Result, Retention, Summary, Transitions
    from .retention import retention, retention_expr
    from .sample import generate as generate_sample, sample_path, write_sample
    from .sources import BadRows, Columns, EventLog, connect, read_events
    from .summary import inspect_events
    from .transitions import transitions, transitions_expr
    from .transitions_graph import transitions_graph
    from .where import Condition, filtered, parse_condition

lazy.export_lazily(__name__)

__all__ = [
    "BadRows",
    "CHART_SUFFIXES",
    "Columns",
    "Condition",
    "EventLog",
    "Funnel",
    "FunnelStep",
    "INTERVALS",
    "Paths",
    "PathsBetween",
    "PeriodRetention",
    "Result",
    "Retention",
    "StepSpec",
    "Summary",
    "TIME_BUCKETS",
    "Transitions",
    "analyze",
    "chart_path",
    "cohort_heatmap",
    "connect",
    "connect_engine",
    "filtered",
    "funnel",
    "funnel_by_interval",
    "funnel_chart",
    "funnel_expr",
    "funnel_stages",
    "generate_sample",
    "inspect_events",
    "parse_condition",
    "paths",
    "paths_between",
    "paths_expr",
    "read_events",
    "retention",
    "retention_band",
    "retention_by_interval",
    "retention_chart",
    "retention_curve_days",
    "retention_curves_chart",
    "retention_expr",
    "sample_path",
    "sankey_chart",
    "transitions",
    "transitions_chart",
    "transitions_expr",
    "transitions_graph",
    "window_seconds",
    "with_period",
    "write_chart",
    "write_html",
    "write_sample",
]
