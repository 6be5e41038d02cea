"""Read-only share links to a map: a label, an optional password and expiry, listed and revoked one by one.

A link is a random token shown once; only its SHA-256 is stored. It opens
the map while it is not revoked, not expired, and its creator can still
edit the map: a link stops working when the person who made it loses the
editor role in the map's workspace (or is removed from it, or disabled).

>>> import tempfile, pathlib
>>> from journeymap.model import Journey
>>> from journeymap.store import Store, add_map, add_user, add_workspace
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = Store(f"sqlite:///{folder}/team.db", data_dir=folder)
>>> store.upgrade()
>>> with store.writing() as session:
...     ana, _ = add_user(session, "ana", "a long password")
...     shop = add_map(session, add_workspace(session, "Team", ana).id, Journey(title="Shop"), author=ana)
...     link, token = add_share_link(session, shop.id, ana, label="For the board")
>>> with store.writing() as session:
...     open_share_link(session, token).label
'For the board'
>>> with store.writing() as session:
...     _ = revoke_share_link(session, shop.id, link.id)
>>> with store.writing() as session:
...     open_share_link(session, token)
Traceback (most recent call last):
journeymap.errors.NotFound: this share link was revoked; ask the person who shared the map for a new one
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InvalidRequest, NotFound
from ..i18n import gettext as _
from .accounts import hash_password, password_matches, role_in, token_digest
from .tables import Map, Role, ShareLink, User, isotime, utcnow

PASSWORD_LENGTH = (6, 200)
"""The shortest and longest password a share link may have."""

TOUCH_SECONDS = 60
"""A link's ``last_used_at`` is written at most once in this many seconds."""


def add_share_link(
    session: Session,
    map_id: str,
    author: User,
    *,
    label: str = "",
    password: str | None = None,
    expires_at: datetime | None = None,
    show_comments: bool = False,
) -> tuple[ShareLink, str]:
    """Create a read-only link to a map; return it with its token (shown this once)."""
    if password is not None and not PASSWORD_LENGTH[0] <= len(password) <= PASSWORD_LENGTH[1]:
        raise InvalidRequest(_("a share link's password must have {low} to {high} characters").format(low=PASSWORD_LENGTH[0], high=PASSWORD_LENGTH[1]), field="password")
    if expires_at is not None and _aware(expires_at) <= utcnow():
        raise InvalidRequest(_("the expiry {moment} is in the past; choose a later date and time").format(moment=isotime(expires_at)), field="expires_at")
    text = secrets.token_urlsafe(24)
    link = ShareLink(
        map_id=map_id,
        token_hash=token_digest(text),
        created_by=author.id,
        label=label.strip(),
        password_hash=hash_password(password) if password else None,
        expires_at=expires_at,
        show_comments=show_comments,
    )
    session.add(link)
    session.flush()
    return link, text


def expiry(days: float | None = None, until: datetime | None = None) -> datetime | None:
    """Return when a link made now expires: at ``until`` (UTC when it has no zone) or after ``days``, else never.

    >>> expiry(until=datetime(2030, 1, 2, 3, 4))
    datetime.datetime(2030, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)
    >>> expiry() is None, expiry(days=1) > utcnow()
    (True, True)
    """
    if until is not None:
        return _aware(until)
    return utcnow() + timedelta(days=days) if days is not None else None


def share_links(session: Session, map_id: str) -> list[ShareLink]:
    """Return a map's share links, newest first, revoked ones too."""
    return list(session.scalars(select(ShareLink).where(ShareLink.map_id == map_id).order_by(ShareLink.id.desc())))


def link_json(session: Session, link: ShareLink, record: Map) -> dict[str, Any]:
    """Return a link as the API lists it: label, who made it, when, expiry, password, last opened, state."""
    creator = session.get(User, link.created_by) if link.created_by is not None else None
    return {
        "id": link.id,
        "label": link.label,
        "created_by": creator.username if creator else None,
        "created_at": isotime(link.created_at),
        "expires_at": isotime(link.expires_at),
        "has_password": link.password_hash is not None,
        "show_comments": link.show_comments,
        "last_used_at": isotime(link.last_used_at),
        "revoked_at": isotime(link.revoked_at),
        "state": link_state(session, link, record),
    }


def link_state(session: Session, link: ShareLink, record: Map) -> str:
    """Return ``live``, ``revoked``, ``expired`` or ``creator_lost_access`` (its maker can no longer edit the map)."""
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at is not None and _aware(link.expires_at) <= utcnow():
        return "expired"
    creator = session.get(User, link.created_by) if link.created_by is not None else None
    role = role_in(session, record.workspace_id, creator) if creator is not None and creator.is_active else None
    return "live" if role is not None and role.allows(Role.editor) else "creator_lost_access"


def revoke_share_link(session: Session, map_id: str, link_id: int) -> ShareLink:
    """Revoke one share link of a map; raise :class:`NotFound` if the map has no such link."""
    link = session.get(ShareLink, link_id)
    if link is None or link.map_id != map_id:
        raise NotFound(_("map {id} has no share link {link}").format(id=map_id, link=link_id))
    if link.revoked_at is None:
        link.revoked_at = utcnow()
    return link


def revoke_share_links(session: Session, map_id: str) -> int:
    """Revoke every share link of a map; return how many were live."""
    links = session.scalars(select(ShareLink).where(ShareLink.map_id == map_id, ShareLink.revoked_at.is_(None))).all()
    for link in links:
        link.revoked_at = utcnow()
    return len(links)


def open_share_link(session: Session, token: str) -> ShareLink:
    """Return the live link of a token and note when it was opened; raise :class:`NotFound` saying why it does not open."""
    link = session.scalar(select(ShareLink).where(ShareLink.token_hash == token_digest(token)))
    if link is None:
        raise NotFound(_("this share link does not exist; check that it was copied whole"))
    state = link_state(session, link, session.get_one(Map, link.map_id))
    if state == "revoked":
        raise NotFound(_("this share link was revoked; ask the person who shared the map for a new one"))
    if state == "expired":
        raise NotFound(_("this share link expired on {moment} (UTC); ask the person who shared the map for a new one").format(moment=_minutes(link.expires_at)))
    if state == "creator_lost_access":
        raise NotFound(_("this share link no longer works: the person who made it can no longer edit the map"))
    now = utcnow()
    if link.last_used_at is None or _aware(link.last_used_at) < now - timedelta(seconds=TOUCH_SECONDS):
        link.last_used_at = now
    return link


def unlocks(link: ShareLink, password: str) -> bool:
    """Return whether ``password`` opens the link (always True for a link without one)."""
    return link.password_hash is None or password_matches(link.password_hash, password)


def _aware(moment: datetime) -> datetime:
    """Return a stored time with its UTC zone (SQLite gives it back without one)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _minutes(moment: datetime | None) -> str:
    """Return a time as ``YYYY-MM-DD HH:MM`` in UTC.

    >>> _minutes(datetime(2030, 1, 2, 3, 4, 5))
    '2030-01-02 03:04'
    """
    return (isotime(moment) or "")[:16].replace("T", " ")
