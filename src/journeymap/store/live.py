"""Live editing in the store: operations applied in one order, kept as changes, folded into revisions.

A page sends a batch of operations (see :mod:`journeymap.model.operations`)
made on the map as it was at change ``base``. The server moves them past the
changes others made since, applies them, checks the result is a valid
Journey, and keeps them as the map's next change. Every page applies the same
changes in the same order. A burst of editing (changes less than
``BURST_SECONDS`` apart) makes one revision, not one per keystroke. When a
change replaces a value someone else set a moment before, the earlier value is
kept as a :class:`~journeymap.store.tables.ConflictNote` on that cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ..errors import InvalidRequest, NotFound, VersionConflict
from ..files.limits import check_tree
from ..i18n import gettext as _
from ..model import Step, operations as ops
from .maps import journey_of, locked_map, record_change, set_listing
from .tables import ConflictNote, Map, MapChange, Revision, User, isotime, utcnow

BURST_SECONDS = 60
"""A pause in editing longer than this starts a new revision."""

BURST_LIMIT = timedelta(minutes=10)
"""A revision of live edits never spans more than this."""

MAX_BEHIND = 2000
"""A page more changes behind than this reloads the map instead."""

MAX_OPERATIONS = 500
"""The most operations one batch may carry."""

STEPS_DEPTH = 2
"""How much deeper a value lies than its path says: ``["steps", ID]`` stands for a step inside its stage's list."""


@dataclass
class Applied:
    """What became of a batch: the change number, the operations as applied, and what was dropped or kept aside."""

    seq: int
    version: int
    operations: list[ops.Operation]
    dropped: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the answer the API gives the page that sent the batch."""
        return {"seq": self.seq, "version": self.version, "operations": self.operations, "dropped": self.dropped, "conflicts": self.conflicts}


def apply_batch(
    session: Session, map_id: str, operations: list[Any], *, base: int, author: User | None, client: str, batch: str, message: str | None = None, seen: int | None = None
) -> Applied:
    """Apply a page's ``operations``, made on change ``base``, as the map's next change.

    ``seen`` is the change the person was looking at when they began typing (the
    page may have rebased their operations onto later changes since): a value
    another person set after it and this batch replaces is kept as a conflict note.
    A batch already applied (the same ``client`` and ``batch``, sent again after a
    lost answer) is not applied twice. With ``message`` the change is a revision of
    its own (an analysis writing into the map), not part of a burst. Raise :class:`InvalidRequest` for malformed
    operations, :class:`VersionConflict` when ``base`` is too old or in the future,
    and :class:`~journeymap.errors.MapValidationError` when the result is not a valid map.
    """
    if not isinstance(operations, list) or len(operations) > MAX_OPERATIONS:
        raise InvalidRequest(_("send at most {count} operations at once").format(count=MAX_OPERATIONS), field="operations")
    for operation in operations:
        _well_formed(operation)
    record = locked_map(session, map_id)
    earlier = _already_applied(session, map_id, client, batch)
    if earlier is not None:
        return Applied(seq=earlier.seq, version=record.version, operations=earlier.operations)
    since = _changes_after(session, record, base)
    lost: list[ops.Operation] = []
    moved = ops.transform_all(operations, [operation for change in since for operation in change.operations], lost=lost)
    document = record.document  # parsed from the row for this session alone: changed in place, not copied
    done, dropped, replaced = _applied(document, moved)
    dropped[:0] = [{"operation": operation, "reason": _("a change made at the same time removed or replaced {path}").format(path=ops.render_path(operation["path"]))} for operation in lost]
    _walk(done)
    journey = None if _text_only(done) else journey_of(document, walked=True)
    rivals = since if seen is None or seen >= base else _changes_seen_after(session, record, seen)
    conflicts = _conflicts(session, record, rivals, replaced, author, client)
    version = _fold_into_revision(session, record, document, author, message=message)
    if document.get("version") != version:
        done.append({"op": "set", "path": ["version"], "value": version})
        document["version"] = version
    flag_modified(record, "document")
    if journey is not None:
        set_listing(record, journey)
    change = record_change(session, record, done, author=author, client=client, batch=batch)
    return Applied(seq=change.seq, version=version, operations=done, dropped=dropped, conflicts=conflicts)


def changes_since(session: Session, map_id: str, seq: int, *, limit: int = 500) -> list[dict[str, Any]]:
    """Return the map's changes after ``seq`` in order, as the live channel sends them.

    >>> import tempfile, pathlib
    >>> from journeymap.store import Store, add_map, add_user, add_workspace
    >>> from journeymap.model import Journey
    >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/team.db"); store.upgrade()
    >>> with store.writing() as session:
    ...     ana, _ = add_user(session, "ana", "a long password")
    ...     shop = add_map(session, add_workspace(session, "Team", ana).id, Journey(title="Shop"), author=ana)
    ...     applied = apply_batch(session, shop.id, [{"op": "set", "path": ["title"], "value": "Toy shop"}], base=1, author=ana, client="page-1", batch="1")
    ...     [(change["seq"], change["operations"]) for change in changes_since(session, shop.id, 1)]
    [(2, [{'op': 'set', 'path': ['title'], 'value': 'Toy shop'}, {'op': 'set', 'path': ['version'], 'value': 2}])]
    """
    rows = session.execute(
        select(MapChange, User.username)
        .outerjoin(User, User.id == MapChange.author_id)
        .where(MapChange.map_id == map_id, MapChange.seq > seq)
        .order_by(MapChange.seq)
        .limit(limit)
    )
    return [change_json(change, username) for change, username in rows]


def change_json(change: MapChange, username: str | None) -> dict[str, Any]:
    """Return a change as the live channel sends it."""
    return {"seq": change.seq, "client": change.client, "batch": change.batch, "author": username, "operations": change.operations, "at": isotime(change.created_at)}


def conflict_notes(session: Session, map_id: str) -> list[dict[str, Any]]:
    """Return the map's open conflict notes: the cell, the kept text, who wrote it and who replaced it."""
    rows = session.scalars(select(ConflictNote).where(ConflictNote.map_id == map_id, ConflictNote.resolved_at.is_(None)).order_by(ConflictNote.id))
    names = dict(session.execute(select(User.id, User.username)).all())
    return [note_json(note, names) for note in rows]


def note_json(note: ConflictNote, names: dict[int, str]) -> dict[str, Any]:
    """Return a conflict note as the API shows it."""
    return {
        "id": note.id,
        "path": note.path,
        "kept": note.kept,
        "value": note.value,
        "author": names.get(note.author_id) if note.author_id else None,
        "replaced_by": names.get(note.replaced_by) if note.replaced_by else None,
        "created_at": isotime(note.created_at),
    }


def resolve_note(session: Session, map_id: str, note_id: int) -> None:
    """Mark a conflict note resolved (the team settled the cell)."""
    note = session.get(ConflictNote, note_id)
    if note is None or note.map_id != map_id:
        raise NotFound(_("this map has no conflict note {id}").format(id=note_id))
    note.resolved_at = utcnow()


def _well_formed(operation: Any) -> None:
    try:
        ops.check(operation)
    except ops.OperationError as error:
        raise InvalidRequest(_("a malformed operation: {problem}").format(problem=str(error)), field="operations") from None


def _already_applied(session: Session, map_id: str, client: str, batch: str) -> MapChange | None:
    if not client or not batch:
        return None
    return session.scalars(select(MapChange).where(MapChange.map_id == map_id, MapChange.client == client, MapChange.batch == batch)).first()


def _changes_after(session: Session, record: Map, base: int) -> list[MapChange]:
    if base > record.seq or base < record.seq - MAX_BEHIND:
        message = _("map {id} changed since version {old}: it is now version {new}; reload, merge and save again")
        raise VersionConflict(message.format(id=record.id, old=base, new=record.seq), current=record.seq)
    changes = list(session.scalars(select(MapChange).where(MapChange.map_id == record.id, MapChange.seq > base).order_by(MapChange.seq)))
    if len(changes) != record.seq - base:
        raise VersionConflict(_("map {id} has no changes kept from version {old}; reload it").format(id=record.id, old=base), current=record.seq)
    return changes


def _changes_seen_after(session: Session, record: Map, seen: int) -> list[MapChange]:
    return list(session.scalars(select(MapChange).where(MapChange.map_id == record.id, MapChange.seq > seen).order_by(MapChange.seq)))


def _applied(document: dict[str, Any], moved: list[ops.Operation]) -> tuple[list[ops.Operation], list[dict[str, Any]], list[tuple[ops.Operation, Any]]]:
    """Apply what still fits; return the operations applied, those dropped with the reason, and the values sets replaced."""
    done: list[ops.Operation] = []
    dropped: list[dict[str, Any]] = []
    replaced: list[tuple[ops.Operation, Any]] = []
    for operation in moved:
        try:
            undo = ops.apply(document, operation)
        except ops.OperationError as error:
            dropped.append({"operation": operation, "reason": str(error)})
            continue
        done.append(operation)
        if operation["op"] == "set" and undo["op"] == "set":
            replaced.append((operation, undo["value"]))
    return done, dropped, replaced


def _conflicts(session: Session, record: Map, since: list[MapChange], replaced: list[tuple[ops.Operation, Any]], author: User | None, client: str) -> list[dict[str, Any]]:
    """Keep, as conflict notes, values that others set in ``since`` and this batch replaced."""
    notes = []
    for operation, old in replaced:
        if old in ("", None) or old == operation["value"]:
            continue
        rival = next((change for change in reversed(since) if change.client != client and any(ops.same_target(operation, other) for other in change.operations)), None)
        if rival is None:
            continue
        note = ConflictNote(map_id=record.id, path=ops.render_path(operation["path"]), kept=old, value=operation["value"], author_id=rival.author_id, replaced_by=author.id if author else None)
        session.add(note)
        session.flush()
        notes.append(note)
    names = {user.id: user.username for user in session.scalars(select(User).where(User.id.in_({note.author_id for note in notes} | {note.replaced_by for note in notes})))} if notes else {}
    return [note_json(note, names) for note in notes]


def _walk(done: list[ops.Operation]) -> None:
    """Refuse operations that bring nesting or text a map may not hold; the rest of the document was walked when it was stored."""
    for operation in done:
        check_tree(operation["path"], None)
        if "value" in operation:
            check_tree(operation["value"], None, depth=len(operation["path"]) + STEPS_DEPTH)


def _text_only(done: list[ops.Operation]) -> bool:
    """Return whether every operation only writes, adds or removes text of a step: a plain text field, or a card of a lane of texts.

    Such changes keep a valid map valid (no rule looks at that text, and the map's
    listing stays), so the whole map need not be validated again.

    >>> _text_only([{"op": "set", "path": ["steps", "pays", "description"], "value": "By card"}, {"op": "insert", "path": ["steps", "pays", "ideas", 0], "value": "Apple Pay"}])
    True
    >>> _text_only([{"op": "set", "path": ["steps", "pays", "name"], "value": ""}])
    False
    """
    return all(_text_of_step(operation) for operation in done)


def _text_of_step(operation: ops.Operation) -> bool:
    path, kind = operation["path"], operation["op"]
    if len(path) < 3 or path[0] != "steps" or kind == "move" or ("value" in operation and not isinstance(operation["value"], str)):
        return False
    if len(path) == 3:
        return path[2] in TEXT_FIELDS and kind in ("set", "delete")
    return len(path) == 4 and path[2] in CARD_FIELDS and isinstance(path[3], int)


def _plain(annotation: Any) -> frozenset[str]:
    """Return the names of the Step fields of type ``annotation`` without constraints or validators."""
    validated = {name for decorator in Step.__pydantic_decorators__.field_validators.values() for name in decorator.info.fields}
    return frozenset(name for name, info in Step.model_fields.items() if info.annotation == annotation and not info.metadata and name not in validated)


TEXT_FIELDS = _plain(str)
"""A step's fields that hold any text (``name`` is not one: it may not be empty)."""

CARD_FIELDS = _plain(list[str])
"""A step's lanes of cards that are any texts (ideas, pains, goals...)."""


def _fold_into_revision(session: Session, record: Map, document: dict[str, Any], author: User | None, *, message: str | None) -> int:
    """Fold the change into the open revision of a burst of editing, or open a new one; return the revision number.

    The open revision's document is replaced without being read.
    """
    latest = session.execute(
        select(Revision.id, Revision.contributors, Revision.created_at, Revision.updated_at).where(Revision.map_id == record.id).order_by(Revision.version.desc()).limit(1)
    ).first()
    now = utcnow()
    who = f",{author.id}," if author else ""
    if message is None and latest is not None and latest.contributors and _recent(latest, now):
        contributors = latest.contributors + who.lstrip(",") if who and who not in latest.contributors else latest.contributors
        folded = update(Revision).where(Revision.id == latest.id).values(document=document, updated_at=now, contributors=contributors)
        session.execute(folded.execution_options(synchronize_session=False))
        return record.version
    record.version += 1
    stamped = {**document, "version": record.version}
    session.add(Revision(map_id=record.id, version=record.version, document=stamped, author_id=author.id if author else None, message=message or "", updated_at=now, contributors="" if message is not None else who or ","))
    return record.version


def _recent(revision: Any, now: datetime) -> bool:
    updated = _aware(revision.updated_at or revision.created_at)
    return (now - updated).total_seconds() < BURST_SECONDS and now - _aware(revision.created_at) < BURST_LIMIT


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
