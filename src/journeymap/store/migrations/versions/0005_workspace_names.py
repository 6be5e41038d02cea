"""workspace names: unique per member, not per server, so creating one tells nothing of others

Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from journeymap.store.ddl import integer, string, time

revision = "0005"
down_revision = "0004"


def _workspaces(*, unique: bool) -> sa.Table:
    """The workspaces table as SQLite rebuilds it, with or without the server-wide unique name."""
    return sa.Table(
        "workspaces",
        sa.MetaData(),
        integer("id"),
        string("name", 200),
        time("created_at"),
        sa.PrimaryKeyConstraint("id"),
        *([sa.UniqueConstraint("name")] if unique else []),
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("workspaces", copy_from=_workspaces(unique=False), recreate="always"):
            pass
    else:
        for constraint in sa.inspect(op.get_bind()).get_unique_constraints("workspaces"):
            if constraint["column_names"] == ["name"] and constraint["name"] is not None:
                op.drop_constraint(constraint["name"], "workspaces", type_="unique")
    op.create_index(op.f("ix_workspaces_name"), "workspaces", ["name"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_workspaces_name"), table_name="workspaces")
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("workspaces", copy_from=_workspaces(unique=True), recreate="always"):
            pass
    else:
        op.create_unique_constraint("workspaces_name_key", "workspaces", ["name"])
