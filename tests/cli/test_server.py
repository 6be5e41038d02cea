"""The server's account commands: db upgrade (first run), users add/list/disable/enable/reset-password, members set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import SCHEMA_HEAD
from typer.testing import CliRunner

from journeymap.cli import app
from journeymap.store import Role, Store, authenticate


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/team.db"
    monkeypatch.setenv("JOURNEYMAP_DB", url)
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path / "data"))
    return url


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def password_in(output: str) -> str:
    return re.search(r"(?:with password|of \w+:) (\S+)", output).group(1)


def can_log_in(db: str, username: str, password: str) -> bool:
    store = Store(db)
    with store.writing() as session:
        found = authenticate(session, username, password) is not None
    store.close()
    return found


def test_the_first_upgrade_creates_the_admin_once_with_a_working_password(db: str):
    first = run("db", "upgrade")
    assert first.exit_code == 0 and f"Database at schema revision {SCHEMA_HEAD}." in first.output
    assert can_log_in(db, "admin", password_in(first.output))
    again = run("db", "upgrade")
    assert "admin" not in again.output


def test_users_are_added_listed_disabled_enabled_and_reset(db: str):
    run("db", "upgrade")
    added = run("users", "add", "ana", "--role", "editor")
    assert added.exit_code == 0, added.output
    password = password_in(added.output)
    listed = json.loads(run("users", "list", "--json").output)
    assert listed == [
        {"username": "admin", "admin": True, "active": True, "workspaces": {"Default": "owner"}},
        {"username": "ana", "admin": False, "active": True, "workspaces": {"Default": "editor"}},
    ]
    assert run("users", "disable", "ana").exit_code == 0
    assert not can_log_in(db, "ana", password)
    run("users", "enable", "ana")
    reset = run("users", "reset-password", "ana")
    assert not can_log_in(db, "ana", password) and can_log_in(db, "ana", password_in(reset.output))


def test_an_administrator_sets_a_members_role(db: str):
    run("db", "upgrade")
    run("users", "add", "ana", "--role", "viewer")
    run("users", "add", "ivan")
    assert run("members", "set", "ana", "--workspace", "Default", "--role", "owner").output.strip() == "ana is now owner in Default."
    assert run("members", "set", "ivan", "--workspace", "Default", "--role", "editor").exit_code == 0
    run("members", "set", "admin", "--workspace", "Default", "--role", "viewer")
    listed = {user["username"]: user["workspaces"] for user in json.loads(run("users", "list", "--json").output)}
    assert listed == {"admin": {"Default": "viewer"}, "ana": {"Default": "owner"}, "ivan": {"Default": "editor"}}


def test_a_workspace_name_two_teams_share_is_told_apart_by_its_number(db: str):
    from journeymap.store import accounts

    run("db", "upgrade")
    run("users", "add", "ana")
    store = Store(db)
    with store.writing() as session:
        second = accounts.add_workspace(session, "Default", accounts.user_named(session, "ana")).id
    ambiguous = run("members", "set", "admin", "--workspace", "Default", "--role", "owner")
    assert ambiguous.exit_code == 2 and f"several workspaces are named Default; give the number of the one you mean instead: 1, {second}" in ambiguous.output
    assert run("members", "set", "admin", "--workspace", str(second), "--role", "editor").exit_code == 0
    with store.reading() as session:
        admin = accounts.user_named(session, "admin")
        assert (accounts.role_in(session, 1, admin), accounts.role_in(session, second, admin)) == (Role.owner, Role.editor)
    store.close()
    assert json.loads(run("users", "list", "--json").output)[0]["workspaces"] == {"Default #1": "owner", f"Default #{second}": "editor"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["members", "set", "ghost", "--workspace", "Default", "--role", "owner"], "no user named ghost; see 'journeymap users list'"),
        (["members", "set", "admin", "--workspace", "Nowhere", "--role", "owner"], "no workspace named Nowhere"),
        (["members", "set", "admin", "--workspace", "Default", "--role", "viewer"], "the workspace's only owner cannot step down or leave"),
        (["users", "add", "ana", "--role", "editor", "--workspace", "Nowhere"], "no workspace named Nowhere"),
        (["users", "add", "bad name"], "user name 'bad name': use letters, digits"),
        (["users", "disable", "ghost"], "no user named ghost; see 'journeymap users list'"),
        (["users", "add", "admin"], "user admin exists; choose another name"),
        (["serve", "--workers", "2"], "--workers 2 needs PostgreSQL: with SQLite, pages served by different processes would not see"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(db: str, args: list[str], message: str):
    run("db", "upgrade")
    result = run(*args)
    assert result.exit_code == 2 and message in result.output and len(result.output.strip().splitlines()) <= 2


def test_the_role_names_of_the_command_line_are_the_store_roles():
    from journeymap.cli.server import RoleName
    from journeymap.store import Role

    assert [role.value for role in RoleName] == [role.value for role in Role]


def test_without_the_web_extra_the_commands_say_how_to_install_it(monkeypatch: pytest.MonkeyPatch):
    import sys

    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    for name in [name for name in sys.modules if name.startswith("journeymap.store")]:
        monkeypatch.delitem(sys.modules, name)
    result = run("users", "list")
    assert result.exit_code == 2
    assert "this command needs the web extra: pip install 'journeymap[web]' (sqlalchemy is missing)" in result.output
