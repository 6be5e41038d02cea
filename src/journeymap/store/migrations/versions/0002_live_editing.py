"""live editing: changes in order, conflict notes, revisions as bursts

Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("maps") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="1"))
    op.execute("UPDATE maps SET seq = version")
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("contributors", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "map_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("map_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("batch", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("operations", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["map_id"], ["maps.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("map_id", "seq"),
    )
    op.create_index("ix_map_changes_batch", "map_changes", ["map_id", "client", "batch"], unique=False)
    op.create_table(
        "conflict_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("map_id", sa.String(length=32), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("kept", sa.JSON(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("replaced_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["replaced_by"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["map_id"], ["maps.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_conflict_notes_map_id"), "conflict_notes", ["map_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_conflict_notes_map_id"), table_name="conflict_notes")
    op.drop_table("conflict_notes")
    op.drop_index("ix_map_changes_batch", table_name="map_changes")
    op.drop_table("map_changes")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("contributors")
        batch.drop_column("updated_at")
    with op.batch_alter_table("maps") as batch:
        batch.drop_column("seq")
