"""Translation of user-facing words through gettext catalogs (Babel).

Catalogs live in ``journeymap/locale/<lang>/LC_MESSAGES/journeymap.po`` and
are compiled in memory on first use, so a ``.po`` edit takes effect at once.
Fuzzy entries are not used: an untranslated or fuzzy message shows in English.

>>> from journeymap.i18n import gettext, use_language
>>> use_language("en")
>>> gettext("Stages")
'Stages'
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from io import BytesIO

LANGUAGES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "uk": "Українська",
    "kk": "Қазақша",
    "uz": "Oʻzbekcha",
    "lt": "Lietuvių",
}
DEFAULT_LANGUAGE = "en"
DOMAIN = "journeymap"

_current: ContextVar[str] = ContextVar("journeymap_language", default="")


def normalize_language(code: str | None) -> str:
    """Return the supported language for a code like ``ru_RU.UTF-8``, else English.

    >>> normalize_language("ru_RU.UTF-8")
    'ru'
    """
    if not code:
        return DEFAULT_LANGUAGE
    short = code.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


def use_language(code: str | None) -> None:
    """Make ``code`` the language of messages in this context (thread, task)."""
    _current.set(normalize_language(code))


@contextmanager
def in_language(code: str | None) -> Iterator[None]:
    """Use ``code`` for messages inside the block (None: keep the current one), then restore.

    >>> with in_language("ru"):
    ...     current_language()
    'ru'
    """
    if code is None:
        yield
        return
    token = _current.set(normalize_language(code))
    try:
        yield
    finally:
        _current.reset(token)


def current_language() -> str:
    """Return the language in use: the one set, else ``JOURNEYMAP_LANG``, else English."""
    return _current.get() or normalize_language(os.environ.get("JOURNEYMAP_LANG"))


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """Return the compiled catalog of ``language`` (English: no translation)."""
    source = resources.files("journeymap") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == DEFAULT_LANGUAGE or not source.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # only another language than English needs Babel
    from babel.messages.pofile import read_po

    with source.open("rb") as po_file:
        catalog = read_po(po_file, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """Return ``message`` in the current language."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message for ``count``, translated."""
    return translations(current_language()).ngettext(singular, plural, count)


_ = gettext
