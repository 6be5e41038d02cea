"""live editing: changes in order, conflict notes, revisions as bursts

Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from journeymap.store.ddl import indexes, integer, json, refers, string, table, text, time

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("maps") as batch:
        batch.add_column(integer("seq", server_default="1"))
    op.execute("UPDATE maps SET seq = version")
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(time("updated_at", nullable=True))
        batch.add_column(text("contributors", server_default=""))
    table(
        "map_changes",
        string("map_id", 32),
        integer("seq"),
        string("client", 64),
        string("batch", 64),
        integer("author_id", nullable=True),
        json("operations"),
        time("created_at"),
        refers("author_id", "users", "SET NULL"),
        refers("map_id", "maps", "CASCADE"),
        unique=("map_id", "seq"),
    )
    op.create_index("ix_map_changes_batch", "map_changes", ["map_id", "client", "batch"], unique=False)
    table(
        "conflict_notes",
        string("map_id", 32),
        text("path"),
        json("kept"),
        json("value"),
        integer("author_id", nullable=True),
        integer("replaced_by", nullable=True),
        time("created_at"),
        time("resolved_at", nullable=True),
        refers("author_id", "users", "SET NULL"),
        refers("replaced_by", "users", "SET NULL"),
        refers("map_id", "maps", "CASCADE"),
    )
    indexes("conflict_notes", "map_id")


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
