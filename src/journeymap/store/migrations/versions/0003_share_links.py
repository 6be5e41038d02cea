"""share links: expiry, password, label, comments shown, last opened; named revisions

Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from journeymap.store.ddl import boolean, string, time

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("share_links", schema=None) as batch_op:
        batch_op.add_column(string("label", 200, server_default=""))
        batch_op.add_column(string("password_hash", 200, nullable=True))
        batch_op.add_column(time("expires_at", nullable=True))
        batch_op.add_column(boolean("show_comments", server_default=sa.false()))
        batch_op.add_column(time("last_used_at", nullable=True))
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.add_column(string("name", 200, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_column("name")
    with op.batch_alter_table("share_links", schema=None) as batch_op:
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("show_comments")
        batch_op.drop_column("expires_at")
        batch_op.drop_column("password_hash")
        batch_op.drop_column("label")
