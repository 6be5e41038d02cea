"""A map's history: its revisions (with the names people gave them), the difference between two in words, restoring an old one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..i18n import LANGUAGES, gettext as _
from ..store import Revision, Role, User, audit, describe, diff, journey_of
from ..store.tables import isotime
from .auth import signed_in
from .context import map_for, save_change
from .templating import page_language

router = APIRouter(prefix="/api/maps/{map_id}", tags=["revisions"])


@router.get("/revisions")
def list_revisions(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the map's revisions, newest first: version, name, author, everyone who edited it (a burst of live editing), time, message."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
        rows = session.execute(
            select(Revision.version, Revision.name, Revision.message, Revision.created_at, Revision.contributors, User.username)
            .outerjoin(User, User.id == Revision.author_id)
            .where(Revision.map_id == map_id)
            .order_by(Revision.version.desc())
        ).all()
        names = dict(session.execute(select(User.id, User.username)).all()) if any(row.contributors for row in rows) else {}
        return {"revisions": [_listed(row, names) for row in rows]}


def _listed(row: Any, names: dict[int, str]) -> dict[str, Any]:
    editors = [names[int(key)] for key in (row.contributors or "").split(",") if key and int(key) in names]
    message = row.message or (_("Edited live by {names}").format(names=", ".join(editors)) if editors else "")
    return {"version": row.version, "name": row.name, "message": message, "created_at": isotime(row.created_at), "author": row.username, "editors": editors}


@router.get("/revisions/{version}")
def get_revision(map_id: str, version: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return one revision with the map's content as it was."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
        revision = _revision(session, map_id, version)
        return {"version": revision.version, "name": revision.name, "message": revision.message, "created_at": isotime(revision.created_at), "journey": revision.document}


class RevisionName(BaseModel):
    name: str = Field(max_length=200, description="A name for the version, e.g. 'after the workshop'; empty removes it.")


@router.put("/revisions/{version}/name")
def name_revision(map_id: str, version: int, naming: RevisionName, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Give a version a name people recognise, such as "after the workshop" (editors); an empty name removes it."""
    with request.app.state.store.writing() as session:
        record = map_for(session, user, map_id, Role.editor)
        revision = _revision(session, map_id, version)
        revision.name = naming.name.strip()
        audit.record(session, user, "revision_named", workspace_id=record.workspace_id, target=map_id, version=version, name=revision.name)
        return {"version": revision.version, "name": revision.name}


@router.get("/diff")
def diff_revisions(
    map_id: str,
    request: Request,
    old: int = Query(alias="from", ge=1, description="The older version."),
    new: int | None = Query(None, alias="to", ge=1, description="The newer version; the current one when left out."),
    language: str | None = Query(None, max_length=10, description="The language of ``described`` (en, ru, uk, kk, uz, lt); the caller's when left out."),
    user: User = Depends(signed_in),
) -> dict[str, Any]:
    """Return the changes between two versions: per path (``changes``) and in the words of the map (``described``).

    Each described change names the ``part`` of the map (map, stage, step, persona, lane, link, insight,
    opportunity), its ``subject`` id, the ``field``, the ``kind`` of change, the values before and after,
    and a ``text`` such as "Step 'Asks friends': emotion −1 → 0".
    """
    with request.app.state.store.reading() as session:
        record = map_for(session, user, map_id, Role.viewer)
        before = _revision(session, map_id, old).document
        after = _revision(session, map_id, new).document if new is not None else record.document
    words = language if language in LANGUAGES else page_language(request, user)
    return {
        "from": old,
        "to": new or record.version,
        "changes": [change.as_dict() for change in diff(before, after)],
        "described": [change.as_dict() for change in describe(before, after, words)],
    }


@router.post("/revisions/{version}/restore")
def restore_revision(map_id: str, version: int, request: Request, user: User = Depends(signed_in)) -> JSONResponse:
    """Make an old revision's content the current one, as a new revision (editors, with If-Match)."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
        document = _revision(session, map_id, version).document
    message = _("Restored version {version}").format(version=version)
    return save_change(request, user, map_id, lambda record: journey_of(document), message=message, action="map_restored")


def _revision(session: Session, map_id: str, version: int) -> Revision:
    revision = session.scalar(select(Revision).where(Revision.map_id == map_id, Revision.version == version))
    if revision is None:
        raise NotFound(_("map {id} has no version {version}").format(id=map_id, version=version))
    return revision
