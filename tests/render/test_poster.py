"""The HTML poster: structure, the emotion curve, escaping, self-containment, pages."""

from __future__ import annotations

import base64
import io
import re

import pytest
from fontTools.ttLib import TTFont
from support import IMG, LETTERS, SCRIPT, Elements, long_journey

from journeymap.errors import RenderError
from journeymap.i18n import current_language, use_language
from journeymap.model import Journey
from journeymap.render import poster_html, steps_per_page
from journeymap.render.sheets import sheets


def expected_y(score: float, low: float = -2, high: float = 2, height: float = 150, pad: float = 18) -> float:
    """The curve's height for a score, worked out independently of the renderer."""
    return pad + (high - score) / (high - low) * (height - 2 * pad)


def test_lanes_are_the_rows_with_content_in_default_order(rich: Journey) -> None:
    page = Elements(poster_html(rich))
    titles = [attrs["data-lane"] for attrs in page.having("lane-title")]
    assert titles == [
        "persona",
        "actions",
        "goals",
        "thoughts",
        "emotion",
        "sees",
        "pains",
        "gains",
        "barriers",
        "problems",
        "touchpoints",
        "key_factors",
        "evidence",
        "ideas",
        "metrics",
        "physical_evidence",
        "frontstage",
        "backstage",
        "support",
        "owner",
        "communications",
        "mood_board",
    ]


def test_chosen_lanes_are_drawn_in_the_order_asked(rich: Journey) -> None:
    page = Elements(poster_html(rich, lanes=["ideas", "emotion", "actions"]))
    assert [attrs["data-lane"] for attrs in page.having("lane-title")] == ["ideas", "emotion", "actions"]
    assert not page.having("line")


def test_unknown_lane_is_an_error_naming_the_close_one(rich: Journey) -> None:
    with pytest.raises(RenderError, match=r"^unknown lane 'pain' \(did you mean 'pains'\?\); lanes: links, persona, actions"):
        poster_html(rich, lanes=["pain"])


def test_blueprint_lines_sit_above_their_lanes(rich: Journey) -> None:
    page = Elements(poster_html(rich))
    assert [attrs["data-line"] for attrs in page.having("line")] == ["frontstage", "backstage", "support"]
    text = " ".join(page.text)
    for line in ("Line of interaction", "Line of visibility", "Line of internal interaction"):
        assert line in text


def test_steps_are_columns_in_journey_order_with_their_marks(rich: Journey) -> None:
    page = Elements(poster_html(rich))
    headers = page.having("step")
    assert [attrs["data-step"] for attrs in headers] == [step.id for step in rich.steps]
    classes = {attrs["data-step"]: attrs["class"].split() for attrs in headers}
    assert "critical" in classes["searches"] and "has-barrier" in classes["searches"]
    assert "key" in classes["pays"] and "critical" not in classes["pays"]
    assert [attrs["title"].split(":")[0] for attrs in page.having("mot")] == [
        "Zero moment of truth",
        "Zero moment of truth",
        "Second moment of truth",
        "Ultimate moment of truth",
    ]


def test_curve_points_sit_at_each_steps_emotion(rich: Journey) -> None:
    page = Elements(poster_html(rich))
    points = page.having("point")
    assert [attrs["data-step"] for attrs in points] == [step.id for step in rich.steps]
    faces = [attrs for tag, attrs in page.tags if tag == "circle" and attrs.get("class") == "face"]
    actual = [step.emotion.actual for step in rich.steps]
    assert [float(face["cy"]) for face in faces] == pytest.approx([expected_y(score) for score in actual], abs=0.01)
    assert [float(face["cx"]) for face in faces] == pytest.approx([196 * (i + 0.5) for i in range(4)])
    dots = [attrs for tag, attrs in page.tags if tag == "circle" and attrs.get("class") == "desired-dot"]
    assert [float(dot["cy"]) for dot in dots] == pytest.approx([expected_y(s.emotion.desired) for s in rich.steps], abs=0.01)


def test_the_lowest_points_are_marked_as_pits(long: Journey) -> None:
    page = Elements(poster_html(long))
    pits = [attrs["data-step"] for attrs in page.having("pit")]
    lowest = [step.id for step in long.steps if step.emotion.actual == min(s.emotion.actual for s in long.steps)]
    assert pits == lowest and len(pits) == 8


def test_gap_runs_along_actual_and_back_along_desired(rich: Journey) -> None:
    curve = re.search(r'<svg class="curve".*?</svg>', poster_html(rich)).group(0)
    gap = re.findall(r'<path class="gap" d="([^"]+)"', curve)
    first, last = rich.steps[0].emotion, rich.steps[-1].emotion
    assert len(gap) == 1 and gap[0].startswith(f"M98,{expected_y(first.actual):g} ") and gap[0].endswith(" Z")
    assert f" L{196 * 3.5:g},{expected_y(last.desired):g} " in gap[0]
    assert curve.count('class="desired"') == 1 and curve.count('class="actual"') == 1


def test_measured_and_authored_metrics_are_told_apart(rich: Journey) -> None:
    page = Elements(poster_html(rich))
    measured = [attrs for tag, attrs in page.tags if tag == "dd" and attrs.get("class") == "measured"]
    assert len(measured) == 1 and measured[0]["title"].startswith("events.csv")
    bars = re.findall(r'class="funnel"[^>]*><span style="width: ([\d.]+)%"', poster_html(rich))
    assert [float(bar) for bar in bars] == [100.0, 40.0, 12.0, 11.0]


@pytest.mark.parametrize("hostile", [SCRIPT, IMG])
def test_map_text_is_escaped(rich: Journey, hostile: str) -> None:
    html = poster_html(rich)
    assert hostile not in html
    assert "<img" not in html and html.count("<script") == 1
    assert hostile in "".join(Elements(html).text)


def test_nothing_is_loaded_from_the_network(rich: Journey) -> None:
    html = poster_html(rich)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert "@import" not in html


def test_fonts_are_embedded_and_draw_every_letter_of_the_five_languages(rich: Journey) -> None:
    html = poster_html(rich)
    fonts = re.findall(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", html)
    assert len(fonts) == 2
    for data in fonts:
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        missing = [
            letter for letter in LETTERS + "ЁёЎўАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" if not letter.isspace() and ord(letter) not in cmap
        ]
        assert missing == []


def test_language_applies_to_the_poster_only(rich: Journey) -> None:
    use_language("uk")
    try:
        assert 'data-ui-language="kk"' in poster_html(rich, language="kk")
        assert current_language() == "uk"
        assert 'data-ui-language="uk"' in poster_html(rich)
    finally:
        use_language("en")


def test_a_printed_poster_repeats_stage_headers_on_every_page(long: Journey) -> None:
    page = Elements(poster_html(long, page="A3"))
    assert len(page.having("sheet")) == 5
    stages = page.having("stage")
    continued = [attrs["data-stage"] for attrs in stages if "continued" in attrs["class"].split()]
    # 40 steps, 8 per stage, 8 per page: no stage crosses a page, none is continued.
    assert continued == [] and len(stages) == 5
    seventeen = Elements(poster_html(long_journey(17), page="A3"))
    assert [attrs["data-stage"] for attrs in seventeen.having("stage") if "continued" in attrs["class"]] == ["stage-2"]


@pytest.mark.parametrize(
    ("count", "page", "expected"),
    [
        (5, "A3", [5]),
        (17, "A3", [9, 8]),
        (40, "A3", [8] * 5),
        (40, "A2", [10] * 4),
        (17, "A4", [6, 6, 5]),
        (17, "Letter", [5, 4, 4, 4]),
        (17, "a4", [6, 6, 5]),
    ],
)
def test_sheets_split_steps_evenly_across_pages(count: int, page: str, expected: list[int]) -> None:
    per_page = steps_per_page(page)
    assert all(size <= per_page for size in expected)
    assert [len(sheet.columns) for sheet in sheets(long_journey(count), page)] == expected


def test_unknown_page_size_is_an_error(rich: Journey) -> None:
    with pytest.raises(RenderError, match="^unknown page size 'A5'; choose one of: A3, A2, A4, Letter$"):
        poster_html(rich, page="A5")


@pytest.mark.parametrize(
    ("page", "size"), [("A4", "297mm 210mm"), ("a4", "297mm 210mm"), ("LETTER", "279.4mm 215.9mm"), ("A3", "420mm 297mm")]
)
def test_a_page_size_is_named_in_any_case_and_sets_the_printed_page(rich: Journey, page: str, size: str) -> None:
    html = poster_html(rich, page=page)
    assert f"@page {{ size: {size}; margin: 0; }}" in html
    assert ("running-title" in html.split("<body", 1)[1].split(">", 1)[0]) == (page.upper() != "A3")


def test_empty_map_still_renders() -> None:
    assert "<h1>Empty</h1>" in poster_html(Journey(title="Empty"))


def legend_entries(html: str) -> list[str]:
    legend = html[html.index('<dl class="legend"') : html.index("</dl>", html.index('<dl class="legend"'))]
    return re.findall(r"<dd>(.*?)</dd>", legend)


def test_the_legend_explains_only_what_the_poster_draws(rich: Journey) -> None:
    assert legend_entries(poster_html(Journey(title="New", stages=[{"name": "Awareness"}]))) == []
    plain = Journey(
        title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": 1, "desired": 1}}, {"name": "Leaves"}]}]
    )
    assert legend_entries(poster_html(plain)) == ["Emotion as it is", "As it should be", "Pit: where ideas go"]
    assert legend_entries(poster_html(rich))[:7] == [
        "Emotion as it is",
        "As it should be",
        "Gap",
        "Pit: where ideas go",
        "Measured from data",
        "Authored estimate",
        "Critical step",
    ]


def test_notebook_shows_the_poster_in_a_sandboxed_frame(rich: Journey) -> None:
    html = rich._repr_html_()
    assert html.startswith('<iframe sandbox="allow-scripts"') and "<script>alert" not in html


def test_a_journey_renders_itself_by_extension(rich: Journey, tmp_path) -> None:
    from journeymap.render import markdown_text

    path = rich.render(tmp_path / "rich.md")
    assert path.read_text(encoding="utf-8") == markdown_text(rich)


def test_barrier_cells_are_hatched_only_where_a_barrier_is(rich: Journey) -> None:
    cells = [attrs for attrs in Elements(poster_html(rich)).having("tone-barrier")]
    assert [(attrs["data-step"], "filled" in attrs["class"]) for attrs in cells] == [
        ("sees", False),
        ("searches", True),
        ("pays", False),
        ("uses", False),
    ]


def test_persona_lane_names_who_takes_part_once_with_their_notes(rich: Journey) -> None:
    from journeymap.render.lanes import cards

    olga = rich.personas[0].name
    assert [cards(rich, step, "persona") for step in rich.steps] == [[f"{olga}: Notes {SCRIPT}"], [], ["Buyer"], []]


def test_a_cyclical_journey_says_where_it_loops_back(rich: Journey) -> None:
    assert "then back to" not in poster_html(rich)
    looping = rich.model_copy(update={"cyclical": True})
    assert f"then back to Awareness {IMG}".replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in poster_html(looping)


def test_feedback_that_disagrees_with_the_map_is_marked_and_its_pains_proposed() -> None:
    journey = Journey.model_validate(
        {
            "title": "Voiced",
            "stages": [
                {
                    "name": "Buy",
                    "steps": [
                        {
                            "name": "Pays",
                            "emotion": {"actual": 1, "measured": {"value": -0.5, "count": 12}},
                            "proposed_pains": ["Card form resets"],
                        },
                        {"name": "Waits", "emotion": {"actual": 0, "measured": {"value": 0.4, "count": 30}}},
                    ],
                }
            ],
        }
    )
    html = poster_html(journey)
    points = re.findall(r'<g class="point[^"]*" data-step="([^"]+)"[^>]*>(.*?)</g>', html)
    assert [(step, "disagree-ring" in body) for step, body in points] == [("pays", True), ("waits", False)]
    page = Elements(html)
    assert "Pains found in feedback (to confirm)" in "".join(page.text) and "Card form resets" in "".join(page.text)


def test_ideas_are_listed_in_the_seeds_order_under_the_map(rich: Journey) -> None:
    html = poster_html(rich)
    rows = re.findall(
        r'<tr data-rank="(\d+)"><td>\d+</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(\d*)</td></tr>', html
    )
    assert rows == [
        ("1", "Brand on the toy", "Searches", "Proposed", "", "18"),
        ("2", "One-page checkout &lt;script&gt;alert(1)&lt;/script&gt;", "Pays", "Proposed", "", "14"),
        ("3", "Unscored idea", "", "Proposed", "", ""),
    ]


def test_a_data_source_is_named_once_per_step() -> None:
    measured = {"value": 120, "count": 120, "source": "events.parquet"}
    journey = Journey.model_validate(
        {
            "title": "Shop",
            "stages": [
                {
                    "name": "Buy",
                    "steps": [
                        {
                            "name": "Pays",
                            "metrics": {"audience": {"measured": measured}, "retention": {"measured": {**measured, "value": 0.2}}},
                        }
                    ],
                }
            ],
        }
    )
    assert re.findall(r'<p class="source">(.*?)</p>', poster_html(journey)) == ["events.parquet, n=120"]


def test_a_data_persona_card_gives_its_share_and_users_once_with_the_unit() -> None:
    journey = Journey(
        title="App", personas=[{"name": "Search, more than most", "description": "Found in the event log", "share": 0.21, "users": 631}]
    )
    html = poster_html(journey, language="ru")
    assert '<p class="share">21% пользователей · 631 пользователь</p>' in html and html.count("21%") == 1
