"""Charts in the poster's look: its font embedded (no CDN), its colours, slide-sized type, and labels in the run's language."""

from __future__ import annotations

import re

import pytest

import journeymap.analytics as analytics
from journeymap.analytics import cohort_heatmap, funnel, funnel_chart, retention, sample_path, transitions, transitions_chart, write_html
from journeymap.analytics.chart_theme import COLOURS, SEQUENTIAL, template
from journeymap.i18n import in_language


@pytest.fixture(scope="module")
def log():
    return analytics.read_events(sample_path())


def test_the_html_embeds_the_posters_font_and_loads_only_the_script_beside_it(tmp_path, log):
    page = write_html(funnel_chart(funnel(log, ["app_open", "purchase"], by="platform")), tmp_path / "f.html").read_text()
    assert "@font-face{font-family:'Noto Sans'" in page and "data:font/woff2;base64," in page
    assert re.findall(r"<script[^>]+src=\"([^\"]+)\"", page) == ["plotly.min.js"] and not re.search(r"<link[^>]+href=", page)
    layout = re.search(r'"colorway":\[(.*?)\]', page)
    assert layout is not None and [colour.strip('"') for colour in layout.group(1).split(",")] == COLOURS
    assert '"family":"Noto Sans, sans-serif"' in page


def test_heat_maps_use_the_posters_scale(log):
    assert [list(stop) for stop in cohort_heatmap(retention(log, [1])).data[0].colorscale] == SEQUENTIAL
    assert [list(stop) for stop in transitions_chart(transitions(log)).data[0].colorscale] == SEQUENTIAL


def test_type_is_readable_on_a_slide():
    layout = template().layout
    assert layout.font.size == 18 and layout.title.font.size == 24 and layout.xaxis.tickfont.size == 15


@pytest.mark.parametrize(("language", "title", "series"), [
    ("ru", "Воронка: вошли пользователей — 3\xa0000", "все пользователи"),
    ("kk", "пайдаланушы кірді", "барлық пайдаланушылар"),
])
def test_chart_labels_are_in_the_runs_language(log, language, title, series):
    with in_language(language):
        figure = funnel_chart(funnel(log, ["app_open", "purchase"]))
    assert title in figure.layout.title.text
    assert figure.data[0].name == series
