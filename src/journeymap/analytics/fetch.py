"""An expression's result as plain rows: ``[{column: value}]``.

On DuckDB the rows come straight from its cursor, as Python values (numbers,
text, ``datetime``, None), so a command that prints a few numbers never
imports pandas; other engines go through Ibis's own ``execute``. Either way a
missing number is None or NaN, which :func:`~journeymap.analytics.results.clean_number`
turns into None.

>>> import ibis
>>> from journeymap.analytics import connect
>>> table = connect().create_table("demo", ibis.memtable({"event": ["a", "b", "a"]}), temp=True)
>>> records(table.group_by("event").aggregate(n=table.count()).order_by("event"))
[{'event': 'a', 'n': 2}, {'event': 'b', 'n': 1}]
"""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir


def records(expr: ir.Table) -> list[dict[str, Any]]:
    """Return the rows of ``expr``, run on its engine, as dicts."""
    backend = expr._find_backend(use_default=True)
    if backend.name != "duckdb":
        return expr.execute().to_dict("records")
    relation = backend._to_duckdb_relation(expr)  # Ibis's own path to DuckDB: in-memory tables registered first
    return [dict(zip(relation.columns, row)) for row in relation.fetchall()]


def first_record(expr: ir.Table) -> dict[str, Any]:
    """Return the first row of ``expr`` (an aggregate: one row), or an empty dict when there is none."""
    rows = records(expr)
    return rows[0] if rows else {}
