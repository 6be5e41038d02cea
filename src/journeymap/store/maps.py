"""Maps in the store: validated Journey JSON with listing columns, saved as revisions.

Every save checks the version the change was based on, raises
:class:`~journeymap.errors.VersionConflict` when someone saved in between,
and keeps the new content as a revision with its author, time and message.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from pydantic import ValidationError
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .. import files
from ..errors import MapValidationError, NotFound, VersionConflict
from ..files.limits import check_tree
from ..files.locations import validation_error
from ..i18n import gettext as _
from ..model import Journey, operations
from .tables import Map, MapChange, Revision, User, fetch, utcnow


def document_of(journey: Journey, version: int) -> dict[str, Any]:
    """Return the map as the JSON document the store keeps, stamped with ``version``.

    >>> document_of(Journey(title="Shop"), 3)["version"]
    3
    """
    return json.loads(files.dumps(journey.model_copy(update={"version": version}), format="json"))


def journey_of(document: dict[str, Any], *, walked: bool = False) -> Journey:
    """Return the Journey of a stored or submitted JSON document; raise a located error if invalid.

    ``walked``: the document's nesting and text were checked already (:func:`~journeymap.files.limits.check_tree`).

    >>> journey_of({"title": "Shop"}).id
    'shop'
    """
    if not isinstance(document, dict):
        raise MapValidationError(_("a map must be a JSON object with a title and stages"))
    if not walked:
        check_tree(document, None)
    try:
        return Journey.model_validate(files.migrate(document, None))
    except ValidationError as error:
        raise validation_error(error, None, None) from None


def add_map(session: Session, workspace_id: int, journey: Journey, *, author: User | None, message: str = "") -> Map:
    """Store a new map in a workspace as version 1."""
    document = document_of(journey, 1)
    record = Map(id=secrets.token_hex(8), workspace_id=workspace_id, version=1, document=document, created_by=author.id if author else None)
    set_listing(record, journey)
    session.add(record)
    session.flush()
    session.add(Revision(map_id=record.id, version=1, document=document, author_id=record.created_by, message=message or _("Created")))
    return record


def get_map(session: Session, map_id: str) -> Map:
    """Return the stored map; raise :class:`NotFound` if none."""
    return fetch(session, Map, map_id, _("no map {id}").format(id=map_id))


def locked_map(session: Session, map_id: str) -> Map:
    """Return the stored map with its row locked until the transaction ends; raise :class:`NotFound` if none."""
    record = session.scalars(select(Map).where(Map.id == map_id).with_for_update()).first()
    if record is None:
        raise NotFound(_("no map {id}").format(id=map_id))
    return record


def save_map(session: Session, map_id: str, journey: Journey, *, based_on: int, author: User | None, message: str = "") -> Map:
    """Save a new version of a map made from change ``based_on`` (its ETag); keep it as a revision.

    The map's row is locked while the change is checked and written, so of two
    saves based on the same change exactly one wins and the other raises
    :class:`VersionConflict`. The save is also kept as the operations it made,
    so pages open on the map follow it live.
    """
    record = locked_map(session, map_id)
    if record.seq != based_on:
        raise version_conflict(map_id, based_on, record.seq)
    old = record.document
    record.version += 1
    record.document = document_of(journey, record.version)
    set_listing(record, journey)
    record_change(session, record, operations.diff(old, record.document), author=author, client="", batch="")
    session.add(Revision(map_id=map_id, version=record.version, document=record.document, author_id=author.id if author else None, message=message))
    return record


def record_change(session: Session, record: Map, changes: list[operations.Operation], *, author: User | None, client: str, batch: str) -> MapChange:
    """Keep ``changes`` (made to ``record``'s document already) as the map's next change, in order."""
    record.seq += 1
    record.updated_at = utcnow()
    change = MapChange(map_id=record.id, seq=record.seq, client=client, batch=batch, author_id=author.id if author else None, operations=changes)
    session.add(change)
    session.flush()
    return change


def version_conflict(map_id: str, based_on: int, current: int) -> VersionConflict:
    """Return the error of a change to ``map_id`` based on an older version than ``current``.

    >>> version_conflict("shop", 3, 4).current
    4
    """
    message = _("map {id} changed since version {old}: it is now version {new}; reload, merge and save again")
    return VersionConflict(message.format(id=map_id, old=based_on, new=current), current=current)


def delete_map(session: Session, map_id: str) -> None:
    """Delete a map with its revisions, comments, share links and runs."""
    session.delete(get_map(session, map_id))


def list_maps(
    session: Session,
    workspace_ids: list[int],
    *,
    search: str | None = None,
    tag: str | None = None,
    kind: str | None = None,
    state: str | None = None,
    owner: str | None = None,
) -> list[Map]:
    """Return the maps of these workspaces, newest change first, filtered on the listing columns.

    ``owner`` is the user name of the person who created the map.
    """
    query = select(Map).where(Map.workspace_id.in_(workspace_ids))
    if owner:
        query = query.join(User, User.id == Map.created_by).where(User.username == owner)
    if search:
        query = query.where(or_(Map.title.ilike(f"%{search}%"), Map.slug.ilike(f"%{search}%")))
    if tag:
        query = query.where(Map.tags.like(f"%,{tag},%"))
    if kind:
        query = query.where(Map.kind == kind)
    if state:
        query = query.where(Map.state == state)
    return list(session.scalars(query.order_by(Map.updated_at.desc(), Map.id)))


def owners(session: Session, workspace_ids: list[int]) -> dict[int | None, str]:
    """Return the user names of the people who created maps in these workspaces, by user id (a map whose creator was deleted has ``None``, never a key), sorted by name."""
    rows = session.execute(
        select(User.id, User.username).join(Map, Map.created_by == User.id).where(Map.workspace_id.in_(workspace_ids)).distinct().order_by(User.username)
    )
    return {user_id: username for user_id, username in rows}


def _listing(journey: Journey) -> dict[str, Any]:
    return {
        "slug": journey.id,
        "title": journey.title,
        "kind": journey.kind.value,
        "state": journey.state.value,
        "tags": "," + ",".join(journey.tags) + "," if journey.tags else "",
    }


def set_listing(record: Map, journey: Journey) -> None:
    """Copy the listing columns (title, kind, state, tags...) of ``journey`` onto its stored map."""
    for name, value in _listing(journey).items():
        setattr(record, name, value)
