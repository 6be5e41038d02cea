"""Maps: list, create (JSON, YAML import, template), read, save with If-Match, delete, export (share links: :mod:`.api_shares`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .. import files
from ..errors import InvalidRequest, RenderError, UnsupportedMediaType, UploadTooLarge
from ..files.pictures import with_photos
from ..i18n import gettext as _
from ..model import Journey
from ..render.pages import page_name
from ..store import Role, User, accounts, add_map, audit, journey_of, list_maps, maps
from ..store.photos import workspace_folder
from .auth import signed_in
from .context import map_for, map_json, map_response, save_change, workspace_for
from .downloads import attachment
from .exports import FORMATS, PICTURED, exporter

router = APIRouter(prefix="/api", tags=["maps"])

IMPORT_TYPES = {"application/yaml": "yaml", "application/x-yaml": "yaml", "text/yaml": "yaml", "application/json": "json"}


class FromTemplate(BaseModel):
    template: str = Field(default="lifecycle", description="A stage set or example map: see GET /api/templates.")
    title: str | None = None
    language: str | None = None


@router.get("/templates")
def list_templates(user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the stage sets and example maps a new map can start from."""
    return {"templates": [template.__dict__ for template in files.templates()]}


@router.get("/maps")
def list_all_maps(
    request: Request,
    q: str | None = Query(None, max_length=200, description="Words of the title or id."),
    tag: str | None = Query(None, max_length=100),
    kind: str | None = Query(None, max_length=40),
    state: str | None = Query(None, max_length=20),
    workspace: int | None = Query(None, description="Only this workspace."),
    owner: str | None = Query(None, max_length=80, description="Only the maps this user created (a user name)."),
    user: User = Depends(signed_in),
) -> dict[str, Any]:
    """List the maps of every workspace the caller belongs to (without their content), with who created each."""
    with request.app.state.store.reading() as session:
        ids = [found.id for found, _role in accounts.workspaces_of(session, user) if workspace in (None, found.id)]
        found = list_maps(session, ids, search=q, tag=tag, kind=kind, state=state, owner=owner)
        names = maps.owners(session, ids)
    return {"maps": [{**map_json(record, document=False), "owner": names.get(record.created_by)} for record in found]}


@router.post("/workspaces/{workspace_id}/maps", status_code=201)
def create_map(workspace_id: int, request: Request, document: dict[str, Any] = Body(description="The Journey as JSON."), message: str = Query("", max_length=500), user: User = Depends(signed_in)) -> JSONResponse:
    """Create a map from its Journey JSON (editors)."""
    return _create(request, user, workspace_id, lambda: journey_of(document), message)


@router.post("/workspaces/{workspace_id}/maps/from-template", status_code=201)
def create_from_template(workspace_id: int, choice: FromTemplate, request: Request, user: User = Depends(signed_in)) -> JSONResponse:
    """Create a map from a stage set or an example map (editors)."""
    return _create(request, user, workspace_id, lambda: files.new_journey(choice.template, title=choice.title, language=choice.language), _("From template {name}").format(name=choice.template))


@router.post("/workspaces/{workspace_id}/maps/import", status_code=201)
async def import_map(workspace_id: int, request: Request) -> JSONResponse:
    """Create a map from a map file sent as the body: YAML (``application/yaml``) or JSON (editors)."""
    user = await run_in_threadpool(signed_in, request)
    await run_in_threadpool(_check_workspace, request, user, workspace_id)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in IMPORT_TYPES:
        raise UnsupportedMediaType(_("import a map as application/yaml or application/json, not {type}").format(type=kind or _("no content type")))
    body = await request.body()
    if len(body) > files.MAX_MAP_BYTES:
        raise UploadTooLarge(_("a map file may be at most {limit} bytes").format(limit=files.MAX_MAP_BYTES))
    load = partial(files.loads, body.decode("utf-8", errors="replace"), format=IMPORT_TYPES[kind])
    return await run_in_threadpool(_create, request, user, workspace_id, load, _("Imported"))


@router.get("/maps/{map_id}")
def get_map(map_id: str, request: Request, user: User = Depends(signed_in)) -> JSONResponse:
    """Return a map with its Journey document; the ETag header is its version."""
    with request.app.state.store.reading() as session:
        return map_response(map_for(session, user, map_id, Role.viewer))


@router.put("/maps/{map_id}")
def put_map(map_id: str, request: Request, document: dict[str, Any] = Body(description="The whole Journey as JSON."), message: str = Query("", max_length=500), user: User = Depends(signed_in)) -> JSONResponse:
    """Replace a map's content (editors); ``If-Match`` must carry the version it was based on, else 409."""
    return save_change(request, user, map_id, lambda record: journey_of(document), message=message, action="map_saved")


@router.delete("/maps/{map_id}")
def delete_map(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Delete a map with its revisions and comments (workspace owners)."""
    with request.app.state.store.writing() as session:
        record = map_for(session, user, map_id, Role.owner)
        audit.record(session, user, "map_deleted", workspace_id=record.workspace_id, target=map_id, title=record.title)
        maps.delete_map(session, map_id)
    return {"ok": True}


@router.get("/maps/{map_id}/export")
def export_map(
    map_id: str,
    request: Request,
    format: Literal[FORMATS] = Query("yaml"),  # type: ignore[valid-type]
    page: str | None = Query(None, max_length=20, description="The PDF's page size, landscape: A3 (default), A2, A4 or Letter, in any case."),
    user: User = Depends(signed_in),
) -> Response:
    """Download the map as a file: YAML, JSON, or a rendered format when the renderers are installed (a PDF on ``page``)."""
    try:
        page = page_name(page) if page is not None else None
    except RenderError as error:
        raise InvalidRequest(error.message, field="page") from error
    with request.app.state.store.reading() as session:
        record = map_for(session, user, map_id, Role.viewer)
    chosen = exporter(format)
    filename = f"{record.slug}.{chosen.extension}"
    journey = journey_of(record.document)
    if format in PICTURED:
        journey = with_photos(journey, workspace_folder(request.app.state.settings.data_dir, record.workspace_id))
    return Response(chosen.bytes_of(journey, page), media_type=chosen.media_type, headers={"Content-Disposition": attachment(filename)})


def _check_workspace(request: Request, user: User, workspace_id: int) -> None:
    with request.app.state.store.reading() as session:
        workspace_for(session, user, workspace_id, Role.editor)


def _create(request: Request, user: User, workspace_id: int, make: Callable[[], Journey], message: str) -> JSONResponse:
    with request.app.state.store.writing() as session:
        workspace_for(session, user, workspace_id, Role.editor)
        record = add_map(session, workspace_id, make(), author=user, message=message)
        audit.record(session, user, "map_created", workspace_id=workspace_id, target=record.id, title=record.title)
        return map_response(record, status_code=201)
