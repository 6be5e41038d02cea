"""Day-first or month-first: one rule per column of dates written with numbers only.

A date such as ``03/05/2024`` (or ``03-05-2024``) is 3 May day-first and
5 March month-first. One column is read one way: a first number over 12
settles day-first, a second number over 12 settles month-first; a column
where no value settles it (or where values settle both ways) is an error
unless the user says ``--day-first`` or ``--month-first``. Dates with dots
(``05.03.2024``) are day-first by convention; ISO dates need no rule.

>>> order = date_order(evidence_of(["03/05/2024", "13/05/2024 10:00"]), column="date")
>>> order.order, order.note()
('day-first', 'date: dates read day-first (13/05/2024 10:00 has a first number over 12)')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import DataSourceError
from .i18n import gettext as _

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
ORDERS = (DAY_FIRST, MONTH_FIRST)
NUMERIC_DATE = r"^\s*(\d{1,2})[/-](\d{1,2})[/-](\d{4})(.*)$"
"""A date written day and month first, in either order: groups first, second, year, the rest."""
_NUMERIC = re.compile(NUMERIC_DATE, re.DOTALL)


@dataclass(frozen=True)
class DateEvidence:
    """What a column's values say about their order: how many are numeric dates, and an example each way."""

    dated: int = 0
    day_example: str | None = None
    month_example: str | None = None


@dataclass(frozen=True)
class DateOrder:
    """The order a column's numeric dates are read in, and why."""

    column: str
    order: str
    example: str | None = None

    def note(self) -> str:
        """Return the line the output shows: which order was used and what settled it."""
        order = _("day-first") if self.order == DAY_FIRST else _("month-first")
        if self.example is None:
            return _("{column}: dates read {order} (as you said)").format(column=self.column, order=order)
        reason = _("{example} has a first number over 12") if self.order == DAY_FIRST else _("{example} has a second number over 12")
        return _("{column}: dates read {order} ({reason})").format(column=self.column, order=order, reason=reason.format(example=self.example))


def evidence_of(values: Iterable[object]) -> DateEvidence:
    """Return the evidence of a column's values (text; other values are ignored).

    >>> evidence_of(["2024-03-05", "03/05/2024", "05/13/2024"])
    DateEvidence(dated=2, day_example=None, month_example='05/13/2024')
    """
    dated, day, month = 0, None, None
    for value in values:
        if not isinstance(value, str) or (match := _NUMERIC.match(value)) is None:
            continue
        dated += 1
        if day is None and int(match[1]) > 12:
            day = value.strip()
        if month is None and int(match[2]) > 12:
            month = value.strip()
    return DateEvidence(dated, day, month)


def date_order(evidence: DateEvidence, *, column: str, given: str | None = None) -> DateOrder | None:
    """Return the order to read a column in (``None`` when it has no numeric dates), or raise when it cannot tell.

    ``given`` is the user's word (``day-first`` or ``month-first``); it wins.

    >>> date_order(evidence_of(["03/05/2024"]), column="date")
    Traceback (most recent call last):
    ...
    journeymap.errors.DataSourceError: date: dates such as 03/05/2024 can be day-first or month-first and no value has a number over 12 to tell; pass --day-first or --month-first
    """
    if given is not None:
        return DateOrder(column, given)
    if not evidence.dated:
        return None
    if evidence.day_example and evidence.month_example:
        raise DataSourceError(
            _("{column}: dates are written both ways ({day} and {month}); pass --day-first or --month-first").format(
                column=column, day=evidence.day_example, month=evidence.month_example
            )
        )
    if evidence.day_example:
        return DateOrder(column, DAY_FIRST, evidence.day_example)
    if evidence.month_example:
        return DateOrder(column, MONTH_FIRST, evidence.month_example)
    raise DataSourceError(
        _("{column}: dates such as 03/05/2024 can be day-first or month-first and no value has a number over 12 to tell; pass --day-first or --month-first").format(column=column)
    )


def iso_text(value: str, order: str) -> str:
    """Return a numeric date rewritten as ISO (year first), the rest of the value kept.

    >>> iso_text("3/5/2024 10:00", DAY_FIRST), iso_text("3/5/2024", MONTH_FIRST), iso_text("2024-05-03", DAY_FIRST)
    ('2024-05-03 10:00', '2024-03-05', '2024-05-03')
    """
    match = _NUMERIC.match(value)
    if match is None:
        return value
    day, month = (match[1], match[2]) if order == DAY_FIRST else (match[2], match[1])
    return f"{match[3]}-{int(month):02d}-{int(day):02d}{match[4]}"
