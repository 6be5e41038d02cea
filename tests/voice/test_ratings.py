"""CSAT, NPS, CES and stars, checked against hand-computed values."""

from __future__ import annotations

import pytest

from journeymap.errors import DataSourceError
from journeymap.voice import summarize
from journeymap.voice.ratings import detect_scale


def test_csat_is_the_share_of_four_and_five():
    assert summarize([5, 4, 4, 3, 2, 1, 5, 5], "csat").value == 62.5  # 5 of 8


def test_nps_is_promoters_minus_detractors():
    # promoters 9,10,10 = 3; passives 7,8 = 2; detractors 0,6,5 = 3; n = 8 -> 0
    assert summarize([9, 10, 10, 7, 8, 0, 6, 5], "nps").value == 0.0
    assert summarize([10, 10, 10, 6], "nps").value == 50.0


def test_ces_is_the_mean():
    summary = summarize([1, 2, 6, 7], "ces")
    assert (summary.value, summary.mean, summary.count) == (4.0, 4.0, 4)


def test_scale_is_detected_from_the_values():
    assert [detect_scale(values) for values in ([1, 5], [1, 7], [0, 10], [3, 9])] == ["stars", "ces", "nps", "nps"]
    assert summarize([]) is None


def test_unknown_scale():
    with pytest.raises(DataSourceError, match="unknown rating scale 'ten'; use one of: stars, csat, nps, ces"):
        summarize([1], "ten")
