"""Lexicon-and-rules sentiment: word valences, negation, intensifiers, contrast.

Each language has a lexicon (``data/lexicons/<lang>.csv``: ``word,score``;
a word ending in ``*`` is a stem matching any ending) and rules
(``data/rules.json``): negators before the word (Russian не), after it
(Kazakh емес, Uzbek emas), as a prefix (Lithuanian ne-), intensifiers,
diminishers and contrast words (but: the clause after counts more).

>>> model = lexicon_model("ru")
>>> [sentiment.label for sentiment in model.predict(["Очень хорошо", "Не хорошо", "Доставка во вторник"], "ru")]
['positive', 'negative', 'neutral']
>>> lexicon_model("ru", rules=False).predict(["Не хорошо"], "ru")[0].label
'positive'
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .text import folded, prepared, words
from .types import Sentiment, label_of

DATA = resources.files("journeymap.voice") / "data"
_LEMMATIZED = {"uk"}
"""Languages whose lexicon lists lemmas (tone-dict-uk); ours list stems, VADER lists word forms."""
_NEGATION = -0.74
_BOOST = 0.6
_WINDOW = 3
_CLAUSE = re.compile(r"[,.;:!?()\n]+")
_BOUNDARY = "\x00"
"""Negation and intensifiers act inside their clause only: a token marks where one ends."""


@dataclass(frozen=True)
class Rules:
    """How a language turns word valences into a sentence's sentiment."""

    scale: float = 1.0
    negators_before: frozenset[str] = frozenset()
    negators_after: frozenset[str] = frozenset()
    negation_prefixes: tuple[str, ...] = ()
    intensifiers: frozenset[str] = frozenset()
    diminishers: frozenset[str] = frozenset()
    contrast: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """Word valences of one language: exact words, stems and two-word phrases."""

    words: dict[str, float] = field(default_factory=dict)
    stems: dict[str, float] = field(default_factory=dict)
    phrases: dict[tuple[str, str], float] = field(default_factory=dict)

    def valence(self, word: str, language: str) -> float | None:
        """Return the valence of ``word``: exact, then its lemma, then its longest stem."""
        if not word:
            return None
        if word in self.words:
            return self.words[word]
        if language in _LEMMATIZED and (lemma := _lemma(word, language)) in self.words:
            return self.words[lemma]
        for end in range(len(word), 1, -1):
            if word[:end] in self.stems:
                return self.stems[word[:end]]
        return None


@cache
def _lemma(word: str, language: str) -> str:
    from simplemma import lemmatize

    return lemmatize(word, lang=language).lower()


@cache
def load_lexicon(language: str) -> Lexicon:
    """Return the bundled lexicon of ``language``, our additions to it, and the emoji lexicon."""
    lexicon = Lexicon()
    for name in (language, f"{language}-journeymap", "emoji"):
        path = DATA / "lexicons" / f"{name}.csv"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                _add(lexicon, folded(row["word"].strip().lower(), language), float(row["score"]))
    return lexicon


def _add(lexicon: Lexicon, word: str, score: float) -> None:
    if " " in word:
        first, second = word.split(" ", 1)
        lexicon.phrases[(first, second.rstrip("*"))] = score
    elif word.endswith("*"):
        lexicon.stems[word[:-1]] = score
    else:
        lexicon.words[word] = score


@cache
def load_rules(language: str) -> Rules:
    """Return the bundled negation, intensifier and contrast rules of ``language``."""
    raw = json.loads((DATA / "rules.json").read_text(encoding="utf-8")).get(language, {})
    return Rules(
        scale=raw.get("scale", 1.0),
        negation_prefixes=tuple(folded(prefix, language) for prefix in raw.get("negation_prefixes", ())),
        **{
            name: frozenset(folded(word, language) for word in raw.get(name, ()))
            for name in ("negators_before", "negators_after", "intensifiers", "diminishers", "contrast")
        },
    )


@dataclass(frozen=True)
class LexiconModel:
    """A sentiment model from a lexicon, with or without the language's rules."""

    language: str
    lexicon: Lexicon
    rules: Rules
    use_rules: bool = True

    @property
    def name(self) -> str:
        """What the model is, for reports."""
        return f"lexicon{'+rules' if self.use_rules else ''}:{self.language}"

    def predict(self, texts: Sequence[str], language: str) -> list[Sentiment]:
        """Return a :class:`Sentiment` per text."""
        return [self.sentiment(text) for text in texts]

    def sentiment(self, text: str) -> Sentiment:
        """Return the sentiment of one text."""
        read = folded(prepared(text, self.language), self.language)
        tokens = [token for clause in _CLAUSE.split(read) for token in (*words(clause), _BOUNDARY)]
        total = sum(self._valences(tokens))
        if self.use_rules:
            total += math.copysign(min(text.count("!"), 3) * 0.2, total) if total else 0.0
        score = total / math.sqrt(total * total + 15) if total else 0.0
        return Sentiment(label_of(score), round(score, 4))

    def _valences(self, tokens: list[str]) -> list[float]:
        found: list[float] = []
        contrast_at = max((index for index, token in enumerate(tokens) if token in self.rules.contrast), default=-1)
        skip = False
        for index in range(len(tokens)):
            if skip:
                skip = False
                continue
            value, skip = self._value_at(tokens, index)
            if value is None:
                continue
            value *= self.rules.scale
            if self.use_rules:
                value *= self._modifier(tokens, index + (1 if skip else 0), index)
                if contrast_at >= 0:
                    value *= 1.5 if index > contrast_at else 0.5
            found.append(value)
        return found

    def _value_at(self, tokens: list[str], index: int) -> tuple[float | None, bool]:
        token = tokens[index]
        if index + 1 < len(tokens) and (token, tokens[index + 1]) in self.lexicon.phrases:
            return self.lexicon.phrases[(token, tokens[index + 1])], True
        value = self.lexicon.valence(token, self.language)
        if value is None and self.use_rules:
            for prefix in self.rules.negation_prefixes:
                if token.startswith(prefix) and (base := self.lexicon.valence(token[len(prefix) :], self.language)):
                    return base * _NEGATION, False
        return value, False

    def _modifier(self, tokens: list[str], last: int, first: int) -> float:
        rules = self.rules
        before = _after_last(tokens[max(0, first - _WINDOW) : first], _BOUNDARY)
        after = tokens[last + 1 : last + 3]
        after = after[: after.index(_BOUNDARY)] if _BOUNDARY in after else after
        factor = 1.0
        if any(token in rules.intensifiers for token in before[-2:]):
            factor *= 1 + _BOOST
        if any(token in rules.diminishers for token in before[-2:]):
            factor *= 1 - _BOOST / 2
        negated = any(token in rules.negators_before or token.endswith("n't") for token in before if token not in rules.contrast)
        negated ^= any(token in rules.negators_after for token in after)
        return factor * _NEGATION if negated else factor


def _after_last(tokens: list[str], mark: str) -> list[str]:
    return tokens[len(tokens) - tokens[::-1].index(mark) :] if mark in tokens else tokens


def lexicon_model(language: str, *, rules: bool = True) -> LexiconModel:
    """Return the bundled lexicon model of ``language``; ``rules=False`` is the plain baseline."""
    return LexiconModel(language, load_lexicon(language), load_rules(language), rules)
