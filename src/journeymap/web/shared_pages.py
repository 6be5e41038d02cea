"""The page a share link opens: the map's poster (the one its PDF is printed from), zoomable, comments beside it if chosen.

``/shared/{token}`` is the viewer: a toolbar to zoom (buttons and keys) and
the poster in a frame. The poster itself, ``/shared/{token}/poster``, is the
self-contained HTML of :func:`~journeymap.render.poster_html` with the
workspace's persona photos inlined; it is served with its own Content
Security Policy: no script at all, styles and pictures only from itself.
A link with a password first shows a form (CSRF-safe by a double-submitted
cookie, wrong passwords limited as logins are).
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from ..errors import JourneymapError, PermissionDenied
from ..files.pictures import with_photos
from ..i18n import gettext as _
from ..model import Journey
from ..render.poster import poster_html
from ..store import Comment, Map, User, comments, journey_of
from ..store.photos import workspace_folder
from ..store.tables import isotime
from .api_shares import check_password, is_unlocked, open_shared, opened_link, unlock
from .auth import caller
from .pages import _error_page
from .templating import page_language, render_page

router = APIRouter(include_in_schema=False)

CSRF_COOKIE = "journeymap_share_csrf"
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
POSTER_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
"""The poster's own Content Security Policy: its inline styles, fonts and photos, and no script."""


@router.get("/shared/{token}")
def shared_page(token: str, request: Request) -> Response:
    """The poster of a map opened through a share link, without logging in; its password form if it has one."""
    user = caller(request)
    try:
        link, record = opened_link(request, token)
    except JourneymapError as error:
        return _private(_error_page(request, user, error))
    if link.password_hash is not None and not is_unlocked(request, link):
        return _password_form(request, user, token, record, error="")
    threads = _threads(request, record) if link.show_comments else None
    return _private(render_page(request, "shared.html", user=user, title=record.title, token=token, label=link.label, threads=threads))


@router.post("/shared/{token}")
def unlock_page(token: str, request: Request, password: str = Form("", max_length=200), csrf: str = Form("", max_length=100)) -> Response:
    """Check a share link's password from its form; open the poster or show the form again with the reason.

    The form is the visitor's, not a session's: a logged-in visitor's session is not asked for (or read).
    """
    user = None
    try:
        link, record = opened_link(request, token)
    except JourneymapError as error:
        return _private(_error_page(request, user, error))
    try:
        if not csrf or not secrets.compare_digest(csrf, request.cookies.get(CSRF_COOKIE, "")):
            raise PermissionDenied(_("this form has expired; load the page again and give the password once more"))
        check_password(request, link, password)
    except JourneymapError as error:
        return _password_form(request, user, token, record, error=error.message, status_code=error.status_code)
    answer = RedirectResponse(f"/shared/{quote(token)}", status_code=303)
    unlock(request, answer, link)
    return answer


@router.get("/shared/{token}/poster")
async def shared_poster(token: str, request: Request) -> Response:
    """The poster's HTML alone (the frame of the share page), the same document the PDF is printed from."""
    try:
        _link, record = await run_in_threadpool(open_shared, request, token)
    except JourneymapError as error:
        return _private(_error_page(request, caller(request), error))
    html = await run_in_threadpool(shared_poster_html, request, record)
    return HTMLResponse(html, headers={**PRIVATE, "Content-Security-Policy": POSTER_POLICY, "X-Frame-Options": "SAMEORIGIN"})


def shared_poster_html(request: Request, record: Map) -> str:
    """Return the poster of a stored map with its workspace's persona photos, in the visitor's language."""
    journey = with_photos(journey_of(record.document), workspace_folder(request.app.state.settings.data_dir, record.workspace_id))
    return poster_html(journey, language=page_language(request, caller(request)))


def _password_form(request: Request, user: User | None, token: str, record: Map, *, error: str, status_code: int = 200) -> Response:
    csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    answer = render_page(
        request, "shared_password.html", user=user, title=record.title, token=token, form_csrf=csrf, error=error, status_code=status_code
    )
    answer.set_cookie(
        CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=request.app.state.settings.secure_cookies, path="/shared/"
    )
    return _private(answer)


def _threads(request: Request, record: Map) -> list[dict[str, Any]]:
    """The map's comment threads as the share page shows them: step, author, time, text, replies, resolved."""
    journey: Journey = journey_of(record.document)
    names = journey.step_names
    with request.app.state.store.reading() as session:
        found = comments.comments(session, record.id)
        authors = {
            row.id: row.username
            for row in session.execute(select(User.id, User.username).where(User.id.in_({comment.author_id for comment in found})))
        }

    def entry(comment: Comment) -> dict[str, Any]:
        return {"author": authors.get(comment.author_id or 0, "—"), "at": isotime(comment.created_at), "body": comment.body}

    return [
        {
            **entry(top),
            "step": names.get(top.step_id or "", top.step_id or ""),
            "resolved": top.resolved_at is not None,
            "replies": [entry(reply) for reply in found if reply.parent_id == top.id],
        }
        for top in found
        if top.parent_id is None
    ]


def _private(answer: Response) -> Response:
    answer.headers.update(PRIVATE)
    return answer
