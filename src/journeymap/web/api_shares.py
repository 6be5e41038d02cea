"""Share links: create (label, password, expiry, comments shown), list, revoke one or all; open one without logging in.

A link with a password is opened by its page's form, which leaves a signed
cookie for that link (``journeymap_share_<id>``), or through the API with the
``X-Share-Password`` header. Wrong passwords count against the same limit
as failed logins, per address and link.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response
from fastapi.responses import JSONResponse
from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import BaseModel, Field

from ..errors import InvalidRequest, NotAuthenticated
from ..i18n import gettext as _
from ..store import Map, Role, ShareLink, User, audit, shares
from .auth import signed_in
from .context import map_for, map_response
from .templating import page_language, when

router = APIRouter(prefix="/api", tags=["share links"])

PASSWORD_HEADER = "X-Share-Password"
UNLOCK_SECONDS = 12 * 3600
"""How long a share link's page stays open after its password was given."""


class ShareRequest(BaseModel):
    label: str = Field(default="", max_length=200, description="Who or what the link is for, e.g. 'Board meeting'.")
    password: str | None = Field(default=None, max_length=200, description="Asked before the map opens; left out: none.")
    expires_at: datetime | None = Field(default=None, description="When the link stops working (ISO 8601; UTC when no zone is given).")
    expires_in_days: float | None = Field(default=None, gt=0, le=3650, description="Or: the link stops working after this many days.")
    show_comments: bool = Field(default=False, description="Show the map's comments (read-only) beside the poster.")


@router.post("/maps/{map_id}/share", status_code=201)
def share_map(map_id: str, request: Request, choice: ShareRequest | None = Body(None), user: User = Depends(signed_in)) -> dict[str, Any]:
    """Create a read-only link that opens the map's poster (editors); the token is shown this once."""
    choice = choice or ShareRequest()
    if choice.expires_at is not None and choice.expires_in_days is not None:
        raise InvalidRequest(_("give either expires_at or expires_in_days, not both"), field="expires_at")
    with request.app.state.store.writing() as session:
        record = map_for(session, user, map_id, Role.editor)
        link, token = shares.add_share_link(
            session,
            map_id,
            user,
            label=choice.label,
            password=choice.password or None,
            expires_at=shares.expiry(choice.expires_in_days, choice.expires_at),
            show_comments=choice.show_comments,
        )
        audit.record(session, user, "map_shared", workspace_id=record.workspace_id, target=map_id, link=link.id)
        described = shares.link_json(session, link, record)
    return {"token": token, "url": f"/shared/{token}", "api_url": f"/api/shared/{token}", "link": described}


@router.get("/maps/{map_id}/shares")
def list_share_links(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the map's share links, newest first (editors): label, creator, times, expiry, password, state."""
    with request.app.state.store.reading() as session:
        record = map_for(session, user, map_id, Role.editor)
        language = page_language(request, user)
        return {"links": [shown_link(shares.link_json(session, link, record), language) for link in shares.share_links(session, map_id)]}


def shown_link(link: dict[str, Any], language: str) -> dict[str, Any]:
    """Return ``link`` with its times also written the way ``language`` writes them (``shown``), as comments and history write them.

    >>> shown_link({"created_at": "2026-12-05T10:00:00", "expires_at": None, "last_used_at": None}, "lt")["shown"]
    {'created_at': '2026-12-05 10:00', 'expires_at': '', 'last_used_at': ''}
    """
    return {**link, "shown": {key: when(link[key], language) for key in ("created_at", "expires_at", "last_used_at")}}


@router.delete("/maps/{map_id}/shares/{link_id}")
def revoke_share_link(map_id: str, link_id: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Revoke one share link of the map (editors)."""
    with request.app.state.store.writing() as session:
        record = map_for(session, user, map_id, Role.editor)
        link = shares.revoke_share_link(session, map_id, link_id)
        audit.record(session, user, "share_link_revoked", workspace_id=record.workspace_id, target=map_id, link=link_id)
        return {"link": shares.link_json(session, link, record)}


@router.delete("/maps/{map_id}/share")
def unshare_map(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Revoke every share link of the map (editors)."""
    with request.app.state.store.writing() as session:
        record = map_for(session, user, map_id, Role.editor)
        revoked = shares.revoke_share_links(session, map_id)
        audit.record(session, user, "map_unshared", workspace_id=record.workspace_id, target=map_id, links=revoked)
    return {"revoked": revoked}


@router.get("/shared/{token}")
def shared_map(token: str, request: Request) -> JSONResponse:
    """Open a map through a read-only share link, without logging in (``X-Share-Password`` for a link with a password)."""
    _link, record = open_shared(request, token)
    return map_response(record)


def open_shared(request: Request, token: str) -> tuple[ShareLink, Map]:
    """Return a live link and its map; raise :class:`NotFound` saying why a link does not open, or
    :class:`NotAuthenticated` when it needs a password that was not given (or was wrong)."""
    link, record = opened_link(request, token)
    if link.password_hash is None or is_unlocked(request, link):
        return link, record
    password = request.headers.get(PASSWORD_HEADER)
    if password is None:
        raise NotAuthenticated(_("this share link needs its password; open it in a browser or send the {header} header").format(header=PASSWORD_HEADER))
    check_password(request, link, password)
    return link, record


def check_password(request: Request, link: ShareLink, password: str) -> None:
    """Raise :class:`NotAuthenticated` for a wrong password, :class:`TooManyAttempts` after too many (as for logins)."""
    limiter, address, key = request.app.state.limiter, _address(request), f"share-link:{link.id}"
    limiter.check(address, key)
    if not shares.unlocks(link, password):
        limiter.failed(address, key)
        raise NotAuthenticated(_("wrong password for this share link"))
    limiter.succeeded(address, key)


def unlock(request: Request, response: Response, link: ShareLink) -> None:
    """Let this browser open a link with a password for a while, through a signed cookie."""
    value = _serializer(request).dumps({"l": link.id, "h": (link.password_hash or "")[-16:]})
    settings = request.app.state.settings
    response.set_cookie(_cookie(link), value, max_age=UNLOCK_SECONDS, httponly=True, samesite="lax", secure=settings.secure_cookies, path="/")


def opened_link(request: Request, token: str) -> tuple[ShareLink, Map]:
    """Return a live link and its map, its password not checked; raise :class:`NotFound` saying why a link does not open."""
    with request.app.state.store.writing() as session:
        link = shares.open_share_link(session, token)
        return link, session.get(Map, link.map_id)


def is_unlocked(request: Request, link: ShareLink) -> bool:
    """Return whether this browser gave the link's password lately (its signed cookie)."""
    value = request.cookies.get(_cookie(link))
    try:
        payload = _serializer(request).loads(value, max_age=UNLOCK_SECONDS) if value else None
    except BadSignature:
        return False
    return payload == {"l": link.id, "h": (link.password_hash or "")[-16:]}


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.settings.secret(), salt="journeymap-share-link")


def _cookie(link: ShareLink) -> str:
    return f"journeymap_share_{link.id}"


def _address(request: Request) -> str:
    return request.client.host if request.client else "-"
