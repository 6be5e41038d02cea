"""Counts in words, with each language's plural forms (``ngettext``): "1 step", "2 steps"."""

from __future__ import annotations

from .i18n import ngettext


def steps(count: int) -> str:
    """Return "{count} step(s)" in the current language.

    >>> steps(1), steps(3)
    ('1 step', '3 steps')
    """
    return ngettext("{count} step", "{count} steps", count).format(count=count)


def stages(count: int) -> str:
    """Return "{count} stage(s)" in the current language.

    >>> stages(1), stages(6)
    ('1 stage', '6 stages')
    """
    return ngettext("{count} stage", "{count} stages", count).format(count=count)
