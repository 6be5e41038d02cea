"""Warnings for flow lists whose items look like one sentence split at a comma.

In YAML ``actions: [A service visit every 1,000 hours]`` is two items, "A service
visit every 1" and "000 hours": the comma inside a flow list separates items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import ScalarString

from ..i18n import gettext as _

_DIGIT_GROUP = re.compile(r"\d{3}(?!\d)")


@dataclass(frozen=True)
class SplitItem:
    """A flow-list item that looks like the rest of the item before it."""

    line: int
    column: int
    joined: str

    def message(self, path: str) -> str:
        """Return the warning as ``file:line:col: warning: ...``.

        >>> SplitItem(3, 12, "A visit every 1,000 hours").message("x.yaml")
        'x.yaml:3:12: warning: this list item looks like a sentence split at a comma; quote the item: "A visit every 1,000 hours"'
        """
        warning = _("warning: this list item looks like a sentence split at a comma; quote the item: {joined}")
        return f"{path}:{self.line}:{self.column}: " + warning.format(joined=f'"{self.joined}"')


def split_items(text: str) -> list[SplitItem]:
    """Return the flow-list items of a YAML text that continue the item before them.

    >>> [item.joined for item in split_items("actions: [A service visit every 1,000 hours, Calls]")]
    ['A service visit every 1,000 hours']
    >>> split_items("tags: [dcj, retail, fashion]"), split_items('actions: [Sends a case study, "not a catalogue"]')
    ([], [])
    """
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    try:
        document = yaml.load(text)
    except YAMLError:
        return []
    return list(_found(document))


def _found(node: Any) -> Any:
    if isinstance(node, CommentedMap):
        for value in node.values():
            yield from _found(value)
    elif isinstance(node, CommentedSeq):
        if node.fa.flow_style():
            yield from _in_flow_list(node)
        for value in node:
            yield from _found(value)


def _in_flow_list(items: CommentedSeq) -> Any:
    start, joined = None, ""
    for index, item in enumerate(items):
        previous = items[index - 1] if index else None
        separator = _separator(previous, item, chained=start is not None) if _plain(previous) and _plain(item) else None
        if separator is not None and _plain(previous):
            start = index - 1 if start is None else start
            joined = (joined or previous) + separator + item
            continue
        if start is not None:
            yield _located(items, start, joined)
        start, joined = None, ""
    if start is not None:
        yield _located(items, start, joined)


def _plain(item: Any) -> TypeGuard[str]:
    """Whether an item is an unquoted string (a quoted one says where it ends)."""
    return isinstance(item, str) and not isinstance(item, ScalarString)


def _located(items: CommentedSeq, index: int, joined: str) -> SplitItem:
    line, column = items.lc.item(index)
    return SplitItem(line + 1, column + 1, joined)


def _separator(previous: str, item: str, *, chained: bool) -> str | None:
    """Return how ``item`` joins ``previous`` if it reads as its rest (a digit group after a digit, lowercase after a phrase), else None."""
    if previous[-1:].isdigit() and _DIGIT_GROUP.match(item):
        return ","
    sentence = chained or (previous[:1].isupper() and " " in previous.strip())
    return ", " if sentence and item[:1].islower() else None
