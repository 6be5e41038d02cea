"""Charts: the figures hold the result's numbers, and the HTML works offline."""

from __future__ import annotations

import pytest

import journeymap.analytics as analytics
from journeymap.analytics import (
    cohort_heatmap,
    funnel,
    funnel_chart,
    paths,
    retention,
    retention_chart,
    sample_path,
    sankey_chart,
    transitions,
    transitions_chart,
    write_html,
)


@pytest.fixture(scope="module")
def log():
    return analytics.read_events(sample_path())


def test_funnel_chart_has_one_trace_per_group(log):
    result = funnel(log, ["app_open", "view_item", "purchase"], by="platform")
    figure = funnel_chart(result)
    assert [trace.name for trace in figure.data] == list(result.groups)
    assert list(figure.data[0].x) == [step.users for step in result.groups[figure.data[0].name].steps]


def test_retention_curve_and_cohort_heatmap(log):
    result = retention(log, [0, 1, 7])
    assert list(retention_chart(result).data[0].y) == [result.retention[day] for day in (0, 1, 7)]
    heat = cohort_heatmap(result).data[0]
    assert len(heat.z) == len(result.weekly) and heat.z[0][0] == 1.0


def test_sankey_links_sum_to_the_users_at_each_level(log):
    result = paths(log, "search", depth=2)
    sankey = sankey_chart(result).data[0]
    first_level = [link["users"] for link in result.links if link["level"] == 1]
    assert sum(first_level) == result.users
    assert sum(sankey.link.value) == sum(link["users"] for link in result.links)


def test_transitions_heatmap_is_square(log):
    result = transitions(log)
    z = transitions_chart(result).data[0].z
    assert len(z) == len(z[0]) == len(result.events)


def test_html_is_self_contained(tmp_path, log):
    page = write_html([retention_chart(retention(log, [1])), funnel_chart(funnel(log, ["app_open"]))], tmp_path / "c.html").read_text()
    assert "<script src=" not in page
    assert page.count("Plotly.newPlot") == 2
    assert len(page) > 1_000_000  # plotly.js is inside


def test_public_surface_is_sorted_and_complete():
    assert analytics.__all__ == sorted(analytics.__all__)
    assert all(hasattr(analytics, name) for name in analytics.__all__)
