"""Putting feedback on steps: explicit tag, keywords, similarity, unmapped."""

from __future__ import annotations

import pytest

from journeymap.voice import SUPPORTED, assign
from journeymap.voice.mapping import concepts, resolve_step, terms


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


def childrens_shop(language: str = "en"):
    from journeymap.files import example_path, load

    journey = load(example_path("childrens-shop"))
    return journey.model_copy(update={"language": language})


def test_the_bundled_sample_leaves_under_eight_percent_unmapped_each_with_a_reason():
    from journeymap.voice import read_feedback, sample_path, score

    records = score(read_feedback(sample_path()), languages=SUPPORTED, journey=childrens_shop())
    unmapped = [record for record in records if record.step_id is None]
    assert len(records) == 308
    assert len(unmapped) / len(records) < 0.08
    assert all(record.assignment is not None and record.assignment.reason for record in unmapped)


@pytest.mark.parametrize(
    ("text", "language", "step"),
    [
        ("Курьер опоздал на два часа", "ru", "waits-for-delivery"),
        ("Тез жеткізді, рахмет", "kk", "waits-for-delivery"),
        ("Kurjeris vėlavo tris valandas", "lt", "waits-for-delivery"),
        ("Рекомендую всем подругам, уже посоветовала троим", "ru", "tells-friends"),
        ("Менеджер перезвонил только через два дня", "ru", "managers-call"),
        ("To'lov karta bilan o'tmadi", "uz", "pays-for-the-order"),
        ("У каталозі немає фільтра за віком", "uk", "finds-the-product-card"),
    ],
)
@pytest.mark.parametrize("map_language", ["en", "ru"])
def test_voices_in_six_languages_reach_the_step_through_the_glossary(text, language, step, map_language):
    [found] = assign(childrens_shop(map_language), [text], [""], languages=[language])
    assert (found.step_id, found.method) == (step, "similarity")


def test_without_its_own_language_a_russian_voice_stays_unmapped_on_an_english_map():
    [found] = assign(childrens_shop(), ["Курьер опоздал на два часа"], [""], languages=["en"])
    assert found.step_id is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("👍👍", "no content words (greeting, emoji or punctuation only)"),
        ("Terrible!!!", "no word shared with any step, and no journey word from the glossary"),
    ],
)
def test_an_unmapped_voice_says_why(text, reason):
    [found] = assign(childrens_shop(), [text], [""], languages=["en"])
    assert (found.step_id, found.reason) == (None, reason)


def test_a_weak_match_names_the_closest_step_and_the_threshold():
    [found] = assign(childrens_shop(), ["The courier"], [""], languages=["en"], threshold=0.99)
    assert found.reason == f"closest step 'Waits for delivery' at {found.confidence:.2f}, below the threshold 0.99"


def test_concepts_take_the_longest_glossary_word():
    assert concepts("карточку товара", "ru") == ["=card"]
    assert concepts("оплатила картой", "ru") == ["=payment", "=payment"]
