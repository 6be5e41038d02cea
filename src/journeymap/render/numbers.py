"""Numbers as people read them on a poster or a table: counts, shares, durations.

Babel is imported when a number is first written, so the CLI starts without it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from ..i18n import current_language, gettext as _


def count(value: float | None) -> str:
    """Return a count with the language's digit grouping.

    >>> count(12400)
    '12,400'
    """
    from babel.numbers import format_decimal
    return "" if value is None else format_decimal(round(value), locale=current_language())


def share(value: float | None) -> str:
    """Return a share as a percentage, one decimal place when under 10 %.

    >>> share(0.35), share(0.042)
    ('35%', '4.2%')
    """
    from babel.numbers import format_percent
    if value is None:
        return ""
    pattern = "#,##0.#%" if value < 0.1 else "#,##0%"
    return format_percent(value, format=pattern, locale=current_language())


def percent(value: float | None) -> str:
    """Return a share as a percentage with one decimal, in the current language's own percent pattern.

    >>> from journeymap.i18n import in_language
    >>> percent(1 / 3), percent(None)
    ('33.3%', '')
    >>> with in_language("ru"):
    ...     percent(1 / 3)
    '33,3\xa0%'
    """
    from babel.numbers import format_percent
    return "" if value is None else format_percent(value, format=_one_decimal(current_language()), locale=current_language())


@cache
def _one_decimal(language: str) -> str:
    """The language's percent pattern with one decimal place: ``#,##0 %`` becomes ``#,##0.0 %``."""
    from babel import Locale
    pattern = Locale.parse(language).percent_formats[None].pattern
    return re.sub(r"0(?![0-9])", "0.0", pattern.split(";")[0], count=1)


def duration(seconds: float | None) -> str:
    """Return a duration in the largest fitting units: seconds, minutes, hours or days.

    >>> duration(45), duration(150), duration(5400), duration(2 * 86400)
    ('45 s', '2.5 min', '1.5 h', '2 d')
    """
    from babel.numbers import format_decimal
    if seconds is None:
        return ""
    for size, unit in ((86400, _("d")), (3600, _("h")), (60, _("min"))):
        if seconds >= size:
            return f"{format_decimal(round(seconds / size, 1), locale=current_language())} {unit}"
    return "{value} {unit}".format(value=format_decimal(round(seconds), locale=current_language()), unit=_("s"))


def score(value: float | None) -> str:
    """Return an emotion score with its sign, the language's decimal mark and at most two decimals.

    Minus is an en dash: the bundled font has no U+2212.

    >>> score(-1), score(2), score(0), score(-0.675)
    ('–1', '+2', '0', '–0.68')
    """
    from babel.numbers import format_decimal
    if value is None:
        return ""
    return format_decimal(value, format="+#,##0.##;–#,##0.##", locale=current_language()) if value else "0"


def day(value: str | date | datetime | None) -> str:
    """Return a date the way the current language writes it; text that is not an ISO date stays as written.

    >>> day("2026-11-02"), day("spring 2026"), day(None)
    ('Nov 2, 2026', 'spring 2026', '')
    """
    if value is None or value == "":
        return ""
    from babel.dates import format_date  # only maps with dates pay for its import

    if not isinstance(value, str):
        return format_date(value, "medium", locale=current_language())
    try:
        return format_date(datetime.fromisoformat(value.strip()), "medium", locale=current_language())
    except ValueError:
        return value
