"""Keywords (YAKE, per-language stop words) and word clouds with the bundled Cyrillic font."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from journeymap.errors import DataSourceError, RenderError
from journeymap.voice import keyword_groups, keywords, read_feedback, render_cloud
from journeymap.voice.text import stop_words
from journeymap.voice.wordcloud import FONT


def test_stop_words_never_become_keywords():
    texts = ["Доставка и курьер, и опять доставка", "Курьер опоздал и доставка долгая"] * 5
    found = [keyword.phrase for keyword in keywords(texts, "ru", top=5)]
    assert found and not any(word in stop_words("ru") for phrase in found for word in phrase.split())
    assert "и" in stop_words("ru") and "және" in stop_words("kk") and "va" in stop_words("uz")


def test_keywords_of_empty_or_punctuation_texts():
    assert keywords([], "en") == [] and keywords(["!!!", "..."], "en") == []


def test_groups_by_step_and_stage(journey, write_csv):
    rows = [{"text": "The courier was late, courier never called"}, {"text": "Courier late again, awful courier"},
            {"text": "Payment by card failed"}]
    feedback = read_feedback(write_csv(rows))
    by_step = keyword_groups(feedback, journey=journey, by="step", top=3)
    assert list(by_step) == ["pays-for-the-order", "waits-for-delivery"]
    assert any("courier" in keyword.phrase for keyword in by_step["waits-for-delivery"])
    assert list(keyword_groups(feedback, journey=journey, by="stage")) == ["purchase", "delivery"]
    with pytest.raises(DataSourceError, match="--by stage needs the map: pass --map MAP"):
        keyword_groups(feedback, by="stage")
    with pytest.raises(DataSourceError, match="--by takes one of: all, step, stage"):
        keyword_groups(feedback, journey=journey, by="month")


def test_bundled_font_covers_all_six_alphabets():
    cmap = TTFont(FONT).getBestCmap()
    assert all(ord(character) in cmap for character in "әғқңөұүһіїєґщыёąčęėįšųūžʻ")
    assert FONT.stat().st_size < 200_000


def test_png_and_svg_clouds(tmp_path):
    weights = {"жеткізу": 1.0, "доставка": 0.8, "oʻzbek": 0.5, "pristatymas": 0.4}
    png = render_cloud(weights, tmp_path / "cloud.png")
    assert Image.open(png).size == (800, 450)
    svg = render_cloud(weights, tmp_path / "cloud.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "жеткізу" in svg and "@font-face" in svg


@pytest.mark.parametrize(("name", "weights", "message"), [("cloud.gif", {"a": 1}, "a word cloud is written as .png or .svg"),
                                                          ("cloud.png", {}, "no keywords to draw; the feedback has no words")])
def test_bad_cloud_requests_leave_no_file(tmp_path, name, weights, message):
    with pytest.raises(RenderError, match=message):
        render_cloud(weights, tmp_path / name)
    assert list(tmp_path.iterdir()) == []
