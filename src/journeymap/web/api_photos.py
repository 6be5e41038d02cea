"""Persona photos (upload by editors, read by viewers and share links) and the map's ideas, ranked.

A photo is sent as the raw request body; its kind is known from its bytes,
never from its name or content type: PNG, JPEG or WebP, up to 2 MiB. SVG is
refused since it can carry script. The answer's ``photo`` is what a persona's
``photo`` field takes; the editor sets it and saves the map as usual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from ..files.pictures import MEDIA_TYPES, PHOTO_LIMIT, too_large
from ..i18n import in_language
from ..store import Map, Role, User, audit, journey_of
from ..store.photos import keep_photo, photo_path
from .api_shares import open_shared
from .auth import signed_in
from .context import map_for
from .ideas import ideas_json
from .templating import page_language

router = APIRouter(prefix="/api", tags=["personas and ideas"])


@router.post("/maps/{map_id}/photos", status_code=201)
async def upload_photo(map_id: str, request: Request) -> dict[str, Any]:
    """Upload a persona photo (editors): PNG, JPEG or WebP as the raw body, up to 2 MiB."""
    user = await run_in_threadpool(signed_in, request)
    record = await run_in_threadpool(_map, request, user, map_id, Role.editor)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > PHOTO_LIMIT:
        raise too_large()
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > PHOTO_LIMIT:
            break
    return await run_in_threadpool(_keep, request, user, record, bytes(data))


@router.get("/maps/{map_id}/photos/{name}")
def get_photo(map_id: str, name: str, request: Request, user: User = Depends(signed_in)) -> FileResponse:
    """Return a persona photo of the map's workspace (viewers)."""
    record = _map(request, user, map_id, Role.viewer)
    return _photo_file(request, record, name)


@router.get("/shared/{token}/photos/{name}")
def get_shared_photo(token: str, name: str, request: Request) -> FileResponse:
    """Return a persona photo of a map opened through a read-only share link."""
    _link, record = open_shared(request, token)
    return _photo_file(request, record, name)


@router.get("/maps/{map_id}/ideas")
def list_ideas(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return the map's ideas ranked by the seeds' score, in the caller's language, as the editor shows them."""
    record = _map(request, user, map_id, Role.viewer)
    with in_language(page_language(request, user)):
        return {"version": record.version, **ideas_json(journey_of(record.document))}


def _map(request: Request, user: User, map_id: str, needed: Role) -> Map:
    with request.app.state.store.reading() as session:
        return map_for(session, user, map_id, needed)


def _keep(request: Request, user: User, record: Map, data: bytes) -> dict[str, Any]:
    name = keep_photo(request.app.state.settings.data_dir, record.workspace_id, data)
    with request.app.state.store.writing() as session:
        audit.record(session, user, "photo_uploaded", workspace_id=record.workspace_id, target=record.id, photo=name, size=len(data))
    return {"photo": name, "url": f"/api/maps/{record.id}/{name}", "size": len(data)}


def _photo_file(request: Request, record: Map, name: str) -> FileResponse:
    path: Path = photo_path(request.app.state.settings.data_dir, record.workspace_id, name)
    headers = {"Cache-Control": "private, max-age=31536000, immutable", "Content-Disposition": "inline"}
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix.lstrip(".")], headers=headers)
