"""Compression bombs: gzip feedback, XLSX cells and Amplitude zips are refused while streaming, in bounded memory."""

from __future__ import annotations

import gzip
import os
import resource
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from journeymap.analytics import read_events
from journeymap.errors import DataSourceError
from journeymap.inflate import MAX_RATIO, remove_stale, scratch_folder
from journeymap.voice import read_feedback

MB = 2**20


def peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def gzip_of_rows(path: Path, megabytes: int) -> Path:
    """A gzip feedback file of identical rows of 1 KB: it compresses about 1,000 times."""
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(b"text,rating\n")
        chunk = (b"Great shop " * 93 + b",5\n") * 1024
        for _ in range(megabytes):
            out.write(chunk)
    return path


def test_a_gzip_feedback_bomb_is_refused_in_bounded_memory(tmp_path):
    path = gzip_of_rows(tmp_path / "feedback.csv.gz", 100)
    assert path.stat().st_size < 1 * MB
    before = peak_kb()
    with pytest.raises(DataSourceError) as raised:
        read_feedback(path)
    assert str(raised.value) == f"{path}: inflates more than {MAX_RATIO} times its compressed size (a compression bomb?); send it uncompressed"
    assert peak_kb() - before < 150 * 1024


def test_a_gzip_feedback_file_that_compresses_normally_is_read(tmp_path):
    path = tmp_path / "feedback.jsonl.gz"
    path.write_bytes(gzip.compress("".join(f'{{"text": "Отзыв номер {number}", "rating": {number % 5 + 1}}}\n' for number in range(500)).encode()))
    found = read_feedback(path)
    assert len(found.voices) == 500 and found.voices[-1].text == "Отзыв номер 499"


def test_a_json_line_longer_than_the_limit_is_reported_not_held(tmp_path):
    path = tmp_path / "feedback.jsonl"
    path.write_text('{"text": "first"}\n{"text": "' + "x" * 3_000_000 + '"}\n{"text": "last"}\n', encoding="utf-8")
    found = read_feedback(path)
    assert [voice.text for voice in found.voices] == ["first", "last"]
    assert [(bad.row, bad.reason) for bad in found.bad_rows] == [(2, "line longer than 2000000 characters")]


def test_an_xlsx_with_a_huge_cell_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "feedback.xlsx"
    book = Workbook()
    book.active.append(["text"])
    book.active.append(["a" * 30_000])
    book.save(path)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            before, _, after = source.read(info).partition(b"a" * 30_000)
            with bomb.open(info.filename, "w") as member:
                member.write(before)
                for _ in range(300 if after else 0):
                    member.write(b"a" * MB)
                member.write(after)
    assert (tmp_path / "bomb.xlsx").stat().st_size < 1 * MB
    before = peak_kb()
    with pytest.raises(DataSourceError, match="inflates to more than 256 MB|compression bomb"):
        read_feedback(tmp_path / "bomb.xlsx")
    assert peak_kb() - before < 100 * 1024
    assert read_feedback(path).voices[0].text == "a" * 30_000


def test_an_amplitude_zip_bomb_is_refused_while_streaming(tmp_path):
    archive = tmp_path / "amplitude.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        with bundle.open("301234/301234_2024-03-04_10#0.json", "w") as member:
            for _ in range(200):
                member.write(bytes(MB))
    assert archive.stat().st_size < 1 * MB
    before = peak_kb()
    with pytest.raises(DataSourceError, match="compression bomb"):
        read_events(archive, adapter="amplitude")
    assert peak_kb() - before < 100 * 1024


def test_folders_left_by_a_killed_run_are_removed_by_the_next(tmp_path):
    child = subprocess.run([sys.executable, "-c", "import os, tempfile; print(tempfile.mkdtemp(prefix=f'journeymap-amplitude-{os.getpid()}-'))"], capture_output=True, text=True, check=True)
    left = Path(child.stdout.strip())
    (left / "part-0.json").write_bytes(b"{}")
    mine = scratch_folder("amplitude")
    assert not left.exists() and mine.is_dir()
    assert remove_stale("amplitude", Path(tempfile.gettempdir())) == [] and mine.name.startswith(f"journeymap-amplitude-{os.getpid()}-")
