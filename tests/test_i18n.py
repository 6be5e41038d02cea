"""The catalogs: up to date with the code, complete, and their placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from journeymap.cli import app
from journeymap.cli.app import help_texts
from journeymap.i18n import LANGUAGES, current_language, gettext, normalize_language, use_language

ROOT = Path(__file__).parents[1]
LOCALE = ROOT / "src" / "journeymap" / "locale"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def catalog(language: str):
    path = LOCALE / "journeymap.pot" if language == "pot" else LOCALE / language / "LC_MESSAGES" / "journeymap.po"
    with path.open("rb") as stream:
        return read_po(stream)


def messages_in_code() -> set[str]:
    """Every message the code and templates hold, extracted as ``make catalogs`` does (babel.cfg)."""
    found = set(help_texts(typer.main.get_command(app)))
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    for _, _, message, _, _ in extract_from_dir(ROOT, method_map=method_map, options_map=options_map, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_template_holds_every_message_of_the_code():
    in_template = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog("pot") if message.id}
    missing = sorted(messages_in_code() - in_template)
    assert missing == [], "run 'make catalogs' to extract these messages"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_catalog_has_every_message(language: str):
    template = {message.id for message in catalog("pot") if message.id}
    assert template - {message.id for message in catalog(language) if message.id} == set()


PLACEHOLDER = re.compile(r"\{[a-z_]*[!:]?[^{}]*\}")


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_translations_keep_the_placeholders(language: str):
    broken = []
    for message in catalog(language):
        if not message.id or not message.string or message.fuzzy:
            continue
        pairs = zip(message.id, message.string) if isinstance(message.id, tuple) else [(message.id, message.string)]
        for source, translated in pairs:
            if isinstance(translated, tuple):
                translated = translated[0]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translated)):
                broken.append((source, translated))
    assert broken == []


def test_language_codes_are_normalized():
    assert normalize_language("uk_UA.UTF-8") == "uk"
    assert normalize_language("de") == "en"
    use_language("kk")
    assert current_language() == "kk"


def test_english_is_the_identity():
    use_language("en")
    assert gettext("Stages") == "Stages"


def untranslated(language: str) -> list[str]:
    """Return the template's messages that ``language`` leaves empty or fuzzy."""
    translated = catalog(language)
    missing = []
    for message in catalog("pot"):
        if not message.id:
            continue
        entry = translated.get(message.id[0] if isinstance(message.id, tuple) else message.id)
        strings = () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(message.id)
    return missing


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_message_of_the_template_is_translated(language: str):
    assert untranslated(language) == []


AWARENESS = {"ru": "Осведомленность", "uk": "Обізнаність", "kk": "Таным", "uz": "Xabardorlik", "lt": "Suvokimas"}


@pytest.mark.parametrize(("language", "word"), AWARENESS.items())
def test_stage_names_follow_the_glossary(language: str, word: str):
    use_language(language)
    assert gettext("Awareness") == word
    assert f"| {word} |" in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")


def test_uzbek_uses_the_turned_comma_not_the_ascii_apostrophe():
    letters_with_ascii_apostrophe = re.compile(r"[oOgG]'[a-zʻ]")
    strings = [message.string for message in catalog("uz") if message.id and isinstance(message.string, str)]
    assert [text for text in strings if letters_with_ascii_apostrophe.search(text)] == []
    assert any("oʻ" in text for text in strings)
