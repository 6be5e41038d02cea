"""Intermediate results computed once and kept in the engine, so the queries that read them do not compute them again.

>>> from contextlib import ExitStack
>>> from journeymap.analytics import read_events, sample_path
>>> with ExitStack() as stack:
...     users = stored(read_events(sample_path()).table.select("user_id").distinct(), stack)
...     int(users.count().execute())
3000
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack

import ibis.expr.types as ir


def stored(table: ir.Table, stack: ExitStack | None = None) -> ir.Table:
    """Return ``table`` computed once and kept in its engine: a temp table (Spark: a cached frame).

    With ``stack`` it is dropped when the stack closes; without, it lives as long as the connection.
    """
    con = table._find_backend(use_default=True)
    if con.name == "pyspark":
        con._run_pre_execute_hooks(table)  # Ibis's Spark cache compiles the query without registering its in-memory tables
        cached = table.cache()
        if stack is not None:
            stack.callback(cached.release)
        return cached
    name = f"journeymap_kept_{uuid.uuid4().hex}"
    kept = con.create_table(name, table, temp=True)
    if stack is not None:
        stack.callback(con.raw_sql, f'DROP TABLE IF EXISTS "{name}"')
    return kept
