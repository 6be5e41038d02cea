"""Putting feedback on steps: explicit tag, keywords, similarity, unmapped."""

from __future__ import annotations

import pytest

from journeymap.voice import assign
from journeymap.voice.mapping import resolve_step, terms


def test_explicit_step_wins_over_everything(journey):
    [found] = assign(journey, ["The payment failed"], ["waits-for-delivery"])
    assert (found.step_id, found.method, found.confidence) == ("waits-for-delivery", "explicit", 1.0)


def test_explicit_step_may_be_a_name_written_loosely(journey):
    assert resolve_step(journey, "Pays for the Order") == "pays-for-the-order"
    assert resolve_step(journey, "no such step") is None


def test_an_unknown_explicit_step_falls_back_to_the_text(journey):
    [found] = assign(journey, ["Payment failed"], ["checkout"])
    assert (found.step_id, found.method) == ("pays-for-the-order", "keyword")


def test_keywords_in_several_languages(journey):
    found = assign(journey, ["Оплата не прошла", "To'lov ishlamayapti", "Card payment declined"], ["", "", ""])
    assert [(item.step_id, item.method) for item in found] == [("pays-for-the-order", "keyword")] * 3


def test_similarity_with_confidence_and_threshold(journey):
    texts = ["The courier was late again", "Catalogue filters are so confusing", "I like turtles"]
    found = assign(journey, texts, ["", "", ""])
    assert [(item.step_id, item.method) for item in found] == [
        ("waits-for-delivery", "similarity"), ("finds-the-product-card", "similarity"), (None, "none")]
    assert 0.12 <= found[0].confidence <= 1 and found[2].confidence == 0.0
    strict = assign(journey, texts[:1], [""], threshold=0.99)
    assert strict[0].step_id is None and strict[0].confidence == found[0].confidence


def test_odd_texts_are_unmapped_not_errors(journey):
    texts = ["", "!!!", "<script>alert(1)</script>", "👍", "Доставка " * 20000]
    found = assign(journey, texts, [""] * len(texts))
    assert [item.step_id for item in found[:4]] == [None] * 4


def test_terms_are_lemmatized_and_stop_words_dropped():
    assert terms("The couriers were late", "en") == ["courie", "late"]
    assert terms("Курьеры опоздали", "ru") == terms("курьер опоздал", "ru")


MAPS = {
    "en": (["Pays for the order", "Waits for delivery"], "The delivery was late, waited for two weeks", 1),
    "ru": (["Оплачивает заказ", "Ждёт доставку"], "Доставку ждали две недели", 1),
    "uk": (["Оплачує замовлення", "Чекає на доставку"], "Замовлення оплатила карткою без проблем", 0),
    "kk": (["Тапсырысты төлейді", "Жеткізуді күтеді"], "Жеткізуді бір апта күттік", 1),
    "uz": (["Buyurtma uchun to'laydi", "Yetkazib berishni kutadi"], "Yetkazib berishni bir hafta kutdik", 1),
    "lt": (["Apmoka užsakymą", "Laukia pristatymo"], "Pristatymo laukėme dvi savaites", 1),
}


@pytest.mark.parametrize("language", list(MAPS))
def test_similarity_in_the_maps_language(language):
    from journeymap.model import Journey

    names, text, expected = MAPS[language]
    journey = Journey.model_validate({"title": "T", "language": language, "stages": [{"name": "S", "steps": [{"name": name} for name in names]}]})
    [found] = assign(journey, [text], [""])
    assert (found.step_id, found.method) == (journey.steps[expected].id, "similarity")
