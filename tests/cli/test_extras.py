"""A command whose extra is not installed says so in one line (exit 2), not with a traceback.

Each case runs the CLI in a fresh process where the extra's package cannot be imported
(``sys.modules[name] = None`` makes ``import name`` fail as an uninstalled package does).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUN_WITHOUT = "import sys; sys.modules[sys.argv[1]] = None; sys.argv[1:2] = []; from journeymap.cli import main; main()"

EVENTS = "user_id,event,timestamp,platform\n" + "".join(
    f"u{n},open,2024-01-0{1 + n % 5} 10:00:00,{'ios' if n % 2 else 'web'}\nu{n},buy,2024-01-0{1 + n % 5} 11:00:00,{'ios' if n % 2 else 'web'}\n" for n in range(8)
)


def run_without(package: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``journeymap *args`` in a process where ``package`` is not importable."""
    return subprocess.run([sys.executable, "-c", RUN_WITHOUT, package, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("package", ["lingua", "sklearn"])
def test_voice_without_its_extra_names_it(tmp_path: Path, small_map: Path, package: str):
    feedback = tmp_path / "feedback.csv"
    feedback.write_text("text\nThe checkout was slow\nGreat toys\n", encoding="utf-8")
    command = ["inspect", feedback] if package == "lingua" else ["analyze", feedback, "--map", small_map, "-o", tmp_path / "voiced.yaml"]
    done = run_without(package, "voice", *command)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [f"Error: this command needs the voice extra: pip install 'journeymap[voice]' ({package} is missing)"]


def test_discovery_without_its_extra_names_it(tmp_path: Path):
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    done = run_without("statsmodels", "abtest", events, "--variant-column", "platform", "--step", "open", "--step", "buy")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == ["Error: this command needs the discover extra: pip install 'journeymap[discover]' (statsmodels is missing)"]


def test_a_missing_core_package_is_not_blamed_on_an_extra(tmp_path: Path, small_map: Path):
    done = run_without("openpyxl", "render", small_map, "-o", tmp_path / "map.xlsx")
    assert done.returncode == 1 and "ModuleNotFoundError" in done.stderr and "extra" not in done.stderr
