"""Time the analyses on Spark in local mode next to DuckDB, on the same Parquet logs.

    python bench/bench_spark.py                       # 1M and 10M events, Spark local[2]
    python bench/bench_spark.py --events 1000000 --master 'local[4]'

The logs are bench_analytics.py's (generated once into bench/data/). Each
engine runs in its own fresh process: it reads the log (with the bad-row
check), then runs every analysis on it; Spark's session start is timed apart.
The last columns give Spark's time over DuckDB's, and Spark's cost in
core-seconds per million events, which docs/scaling.md turns into cluster
estimates.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_analytics import DATA, FUNNEL, generate  # noqa: E402

ANALYSES = ["read", "funnel", "retention", "paths", "transitions", "aha", "barriers"]
SPARK_CONF = ["spark.sql.shuffle.partitions=8", "spark.driver.memory=6g", "spark.ui.enabled=false"]


def run(analysis: str, log: object) -> object:
    """Run our public function for ``analysis`` on a log already read."""
    from journeymap.analytics import discover, funnel, paths, retention, transitions

    calls = {
        "funnel": lambda: funnel(log, FUNNEL, window="7d"),
        "retention": lambda: retention(log, [1, 7, 30], weekly=False),
        "paths": lambda: paths(log, "view_item", depth=3),
        "transitions": lambda: transitions(log),
        "aha": lambda: discover.aha(log, discover.AhaSettings(retention_day=7, within="1d")),
        "barriers": lambda: discover.barriers(log, FUNNEL, window="7d"),
    }
    return calls[analysis]()


def measure(engine: str, path: Path, master: str) -> dict[str, float]:
    """In this (fresh) process: seconds to connect, to read the log, and for each analysis."""
    from journeymap.analytics import read_events
    from journeymap.analytics.engines import connect_engine

    started = time.perf_counter()
    con = connect_engine(engine, **({"spark_master": master, "spark_conf": SPARK_CONF} if engine == "spark" else {}))
    seconds = {"connect": time.perf_counter() - started}
    started = time.perf_counter()
    log = read_events(str(path), con=con)
    seconds["read"] = time.perf_counter() - started
    for analysis in ANALYSES[1:]:
        started = time.perf_counter()
        run(analysis, log)
        seconds[analysis] = time.perf_counter() - started
    return seconds


def main(argv: list[str] | None = None) -> None:
    """Print one line per size and analysis: DuckDB seconds, Spark seconds, the ratio, Spark core-seconds per 1M events."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="log sizes (default: 1M and 10M)")
    parser.add_argument("--master", default="local[2]", help="Spark master (default: local[2])")
    parser.add_argument("--measure", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else [])
    if options.measure:
        print(json.dumps(measure(options.measure[0], Path(options.measure[1]), options.master)))
        return
    cores = _cores(options.master)
    print(f"{'events':>12} {'analysis':<12} {'DuckDB s':>9} {'Spark s':>9} {'slower':>7} {'Spark core-s/1M':>16}")
    for size in options.events or [1_000_000, 10_000_000]:
        path = DATA / f"events-{size}.parquet"
        if not path.exists():
            generate(size, path)
        figures = {engine: _measured(engine, path, options.master) for engine in ("duckdb", "spark")}
        if not all(figures.values()):
            continue
        duck, spark = figures["duckdb"], figures["spark"]
        for step in ["connect", *ANALYSES]:
            per_million = spark[step] * cores / (size / 1e6) if step != "connect" else None
            cost = f"{per_million:>16.2f}" if per_million is not None else f"{'':>16}"
            print(f"{size:>12,} {step:<12} {duck[step]:>9.2f} {spark[step]:>9.2f} {spark[step] / max(duck[step], 1e-3):>6.1f}x {cost}", flush=True)


def _measured(engine: str, path: Path, master: str) -> dict[str, float] | None:
    done = subprocess.run([sys.executable, __file__, "--master", master, "--measure", engine, str(path)], capture_output=True, text=True)
    if done.returncode:
        reason = next((line for line in reversed(done.stderr.splitlines()) if "Error" in line), "failed")
        print(f"{engine} on {path.name} failed: {reason.strip()[:160]}", flush=True)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cores(master: str) -> int:
    inside = master.partition("[")[2].rstrip("]")
    return int(inside) if inside.isdigit() else 2


if __name__ == "__main__":
    main()
