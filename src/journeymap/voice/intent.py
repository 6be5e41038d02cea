"""What a voice wants: a complaint, a question or a request (each needs an answer), praise, or other talk.

A complaint is a negative voice about the brand's own product or service; a
negative voice that names a competitor is other talk (it needs no answer). A
negative question or request is a complaint only when its own words are
negative to the lexicon ("Why does nobody answer??"); a polite request a
classifier found negative stays a request. A
question ends with ``?``, starts with a question word (*when*, *когда*,
*коли*, *қашан*, *qachon*, *kada*, ...) or, in Kazakh and Uzbek, carries a
question particle or suffix (*бар ма*, *bormi*). A request carries a request
cue (*please*, *подскажите*, *будь ласка*, *хабарласыңызшы*, *iltimos*,
*prašau*, ...). The cues of each language are in ``data/intents.json``.

>>> from journeymap.voice.types import Sentiment
>>> intent("Коли буде доставка в Київ?", "uk", Sentiment("neutral", 0.0))
'question'
>>> intent("Передзвоніть мені щодо замовлення", "uk", Sentiment("neutral", 0.0))
'request'
>>> intent("Курʼєр запізнився на три години", "uk", Sentiment("negative", -0.4))
'complaint'
>>> intent("В Ozon курьер вечно опаздывает", "ru", Sentiment("negative", -0.4), competitors=frozenset({"ozon"}))
'other'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from .lexicon import DATA, lexicon_model
from .text import prepared, words
from .types import Sentiment

INTENTS = ("complaint", "question", "request", "praise", "other")
"""What a voice can want, in the order they are reported."""

NEEDS_ANSWER = frozenset({"complaint", "question", "request"})
"""The intents that need an answer from the brand."""


@dataclass(frozen=True)
class Cues:
    """The words and patterns that mark a question or a request in one language."""

    question_words: frozenset[str]
    question_particles: frozenset[str]
    question_pattern: re.Pattern[str] | None
    requests: tuple[str, ...]
    request_pattern: re.Pattern[str] | None


@cache
def cues(language: str) -> Cues:
    """Return the bundled question and request cues of ``language`` (English for an unknown one)."""
    raw = json.loads((DATA / "intents.json").read_text(encoding="utf-8"))
    found = raw.get(language, raw["en"])
    return Cues(
        frozenset(found["question_words"]),
        frozenset(found["question_particles"]),
        _pattern(found["question_patterns"]),
        tuple(found["requests"]),
        _pattern(found["request_patterns"]),
    )


def _pattern(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns)) if patterns else None


def is_question(text: str, language: str) -> bool:
    """True when ``text`` asks something."""
    if "?" in text:
        return True
    found = cues(language)
    tokens = words(prepared(text, language))
    if not tokens:
        return False
    if tokens[0] in found.question_words or any(token in found.question_particles for token in tokens[1:]):
        return True
    return found.question_pattern is not None and found.question_pattern.search(" ".join(tokens)) is not None


def is_request(text: str, language: str) -> bool:
    """True when ``text`` asks the brand to do something."""
    found = cues(language)
    joined = " " + " ".join(words(prepared(text, language))) + " "
    if any(f" {cue} " in joined for cue in found.requests):
        return True
    return found.request_pattern is not None and found.request_pattern.search(joined) is not None


def names_competitor(text: str, competitors: frozenset[str]) -> bool:
    """True when ``text`` names one of ``competitors`` (lower-case names, matched as words)."""
    if not competitors:
        return False
    joined = " " + " ".join(words(text)) + " "
    return any(f" {name} " in joined for name in competitors)


def intent(text: str, language: str, sentiment: Sentiment, *, competitors: frozenset[str] = frozenset()) -> str:
    """Return what the voice wants: one of :data:`INTENTS`."""
    if sentiment.label == "negative" and names_competitor(text, competitors):
        return "other"
    asks = "question" if is_question(text, language) else "request" if is_request(text, language) else None
    if sentiment.label == "negative" and (asks is None or lexicon_model(language).sentiment(text).label == "negative"):
        return "complaint"
    return asks or ("praise" if sentiment.label == "positive" else "other")
