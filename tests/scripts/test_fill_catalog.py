"""scripts/fill_catalog.py: translations from YAML land in the catalogs, checked first."""

from __future__ import annotations

import importlib.util
import json
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).parents[2]
spec = importlib.util.spec_from_file_location("fill_catalog", ROOT / "scripts" / "fill_catalog.py")
fill_catalog = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fill_catalog)


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    """A locale folder with a Russian catalog of one message and one plural message."""
    catalog = Catalog(locale="ru", domain="journeymap")
    catalog.add("Awareness")
    catalog.add(("{count} step", "{count} steps"), flags=["python-brace-format"])
    catalog.add("Use", string="Юз", flags=["fuzzy"])
    folder = tmp_path / "locale" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    buffer = BytesIO()
    write_po(buffer, catalog)
    (folder / "journeymap.po").write_bytes(buffer.getvalue())
    return tmp_path / "locale"


def written(locale: Path):
    with (locale / "ru" / "LC_MESSAGES" / "journeymap.po").open("rb") as stream:
        return read_po(stream, locale="ru")


def test_translations_are_written_and_no_longer_fuzzy(locale: Path, tmp_path: Path, capsys):
    source = tmp_path / "round.yaml"
    source.write_text(
        '"Awareness": {ru: "Осведомленность"}\n'
        '"{count} step": {ru: ["{count} шаг", "{count} шага", "{count} шагов"]}\n'
        '"Use": {ru: "Использование"}\n',
        encoding="utf-8",
    )
    assert fill_catalog.main([str(source), "--locale", str(locale)]) == 0
    catalog = written(locale)
    assert catalog["Awareness"].string == "Осведомленность"
    assert catalog["{count} step"].string == ("{count} шаг", "{count} шага", "{count} шагов")
    assert (catalog["Use"].string, catalog["Use"].fuzzy) == ("Использование", False)
    assert capsys.readouterr().out == "ru: 3 written, 0 still untranslated\n"


def test_language_first_json_reads_the_same(locale: Path, tmp_path: Path, capsys):
    source = tmp_path / "round.json"
    source.write_text(json.dumps({"ru": {"Awareness": "Осведомленность"}}), encoding="utf-8")
    assert fill_catalog.main([str(source), "--locale", str(locale)]) == 0
    assert written(locale)["Awareness"].string == "Осведомленность"
    assert capsys.readouterr().out == "ru: 1 written, 2 still untranslated\n  '{count} step'\n  'Use'\n"


@pytest.mark.parametrize(
    ("yaml", "problem"),
    [
        ('"{count} step": {ru: ["шаг", "{count} шага", "{count} шагов"]}', "ru: '{count} step': placeholders ['{count}'] changed in 'шаг'"),
        ('"{count} step": {ru: ["{count} шаг", "{count} шагов"]}', "ru: '{count} step' needs 3 plural forms, got 2"),
        ('"Awareness": {ru: ""}', "ru: 'Awareness': empty translation"),
        ('"Awarenes": {ru: "Осведомленность"}', "ru: not in the catalog: 'Awarenes'"),
    ],
)
def test_a_bad_translation_writes_nothing(locale: Path, tmp_path: Path, capsys, yaml: str, problem: str):
    before = (locale / "ru" / "LC_MESSAGES" / "journeymap.po").read_bytes()
    source = tmp_path / "round.yaml"
    source.write_text(yaml + "\n", encoding="utf-8")
    assert fill_catalog.main([str(source), "--locale", str(locale)]) == 1
    assert capsys.readouterr().err == problem + "\n"
    assert (locale / "ru" / "LC_MESSAGES" / "journeymap.po").read_bytes() == before


def test_check_writes_nothing(locale: Path, tmp_path: Path):
    before = (locale / "ru" / "LC_MESSAGES" / "journeymap.po").read_bytes()
    source = tmp_path / "round.yaml"
    source.write_text('"Awareness": {ru: "Осведомленность"}\n', encoding="utf-8")
    assert fill_catalog.main([str(source), "--locale", str(locale), "--check"]) == 0
    assert (locale / "ru" / "LC_MESSAGES" / "journeymap.po").read_bytes() == before


def test_skip_unknown_keeps_translations_made_ahead_and_todo_lists_the_rest(locale: Path, tmp_path: Path, capsys):
    source = tmp_path / "ahead.yaml"
    source.write_text('"Awareness": {ru: "Осведомленность"}\n"Not extracted yet": {ru: "Ещё не извлечено"}\n', encoding="utf-8")
    skeleton = tmp_path / "todo.yaml"
    assert fill_catalog.main([str(source), "--locale", str(locale), "--skip-unknown", "--todo", str(skeleton)]) == 0
    assert written(locale)["Awareness"].string == "Осведомленность"
    assert written(locale).get("Not extracted yet") is None
    assert skeleton.read_text(encoding="utf-8") == "Use:\n  ru: ''\n'{count} step':\n  ru:\n  - ''\n  - ''\n  - ''\n"


def test_a_language_without_a_catalog_is_refused(locale: Path, tmp_path: Path, capsys):
    source = tmp_path / "round.yaml"
    source.write_text('"Awareness": {lt: "Suvokimas"}\n', encoding="utf-8")
    assert fill_catalog.main([str(source), "--locale", str(locale)]) == 1
    assert capsys.readouterr().err == f"no catalog for lt in {locale}\n"


def test_translations_made_ahead_still_keep_their_placeholders(locale: Path, tmp_path: Path, capsys):
    source = tmp_path / "ahead.yaml"
    source.write_text('"Wrote {path}": {ru: "Записан файл"}\n', encoding="utf-8")
    assert fill_catalog.main([str(source), "--locale", str(locale), "--skip-unknown"]) == 1
    assert capsys.readouterr().err == "ru: 'Wrote {path}': placeholders ['{path}'] changed in 'Записан файл'\n"
