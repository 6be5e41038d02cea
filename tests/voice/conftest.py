"""A small shop map and feedback files written into tmp_path for the voice tests."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from journeymap.model import Journey

MAP = {
    "title": "Kids shop",
    "language": "en",
    "stages": [
        {
            "name": "Purchase",
            "steps": [
                {"name": "Finds the product card", "actions": ["searches the catalogue", "opens the product card"],
                 "emotion": {"actual": -1, "desired": 1}, "pains": ["catalogue filters are confusing"]},
                {"name": "Pays for the order", "actions": ["pays by card"], "voice": {"keywords": ["payment", "оплата", "to'lov"]}},
            ],
        },
        {
            "name": "Delivery",
            "steps": [
                {"name": "Waits for delivery", "actions": ["waits for the courier"], "pains": ["courier is late"],
                 "emotion": {"actual": -1, "desired": 1}},
            ],
        },
    ],
}


@pytest.fixture
def journey() -> Journey:
    """A three-step map in English with keywords in three languages on the payment step."""
    return Journey.model_validate(MAP)


@pytest.fixture
def map_file(tmp_path: Path, journey: Journey) -> Path:
    """The same map saved as YAML."""
    return journey.save(tmp_path / "shop.yaml")


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (dicts) as a CSV file in tmp_path and return its path."""

    def write(rows: list[dict[str, object]], name: str = "feedback.csv") -> Path:
        path = tmp_path / name
        fields = list(dict.fromkeys(key for row in rows for key in row))
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write
