"""The words the schema migrations build tables with: typed columns, keys, references and indexes.

Migrations are history: each of these must go on building exactly what it
builds now (tests/store/test_store_migrations.py checks the schema the
migrations leave). Columns are ``NOT NULL`` unless ``nullable=True``; other
keywords (``server_default``) go to :class:`sqlalchemy.Column`.

>>> column = string("username", 80)
>>> column.name, column.type.length, column.nullable
('username', 80, False)
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op


def integer(name: str, *, nullable: bool = False, **options: Any) -> sa.Column:
    """An integer column."""
    return sa.Column(name, sa.Integer(), nullable=nullable, **options)


def string(name: str, length: int, *, nullable: bool = False, **options: Any) -> sa.Column:
    """A string column of at most ``length`` characters."""
    return sa.Column(name, sa.String(length=length), nullable=nullable, **options)


def text(name: str, *, nullable: bool = False, **options: Any) -> sa.Column:
    """A text column of any length."""
    return sa.Column(name, sa.Text(), nullable=nullable, **options)


def json(name: str, *, nullable: bool = False) -> sa.Column:
    """A JSON column."""
    return sa.Column(name, sa.JSON(), nullable=nullable)


def boolean(name: str, **options: Any) -> sa.Column:
    """A true-or-false column, never null."""
    return sa.Column(name, sa.Boolean(), nullable=False, **options)


def time(name: str, *, nullable: bool = False) -> sa.Column:
    """A timestamp with its time zone."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def refers(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    """``column`` refers to the ``id`` of ``table``; ``ondelete`` says what happens to the row when that one is deleted."""
    return sa.ForeignKeyConstraint([column], [f"{table}.id"], ondelete=ondelete)


def table(name: str, *columns: sa.schema.SchemaItem, key: sa.schema.SchemaItem | None = None, unique: tuple[str, ...] = ()) -> None:
    """Create table ``name``: an integer ``id`` (unless ``key`` names another key), ``columns``, its primary key, and ``unique``."""
    items = [*columns, key] if key is not None else [integer("id"), *columns, sa.PrimaryKeyConstraint("id")]
    op.create_table(name, *items, *([sa.UniqueConstraint(*unique)] if unique else []))


def indexes(table: str, *columns: str) -> None:
    """Index each of ``columns`` of ``table`` on its own, named ``ix_TABLE_COLUMN``."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)
