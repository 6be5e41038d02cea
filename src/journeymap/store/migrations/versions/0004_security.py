"""security: server-side login sessions, shared login failure counts, token scope and expiry

Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from journeymap.store.ddl import indexes, integer, refers, string, table, time

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    table(
        "login_sessions",
        string("id", 64),
        integer("user_id"),
        time("created_at"),
        time("seen_at"),
        time("ended_at", nullable=True),
        refers("user_id", "users", "CASCADE"),
        key=sa.PrimaryKeyConstraint("id"),
    )
    indexes("login_sessions", "user_id")
    table("login_failures", string("key", 200), time("at"))
    indexes("login_failures", "key", "at")
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(string("scope", 10, server_default="admin"))
        batch.add_column(time("expires_at", nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
        batch.drop_column("scope")
    op.drop_index(op.f("ix_login_failures_at"), table_name="login_failures")
    op.drop_index(op.f("ix_login_failures_key"), table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index(op.f("ix_login_sessions_user_id"), table_name="login_sessions")
    op.drop_table("login_sessions")
