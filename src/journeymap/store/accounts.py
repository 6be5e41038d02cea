"""Users, passwords (argon2), API tokens, workspaces and memberships with roles."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import Conflict, JourneymapError, NotFound
from ..i18n import gettext as _
from .tables import ApiToken, Membership, Role, User, Workspace, utcnow

PASSWORD_HASHER = PasswordHasher()
"""How passwords are hashed: argon2id with argon2-cffi's default cost (a test suite may lower it)."""
_DUMMY_HASH = PASSWORD_HASHER.hash("journeymap: compare against something when the user is unknown")
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,79}$")


def new_password() -> str:
    """Return a random password of 20 URL-safe characters.

    >>> len(new_password())
    20
    """
    return secrets.token_urlsafe(15)


def token_digest(token: str) -> str:
    """Return the SHA-256 of a random token: tokens and share links are stored only this way.

    >>> token_digest("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    """Return the argon2 hash of a password (users' and share links' passwords are stored only this way).

    >>> hash_password("open sesame").startswith("$argon2")
    True
    """
    return PASSWORD_HASHER.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    """Return whether ``password`` is the one ``password_hash`` was made from.

    >>> password_matches(hash_password("open sesame"), "open sesame"), password_matches(hash_password("a"), "b")
    (True, False)
    """
    try:
        return PASSWORD_HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def add_user(session: Session, username: str, password: str | None = None, *, admin: bool = False) -> tuple[User, str]:
    """Create a user; return it with its password (a new random one when none is given)."""
    if not _USERNAME.match(username):
        raise JourneymapError(_("user name {name!r}: use letters, digits, '.', '_', '-', '@' (at most 80)").format(name=username))
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict(_("user {name} exists; choose another name").format(name=username))
    password = password or new_password()
    user = User(username=username, password_hash=PASSWORD_HASHER.hash(password), is_admin=admin)
    session.add(user)
    session.flush()
    return user, password


def find_user(session: Session, username: str) -> User | None:
    """Return the user with this name, ``None`` if none."""
    return session.scalar(select(User).where(User.username == username))


def user_named(session: Session, username: str) -> User:
    """Return the user with this name; raise :class:`NotFound` if none."""
    user = find_user(session, username)
    if user is None:
        raise NotFound(_("no user named {name}; see 'journeymap users list'").format(name=username))
    return user


def users(session: Session) -> list[User]:
    """Return every user, by name."""
    return list(session.scalars(select(User).order_by(User.username)))


def authenticate(session: Session, username: str, password: str) -> User | None:
    """Return the active user whose name and password match, else ``None`` (in the same time)."""
    user = session.scalar(select(User).where(User.username == username))
    try:
        PASSWORD_HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.is_active:
        return None
    if PASSWORD_HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = PASSWORD_HASHER.hash(password)
    return user


def set_password(session: Session, user: User, password: str | None = None) -> str:
    """Give ``user`` a new password (random when none), ending its sessions; return the password."""
    password = password or new_password()
    user.password_hash = PASSWORD_HASHER.hash(password)
    user.session_epoch += 1
    return password


def set_active(session: Session, user: User, active: bool) -> None:
    """Enable or disable a user; disabling ends their sessions and refuses their tokens."""
    user.is_active = active
    user.session_epoch += 1


SCOPES = ("read", "write", "admin")
"""What a token may do: read (GET only), write (all but administration), admin (all its user may)."""


def add_token(session: Session, user: User, name: str, *, scope: str = "admin", expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """Create an API token for ``user``; return it with the token text, shown this once."""
    if scope not in SCOPES:
        raise JourneymapError(_("token scope {scope!r}: use one of {scopes}").format(scope=scope, scopes=", ".join(SCOPES)))
    text = "jm_" + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=token_digest(text), scope=scope, expires_at=expires_at)
    session.add(token)
    session.flush()
    return token, text


def token_and_user(session: Session, text: str) -> tuple[ApiToken, User] | None:
    """Return an unrevoked, unexpired token and its active user, else ``None``."""
    row = session.execute(
        select(ApiToken, User)
        .join(User, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_digest(text), ApiToken.revoked_at.is_(None), User.is_active.is_(True))
    ).first()
    if row is None or (row[0].expires_at is not None and _aware(row[0].expires_at) <= utcnow()):
        return None
    return row[0], row[1]


def user_for_token(session: Session, text: str) -> User | None:
    """Return the active user an unrevoked, unexpired token belongs to, else ``None``."""
    found = token_and_user(session, text)
    return found[1] if found else None


def revoke_tokens_of(session: Session, user: User) -> int:
    """Revoke every live token of ``user`` (a password change); return how many."""
    live = tokens(session, user)
    for token in live:
        token.revoked_at = utcnow()
    return len(live)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def tokens(session: Session, user: User) -> list[ApiToken]:
    """Return the user's unrevoked tokens, newest first."""
    query = select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    return list(session.scalars(query.order_by(ApiToken.id.desc())))


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens; raise :class:`NotFound` if it is not theirs."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        raise NotFound(_("no token {id}").format(id=token_id))
    token.revoked_at = utcnow()
    return token


def add_workspace(session: Session, name: str, owner: User) -> Workspace:
    """Create a workspace owned by ``owner``; its name is unique among the owner's workspaces, not on the server.

    Another user's workspace of the same name does not stop it, so creating
    a workspace tells nothing of the workspaces one cannot see.
    """
    mine = select(Workspace.id).join(Membership).where(Membership.user_id == owner.id, Workspace.name == name)
    if session.scalar(mine) is not None:
        raise Conflict(_("you already have a workspace named {name}; choose another name").format(name=name))
    workspace = Workspace(name=name)
    session.add(workspace)
    session.flush()
    session.add(Membership(workspace_id=workspace.id, user_id=owner.id, role=Role.owner.value))
    return workspace


def workspaces_of(session: Session, user: User) -> list[tuple[Workspace, Role]]:
    """Return the workspaces ``user`` belongs to, with their role in each."""
    rows = session.execute(
        select(Workspace, Membership.role).join(Membership).where(Membership.user_id == user.id).order_by(Workspace.name)
    )
    return [(workspace, Role(role)) for workspace, role in rows]


def role_in(session: Session, workspace_id: int, user: User | None) -> Role | None:
    """Return the user's role in a workspace, ``None`` when they are not a member."""
    if user is None:
        return None
    role = session.scalar(select(Membership.role).where(Membership.workspace_id == workspace_id, Membership.user_id == user.id))
    return Role(role) if role else None


def set_member(session: Session, workspace_id: int, user: User, role: Role) -> None:
    """Make ``user`` a member of the workspace with ``role`` (or change their role); the last owner stays an owner."""
    membership = session.get(Membership, (workspace_id, user.id))
    if membership is not None and role != Role.owner:
        _keep_an_owner(session, workspace_id, membership)
    if membership is None:
        session.add(Membership(workspace_id=workspace_id, user_id=user.id, role=role.value))
    else:
        membership.role = role.value


def remove_member(session: Session, workspace_id: int, username: str) -> None:
    """Remove the user named ``username`` from the workspace; raise :class:`NotFound` if not a member (or no such user: the same answer)."""
    user = find_user(session, username)
    membership = session.get(Membership, (workspace_id, user.id)) if user else None
    if membership is None:
        raise NotFound(_("{name} is not a member of this workspace").format(name=username))
    _keep_an_owner(session, workspace_id, membership)
    session.delete(membership)


def _keep_an_owner(session: Session, workspace_id: int, leaving: Membership) -> None:
    """Refuse to demote or remove the workspace's last owner: a workspace always has one."""
    if leaving.role != Role.owner.value:
        return
    owners = session.execute(select(func.count()).select_from(Membership).where(Membership.workspace_id == workspace_id, Membership.role == Role.owner.value)).scalar_one()
    if owners <= 1:
        raise Conflict(_("the workspace's only owner cannot step down or leave; make another member an owner first"))


def members(session: Session, workspace_id: int) -> list[tuple[User, Role]]:
    """Return the members of a workspace with their roles, by name."""
    rows = session.execute(
        select(User, Membership.role).join(Membership).where(Membership.workspace_id == workspace_id).order_by(User.username)
    )
    return [(user, Role(role)) for user, role in rows]
