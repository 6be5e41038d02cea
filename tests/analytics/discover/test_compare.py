"""Compare: one funnel per segment; each step's conversion tested across segments with scipy."""

from __future__ import annotations

import pytest
from scipy import stats as scipy_stats

from journeymap.analytics.discover import compare
from journeymap.errors import DataSourceError

from ..conftest import event
from .planted import planted_log

STEPS = ["cart", "form", "pay"]


def test_the_variant_that_converts_better_at_one_step_differs_there_only(load):
    result = compare(load(planted_log()), STEPS, by="variant")
    assert [(test.step, test.significant) for test in result.tests] == [("form", True), ("pay", False)]
    assert (result.tests[0].best, result.tests[0].worst) == ("B", "A")
    a, b = result.funnel.groups["A"].steps, result.funnel.groups["B"].steps
    table = [[a[1].users, a[0].users - a[1].users], [b[1].users, b[0].users - b[1].users]]
    assert result.tests[0].p_value == pytest.approx(scipy_stats.chi2_contingency(table, correction=False).pvalue)


def test_three_segments_use_the_chi_square_of_the_whole_table(load):
    rows = []
    for group, went in [("x", 10), ("y", 20), ("z", 30)]:
        for user in range(40):
            rows.append(event(f"{group}{user}", "view", user, segment=group))
            if user < went:
                rows.append(event(f"{group}{user}", "buy", user + 60, segment=group))
    result = compare(load(rows), ["view", "buy"], by="segment")
    expected = scipy_stats.chi2_contingency([[10, 30], [20, 20], [30, 10]], correction=False).pvalue
    assert (result.tests[0].p_value, result.tests[0].test) == (pytest.approx(expected), "chi-square")
    assert set(result.to_dict()["groups"]) == {"x", "y", "z"}


def test_the_a_a_split_differs_nowhere(load):
    result = compare(load(planted_log()), STEPS, by="aa")
    assert [test.significant for test in result.tests] == [False, False]


def test_one_segment_is_an_error(load):
    with pytest.raises(DataSourceError) as raised:
        compare(load([event("a", "view", 0, segment="x")]), ["view", "buy"], by="segment")
    assert str(raised.value) == "--segment-column 'segment' has fewer than two values among the users who entered: nothing to compare"
