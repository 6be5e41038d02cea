"""Voice benchmark: 100,000 feedback texts in six languages read, scored, mapped and summed up; 20 interviews drafted.

Texts are the bundled sample's, each with a few words of another sample text
appended (so no two rows are alike and many mix two languages), written to
``bench/data/voice-100000.csv``. Interviews are 20 files of about 3,000 words,
an interviewer's question before each few answers, the answers drawn from the
same sample (each with a few words of another, so no two are alike), written
to ``bench/data/interviews-20x3000-v2/``.

Three lines:

- in process: ``read_feedback`` + ``analyze`` + ``apply``, wall and CPU seconds;
- ``journeymap voice analyze FILE --map shop -o out.yaml`` as a fresh process
  (start, imports, model loading, writing the map): wall, CPU (user + system)
  and peak RSS. Targets: under 60 s and under 2 GB;
- ``journeymap draft interviews/ -o draft.yaml`` as a fresh process: wall, CPU
  and peak RSS. Target: under 20 s.

The load average is printed first: on a shared machine compare CPU seconds.

    python bench/bench_voice.py [ROWS]
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from journeymap.errors import JourneymapError
from journeymap.files import example_path, load, save
from journeymap.model import Journey
from journeymap.voice import analyze, apply, read_feedback, sample_path

ROWS = 100_000
TARGET_SECONDS = 60.0
TARGET_RSS_GB = 2.0
INTERVIEWS, INTERVIEW_WORDS = 20, 3_000
DRAFT_TARGET_SECONDS = 20.0
LANGUAGES = "ru,uk,kk,uz,lt"
HERE = Path(__file__).parent
PEAK = (
    "import atexit, sys; from pathlib import Path; status = Path(sys.argv.pop(1)); "
    "atexit.register(lambda: status.write_text(Path('/proc/self/status').read_text())); "
    "from journeymap.cli import main; main()"
)
"""``journeymap`` that writes its /proc/self/status (VmHWM: its own peak RSS) to the file named first, as it exits."""


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


def interview_folder(count: int = INTERVIEWS, words: int = INTERVIEW_WORDS) -> Path:
    """Write (once) and return a folder of ``count`` interviews of about ``words`` words each."""
    folder = HERE / "data" / f"interviews-{count}x{words}-v2"
    if folder.is_dir() and len(list(folder.glob("*.txt"))) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with sample_path().open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    rng = random.Random(11)
    for number in range(count):
        lines, written = [], 0
        while written < words:
            lines.append("Q: And what happened next?")
            for text in rng.sample(texts, rng.randrange(1, 4)):
                extra = rng.choice(texts).split()[: rng.randrange(2, 6)]  # so no two answers are alike
                answer = f"{text.rstrip('.!?… ')} {' '.join(extra)}."
                lines.append(f"A: {answer}")
                written += len(answer.split())
        (folder / f"interview-{number + 1:02}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def process(arguments: list[str]) -> tuple[float, float, float]:
    """Run ``journeymap ARGUMENTS`` as a fresh process; return its wall seconds, CPU seconds and peak RSS in GB.

    The peak is the process's own VmHWM: ``ru_maxrss`` of a child counts the memory of
    the parent it was forked from (Linux keeps the larger across ``exec``).
    """
    with tempfile.NamedTemporaryFile(suffix=".status") as status_file:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", PEAK, status_file.name, *arguments], stdout=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if child.returncode != 0:
            raise SystemExit(f"journeymap {' '.join(arguments)} failed with exit {child.returncode}")
        peak = next((int(line.split()[1]) for line in Path(status_file.name).read_text().splitlines() if line.startswith("VmHWM:")), 0)
    return wall, usage.ru_utime + usage.ru_stime, peak / 2**20  # VmHWM in kB


def _verdict(wall: float, cpu: float, target: float, memory_ok: bool = True) -> str:
    """OK within the target; on a shared machine, a CPU time within it is said beside SLOW."""
    if not memory_ok:
        return "TOO BIG"
    if wall < target:
        return "OK"
    return f"SLOW (CPU time within the target: the machine is shared, load {os.getloadavg()[0]:.1f})" if cpu < target else "SLOW"


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
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        shop_file = Path(folder) / "shop.yaml"
        save(shop, shop_file)
        wall, cpu, rss = process(["voice", "analyze", str(path), "--map", str(shop_file), "--languages", LANGUAGES, "-o", f"{folder}/voiced.yaml"])
        verdict = _verdict(wall, cpu, TARGET_SECONDS, rss < TARGET_RSS_GB)
        print(f"journeymap voice analyze ({rows:,} texts), whole process: {wall:.1f} s, CPU {cpu:.1f} s, peak RSS {rss:.2f} GB; "
              f"target < {TARGET_SECONDS:.0f} s and < {TARGET_RSS_GB:.0f} GB: {verdict}", flush=True)
        interviews = interview_folder()
        spoken = sum(len(text.split()) - 1 for file in interviews.glob("*.txt") for text in file.read_text(encoding="utf-8").splitlines() if text.startswith("A: "))
        wall, cpu, rss = process(["draft", str(interviews), "--languages", LANGUAGES, "-o", f"{folder}/draft.yaml"])
        verdict = _verdict(wall, cpu, DRAFT_TARGET_SECONDS)
        print(f"journeymap draft ({INTERVIEWS} interviews, {spoken:,} words answered), whole process: {wall:.1f} s, CPU {cpu:.1f} s, peak RSS {rss:.2f} GB; "
              f"target < {DRAFT_TARGET_SECONDS:.0f} s: {verdict}", flush=True)


if __name__ == "__main__":
    main()
