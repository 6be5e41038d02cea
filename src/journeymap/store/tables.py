"""The database tables of a team's store (SQLAlchemy 2 declarative models)."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from ..errors import NotFound

T = TypeVar("T")


def utcnow() -> datetime:
    """Return the current time in UTC (every stored time is UTC)."""
    return datetime.now(UTC)


def isotime(moment: datetime | None) -> str | None:
    """Return a stored time as ISO 8601 in UTC; SQLite gives it back without a zone.

    >>> isotime(datetime(2026, 1, 2, 3, 4, 5))
    '2026-01-02T03:04:05Z'
    """
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z"


def as_json(row: Base, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return a row's columns as JSON-ready data (times in ISO 8601 UTC)."""
    return {
        column.key: isotime(value) if isinstance(value, datetime) else value
        for column in row.__table__.columns
        if column.key not in exclude
        for value in [getattr(row, column.key)]
    }


def fetch(session: Session, table: type[T], key: Any, message: str) -> T:
    """Return the row of ``table`` with primary key ``key``; raise :class:`NotFound` with ``message`` if none."""
    row = session.get(table, key)
    if row is None:
        raise NotFound(message)
    return row


class Role(str, enum.Enum):
    """What a member may do in a workspace; each role may do all that the ones below it may."""

    viewer = "viewer"
    commenter = "commenter"
    editor = "editor"
    owner = "owner"

    @property
    def rank(self) -> int:
        """Return the role's place in the order viewer < commenter < editor < owner."""
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        """Return whether this role may do what ``needed`` may.

        >>> Role.editor.allows(Role.commenter), Role.viewer.allows(Role.editor)
        (True, False)
        """
        return self.rank >= needed.rank


class Base(DeclarativeBase):
    """Base of every table."""

    type_annotation_map = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True, doc="Unique among each user's workspaces, not on the server: a name tells nothing of others' workspaces.")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(10), default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(Base):
    __tablename__ = "memberships"

    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20))


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    scope: Mapped[str] = mapped_column(String(10), default="admin", doc="read, write or admin (all the user may do).")
    expires_at: Mapped[datetime | None]


class LoginSession(Base):
    """A login by cookie: the cookie holds a secret whose SHA-256 is the id, so logout can end it."""

    __tablename__ = "login_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class LoginFailure(Base):
    """A failed login, counted per account (``user:NAME``) and per address (``address:IP``) by every worker."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Map(Base):
    __tablename__ = "maps"
    __table_args__ = (Index("ix_maps_workspace_updated", "workspace_id", "updated_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(120), index=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    tags: Mapped[str] = mapped_column(Text, default="", doc="Tags between commas, e.g. ',b2b,shop,'.")
    version: Mapped[int] = mapped_column(Integer, default=1, doc="Number of the latest revision.")
    seq: Mapped[int] = mapped_column(Integer, default=1, doc="Number of the latest change (an operation or a save): the ETag.")
    document: Mapped[dict[str, Any]]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Revision(Base):
    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("map_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text, default="")
    name: Mapped[str] = mapped_column(String(200), default="", server_default="", doc="A name people gave this version, e.g. 'after the workshop'.")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(doc="When the last change of a live burst was folded in.")
    contributors: Mapped[str] = mapped_column(Text, default="", doc="User ids of a live burst's editors between commas, e.g. ',3,7,'.")


class MapChange(Base):
    """One change of a map in the order the server applied it: a page's operations, or a whole save as operations."""

    __tablename__ = "map_changes"
    __table_args__ = (UniqueConstraint("map_id", "seq"), Index("ix_map_changes_batch", "map_id", "client", "batch"))

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    client: Mapped[str] = mapped_column(String(64), default="", doc="The page (or '' for a save) that sent it.")
    batch: Mapped[str] = mapped_column(String(64), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    operations: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConflictNote(Base):
    """Text one person wrote in a cell that another person's later change replaced: kept, shown on the cell."""

    __tablename__ = "conflict_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(Text, doc="The cell, as the page names it: 'steps/pays/goals/2'.")
    kept: Mapped[Any] = mapped_column(JSON, doc="The replaced value.")
    value: Mapped[Any] = mapped_column(JSON, doc="The value that replaced it.")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), doc="Who wrote the kept value.")
    replaced_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]


class ShareLink(Base):
    __tablename__ = "share_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    label: Mapped[str] = mapped_column(String(200), default="", server_default="")
    password_hash: Mapped[str | None] = mapped_column(String(200), doc="argon2 hash of the link's password; None: no password.")
    expires_at: Mapped[datetime | None]
    show_comments: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_used_at: Mapped[datetime | None]


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    step_id: Mapped[str | None] = mapped_column(String(120))
    lane: Mapped[str | None] = mapped_column(String(80))
    card_index: Mapped[int | None]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class DataSource(Base):
    __tablename__ = "data_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    path: Mapped[str] = mapped_column(String(300), doc="File name inside the data folder's sources/.")
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AnalysisRun(Base):
    __tablename__ = "analysis_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("data_sources.id", ondelete="SET NULL"))
    analysis: Mapped[str] = mapped_column(String(80))
    params: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(20), default="queued")
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any] | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(80))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
