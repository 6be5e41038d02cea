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
    python scripts/fill_catalog.py scripts/translations/*.yaml --skip-unknown --todo todo.yaml

``--skip-unknown`` leaves out messages the catalogs do not (yet) hold, so translations
made ahead of an extraction can wait in a file; ``--todo`` writes a skeleton of what is
still untranslated, in the input format, for the next round.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from io import BytesIO, StringIO
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
TRANSLATED = set(LANGUAGES) - {DEFAULT_LANGUAGE}


def read_translations(paths: list[Path]) -> Translations:
    """Return ``{language: {msgid: translation}}`` from YAML or JSON files of either shape; later files win."""
    by_language: Translations = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else YAML(typ="safe").load(text)
        if set(data) <= TRANSLATED:
            for language, messages in data.items():
                by_language.setdefault(language, {}).update(messages)
            continue
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


def known(catalog: Catalog, messages: Messages) -> Messages:
    """Return the part of ``messages`` that ``catalog`` holds."""
    return {msgid: translated for msgid, translated in messages.items() if catalog.get(msgid) is not None}


def problems_of(catalog: Catalog, messages: Messages, skip_unknown: bool = False) -> list[str]:
    """Return what is wrong with ``messages`` for ``catalog``: unknown ids, lost placeholders, form counts.

    Messages the catalog lacks are checked against their own id (and not reported missing
    when ``skip_unknown``).
    """
    problems = []
    for msgid, translated in messages.items():
        entry = catalog.get(msgid)
        forms = translated if isinstance(translated, list) else [translated]
        if entry is None:
            if not skip_unknown:
                problems.append(f"not in the catalog: {msgid!r}")
            sources = [msgid]
        else:
            sources = list(entry.id) if isinstance(entry.id, tuple) else [entry.id]
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


def untranslated(catalog: Catalog) -> list[Message]:
    """Return the messages still empty or fuzzy."""
    def missing(entry: Message) -> bool:
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        return entry.fuzzy or not all(strings)

    return [entry for entry in catalog if entry.id and missing(entry)]


def singular(entry: Message) -> str:
    """Return the id of ``entry`` as the translation files name it: its singular."""
    return entry.id if isinstance(entry.id, str) else entry.id[0]


def todo(catalogs: dict[str, Catalog]) -> dict[str, dict[str, str | list[str]]]:
    """Return a skeleton ``{msgid: {language: ""}}`` of every message some catalog lacks."""
    skeleton: dict[str, dict[str, str | list[str]]] = {}
    for language, catalog in catalogs.items():
        for entry in untranslated(catalog):
            blank = [""] * catalog.num_plurals if isinstance(entry.id, tuple) else ""
            skeleton.setdefault(singular(entry), {})[language] = blank
    return dict(sorted(skeleton.items()))


def serialized(catalog: Catalog) -> bytes:
    """Return ``catalog`` as ``.po`` bytes, formatted like ``pybabel update`` writes it."""
    buffer = BytesIO()
    write_po(buffer, catalog, width=76, ignore_obsolete=True)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("translations", type=Path, nargs="+", help="YAML or JSON: msgid -> {language: translation}")
    parser.add_argument("--locale", type=Path, default=LOCALE, help="the locale folder (default: the package's)")
    parser.add_argument("--check", action="store_true", help="report problems and gaps, write nothing")
    parser.add_argument("--skip-unknown", action="store_true", help="leave out messages the catalogs do not hold")
    parser.add_argument("--todo", type=Path, help="write a YAML skeleton of the messages still untranslated here")
    arguments = parser.parse_args(argv)
    translations = read_translations(arguments.translations)
    paths = {language: catalog_path(language, arguments.locale) for language in sorted(TRANSLATED)}
    catalogs = {language: load_catalog(path, language) for language, path in paths.items() if path.is_file()}
    lacking = sorted(set(translations) - set(catalogs))
    if lacking:
        print(f"no catalog for {', '.join(lacking)} in {arguments.locale}", file=sys.stderr)
        return 1
    problems = [
        f"{language}: {problem}"
        for language, messages in translations.items()
        for problem in problems_of(catalogs[language], messages, arguments.skip_unknown)
    ]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    if arguments.skip_unknown:
        translations = {language: known(catalogs[language], messages) for language, messages in translations.items()}
    for language, messages in translations.items():
        catalog = catalogs[language]
        fill(catalog, messages)
        if not arguments.check:
            write_atomically(catalog_path(language, arguments.locale), serialized(catalog))
        gaps = untranslated(catalog)
        print(f"{language}: {len(messages)} written, {len(gaps)} still untranslated")
        for entry in gaps:
            print(f"  {singular(entry)!r}")
    if arguments.todo:
        stream = StringIO()
        yaml = YAML()
        yaml.width = 4096
        yaml.dump(todo(catalogs), stream)
        write_atomically(arguments.todo, stream.getvalue().encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
