"""Warnings for flow lists whose items look like one sentence split at a comma.

In YAML ``actions: [A service visit every 1,000 hours]`` is two items, "A service
visit every 1" and "000 hours": the comma inside a flow list separates items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent, Event, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from ..i18n import gettext as _

_DIGIT_GROUP = re.compile(r"\d{3}(?!\d)")
_RESOLVER = VersionedResolver()
_TEXT = "tag:yaml.org,2002:str"


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
    if "[" not in text:  # no flow list
        return []
    try:
        return list(_found(YAML(typ="safe").parse(text)))  # the C parser's events: no second tree is built
    except YAMLError:
        return []


_Item = tuple[str, int, int] | None
"""A flow-list item: its text, line and column when it is unquoted text, else None."""


def _found(events: Iterator[Event]) -> Iterator[SplitItem]:
    open_collections: list[list[_Item] | None] = []  # the items of each open flow list; None for other collections

    def add(item: _Item) -> None:
        if open_collections and open_collections[-1] is not None:
            open_collections[-1].append(item)

    for event in events:
        if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
            add(None)
            open_collections.append([] if isinstance(event, SequenceStartEvent) and event.flow_style else None)
        elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            items = open_collections.pop()
            if items is not None:
                yield from _in_flow_list(items)
        elif isinstance(event, ScalarEvent):
            add((event.value, event.start_mark.line + 1, event.start_mark.column + 1) if _plain(event) else None)
        elif isinstance(event, AliasEvent):
            add(None)


def _plain(event: ScalarEvent) -> bool:
    """Whether a scalar is unquoted text (a quoted one says where it ends; ``3`` or ``true`` is no text)."""
    return not event.style and event.tag is None and _RESOLVER.resolve(ScalarNode, event.value, (True, False)) == _TEXT


def _in_flow_list(items: list[_Item]) -> Iterator[SplitItem]:
    start: tuple[int, int] | None = None
    joined = ""
    for previous, item in zip([None, *items], items, strict=False):
        separator = _separator(previous[0], item[0], chained=start is not None) if previous and item else None
        if previous and item and separator is not None:
            start = start or (previous[1], previous[2])
            joined = (joined or previous[0]) + separator + item[0]
            continue
        if start is not None:
            yield SplitItem(*start, joined)
        start, joined = None, ""
    if start is not None:
        yield SplitItem(*start, joined)


def _separator(previous: str, item: str, *, chained: bool) -> str | None:
    """Return how ``item`` joins ``previous`` if it reads as its rest (a digit group after a digit, lowercase after a phrase), else None."""
    if previous[-1:].isdigit() and _DIGIT_GROUP.match(item):
        return ","
    sentence = chained or (previous[:1].isupper() and " " in previous.strip())
    return ", " if sentence and item[:1].islower() else None
