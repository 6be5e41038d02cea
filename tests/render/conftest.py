"""Maps for the renderer's tests: every lane, hostile text, five scripts, and a 40-step map."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeymap.files import loads, save
from journeymap.model import Journey

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LETTERS = "Әәғқңөұүһі їєґ oʻgʻ ąčęėįšųūž"
"""Kazakh, Ukrainian, Uzbek Latin and Lithuanian letters the bundled font must draw."""

RICH_MAP = f"""
title: 'Shop {SCRIPT}'
kind: cjm
business_goal: 'More repeat buyers {IMG}'
personas:
  - id: olga
    name: 'Олга {LETTERS}'
    description: Young mother
    quote: 'Where do I buy this?'
    needs: [safe toys]
  - name: Buyer
    role: purchaser
    steps: [pays]
lanes:
  - {{id: mood_board, title: 'Mood board {SCRIPT}', type: list}}
stages:
  - name: 'Awareness {IMG}'
    moment_of_truth: zmot
    steps:
      - name: '{SCRIPT}'
        id: sees
        actions: ['Sees a toy {IMG}', 'Қазақша сөз']
        goals: [Know the brand]
        thoughts: ['What brand is this?']
        emotion: {{actual: 1, desired: 2, label: 'Curious {SCRIPT}', emoji: '🙂'}}
        sees: [A toy on a playground]
        gains: [Nice toy]
        touchpoints: [{{name: Playground, channel: offline}}]
        evidence: ['"I saw it on a kid" {SCRIPT}']
        moments_of_truth: [zmot]
        metrics: {{audience: 10000, success_criterion: 'Remembers the toy'}}
        blueprint: {{physical_evidence: [Toy], frontstage: [Nothing], backstage: [Marketing plan], support: [CRM]}}
        custom: {{mood_board: ['{IMG}', calm]}}
        by_persona: {{olga: {{notes: 'Notes {SCRIPT}'}}}}
      - name: Searches
        emotion: {{actual: -1, desired: 1, label: I seem lost}}
        pains: ['Too many shops {SCRIPT}']
        barriers: [Cannot find the brand]
        ideas: [Brand name on the toy]
        critical: true
        metrics: {{audience: 4000, conversion: 0.4, time_seconds: 300}}
  - name: Purchase
    steps:
      - name: Pays
        key_moment: true
        owner: Sales
        emotion: {{actual: -2, desired: 1, label: Nervous}}
        problems: [Long form]
        key_factors: [Price]
        communications: [{{channel: email, message: Receipt, timing: at once}}]
        metrics:
          audience: {{authored: 1500, measured: {{value: 1200, count: 1200, source: 'events.csv {SCRIPT}'}}}}
          conversion: 0.3
          retention: 0.25
          criticality: 5
      - name: Uses
        emotion: {{actual: 2, desired: 2, label: Happy, measured: {{value: 1.5, count: 40, source: reviews.csv}}}}
        gains: [Kid is happy]
        moments_of_truth: [smot, umot]
        metrics: {{audience: 1100, conversion: 0.92}}
opportunities:
  - {{title: 'One-page checkout {SCRIPT}', steps: [pays], criticality: 5, design_ease: 3, development_ease: 2, audience: 4}}
  - {{title: Brand on the toy, steps: [searches], criticality: 3, design_ease: 5, development_ease: 5, audience: 5}}
  - {{title: Unscored idea}}
"""


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the page's text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def having(self, css_class: str) -> list[dict[str, str]]:
        return [attrs for _tag, attrs in self.tags if css_class in attrs.get("class", "").split()]


def long_journey(steps: int = 40) -> Journey:
    """Return a map of ``steps`` steps in five stages, with emotions going up and down."""
    stages = [{"name": f"Stage {s}", "steps": []} for s in range(5)]
    for n in range(steps):
        stages[n * 5 // steps]["steps"].append(
            {"name": f"Step number {n} with a rather long name", "emotion": {"actual": (n % 5) - 2, "desired": 2},
             "actions": [f"Does thing {n}"], "metrics": {"audience": 10000 - n * 200}}
        )
    return Journey(title="Forty steps", stages=stages)


@pytest.fixture
def rich() -> Journey:
    """The map with every lane and hostile text."""
    return loads(RICH_MAP)


@pytest.fixture
def rich_path(tmp_path: Path, rich: Journey) -> Path:
    """The rich map saved as YAML."""
    return save(rich, tmp_path / "rich.yaml")


@pytest.fixture
def long() -> Journey:
    """A 40-step map."""
    return long_journey()
