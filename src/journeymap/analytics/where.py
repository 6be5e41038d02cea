"""Filters on a log's columns written by a person (``--where "platform = ios"``), made into Ibis expressions.

A condition is ``COLUMN OPERATOR VALUE``: ``=``, ``!=``, ``>``, ``>=``, ``<``,
``<=``, or ``in`` with values between commas. The value is read as the
column's type (a number, a time, true/false, a text); an empty value
means a missing one, and ``!=`` keeps the events where the column is missing
(they are not ``ios`` either); a time without a zone is UTC, as the log's times are. The text is parsed here, never passed to a database as
SQL, so a filter runs the same on every engine and cannot inject anything.

>>> parse_condition("platform in ios, android")
Condition(column='platform', operator='in', values=('ios', 'android'))
>>> parse_condition("price >= '10.5'")
Condition(column='price', operator='>=', values=('10.5',))
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from .sources import ROW, EventLog

_CONDITION = re.compile(r"^\s*(?P<column>[^\s=!<>]+)\s*(?P<operator>!=|>=|<=|=|>|<|\s+in\s+)\s*(?P<value>.*?)\s*$", re.IGNORECASE)
_COMPARE: dict[str, Callable[[Any, Any], Any]] = {"=": operator.eq, "!=": operator.ne, ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
_TRUTH = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


@dataclass(frozen=True)
class Condition:
    """One filter: a column, an operator and the values as written."""

    column: str
    operator: str
    values: tuple[str, ...]


def parse_condition(text: str) -> Condition:
    """Return the condition ``text`` writes; raise :class:`DataSourceError` saying how to write one."""
    found = _CONDITION.match(text)
    if found is None:
        raise DataSourceError(_("--where {text!r}: write COLUMN OPERATOR VALUE, e.g. \"platform = ios\" (operators: = != > >= < <= in)").format(text=text))
    kind = found["operator"].strip().lower()
    raw = found["value"]
    values = tuple(_unquoted(part.strip()) for part in raw.split(",")) if kind == "in" else (_unquoted(raw),)
    return Condition(found["column"], kind, values)


def _unquoted(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" else value


def filtered(log: EventLog, conditions: Sequence[str]) -> EventLog:
    """Return the log with only the events that meet every condition (see the module).

    >>> from journeymap.analytics import read_events, sample_path
    >>> log = filtered(read_events(sample_path()), ["platform = ios"])
    >>> sorted(log.table.platform.value_counts().execute()["platform"])
    ['ios']
    """
    table = log.table
    for text in conditions:
        table = table.filter(_predicate(table, parse_condition(text), text))
    return replace(log, table=table, rows=None)


def _predicate(table: ir.Table, condition: Condition, text: str) -> ir.BooleanValue:
    columns = [name for name in table.columns if name != ROW]
    if condition.column not in columns:
        raise DataSourceError(_("--where {text!r}: the log has no column {column!r}; its columns: {columns}").format(text=text, column=condition.column, columns=", ".join(columns)))
    column = table[condition.column]
    values = [_typed(column, value, text) for value in condition.values]
    if condition.operator == "in":
        return column.isin([value for value in values if value is not None]) | (column.isnull() if None in values else ibis.literal(False))
    value = values[0]
    if value is None and condition.operator in ("=", "!="):
        missing = column.isnull() | (column == "") if column.type().is_string() else column.isnull()
        return missing if condition.operator == "=" else ~missing
    if value is None:
        raise DataSourceError(_("--where {text!r}: give a value to compare with").format(text=text))
    compared = _COMPARE[condition.operator](column, value)
    return compared | column.isnull() if condition.operator == "!=" else compared


def _moment(moment: datetime, zone: str | None) -> datetime:
    """A time as the column holds it: with the column's zone (a time written without one is UTC), or naive in a naive column."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware if zone else aware.astimezone(UTC).replace(tzinfo=None)


def _typed(column: ir.Column, value: str, text: str) -> Any:
    """Return ``value`` read as the column's type; ``None`` for an empty one."""
    if value == "":
        return None
    kind = column.type()
    try:
        if kind.is_numeric():
            return float(value)
        if kind.is_timestamp():
            return _moment(datetime.fromisoformat(value), kind.timezone)
        if kind.is_boolean():
            return _TRUTH[value.lower()]
    except (ValueError, KeyError):
        wanted = _("a number") if kind.is_numeric() else _("a time such as 2025-03-01T10:00") if kind.is_timestamp() else _("true or false")
        raise DataSourceError(_("--where {text!r}: {column} holds {wanted}, not {value!r}").format(text=text, column=column.get_name(), wanted=wanted, value=value)) from None
    return value
