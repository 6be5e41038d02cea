"""A mutation fuzzer over the bundled example maps and over feedback files: every run ends in exit 0 or 2 with one line.

A few cases run in the normal test run; ``make fuzz`` runs many more (``JOURNEYMAP_FUZZ_CASES``).
Each case runs the real CLI in a subprocess under a time and memory budget.
"""

from __future__ import annotations

import gzip
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.files import example_path

CASES = int(os.environ.get("JOURNEYMAP_FUZZ_CASES", "3"))
SECONDS = 60
"""Wall time of one CLI run: about 10 s on an idle machine; the margin is for a loaded test machine."""
MEMORY_MB = 600
"""Peak memory of one CLI run (the CLI itself takes about 260 MB with its libraries)."""

EXAMPLES = sorted(Path(example_path("childrens-shop")).parent.glob("*.yaml"))
HOSTILE = [
    "title: bomb\na0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10)),
    "title: !!float x\n",
    "title: t\nemotion: !!omap [a: 1]\n",
    "title: t\nstages: " + "[" * 900 + "]" * 900 + "\n",
    'title: "shop \\ud83d"\n',
    "title: !!python/object/apply:os.system [ls]\n",
]


def mutate(text: str, rng: random.Random) -> str:
    """Return ``text`` with a few random edits: a hostile snippet, a cut, a duplicated or swapped line, odd bytes."""
    lines = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(6)
        where = rng.randrange(len(lines) + 1)
        if kind == 0:
            lines.insert(where, rng.choice(HOSTILE).split("\n", 1)[-1])
        elif kind == 1 and lines:
            lines = lines[: rng.randrange(len(lines))] or lines[:1]
        elif kind == 2 and lines:
            lines.insert(where, rng.choice(lines))
        elif kind == 3 and len(lines) > 1:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
        elif kind == 4:
            lines.insert(where, rng.choice(["  - [", "{", ": :", "\t", "&x *x\n", "*nowhere\n", "<<: *a0\n", "'\n", "!!binary x\n"]))
        else:
            lines.insert(where, "".join(rng.choice("[]{}:-&*!|>'\"#\n \\u") for _ in range(rng.randint(1, 20))))
    return "".join(lines)


MEASURED = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run([sys.executable, '-c', 'from journeymap.cli import main; main()', *sys.argv[1:]], stderr=subprocess.STDOUT).returncode\n"
    "print(f'peak-kb {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', flush=True)\n"
    "sys.exit(code)\n"
)
"""Runs the CLI from a small process: a child forked from the big test worker would start with the worker's peak memory (Linux keeps it across exec)."""


def run_cli(*args: str) -> tuple[int, str, int]:
    """Run the CLI under the budget; return its exit code, its output and its peak memory in MB."""
    command = [sys.executable, "-c", MEASURED, *args]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "200"}, timeout=SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{args}: over {SECONDS} s")
    output, _, peak = done.stdout.decode("utf-8", "replace").rpartition("peak-kb ")
    return done.returncode, output, int(peak) // 1024


def assert_clean(code: int, output: str, peak: int, case: Path) -> None:
    assert code in (0, 2), f"{case}: exit {code}\n{output[-2000:]}"
    assert "Traceback" not in output, f"{case}:\n{output[-2000:]}"
    if code == 2:
        assert len([line for line in output.splitlines() if line.strip()]) <= 12, f"{case}: not a short answer\n{output[:2000]}"
    assert peak < MEMORY_MB, f"{case}: {peak} MB"


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(CASES))
def test_mutated_maps_validate_and_render_cleanly(seed: int, tmp_path: Path):
    rng = random.Random(seed)
    case = tmp_path / f"case-{seed}.yaml"
    case.write_text(mutate(rng.choice(EXAMPLES).read_text(encoding="utf-8"), rng), encoding="utf-8", errors="surrogatepass")
    assert_clean(*run_cli("validate", str(case)), case)
    code, output, peak = run_cli("render", str(case), "-o", str(tmp_path / "out.html"))
    assert_clean(code, output, peak, case)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(max(1, CASES // 3)))
def test_hostile_feedback_files_are_read_cleanly(seed: int, tmp_path: Path):
    rng = random.Random(1000 + seed)
    case = tmp_path / "feedback.csv.gz"
    with gzip.open(case, "wb") as out:
        out.write(b"text,rating\n")
        row = rng.choice([b"Great shop,5\n", b"\x00" * 64, b'"' * 100, b"x" * 1000 + b",1\n"])
        for _ in range(rng.choice([10, 50_000])):
            out.write(row * 20)
    assert_clean(*run_cli("voice", "inspect", str(case)), case)
