"""Chart files: HTML under 1 MB beside one shared plotly.min.js that opens offline; PNG and SVG at a slide's size."""

from __future__ import annotations

from importlib import resources
from xml.etree import ElementTree

import pytest
from PIL import Image

import journeymap.analytics as analytics
from journeymap.analytics import (
    cohort_heatmap,
    funnel,
    funnel_chart,
    retention,
    retention_chart,
    sample_path,
    transitions,
    transitions_chart,
    transitions_graph,
    write_chart,
    write_html,
)
from journeymap.analytics.chart_files import IMAGE_HEIGHT, IMAGE_WIDTH
from journeymap.errors import RenderError
from journeymap.render.browser import CHROMIUM, chromium_path

SVG = "{http://www.w3.org/2000/svg}"
PLOTLY = (resources.files("plotly") / "package_data" / "plotly.min.js").read_bytes()


@pytest.fixture(scope="module")
def log():
    return analytics.read_events(sample_path())


def test_every_html_chart_is_under_1_mb_and_shares_one_script_beside_it(tmp_path, log):
    result = transitions(log)
    first = write_html([retention_chart(retention(log, [1])), funnel_chart(funnel(log, ["app_open"]))], tmp_path / "r.html")
    script = tmp_path / "plotly.min.js"
    written = script.stat().st_mtime_ns
    second = write_chart([transitions_graph(result), transitions_chart(result)], tmp_path / "t.html")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plotly.min.js", "r.html", "t.html"]
    assert script.read_bytes() == PLOTLY and script.stat().st_mtime_ns == written  # copied once for the folder
    for page in (first, second):
        text = page.read_text()
        assert page.stat().st_size < 1_000_000
        assert text.count('<script charset="utf-8" src="plotly.min.js"></script>') == 1
        assert text.count("Plotly.newPlot") == 2 and "height:min(56.25vw, 100vh); width:100%;" in text


def test_a_stale_script_beside_the_chart_is_replaced(tmp_path, log):
    (tmp_path / "plotly.min.js").write_text("old")
    write_html(funnel_chart(funnel(log, ["app_open"])), tmp_path / "f.html")
    assert (tmp_path / "plotly.min.js").read_bytes() == PLOTLY


@pytest.mark.browser
def test_the_html_chart_draws_from_file_with_the_network_blocked(tmp_path, log):
    result = funnel(log, ["app_open", "view_item", "purchase"], by="platform")
    page_path = write_chart(funnel_chart(result), tmp_path / "funnel.html")
    requested: list[str] = []

    def drawn(page):  # the context is offline and every request but a file's is aborted
        page.unroute("**/*")
        page.route(lambda url: not url.startswith("file://"), lambda route: route.abort())
        page.on("request", lambda request: requested.append(request.url))
        page.set_viewport_size({"width": 1280, "height": 860})
        page.goto(page_path.as_uri())
        page.wait_for_selector(".plotly-graph-div .bars text", state="attached")
        box = page.locator(".plotly-graph-div").bounding_box()
        return page.locator(".plotly-graph-div .bars text").all_text_contents(), box

    labels, box = CHROMIUM.run(chromium_path(), drawn, width=1280, scale=1.0, html="<body data-ready=1></body>")
    assert sorted(labels) == sorted(f"{step.users:,}" for group in result.groups.values() for step in group.steps)
    assert box["width"] == 1280 and box["height"] == pytest.approx(720, abs=1)  # 16:9, not 40 % of the window
    assert requested and all(url.startswith("file://") for url in requested)


@pytest.mark.browser
def test_png_is_drawn_at_a_slides_size(tmp_path, log):
    path = write_chart([retention_chart(retention(log, [1, 7])), cohort_heatmap(retention(log, [1]))], tmp_path / "r.png")
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert (IMAGE_WIDTH, IMAGE_HEIGHT) == (1600, 900)
        assert image.size == (IMAGE_WIDTH, 2 * IMAGE_HEIGHT)
        assert len(image.convert("L").getcolors(maxcolors=65536)) > 20  # drawn, not a blank page


@pytest.mark.browser
def test_svg_holds_each_figure_with_its_numbers(tmp_path, log):
    result = funnel(log, ["app_open", "view_item", "purchase"])
    moves = transitions(log)
    path = write_chart([funnel_chart(result), transitions_graph(moves)], tmp_path / "f.svg")
    root = ElementTree.parse(path).getroot()
    assert root.tag == SVG + "svg" and root.get("height") == str(2 * IMAGE_HEIGHT)
    assert [child.get("y") for child in root if child.tag == SVG + "svg"] == ["0", str(IMAGE_HEIGHT)]
    text = " ".join("".join(node.itertext()) for node in root.iter(SVG + "text"))
    assert f"{result.entered:,} users entered" in text
    assert all(f"{step.users:,}" in text for step in result.steps)
    assert f"{max(edge['count'] for edge in moves.edges):,}" in text


def test_an_unknown_chart_type_is_refused_and_nothing_written(tmp_path, log):
    with pytest.raises(RenderError, match=r"c\.jpg: a chart is written as \.html, \.png, \.svg; change the file's extension"):
        write_chart(funnel_chart(funnel(log, ["app_open"])), tmp_path / "c.jpg")
    assert not list(tmp_path.iterdir())
