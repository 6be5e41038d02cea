"""Time each discovery analysis on generated logs (1M and 10M events), with its CPU time and peak memory.

    python bench/bench_discover.py                       # 1M and 10M events
    python bench/bench_discover.py --events 1000000 --only aha

Logs come from bench_analytics.py's generator (bench/data/, made once and
reused; --data names another folder). Each analysis runs in a fresh process
on the log already read, so its time and peak RSS are its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_analytics import DATA, FUNNEL, generate

ANALYSES = ["aha", "barriers", "abtest", "segments", "clusters", "compare", "discover", "segment", "between", "drivers", "segment_drivers", "aha_by", "retention_by"]
RULES = """
segments:
  - {name: Searcher, rule: {event: search, at_least: 2}}
  - {name: Cart then buy, rule: {sequence: [add_to_cart, purchase], within: 1d}}
  - {name: iOS sharer, rule: {all: [{where: {platform: ios}}, {event: share}]}}
"""
SEQUENCES = """
segments:
  - {name: search then view, rule: {sequence: [search, view_item], session: 30m}}
  - {name: view then cart, rule: {sequence: [view_item, add_to_cart], session: 30m}}
  - {name: cart then buy, rule: {sequence: [add_to_cart, purchase], session: 30m}}
  - {name: checkout then share, rule: {sequence: [checkout, share], session: 30m}}
"""
"""Session-sequence segments, as ``segments --discover`` writes them: ``aha_by`` and ``retention_by`` measure all four."""
SEGMENT = {"sequence": ["search", "view_item"], "session": "30m"}


def ours(analysis: str, log: object) -> object:
    """Run our public function for ``analysis`` on an event log already read."""
    from journeymap.analytics import discover

    if analysis == "aha":
        return discover.aha(log, discover.AhaSettings(retention_day=7, within="1d"))
    if analysis == "barriers":
        return discover.barriers(log, FUNNEL, window="7d")
    if analysis == "abtest":
        return discover.abtest(log, ["view_item", "purchase"], variant_column="platform", window="7d")
    if analysis == "segments":
        return discover.segments(log, discover.parse_rules(RULES), days=[7])
    if analysis == "clusters":
        return discover.clusters(log, k="auto")
    if analysis == "compare":
        return discover.compare(log, FUNNEL, by="platform", window="7d")
    if analysis == "discover":
        return discover.discover_segments(log)
    if analysis == "segment":
        from journeymap.analytics import funnel

        return funnel(discover.in_segment(log, discover.parse_rule(SEGMENT)), FUNNEL, window="7d")
    if analysis == "segment_drivers":
        return discover.drivers(discover.in_segment(log, discover.parse_rule(SEGMENT)), "add_to_cart", "purchase", window="7d")
    if analysis == "aha_by":
        return discover.aha_by_segment(log, discover.parse_rules(SEQUENCES), discover.AhaSettings(retention_day=7, within="1d"))
    if analysis == "retention_by":
        return discover.segments(log, discover.parse_rules(SEQUENCES), days=[1, 7, 30])
    if analysis == "between":
        from journeymap.analytics import paths_between

        return paths_between(log, "add_to_cart", "purchase", window="7d")
    if analysis == "drivers":
        return discover.drivers(log, "add_to_cart", "purchase", window="7d")
    raise ValueError(analysis)


def measure(analysis: str, path: Path) -> dict:
    """In this (fresh) process: read the log, then time the analysis; peak RSS of the process."""

    import journeymap.analytics.discover  # noqa: F401  (scipy and statsmodels load here, outside the timing)
    from journeymap.analytics import read_events

    log = read_events(path)
    started, cpu = time.perf_counter(), _cpu_seconds()
    ours(analysis, log)
    seconds = time.perf_counter() - started
    return {"analysis": analysis, "seconds": seconds, "cpu_seconds": _cpu_seconds() - cpu, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _cpu_seconds() -> float:
    """User and system CPU time of this process so far, every engine thread included (on a loaded machine it varies less than the wall time)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> None:
    """Generate the logs if needed and print one line per size and analysis."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="log sizes (default: 1M and 10M)")
    parser.add_argument("--only", action="append", choices=ANALYSES)
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the generated logs")
    parser.add_argument("--measure", nargs=2, metavar=("ANALYSIS", "PATH"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else [])
    if options.measure:
        print(json.dumps(measure(options.measure[0], Path(options.measure[1]))))
        return
    print(f"{'events':>12} {'analysis':<15} {'seconds':>8} {'CPU s':>8} {'peak RSS MB':>12}")
    for size in options.events or [1_000_000, 10_000_000]:
        path = options.data / f"events-{size}.parquet"
        if not path.exists():
            generate(size, path)
        for analysis in options.only or ANALYSES:
            done = subprocess.run([sys.executable, __file__, "--measure", analysis, str(path)], capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{size:>12,} {analysis:<15} {row['seconds']:>8.2f} {row['cpu_seconds']:>8.2f} {row['peak_rss_mb']:>12.0f}", flush=True)


if __name__ == "__main__":
    main()
