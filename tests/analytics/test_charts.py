"""Charts: the numbers a figure writes are the result's, in the poster's look (grouped bars, bands, greyed cells, one colour per event)."""

from __future__ import annotations

import pytest
from statsmodels.stats.proportion import proportion_confint

import journeymap.analytics as analytics
from journeymap.analytics import (
    Retention,
    cohort_heatmap,
    funnel,
    funnel_chart,
    paths,
    retention,
    retention_chart,
    retention_curve_days,
    retention_curves_chart,
    sample_path,
    sankey_chart,
    transitions,
    transitions_chart,
    transitions_graph,
)
from journeymap.analytics.chart_theme import ACCENT, COLOURS, SEQUENTIAL
from journeymap.analytics.paths import END
from journeymap.analytics.transitions_graph import node_order
from journeymap.render.numbers import count, share


@pytest.fixture(scope="module")
def log():
    return analytics.read_events(sample_path())


@pytest.fixture(scope="module")
def curve(log):
    return retention(log, retention_curve_days([1, 7, 30]))


def test_the_funnel_by_platform_is_grouped_bars_labelled_with_users_and_conversions(log):
    result = funnel(log, ["app_open", "view_item", "purchase"], by="platform")
    figure = funnel_chart(result)
    assert figure.layout.barmode == "group"
    assert [(trace.type, trace.name) for trace in figure.data] == [("bar", name) for name in result.groups]
    for trace, colour in zip(figure.data, COLOURS, strict=False):
        users = [step.users for step in result.groups[trace.name].steps]
        assert list(trace.y) == users and list(trace.text) == [f"{number:,}" for number in users]
        assert trace.marker.color == colour and trace.textposition == "outside"
    conversions = [annotation.text for annotation in figure.layout.annotations]
    assert [annotation.x for annotation in figure.layout.annotations] == [0.5, 1.5]
    for index, text in enumerate(conversions, start=1):
        lines = text.split("<br>")
        expected = [share(group.steps[index].users / group.steps[index - 1].users) for group in result.groups.values()]
        assert [line.split("→ ")[1].split("<")[0] for line in lines] == expected
    assert "android" in result.groups and "→ 22%" in conversions[1]  # the planted effect: Android buys half as often after viewing


def test_a_funnel_without_groups_is_one_series_without_legend(log):
    result = funnel(log, ["app_open", "purchase"])
    figure = funnel_chart(result)
    assert len(figure.data) == 1 and figure.layout.showlegend is False
    assert figure.layout.title.text == f"Funnel: {result.entered:,} users entered"
    assert figure.layout.annotations[0].text.endswith(f"→ {share(result.steps[1].users / result.steps[0].users)}</span>")


def test_the_retention_curve_starts_at_day_0_in_a_band_that_statsmodels_computes(curve):
    figure = retention_chart(curve, marks=[1, 7, 30])
    top, bottom, line = figure.data
    assert list(line.x) == list(range(31)) and line.y[0] == 1.0
    assert list(line.y) == [curve.retained[day] / curve.cohort_size for day in range(31)]
    for day, low, high in zip(line.x, bottom.y, top.y, strict=True):
        expected = proportion_confint(curve.retained[day], curve.cohort_size, alpha=0.05, method="wilson")
        assert (low, high) == pytest.approx(expected, abs=1e-12)
    assert bottom.fill == "tonexty" and top.fill is None
    assert [text for text in line.text if text] == [share(curve.retention[day]) for day in (1, 7, 30)]
    assert figure.layout.title.text == f"Retention of {curve.cohort_size:,} users" == "Retention of 3,000 users"


def test_the_retention_axis_fits_the_data_when_there_is_no_day_0(log):
    result = retention(log, [1, 7])
    figure = retention_chart(result)
    high = max(figure.data[0].y)
    assert figure.layout.yaxis.range == (0, pytest.approx(high * 1.08))
    assert high < 0.2


def test_segments_curves_are_overlaid_each_with_its_band_and_colour(curve):
    half = Retention(cohort_size=200, retention={0: 1.0, 1: 0.5, 7: 0.25}, retained={0: 200, 1: 100, 7: 50})
    figure = retention_curves_chart({"all": curve, "half": half})
    assert [trace.name for trace in figure.data[2::3]] == ["all", "half"]
    assert [trace.line.color for trace in figure.data[2::3]] == COLOURS[:2]
    assert figure.data[4].fillcolor == "rgba(163,58,38,0.1)"
    assert list(figure.data[5].x) == [0, 1, 7] and figure.data[5].text == ("", "", "25%")  # several curves: only each one's last day
    assert figure.layout.showlegend is True and figure.layout.yaxis.range == (0, 1.0)


def test_the_cohort_table_colours_weeks_1_and_later_of_the_larger_cohorts(curve):
    figure = cohort_heatmap(curve)
    coloured, grey = figure.data
    rows = curve.weekly
    small = [index for index, row in enumerate(rows) if row["size"] < 30]
    assert small == [0] and rows[0]["size"] == 3  # the sample's first week has three users
    expected_top = max(value for row in rows if row["size"] >= 30 for value in row["weeks"][1:])
    assert coloured.zmin == 0 and coloured.zmax == expected_top < 0.25
    assert all(line[0] is None for line in coloured.z) and all(value is None for value in coloured.z[0])
    assert all(line[0] == 1 for line in grey.z) and all(value == 1 for value in grey.z[0][: len(rows[0]["weeks"])])
    for index, row in enumerate(rows):
        written = [a or b for a, b in zip(coloured.text[index], grey.text[index], strict=True)]
        assert written[: len(row["weeks"])] == [share(value) for value in row["weeks"]]
    assert (
        coloured.y[0] == f"{rows[0]['cohort']}: 3 users, too few"
        and coloured.y[1] == f"{rows[1]['cohort']}: {count(rows[1]['size'])} users"
    )
    assert [list(stop) for stop in coloured.colorscale] == SEQUENTIAL


def test_the_small_cohort_threshold_is_a_parameter(curve):
    figure = cohort_heatmap(curve, smallest=500)
    assert all(value is None for line in figure.data[0].z for value in line)
    assert "under 500 users" in figure.layout.annotations[0].text


def test_each_event_keeps_its_colour_in_every_sankey_column(log):
    result = paths(log, "view_item", depth=3)
    sankey = sankey_chart(result).data[0]
    colours: dict[str, set[str]] = {}
    for label, colour in zip(sankey.node.label, sankey.node.color, strict=True):
        colours.setdefault(label, set()).add(colour)
    assert all(len(found) == 1 for found in colours.values())
    events = [label for label in colours if label != END]
    assert len({colours[label].pop() for label in events}) == len(events)
    assert sankey.node.label.count("view_item") == 4 and sankey.node.color[0] == COLOURS[0]
    first_level = [link["users"] for link in result.links if link["level"] == 1]
    assert sum(first_level) == result.users
    assert sum(sankey.link.value) == sum(link["users"] for link in result.links)


def test_the_transitions_matrix_writes_each_count_and_the_biggest_is_darkest(log):
    result = transitions(log)
    heat = transitions_chart(result).data[0]
    names = list(result.events)
    assert list(heat.x) == names and len(heat.z) == len(heat.z[0]) == len(names)
    for edge in result.edges:
        row, column = names.index(edge["source"]), names.index(edge["target"])
        assert heat.z[row][column] == edge["count"] and heat.text[row][column] == f"{edge['count']:,}"
    assert heat.zmin == 0 and heat.zmax == max(edge["count"] for edge in result.edges)
    assert heat.colorscale[-1][1] == ACCENT and heat.reversescale is not True


def test_the_transitions_graph_draws_the_top_edges_with_their_counts(log):
    result = transitions(log)
    figure = transitions_graph(result, top=8)
    labels = {annotation.name: annotation.text for annotation in figure.layout.annotations if annotation.name}
    top = sorted(result.edges, key=lambda edge: -edge["count"])[:8]
    assert labels == {f"{edge['source']} → {edge['target']}": f"{edge['count']:,}" for edge in top}
    assert len(figure.layout.shapes) == 8
    arrows = [annotation for annotation in figure.layout.annotations if annotation.showarrow]
    assert len(arrows) == 8
    boxes = [annotation.text for annotation in figure.layout.annotations if not annotation.showarrow and not annotation.name]
    events = {edge[end] for edge in top for end in ("source", "target")}
    assert sorted(boxes) == sorted(f"<b>{name}</b><br>{result.events[name]:,}" for name in events)


def test_the_graph_puts_most_of_the_flow_forward(log):
    result = transitions(log)
    edges = sorted(result.edges, key=lambda edge: -edge["count"])[:12]
    order = node_order(edges)
    place = {name: index for index, name in enumerate(order)}

    def backward(positions):
        return sum(edge["count"] for edge in edges if positions[edge["source"]] > positions[edge["target"]])

    assert order[0] in ("app_open", "push_open")  # sessions start the flow
    assert backward(place) < backward({name: index for index, name in enumerate(sorted(place))})
    assert backward(place) < sum(edge["count"] for edge in edges if edge["source"] != edge["target"]) / 4


def test_a_cycle_is_cut_at_its_lightest_edge():
    edges = [
        {"source": "a", "target": "b", "count": 9},
        {"source": "b", "target": "c", "count": 7},
        {"source": "c", "target": "a", "count": 1},
    ]
    assert node_order(edges) == ["a", "b", "c"]


def test_public_surface_is_sorted_and_complete():
    assert analytics.__all__ == sorted(analytics.__all__)
    assert all(hasattr(analytics, name) for name in analytics.__all__)


def test_empty_results_still_draw(tmp_path):
    from journeymap.analytics import Funnel, FunnelStep, Transitions, write_html

    nobody = Funnel(entered=0, window_seconds=60, steps=[FunnelStep("a", 0, None, None, None), FunnelStep("b", 0, None, None, None)])
    lost = Retention(cohort_size=0, retention={1: None}, retained={1: 0})
    quiet = Transitions(edges=[], events={})
    figures = [funnel_chart(nobody), retention_chart(lost), cohort_heatmap(lost), transitions_graph(quiet), transitions_chart(quiet)]
    assert figures[0].layout.annotations[0].text.endswith("→ –</span>") and list(figures[0].data[0].text) == ["0", "0"]
    assert figures[1].data[2].x == () and figures[3].layout.annotations == ()
    assert write_html(figures, tmp_path / "empty.html").stat().st_size < 1_000_000
