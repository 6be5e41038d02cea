"""Each segment's users saved beside its segments file, for the log they were found on, so ``--segment`` need not find them again.

``segments --discover -o segments.yaml`` and ``segments --rules segments.yaml``
write ``segments.members.parquet`` beside the file: a row per segment and user
(``segment``, ``user_id``), and in the file's metadata what the users were found
on: the log's files (path, size, time of change, and a digest of each file's
bytes), its rows, how it was read, and each segment's rule and number of users.
A later ``--segment NAME`` on the same log reads that segment's users from it
(a file only touched since, of the same size and bytes, is the same log: its
bytes are read to compare only when its time of change differs, on each such command); a changed log, a segment whose
rule changed, or a file that cannot be read are found again from the log (and
the command says so in one line), so the saved users never give other numbers.

>>> import tempfile
>>> from journeymap.analytics import read_events, sample_path
>>> from journeymap.analytics.discover import parse_rules
>>> log, rules = read_events(sample_path()), parse_rules("segments: [{name: Buyers, rule: {event: purchase}}]")
>>> folder = Path(tempfile.mkdtemp())
>>> found = segment_members(log, rules, folder / "segments.yaml", log_key(log))
>>> int(saved_users(log, folder / "segments.yaml", "Buyers", rules["Buyers"], log_key(log)).users.count().execute())
720
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import ibis
import ibis.expr.types as ir

from ...errors import DataSourceError
from ...i18n import gettext as _
from .. import fetch
from ..sources import TABLE, USER, EventLog, existing_files, is_remote
from ..stored import stored
from .segments import Rule, memberships

SUFFIX = ".members.parquet"
VERSION = 1
KEY = "journeymap"


class SavedUsers(NamedTuple):
    """A segment's users (one column, ``user_id``) read from the saved file, or None with why not (None when there is no file)."""

    users: ir.Table | None
    note: str | None


def members_path(segments_file: str | Path) -> Path:
    """Return where a segments file's users are saved: beside it, ``NAME.members.parquet``.

    >>> members_path("work/segments.yaml").as_posix()
    'work/segments.members.parquet'
    """
    path = Path(segments_file)
    return path.with_name(path.stem + SUFFIX)


def log_key(log: EventLog, reading: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """Return what tells the log apart: its files' paths, sizes and times of change, its rows, and ``reading`` (how it was read).

    None for a log that is not local files read by DuckDB (a table in an engine, a URL): its users are not saved.
    """
    if log.source == TABLE or is_remote(log.source) or log.rows is None or log.table._find_backend(use_default=True).name != "duckdb":
        return None
    try:
        files = [(str(Path(name).resolve()), os.stat(name)) for name in existing_files(log.source)]
    except (DataSourceError, OSError):
        return None
    described = [{"path": path, "size": stat.st_size, "changed": stat.st_mtime_ns} for path, stat in files]
    return json.loads(json.dumps({"files": described, "rows": log.rows, "reading": dict(reading or {})}, default=str))


def saved_users(log: EventLog, segments_file: str | Path | None, name: str, rule: Rule, key: Mapping[str, Any] | None) -> SavedUsers:
    """Return segment ``name``'s saved users when they were saved for this log (``key``: :func:`log_key`) and this rule, kept in the engine."""
    if segments_file is None or key is None or not members_path(segments_file).is_file():
        return SavedUsers(None, None)
    try:
        members = _saved_members(log, segments_file, {name: rule}, key)
    except _NotSaved as reason:
        return SavedUsers(None, str(reason))
    return SavedUsers(members.select(USER), None)


def segment_members(
    log: EventLog, rules: Mapping[str, Rule], segments_file: str | Path | None, key: Mapping[str, Any] | None
) -> tuple[ir.Table, str | None]:
    """Return every segment's users (``user_id``, ``segment``: :func:`.segments.memberships`), kept in the engine, and a line to say or None.

    They are read from the saved file when it holds every rule's users for this log;
    else (whatever is wrong with the file) they are found in the log and, with ``key``
    and ``segments_file``, saved anew for the next command.
    """
    if segments_file is None or key is None:
        return stored(memberships(log.table, rules)), None
    if members_path(segments_file).is_file():
        with suppress(_NotSaved):
            return _saved_members(log, segments_file, rules, key), None
    members = stored(memberships(log.table, rules))
    return members, save_members(members, rules, segments_file, key)


class _NotSaved(Exception):
    """The saved file cannot serve: its message is the line that says why."""


def _saved_members(log: EventLog, segments_file: str | Path, rules: Mapping[str, Rule], key: Mapping[str, Any]) -> ir.Table:
    """Return the saved users (``segment``, ``user_id``) of ``rules``, kept in the engine; raise :class:`_NotSaved` when the file cannot serve.

    It serves when it was saved for the log ``key`` tells, with each rule as it is now, and holds the numbers of users it says.
    """
    path = members_path(segments_file)
    con = log.table._find_backend(use_default=True)
    try:
        segments = _fresh_segments(con, path, key)
        if segments is None:
            raise _NotSaved(
                _(
                    "{path}: saved for another log or another version of it; finding the segment's users in the log (segments LOG --rules {file} saves them again)"
                ).format(path=path, file=segments_file)
            )
        changed = [name for name, rule in rules.items() if segments.get(name, {}).get("rule") != rule.describe()]
        if changed:
            raise _NotSaved(
                _("{path}: no users saved for segment {name!r} as {file} defines it now; finding them in the log").format(
                    path=path, name=changed[0], file=segments_file
                )
            )
        members = stored(_rows(con, path, list(rules)))
        _check_counts(members, {name: segments[name]["users"] for name in rules})
    except (duckdb.Error, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _NotSaved(_unreadable(path, error)) from None
    return members


def save_members(members: ir.Table, rules: Mapping[str, Rule], segments_file: str | Path, key: Mapping[str, Any]) -> str:
    """Write the segments' users beside ``segments_file`` for the log ``key`` tells; return the line that says so (or why they were not)."""
    path = members_path(segments_file)
    counts = _counts(members)
    con = members._find_backend(use_default=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    query = ibis.to_sql(members.select("segment", USER).distinct().order_by(["segment", USER]), dialect="duckdb")
    try:
        metadata = {
            "version": VERSION,
            "log": dict(key),
            "contents": _digests(key),
            "segments": {name: {"rule": rule.describe(), "users": counts.get(name, 0)} for name, rule in rules.items()},
        }
        con.raw_sql(f"COPY ({query}) TO {_literal(str(partial))} (FORMAT parquet, KV_METADATA {{{KEY}: {_literal(json.dumps(metadata))}}})")
        os.replace(partial, path)
    except (duckdb.Error, OSError) as error:
        with suppress(OSError):
            partial.unlink()
        return _("{path}: cannot save the segments' users ({reason}); each --segment finds them in the log").format(
            path=path, reason=str(error).splitlines()[0]
        )
    return _("{path}: each segment's users saved, for --segment on this log").format(path=path)


def _fresh_segments(con: Any, path: Path, key: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the saved file's segments (name: rule and users) when it was saved for the log ``key`` tells; else None."""
    [(value,)] = con.con.sql(f"SELECT value FROM parquet_kv_metadata({_literal(str(path))}) WHERE key = {_literal(KEY)}").fetchall()
    metadata = json.loads(value.decode("utf-8") if isinstance(value, bytes) else value)
    if metadata["version"] != VERSION or not _same_log(metadata["log"], key, metadata.get("contents")):
        return None
    return dict(metadata["segments"])


def _same_log(saved: Mapping[str, Any], key: Mapping[str, Any], contents: list[str] | None) -> bool:
    """Whether the log saved for is the log ``key`` tells: the same key, or its files only touched since (same sizes and bytes)."""
    if saved == dict(key):
        return True
    return contents is not None and _untimed(saved) == _untimed(key) and contents == _digests(key)


def _untimed(key: Mapping[str, Any]) -> dict[str, Any]:
    """``key`` without its files' times of change."""
    return {**key, "files": [{name: value for name, value in file.items() if name != "changed"} for file in key["files"]]}


def _digests(key: Mapping[str, Any]) -> list[str]:
    """A BLAKE2b digest of each of the log's files, in the order of ``key``."""
    digests = []
    for file in key["files"]:
        with open(file["path"], "rb") as handle:
            digests.append(hashlib.file_digest(handle, "blake2b").hexdigest())
    return digests


def _rows(con: Any, path: Path, names: list[str]) -> ir.Table:
    """The saved file's rows (``segment``, ``user_id``) of the segments ``names``, as a table of the engine."""
    rows = con.sql(
        f"SELECT segment, {USER} FROM read_parquet({_literal(str(path))})", schema=ibis.schema({"segment": "string", USER: "string"})
    )
    return rows.filter(rows.segment.isin(names))


def _check_counts(members: ir.Table, expected: Mapping[str, int]) -> None:
    """Raise ValueError when the saved segments hold other numbers of users than the file says (a damaged file)."""
    if _counts(members) != {name: count for name, count in expected.items() if count}:
        raise ValueError(_("its segments hold other numbers of users than it says"))


def _counts(members: ir.Table) -> dict[str, int]:
    """Each segment's number of users."""
    return {str(row["segment"]): int(row["n"]) for row in fetch.records(members.group_by("segment").aggregate(n=members[USER].nunique()))}


def _unreadable(path: Path, error: BaseException) -> str:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return _("{path}: cannot be read ({reason}); finding the segment's users in the log").format(path=path, reason=reason)


def _literal(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
