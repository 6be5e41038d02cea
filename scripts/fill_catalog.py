"""Write translations from a YAML or JSON file into the gettext catalogs.

The file maps each message to its translations, one per language::

    "Awareness":
      ru: "Осведомленность"
      uk: "Обізнаність"
    "{count} step":              # a message with msgid_plural: key = singular,
      ru: ["{count} шаг", "{count} шага", "{count} шагов"]   # one form per plural form

or, the other way round, each language to its messages (``ru: {"Awareness": ...}``).
Entries written are marked not fuzzy. Placeholders must match the message's,
and plural lists must have as many forms as the catalog's Plural-Forms header;
otherwise nothing is written and the problems are listed.

    python scripts/fill_catalog.py scripts/translations/round1.yaml
    python scripts/fill_catalog.py scripts/translations/round1.yaml --check   # report only
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po
from ruamel.yaml import YAML

from journeymap.files import write_atomically
from journeymap.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES

LOCALE = Path(__file__).resolve().parents[1] / "src" / "journeymap" / "locale"
PLACEHOLDER = re.compile(r"\{[a-z_]*[!:]?[^{}]*\}")
Messages = dict[str, str | list[str]]
Translations = dict[str, Messages]


def read_translations(path: Path) -> Translations:
    """Return ``{language: {msgid: translation}}`` from a YAML or JSON file of either shape."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else YAML(typ="safe").load(text)
    languages = set(LANGUAGES) - {DEFAULT_LANGUAGE}
    if set(data) <= languages:
        return {language: dict(messages) for language, messages in data.items()}
    by_language: Translations = {}
    for msgid, translations in data.items():
        for language, translated in translations.items():
            by_language.setdefault(language, {})[msgid] = translated
    return by_language


def catalog_path(language: str, locale: Path = LOCALE) -> Path:
    """Return the path of the ``.po`` catalog of ``language``."""
    return locale / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalog(path: Path, language: str) -> Catalog:
    """Return the catalog at ``path``."""
    with path.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def problems_of(catalog: Catalog, messages: Messages) -> list[str]:
    """Return what is wrong with ``messages`` for ``catalog``: unknown ids, lost placeholders, form counts."""
    problems = []
    for msgid, translated in messages.items():
        entry = catalog.get(msgid)
        if entry is None:
            problems.append(f"not in the catalog: {msgid!r}")
            continue
        sources = list(entry.id) if isinstance(entry.id, tuple) else [entry.id]
        forms = translated if isinstance(translated, list) else [translated]
        if isinstance(entry.id, tuple) and len(forms) != catalog.num_plurals:
            problems.append(f"{msgid!r} needs {catalog.num_plurals} plural forms, got {len(forms)}")
        if not isinstance(entry.id, tuple) and isinstance(translated, list):
            problems.append(f"{msgid!r} has no plural; give one text")
        allowed = [sorted(PLACEHOLDER.findall(source)) for source in sources]
        for form in forms:
            if not form:
                problems.append(f"{msgid!r}: empty translation")
            elif sorted(PLACEHOLDER.findall(form)) not in allowed:
                problems.append(f"{msgid!r}: placeholders {allowed[-1]} changed in {form!r}")
    return problems


def fill(catalog: Catalog, messages: Messages) -> None:
    """Write ``messages`` into ``catalog`` and clear their fuzzy flags."""
    for msgid, translated in messages.items():
        entry = catalog[msgid]
        entry.string = tuple(translated) if isinstance(translated, list) else translated
        entry.flags.discard("fuzzy")


def untranslated(catalog: Catalog) -> list[str]:
    """Return the ids of messages still empty or fuzzy."""
    def missing(entry: Message) -> bool:
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        return entry.fuzzy or not all(strings)

    return [entry.id if isinstance(entry.id, str) else entry.id[0] for entry in catalog if entry.id and missing(entry)]


def serialized(catalog: Catalog) -> bytes:
    """Return ``catalog`` as ``.po`` bytes, formatted like ``pybabel update`` writes it."""
    buffer = BytesIO()
    write_po(buffer, catalog, width=76, ignore_obsolete=True)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("translations", type=Path, help="YAML or JSON: msgid -> {language: translation}")
    parser.add_argument("--locale", type=Path, default=LOCALE, help="the locale folder (default: the package's)")
    parser.add_argument("--check", action="store_true", help="report problems and gaps, write nothing")
    arguments = parser.parse_args(argv)
    translations = read_translations(arguments.translations)
    catalogs = {language: load_catalog(catalog_path(language, arguments.locale), language) for language in translations}
    problems = [f"{language}: {problem}" for language, catalog in catalogs.items() for problem in problems_of(catalog, translations[language])]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    for language, catalog in catalogs.items():
        fill(catalog, translations[language])
        if not arguments.check:
            write_atomically(catalog_path(language, arguments.locale), serialized(catalog))
        gaps = untranslated(catalog)
        print(f"{language}: {len(translations[language])} written, {len(gaps)} still untranslated")
        for msgid in gaps:
            print(f"  {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
