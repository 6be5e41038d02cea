"""The ranked ideas (``journeymap prioritize``) as a table: on screen, XLSX, CSV or Markdown.

>>> from journeymap.model import Journey
>>> journey = Journey(title="Shop", opportunities=[{"title": "Guest checkout", "criticality": 5,
...     "design_ease": 3, "development_ease": 3, "audience": 4}])
>>> ideas_table(journey).rows[0][:3]
[1, 'Guest checkout', '']
>>> ideas_bytes(journey, "md").decode().splitlines()[4]
'| 1 | Guest checkout |  | 5 | 3 | 3 | 4 | 15 |  |'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from openpyxl import Workbook

from ..errors import RenderError
from ..i18n import gettext as _
from ..model import Journey, rank
from .tables import Column, Table, _markdown_table, _plain, idea_columns, manufactura_columns
from .xlsx import _fill, _sheet_title

IDEA_FORMATS = ("xlsx", "csv", "md")


def _method_columns(method: str) -> list[Column]:
    """The columns of the parts of ``method``'s score."""
    impact, confidence = Column("impact", _("Impact"), width=8), Column("confidence", _("Confidence"), "share", 10)
    if method == "rice":
        return [Column("reach", _("Reach"), "count", 10), impact, confidence, Column("effort", _("Effort"), width=8)]
    if method == "ice":
        return [impact, confidence, Column("ease", _("Ease"), width=8)]
    return manufactura_columns()


def ideas_table(journey: Journey, method: str = "manufactura", weights: Mapping[str, float] | None = None) -> Table:
    """Return the map's ideas ranked by ``method`` (see :func:`journeymap.model.rank`) as a table."""
    ranked = rank(journey, method, weights)
    parts = _method_columns(method)
    columns = [*idea_columns(parts), Column("audience_measured", _("Audience from data"), width=10)]
    rows = []
    for idea in ranked:
        data = idea.to_dict()
        rows.append(
            [
                idea.rank,
                idea.opportunity.title,
                ", ".join(idea.opportunity.steps),
                *(data[column.key] for column in parts),
                idea.score,
                _("yes") if idea.measured else "",
            ]
        )
    return Table(_("Ideas ranked ({method})").format(method=method), columns, rows)


def ideas_bytes(journey: Journey, fmt: str, method: str = "manufactura", weights: Mapping[str, float] | None = None) -> bytes:
    """Return the ranked ideas as ``xlsx``, ``csv`` or ``md`` bytes."""
    table = ideas_table(journey, method, weights)
    if fmt == "xlsx":
        book = Workbook()
        _fill(book.active, table)
        book.active.title = _sheet_title(table.name)
        written = io.BytesIO()
        book.save(written)
        return written.getvalue()
    if fmt == "csv":
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([column.key for column in table.columns])
        writer.writerows([[_plain(value) for value in row] for row in table.rows])
        return stream.getvalue().encode()
    if fmt == "md":
        return (f"## {table.name}\n\n{_markdown_table(table)}\n").encode()
    raise RenderError(_("ideas can be written as {formats}, not {fmt!r}").format(formats=", ".join(IDEA_FORMATS), fmt=fmt))
