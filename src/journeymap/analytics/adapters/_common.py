"""What the vendor adapters share: reading JSON lines and flattening nested objects."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from ...errors import DataSourceError
from ...i18n import gettext as _
from ..sources import STANDARD, read_raw


def read_json_lines(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return the JSON lines at ``path`` (plain or gzip) as a lazy table."""
    return read_raw(con, path) if not path.endswith(".json.gz") else con.read_json(path, format="newline_delimited")


def require(table: ir.Table, path: str, vendor: str, *columns: str) -> None:
    """Raise naming the first of ``columns`` the export lacks."""
    require_names(list(table.columns), path, vendor, *columns)


def require_names(names: list[str], path: str, vendor: str, *columns: str) -> None:
    """Raise naming the first of ``columns`` missing from the field ``names`` of an export."""
    for column in columns:
        if column not in names:
            raise DataSourceError(
                _("{path}: no field {column!r}; is this an export from {vendor}? (fields: {found})").format(
                    path=path, column=column, vendor=vendor, found=", ".join(names[:12])
                )
            )


def struct_fields(table: ir.Table, column: str, *, prefix: str = "") -> dict[str, ir.Value]:
    """Return the fields of a struct column as columns, skipping names already taken."""
    if column not in table.columns or not table[column].type().is_struct():
        return {}
    taken = set(table.columns) | set(STANDARD)
    fields = {}
    for name, kind in table[column].type().items():
        if kind.is_struct() or kind.is_array() or kind.is_map():
            continue
        target = f"{prefix}{name}"
        if target not in taken:
            fields[target] = table[column][name]
    return fields


def first_present(table: ir.Table, *columns: str) -> ir.Value:
    """Return the first non-empty value among ``columns`` (those the table has)."""
    present = [table[name].cast("string").nullif("") for name in columns if name in table.columns]
    return ibis.coalesce(*present) if len(present) > 1 else present[0]
