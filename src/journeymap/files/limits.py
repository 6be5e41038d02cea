"""Bounds on what a map file may ask of the parser: aliases, nesting, tags, text.

A YAML file of a few hundred bytes can expand, through nested aliases, into
billions of nodes (a "billion laughs"); a few thousand ``[`` nest deeper than
Python's recursion allows; a tag such as ``!!omap`` builds types a map never
holds; an escape such as ``"\\ud83d"`` gives a string that cannot be written
back as UTF-8. :func:`check_yaml` walks the parser's events once, before any
node is built, and refuses such a file with a one-line error naming the line.
:func:`check_tree` does the same for a document already parsed (JSON).

>>> check_yaml("a: &x [1, 2]\\nb: *x\\n", "map.yaml")
>>> check_yaml("a: !!omap [b: 1]\\n", "map.yaml")
Traceback (most recent call last):
...
journeymap.errors.MapFileError: map.yaml:1:4: YAML tag '!!omap' is not used in maps; remove it and write the value plainly
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    ScalarEvent,
)

from ..errors import MapFileError
from ..i18n import gettext as _

MAX_ALIASES = 1_000
"""Aliases (``*name``) one map file may use."""

MAX_ALIAS_VALUES = 100_000
"""Values the aliases of one map file may stand for, all together (the largest bundled example holds about 600 values in all)."""

MAX_DEPTH = 64
"""Lists and mappings nested inside one another (a map needs about 8)."""

ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str"}
"""Explicit tags a map may carry: none, or ``!!str`` to keep a value as text."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_yaml(text: str, path: str | None) -> None:
    """Refuse YAML whose aliases, nesting, tags or escapes a map never needs."""
    try:
        _check_events(_events(text, "safe"), path)
    except MapFileError:
        raise
    except YAMLError:
        _check_located(text, path)


def check_tree(document: Any, path: str | None, *, depth: int = 0) -> None:
    """Refuse a parsed document nested deeper than :data:`MAX_DEPTH` or holding a lone surrogate.

    ``depth`` is how deep ``document`` lies in a larger one (a value put into a map).

    >>> check_tree({"title": "\\ud83d"}, "map.json")
    Traceback (most recent call last):
    ...
    journeymap.errors.MapFileError: map.json: text holds a lone surrogate escape (U+D83D); write the character itself
    >>> check_tree([["deep"]], None, depth=MAX_DEPTH - 1)
    Traceback (most recent call last):
    ...
    journeymap.errors.MapFileError: lists and mappings nest more than 64 deep; a map needs far fewer
    """
    pending: list[tuple[Any, int]] = [(document, depth)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, (dict, list)):
            if depth >= MAX_DEPTH:
                raise too_deep(path, None)
            items = [*node.keys(), *node.values()] if isinstance(node, dict) else node
            pending.extend((item, depth + 1) for item in items)
        elif isinstance(node, str):
            _check_text(node, path, None)


def _events(text: str, typ: str) -> Iterator[Event]:
    return YAML(typ=typ).parse(text)


def _check_located(text: str, path: str | None) -> None:
    """Scan with the pure-Python parser: it accepts what the C one refused, or says where it fails."""
    try:
        _check_events(_events(text, "rt"), path)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = " ".join(part for part in (error.context, error.problem) if part)
        message = _("invalid YAML: {reason}").format(reason=reason)
        raise MapFileError(message, path=path, line=_line(mark), column=mark.column + 1 if mark else None) from None
    except YAMLError as error:
        raise MapFileError(_("invalid YAML: {reason}").format(reason=str(error).splitlines()[0]), path=path) from None


def _check_events(events: Iterator[Event], path: str | None) -> None:
    sizes: dict[str, int] = {}
    frames: list[tuple[str | None, int]] = []
    aliases = expanded = through_aliases = 0
    for event in events:
        if isinstance(event, AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise MapFileError(_("more than {limit} YAML aliases (*name); write the values out").format(limit=MAX_ALIASES), path=path, line=_line(event.start_mark))
            grown = sizes.get(event.anchor, 1)
            through_aliases += grown
            if through_aliases > MAX_ALIAS_VALUES:
                message = _("the YAML aliases stand for more than {limit} values (an alias bomb?); write the values out")
                raise MapFileError(message.format(limit=MAX_ALIAS_VALUES), path=path, line=_line(event.start_mark))
        elif isinstance(event, (ScalarEvent, CollectionStartEvent)):
            _check_tag(event, path)
            if isinstance(event, ScalarEvent):
                _check_text(event.value, path, _line(event.start_mark))
            grown = 1
        else:
            grown = 0
        expanded += grown
        if isinstance(event, CollectionStartEvent):
            frames.append((event.anchor, expanded))
            if len(frames) > MAX_DEPTH:
                raise too_deep(path, _line(event.start_mark))
        elif isinstance(event, CollectionEndEvent) and frames:
            anchor, start = frames.pop()
            if anchor is not None:
                sizes[anchor] = expanded - start + 1
        elif isinstance(event, ScalarEvent) and event.anchor is not None:
            sizes[event.anchor] = 1


def _check_tag(event: ScalarEvent | CollectionStartEvent, path: str | None) -> None:
    if event.tag is not None and event.tag not in ALLOWED_TAGS:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        message = _("YAML tag '{tag}' is not used in maps; remove it and write the value plainly").format(tag=tag)
        mark = event.start_mark
        raise MapFileError(message, path=path, line=_line(mark), column=mark.column + 1 if mark else None)


def _check_text(text: str, path: str | None, line: int | None) -> None:
    found = _SURROGATE.search(text)
    if found:
        message = _("text holds a lone surrogate escape (U+{code:04X}); write the character itself")
        raise MapFileError(message.format(code=ord(found.group())), path=path, line=line)


def too_deep(path: str | None, line: int | None) -> MapFileError:
    """Return the error for lists and mappings nested deeper than :data:`MAX_DEPTH`."""
    message = _("lists and mappings nest more than {limit} deep; a map needs far fewer").format(limit=MAX_DEPTH)
    return MapFileError(message, path=path, line=line)


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None
