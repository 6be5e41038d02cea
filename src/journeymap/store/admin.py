"""Setting up and running a server's accounts from the command line."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import Conflict, NotFound
from ..i18n import gettext as _
from . import accounts, audit
from .db import Store
from .tables import Role, User, Workspace

DEFAULT_WORKSPACE = "Default"


def first_run(store: Store) -> str | None:
    """On an empty store, create the ``admin`` user and the default workspace; return the one-time password.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> store = Store(f"sqlite:///{folder}/team.db", data_dir=folder); store.upgrade()
    >>> password = first_run(store)
    >>> len(password), first_run(store)
    (20, None)
    """
    with store.writing() as session:
        if session.scalar(select(func.count()).select_from(User)):
            return None
        admin, password = accounts.add_user(session, "admin", admin=True)
        workspace = accounts.add_workspace(session, DEFAULT_WORKSPACE, admin)
        audit.record(session, admin, "server_initialized", workspace_id=workspace.id)
    return password


def add_user(store: Store, username: str, *, role: Role | None = None, workspace: str = DEFAULT_WORKSPACE, admin: bool = False, password: str | None = None) -> str:
    """Create a user, a member of ``workspace`` with ``role`` when given; return their password."""
    with store.writing() as session:
        user, password = accounts.add_user(session, username, password, admin=admin)
        if role is not None:
            accounts.set_member(session, workspace_named(session, workspace).id, user, role)
        audit.record(session, None, "user_created", target=username, role=role.value if role else None)
    return password


def list_users(store: Store) -> list[dict[str, object]]:
    """Return every user with their workspaces and roles."""
    with store.reading() as session:
        return [
            {
                "username": user.username,
                "admin": user.is_admin,
                "active": user.is_active,
                "workspaces": roles_by_name(accounts.workspaces_of(session, user)),
            }
            for user in accounts.users(session)
        ]


def roles_by_name(found: list[tuple[Workspace, Role]]) -> dict[str, str]:
    """Return each workspace's role by its name, the name followed by its number where two share it.

    >>> roles_by_name([(Workspace(id=1, name="Default"), Role.owner), (Workspace(id=4, name="Default"), Role.viewer), (Workspace(id=2, name="Team"), Role.editor)])
    {'Default #1': 'owner', 'Default #4': 'viewer', 'Team': 'editor'}
    """
    names = [workspace.name for workspace, _role in found]
    return {workspace.name if names.count(workspace.name) == 1 else f"{workspace.name} #{workspace.id}": role.value for workspace, role in found}


def set_active(store: Store, username: str, active: bool) -> None:
    """Enable or disable a user (disabling ends their sessions and refuses their tokens)."""
    with store.writing() as session:
        accounts.set_active(session, accounts.user_named(session, username), active)
        audit.record(session, None, "user_enabled" if active else "user_disabled", target=username)


def reset_password(store: Store, username: str) -> str:
    """Give a user a new random password, ending their sessions; return it."""
    with store.writing() as session:
        password = accounts.set_password(session, accounts.user_named(session, username))
        audit.record(session, None, "password_reset", target=username)
    return password


def set_member(store: Store, username: str, workspace: str, role: Role) -> None:
    """Give a user ``role`` in ``workspace``, adding them if they are not a member (a workspace keeps an owner).

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> store = Store(f"sqlite:///{folder}/team.db", data_dir=folder); store.upgrade(); _ = first_run(store)
    >>> _ = add_user(store, "ana")
    >>> set_member(store, "ana", DEFAULT_WORKSPACE, Role.owner)
    >>> list_users(store)[1]["workspaces"]
    {'Default': 'owner'}
    """
    with store.writing() as session:
        found = workspace_named(session, workspace)
        accounts.set_member(session, found.id, accounts.user_named(session, username), role)
        audit.record(session, None, "member_set", workspace_id=found.id, target=username, role=role.value)


def workspace_named(session: Session, name: str) -> Workspace:
    """Return the workspace called ``name`` (or numbered so, when none is called that); raise :class:`NotFound` if none, :class:`Conflict` if several.

    Names are unique among each user's workspaces, not on the server, so two
    teams may both have a "Marketing"; the number tells them apart.
    """
    found = list(session.scalars(select(Workspace).where(Workspace.name == name).order_by(Workspace.id)))
    numbered = session.get(Workspace, int(name)) if not found and name.isdigit() else None
    if numbered is not None:
        return numbered
    if not found:
        raise NotFound(_("no workspace named {name}; 'journeymap db upgrade' or 'journeymap serve' creates the Default one on first run").format(name=name))
    if len(found) > 1:
        numbers = ", ".join(str(workspace.id) for workspace in found)
        raise Conflict(_("several workspaces are named {name}; give the number of the one you mean instead: {numbers}").format(name=name, numbers=numbers))
    return found[0]
