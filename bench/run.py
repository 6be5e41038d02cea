"""Run every benchmark in bench/ (files named bench_*.py) and print their figures.

Each benchmark module has a ``main()`` that prints its own results table.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    """Run the benchmarks named on the command line, or all of them."""
    wanted = set(sys.argv[1:])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and path.stem.removeprefix("bench_") not in wanted:
            continue
        print(f"\n== {path.stem} ==", flush=True)
        sys.argv = [str(path)]
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.main()


if __name__ == "__main__":
    main()
