"""Every command fast: whole processes, ours beside its reference, measured in the same run.

    python bench/bench_commands.py              # median of 5 (3 for the 10M-event analyses)
    python bench/bench_commands.py --runs 3
    python bench/bench_commands.py --quick      # the short commands only, not the 10M-event analyses

Each line runs ``journeymap ...`` as a fresh process (start, imports and all)
and, where there is one, its reference in a fresh process too, alternating
the two so a busy machine slows both alike: for the analyses, one
hand-written DuckDB query doing the same work (bench_analytics.hand_sql) in
its own Python process; for the rest, the target. Wall seconds are medians;
CPU seconds (user + system of the process and of every process it started,
Chromium's included) are printed beside them, as they vary less when other
work shares the machine. The load average is printed
first: compare the ratios, not the seconds, across machines.

Each command runs once untimed first, with bytecode writing allowed (even where
PYTHONDONTWRITEBYTECODE is set), so the timed runs start as an installed package
does: its modules compiled, the files in the OS cache.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import bench_analytics  # noqa: E402  (the log generator and the hand-written queries)

EVENTS = 10_000_000
PR_SET_CHILD_SUBREAPER = 36
JOURNEYMAP = [sys.executable, "-c", "from journeymap.cli import main; main()"]
REFERENCE = (
    "import sys; sys.path.insert(0, {bench!r}); from pathlib import Path; import bench_analytics as b; "
    "sql = b.hand_sql({analysis!r}, Path({path!r})); import duckdb; duckdb.sql(sql).fetchall()"
)


ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
"""The processes' environment: a user's Python caches the bytecode it compiles."""


def adopt_descendants() -> None:
    """Become the parent of the processes our commands leave behind (Linux), so that their CPU time is counted.

    Chromium's renderers outlive the processes that started them; without this their time is lost.
    """
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_descendants() -> None:
    """Wait for every adopted process to end, which adds its CPU time to ``RUSAGE_CHILDREN``."""
    with contextlib.suppress(ChildProcessError):
        while True:
            os.waitpid(-1, 0)


def timed(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return its wall and CPU seconds, its descendants' included (fails loudly on a non-zero exit)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENVIRONMENT)
    wall = time.perf_counter() - started
    reap_descendants()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Run the commands in turn, ``runs`` rounds after an untimed one; return each one's median wall and CPU seconds."""
    for command in commands:
        timed(command)
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for slot, command in zip(times, commands):
            slot.append(timed(command))
    return [(statistics.median(w for w, _ in slot), statistics.median(c for _, c in slot)) for slot in times]


def reference(analysis: str, path: Path) -> list[str]:
    """The hand-written query for ``analysis`` in its own Python process."""
    return [sys.executable, "-c", REFERENCE.format(bench=str(HERE), analysis=analysis, path=str(path))]


def analyses(path: Path) -> list[tuple[str, list[str], str]]:
    """(label, our arguments, the reference analysis) for the four analyses of bench_analytics.

    Each pair does the same work: ``retention --day 7`` prints day 7 alone (a
    table), against the query of day 7 alone; with ``--json`` it also prints the
    weekly cohorts, against the query that also builds them.
    """
    steps = [part for name in bench_analytics.FUNNEL for part in ("--step", name)]
    common = [str(path), "--json", "--quiet"]
    return [
        ("funnel", ["funnel", *common, *steps, "--window", "7d"], "funnel"),
        ("retention --day 7", ["retention", str(path), "--quiet", "--day", "7"], "retention"),
        ("retention --day 7 --json", ["retention", *common, "--day", "7"], "retention-weekly"),
        ("paths", ["paths", *common, "--from", "view_item", "--depth", "3"], "paths"),
        ("transitions", ["transitions", *common], "transitions"),
    ]


def main(argv: list[str] | None = None) -> None:
    """Print one line per command: ours, its reference or target, and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (the 10M-event analyses: at most 3)")
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--quick", action="store_true", help="the short commands only, not the 10M-event analyses")
    options = parser.parse_args(argv if argv is not None else sys.argv[1:] if __name__ == "__main__" else [])
    adopt_descendants()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; medians of {options.runs} runs, wall s (CPU s)")
    print(f"{'command':34} {'ours s':>14} {'reference s':>14} {'ratio':>6}  target")
    from journeymap.files import example_path

    shop = str(example_path("childrens-shop"))
    with tempfile.TemporaryDirectory() as folder:
        quick = [
            ("--help", ["--help"], 0.3),
            ("templates", ["templates"], 0.3),
            ("validate (17 steps)", ["validate", shop], 0.3),
            ("render 17 steps to HTML", ["render", shop, "-o", f"{folder}/shop.html"], 0.5),
            ("render 17 steps to PDF", ["render", shop, "-o", f"{folder}/shop.pdf"], 2.0),
        ]
        for label, args, target in quick:
            runs = min(options.runs, 3) if "PDF" in label else options.runs
            [(wall, cpu)] = medians([JOURNEYMAP + args], runs)
            verdict = "OK" if wall < target else "SLOW"
            print(f"{label:34} {wall:6.2f} ({cpu:5.2f}) {'':>14} {'':>6}  < {target:g} s {verdict}", flush=True)
    if options.quick:
        return
    path = bench_analytics.DATA / f"events-{options.events}.parquet"
    if not path.exists():
        bench_analytics.generate(options.events, path)
    for label, args, analysis in analyses(path):
        (ours, ours_cpu), (theirs, theirs_cpu) = medians([JOURNEYMAP + args, reference(analysis, path)], min(options.runs, 3))
        ratio = ours / theirs
        verdict = "OK" if ratio <= 1.3 else "SLOW"
        print(
            f"{label + f' ({options.events / 1e6:g}M)':34} {ours:6.2f} ({ours_cpu:5.2f}) {theirs:6.2f} ({theirs_cpu:5.2f}) {ratio:6.2f}  <= 1.3x {verdict}",
            flush=True,
        )


if __name__ == "__main__":
    main()
