"""A map's history: its revisions, the difference between two, restoring an old one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..i18n import gettext as _
from ..store import Revision, Role, User, diff, journey_of
from ..store.tables import isotime
from .auth import signed_in
from .context import map_for, save_change

router = APIRouter(prefix="/api/maps/{map_id}", tags=["revisions"])


@router.get("/revisions")
def list_revisions(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the map's revisions, newest first: version, author, time, message."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
        rows = session.execute(
            select(Revision.version, Revision.message, Revision.created_at, User.username)
            .outerjoin(User, User.id == Revision.author_id)
            .where(Revision.map_id == map_id)
            .order_by(Revision.version.desc())
        )
        return {"revisions": [{"version": v, "message": m, "created_at": isotime(at), "author": name} for v, m, at, name in rows]}


@router.get("/revisions/{version}")
def get_revision(map_id: str, version: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return one revision with the map's content as it was."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
        revision = _revision(session, map_id, version)
        return {"version": revision.version, "message": revision.message, "created_at": isotime(revision.created_at), "journey": revision.document}


@router.get("/diff")
def diff_revisions(
    map_id: str,
    request: Request,
    old: int = Query(alias="from", ge=1, description="The older version."),
    new: int | None = Query(None, alias="to", ge=1, description="The newer version; the current one when left out."),
    user: User = Depends(signed_in),
) -> dict[str, Any]:
    """Return the changes between two versions, per stage, step and field."""
    with request.app.state.store.reading() as session:
        record = map_for(session, user, map_id, Role.viewer)
        before = _revision(session, map_id, old).document
        after = _revision(session, map_id, new).document if new is not None else record.document
    return {"from": old, "to": new or record.version, "changes": [change.as_dict() for change in diff(before, after)]}


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
