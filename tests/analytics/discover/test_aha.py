"""Aha moments: counts against a brute-force reference, the planted aha event found and nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scipy import stats as scipy_stats

from journeymap.analytics.discover import AhaSettings, Table2x2, aha
from journeymap.errors import DataSourceError

from ..conftest import event, random_log
from .planted import aha_reference, planted_log

DAY = 86400


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("start", [None, "b"])
def test_tables_match_the_reference_on_random_logs(load, seed, start):
    rows = random_log(seed, users=60, span_days=12)
    result = aha(load(rows), AhaSettings(retention_day=2, within="1d", min_users=1, include_return_events=True, from_event=start))
    cohort, retained, counts = aha_reference(rows, day=2, within=timedelta(days=1), from_event=start)
    assert (result.cohort_size, result.retained) == (cohort, retained)
    assert sorted(c.event for c in result.candidates) == sorted(name for name, (did, _kept) in counts.items() if 0 < did < cohort and name != start)
    for candidate in result.candidates:
        did, kept = counts[candidate.event]
        assert candidate.table == Table2x2(kept, did - kept, retained - kept, cohort - did - (retained - kept))
    assert [c.event for c in result.candidates] == sorted(
        [c.event for c in result.candidates], key=lambda name: -next(c.phi for c in result.candidates if c.event == name)
    )


def test_best_k_is_the_k_with_the_highest_phi(load):
    rows = random_log(5, users=80, span_days=10)
    result = aha(load(rows), AhaSettings(retention_day=2, within="1d", min_users=3, include_return_events=True))
    cohort, retained, _counts = aha_reference(rows, day=2, within=timedelta(days=1))
    for candidate in result.candidates:
        phis = {}
        for k in range(1, 6):
            did, kept = aha_reference(rows, day=2, within=timedelta(days=1), k=k)[2].get(candidate.event, (0, 0))
            table = Table2x2(kept, did - kept, retained - kept, cohort - did - (retained - kept))
            if did >= 3 and cohort - did >= 3:
                phis[k] = table.phi
        assert candidate.best_k == max(phis, key=lambda k: (phis[k], -k))


def test_the_planted_aha_event_is_found_and_the_neutral_one_is_not(load):
    rows = planted_log()
    result = aha(load(rows), AhaSettings(retention_day=7, within="1d"))
    top = result.candidates[0]
    assert top.event == "bookmark"
    assert top.q_value < 1e-6 and top.table.lift > 2.5 and top.phi > 0.3
    cohort, retained, counts = aha_reference(rows, day=7, within=timedelta(days=1))
    did, kept = counts["bookmark"]
    assert top.p_value == pytest.approx(scipy_stats.chi2_contingency([[kept, did - kept], [retained - kept, cohort - did - retained + kept]], correction=False).pvalue)
    scroll = next(c for c in result.candidates if c.event == "scroll")
    assert scroll.q_value > 0.05
    assert "open" not in [c.event for c in result.candidates]  # every user opened: no one to compare with


def test_the_return_event_is_excluded_unless_asked(load):
    rows = [event(f"u{n}", "open", 0) for n in range(40)] + [event(f"u{n}", "ping", 60) for n in range(20)]
    rows += [event(f"u{n}", "ping", 2 * DAY + 10) for n in range(10)]
    table = load(rows)
    assert [c.event for c in aha(table, AhaSettings(retention_day=2, within="1d", min_users=5, return_event="ping")).candidates] == []
    included = aha(table, AhaSettings(retention_day=2, within="1d", min_users=5, return_event="ping", include_return_events=True))
    assert [c.event for c in included.candidates] == ["ping"]
    assert included.candidates[0].table == Table2x2(10, 10, 0, 20)


def test_min_users_defaults_to_25_or_2_percent(load):
    rows = [event(f"u{n}", "open", 0) for n in range(100)] + [event(f"u{n}", "rare", 5) for n in range(24)]
    result = aha(load(rows), AhaSettings(retention_day=1, within="1h"))
    assert result.min_users == 25 and result.candidates == []


def test_a_window_past_the_retention_day_is_an_error(load):
    with pytest.raises(DataSourceError) as raised:
        aha(load([event("a", "open", 0)]), AhaSettings(retention_day=2, within="3d"))
    assert str(raised.value) == "--within 3d must end by day 2: an action after that would count as the return itself"


def test_json_shape(load):
    data = aha(load(planted_log(400)), AhaSettings(retention_day=7, within="1d", min_users=10)).to_dict()
    assert set(data) >= {"retention_day", "cohort_size", "candidates"}
    assert set(data["candidates"][0]) >= {"event", "users_did", "retention_did", "retention_not", "lift", "odds_ratio", "phi", "p_value", "q_value", "best_k"}


def test_the_aha_step_is_marked_on_the_map_once(load):
    from journeymap.analytics.discover import mark_aha
    from journeymap.model import EvidenceKind, Journey

    steps = [{"name": name.title(), "id": name, "binding": {"event": name}} for name in ("open", "bookmark", "scroll")]
    journey = Journey(title="App", stages=[{"name": "All", "steps": steps}])
    result = aha(load(planted_log()), AhaSettings(retention_day=7, within="1d"))
    marked = mark_aha(mark_aha(journey, result), result)
    assert [step.id for step in marked.steps if step.key_moment] == ["bookmark"]
    evidence = marked.step("bookmark").evidence
    top = result.candidates[0]
    assert len(evidence) == 1 and evidence[0].kind == EvidenceKind.analytics and evidence[0].proposed
    assert evidence[0].text == "Users who did bookmark in their first 1 d came back on day 7 {:.1f}× as often (phi {:.2f}, {})".format(
        top.table.lift, top.phi, "moderately predictive" if top.phi < 0.4 else "highly predictive"
    )
    assert not journey.step("bookmark").key_moment
