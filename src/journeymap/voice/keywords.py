"""Top keywords of a group of texts: YAKE with each language's stop words.

>>> [keyword.phrase for keyword in keywords(["Доставка опоздала на неделю", "Курьер опоздал, доставка ужасная"] * 3, "ru", top=2)]
['доставка ужасная', 'доставка опоздала']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..model import Journey
from ..published import PUBLISHED
from .language import detect
from .mapping import assign
from .pipeline import map_languages
from .sources import FeedbackSet
from .text import normalize, stop_words

MAX_CHARS = 8_000
"""Keywords of a group are found in texts taken evenly across it, up to about this many characters."""


@dataclass(frozen=True)
class Keyword:
    """A key phrase and its weight (0..1, higher is more relevant)."""

    __pydantic_config__ = PUBLISHED

    phrase: str
    weight: float


def sample(texts: Sequence[str], limit: int = MAX_CHARS) -> str:
    """Return texts joined as sentences, about ``limit`` characters, taken evenly across ``texts``.

    >>> sample(["one", "two three", "four"], limit=8)
    'one.\\nfour.'
    """
    total = sum(min(len(text), limit) for text in texts)
    stride = max(1, -(-total // limit))
    chosen: list[str] = []
    size = 0
    for text in texts[::stride]:
        cleaned = normalize(text)
        if cleaned:
            chosen.append(cleaned.rstrip(".!?") + ".")
            size += len(cleaned)
        if size >= limit:
            break
    return "\n".join(chosen)


def keywords(texts: Sequence[str], language: str, *, top: int = 15, ngrams: int = 2, also: Sequence[str] = ()) -> list[Keyword]:
    """Return the ``top`` key phrases of ``texts`` in ``language``, most relevant first.

    The stop words of the ``also`` languages are left out too (texts of a group often mix languages).
    """
    import yake

    document = sample(texts)
    if not document.strip():
        return []
    stops = set().union(*(stop_words(code) for code in (language, *also))) or None
    extractor = yake.KeywordExtractor(lan=language, n=ngrams, top=top * 2, dedupLim=0.7, stopwords=stops)
    found = [(phrase.lower(), score) for phrase, score in extractor.extract_keywords(document) if _has_letters(phrase)]
    unique = list(dict((phrase, score) for phrase, score in reversed(found)).items())[::-1]
    unique.sort(key=lambda pair: pair[1])
    chosen = unique[:top]
    if not chosen:
        return []
    best = chosen[0][1] or 1e-9
    return [Keyword(phrase, round(float(min(1.0, best / (score or 1e-9))), 4)) for phrase, score in chosen]


def _has_letters(phrase: str) -> bool:
    return any(character.isalpha() for character in phrase)


GROUPINGS = ("all", "step", "stage")


def keyword_groups(
    feedback: FeedbackSet, *, journey: Journey | None = None, by: str = "all", top: int = 15, languages: Sequence[str] = ()
) -> dict[str, list[Keyword]]:
    """Return the top keywords of the feedback, all together or per step or stage of ``journey``."""
    if by not in GROUPINGS:
        raise DataSourceError(_("--by takes one of: {choices}").format(choices=", ".join(GROUPINGS)))
    if by != "all" and journey is None:
        raise DataSourceError(_("--by {by} needs the map: pass --map MAP").format(by=by))
    texts = [voice.text for voice in feedback.voices]
    found = detect(texts, map_languages(journey, languages))
    if by == "all" or journey is None:
        return {"all": keywords_of_group(texts, [language for language, _confidence in found], top)}
    assignments = assign(journey, texts, [voice.step for voice in feedback.voices], languages=[language for language, _confidence in found])
    stage_of = {step.id: stage.id for stage, step in journey.iter_steps()}
    groups: dict[str, list[int]] = {}
    for index, assignment in enumerate(assignments):
        if assignment.step_id is not None:
            groups.setdefault(assignment.step_id if by == "step" else stage_of[assignment.step_id], []).append(index)
    order = [step.id for step in journey.steps] if by == "step" else [stage.id for stage in journey.stages]
    return {
        group: keywords_of_group([texts[index] for index in groups[group]], [found[index][0] for index in groups[group]], top)
        for group in order
        if group in groups
    }


def keywords_of_group(texts: Sequence[str], languages: Sequence[str], top: int) -> list[Keyword]:
    """Return the keywords of texts whose languages are ``languages`` (one per text), the commonest first."""
    ordered = [language for language, _count in Counter(languages).most_common()] or ["en"]
    return keywords(texts, ordered[0], top=top, also=ordered[1:])
