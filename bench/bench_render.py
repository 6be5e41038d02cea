"""Render a 17-step map (the children's shop example when bundled) to HTML, SVG, XLSX, PDF and PNG.

Target: the first PDF in under 3 s on 2 cores, Chromium start included; later
prints in the same process reuse the warm browser.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from journeymap.errors import JourneymapError
from journeymap.files import example_path, load
from journeymap.model import Journey
from journeymap.render import render

RUNS = 3
TARGET_PDF_SECONDS = 3.0


def seventeen_steps() -> Journey:
    """Return the children's shop example, or a generated map of the same size when it is not bundled."""
    try:
        return load(example_path("childrens-shop"))
    except (JourneymapError, FileNotFoundError):
        pass
    stages = [{"name": f"Stage {s}", "steps": []} for s in range(6)]
    for n in range(17):
        stages[n * 6 // 17]["steps"].append({
            "name": f"Step {n}: the customer does something", "actions": [f"Action {n}", "Another action"],
            "thoughts": ["What is this?"], "emotion": {"actual": (n % 5) - 2, "desired": 2, "label": "Feels"},
            "pains": ["A pain"], "touchpoints": ["Site"], "ideas": ["An idea"], "metrics": {"audience": 10000 - 500 * n, "conversion": 0.8},
        })
    return Journey(title="Seventeen steps", stages=stages)


def timed(journey: Journey, path: Path) -> float:
    start = time.perf_counter()
    render(journey, path)
    return time.perf_counter() - start


def main() -> None:
    """Print the first PDF's time (Chromium start included), then median and best time per format."""
    journey = seventeen_steps()
    print(f"map: {journey.title!r}, {len(journey.steps)} steps, {RUNS} runs each")
    with tempfile.TemporaryDirectory() as folder:
        cold = timed(journey, Path(folder) / "first.pdf")
        verdict = "OK" if cold < TARGET_PDF_SECONDS else "SLOW"
        print(f"pdf, cold (browser start included): {cold:.2f} s  {verdict}, target < {TARGET_PDF_SECONDS:g} s")
        for suffix in ("html", "svg", "xlsx", "pdf", "png"):
            times = [timed(journey, Path(folder) / f"map.{suffix}") for _ in range(RUNS)]
            size = (Path(folder) / f"map.{suffix}").stat().st_size
            print(f"{suffix:5} median {statistics.median(times):6.2f} s  best {min(times):6.2f} s  {size / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
