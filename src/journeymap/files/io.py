"""Loading and saving maps as YAML (comments kept) or JSON, with located errors."""

from __future__ import annotations

import io
import json
import os
import stat
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import MapFileError
from ..i18n import gettext as _
from ..model import SCHEMA_VERSION, Journey
from ..model.journey import SourceDocument
from .limits import check_tree, check_yaml, too_deep
from .locations import validation_error
from .migrations import migrate
from .source import map_format, read_map_text


def load(path: str | Path, *, format: str | None = None) -> Journey:
    """Read and validate a map file.

    >>> from journeymap.files import example_path
    >>> load(example_path("childrens-shop")).title
    "Children's goods shop: from shoes seen on another child to a repeat purchase"
    """
    path = Path(path)
    return loads(read_map_text(path), format=map_format(path, format), path=str(path))


def loads(text: str, *, format: str = "yaml", path: str | None = None) -> Journey:
    """Validate a map from YAML or JSON text; ``path`` names it in error messages."""
    document = _parse_json(text, path) if format == "json" else _parse_yaml(text, path)
    if not isinstance(document, dict):
        kind = _("list") if isinstance(document, list) else _("single value")
        raise MapFileError(_("a map must be a mapping of keys (title:, stages:, ...), not a {kind}").format(kind=kind), path=path)
    document = migrate(document, path)
    try:
        journey = Journey.model_validate(_plain(document))
    except ValidationError as error:
        raise validation_error(error, _positions(text), path) from None
    if format == "yaml":
        journey._source = SourceDocument(text)
    return journey


def dumps(journey: Journey, *, format: str = "yaml") -> str:
    """Return the map as YAML or JSON text. YAML keeps the comments of the file it came from."""
    data = _data(journey)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    source = journey._source
    node = (source.node if source.node is not None else _positions(source.text)) if source else None
    merged = _merge(node if isinstance(node, CommentedMap) else CommentedMap(), data)
    journey._source = SourceDocument(source.text if source else "", merged)
    stream = io.StringIO()
    _yaml().dump(merged, stream)
    return stream.getvalue()


def save(journey: Journey, path: str | Path, *, format: str | None = None) -> Path:
    """Write the map to ``path`` atomically: the file is complete or untouched.

    >>> import tempfile, pathlib
    >>> from journeymap.model import Journey
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "map.yaml"
    >>> save(Journey(title="Onboarding"), target).name
    'map.yaml'
    """
    path = Path(path)
    write_atomically(path, dumps(journey, format=map_format(path, format)).encode("utf-8"))
    return path


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, then rename it into place.

    The file keeps the permissions of the one it replaces; a new file gets
    those of any new file (0666 less the umask), not the temporary file's 0600.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise MapFileError(_("folder does not exist; create it first"), path=folder)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


_NEW_FILE_MODE = 0o666 & ~_read_umask()
"""Read once at import: changing the umask for a moment is not safe while other threads create files."""


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return _NEW_FILE_MODE


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _parse_json(text: str, path: str | None) -> Any:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise MapFileError(_("invalid JSON: {reason}").format(reason=error.msg), path=path, line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise too_deep(path, None) from None
    check_tree(document, path)
    return document


def _parse_yaml(text: str, path: str | None) -> Any:
    """Parse with the fast (C) loader; on a syntax error, let the round-trip parser locate it.

    The parser's events are checked first (:func:`check_yaml`), so no alias bomb or deep nesting is ever built.
    """
    check_yaml(text, path)
    try:
        return YAML(typ="safe").load(text)
    except YAMLError:
        return _round_trip(text, path)


def _positions(text: str) -> Any:
    """Return the text parsed with the position of every key and item (None if it can't be)."""
    try:
        return _yaml().load(text)
    except YAMLError:
        return None


def _round_trip(text: str, path: str | None) -> Any:
    try:
        return _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = " ".join(part for part in (error.context, error.problem) if part)
        message = _("invalid YAML: {reason}").format(reason=reason)
        raise MapFileError(message, path=path, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None) from None
    except YAMLError as error:
        raise MapFileError(_("invalid YAML: {reason}").format(reason=str(error).splitlines()[0]), path=path) from None


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


def _data(journey: Journey) -> dict[str, Any]:
    """Return what a file holds: values that differ from the defaults, or that the author wrote."""
    dump = partial(journey.model_dump, mode="json", by_alias=True)
    data = _whole_numbers(_kept(dump(), dump(exclude_defaults=True), dump(exclude_unset=True)))
    return {"schema_version": SCHEMA_VERSION, "id": journey.id, "title": journey.title, **data}


def _kept(full: Any, changed: Any, written: Any) -> Any:
    """Return the parts of ``full`` present in ``changed`` or in ``written`` (two sub-dumps of it)."""
    if isinstance(full, dict):
        changed, written = _mapping(changed), _mapping(written)
        return {
            key: _kept(value, changed.get(key), written.get(key))
            for key, value in full.items()
            if key in changed or key in written
        }
    if isinstance(full, list):
        changed, written = _sequence(changed), _sequence(written)
        return [_kept(value, _at(changed, index), _at(written, index)) for index, value in enumerate(full)]
    return full


def _mapping(node: Any) -> dict[str, Any]:
    return node if isinstance(node, dict) else {}


def _sequence(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _at(items: list[Any], index: int) -> Any:
    return items[index] if index < len(items) else None


def _whole_numbers(node: Any) -> Any:
    """Write 2.0 as 2: people write whole scores and counts without a decimal point."""
    if isinstance(node, dict):
        return {key: _whole_numbers(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_whole_numbers(value) for value in node]
    if isinstance(node, float) and node.is_integer() and abs(node) < 2**53:
        return int(node)
    return node


def _merge(target: Any, source: Any) -> Any:
    """Make ``target`` (a parsed YAML node) equal ``source``, keeping comments and key order."""
    if isinstance(target, CommentedMap) and isinstance(source, dict):
        for key in [key for key in target if key not in source]:
            del target[key]
        position = 0
        for key, value in source.items():
            if key in target:
                target[key] = _merge(target[key], value)
                position = list(target).index(key) + 1
            else:
                target.insert(position, key, value)
                position += 1
        return target
    if isinstance(target, CommentedSeq) and isinstance(source, list):
        del target[len(source):]
        for index, value in enumerate(source):
            if index < len(target):
                target[index] = _merge(target[index], value)
            else:
                target.append(value)
        return target
    return source
