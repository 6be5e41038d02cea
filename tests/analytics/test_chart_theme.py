"""Charts in the poster's look: its font embedded (no CDN), its colours, and labels in the run's language."""

from __future__ import annotations

import re

import pytest

import journeymap.analytics as analytics
from journeymap.analytics import cohort_heatmap, funnel, funnel_chart, retention, sample_path, transitions, transitions_chart, write_html
from journeymap.analytics.chart_theme import COLOURS, SEQUENTIAL
from journeymap.i18n import in_language


@pytest.fixture(scope="module")
def log():
    return analytics.read_events(sample_path())


def test_the_html_embeds_the_posters_font_and_loads_nothing(tmp_path, log):
    page = write_html(funnel_chart(funnel(log, ["app_open", "purchase"], by="platform")), tmp_path / "f.html").read_text()
    assert "@font-face{font-family:'Noto Sans'" in page and "data:font/woff2;base64," in page
    assert not re.search(r"<script[^>]+src=", page) and not re.search(r"<link[^>]+href=", page)
    layout = re.search(r'"colorway":\[(.*?)\]', page)
    assert layout is not None and [colour.strip('"') for colour in layout.group(1).split(",")] == COLOURS
    assert '"family":"Noto Sans, sans-serif"' in page


def test_heat_maps_use_the_posters_scale(log):
    assert [list(stop) for stop in cohort_heatmap(retention(log, [1])).data[0].colorscale] == SEQUENTIAL
    assert [list(stop) for stop in transitions_chart(transitions(log)).data[0].colorscale] == SEQUENTIAL


@pytest.mark.parametrize(("language", "title", "hover"), [
    ("ru", "Воронка: вошли пользователей", "от первого шага"),
    ("kk", "пайдаланушы кірді", "бірінші қадамның"),
])
def test_chart_labels_are_in_the_runs_language(log, language, title, hover):
    with in_language(language):
        figure = funnel_chart(funnel(log, ["app_open", "purchase"]))
    assert title in figure.layout.title.text
    assert hover in figure.data[0].hovertemplate
