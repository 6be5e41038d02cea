"""The statistics against scipy/statsmodels called directly and against hand-written formulas."""

from __future__ import annotations

import math
import random
import statistics

import pytest
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportions_ztest

from journeymap.analytics.discover import (
    Table2x2,
    adjusted,
    phi_reading,
    sample_size,
    two_proportions,
    wilson,
)

Z = scipy_stats.norm.ppf


def vectors(table: Table2x2) -> tuple[list[int], list[int]]:
    """The users behind a 2x2 table: did (0/1) and outcome (0/1), one pair per user."""
    cells = [(1, 1, table.did_yes), (1, 0, table.did_no), (0, 1, table.not_yes), (0, 0, table.not_no)]
    did = [a for a, _b, n in cells for _ in range(n)]
    outcome = [b for _a, b, n in cells for _ in range(n)]
    return did, outcome


TABLES = [Table2x2(30, 20, 10, 40), Table2x2(3, 1, 2, 9), Table2x2(120, 880, 95, 905), Table2x2(0, 10, 5, 5)]


@pytest.mark.parametrize("table", TABLES)
def test_phi_is_the_correlation_of_the_users_yes_no_values(table):
    assert table.phi == pytest.approx(statistics.correlation(*vectors(table)))


@pytest.mark.parametrize("table", TABLES)
def test_rates_lift_and_odds_ratio_with_a_prior_by_hand(table):
    did, outcome = vectors(table)
    doers = [o for d, o in zip(did, outcome) if d]
    others = [o for d, o in zip(did, outcome) if not d]
    assert table.rate_did == sum(doers) / len(doers)
    assert table.rate_not == sum(others) / len(others)
    assert table.lift == pytest.approx((sum(doers) / len(doers)) / (sum(others) / len(others)))
    a, b, c, d = table.did_yes + 1, table.did_no + 1, table.not_yes + 1, table.not_no + 1
    assert table.odds_ratio == pytest.approx(a * d / (b * c))


@pytest.mark.parametrize("table", TABLES)
def test_p_value_is_chi_square_or_fisher_for_small_cells(table):
    p_value, test = table.p_value()
    if test == "fisher":
        assert table.small
        assert p_value == pytest.approx(scipy_stats.fisher_exact(table.rows()).pvalue)
    else:
        n = table.did + table.did_not
        statistic = n * table.phi**2  # Pearson's chi-square of a 2x2 table is n * phi^2
        assert p_value == pytest.approx(scipy_stats.chi2.sf(statistic, 1))
        assert p_value == pytest.approx(scipy_stats.chi2_contingency(table.rows(), correction=False).pvalue)


def test_small_means_an_expected_cell_below_five():
    assert [table.small for table in TABLES] == [False, True, False, True]


def test_phi_readings_follow_amplitude_compass():
    assert [phi_reading(value) for value in (0.5, 0.4, 0.39, 0.2, 0.1, 0.0, -0.1, -0.2)] == [
        "highly predictive", "highly predictive", "moderately predictive", "moderately predictive",
        "slightly predictive", "not predictive", "not predictive", "negatively predictive",
    ]


@pytest.mark.parametrize("successes, trials", [(8, 10), (0, 20), (50, 50), (123, 1000)])
def test_wilson_interval_by_its_formula(successes, trials):
    p, z = successes / trials, Z(0.975)
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z / (1 + z * z / trials) * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    low, high = wilson(successes, trials)
    assert (low, high) == (pytest.approx(max(0, centre - half)), pytest.approx(min(1, centre + half)))
    assert wilson(0, 0) is None


def test_two_proportions_is_the_pooled_z_test():
    p_value, test = two_proportions((100, 1000), (150, 1000))
    pooled = 250 / 2000
    z = (0.15 - 0.10) / math.sqrt(pooled * (1 - pooled) * (2 / 1000))
    assert test == "z-test"
    assert p_value == pytest.approx(2 * scipy_stats.norm.sf(z))
    assert p_value == pytest.approx(proportions_ztest([150, 100], [1000, 1000])[1])


def test_two_proportions_small_counts_use_fisher():
    p_value, test = two_proportions((1, 12), (6, 11))
    assert test == "fisher"
    assert p_value == pytest.approx(scipy_stats.fisher_exact([[6, 5], [1, 11]]).pvalue)


def test_benjamini_hochberg_by_hand():
    p_values = [0.01, 0.04, 0.03, 0.2, 0.001]
    m = len(p_values)
    order = sorted(range(m), key=p_values.__getitem__)
    expected = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * m / rank)
        expected[index] = running
    assert adjusted(p_values) == pytest.approx(expected)
    assert adjusted([]) == []


def test_holm_by_hand():
    p_values = [0.01, 0.04, 0.03]
    assert adjusted(p_values, "holm") == pytest.approx([0.03, 0.06, 0.06])


def test_sample_size_by_the_normal_formula():
    h = abs(2 * math.asin(math.sqrt(0.15)) - 2 * math.asin(math.sqrt(0.10)))
    by_hand = 2 * ((Z(0.975) + Z(0.8)) / h) ** 2  # per group: Var(2 asin sqrt p) = 1/n in each
    assert sample_size(0.10, 0.15) == math.ceil(by_hand)
    assert sample_size(0.2, 0.2) is None


def test_a_a_tests_are_called_significant_about_alpha_of_the_time():
    rng = random.Random(11)
    calls = 0
    runs = 400
    for _ in range(runs):
        a = sum(rng.random() < 0.2 for _ in range(400))
        b = sum(rng.random() < 0.2 for _ in range(400))
        calls += two_proportions((a, 400), (b, 400))[0] < 0.05
    assert calls / runs < 0.08
