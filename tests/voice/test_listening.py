"""Complaints answered and response times, checked against hand-computed values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from journeymap.voice import Sentiment, Voice, listening
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
