"""Write pm4py's directly-follows graph of an XES log as JSON: the reference our transitions are tested against.

Run once with pm4py installed in a separate virtual environment (pm4py is not
a dependency of journeymap):

    python -m venv /tmp/pm4py && /tmp/pm4py/bin/pip install pm4py
    /tmp/pm4py/bin/python scripts/pm4py_dfg.py /work/shared/data/events/pm4py/bpic2012.xes.gz \\
        tests/analytics/fixtures/vendors/bpic2012-dfg.json
"""

from __future__ import annotations

import json
import sys

import pm4py


def main(log_path: str, output: str) -> None:
    log = pm4py.read_xes(log_path)
    dfg, starts, ends = pm4py.discover_dfg(log)
    edges = sorted(([source, target, count] for (source, target), count in dfg.items()), key=lambda edge: (-edge[2], edge[0], edge[1]))
    with open(output, "w", encoding="utf-8") as stream:
        json.dump({"source": log_path.rsplit("/", 1)[-1], "pm4py": pm4py.__version__, "events": len(log), "cases": int(log["case:concept:name"].nunique()), "edges": edges}, stream, indent=0)
        stream.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
