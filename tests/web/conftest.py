"""Fixtures of the web tests: the real app over a temporary SQLite file (or PostgreSQL), a team of users."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from journeymap.settings import Settings
from journeymap.store import ApiToken, User, comments, maps, runs
from journeymap.web import create_app
from webtools import Filled, make_team


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database URL, once per backend (the PostgreSQL runs start their own server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/team.db"
    return request.getfixturevalue("postgres").database()


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    """A database with a team, a comment, a run and a share link, made once per test session."""
    folder = tmp_path_factory.mktemp("filled")
    application = create_app(Settings(db=f"sqlite:///{folder}/team.db", data_dir=folder / "data", secret_key="test-secret"))
    team = make_team(application)
    with application.state.store.writing() as session:
        owner = session.scalar(select(User).where(User.username == "owner"))
        comments.add_comment(session, team.map_id, owner, "Is this step real?", step="sees-ad")
        runs.add_run(session, team.map_id, "validate", {}, author=owner)
        share_token = maps.add_share_link(session, team.map_id, owner)
        token_ids = {user.username: token.id for token, user in session.execute(select(ApiToken, User).join(User))}
    application.state.store.close()
    return Filled(folder / "team.db", team, share_token, token_ids)


@pytest.fixture
def filled_app(filled: Filled, tmp_path: Path) -> Iterator[FastAPI]:
    """The app over a fresh copy of the filled database (upload limit 1000 bytes)."""
    shutil.copy(filled.path, tmp_path / "team.db")
    application = create_app(Settings(db=f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path / "data", secret_key="test-secret", max_upload_bytes=1000))
    yield application
    application.state.store.close()
