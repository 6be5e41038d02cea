"""Any text at all: language, sentiment and mapping answer for every one, never crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from journeymap.voice import SUPPORTED, assign, default_model, detect, lexicon_model

TEXTS = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), min_size=1, max_size=8)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=TEXTS)
def test_every_text_gets_a_language_a_sentiment_and_an_assignment(texts, journey):
    found = detect(texts, SUPPORTED)
    assert len(found) == len(texts) and all(language in SUPPORTED and 0 <= confidence <= 1 for language, confidence in found)
    for language in SUPPORTED:
        for model in (default_model(), lexicon_model(language)):
            sentiments = model.predict(texts, language)
            assert len(sentiments) == len(texts)
            assert all(-1 <= sentiment.score <= 1 and sentiment.label in ("negative", "neutral", "positive") for sentiment in sentiments)
    assert len(assign(journey, texts, [""] * len(texts))) == len(texts)
