"""Helpers of the server tests: a team with one user per role, the app served over loopback, PostgreSQL.

Tests import it as ``webtools`` (pytest's ``pythonpath`` has ``tests/``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
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

__all__ = ["BIN", "Filled", "LiveServer", "Postgres", "ROLES", "SHOP", "Team", "free_port", "make_team", "run_analysis", "upload", "wait_for_run"]

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


def sqlite_team(folder: Path) -> tuple[str, Team]:
    """Make a SQLite database in ``folder`` holding a team; return its URL and the team."""
    from journeymap.settings import Settings
    from journeymap.web import create_app

    db = f"sqlite:///{folder}/team.db"
    app = create_app(Settings(db=db, data_dir=folder / "data", secret_key="test-secret"))
    team = make_team(app)
    app.state.store.close()
    return db, team


@dataclass
class Filled:
    """A database file holding a team, a comment, a run and a share link, copied for each test."""

    path: Path
    team: Team
    share_token: str
    token_ids: dict[str, int]

    def app_over_copy(self, folder: Path) -> FastAPI:
        """Return the app over a fresh copy of the database and its data folder in ``folder`` (upload limit 1000 bytes)."""
        from journeymap.settings import Settings
        from journeymap.web import create_app

        shutil.copy(self.path, folder / "team.db")
        shutil.copytree(self.path.parent / "data", folder / "data")
        return create_app(
            Settings(db=f"sqlite:///{folder}/team.db", data_dir=folder / "data", secret_key="test-secret", max_upload_bytes=1000)
        )


class LiveServer:
    """The app served by uvicorn on a free loopback port, in a thread."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
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


def start_server(db: str, data_dir: Path, port: int, *options: str) -> subprocess.Popen:
    """Start ``journeymap serve`` in a process group of its own; return it once it answers.

    Its errors go to a file, not a pipe: a pipe held open by a worker process
    would block reading them. A server that does not answer in 90 s is killed
    with its workers.
    """
    command = [sys.executable, "-c", "from journeymap.cli import main; main()", "serve", "--db", db, "--data-dir", str(data_dir), "--port", str(port), *options]
    errors = tempfile.TemporaryFile()  # noqa: SIM115 (the server writes to it after this returns; closed with the test process)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env={**os.environ, "JOURNEYMAP_SECRET_KEY": "test-secret"}, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)  # its worker processes too: none may outlive a failed start
    process.wait(timeout=30)
    errors.seek(0)
    raise RuntimeError(f"journeymap serve did not answer: {errors.read().decode(errors='replace')[-2000:]}")


def add_ideas(url: str, token: str, map_id: str, writer: int, saves: int) -> dict[str, int]:
    """Add ``saves`` ideas to the map's first step, each read then saved with If-Match, retried on 409."""
    counts = {"saved": 0, "conflicts": 0, "errors": 0}
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
        while counts["saved"] < saves:
            current = client.get(f"/api/maps/{map_id}")
            journey = current.json()["journey"]
            journey["stages"][0]["steps"][0].setdefault("ideas", []).append(f"writer {writer} idea {counts['saved']}")
            answer = client.put(f"/api/maps/{map_id}", json=journey, headers={"If-Match": current.headers["etag"]})
            if answer.status_code == 200:
                counts["saved"] += 1
            elif answer.status_code == 409:
                counts["conflicts"] += 1
            else:
                counts["errors"] += 1
    return counts


def wait_for_run(client: Any, team: Team, run_id: int, *, seconds: float = 60) -> dict[str, Any]:
    """Poll an analysis run until it is done or failed; return it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run = client.get(f"/api/runs/{run_id}", headers=team.headers("viewer")).json()
        if run["status"] in ("done", "failed"):
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} did not finish: {run}")


def upload(client: Any, team: Team, path: Path, content_type: str) -> int:
    """Upload a data file to the team's workspace as the editor; return its source id."""
    answer = client.post(
        f"/api/workspaces/{team.workspace}/sources?name={path.name}",
        content=path.read_bytes(),
        headers=team.headers("editor", **{"Content-Type": content_type}),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def run_analysis(client: Any, team: Team, map_id: str, analysis: str, source: int, **params: Any) -> dict[str, Any]:
    """Run an analysis of a map on an uploaded source as the editor; return the finished run."""
    started = client.post(f"/api/maps/{map_id}/runs", json={"analysis": analysis, "source": source, "params": params}, headers=team.headers("editor"))
    assert started.status_code == 202, started.text
    return wait_for_run(client, team, started.json()["id"])
