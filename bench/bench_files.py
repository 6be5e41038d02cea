"""Map files: how long loading, validating and saving a large map takes.

A 40-stage, 200-step map with every lane filled is generated, then loaded and
saved as YAML (comments kept) and JSON.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from journeymap.files import load, save
from journeymap.model import Journey


def big_map(stages: int = 40, steps_per_stage: int = 5) -> Journey:
    """Return a map with every common lane filled on every step."""
    return Journey.model_validate(
        {
            "title": "Benchmark map",
            "personas": [{"name": "Olga"}, {"name": "Ivan"}],
            "stages": [
                {
                    "name": f"Stage {s}",
                    "steps": [
                        {
                            "name": f"Step {s}.{k}",
                            "actions": ["Opens the site", "Reads the card"],
                            "thoughts": ["Is the price right?"],
                            "emotion": {"actual": (s + k) % 5 - 2, "desired": 2},
                            "pains": ["Slow page"],
                            "barriers": ["Long form"] if k == 2 else [],
                            "touchpoints": ["Site", {"name": "Call", "channel": "call", "mode": "offline"}],
                            "metrics": {"audience": 1000 - s, "conversion": "42%", "time_seconds": "3m"},
                            "by_persona": {"olga": {"emotion": {"actual": -1}}},
                        }
                        for k in range(steps_per_stage)
                    ],
                }
                for s in range(stages)
            ],
        }
    )


def timed(action, repeat: int = 10) -> float:
    """Return the best time of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    """Print load and save times for a 200-step map."""
    journey = big_map()
    folder = Path(tempfile.mkdtemp())
    yaml_path, json_path = save(journey, folder / "big.yaml"), save(journey, folder / "big.json")
    rows = [
        ("validate 200 steps (model only)", timed(lambda: Journey.model_validate(journey.model_dump()))),
        ("load YAML", timed(lambda: load(yaml_path))),
        ("save YAML", timed(lambda: save(journey, yaml_path))),
        ("load JSON", timed(lambda: load(json_path))),
        ("save JSON", timed(lambda: save(journey, json_path))),
    ]
    print(f"map: {len(journey.steps)} steps, YAML {yaml_path.stat().st_size // 1024} KiB")
    for name, milliseconds in rows:
        print(f"{name:34} {milliseconds:8.1f} ms")


if __name__ == "__main__":
    main()
