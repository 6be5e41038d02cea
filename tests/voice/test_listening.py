"""Complaints answered and response times, checked against hand-computed values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journeymap.voice import SUPPORTED, Sentiment, Voice, listening, read_feedback, score
from journeymap.voice.intent import intent
from journeymap.voice.listening import percentile
from journeymap.voice.pipeline import Scored

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def record(label, channel, hours=None, replied=False, month=3):
    date = T0.replace(month=month)
    voice = Voice(1, "text", date=date, channel=channel, reply_text="ok" if replied else "",
                  replied_at=date + timedelta(hours=hours) if hours is not None else None)
    return Scored(voice, "en", 1.0, Sentiment(label, -0.5 if label == "negative" else 0.5))


def test_shares_and_times_by_channel_and_month():
    records = [
        record("negative", "social", hours=1, replied=True),
        record("negative", "social", hours=3),
        record("negative", "social"),
        record("negative", "social", month=4),
        record("negative", "social", month=4),
        record("negative", "app", hours=10, replied=True, month=4),
        record("positive", "app", hours=100, replied=True),
        record("negative", "app", hours=-2, replied=True),
    ]
    report = listening(records)
    overall = report.overall
    # complaints: 7; answered: 4 (two by reply text, one by reply date, one with a reply dated before the post)
    assert (overall.posts, overall.complaints, overall.answered, overall.inconsistent) == (8, 7, 4, 1)
    assert overall.answered_share == round(4 / 7, 4) and overall.unanswered_share == round(1 - 4 / 7, 4)
    # times 1, 3, 10 -> median 3; p90 by linear interpolation: 3 + 0.8 * (10 - 3) = 8.6
    assert (overall.median_hours, overall.p90_hours) == (3, 8.6)
    social = next(stats for stats in report.by_channel if stats.key == "social")
    assert (social.complaints, social.answered, social.unanswered_share) == (5, 2, 0.6)
    assert [(stats.key, stats.complaints) for stats in report.by_month] == [("2025-03", 4), ("2025-04", 3)]


def test_no_complaints_gives_no_share():
    report = listening([record("positive", "app")])
    assert report.overall.answered_share is None and report.overall.median_hours is None


def test_percentile_matches_hand_computation():
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1.0, 2.0], 0.9) == 1.9
    assert percentile([10, 20, 30, 40], 0.5) == 25


SAMPLE = Path(__file__).parent / "data" / "listening_sample.csv"


def sample_report():
    records = score(read_feedback(SAMPLE), languages=SUPPORTED)
    return listening(records, brand=["KidsShop"], competitors=["Ozon"])


def test_the_hand_counted_sample_with_reply_links():
    # Counted by hand from listening_sample.csv: 22 rows, 4 by the brand's account (2, 6, 13, 17) are answers.
    # Need an answer: complaints 1, 4, 9, 11, 14, 19, 21; questions 3, 5, 12; requests 8, 15 (12 in all).
    # Answered: 1 (reply_to), 4 (reply on the row), 5 (thread), 9 (reply_to, a week later), 11 and 12 (thread),
    # 15 (reply text, undated), 21 (reply dated before the post: inconsistent) -> 8 of 12.
    # Row 10 is negative about a competitor; row 20 is a customer replying to a customer, not an answer.
    report = sample_report()
    overall = report.overall
    assert report.intents == {"complaint": 7, "question": 3, "request": 2, "praise": 4, "other": 2}
    assert (overall.posts, overall.needs_answer, overall.answered, overall.inconsistent) == (18, 12, 8, 1)
    assert (overall.answered_share, overall.unanswered_share) == (round(8 / 12, 4), round(4 / 12, 4))
    # first answers in hours: 2, 12, 3, 167, 3, 2 -> median 3; p90 at position 4.5 of 6: 12 + 0.5 * (167 - 12)
    assert (overall.median_hours, overall.p90_hours) == (3.0, 89.5)
    channels = {stats.key: (stats.posts, stats.needs_answer, stats.answered) for stats in report.by_channel}
    assert channels == {"social": (12, 7, 4), "app": (3, 3, 2), "review": (3, 2, 2)}
    weeks = {stats.key: (stats.posts, stats.needs_answer, stats.answered) for stats in report.by_week}
    assert weeks == {"2025-W10": (8, 6, 4), "2025-W11": (10, 6, 4)}


def test_without_the_brand_account_its_posts_are_voices_and_answer_nothing():
    overall = listening(score(read_feedback(SAMPLE), languages=SUPPORTED)).overall
    assert overall.posts == 22
    assert overall.answered == 3  # only the replies stored on rows 4, 15 and 21


@pytest.mark.parametrize(
    ("text", "language", "label", "expected"),
    [
        ("When will my order ship?", "en", "neutral", "question"),
        ("Please call me about order 7731", "en", "neutral", "request"),
        ("Подскажите, как оформить возврат", "ru", "neutral", "request"),
        ("Чому мені ніхто не відповідає??", "uk", "negative", "complaint"),
        ("Бұл модель 104 өлшемде бар ма", "kk", "neutral", "question"),
        ("4521 тапсырыс бойынша маған хабарласыңызшы", "kk", "neutral", "request"),
        ("Bu model 110 o'lchamda bormi", "uz", "neutral", "question"),
        ("Iltimos, buyurtma bo'yicha qo'ng'iroq qiling", "uz", "negative", "request"),
        ("Prašau paskambinti dėl užsakymo", "lt", "neutral", "request"),
        ("Ar galima atsiimti parduotuvėje", "lt", "neutral", "question"),
        ("Labai patiko aptarnavimas", "lt", "positive", "praise"),
        ("Отримала посилку сьогодні", "uk", "neutral", "other"),
        ("Скажіть, коли поповнення розмірів", "uk", "neutral", "request"),
        ("Жеткізу мекенжайын өзгерткім келеді", "kk", "neutral", "request"),
        ("Пишу по поводу обмена", "ru", "neutral", "request"),
    ],
)
def test_intents_in_six_languages(text, language, label, expected):
    assert intent(text, language, Sentiment(label, {"negative": -0.5, "neutral": 0.0, "positive": 0.5}[label])) == expected


def test_a_brand_post_in_the_thread_before_the_voice_does_not_answer_it():
    early = Voice(1, "Kurjeris vėlavo, siaubas", id="a", date=T0, author="rasa", thread="t")
    answer = Voice(2, "Atsiprašome", id="b", date=T0 - timedelta(hours=1), author="Shop", thread="t")
    records = [Scored(voice, "lt", 1.0, Sentiment("negative", -0.5)) for voice in (early, answer)]
    overall = listening(records, brand=["shop"]).overall
    assert (overall.posts, overall.complaints, overall.answered) == (1, 1, 0)
