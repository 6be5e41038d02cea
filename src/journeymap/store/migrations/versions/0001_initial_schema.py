"""initial schema

Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from journeymap.store.ddl import boolean, indexes, integer, json, refers, string, table, text, time

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


def upgrade() -> None:
    table(
        "users",
        string("username", 80),
        string("password_hash", 200),
        boolean("is_admin"),
        boolean("is_active"),
        integer("session_epoch"),
        string("language", 10),
        time("created_at"),
        unique=("username",),
    )
    table("workspaces", string("name", 200), time("created_at"), unique=("name",))
    table(
        "api_tokens",
        integer("user_id"),
        string("name", 200),
        string("token_hash", 64),
        time("created_at"),
        time("revoked_at", nullable=True),
        refers("user_id", "users", "CASCADE"),
        unique=("token_hash",),
    )
    indexes("api_tokens", "user_id")
    table(
        "audit_log",
        time("at"),
        integer("user_id", nullable=True),
        integer("workspace_id", nullable=True),
        string("action", 80),
        string("target", 200),
        json("detail"),
        refers("user_id", "users", "SET NULL"),
        refers("workspace_id", "workspaces", "CASCADE"),
    )
    indexes("audit_log", "at", "workspace_id")
    table(
        "data_sources",
        integer("workspace_id"),
        string("name", 300),
        string("path", 300),
        string("content_type", 100),
        integer("size"),
        string("sha256", 64),
        integer("uploaded_by", nullable=True),
        time("created_at"),
        refers("uploaded_by", "users", "SET NULL"),
        refers("workspace_id", "workspaces", "CASCADE"),
    )
    indexes("data_sources", "workspace_id")
    table(
        "maps",
        string("id", 32),
        integer("workspace_id"),
        string("slug", 120),
        text("title"),
        string("kind", 40),
        string("state", 20),
        text("tags"),
        integer("version"),
        json("document"),
        integer("created_by", nullable=True),
        time("created_at"),
        time("updated_at"),
        refers("created_by", "users", "SET NULL"),
        refers("workspace_id", "workspaces", "CASCADE"),
        key=sa.PrimaryKeyConstraint("id"),
    )
    indexes("maps", "kind", "slug", "state")
    op.create_index("ix_maps_workspace_updated", "maps", ["workspace_id", "updated_at"], unique=False)
    table(
        "memberships",
        integer("workspace_id"),
        integer("user_id"),
        string("role", 20),
        refers("user_id", "users", "CASCADE"),
        refers("workspace_id", "workspaces", "CASCADE"),
        key=sa.PrimaryKeyConstraint("workspace_id", "user_id"),
    )
    indexes("memberships", "user_id")
    table(
        "analysis_runs",
        string("map_id", 32),
        integer("source_id", nullable=True),
        string("analysis", 80),
        json("params"),
        string("status", 20),
        sa.Column("progress", sa.Float(), nullable=False),
        text("message"),
        json("result", nullable=True),
        integer("created_by", nullable=True),
        time("created_at"),
        time("started_at", nullable=True),
        time("finished_at", nullable=True),
        refers("created_by", "users", "SET NULL"),
        refers("map_id", "maps", "CASCADE"),
        refers("source_id", "data_sources", "SET NULL"),
    )
    indexes("analysis_runs", "map_id")
    table(
        "comments",
        string("map_id", 32),
        integer("parent_id", nullable=True),
        string("step_id", 120, nullable=True),
        string("lane", 80, nullable=True),
        integer("card_index", nullable=True),
        integer("author_id", nullable=True),
        text("body"),
        time("created_at"),
        time("resolved_at", nullable=True),
        integer("resolved_by", nullable=True),
        refers("author_id", "users", "SET NULL"),
        refers("map_id", "maps", "CASCADE"),
        refers("parent_id", "comments", "CASCADE"),
        refers("resolved_by", "users", "SET NULL"),
    )
    indexes("comments", "map_id")
    table(
        "revisions",
        string("map_id", 32),
        integer("version"),
        json("document"),
        integer("author_id", nullable=True),
        text("message"),
        time("created_at"),
        refers("author_id", "users", "SET NULL"),
        refers("map_id", "maps", "CASCADE"),
        unique=("map_id", "version"),
    )
    table(
        "share_links",
        string("map_id", 32),
        string("token_hash", 64),
        integer("created_by", nullable=True),
        time("created_at"),
        time("revoked_at", nullable=True),
        refers("created_by", "users", "SET NULL"),
        refers("map_id", "maps", "CASCADE"),
        unique=("token_hash",),
    )
    indexes("share_links", "map_id")


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)  # its indexes go with it
