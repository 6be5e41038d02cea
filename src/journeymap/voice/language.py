"""The language of each text: lingua, restricted to the map's languages plus English.

Lingua has no Uzbek model, so Uzbek is found first by its own marks: the
letters ў and ҳ in Cyrillic, and in Latin the apostrophe letters oʻ/gʻ and
common Uzbek words. A text mixing two languages (Russian and Kazakh, Russian
and Uzbek) gets the language that dominates it, never an error.

>>> [language for language, _ in detect(["Очень плохая доставка", "Juda yaxshi ilova, rahmat"], ["ru", "uz"])]
['ru', 'uz']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from .text import normalize, uzbek_latin

SUPPORTED = ("en", "ru", "uk", "kk", "uz", "lt")
"""Languages with a sentiment model, in the order the product lists them."""

_UZ_CYRILLIC = re.compile(r"[ўҳЎҲ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KK_CYRILLIC = re.compile(r"[әөұүңіһӘӨҰҮҢІҺ]")
_WORD = re.compile(r"[^\W\d_]+(?:['ʻʼ’`‘][^\W\d_]+)*")
_UZ_MARKS = re.compile(r"[og]'|q(?!u)|\w{3,}(?:lar|larni|larga|ning|dagi|moq|yapti|ydi|masdan|yapman|gan|dan|mi|ni|ga|da|siz|lik|chi|ish|sh)\b")
_UZ_WORDS = frozenset(
    ["juda", "judayam", "yaxshi", "yahshi", "yomon", "emas", "uchun", "bilan", "va", "bu", "men", "siz", "ham", "xam", "ilova", "ilovasi", "ilovani", "rahmat", "raxmat", "zor", "zo'r", "kerak", "nima", "bor", "yo'q", "yoq", "lekin", "ammo", "faqat", "eng", "endi", "qachon", "qanday", "menga", "sizga", "manga", "chiroyli", "qulay", "foydali", "dastur", "dasturi", "tez", "sekin", "katta", "kichik", "iltimos", "yana", "hech", "ko'p", "kop", "ajoyib", "tuzuk", "ekan", "qiyin", "bo'ldi", "boldi", "bo'lsa", "bolsa", "qiling", "qilish", "ishlamaydi", "ishlaydi", "narsa", "kitob", "yangi", "eski", "yo'qmi", "bormi", "assalomu", "alaykum", "xizmat", "yoqdi", "yoqmadi", "zerikarli", "oson", "ishlash", "umuman", "hamma", "xamma", "biroq", "lekn", "kerakli", "emasmi", "qilib", "qildi", "buladi", "bo'ladi", "boladi", "bulardi"]
)


def _iso(code: str) -> IsoCode639_1 | None:
    return getattr(IsoCode639_1, code.upper(), None)


@cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector | None:
    codes = [iso for code in languages if code != "uz" and (iso := _iso(code)) is not None]
    if not codes:
        return None
    if len(codes) == 1:
        codes.append(IsoCode639_1.EN if codes[0] != IsoCode639_1.EN else IsoCode639_1.RU)
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def candidates(map_language: str, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """Return the languages a map's feedback is detected among: its own, the extra ones, English.

    >>> candidates("kk-KZ", ["ru"])
    ('kk', 'ru', 'en')
    """
    ordered = [map_language.split("-")[0].lower(), *(code.lower() for code in extra), "en"]
    return tuple(dict.fromkeys(ordered))


def uzbek_share(text: str) -> float:
    """Return how Uzbek a text looks, 0..1, from its letters and words.

    >>> uzbek_share("Ilova juda yaxshi"), uzbek_share("The app is good")
    (1.0, 0.0)
    """
    if _UZ_CYRILLIC.search(text) and not _KK_CYRILLIC.search(text):
        return 1.0
    words = _WORD.findall(text)
    if not words:
        return 0.0
    latin = [uzbek_latin(word) for word in words]
    known = sum(1 for word in latin if word in _UZ_WORDS)
    if _CYRILLIC.search(text):
        return 0.0 if _KK_CYRILLIC.search(text) else round(known / len(latin), 4)
    marked = sum(1 for word in latin if word in _UZ_WORDS or _UZ_MARKS.search(word))
    if not known and marked < 2:
        return 0.0
    return round(min(1.0, (marked + known) / len(latin)), 4)


def detect(texts: Sequence[str], languages: Sequence[str]) -> list[tuple[str, float]]:
    """Return ``(language, confidence)`` per text, choosing among ``languages``.

    A text with no letters (only punctuation or emoji) gets the first
    language with confidence 0.
    """
    allowed = tuple(dict.fromkeys(languages)) or ("en",)
    detector = _detector(allowed)
    results: list[tuple[str, float] | None] = [None] * len(texts)
    pending: list[int] = []
    cleaned = [normalize(text[:4000]) for text in texts]
    for index, text in enumerate(cleaned):
        if not _WORD.search(text):
            results[index] = (allowed[0], 0.0)
        elif "uz" in allowed and (share := uzbek_share(text)) >= 0.5:
            results[index] = ("uz", share)
        elif detector is None:
            results[index] = (allowed[0], 0.5)
        else:
            pending.append(index)
    if pending and detector is not None:
        values = detector.compute_language_confidence_values_in_parallel([cleaned[index] for index in pending])
        for index, ranked in zip(pending, values):
            best = ranked[0]
            results[index] = (best.language.iso_code_639_1.name.lower(), round(float(best.value), 4))
    return [result or (allowed[0], 0.0) for result in results]
