"""Fixtures of the web tests: the real app over a temporary SQLite file (or PostgreSQL), a team of users."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from journeymap.settings import Settings
from journeymap.store import Role, add_map, add_token, add_user, add_workspace, set_member
from journeymap.model import Journey
from journeymap.web import create_app

from postgres import BIN, Postgres, free_port

ROLES = ["owner", "editor", "commenter", "viewer", "outsider"]

SHOP = {
    "id": "shop",
    "title": "Shop",
    "tags": ["b2c", "retail"],
    "personas": [{"name": "Olga"}],
    "stages": [
        {"name": "Find", "steps": [{"name": "Sees ad", "pains": ["too loud"]}, {"name": "Searches"}]},
        {"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": -1}}]},
    ],
    "opportunities": [{"title": "One-click payment"}],
}


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    if not (BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL is not installed ({BIN}/initdb missing): apt-get install postgresql")
    server = Postgres()
    try:
        server.start()
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        pytest.skip(f"PostgreSQL could not start in a temporary folder: {error}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database URL, once per backend (the PostgreSQL runs start their own server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/team.db"
    return request.getfixturevalue("postgres").database()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path / "data", secret_key="test-secret", max_upload_bytes=1000)


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.store.close()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@dataclass
class Team:
    """A workspace with one user per role (and an outsider), their tokens, and a map."""

    workspace: int
    map_id: str
    tokens: dict[str, str] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)

    def headers(self, role: str | None, **more: str) -> dict[str, str]:
        """Return the headers of a request made by the user of ``role`` (none for anonymous)."""
        return {**({"Authorization": f"Bearer {self.tokens[role]}"} if role else {}), **more}


def make_team(app: FastAPI) -> Team:
    """Fill the app's store with a team: owner, editor, commenter, viewer, outsider (own workspace), admin."""
    with app.state.store.writing() as session:
        users = {role: add_user(session, role, f"{role}-password-1")[0] for role in ROLES}
        admin, _ = add_user(session, "admin", "admin-password-1", admin=True)
        workspace = add_workspace(session, "Team", users["owner"])
        for role in ("editor", "commenter", "viewer"):
            set_member(session, workspace.id, users[role], Role(role))
        add_workspace(session, "Elsewhere", users["outsider"])
        shop = add_map(session, workspace.id, Journey.model_validate(SHOP), author=users["owner"])
        team = Team(workspace=workspace.id, map_id=shop.id)
        for role, user in [*users.items(), ("admin", admin)]:
            team.tokens[role] = add_token(session, user, "tests")[1]
            team.passwords[role] = f"{role}-password-1"
    return team


@pytest.fixture
def team(app: FastAPI) -> Team:
    return make_team(app)


class LiveServer:
    """The app served by uvicorn on a free loopback port, in a thread."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", limit_concurrency=1000))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)

    def client(self, token: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


@dataclass
class Fixture:
    """A database file holding a team, a comment, a run and a share link, copied for each test."""

    path: Path
    team: Team
    share_token: str
    token_ids: dict[str, int]


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    from journeymap.store import ApiToken, comments, maps, runs, User
    from sqlalchemy import select

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
    return Fixture(folder / "team.db", team, share_token, token_ids)


@pytest.fixture
def filled_app(filled: Fixture, tmp_path: Path) -> Iterator[FastAPI]:
    """The app over a fresh copy of the filled database."""
    import shutil

    shutil.copy(filled.path, tmp_path / "team.db")
    application = create_app(Settings(db=f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path / "data", secret_key="test-secret", max_upload_bytes=1000))
    yield application
    application.state.store.close()
