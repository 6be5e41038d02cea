"""initial schema

Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


TABLES = (
    "users",
    "workspaces",
    "api_tokens",
    "audit_log",
    "data_sources",
    "maps",
    "memberships",
    "analysis_runs",
    "comments",
    "revisions",
    "share_links",
)
"""The tables in the order they are created: each refers only to those before it."""


def _table(name: str, *columns: sa.schema.SchemaItem, key: sa.schema.SchemaItem | None = None, unique: tuple[str, ...] = ()) -> None:
    """Create table ``name``: an integer ``id`` (unless ``key`` names another key), ``columns``, its primary key, and ``unique``."""
    items = [*columns, key] if key is not None else [sa.Column("id", sa.Integer(), nullable=False), *columns, sa.PrimaryKeyConstraint("id")]
    op.create_table(name, *items, *([sa.UniqueConstraint(*unique)] if unique else []))


def _time(name: str, *, nullable: bool = False) -> sa.Column:
    """A timestamp with its time zone."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _refers(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    """``column`` refers to the ``id`` of ``table``; what happens to the row when that one is deleted."""
    return sa.ForeignKeyConstraint([column], [f"{table}.id"], ondelete=ondelete)


def _indexes(table: str, *columns: str) -> None:
    """Index each of ``columns`` of ``table`` on its own, named ``ix_TABLE_COLUMN``."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    _table(
        "users",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        _time("created_at"),
        unique=("username",),
    )
    _table("workspaces", sa.Column("name", sa.String(length=200), nullable=False), _time("created_at"), unique=("name",))
    _table(
        "api_tokens",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _time("created_at"),
        _time("revoked_at", nullable=True),
        _refers("user_id", "users", "CASCADE"),
        unique=("token_hash",),
    )
    _indexes("api_tokens", "user_id")
    _table(
        "audit_log",
        _time("at"),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("workspace_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        _refers("user_id", "users", "SET NULL"),
        _refers("workspace_id", "workspaces", "CASCADE"),
    )
    _indexes("audit_log", "at", "workspace_id")
    _table(
        "data_sources",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        _time("created_at"),
        _refers("uploaded_by", "users", "SET NULL"),
        _refers("workspace_id", "workspaces", "CASCADE"),
    )
    _indexes("data_sources", "workspace_id")
    _table(
        "maps",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        _time("created_at"),
        _time("updated_at"),
        _refers("created_by", "users", "SET NULL"),
        _refers("workspace_id", "workspaces", "CASCADE"),
        key=sa.PrimaryKeyConstraint("id"),
    )
    _indexes("maps", "kind", "slug", "state")
    op.create_index("ix_maps_workspace_updated", "maps", ["workspace_id", "updated_at"], unique=False)
    _table(
        "memberships",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        _refers("user_id", "users", "CASCADE"),
        _refers("workspace_id", "workspaces", "CASCADE"),
        key=sa.PrimaryKeyConstraint("workspace_id", "user_id"),
    )
    _indexes("memberships", "user_id")
    _table(
        "analysis_runs",
        sa.Column("map_id", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("analysis", sa.String(length=80), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        _time("created_at"),
        _time("started_at", nullable=True),
        _time("finished_at", nullable=True),
        _refers("created_by", "users", "SET NULL"),
        _refers("map_id", "maps", "CASCADE"),
        _refers("source_id", "data_sources", "SET NULL"),
    )
    _indexes("analysis_runs", "map_id")
    _table(
        "comments",
        sa.Column("map_id", sa.String(length=32), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("step_id", sa.String(length=120), nullable=True),
        sa.Column("lane", sa.String(length=80), nullable=True),
        sa.Column("card_index", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        _time("created_at"),
        _time("resolved_at", nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        _refers("author_id", "users", "SET NULL"),
        _refers("map_id", "maps", "CASCADE"),
        _refers("parent_id", "comments", "CASCADE"),
        _refers("resolved_by", "users", "SET NULL"),
    )
    _indexes("comments", "map_id")
    _table(
        "revisions",
        sa.Column("map_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        _time("created_at"),
        _refers("author_id", "users", "SET NULL"),
        _refers("map_id", "maps", "CASCADE"),
        unique=("map_id", "version"),
    )
    _table(
        "share_links",
        sa.Column("map_id", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        _time("created_at"),
        _time("revoked_at", nullable=True),
        _refers("created_by", "users", "SET NULL"),
        _refers("map_id", "maps", "CASCADE"),
        unique=("token_hash",),
    )
    _indexes("share_links", "map_id")


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)  # its indexes go with it
