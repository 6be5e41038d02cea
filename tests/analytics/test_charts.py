"""Charts: the figures hold the result's numbers, and the HTML works offline."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from PIL import Image

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
    write_chart,
    write_html,
)
from journeymap.analytics.charts import IMAGE_HEIGHT, IMAGE_WIDTH
from journeymap.errors import RenderError

SVG = "{http://www.w3.org/2000/svg}"


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


@pytest.mark.browser
def test_png_is_drawn_at_the_figures_size(tmp_path, log):
    path = write_chart([retention_chart(retention(log, [1, 7])), cohort_heatmap(retention(log, [1]))], tmp_path / "r.png")
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (IMAGE_WIDTH, 2 * IMAGE_HEIGHT)
        assert len(image.convert("L").getcolors(maxcolors=65536)) > 20  # drawn, not a blank page


@pytest.mark.browser
def test_svg_holds_each_figure_with_its_numbers(tmp_path, log):
    result = funnel(log, ["app_open", "view_item", "purchase"])
    path = write_chart([funnel_chart(result), transitions_chart(transitions(log))], tmp_path / "f.svg")
    root = ElementTree.parse(path).getroot()
    assert root.tag == SVG + "svg" and root.get("height") == str(2 * IMAGE_HEIGHT)
    assert [child.get("y") for child in root if child.tag == SVG + "svg"] == ["0", str(IMAGE_HEIGHT)]
    text = " ".join("".join(node.itertext()) for node in root.iter(SVG + "text"))
    assert f"{result.entered} users entered" in text
    assert str(result.steps[-1].users) in text


def test_an_unknown_chart_type_is_refused_and_nothing_written(tmp_path, log):
    with pytest.raises(RenderError, match=r"c\.jpg: a chart is written as \.html, \.png, \.svg; change the file's extension"):
        write_chart(funnel_chart(funnel(log, ["app_open"])), tmp_path / "c.jpg")
    assert not list(tmp_path.iterdir())
