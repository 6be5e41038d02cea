"""What every endpoint needs: the store, access checks by role, versions and JSON answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from ..errors import NotFound, PermissionDenied, PreconditionRequired
from ..i18n import gettext as _
from ..model import Journey
from ..store import Map, Role, User, Workspace, audit, role_in, save_map
from ..store.maps import version_conflict
from ..store.tables import isotime


def workspace_for(session: Session, user: User, workspace_id: int, needed: Role) -> tuple[Workspace, Role]:
    """Return a workspace the user belongs to with their role; 404 for outsiders, 403 below ``needed``."""
    workspace = _workspace(session, workspace_id)
    return workspace, member_role(session, user, workspace.id, needed, _("no workspace {id}").format(id=workspace_id))


def workspace_repaired(session: Session, user: User, workspace_id: int, needed: Role) -> Workspace:
    """Return a workspace a server administrator repairs, or one the user belongs to with ``needed`` (as :func:`workspace_for`)."""
    if not user.is_admin:
        return workspace_for(session, user, workspace_id, needed)[0]
    return _workspace(session, workspace_id)


def _workspace(session: Session, workspace_id: int) -> Workspace:
    """Return the workspace; 404 when there is none."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound(_("no workspace {id}").format(id=workspace_id))
    return workspace


def map_for(session: Session, user: User, map_id: str, needed: Role) -> Map:
    """Return a map the user may act on with ``needed``; 404 (never 403) when they may not see it."""
    return map_with_role(session, user, map_id, needed)[0]


def map_with_role(session: Session, user: User, map_id: str, needed: Role) -> tuple[Map, Role]:
    """Return a map the user may act on with ``needed`` and their role in its workspace (as :func:`map_for`)."""
    record = session.get(Map, map_id)
    missing = _("no map {id}").format(id=map_id)
    if record is None:
        raise NotFound(missing)
    return record, member_role(session, user, record.workspace_id, needed, missing)


def member_role(session: Session, user: User, workspace_id: int, needed: Role, missing: str) -> Role:
    """Return the user's role in a workspace; raise :class:`NotFound` (``missing``) for outsiders, 403 below ``needed``."""
    role = role_in(session, workspace_id, user)
    if role is None:
        raise NotFound(missing)
    _require(role, needed)
    return role


def based_on(request: Request, record: Map) -> int:
    """Return the change named by ``If-Match`` (the ETag: the map's change number); raise 428 if absent, 409 if not the current one."""
    header = request.headers.get("if-match")
    if not header:
        raise PreconditionRequired(_("send If-Match with the map's ETag (its version) to change it"))
    text = header.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise PreconditionRequired(_("If-Match must be the map's ETag, e.g. \"3\""))
    version = int(text)
    if version != record.seq:
        raise version_conflict(record.id, version, record.seq)
    return version


def map_json(record: Map, *, document: bool = True) -> dict[str, Any]:
    """Return a stored map as the API shows it (with its Journey document unless ``document`` is false)."""
    data: dict[str, Any] = {
        "id": record.id,
        "workspace_id": record.workspace_id,
        "version": record.version,
        "seq": record.seq,
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
    return JSONResponse(map_json(record), status_code=status_code, headers={"ETag": f'"{record.seq}"'})


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
        member_role(session, user, record.workspace_id, Role.editor, _("no map {id}").format(id=map_id))
        record = save_map(session, map_id, journey, based_on=version, author=user, message=message)
        audit.record(session, user, action, workspace_id=record.workspace_id, target=map_id, version=record.version)
        response = map_response(record)
    request.app.state.live.publish(map_id, {"type": "change", "seq": record.seq})
    return response
