"""Which step each piece of feedback speaks about.

In order: the row's explicit ``step`` (an id or a step's name); else the
step's ``voice.keywords`` found in the text; else text similarity between the
feedback and the step's own words (name, description, actions, goals,
thoughts, pains, barriers, problems), kept only above a threshold. Each text
is lemmatized in its own language (simplemma for en, ru, uk, lt; six-letter
stems for kk, uz), and a bundled glossary of journey words
(``data/glossary.json``: delivery, payment, size, the manager's call, the
catalogue, ... in the six languages) adds a shared concept term to the text
and to the steps, so that "Курьер опоздал" meets a step named "Waits for
delivery". Feedback matching nothing is unmapped, counted, and given a reason.

>>> from journeymap.model import Journey
>>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [
...     {"name": "Pays", "actions": ["pays by card"], "voice": {"keywords": ["payment"]}},
...     {"name": "Waits for delivery", "pains": ["courier is late"]}]}])
>>> [(a.step_id, a.method) for a in assign(journey, ["Payment failed twice", "The courier was late again", "hello"], ["", "", ""])]
[('pays', 'keyword'), ('waits-for-delivery', 'similarity'), (None, 'none')]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..i18n import gettext as _
from ..model import Journey, Step, slugify
from .lexicon import DATA
from .text import prepared, stop_words, words
from .types import DEFAULT_THRESHOLD

_LEMMATIZED = {"en", "ru", "uk", "lt"}
_STEM = 6
_CONCEPT = "="
"""Marks a glossary concept among a text's terms (no word starts with it)."""
_SHORTEST = 3


@dataclass(frozen=True)
class Assignment:
    """The step a text was put on (``None``: unmapped), how, how sure, and why an unmapped one is unmapped."""

    step_id: str | None
    method: str
    confidence: float
    reason: str = ""


def resolve_step(journey: Journey, value: str) -> str | None:
    """Return the id of the step named by ``value`` (an id or a name, loosely), else ``None``.

    >>> from journeymap.model import Journey
    >>> resolve_step(Journey(title="T", stages=[{"name": "S", "steps": [{"name": "Pays now"}]}]), "Pays Now")
    'pays-now'
    """
    ids = {step.id for step in journey.steps}
    if value in ids:
        return value
    slug = slugify(value)
    by_name = {slugify(step.name): step.id for step in journey.steps}
    return slug if slug in ids else by_name.get(slug)


def assign(
    journey: Journey,
    texts: Sequence[str],
    explicit: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    languages: Sequence[str] | None = None,
) -> list[Assignment]:
    """Return an :class:`Assignment` per text (``explicit`` holds each row's step column, or ''; ``languages`` each text's language, else the map's)."""
    language = journey.language.split("-")[0]
    own = list(languages) if languages is not None else [language] * len(texts)
    keywords = _keyword_index(journey, language)
    results: list[Assignment | None] = [None] * len(texts)
    pending: list[int] = []
    for index, (text, tag) in enumerate(zip(texts, explicit)):
        step_id = resolve_step(journey, tag) if tag else None
        if step_id is not None:
            results[index] = Assignment(step_id, "explicit", 1.0)
        elif (found := _by_keywords(text, keywords, language, own[index])) is not None:
            results[index] = found
        else:
            pending.append(index)
    similar = _by_similarity(journey, [(texts[index], own[index]) for index in pending], language, threshold)
    for index, found in zip(pending, similar):
        results[index] = found
    return [result or Assignment(None, "none", 0.0, _("no text")) for result in results]


@cache
def _term(word: str, language: str) -> str:
    if language in _LEMMATIZED:
        from simplemma import lemmatize

        word = lemmatize(word, lang=language).lower()
    return word[:_STEM]


def terms(text: str, language: str) -> list[str]:
    """Return the content terms of ``text``: lemmatized (or stemmed), stop words left out.

    >>> terms("The couriers were late", "en")
    ['courie', 'late']
    """
    stops = stop_words(language)
    return [_term(word, language) for word in words(text) if word not in stops and len(word) > 1 and word[0].isalpha()]


ANY_LANGUAGE = "*"
"""Read a text with the glossaries of all six languages (a map's steps may be written in any of them)."""


@cache
def _glossary(language: str) -> dict[str, str]:
    """Return the bundled journey words of ``language`` (or of all, :data:`ANY_LANGUAGE`): each word's start (a whole word ends in '.') and its concept."""
    raw = json.loads((DATA / "glossary.json").read_text(encoding="utf-8"))
    return {word: concept for concept, by_language in raw.items() for name, found in by_language.items() if language in (name, ANY_LANGUAGE) for word in found}


def concepts(text: str, language: str) -> list[str]:
    """Return the glossary concepts ``text`` speaks of, as terms (``=delivery``), in order.

    >>> concepts("Курьер опоздал, оплата картой", "ru"), concepts("Kurjeris vėlavo", "lt")
    (['=delivery', '=delivery', '=payment', '=payment'], ['=delivery', '=delivery'])
    """
    glossary = _glossary(language)
    if not glossary:
        return []
    tokens = words(prepared(text, language) if language != ANY_LANGUAGE else text)
    found = []
    for index, token in enumerate(tokens):
        pair = f"{token} {tokens[index + 1]}" if index + 1 < len(tokens) else ""
        concept = _concept_of(pair, glossary, len(token) + 2) if pair else None
        concept = concept or glossary.get(f"{token}.") or _concept_of(token, glossary, _SHORTEST)
        if concept is not None:
            found.append(_CONCEPT + concept)
    return found


def _concept_of(word: str, glossary: dict[str, str], shortest: int) -> str | None:
    return next((glossary[word[:end]] for end in range(len(word), shortest - 1, -1) if word[:end] in glossary), None)


def features(text: str, language: str, glossary: str | None = None) -> list[str]:
    """Return what similarity compares: the text's terms and its glossary concepts (in ``glossary``'s language, else the text's)."""
    return terms(text, language) + concepts(text, glossary or language)


def _keyword_index(journey: Journey, language: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (step.id, tuple(terms(keyword, language)) or (keyword.lower(),))
        for step in journey.steps
        if step.voice is not None
        for keyword in step.voice.keywords
    ]


def _by_keywords(text: str, keywords: list[tuple[str, tuple[str, ...]]], language: str, own: str) -> Assignment | None:
    if not keywords:
        return None
    present = set(terms(text, language)) | (set(terms(text, own)) if own != language else set())
    hits: dict[str, int] = {}
    for step_id, keyword in keywords:
        if all(term in present for term in keyword):
            hits[step_id] = hits.get(step_id, 0) + 1
    if not hits:
        return None
    best = max(hits, key=hits.__getitem__)
    return Assignment(best, "keyword", round(hits[best] / sum(hits.values()), 3))


def step_document(step: Step) -> str:
    """Return the words of a step that feedback about it is likely to share."""
    lanes = (step.actions, step.goals, step.thoughts, step.pains, step.barriers, step.problems, step.sees, step.gains)
    return " ".join([step.name, step.description, *(card for lane in lanes for card in lane)])


def _by_similarity(journey: Journey, texts: list[tuple[str, str]], language: str, threshold: float) -> list[Assignment]:
    if not texts:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    steps = journey.steps
    vectorizer = TfidfVectorizer(analyzer=lambda item: features(*item), sublinear_tf=True)
    try:
        step_matrix = vectorizer.fit_transform([(step_document(step), language, ANY_LANGUAGE) for step in steps])
    except ValueError:  # the steps have no content words at all
        return [Assignment(None, "none", 0.0, _("the map's steps have no words to compare with"))] * len(texts)
    similarity = (vectorizer.transform(texts) @ step_matrix.T).toarray()
    best = similarity.argmax(axis=1)
    scores = similarity[np.arange(len(texts)), best]
    return [
        Assignment(steps[int(column)].id, "similarity", round(float(score), 3))
        if score >= threshold
        else Assignment(None, "none", round(float(score), 3), _unmapped_reason(item, steps[int(column)].name, float(score), threshold))
        for item, column, score in zip(texts, best, scores)
    ]


def _unmapped_reason(item: tuple[str, str], nearest: str, score: float, threshold: float) -> str:
    if not features(*item):
        return _("no content words (greeting, emoji or punctuation only)")
    if score <= 0:
        return _("no word shared with any step, and no journey word from the glossary")
    return _("closest step '{step}' at {score:.2f}, below the threshold {threshold:.2f}").format(step=nearest, score=score, threshold=threshold)
