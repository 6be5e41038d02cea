"""Fixtures of the page tests: the real app over a temporary SQLite file with a team."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pagetools import Team, make_team


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    made = make_team(tmp_path)
    yield made
    made.app.state.store.close()


@pytest.fixture
def client(team: Team) -> Iterator[TestClient]:
    with TestClient(team.app) as test_client:
        yield test_client
