"""Time each discovery analysis on generated logs (1M and 10M events), with its CPU time and peak memory.

    python bench/bench_discover.py                       # 1M and 10M events
    python bench/bench_discover.py --events 1000000 --only aha
    python bench/bench_discover.py --events 10000000 --only none --commands

Logs come from bench_analytics.py's generator (bench/data/, made once and
reused; --data names another folder). Each analysis runs in a fresh process
on the log already read, so its time and peak RSS are its own.

With --commands (the default for the largest log), the commands with
``--segment`` run whole, as a user runs them (start, imports, reading the log):
``segments --discover -o`` first (it saves each segment's users beside the
file), then each command with ``--segment`` of a discovered session segment,
reading the saved users; the funnel once more without them (found in the log).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
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
JOURNEYMAP = [sys.executable, "-c", "from journeymap.cli import main; main()"]
COMMANDS = {
    "funnel": ["funnel", *(part for name in FUNNEL for part in ("-s", name)), "--window", "7d"],
    "retention": ["retention", "--day", "7"],
    "paths --to": ["paths", "--to", "purchase"],
    "transitions": ["transitions"],
    "paths --between": ["paths", "--between", "add_to_cart", "purchase", "--window", "7d"],
    "drivers": ["drivers", "-s", "add_to_cart", "-s", "purchase", "--window", "7d"],
    "aha": ["aha", "--within", "1d"],
}
"""The commands timed whole with ``--segment`` (``--commands``)."""


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


def whole(args: list[str]) -> tuple[float, float, float]:
    """Run ``journeymap ARGS`` as a fresh process; return its wall seconds, CPU seconds and peak RSS in MB (fails loudly)."""
    started = time.perf_counter()
    process = subprocess.Popen(JOURNEYMAP + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status:
        raise RuntimeError(f"journeymap {' '.join(args)}: {process.stderr.read().decode() if process.stderr else status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def segment_commands(path: Path) -> None:
    """Print one line per command with ``--segment``, run whole (see the module)."""
    from journeymap.analytics.discover import members_path, read_rules

    with tempfile.TemporaryDirectory() as folder:
        rules = Path(folder) / "segments.yaml"
        print(f"{'whole command (--segment)':<36} {'seconds':>8} {'CPU s':>8} {'peak RSS MB':>12}  load {os.getloadavg()[0]:.1f}")
        _print_whole("segments --discover -o", whole(["segments", str(path), "--discover", "-o", str(rules), "-q"]))
        named = read_rules(rules)
        name = next((name for name, rule in named.items() if [step.name for step in rule.steps] == SEGMENT["sequence"]), next(iter(named)))
        chosen = ["--segments", str(rules), "--segment", name, "--json", "-q"]
        for label, args in COMMANDS.items():
            _print_whole(label, whole([args[0], str(path), *args[1:], *chosen]))
        shutil.move(members_path(rules), Path(folder) / "aside.parquet")
        _print_whole("funnel (users found in the log)", whole([COMMANDS["funnel"][0], str(path), *COMMANDS["funnel"][1:], *chosen]))


def _print_whole(label: str, row: tuple[float, float, float]) -> None:
    print(f"{label:<36} {row[0]:>8.2f} {row[1]:>8.2f} {row[2]:>12.0f}  load {os.getloadavg()[0]:.1f}", flush=True)


def _cpu_seconds() -> float:
    """User and system CPU time of this process so far, every engine thread included (on a loaded machine it varies less than the wall time)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> None:
    """Generate the logs if needed and print one line per size and analysis."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="log sizes (default: 1M and 10M)")
    parser.add_argument("--only", action="append", choices=[*ANALYSES, "none"], help="the analyses to time (none: only --commands)")
    parser.add_argument("--commands", action="store_true", help="also time the commands with --segment whole (default: on the largest log)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the generated logs")
    parser.add_argument("--measure", nargs=2, metavar=("ANALYSIS", "PATH"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else [])
    if options.measure:
        print(json.dumps(measure(options.measure[0], Path(options.measure[1]))))
        return
    print(f"{'events':>12} {'analysis':<15} {'seconds':>8} {'CPU s':>8} {'peak RSS MB':>12}")
    sizes = options.events or [1_000_000, 10_000_000]
    for size in sizes:
        path = options.data / f"events-{size}.parquet"
        if not path.exists():
            generate(size, path)
        for analysis in [name for name in options.only or ANALYSES if name != "none"]:
            done = subprocess.run([sys.executable, __file__, "--measure", analysis, str(path)], capture_output=True, text=True, check=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{size:>12,} {analysis:<15} {row['seconds']:>8.2f} {row['cpu_seconds']:>8.2f} {row['peak_rss_mb']:>12.0f}", flush=True)
    if options.commands or not options.only:
        segment_commands(options.data / f"events-{max(sizes)}.parquet")


if __name__ == "__main__":
    main()
