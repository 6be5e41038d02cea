"""Reading feedback files: formats, column names, bad rows with their row numbers."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from journeymap.errors import DataSourceError
from journeymap.voice import read_feedback


def test_csv_with_every_field(write_csv):
    path = write_csv([{"id": "a1", "text": "Great", "date": "2025-03-01T10:00:00+03:00", "author": "Olga", "channel": "Survey",
                       "rating": "4,5", "step": "pays", "reply_text": "Thanks", "replied_at": "02.03.2025 10:00"}])
    voice = read_feedback(path).voices[0]
    assert (voice.row, voice.id, voice.text, voice.author, voice.channel, voice.rating, voice.step, voice.reply_text) == (
        2, "a1", "Great", "Olga", "survey", 4.5, "pays", "Thanks")
    assert voice.date == datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
    assert voice.replied_at == datetime(2025, 3, 2, 10, 0, tzinfo=UTC)


def test_bad_rows_are_counted_with_their_row_numbers(tmp_path):
    path = tmp_path / "feedback.csv"
    content = "text,date,rating\nGood,2025-01-01,5\n,2025-01-02,1\nOK,1812-09-07,3\nFine,someday,seven\n"
    path.write_bytes(content.encode("utf-8") + "Пло".encode("cp1251") + b"\xff,2025-01-03,1\n")
    found = read_feedback(path)
    assert [voice.text for voice in found.voices] == ["Good", "OK", "Fine"]
    assert [(bad.row, bad.field, bad.reason) for bad in found.bad_rows] == [
        (3, "", "empty text"),
        (4, "date", "absurd date 1812-09-07; left out"),
        (5, "date", "'someday' is not a date; left out"),
        (5, "rating", "rating 'seven' is not a number; left out"),
        (6, "", "broken encoding (not UTF-8); save the file as UTF-8"),
    ]
    assert found.voices[1].date is None and found.rows_read == 5


def test_multiline_quoted_text_keeps_the_row_number_of_its_start(tmp_path):
    path = tmp_path / "feedback.csv"
    path.write_text('text\n"one\ntwo"\n\nthree\n', encoding="utf-8")
    assert [(voice.row, voice.text) for voice in read_feedback(path).voices] == [(2, "one\ntwo"), (5, "three")]


def test_tsv_and_gzipped_jsonl(tmp_path):
    tsv = tmp_path / "posts.tsv"
    tsv.write_text("message\tscore\nХорошо\t5\n", encoding="utf-8")
    assert read_feedback(tsv).voices[0].rating == 5.0
    jsonl = tmp_path / "posts.jsonl.gz"
    lines = [json.dumps({"text": "Жақсы", "channel": "social"}), "not json", json.dumps([1, 2]), json.dumps({"text": "Yaxshi"})]
    jsonl.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    found = read_feedback(jsonl)
    assert [(voice.row, voice.text) for voice in found.voices] == [(1, "Жақсы"), (4, "Yaxshi")]
    assert [(bad.row, bad.reason.split(":")[0]) for bad in found.bad_rows] == [(2, "not JSON"), (3, "not a JSON object")]


def test_xlsx_first_sheet(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "comment", "stars"])
    sheet.append([7, "Labai gerai", 5])
    sheet.append([None, None, None])
    sheet.append([8, "Blogai", 1])
    path = tmp_path / "survey.xlsx"
    workbook.save(path)
    found = read_feedback(path)
    assert [(voice.row, voice.id, voice.text, voice.rating) for voice in found.voices] == [(2, "7", "Labai gerai", 5.0), (4, "8", "Blogai", 1.0)]


def test_configured_column_names(write_csv):
    path = write_csv([{"body": "Nice", "when": "2025-05-05"}])
    voice = read_feedback(path, columns={"text": "body", "date": "when"}).voices[0]
    assert (voice.text, voice.date.day) == ("Nice", 5)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("f.csv", "comment_text,x\nhi,1\n", "no text column; name it 'text' or pass --columns text=YOUR_COLUMN (columns are: comment_text, x)"),
        ("f.csv", "text\n\n", "the file has no rows"),
        ("f.csv", "text\n \n,\n", "the file has no rows"),
        ("f.pdf", "text\nhi\n", "unknown feedback format '.pdf'; use .csv, .tsv, .jsonl (optionally .gz) or .xlsx"),
        ("f.xlsx", "not a workbook", "not a readable XLSX workbook (BadZipFile)"),
        ("f.csv", "text,rating\n,5\n", "no usable row (row 2: empty text)"),
    ],
)
def test_unusable_files_fail_with_one_line(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataSourceError) as caught:
        read_feedback(path)
    assert str(caught.value) == f"{path}: {message}"


def test_unknown_configured_column(write_csv):
    path = write_csv([{"text": "hi"}])
    with pytest.raises(DataSourceError, match=r"no column 'body' \(for text\); columns are: text"):
        read_feedback(path, columns={"text": "body"})
    with pytest.raises(DataSourceError, match="unknown feedback field 'mood'"):
        read_feedback(path, columns={"mood": "text"})


def test_missing_file(tmp_path):
    with pytest.raises(DataSourceError, match="no such feedback file"):
        read_feedback(tmp_path / "absent.csv")


def test_hundred_kilobyte_text_is_read_whole(write_csv):
    text = "Доставка опоздала. " * 5300
    assert len(read_feedback(write_csv([{"text": text}])).voices[0].text) == len(text.strip())


def test_a_text_longer_than_the_csv_field_limit_is_cut_and_the_limit_is_left_as_it_was(write_csv):
    before = csv.field_size_limit()
    found = read_feedback(write_csv([{"text": "x" * 300_000}, {"text": "short"}]))
    assert [len(voice.text) for voice in found.voices] == [200_000, 5]
    assert [bad.reason for bad in found.bad_rows] == ["text cut to 200000 characters"]
    assert csv.field_size_limit() == before


def test_semicolon_csv_from_excel(tmp_path):
    path = tmp_path / "feedback.csv"
    path.write_text("text;rating\nДоставка, увы, опоздала;2\n", encoding="utf-8")
    voice = read_feedback(path).voices[0]
    assert (voice.text, voice.rating) == ("Доставка, увы, опоздала", 2.0)
