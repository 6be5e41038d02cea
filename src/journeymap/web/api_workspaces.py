"""Workspaces, their members and roles, their audit log and their uploaded data sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..errors import PermissionDenied, UnsupportedMediaType
from ..i18n import gettext as _
from ..store import Role, Upload, accounts, audit, sources
from ..store.sources import Quota
from ..store.tables import DataSource, User, as_json
from .auth import signed_in
from .context import user_json, workspace_for, workspace_repaired

router = APIRouter(prefix="/api/workspaces", tags=["workspaces"])

SOURCE_TYPES = {
    "text/csv",
    "text/plain",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "application/vnd.apache.parquet",
    "application/octet-stream",
}
"""Content types a data source may be uploaded as (CSV, JSON Lines, Parquet)."""


class NewWorkspace(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class MemberRole(BaseModel):
    role: Role


@router.get("")
def list_workspaces(request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the caller's workspaces with their role in each."""
    with request.app.state.store.reading() as session:
        found = accounts.workspaces_of(session, user)
    return {"workspaces": [{"id": workspace.id, "name": workspace.name, "role": role.value} for workspace, role in found]}


@router.post("", status_code=201)
def create_workspace(new: NewWorkspace, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Create a workspace; the caller becomes its owner (server administrators only, unless ``workspace_creators`` is everyone)."""
    if request.app.state.settings.workspace_creators == "admins" and not user.is_admin:
        raise PermissionDenied(_("only a server administrator may create workspaces; ask one"))
    with request.app.state.store.writing() as session:
        workspace = accounts.add_workspace(session, new.name, user)
        audit.record(session, user, "workspace_created", workspace_id=workspace.id, target=workspace.name)
    return {"id": workspace.id, "name": workspace.name, "role": Role.owner.value}


@router.get("/{workspace_id}")
def get_workspace(workspace_id: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return a workspace, the caller's role in it and its storage (bytes used and quota, 0: none)."""
    with request.app.state.store.reading() as session:
        workspace, role = workspace_for(session, user, workspace_id, Role.viewer)
        storage = storage_json(quota_of(session, request, workspace_id))
    return {"id": workspace.id, "name": workspace.name, "role": role.value, "storage": storage}


@router.get("/{workspace_id}/members")
def list_members(workspace_id: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the members of a workspace with their roles (members, and server administrators for any workspace)."""
    with request.app.state.store.reading() as session:
        workspace_repaired(session, user, workspace_id, Role.viewer)
        found = accounts.members(session, workspace_id)
    return {"members": [{**user_json(member), "role": role.value} for member, role in found]}


@router.put("/{workspace_id}/members/{username}", status_code=202, responses={200: {"description": "A server administrator's precise answer: the member."}})
def set_member(workspace_id: int, username: str, change: MemberRole, request: Request, user: User = Depends(signed_in)) -> Any:
    """Add a user to the workspace or change their role (owners, and server administrators for any workspace).

    An owner gets the same ``202`` whether or not a user of that name exists,
    so the endpoint cannot be used to find out user names; a server
    administrator gets ``200`` with the member, or ``404`` for an unknown name.
    """
    with request.app.state.store.writing() as session:
        workspace_repaired(session, user, workspace_id, Role.owner)
        member = accounts.user_named(session, username) if user.is_admin else accounts.find_user(session, username)
        if member is not None:
            accounts.set_member(session, workspace_id, member, change.role)
        audit.record(session, user, "member_set", workspace_id=workspace_id, target=username, role=change.role.value)
    if member is not None and user.is_admin:
        return JSONResponse({**user_json(member), "role": change.role.value})
    message = _("if a user named {name} exists, they now have the role {role} in this workspace").format(name=username, role=change.role.value)
    return {"username": username, "role": change.role.value, "message": message}


@router.delete("/{workspace_id}/members/{username}")
def remove_member(workspace_id: int, username: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Remove a user from the workspace (owners, and server administrators for any workspace)."""
    with request.app.state.store.writing() as session:
        workspace_repaired(session, user, workspace_id, Role.owner)
        accounts.remove_member(session, workspace_id, username)
        audit.record(session, user, "member_removed", workspace_id=workspace_id, target=username)
    return {"ok": True}


@router.get("/{workspace_id}/audit")
def audit_log(workspace_id: int, request: Request, limit: int = Query(200, ge=1, le=1000), user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return the workspace's newest audit entries (owners only)."""
    with request.app.state.store.reading() as session:
        workspace_for(session, user, workspace_id, Role.owner)
        found = audit.entries(session, workspace_id=workspace_id, limit=limit)
    return {"entries": [as_json(entry) for entry in found]}


@router.get("/{workspace_id}/sources")
def list_sources(workspace_id: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the workspace's uploaded data sources, with the bytes they take and the workspace's quota."""
    with request.app.state.store.reading() as session:
        workspace_for(session, user, workspace_id, Role.viewer)
        found = [source_json(source) for source in sources.sources(session, workspace_id)]
        return {"sources": found, "storage": storage_json(quota_of(session, request, workspace_id))}


@router.delete("/{workspace_id}/sources/{source_id}")
def delete_source(workspace_id: int, source_id: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Delete a data source and its file (editors); analysis runs that used it keep their results."""
    store = request.app.state.store
    with store.writing() as session:
        workspace_for(session, user, workspace_id, Role.editor)
        source = sources.source_in(session, workspace_id, source_id)
        name, size = source.name, source.size
        path = sources.delete_source(session, store.data_dir, source)
        audit.record(session, user, "source_deleted", workspace_id=workspace_id, target=name, source=source_id, size=size)
    path.unlink(missing_ok=True)
    return {"deleted": source_id}


@router.post("/{workspace_id}/sources", status_code=201)
async def upload_source(workspace_id: int, request: Request, name: str = Query(min_length=1, max_length=300, description="The file's name, e.g. events.csv.")) -> dict[str, Any]:
    """Upload an event log or feedback file as the raw request body (CSV, JSON Lines, Parquet).

    The body is streamed to the data folder and counted as it arrives: past the
    size limit the upload stops with 413 and nothing is kept.
    """
    user = await run_in_threadpool(signed_in, request)
    store, settings = request.app.state.store, request.app.state.settings
    quota = await run_in_threadpool(_quota_for_upload, request, user, workspace_id)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in SOURCE_TYPES:
        raise UnsupportedMediaType(_("upload data as one of {types}, not {type}").format(types=", ".join(sorted(SOURCE_TYPES)), type=content_type or _("no content type")))
    declared = request.headers.get("content-length", "")
    upload = Upload(settings.data_dir, limit=settings.max_upload_bytes, quota=quota)
    upload.expect(int(declared) if declared.isdigit() else 0)
    try:
        async for chunk in request.stream():
            upload.write(chunk)
    except BaseException:
        upload.abort()
        raise
    await run_in_threadpool(upload.finish)
    return await run_in_threadpool(_record_source, store, user, workspace_id, upload, name, content_type, settings.workspace_quota_bytes)


def source_json(source: DataSource) -> dict[str, Any]:
    """Return a data source as the API shows it."""
    return as_json(source, exclude=("path",))


def quota_of(session: Any, request: Request, workspace_id: int) -> Quota:
    """Return the workspace's storage quota (the server's setting) and the bytes its sources take."""
    return Quota(limit=request.app.state.settings.workspace_quota_bytes, used=sources.used_bytes(session, workspace_id))


def storage_json(quota: Quota) -> dict[str, int]:
    """Return a workspace's storage as the API shows it.

    >>> storage_json(Quota(limit=100, used=60))
    {'used_bytes': 60, 'quota_bytes': 100}
    """
    return {"used_bytes": quota.used, "quota_bytes": quota.limit}


def _quota_for_upload(request: Request, user: User, workspace_id: int) -> Quota:
    with request.app.state.store.reading() as session:
        workspace_for(session, user, workspace_id, Role.editor)
        return quota_of(session, request, workspace_id)


def _record_source(store: Any, user: User, workspace_id: int, upload: Upload, name: str, content_type: str, quota: int) -> dict[str, Any]:
    with store.writing() as session:
        source = sources.add_source(session, workspace_id, upload, name=name, content_type=content_type, author=user, quota=quota)
        audit.record(session, user, "source_uploaded", workspace_id=workspace_id, target=name, size=upload.size, sha256=upload.sha256)
        return source_json(source)

