"""The statistics of discovery, from scipy and statsmodels: 2x2 tables, proportions, corrections, power.

Every function takes counts (already aggregated by the engine) and returns
plain floats, so the same numbers come out whatever engine counted them.

>>> table = Table2x2(did_yes=30, did_no=20, not_yes=10, not_no=40)
>>> round(table.phi, 3), round(table.odds_ratio, 2)
(0.408, 5.5)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats as scipy_stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)

from ...i18n import gettext as _
from ...published import Test

ALPHA = 0.05
POWER = 0.8
SMALL_CELL = 5
"""Below this expected count in any cell, Fisher's exact test replaces the chi-square and z-tests."""
PHI_READINGS = ((0.4, "highly predictive"), (0.2, "moderately predictive"), (0.1, "slightly predictive"), (-0.1, "not predictive"))
"""Amplitude Compass's reading of the phi coefficient (below the last: negatively predictive)."""


@dataclass(frozen=True)
class Table2x2:
    """Users who did an action (or got a variant) or not, by whether they reached an outcome.

    ``did_yes``: did it and reached the outcome; ``not_no``: neither.
    """

    did_yes: int
    did_no: int
    not_yes: int
    not_no: int

    @property
    def did(self) -> int:
        """Users who did the action."""
        return self.did_yes + self.did_no

    @property
    def did_not(self) -> int:
        """Users who did not."""
        return self.not_yes + self.not_no

    @property
    def rate_did(self) -> float | None:
        """The outcome's rate among those who did the action."""
        return self.did_yes / self.did if self.did else None

    @property
    def rate_not(self) -> float | None:
        """The outcome's rate among those who did not."""
        return self.not_yes / self.did_not if self.did_not else None

    @property
    def lift(self) -> float | None:
        """``rate_did / rate_not``; ``None`` when the second is zero or unknown."""
        if self.rate_did is None or not self.rate_not:
            return None
        return self.rate_did / self.rate_not

    @property
    def odds_ratio(self) -> float:
        """The odds ratio with one added to each cell (a +1 prior, as PostHog does), so it is always finite."""
        return ((self.did_yes + 1) * (self.not_no + 1)) / ((self.did_no + 1) * (self.not_yes + 1))

    @property
    def phi(self) -> float:
        """The phi coefficient (Pearson's correlation of the two yes/no variables); 0 when a margin is empty."""
        margins = self.did * self.did_not * (self.did_yes + self.not_yes) * (self.did_no + self.not_no)
        if not margins:
            return 0.0
        return (self.did_yes * self.not_no - self.did_no * self.not_yes) / math.sqrt(margins)

    @property
    def small(self) -> bool:
        """True when an expected cell count is below :data:`SMALL_CELL` (Fisher's test is used then)."""
        total = self.did + self.did_not
        if not total:
            return True
        yes = self.did_yes + self.not_yes
        expected = [row * column / total for row in (self.did, self.did_not) for column in (yes, total - yes)]
        return min(expected) < SMALL_CELL

    def rows(self) -> list[list[int]]:
        """Return the table as ``[[did_yes, did_no], [not_yes, not_no]]``."""
        return [[self.did_yes, self.did_no], [self.not_yes, self.not_no]]

    def p_value(self) -> tuple[float, str]:
        """Return the two-sided p-value of independence and the test used: ``chi-square`` or ``fisher``."""
        if self.small:
            return float(scipy_stats.fisher_exact(self.rows()).pvalue), "fisher"
        if min(self.did_yes + self.not_yes, self.did_no + self.not_no) == 0:
            return 1.0, "chi-square"
        return float(scipy_stats.chi2_contingency(self.rows(), correction=False).pvalue), "chi-square"

    def difference_interval(self, alpha: float = ALPHA) -> tuple[float, float] | None:
        """Return the Newcombe interval of ``rate_did - rate_not`` (``None`` when a group is empty)."""
        if not self.did or not self.did_not:
            return None
        low, high = confint_proportions_2indep(self.did_yes, self.did, self.not_yes, self.did_not, method="newcombe", alpha=alpha)
        return float(low), float(high)


def phi_reading(phi: float) -> str:
    """Return Amplitude Compass's words for a phi coefficient.

    >>> phi_reading(0.45), phi_reading(0.05), phi_reading(-0.3)
    ('highly predictive', 'not predictive', 'negatively predictive')
    """
    for threshold, words in PHI_READINGS:
        if phi >= threshold:
            return words
    return "negatively predictive"


def phi_words(phi: float) -> str:
    """Return :func:`phi_reading` in the user's language.

    >>> phi_words(0.25)
    'moderately predictive'
    """
    return {
        "highly predictive": _("highly predictive"),
        "moderately predictive": _("moderately predictive"),
        "slightly predictive": _("slightly predictive"),
        "not predictive": _("not predictive"),
        "negatively predictive": _("negatively predictive"),
    }[phi_reading(phi)]


def wilson(successes: int, trials: int, alpha: float = ALPHA) -> tuple[float, float] | None:
    """Return the Wilson score interval of a proportion (``None`` with no trials).

    >>> [round(bound, 3) for bound in wilson(8, 10)]
    [0.49, 0.943]
    """
    if not trials:
        return None
    low, high = proportion_confint(successes, trials, alpha=alpha, method="wilson")
    return float(low), float(high)


def two_proportions(control: tuple[int, int], other: tuple[int, int]) -> tuple[float, Test]:
    """Return the two-sided p-value that two rates differ, and the test: ``z-test`` or ``fisher`` for small counts.

    Each argument is ``(conversions, users)``.

    >>> p, test = two_proportions((100, 1000), (150, 1000))
    >>> round(p, 4), test
    (0.0007, 'z-test')
    """
    table = Table2x2(other[0], other[1] - other[0], control[0], control[1] - control[0])
    if table.small:
        return float(scipy_stats.fisher_exact(table.rows()).pvalue), "fisher"
    if control[0] + other[0] in (0, control[1] + other[1]):
        return 1.0, "z-test"
    _statistic, p_value = proportions_ztest([other[0], control[0]], [other[1], control[1]])
    return float(p_value), "z-test"


def adjusted(p_values: Sequence[float], method: str = "fdr_bh") -> list[float]:
    """Return p-values adjusted for multiple tests: Benjamini-Hochberg q-values by default, or ``holm``.

    >>> [round(q, 3) for q in adjusted([0.01, 0.04, 0.03])]
    [0.03, 0.04, 0.04]
    """
    if not p_values:
        return []
    return [float(value) for value in multipletests(list(p_values), method=method)[1]]


def sample_size(control_rate: float, other_rate: float, *, ratio: float = 1.0, alpha: float = ALPHA, power: float = POWER) -> int | None:
    """Return the users per control group needed to detect ``control_rate`` → ``other_rate`` (Cohen's h, normal power).

    ``None`` when the rates are equal (no effect to detect). The other group
    needs ``ratio`` times as many.

    >>> sample_size(0.10, 0.15)
    681
    """
    effect = abs(float(proportion_effectsize(other_rate, control_rate)))
    if effect == 0 or math.isnan(effect):
        return None
    users = NormalIndPower().solve_power(effect_size=effect, alpha=alpha, power=power, ratio=ratio, alternative="two-sided")
    return math.ceil(users)
