"""Small text helpers shared by the voice modules: words, normalisation, Uzbek script.

>>> words("Не очень-то хорошо 👍!")
['не', 'очень-то', 'хорошо', '👍']
>>> uzbek_latin("Ўзбекистон жуда яхши")
"o'zbekiston juda yaxshi"
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

_TOKEN = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_APOSTROPHES = str.maketrans({"ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'", "´": "'"})
_MARKUP = re.compile(r"<[^>]{0,200}>")
_UZ_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "x", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "'", "ь": "", "ы": "i",
    "э": "e", "ю": "yu", "я": "ya", "ў": "o'", "қ": "q", "ғ": "g'", "ҳ": "h",
}
_UZ_TABLE = str.maketrans({**_UZ_CYR, **{key.upper(): value.capitalize() for key, value in _UZ_CYR.items()}})


def normalize(text: str) -> str:
    """Return ``text`` lower-cased, NFC, with markup tags dropped and apostrophes unified.

    >>> normalize("<script>alert(1)</script> Oʻzbek")
    "alert(1) o'zbek"
    """
    text = _MARKUP.sub(" ", unicodedata.normalize("NFC", text))
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def words(text: str) -> list[str]:
    """Return the words and emoji of ``text``, normalised, in order."""
    return _TOKEN.findall(normalize(text))


def uzbek_latin(text: str) -> str:
    """Return Uzbek text in Latin script (Cyrillic letters transliterated), lower-cased."""
    return normalize(text).translate(_UZ_TABLE).lower()


TYPED_WITHOUT_MARKS = frozenset({"lt"})
"""Languages whose people often type without diacritics (Lithuanian on phones: *aciu* for *ačiū*)."""


def folded(text: str, language: str) -> str:
    """Return ``text`` without diacritics in a language of :data:`TYPED_WITHOUT_MARKS`, else as it is.

    >>> folded("Labai ačiū, viskas gerai", "lt"), folded("ačiū", "en")
    ('Labai aciu, viskas gerai', 'ačiū')
    """
    if language not in TYPED_WITHOUT_MARKS:
        return text
    return "".join(char for char in unicodedata.normalize("NFD", text) if unicodedata.category(char) != "Mn")


def prepared(text: str, language: str) -> str:
    """Return the text a sentiment model reads: normalised, Uzbek in Latin script."""
    return uzbek_latin(text) if language == "uz" else normalize(text)


@cache
def stop_words(language: str) -> frozenset[str]:
    """Return the stop words of ``language``: YAKE's lists, and ours for Kazakh and Uzbek.

    >>> "и" in stop_words("ru"), "және" in stop_words("kk")
    (True, True)
    """
    ours = resources.files("journeymap.voice") / "data" / "stopwords" / f"{language}.txt"
    if ours.is_file():
        return frozenset(ours.read_text(encoding="utf-8").split())
    folders = (resources.files("yake") / "core" / "StopwordsList", resources.files("yake") / "StopwordsList")  # YAKE 0.6 moved them
    theirs = next((folder / f"stopwords_{language}.txt" for folder in folders if (folder / f"stopwords_{language}.txt").is_file()), None)
    if theirs is None:
        return frozenset()
    return frozenset(normalize(line) for line in theirs.read_bytes().decode("utf-8", errors="replace").splitlines() if line.strip())
