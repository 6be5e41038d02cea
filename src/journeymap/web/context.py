"""What every endpoint needs: the store, access checks by role, versions and JSON answers."""

from __future__ import annotations

from typing import Any, Callable

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from ..errors import NotFound, PermissionDenied, PreconditionRequired, VersionConflict
from ..i18n import gettext as _
from ..model import Journey
from ..store import Map, Role, User, Workspace, audit, get_map, role_in, save_map
from ..store.tables import isotime


def workspace_for(session: Session, user: User, workspace_id: int, needed: Role) -> tuple[Workspace, Role]:
    """Return a workspace the user belongs to with their role; 404 for outsiders, 403 below ``needed``."""
    workspace = session.get(Workspace, workspace_id)
    role = role_in(session, workspace_id, user) if workspace else None
    if workspace is None or role is None:
        raise NotFound(_("no workspace {id}").format(id=workspace_id))
    _require(role, needed)
    return workspace, role


def map_for(session: Session, user: User, map_id: str, needed: Role) -> Map:
    """Return a map the user may act on with ``needed``; 404 (never 403) when they may not see it."""
    try:
        record = get_map(session, map_id)
    except NotFound:
        record = None
    role = role_in(session, record.workspace_id, user) if record else None
    if record is None or role is None:
        raise NotFound(_("no map {id}").format(id=map_id))
    _require(role, needed)
    return record


def based_on(request: Request, record: Map) -> int:
    """Return the version named by ``If-Match``; raise 428 if absent, 409 if it is not the current one."""
    header = request.headers.get("if-match")
    if not header:
        raise PreconditionRequired(_("send If-Match with the map's ETag (its version) to change it"))
    text = header.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise PreconditionRequired(_("If-Match must be the map's ETag, e.g. \"3\""))
    version = int(text)
    if version != record.version:
        raise VersionConflict(
            _("map {id} changed since version {old}: it is now version {new}; reload, merge and save again").format(id=record.id, old=version, new=record.version),
            current=record.version,
        )
    return version


def map_json(record: Map, *, document: bool = True) -> dict[str, Any]:
    """Return a stored map as the API shows it (with its Journey document unless ``document`` is false)."""
    data: dict[str, Any] = {
        "id": record.id,
        "workspace_id": record.workspace_id,
        "version": record.version,
        "title": record.title,
        "slug": record.slug,
        "kind": record.kind,
        "state": record.state,
        "tags": [tag for tag in record.tags.split(",") if tag],
        "created_at": isotime(record.created_at),
        "updated_at": isotime(record.updated_at),
    }
    if document:
        data["journey"] = record.document
    return data


def map_response(record: Map, status_code: int = 200) -> JSONResponse:
    """Return the map as JSON with its version as the ETag."""
    return JSONResponse(map_json(record), status_code=status_code, headers={"ETag": f'"{record.version}"'})


def user_json(user: User) -> dict[str, Any]:
    """Return a user as the API shows it (never the password hash)."""
    return {"id": user.id, "username": user.username, "is_admin": user.is_admin, "is_active": user.is_active, "language": user.language}


def _require(role: Role, needed: Role) -> None:
    if not role.allows(needed):
        raise PermissionDenied(_("your role {role} may not do this; it needs {needed}").format(role=role.value, needed=needed.value))


def save_change(request: Request, user: User, map_id: str, change: Callable[[Map], Journey], *, message: str, action: str) -> JSONResponse:
    """Apply ``change`` to the map's current content and save the result as a new revision.

    The caller must be an editor, and ``If-Match`` must name the current
    version. The change is made and validated before the write transaction,
    which then only checks the version and writes, so writers wait little.
    """
    store = request.app.state.store
    with store.reading() as session:
        record = map_for(session, user, map_id, Role.editor)
        version = based_on(request, record)
        journey = change(record)
    with store.writing() as session:
        map_for(session, user, map_id, Role.editor)
        record = save_map(session, map_id, journey, based_on=version, author=user, message=message)
        audit.record(session, user, action, workspace_id=record.workspace_id, target=map_id, version=record.version)
        return map_response(record)
