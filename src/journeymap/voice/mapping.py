"""Which step each piece of feedback speaks about.

In order: the row's explicit ``step`` (an id or a step's name); else the
step's ``voice.keywords`` found in the text; else text similarity between the
feedback and the step's own words (name, description, actions, goals,
thoughts, pains, barriers, problems), lemmatized in the map's language with
simplemma, kept only above a threshold. Feedback matching nothing is
unmapped, and counted.

>>> from journeymap.model import Journey
>>> journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [
...     {"name": "Pays", "actions": ["pays by card"], "voice": {"keywords": ["payment"]}},
...     {"name": "Waits for delivery", "pains": ["courier is late"]}]}])
>>> [(a.step_id, a.method) for a in assign(journey, ["Payment failed twice", "The courier was late again", "hello"], ["", "", ""])]
[('pays', 'keyword'), ('waits-for-delivery', 'similarity'), (None, 'none')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..model import Journey, Step, slugify
from .text import stop_words, words
from .types import DEFAULT_THRESHOLD

_LEMMATIZED = {"en", "ru", "uk", "lt"}
_STEM = 6


@dataclass(frozen=True)
class Assignment:
    """The step a text was put on (``None``: unmapped), how, and how sure."""

    step_id: str | None
    method: str
    confidence: float


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
    journey: Journey, texts: Sequence[str], explicit: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD
) -> list[Assignment]:
    """Return an :class:`Assignment` per text (``explicit`` holds each row's step column, or '')."""
    language = journey.language.split("-")[0]
    keywords = _keyword_index(journey, language)
    results: list[Assignment | None] = [None] * len(texts)
    pending: list[int] = []
    for index, (text, tag) in enumerate(zip(texts, explicit)):
        step_id = resolve_step(journey, tag) if tag else None
        if step_id is not None:
            results[index] = Assignment(step_id, "explicit", 1.0)
        elif (found := _by_keywords(text, keywords, language)) is not None:
            results[index] = found
        else:
            pending.append(index)
    for index, found in zip(pending, _by_similarity(journey, [texts[index] for index in pending], language, threshold)):
        results[index] = found
    return [result or Assignment(None, "none", 0.0) for result in results]


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


def _keyword_index(journey: Journey, language: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (step.id, tuple(terms(keyword, language)) or (keyword.lower(),))
        for step in journey.steps
        if step.voice is not None
        for keyword in step.voice.keywords
    ]


def _by_keywords(text: str, keywords: list[tuple[str, tuple[str, ...]]], language: str) -> Assignment | None:
    if not keywords:
        return None
    present = set(terms(text, language))
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


def _by_similarity(journey: Journey, texts: list[str], language: str, threshold: float) -> list[Assignment]:
    if not texts:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    steps = journey.steps
    vectorizer = TfidfVectorizer(analyzer=lambda text: terms(text, language), sublinear_tf=True)
    try:
        step_matrix = vectorizer.fit_transform([step_document(step) for step in steps])
    except ValueError:  # the steps have no content words at all
        return [Assignment(None, "none", 0.0)] * len(texts)
    similarity = (vectorizer.transform(texts) @ step_matrix.T).toarray()
    best = similarity.argmax(axis=1)
    scores = similarity[np.arange(len(texts)), best]
    return [
        Assignment(steps[int(column)].id, "similarity", round(float(score), 3)) if score >= threshold else Assignment(None, "none", round(float(score), 3))
        for column, score in zip(best, scores)
    ]
