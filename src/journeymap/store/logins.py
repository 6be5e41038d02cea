"""Login sessions kept in the database (so logout ends them) and failed logins counted there (so every worker shares them).

>>> import tempfile
>>> from journeymap.store import Store, add_user
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/team.db"); store.upgrade()
>>> with store.writing() as session:
...     ana = add_user(session, "ana", "ana-password-1")[0]
...     secret = start_session(session, ana)
...     session_user(session, secret, idle=3600, longest=86400)[0].username
...     end_session(session, secret)
...     session_user(session, secret, idle=3600, longest=86400) is None
'ana'
True
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from .accounts import token_digest
from .tables import LoginFailure, LoginSession, User, utcnow

SEEN_EVERY = timedelta(seconds=60)
"""A session's last use is written at most this often (not on every request)."""


def start_session(session: Session, user: User) -> str:
    """Open a login session for ``user``; return the secret the cookie carries (only its digest is kept)."""
    secret = secrets.token_urlsafe(32)
    session.add(LoginSession(id=token_digest(secret), user_id=user.id))
    session.flush()
    return secret


def session_user(session: Session, secret: str, *, idle: int, longest: int) -> tuple[User, bool] | None:
    """Return the active user of an open session, and whether its last use should be written (:func:`touch_session`).

    ``None`` when the session is unknown, ended, idle over ``idle`` seconds or older than ``longest``.
    """
    row = session.execute(
        select(LoginSession, User).join(User, User.id == LoginSession.user_id).where(LoginSession.id == token_digest(secret), LoginSession.ended_at.is_(None))
    ).first()
    if row is None:
        return None
    login, user = row
    now = utcnow()
    if not user.is_active or now - _aware(login.seen_at) > timedelta(seconds=idle) or now - _aware(login.created_at) > timedelta(seconds=longest):
        return None
    return user, now - _aware(login.seen_at) > SEEN_EVERY


def touch_session(session: Session, secret: str) -> None:
    """Write that a session was used now (its idle time starts again)."""
    session.execute(update(LoginSession).where(LoginSession.id == token_digest(secret)).values(seen_at=utcnow()))


def end_session(session: Session, secret: str) -> None:
    """End one login session (logout)."""
    session.execute(update(LoginSession).where(LoginSession.id == token_digest(secret), LoginSession.ended_at.is_(None)).values(ended_at=utcnow()))


def end_sessions_of(session: Session, user: User) -> int:
    """End every open session of ``user`` (password change, disabling); return how many."""
    ended = session.execute(update(LoginSession).where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None)).values(ended_at=utcnow()))
    return cast("CursorResult[Any]", ended).rowcount or 0  # an UPDATE's result is a cursor's


def count_failures(session: Session, key: str, window: int) -> int:
    """Return the failed logins recorded under ``key`` (``user:NAME`` or ``address:IP``) in the last ``window`` seconds."""
    since = utcnow() - timedelta(seconds=window)
    return session.scalar(select(func.count()).select_from(LoginFailure).where(LoginFailure.key == key, LoginFailure.at > since)) or 0


def add_failure(session: Session, *keys: str) -> None:
    """Record a failed login under each key."""
    session.add_all(LoginFailure(key=key) for key in keys)


def forget_failures(session: Session, key: str, *, older_than: int) -> None:
    """Forget the failures under ``key`` (a successful login) and every failure older than ``older_than`` seconds."""
    session.execute(delete(LoginFailure).where((LoginFailure.key == key) | (LoginFailure.at < utcnow() - timedelta(seconds=older_than))))


def _aware(moment: datetime) -> datetime:
    """SQLite gives stored times back without their zone: they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
