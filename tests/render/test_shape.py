"""The journey's shape on the poster: links between steps, per-persona curves, the scale's labels, lanes per page,
sub-journeys, insights and the voice of the customer; in the HTML, the SVG and the printed PDF."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import Elements, long_journey

from journeymap.model import Journey
from journeymap.render import poster_html, poster_svg, render

SVG = "{http://www.w3.org/2000/svg}"


def expected_y(score: float, low: float = -2, high: float = 2, height: float = 150, pad: float = 18) -> float:
    """The curve's height for a score, worked out independently of the renderer."""
    return pad + (high - score) / (high - low) * (height - 2 * pad)


@pytest.fixture
def shaped() -> Journey:
    """Four steps, two personas with emotions of their own, a branch and a loop back, insights and voices."""
    return Journey.model_validate(
        {
            "title": "Shop",
            "personas": [{"name": "Olga"}, {"name": "Ivan"}, {"name": "Quiet"}],
            "stages": [
                {
                    "name": "Find",
                    "steps": [
                        {"name": "Sees", "emotion": {"actual": 1}, "by_persona": {"olga": {"emotion": {"actual": -1}}}},
                        {
                            "name": "Searches",
                            "emotion": {"actual": 0},
                            "subjourney": "search.yaml",
                            "by_persona": {"ivan": {"emotion": {"actual": 2}}},
                        },
                    ],
                },
                {
                    "name": "Buy",
                    "steps": [
                        {
                            "name": "Pays",
                            "emotion": {"actual": -2, "measured": {"value": -1.5, "count": 40, "source": "reviews.csv"}},
                            "subjourney": "javascript:alert(1)",
                            "evidence": [{"text": "Too slow", "kind": "review", "source": "App store"}],
                        },
                        {"name": "Uses", "emotion": {"actual": 2}},
                    ],
                },
            ],
            "links": [
                {"from": "sees", "to": "pays", "kind": "branch", "label": "Knows the brand", "share": 0.2},
                {"from": "uses", "to": "searches", "kind": "loop", "label": "Buys again"},
            ],
            "insights": [{"id": "slow", "text": "Paying is slow", "source": "survey", "source_ref": "Q3", "score": -1, "steps": ["pays"]}],
            "opportunities": [{"title": "Faster form", "insights": ["slow"], "status": "planned", "owner": "Web team"}],
        }
    )


def test_each_persona_with_own_emotions_has_a_curve_and_a_legend_key(shaped: Journey) -> None:
    html = poster_html(shaped)
    page = Elements(html)
    assert [attrs["data-persona"] for attrs in page.having("persona-curve")] == ["olga", "ivan"]
    assert [attrs["data-persona"] for attrs in page.having("persona-key")] == ["olga", "ivan"]
    legend = re.search(r'<div class="persona-key" data-persona="olga">.*?<dd>(.*?)</dd>', html, re.S)
    assert legend is not None and legend.group(1) == "Olga"
    olga = re.search(r'<g class="persona-curve" data-persona="olga">(.*?)</g>', html, re.S)
    assert olga is not None
    # Olga's own -1 at the first step, then the main line (0, -2, 2): one marker per step at the scale's height
    centres = [float(y) for y in re.findall(r'<path class="persona-mark" d="M[\d.]+,([\d.]+) h', olga.group(1))]
    assert centres == pytest.approx([expected_y(score) - 4.5 for score in (-1, 0, -2, 2)])


def test_persona_curves_differ_in_colour_and_shape(shaped: Journey) -> None:
    html = poster_html(shaped)
    curves = re.findall(
        r'<g class="persona-curve" data-persona="(\w+)">.*?stroke="(#\w+)".*?<path class="persona-mark" d="M[\d.]+,[\d.]+ (\w)', html, re.S
    )
    assert [name for name, _colour, _shape in curves] == ["olga", "ivan"]
    assert len({colour for _name, colour, _shape in curves}) == 2 and len({shape for *_rest, shape in curves}) == 2


def test_links_are_arrows_from_step_to_step(shaped: Journey) -> None:
    html = poster_html(shaped)
    links = Elements(html).having("link")
    assert [(attrs["data-from"], attrs["data-to"], attrs["data-kind"]) for attrs in links] == [
        ("sees", "pays", "branch"),
        ("uses", "searches", "loop"),
    ]
    assert "Links between steps" in html
    column = 196
    heads = re.findall(r'<path class="link-head" d="M([\d.]+),[\d.]+ L([\d.]+),[\d.]+ L([\d.]+),([\d.]+) Z"/>', html)
    # each arrowhead's tip sits just left of its target's column centre: pays is column 2, searches column 1
    assert [float(tip) for *_x, tip, _y in heads] == [column * 2.5 - 10, column * 1.5 - 10]
    assert "Knows the brand (20%)" in html and "Buys again" in html
    assert re.search(r'class="link link-loop".*?stroke-dasharray', html, re.S)


def test_a_link_to_another_page_runs_to_the_edge_and_names_the_step() -> None:
    journey = long_journey(17).model_copy(update={"links": []})
    data = journey.model_dump(by_alias=True)
    data["links"] = [{"from": journey.steps[15].id, "to": journey.steps[1].id, "kind": "loop", "label": "Again"}]
    printed = poster_html(Journey.model_validate(data), page="A3")
    first, second = printed.split('data-sheet="2"')
    assert "from 16. Step number 15 with a rather long name → Again" in first
    assert "Again → to 2. Step number 1 with a rather long name" in second


def test_a_lane_with_nothing_on_a_page_is_not_drawn_there() -> None:
    data = long_journey(17).model_dump(by_alias=True)
    data["stages"][0]["steps"][0]["pains"] = ["Too slow"]
    printed = poster_html(Journey.model_validate(data), page="A3")
    first, second = printed.split('<section class="sheet" data-sheet="2">')
    assert [attrs["data-lane"] for attrs in Elements(first).having("lane-title")] == ["actions", "emotion", "pains", "metrics"]
    assert [attrs["data-lane"] for attrs in Elements(second).having("lane-title")] == ["actions", "emotion", "metrics"]
    assert 'data-lane="pains"' not in second


def test_lanes_named_by_hand_stay_on_every_page() -> None:
    printed = poster_html(long_journey(17), page="A3", lanes=["pains", "actions"])
    assert printed.count('class="lane-title" data-lane="pains"') == 2


def test_the_scale_labels_the_curve_and_a_one_to_five_score_has_no_sign() -> None:
    journey = Journey.model_validate(
        {
            "title": "Shop",
            "emotion_scale": {"min": 1, "max": 5, "points": [{"score": 1, "label": "Awful"}, {"score": 5, "label": "Great"}]},
            "stages": [{"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": 3}}]}],
        }
    )
    html = poster_html(journey)
    ticks = re.findall(r'<span class="tick" style="top: ([\d.]+)px" title="[^"]*">(.*?)</span>', html)
    assert [(float(y), text) for y, text in ticks] == [(expected_y(5, 1, 5), "5 Great"), (expected_y(1, 1, 5), "1 Awful")]
    text = " ".join(part for part in Elements(html).text if "@font-face" not in part)  # not the fonts' base64
    assert '<span class="score">3</span>' in html and "Pays: 3 / ?" in text and "+3" not in text


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["Связи между шагами", "–2 Очень негативно", "Инсайты", "Голос клиента", "40 голосов", "В отзывах", "Вложенный путь"]),
        (
            "kk",
            ["Қадамдар арасындағы байланыстар", "–2 Өте жағымсыз", "Инсайттар", "Тұтынушы дауысы", "40 дауыс", "Пікірлерде", "Ішкі жол"],
        ),
    ],
)
def test_new_labels_are_translated(shaped: Journey, language: str, words: list[str]) -> None:
    text = poster_html(shaped, language=language)
    missing = [word for word in words if word not in text]
    assert not missing


def test_sub_journeys_are_links_only_when_safe(shaped: Journey) -> None:
    html = poster_html(shaped)
    assert '<a href="search.yaml">search.yaml</a>' in html
    assert 'href="javascript' not in html and "javascript:alert(1)" in html


def test_insights_carry_their_evidence_and_the_ideas_they_back(shaped: Journey) -> None:
    html = poster_html(shaped)
    row = re.search(r'<tr data-insight="slow">(.*?)</tr>', html, re.S)
    assert row is not None
    assert re.findall(r"<td>(.*?)</td>", row.group(1)) == ["Paying is slow", "Survey · Q3", "–1", "Pays", "Faster form"]
    idea = re.search(r'<tr data-rank="1">(.*?)</tr>', html, re.S)
    assert idea is not None and "Insights: Paying is slow" in idea.group(1) and "<td>Planned</td><td>Web team</td>" in idea.group(1)


def test_the_voice_of_the_customer_quotes_and_measures(shaped: Journey) -> None:
    html = poster_html(shaped)
    row = re.search(r'<tr data-voice-step="3">(.*?)</tr>', html, re.S)
    assert row is not None
    assert "In feedback: –1.5 · 40 voices · reviews.csv" in row.group(1)
    assert '“Too slow” <span class="note">— Review · App store</span>' in row.group(1)


def test_the_svg_draws_persona_curves_links_and_the_scale(shaped: Journey) -> None:
    root = ET.fromstring(poster_svg(shaped))
    groups = [element for element in root.iter(f"{SVG}g")]
    assert [g.get("data-persona") for g in groups if g.get("class") == "persona-curve"] == ["olga", "ivan"]
    assert [g.get("data-persona") for g in groups if g.get("class") == "persona-key"] == ["olga", "ivan"]
    assert [(g.get("data-from"), g.get("data-to")) for g in groups if (g.get("class") or "").startswith("link ")] == [
        ("sees", "pays"),
        ("uses", "searches"),
    ]
    ticks = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "tick"]
    assert ticks == ["+2 Very positive", "+1 Positive", "0 Neutral", "–1 Negative", "–2 Very negative"]
    sections = {g.get("data-section"): [text.text for text in g.iter(f"{SVG}text")] for g in groups if g.get("class") == "section"}
    assert sections == {
        "Ideas, ranked": ["IDEAS, RANKED", "1. Faster form"],
        "Insights": ["INSIGHTS", "Paying is slow — Survey · Q3 — Pays"],
        "Voice of the customer": [
            "VOICE OF THE CUSTOMER",
            "3. Pays: In feedback: –1.5 · 40 voices · reviews.csv",
            "“Too slow” — Review · App store",
        ],
    }


@pytest.mark.browser
def test_the_printed_pages_keep_the_links_and_drop_empty_lanes(tmp_path: Path) -> None:
    data = long_journey(17).model_dump(by_alias=True)
    data["stages"][0]["steps"][0]["pains"] = ["Too slow"]
    steps = [step["id"] for stage in data["stages"] for step in stage["steps"]]
    data["links"] = [{"from": steps[15], "to": steps[1], "kind": "loop", "label": "Again"}]
    reader = PdfReader(render(Journey.model_validate(data), tmp_path / "long.pdf"))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(texts) == 2
    assert "PAINS" in texts[0] and "PAINS" not in texts[1]
    assert "LINKS BETWEEN STEPS" in texts[0] and "LINKS BETWEEN STEPS" in texts[1]
    assert "Again → to 2." in texts[1] and texts[1].count("Again") == 1  # drawn once, no halo copy


def test_fields_the_poster_used_to_leave_out_are_drawn() -> None:
    journey = Journey.model_validate(
        {
            "title": "Shop",
            "accessible_title": "Shop journey for screen readers",
            "description": "Parents buying shoes",
            "scope": {"start": "Sees shoes", "end": "Buys again"},
            "owners": ["Marketing"],
            "tags": ["retail"],
            "updated": "2026-11-02T10:00:00",
            "personas": [
                {
                    "name": "Olga",
                    "segment_rule": "platform = 'ios'",
                    "frustrations": ["Queues"],
                    "demographics": {"age": "32"},
                    "aha_moments": ["pays"],
                    "users": 1200,
                }
            ],
            "stages": [
                {
                    "name": "Buy",
                    "owner": "Sales",
                    "description": "Paying online",
                    "steps": [
                        {
                            "name": "Pays",
                            "description": "Card or cash",
                            "touchpoints": [{"name": "Form", "channel": "site", "device": "phone", "mode": "online", "owner": "Web"}],
                            "communications": [{"channel": "email", "message": "Receipt", "owner": "CRM"}],
                            "evidence": [{"text": "Slow", "kind": "ticket", "proposed": True}],
                            "by_persona": {"olga": {"emotion": {"actual": -1, "label": "Worried"}, "notes": "Pays by card"}},
                        },
                    ],
                }
            ],
            "opportunities": [{"title": "Chat", "reach": 400, "impact": 2, "confidence": 0.5, "effort": 2, "ease": 6, "owner": "Support"}],
        }
    )
    html = poster_html(journey)
    for shown in (
        'aria-label="Shop journey for screen readers"',
        "Parents buying shoes",
        "Sees shoes",
        "Buys again",
        "Marketing",
        "retail",
        "Updated Nov 2, 2026",
        "<code>platform = &#39;ios&#39;</code>",
        "Queues",
        "age: 32",
        "Aha moments",
        "1,200",
        "Paying online · Sales",
        "Card or cash",
        "Form · Website · Phone · Online · Web",
        "Email · Receipt · CRM",
        "Slow — Support ticket · Proposed, not confirmed yet",
        "Olga: –1 Worried · Pays by card",
        "RICE 200 · ICE 6",
        "<td>Support</td>",
    ):
        assert shown in html, shown
