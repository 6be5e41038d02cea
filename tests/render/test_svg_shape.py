"""The SVG poster shows the journey's shape: persona cards and curves, links between steps, stage and step descriptions."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from journeymap.model import Journey
from journeymap.render import poster_svg

SVG = "{http://www.w3.org/2000/svg}"
COLUMN, HEIGHT, ROOM = 196, 150, 18
"""A step's column, the emotion lane's height and the room above the best and below the worst score, in pixels."""

SHAPE = {
    "title": "Shop",
    "cyclical": True,
    "emotion_scale": {"min": 1, "max": 5, "points": []},
    "personas": [
        {"id": "olga", "name": "Olga", "description": "Young mother", "quote": "Where do I buy this?", "needs": ["safe toys"], "role": "purchaser"},
        {"id": "ivan", "name": "Ivan", "frustrations": ["slow delivery"]},
        {"id": "nina", "name": "Nina"},
    ],
    "stages": [
        {"name": "Find", "description": "Looks around", "owner": "Marketing", "steps": [
            {"name": "Sees", "description": "A toy on a playground", "emotion": {"actual": 4},
             "by_persona": {"olga": {"emotion": {"actual": 2}}, "nina": {"notes": "no emotion here"}}},
            {"name": "Searches", "subjourney": "search.yaml", "emotion": {"actual": 2},
             "by_persona": {"olga": {"emotion": {"actual": 1}}, "ivan": {"emotion": {"actual": 5}}}},
        ]},
        {"name": "Buy", "steps": [
            {"name": "Pays", "subjourney": "data:,x", "emotion": {"actual": 3}, "by_persona": {"ivan": {"emotion": {"actual": 1}}}},
        ]},
    ],
    "links": [
        {"from": "pays", "to": "sees", "kind": "loop", "label": "Buys again"},
        {"from": "sees", "to": "pays", "kind": "branch", "share": 0.25},
    ],
}


@pytest.fixture
def root() -> ElementTree.Element:
    return ElementTree.fromstring(poster_svg(Journey.model_validate(SHAPE)))


def texts(element: ElementTree.Element) -> list[str]:
    return [node.text or "" for node in element.iter(f"{SVG}text")]


def ends(path: str) -> list[tuple[float, float]]:
    """The points a smooth path passes through: where it moves to, and each cubic's end."""
    numbers = [tuple(map(float, pair.split(","))) for pair in re.findall(r"-?[\d.]+,-?[\d.]+", path)]
    return [numbers[0], *numbers[3::3]]


def test_one_curve_per_persona_with_emotions_through_its_own_scores(root: ElementTree.Element) -> None:
    curves = {group.get("data-persona"): group for group in root.iter(f"{SVG}g") if group.get("class") == "persona-curve"}
    assert sorted(curves) == ["ivan", "olga"]  # Nina has notes but no emotion of her own
    own = {"olga": [2, 1, 3], "ivan": [4, 5, 1]}  # where a persona has no emotion of its own it follows the main line
    for key, scores in own.items():
        expected = [(COLUMN * (index + 0.5), ROOM + (5 - score) / (5 - 1) * (HEIGHT - 2 * ROOM)) for index, score in enumerate(scores)]
        (line,) = [path for path in curves[key].iter(f"{SVG}path") if path.get("class") == "persona-line"]
        assert [coordinate for point in ends(line.get("d")) for coordinate in point] == pytest.approx([c for point in expected for c in point], abs=0.01)
        assert len([path for path in curves[key].iter(f"{SVG}path") if path.get("class") == "persona-mark"]) == 3
    keys = [group.get("data-persona") for group in root.iter(f"{SVG}g") if group.get("class") == "persona-key"]
    assert keys == ["olga", "ivan"]


def test_each_link_is_an_arrow_with_its_label(root: ElementTree.Element) -> None:
    arrows = [group for group in root.iter(f"{SVG}g") if (group.get("class") or "").startswith("link ")]
    assert [(arrow.get("data-from"), arrow.get("data-to"), arrow.get("data-kind")) for arrow in arrows] == [("pays", "sees", "loop"), ("sees", "pays", "branch")]
    labels = [node.text for arrow in arrows for node in arrow.iter(f"{SVG}text")]
    assert labels == ["Buys again", "Branch (25%)"]
    heads = [path for arrow in arrows for path in arrow.iter(f"{SVG}path") if path.get("class") == "link-head"]
    assert len(heads) == 2


def test_persona_cards_hold_what_each_persona_is(root: ElementTree.Element) -> None:
    cards = {group.get("data-persona"): texts(group) for group in root.iter(f"{SVG}g") if group.get("class") == "persona-card"}
    assert cards == {
        "olga": ["Olga · Purchaser", "Young mother", "“Where do I buy this?”", "Needs: safe toys"],
        "ivan": ["Ivan", "Frustrations: slow delivery"],
        "nina": ["Nina"],
    }


def test_stages_and_steps_carry_their_descriptions_and_sub_journeys(root: ElementTree.Element) -> None:
    stages = {group.get("data-stage"): texts(group) for group in root.iter(f"{SVG}g") if group.get("class") == "stage"}
    assert stages == {"find": ["Find", "Looks around · Marketing"], "buy": ["Buy", "then back to Find"]}
    steps = {group.get("data-step"): texts(group) for group in root.iter(f"{SVG}g") if group.get("class") == "step"}
    assert steps["sees"][:3] == ["1", "Sees", "A toy on a playground"]
    assert steps["searches"][:3] == ["2", "Searches", "↳ Sub-journey: search.yaml"]
    assert steps["pays"][:3] == ["3", "Pays", "↳ Sub-journey: data:,x"]
    links = [(anchor.get("href"), texts(anchor)) for anchor in root.iter(f"{SVG}a")]
    assert links == [("search.yaml", ["↳ Sub-journey: search.yaml"])]  # a script address stays text
