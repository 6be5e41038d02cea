"""Evidence dates: a YAML date (written unquoted) is kept as its ISO text."""

from __future__ import annotations

from datetime import date

from journeymap.files import dumps, loads
from journeymap.model import Evidence

MAP = """\
title: Shop
stages:
  - name: Use
    steps:
      - name: Uses the product
        evidence:
          - {kind: review, text: The sole came off., date: 2025-02-11}
          - {text: Lovely., date: spring 2024}
"""


def test_an_unquoted_yaml_date_becomes_iso_text() -> None:
    evidence = loads(MAP).steps[0].evidence
    assert [item.date for item in evidence] == ["2025-02-11", "spring 2024"]


def test_a_python_date_is_accepted_too() -> None:
    assert Evidence(text="x", date=date(2024, 1, 31)).date == "2024-01-31"


def test_the_date_round_trips() -> None:
    journey = loads(MAP)
    assert loads(dumps(journey)) == journey
