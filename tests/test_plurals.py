"""Plural forms: each language's catalog picks the form Babel's (CLDR) rules name for a count."""

from __future__ import annotations

import pytest
from babel import Locale

from journeymap import counting
from journeymap.analytics.sources import BadRows
from journeymap.i18n import LANGUAGES, in_language

STEP_WORDS = {
    "en": {"one": "step", "other": "steps"},
    "ru": {"one": "шаг", "few": "шага", "many": "шагов"},
    "uk": {"one": "крок", "few": "кроки", "many": "кроків"},
    "lt": {"one": "žingsnis", "few": "žingsniai", "other": "žingsnių"},
    "kk": {"one": "қадам", "other": "қадам"},
    "uz": {"one": "qadam", "other": "qadam"},
}
"""The word for "step" after a number, for each of CLDR's plural categories, as a grammar gives it."""


def test_every_language_has_its_plural_words() -> None:
    assert sorted(STEP_WORDS) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", sorted(STEP_WORDS))
def test_a_count_of_steps_takes_the_form_of_babels_plural_rule(language: str) -> None:
    rule = Locale.parse(language)
    with in_language(language):
        written = {count: counting.steps(count) for count in range(0, 130)}
    assert written == {count: f"{count} {STEP_WORDS[language][rule.plural_form(count)]}" for count in range(0, 130)}


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["1 stage", "2 stages", "5 stages", "10 stages", "21 stages"]),
    ("ru", ["1 этап", "2 этапа", "5 этапов", "10 этапов", "21 этап"]),
    ("uk", ["1 етап", "2 етапи", "5 етапів", "10 етапів", "21 етап"]),
    ("lt", ["1 etapas", "2 etapai", "5 etapai", "10 etapų", "21 etapas"]),
    ("kk", ["1 кезең", "2 кезең", "5 кезең", "10 кезең", "21 кезең"]),
    ("uz", ["1 bosqich", "2 bosqich", "5 bosqich", "10 bosqich", "21 bosqich"]),
])
def test_a_count_of_stages_is_written_in_each_language(language: str, expected: list[str]) -> None:
    with in_language(language):
        assert [counting.stages(count) for count in (1, 2, 5, 10, 21)] == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["1 bad row skipped: ", "3 bad rows skipped: ", "11 bad rows skipped: "]),
    ("ru", ["пропущена 1 плохая строка: ", "пропущены 3 плохие строки: ", "пропущено 11 плохих строк: "]),
    ("lt", ["praleista 1 bloga eilutė: ", "praleistos 3 blogos eilutės: ", "praleista 11 blogų eilučių: "]),
])
def test_skipped_rows_are_counted_with_the_plural_form(language: str, expected: list[str]) -> None:
    with in_language(language):
        assert [BadRows(total=count).summary() for count in (1, 3, 11)] == expected
