"""Sentiment in six languages: bundled models, rules, odd texts, pluggable models."""

from __future__ import annotations

import pytest

from journeymap.errors import MissingDependency
from journeymap.voice import Sentiment, SentimentModel, default_model, lexicon_model, load_model
from journeymap.voice.classifier import bundled_classifier

LABELLED = [
    ("en", "positive", "Great quality, fast delivery, I love it"),
    ("en", "negative", "Terrible service, the courier was rude and late"),
    ("ru", "positive", "Отличный магазин, всё пришло быстро, спасибо"),
    ("ru", "negative", "Ужасное обслуживание, курьер опоздал и нахамил"),
    ("uk", "positive", "Чудовий магазин, дуже задоволена, дякую"),
    ("uk", "negative", "Жахливе обслуговування, кур'єр запізнився"),
    ("kk", "positive", "Өте жақсы дүкен, тез жеткізді, рахмет"),
    ("kk", "negative", "Өте нашар, ұнамады, қымбат және сапасыз"),
    ("uz", "positive", "Juda yaxshi ilova, zo'r, rahmat"),
    ("uz", "positive", "Жуда яхши илова, раҳмат"),
    ("uz", "negative", "Juda yomon, ishlamayapti, o'chirdim"),
    ("lt", "positive", "Puiki parduotuvė, labai patiko, ačiū"),
    ("lt", "negative", "Siaubingas aptarnavimas, labai prasta kokybė"),
]


@pytest.mark.parametrize(("language", "label", "text"), LABELLED)
def test_default_model_labels_clear_texts_in_every_language(language, label, text):
    [sentiment] = default_model().predict([text], language)
    assert sentiment.label == label
    assert (sentiment.score > 0) == (label == "positive")


@pytest.mark.parametrize(("language", "label", "text"), LABELLED)
def test_lexicon_and_rules_agree_on_clear_texts(language, label, text):
    assert lexicon_model(language).sentiment(text).label == label


@pytest.mark.parametrize(
    ("language", "plain", "negated"),
    [
        ("en", "The shop is good", "The shop is not good"),
        ("ru", "Магазин хороший", "Магазин не хороший"),
        ("uk", "Магазин добрий", "Магазин не добрий"),
        ("kk", "Дүкен жақсы", "Дүкен жақсы емес"),
        ("uz", "Do'kon yaxshi", "Do'kon yaxshi emas"),
        ("uz", "Дўкон яхши", "Дўкон яхши эмас"),
        ("lt", "Parduotuvė patiko", "Parduotuvė nepatiko"),
        ("lt", "Parduotuvė gera", "Parduotuvė ne gera"),
    ],
)
def test_negation_flips_the_sign_in_every_language(language, plain, negated):
    model = lexicon_model(language)
    assert model.sentiment(plain).score > 0 > model.sentiment(negated).score
    assert lexicon_model(language, rules=False).sentiment(negated).score >= 0


@pytest.mark.parametrize(
    ("language", "plain", "intensified"),
    [("en", "good", "very good"), ("ru", "хорошо", "очень хорошо"), ("uk", "добре", "дуже добре"),
     ("kk", "жақсы", "өте жақсы"), ("uz", "yaxshi", "juda yaxshi"), ("lt", "gerai", "labai gerai")],
)
def test_intensifiers_strengthen(language, plain, intensified):
    model = lexicon_model(language)
    assert model.sentiment(intensified).score > model.sentiment(plain).score > 0


def test_contrast_makes_the_second_clause_count_more():
    assert lexicon_model("ru").sentiment("Цена хорошая, но доставка ужасная").label == "negative"
    assert lexicon_model("ru", rules=False).sentiment("Цена хорошая, но доставка плохая").label == "neutral"


@pytest.mark.parametrize("text", ["", "!!!", "...", "???!!!", "<script>x = 1</script>", "12 34"])
@pytest.mark.parametrize("language", ["en", "ru", "uk", "kk", "uz", "lt"])
def test_texts_without_sentiment_words_are_neutral_or_scored_in_range(text, language):
    [sentiment] = default_model().predict([text], language)
    assert -1 <= sentiment.score <= 1
    assert lexicon_model(language).sentiment(text) == Sentiment("neutral", 0.0)


def test_emoji_carry_sentiment_in_every_language():
    for language in ("en", "ru", "uk", "kk", "uz", "lt"):
        model = lexicon_model(language)
        assert model.sentiment("😍👍").label == "positive"
        assert model.sentiment("😡👎").label == "negative"


def test_hundred_kilobyte_texts_are_scored():
    text = "Ужасная доставка, курьер опоздал. " * 3000
    assert len(text) > 100_000
    [sentiment] = default_model().predict([text], "ru")
    assert sentiment.label == "negative" and -1 <= sentiment.score < 0


def test_classifiers_ship_for_the_languages_with_training_data():
    assert {language for language in ("en", "ru", "kk", "uz", "uk", "lt") if bundled_classifier(language)} == {"en", "ru", "kk", "uz"}
    assert bundled_classifier("ru").classes == ("negative", "neutral", "positive")


def test_unknown_language_falls_back_to_english_rules():
    assert default_model().predict(["great"], "de")[0].label == "positive"


def test_a_user_model_plugs_in_through_the_protocol():
    class Always:
        name = "always-negative"

        def predict(self, texts, language):
            return [Sentiment("negative", -1.0) for _text in texts]

    assert isinstance(Always(), SentimentModel)
    assert isinstance(default_model(), SentimentModel)


def test_transformers_model_without_the_package_says_how_to_install(tmp_path):
    try:
        import transformers  # noqa: F401
    except ImportError:
        with pytest.raises(MissingDependency, match=r"pip install 'journeymap\[transformers\]'"):
            load_model(tmp_path)
    else:
        pytest.skip("transformers is installed here")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "Expecting value"),
        ('{"features": ["lexicon"], "languages": {"en": {"classes": [], "coef": [], "intercept": []}}}', "its features are lexicon, not lexicon, lexicon_abs"),
        (
            '{"languages": {"en": {"classes": ["negative", "neutral", "positive"], "coef": [[0]], "intercept": [0, 0, 0]}}, "features": FEATURES}',
            r"en: classes negative, neutral, positive, coefficients \(1, 1\), intercepts \(3,\); expected negative, neutral, positive, \(3, 9\), \(3,\)",
        ),
    ],
)
def test_broken_combination_settings_are_named_with_the_way_to_rebuild_them(tmp_path, monkeypatch, content, reason):
    import json

    from journeymap.errors import DataSourceError
    from journeymap.voice import combination

    content = content.replace("FEATURES", json.dumps(combination.FEATURES))

    path = tmp_path / "combination.json"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(combination, "settings_path", lambda: path)
    combination.stacked_model.cache_clear()
    try:
        with pytest.raises(DataSourceError, match=rf"the sentiment combination settings cannot be read \(.*{reason}.*\); rebuild them with scripts/tune_sentiment.py"):
            combination.stacked_model("en")
    finally:
        combination.stacked_model.cache_clear()


def test_languages_without_a_classifier_have_no_stacked_model_and_are_scored_by_the_lexicon():
    from journeymap.voice.combination import stacked_model

    assert stacked_model("uk") is None and stacked_model("lt") is None
    texts = ["Дуже добре", "Нічого особливого"]
    assert default_model().predict(texts, "uk") == lexicon_model("uk").predict(texts, "uk")


@pytest.mark.parametrize(
    ("typed", "written", "label"),
    [("labai aciu, viskas puiku", "Labai ačiū, viskas puiku", "positive"), ("nepatiko, preke sugedo", "Nepatiko, prekė sugedo", "negative")],
)
def test_lithuanian_typed_without_diacritics_is_scored_as_written_with_them(typed, written, label):
    [without, with_marks] = lexicon_model("lt").predict([typed, written], "lt")
    assert without == with_marks and with_marks.label == label


def test_only_lithuanian_is_folded():
    from journeymap.voice.text import folded

    assert folded("ačiū", "lt") == "aciu" and folded("ačiū", "en") == "ačiū" and folded("Сәлем", "kk") == "Сәлем"


def test_uzbek_umuman_strengthens_a_negated_verb_instead_of_turning_it():
    model = lexicon_model("uz")
    [plain, strong] = model.predict(["pishmagan", "umuman pishmagan"], "uz")
    assert plain.label == strong.label == "negative" and strong.score < plain.score
