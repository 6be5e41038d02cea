"""Maps for the renderer's tests: every lane, hostile text, five scripts, and a 40-step map."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import IMG, LETTERS, SCRIPT, long_journey

from journeymap.files import loads, save
from journeymap.model import Journey

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
