"""One date order per column, on event logs and feedback files: ambiguous and settled columns."""

from __future__ import annotations

from datetime import datetime

import pytest

from journeymap.analytics import read_events
from journeymap.dates import DAY_FIRST, MONTH_FIRST, date_order, evidence_of
from journeymap.errors import DataSourceError
from journeymap.voice import read_feedback

AMBIGUOUS = "tests: dates such as 03/05/2024 can be day-first or month-first and no value has a number over 12 to tell; pass --day-first or --month-first"


@pytest.mark.parametrize(
    "values, order",
    [
        (["03/05/2024", "13/05/2024"], DAY_FIRST),
        (["03/05/2024 10:00", "05/13/2024"], MONTH_FIRST),
        (["03-05-2024", "31-12-2024 23:59"], DAY_FIRST),
        (["2024-05-03", "05.03.2024"], None),  # ISO and dotted dates need no rule
    ],
)
def test_a_value_over_12_settles_the_column(values, order):
    found = date_order(evidence_of(values), column="tests")
    assert (found and found.order) == order


def test_a_column_that_cannot_tell_or_says_both_is_an_error_unless_the_user_says():
    with pytest.raises(DataSourceError) as error:
        date_order(evidence_of(["03/05/2024", "04/05/2024 10:00"]), column="tests")
    assert str(error.value) == AMBIGUOUS
    with pytest.raises(DataSourceError, match=r"^tests: dates are written both ways \(13/05/2024 and 05/13/2024\); pass --day-first or --month-first$"):
        date_order(evidence_of(["13/05/2024", "05/13/2024"]), column="tests")
    assert date_order(evidence_of(["03/05/2024"]), column="tests", given=MONTH_FIRST).order == MONTH_FIRST


def times(path, **options) -> list[str]:
    log = read_events(path, **options)
    return [str(value) for value in log.table.order_by("_row").execute()["timestamp"]], log.dates


def test_event_log_dates_with_and_without_a_time_follow_one_rule(tmp_path):
    settled = tmp_path / "settled.csv"
    settled.write_text("user_id,event,timestamp\na,open,03/05/2024\na,buy,03/05/2024 10:00\nb,open,13/05/2024 08:30\n")
    found, dates = times(settled)
    assert found == ["2024-05-03 00:00:00", "2024-05-03 10:00:00", "2024-05-13 08:30:00"]  # both 3 May: one rule for the column
    assert dates.note() == "timestamp: dates read day-first (13/05/2024 08:30 has a first number over 12)"
    ambiguous = tmp_path / "ambiguous.csv"
    ambiguous.write_text("user_id,event,timestamp\na,open,03/05/2024\na,buy,03/05/2024 10:00\n")
    with pytest.raises(DataSourceError) as error:
        read_events(ambiguous)
    assert str(error.value) == f"{ambiguous}: " + AMBIGUOUS.replace("tests:", "timestamp:")
    found, dates = times(ambiguous, dates=MONTH_FIRST)
    assert found == ["2024-03-05 00:00:00", "2024-03-05 10:00:00"] and dates.note() == "timestamp: dates read month-first (as you said)"


def test_feedback_dates_follow_the_same_rule(tmp_path):
    path = tmp_path / "feedback.csv"
    path.write_text("text,date\ngood,03/05/2024\nbad,05/13/2024 10:00\n")
    found = read_feedback(path)
    assert [voice.date.replace(tzinfo=None) for voice in found.voices] == [datetime(2024, 3, 5), datetime(2024, 5, 13, 10)]
    assert [order.note() for order in found.dates] == ["date: dates read month-first (05/13/2024 10:00 has a second number over 12)"]
    path.write_text("text,date\ngood,03/05/2024\nbad,04/05/2024 10:00\n")
    with pytest.raises(DataSourceError, match="can be day-first or month-first"):
        read_feedback(path)
    assert read_feedback(path, dates=DAY_FIRST).voices[0].date.month == 5
