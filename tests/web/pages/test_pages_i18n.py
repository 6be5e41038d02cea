"""Every word of the web editor is translated into the five languages, with the same placeholders."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.extract import extract
from jinja2.ext import babel_extract
from ruamel.yaml import YAML

from journeymap.i18n import LANGUAGES, translations

ROOT = Path(__file__).resolve().parents[3]
MODULES = ("pages.py", "templating.py", "editor_config.py", "metric_cells.py", "api_convert.py", "render_exports.py", "ideas.py", "personas.py", "words.py", "compare.py")
OTHERS = [code for code in LANGUAGES if code != "en"]


def ui_messages() -> set[str]:
    """Return the messages of the editor's templates and modules, as Babel extracts them."""
    web = resources.files("journeymap.web")
    found: set[str] = set()
    for template in (web / "templates").iterdir():
        with template.open("rb") as source:
            found |= {item[1] for item in extract(babel_extract, source, keywords={"_": None}, options={"extensions": "jinja2.ext.i18n"})}
    for module in MODULES:
        with (web / module).open("rb") as source:
            found |= {item[1] for item in extract("python", source, keywords={"_": None})}
    return found


def waiting_translations() -> dict[str, dict[str, str]]:
    """Return the translations made ahead of extraction (scripts/translations/*.yaml)."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted((ROOT / "scripts" / "translations").glob("*.yaml")):
        for message, forms in (YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}).items():
            merged.setdefault(message, {}).update(forms)
    return merged


def test_the_extraction_finds_the_pages_words() -> None:
    assert {"Log in", "Your role: {role}", "All changes saved", "Emotion at {step}: {value}. Drag or press ↑ ↓ to change"} <= ui_messages()


@pytest.mark.parametrize("language", OTHERS)
def test_every_ui_message_is_translated(language: str) -> None:
    ahead = waiting_translations()
    catalog = translations(language)
    untranslated = sorted(message for message in ui_messages() if catalog.gettext(message) == message and not ahead.get(message, {}).get(language))
    assert untranslated == []


def test_translations_keep_the_placeholders() -> None:
    ahead = waiting_translations()
    wrong = [
        (message, language)
        for message in ui_messages() & ahead.keys()
        for language, text in ahead[message].items()
        if sorted(re.findall(r"\{\w+\}", text)) != sorted(re.findall(r"\{\w+\}", message))
    ]
    assert wrong == []
