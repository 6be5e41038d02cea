"""Language detection among the map's languages, Uzbek by its own marks, mixed texts kept."""

from __future__ import annotations

import pytest

from journeymap.voice import detect
from journeymap.voice.language import candidates, uzbek_share

ALL = ("en", "ru", "uk", "kk", "uz", "lt")

SAMPLES = [
    ("en", "The courier was late and nobody answered the phone"),
    ("ru", "Курьер опоздал, и никто не отвечал на звонки"),
    ("uk", "Кур'єр запізнився, і ніхто не відповідав на дзвінки"),
    ("kk", "Курьер кешікті, ешкім телефонға жауап бермеді"),
    ("uz", "Kuryer kechikdi va hech kim telefonga javob bermadi"),
    ("uz", "Курьер кечикди ва ҳеч ким телефонга жавоб бермади"),
    ("lt", "Kurjeris vėlavo ir niekas neatsiliepė telefonu"),
]


@pytest.mark.parametrize(("language", "text"), SAMPLES)
def test_each_language_is_found_among_all_six(language, text):
    [(found, confidence)] = detect([text], ALL)
    assert found == language and 0 < confidence <= 1


def test_only_the_allowed_languages_are_answered():
    found = detect([text for _language, text in SAMPLES], ("ru", "en"))
    assert {language for language, _confidence in found} <= {"ru", "en"}


@pytest.mark.parametrize(
    ("text", "allowed", "expected"),
    [
        ("Маған ұнады, но доставка была долгой, очень долго ждали", ("kk", "ru", "en"), "ru"),
        ("Өте жақсы дүкен, рахмет! Всё пришло", ("kk", "ru", "en"), "kk"),
        ("Очень плохо, juda yomon xizmat, rahmat yo'q", ("uz", "ru", "en"), "uz"),
    ],
)
def test_mixed_texts_get_the_dominant_language(text, allowed, expected):
    assert detect([text], allowed)[0][0] == expected


@pytest.mark.parametrize("text", ["!!!", "...", "👍👍", "", "12345", "<script></script>"])
def test_texts_without_words_get_the_first_language_with_no_confidence(text):
    assert detect([text], ("ru", "en")) == [("ru", 0.0)]


def test_markup_and_huge_texts_do_not_break_detection():
    texts = ["<script>alert('x')</script> Очень удобный сайт", "Labai gerai. " * 8000]
    assert [language for language, _confidence in detect(texts, ALL)] == ["ru", "lt"]


def test_candidates_put_the_map_language_first_and_english_last():
    assert candidates("uz", ["ru", "uz"]) == ("uz", "ru", "en")


def test_uzbek_share_needs_uzbek_words_not_just_suffixes():
    assert uzbek_share("Hamma narsa juda zo'r") > 0.5
    assert uzbek_share("Bandana da Silva") == 0.0
