"""A/B tests: arms against a brute-force count, the planted variant found, an A/A test calls nothing."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pyarrow.parquet as pq
import pytest

from journeymap.analytics import sample_path
from journeymap.analytics.discover import abtest, adjusted, two_proportions, wilson
from journeymap.errors import DataSourceError

from .. import reference as ref
from ..conftest import event, random_log
from .planted import planted_log

STEPS = ["cart", "form", "pay"]


@pytest.fixture(scope="module")
def rows():
    return planted_log()


def arms_by_hand(rows, steps, column):
    """Per variant: users, and per step the users who reached it in the ordered funnel."""
    first = {}
    for user, events in ref.by_user(rows).items():
        values = [e.props.get(column) for e in events if e.props.get(column) not in (None, "")]
        if values:
            first[user] = values[0]
    reached = ref.funnel_times(rows, [ref.Step((name,)) for name in steps], timedelta(days=30))
    arms = defaultdict(lambda: [0] * (len(steps) + 1))
    for user, variant in first.items():
        arms[variant][0] += 1
        for k in range(len(reached.get(user, []))):
            arms[variant][k + 1] += 1
    return dict(arms)


@pytest.mark.parametrize("seed", [1, 2])
def test_arms_match_a_brute_force_count(load, seed):
    rows = random_log(seed, users=60)
    result = abtest(load(rows), ["a", "b"], variant_column="platform", control="ios")
    expected = arms_by_hand(rows, ["a", "b"], "platform")
    for arm in result.arms:
        k = ["a", "b"].index(arm.step)
        assert (arm.users, arm.conversions) == (expected[arm.variant][0], expected[arm.variant][k + 1])


def test_the_better_variant_is_found_with_the_right_statistics(load, rows):
    result = abtest(load(rows), STEPS, variant_column="variant", control="A")
    significant = [(row.variant, row.step) for row in result.comparisons if row.significant]
    assert ("B", "form") in significant and ("B", "cart") not in significant
    arms = {(arm.variant, arm.step): arm for arm in result.arms}
    a, b = arms[("A", "form")], arms[("B", "form")]
    row = next(row for row in result.comparisons if row.step == "form")
    assert row.p_value == pytest.approx(two_proportions((a.conversions, a.users), (b.conversions, b.users))[0])
    assert row.difference == pytest.approx(b.conversions / b.users - a.conversions / a.users)
    assert row.uplift == pytest.approx(row.difference / (a.conversions / a.users))
    assert [value for value in adjusted([r.p_value for r in result.comparisons], "holm")] == [r.adjusted_p for r in result.comparisons]
    assert result.to_dict()["arms"][0]["interval"] == list(wilson(result.arms[0].conversions, result.arms[0].users))
    assert row.interval[0] < row.difference < row.interval[1]
    assert row.needed_users < a.users


def test_an_a_a_split_calls_nothing_significant(load, rows):
    result = abtest(load(rows), STEPS, variant_column="aa")
    assert [row.significant for row in result.comparisons] == [False, False, False]


def test_before_and_after_a_release_date(load):
    rows = [event(f"b{n}", "view", 0) for n in range(30)] + [event(f"b{n}", "buy", 60) for n in range(6)]
    rows += [event(f"a{n}", "view", 10 * 86400) for n in range(30)] + [event(f"a{n}", "buy", 10 * 86400 + 60) for n in range(24)]
    result = abtest(load(rows), ["view", "buy"], before="2024-01-01..2024-01-05", after="2024-01-10..2024-01-20")
    assert result.control == "before" and result.variants == ["before", "after"]
    buy = result.comparisons[-1]
    assert (buy.step, buy.significant, buy.difference) == ("buy", True, pytest.approx(0.6))


@pytest.mark.parametrize(
    "options, message",
    [
        ({"variant_column": "colour"}, "--variant-column 'colour': the log has no such column (columns: user_id, event, timestamp, platform)"),
        ({}, "name the variant column with --variant-column, or give both --before and --after date ranges"),
        ({"variant_column": "platform", "control": "web"}, "control 'web' is not a variant in the log (variants: android, ios)"),
        ({"before": "2024-01-01", "after": "2024-01-02..2024-01-03"}, "date range '2024-01-01': write it as 2025-09-01..2025-09-30"),
        ({"variant_column": "platform", "correction": "none"}, "correction 'none': choose one of holm, fdr_bh, bonferroni"),
    ],
)
def test_bad_options_are_one_line_errors(load, options, message):
    with pytest.raises(DataSourceError) as raised:
        abtest(load(random_log(1, users=10)), ["a"], **options)
    assert str(raised.value) == message


def test_day_n_retention_is_compared_too(load):
    rows = [event(f"{v}{n}", "open", n, variant=v) for v in "AB" for n in range(40)]
    rows += [event(f"A{n}", "open", 7 * 86400 + 60, variant="A") for n in range(8)]
    rows += [event(f"B{n}", "open", 7 * 86400 + 60, variant="B") for n in range(30)]
    result = abtest(load(rows), [], variant_column="variant", control="A", retention_day=7)
    assert [(arm.variant, arm.step, arm.users, arm.conversions) for arm in result.arms] == [
        ("A", "retained on day 7", 40, 8), ("B", "retained on day 7", 40, 30)
    ]
    (row,) = result.comparisons
    assert row.significant and row.p_value == pytest.approx(two_proportions((8, 40), (30, 40))[0])


def test_every_run_on_a_fresh_engine_counts_the_same_retained_users():
    """DuckDB 1.5.0 to 1.5.2 rewrote the per-user first time (a window over each user) into a self-join that,
    on a new connection, counted 0 to 138 of the sample's 143 day-7 users in about one run of five; 1.5.3
    failed on stacked windows (duckdb#22791). pyproject asks for duckdb >= 1.5.4, and this holds it there."""
    rows = [ref.Event(row["user_id"], row["event"], row["timestamp"]) for row in pq.read_table(sample_path()).to_pylist()]
    expected = ref.retention(rows, [7])["retained"][7]
    counts = [
        sum(arm.conversions for arm in abtest(sample_path(), [], variant_column="platform", control="ios", retention_day=7).arms)
        for _run in range(15)
    ]
    assert counts == [expected] * 15


def test_nothing_to_compare_is_an_error(load):
    with pytest.raises(DataSourceError) as raised:
        abtest(load(random_log(1, users=10)), [], variant_column="platform")
    assert str(raised.value) == "name what to compare: --step (conversion) or --retention-day (retention), or both"


def test_steps_and_retention_together(load, rows):
    both = abtest(load(rows), STEPS, variant_column="variant", control="A", retention_day=7)
    steps_only = abtest(load(rows), STEPS, variant_column="variant", control="A")
    assert [(a.variant, a.step, a.conversions) for a in both.arms if a.step in STEPS] == [(a.variant, a.step, a.conversions) for a in steps_only.arms]
    assert [a.step for a in both.arms].count("retained on day 7") == 2
