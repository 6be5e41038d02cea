"""Fixtures of the web tests: the real app over a temporary SQLite file (or PostgreSQL), a team of users."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from webtools import Filled, Team, make_team

from journeymap.settings import Settings
from journeymap.store import ApiToken, Upload, User, comments, runs, shares, sources
from journeymap.web import create_app


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    """A database with a team, a comment, a run, a share link and an uploaded log, made once per test session."""
    folder = tmp_path_factory.mktemp("filled")
    application = create_app(Settings(db=f"sqlite:///{folder}/team.db", data_dir=folder / "data", secret_key="test-secret"))
    team = make_team(application)
    with application.state.store.writing() as session:
        owner = session.scalar(select(User).where(User.username == "owner"))
        comments.add_comment(session, team.map_id, owner, "Is this step real?", step="sees-ad")
        runs.add_run(session, team.map_id, "validate", {}, author=owner)
        _link, share_token = shares.add_share_link(session, team.map_id, owner)
        log = Upload(folder / "data", limit=1000)
        log.write(b"user_id,event,timestamp\nu1,view,2026-01-01T10:00:00\n")
        sources.add_source(session, team.workspace, log.finish(), name="events.csv", content_type="text/csv", author=owner)
        token_ids = {user.username: token.id for token, user in session.execute(select(ApiToken, User).join(User))}
    application.state.store.close()
    return Filled(folder / "team.db", team, share_token, token_ids)


@pytest.fixture
def team_client(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Team]]:
    """A client of a fresh app with a team and its Shop map, once per backend."""
    application = create_app(Settings(db=db_url, data_dir=tmp_path / "data", secret_key="test-secret"))
    team = make_team(application)
    with TestClient(application) as client:
        yield client, team
    application.state.store.close()


@pytest.fixture
def filled_app(filled: Filled, tmp_path: Path) -> Iterator[FastAPI]:
    """The app over a fresh copy of the filled database (upload limit 1000 bytes)."""
    application = filled.app_over_copy(tmp_path)
    yield application
    application.state.store.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[TestClient, Team]]:
    """A client of a fresh app with a team and its Shop map."""
    application = create_app(Settings(db=f"sqlite:///{tmp_path / 'team.db'}", data_dir=tmp_path / "data", secret_key="test-secret"))
    team = make_team(application)
    with TestClient(application) as client:
        yield client, team
    application.state.store.close()
