"""Voice benchmark: 100,000 feedback texts in six languages read, scored, mapped and summed up.

Texts are the bundled sample's, each with a few words of another sample text
appended (so no two rows are alike), written to ``bench/data/voice-100k.csv``.
Target: under 60 s on 2 cores for ``read_feedback`` + ``analyze`` + ``apply``.

    python bench/bench_voice.py [ROWS]
"""

from __future__ import annotations

import csv
import random
import sys
import time
from pathlib import Path

from journeymap.errors import JourneymapError
from journeymap.files import example_path, load
from journeymap.model import Journey
from journeymap.voice import analyze, apply, read_feedback, sample_path

ROWS = 100_000
TARGET_SECONDS = 60.0
HERE = Path(__file__).parent


def journey() -> Journey:
    """Return the children's shop example map (a one-stage stand-in where it is not bundled)."""
    try:
        return load(example_path("childrens-shop"))
    except (JourneymapError, OSError):
        pass
    steps = [{"name": name} for name in ("Finds the product card", "Pays for the order", "Waits for delivery", "Uses the product")]
    return Journey.model_validate({"title": "Shop", "stages": [{"name": "Purchase", "steps": steps}]})


def feedback_file(rows: int) -> Path:
    """Write (once) and return a feedback CSV of ``rows`` varied texts."""
    path = HERE / "data" / f"voice-{rows}.csv"
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with sample_path().open(encoding="utf-8") as handle:
        sample = list(csv.DictReader(handle))
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sample[0]))
        writer.writeheader()
        for number in range(rows):
            row = dict(rng.choice(sample))
            extra = rng.choice(sample)["text"].split()
            row["id"] = f"b{number}"
            row["text"] = f"{row['text']} {' '.join(extra[: rng.randrange(1, 5)])}"
            writer.writerow(row)
    return path


def main() -> None:
    """Time the analysis of the generated feedback and print the figures."""
    rows = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else ROWS
    path = feedback_file(rows)
    shop = journey()
    started, cpu_started = time.perf_counter(), time.process_time()
    feedback = read_feedback(path)
    read_at = time.perf_counter()
    analysis = analyze(shop, feedback, languages=["ru", "uk", "kk", "uz", "lt"])
    analyzed_at = time.perf_counter()
    apply(shop, analysis)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"rows: {len(feedback.voices):,}; read {read_at - started:.1f} s; analyze {analyzed_at - read_at:.1f} s; total {total:.1f} s, CPU {cpu:.1f} s "
          f"({len(feedback.voices) / total:,.0f} texts/s); target < {TARGET_SECONDS:.0f} s: {'OK' if total < TARGET_SECONDS else 'SLOW'}")
    print(f"languages: {dict(analysis.languages.most_common())}; mapped {len(analysis.records) - len(analysis.unmapped):,}, unmapped {len(analysis.unmapped):,}")


if __name__ == "__main__":
    main()
