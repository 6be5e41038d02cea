"""Helpers of the web editor's tests: a team in a fresh store, the running site, logging in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from journeymap.model import Journey
from journeymap.settings import Settings
from journeymap.store import (
    Role,
    add_map,
    add_token,
    add_user,
    add_workspace,
    get_map,
    set_member,
)
from journeymap.web import create_app

USERS = {"owner": "ana", "editor": "ed", "commenter": "cora", "viewer": "vera", "outsider": "otto"}
"""The user of each role in the team's workspace (the outsider has a workspace of their own)."""

SHOP = {
    "title": "Shop",
    "tags": ["b2c"],
    "stages": [
        {"name": "Find", "steps": [{"name": "Sees ad", "pains": ["too loud"]}, {"name": "Searches"}]},
        {"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": -1}}]},
    ],
}


def password(user: str) -> str:
    """Return the password of a test user."""
    return f"{user}-password-1"


@dataclass
class Team:
    """The app with its team: the workspace, the Shop map, an API token per role."""

    app: FastAPI
    workspace: int
    map_id: str
    tokens: dict[str, str] = field(default_factory=dict)
    url: str = ""

    def headers(self, role: str) -> dict[str, str]:
        """Return the headers of an API request made by the user of ``role``."""
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def stored(self, map_id: str | None = None) -> dict[str, Any]:
        """Return a map's document as the store holds it now, with its version."""
        with self.app.state.store.reading() as session:
            record = get_map(session, map_id or self.map_id)
            return {"version": record.version, **record.document}


def make_team(folder: Path) -> Team:
    """Return a new app over SQLite in ``folder`` with the team and the Shop map."""
    app = create_app(Settings(db=f"sqlite:///{folder}/team.db", data_dir=folder / "data", secret_key="pages-tests"))
    with app.state.store.writing() as session:
        users = {role: add_user(session, name, password(name))[0] for role, name in USERS.items()}
        team = add_workspace(session, "Team", users["owner"])
        for role in ("editor", "commenter", "viewer"):
            set_member(session, team.id, users[role], Role(role))
        add_workspace(session, "Elsewhere", users["outsider"])
        shop = add_map(session, team.id, Journey.model_validate(SHOP), author=users["owner"])
        result = Team(app=app, workspace=team.id, map_id=shop.id)
        result.tokens = {role: add_token(session, user, "tests")[1] for role, user in users.items()}
    return result


def step_names(document: dict[str, Any]) -> list[str]:
    """Return the names of a map document's steps in journey order."""
    return [step["name"] for stage in document["stages"] for step in stage.get("steps", [])]


def log_in(client: TestClient, team: Team, role: str) -> str:
    """Log in through the form as the user of ``role``; return the page's CSRF token."""
    answer = client.post("/login", data={"username": USERS[role], "password": password(USERS[role]), "next": "/"}, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/")
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").text).group(1)


def editor_config(page: str) -> dict:
    """Return the settings a page gives the editor's script."""
    return json.loads(re.search(r'<script id="editor-config" type="application/json">(.*?)</script>', page, re.DOTALL).group(1))
