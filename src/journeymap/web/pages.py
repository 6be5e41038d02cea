"""The web editor's pages: log in, the map list, the map editor, its history (a shared map: :mod:`.shared_pages`).

Pages are rendered on the server in the user's language; the editor's own
JavaScript (``static/``) changes maps through the JSON API with the session's
CSRF token and the map's version (``If-Match``).
"""

from __future__ import annotations

import os
from importlib import resources
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.types import Scope

from .. import files
from ..errors import JourneymapError
from ..i18n import LANGUAGES, gettext as _, in_language
from ..store import Role, User, accounts, journey_of, list_maps, maps
from ..store.tables import isotime
from . import api_convert, render_exports
from .api_account import Login, login
from .api_revisions import list_revisions
from .auth import CSRF_HEADER, caller
from .context import map_with_role
from .editor_config import editor_config
from .ideas import ranked_ideas
from .templating import page_language, remember_language, render_page

router = APIRouter(include_in_schema=False)


def install(app: FastAPI) -> None:
    """Add the pages, their static files and the rendered export formats to ``app``."""
    render_exports.install()
    app.include_router(router)
    app.include_router(api_convert.router)
    app.mount("/static/fonts", StaticFiles(directory=str(resources.files("journeymap.render") / "fonts")), name="fonts")
    app.mount("/static", Scripts(directory=str(resources.files("journeymap.web") / "static")), name="static")


class Scripts(StaticFiles):
    """The page's static files; a ``.js`` file always as ``text/javascript``, whatever the host's MIME table says.

    Browsers run a module script (``<script type="module">``) only when it comes with a JavaScript type, and
    ``X-Content-Type-Options: nosniff`` forbids them to guess; some hosts map ``.js`` to ``text/plain``.
    """

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope, status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        if os.fspath(full_path).endswith(".js"):
            response.headers["content-type"] = "text/javascript; charset=utf-8"
        return response


@router.get("/login")
def login_page(request: Request, next: str = Query("/", max_length=500)) -> Response:
    """The login form."""
    if caller(request) is not None:
        return RedirectResponse(_local(next), status_code=303)
    return render_page(request, "login.html", user=None, next=_local(next), error="")


@router.post("/login")
def login_form(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/")) -> Response:
    """Log in from the form: a session cookie and a redirect, or the form again with the reason."""
    answer = RedirectResponse(_local(next), status_code=303)
    try:
        login(Login(username=username, password=password), request, answer)
    except JourneymapError as error:
        return render_page(request, "login.html", user=None, next=_local(next), error=error.message, username=username, status_code=error.status_code)
    except ValidationError:
        return render_page(request, "login.html", user=None, next=_local(next), error=_("wrong user name or password"), username="", status_code=401)
    return answer


@router.post("/logout")
def logout_form(request: Request, csrf: str = Form("")) -> Response:
    """End the session and go to the login form."""
    form_user(request, csrf)
    answer = RedirectResponse("/login", status_code=303)
    request.app.state.sessions.end(request, answer)
    return answer


@router.post("/language")
def choose_language(request: Request, language: str = Form(...), csrf: str = Form(""), next: str = Form("/")) -> Response:
    """Switch the interface language; a logged-in user's choice is kept in their account."""
    if language not in LANGUAGES:
        language = "en"
    user = form_user(request, csrf)
    if user is not None:
        with request.app.state.store.writing() as session:
            session.get(User, user.id).language = language
    answer = RedirectResponse(_local(next), status_code=303)
    remember_language(answer, language)
    return answer


@router.get("/")
def map_list(
    request: Request,
    q: str = Query("", max_length=200),
    tag: str = Query("", max_length=100),
    kind: str = Query("", max_length=40),
    state: str = Query("", max_length=20),
    workspace: str = Query("", max_length=20),
    owner: str = Query("", max_length=80),
) -> Response:
    """The user's workspaces and maps, with search and filters, and the forms that create maps."""
    user = caller(request)
    if user is None:
        return _to_login(request)
    with request.app.state.store.reading() as session:
        spaces = accounts.workspaces_of(session, user)
        ids = [space.id for space, _role in spaces]
        chosen = [int(workspace)] if workspace.isdigit() and int(workspace) in ids else ids
        found = list_maps(session, chosen, search=q or None, tag=tag or None, kind=kind or None, state=state or None, owner=owner or None)
        creators = maps.owners(session, ids)
        rows = [{"id": record.id, "title": record.title, "kind": record.kind, "state": record.state, "tags": [t for t in record.tags.split(",") if t], "updated_at": isotime(record.updated_at), "version": record.version, "workspace": record.workspace_id, "owner": creators.get(record.created_by, "")} for record in found]
    names = {space.id: space.name for space, _role in spaces}
    editable = [{"id": space.id, "name": space.name} for space, role in spaces if role.allows(Role.editor)]
    with in_language(page_language(request, user)):
        templates = files.templates()
    filters = {"q": q, "tag": tag, "kind": kind, "state": state, "workspace": workspace, "owner": owner}
    return render_page(request, "maps.html", user=user, maps=rows, names=names, workspaces=[{"id": s.id, "name": s.name} for s, _r in spaces], editable=editable, templates=templates, filters=filters, owners=list(creators.values()))


@router.get("/maps/{map_id}")
def editor_page(map_id: str, request: Request) -> Response:
    """The map editor (read-only below the editor role)."""
    return _map_page(request, map_id, "editor.html")


@router.get("/maps/{map_id}/history")
def history_page(map_id: str, request: Request) -> Response:
    """The map's revisions, the difference between two, and restoring one."""
    return _map_page(request, map_id, "history.html", revisions=True)


def form_user(request: Request, csrf: str) -> User | None:
    """Return the user posting a form, whose hidden ``csrf`` field must be the session's token.

    The field is checked exactly like the API's ``X-CSRF-Token`` header.
    """
    headers = [*request.scope["headers"], (CSRF_HEADER.lower().encode(), csrf.encode())]
    return caller(Request({**request.scope, "headers": headers}, request.receive))


def _map_page(request: Request, map_id: str, template: str, *, revisions: bool = False) -> Response:
    user = caller(request)
    if user is None:
        return _to_login(request)
    try:
        with request.app.state.store.reading() as session:
            record, role = map_with_role(session, user, map_id, Role.viewer)
        history = list_revisions(map_id, request, user)["revisions"] if revisions else []
    except JourneymapError as error:
        return _error_page(request, user, error)
    language = page_language(request, user)
    journey = journey_of(record.document)
    with in_language(language):
        config = editor_config(record.id, role, language, source=f"/api/maps/{quote(record.id)}", journey=journey)
        ideas = ranked_ideas(journey)
    return render_page(request, template, user=user, title=record.title, map_id=record.id, role=role.value, config=config, shared=False, revisions=history, ideas=ideas)


def _error_page(request: Request, user: User | None, error: JourneymapError) -> HTMLResponse:
    return render_page(request, "error.html", user=user, message=error.message, status_code=error.status_code)


def _to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def _local(target: str) -> str:
    """Return ``target`` if it is a path on this server, else the map list (no open redirects).

    >>> _local("/maps/shop"), _local("//evil.example/x"), _local("https://evil.example")
    ('/maps/shop', '/', '/')
    """
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


