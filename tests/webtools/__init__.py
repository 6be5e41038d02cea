"""Helpers of the server tests: a team with one user per role, the app served over loopback, PostgreSQL.

Tests import it as ``webtools`` (pytest's ``pythonpath`` has ``tests/``).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

from journeymap.model import Journey
from journeymap.store import Role, add_map, add_token, add_user, add_workspace, set_member

from .postgres import BIN, Postgres, free_port

__all__ = ["BIN", "Filled", "LiveServer", "Postgres", "ROLES", "SHOP", "Team", "free_port", "make_team"]

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
"""The map every team starts with."""


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


@dataclass
class Filled:
    """A database file holding a team, a comment, a run and a share link, copied for each test."""

    path: Path
    team: Team
    share_token: str
    token_ids: dict[str, int]


class LiveServer:
    """The app served by uvicorn on a free loopback port, in a thread."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
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
        """Return a client of the server that sends ``token``."""
        return httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)
