"""Who is calling: session cookies (signed, HttpOnly, SameSite) with CSRF, API tokens, login limits."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..errors import NotAuthenticated, PermissionDenied, TooManyAttempts
from ..i18n import gettext as _
from ..settings import Settings
from ..store import Store, User, logins
from ..store.accounts import token_and_user

COOKIE = "journeymap_session"
CSRF_HEADER = "X-CSRF-Token"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class Sessions:
    """Signs and reads the session cookie: user id, session epoch, the session's secret and a CSRF token.

    The session itself lives in the database (:mod:`journeymap.store.logins`): logout,
    a password change or disabling the user ends it on the server, and it ends by
    itself after ``session_idle_seconds`` unused or ``session_seconds`` in all.

    >>> sessions = Sessions(Settings(secret_key="k"))
    >>> payload = sessions.read(sessions.sign(7, 0, "s", "t"))
    >>> payload["u"], payload["s"], payload["c"]
    (7, 's', 't')
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.serializer = URLSafeTimedSerializer(settings.secret(), salt="journeymap-session")

    def sign(self, user_id: int, epoch: int, secret: str, csrf: str) -> str:
        """Return the cookie value for a login."""
        return self.serializer.dumps({"u": user_id, "e": epoch, "s": secret, "c": csrf})

    def read(self, value: str) -> dict[str, Any] | None:
        """Return the payload of a valid, unexpired cookie, else ``None``."""
        try:
            payload = self.serializer.loads(value, max_age=self.settings.session_seconds)
        except BadSignature:
            return None
        return payload if isinstance(payload, dict) and isinstance(payload.get("s"), str) else None

    def start(self, request: Request, response: Response, user: User) -> str:
        """Open a session for ``user`` and set its cookie on ``response``; return its CSRF token."""
        with request.app.state.store.writing() as session:
            secret = logins.start_session(session, user)
        csrf = secrets.token_urlsafe(24)
        response.set_cookie(
            COOKIE,
            self.sign(user.id, user.session_epoch, secret, csrf),
            max_age=self.settings.session_seconds,
            httponly=True,
            samesite="lax",
            secure=self.settings.secure_cookies,
            path="/",
        )
        return csrf

    def end(self, request: Request, response: Response) -> None:
        """End the request's session on the server and remove its cookie."""
        value = request.cookies.get(COOKIE)
        payload = self.read(value) if value else None
        if payload is not None:
            with request.app.state.store.writing() as session:
                logins.end_session(session, payload["s"])
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=self.settings.secure_cookies)


class LoginLimiter:
    """Counts failed logins per account and per address, apart, in the database (every worker shares the counts).

    ``attempts`` failures from one address, or ``account_attempts`` on one account
    from anywhere, within ``window`` seconds, and further logins there get 429.
    """

    def __init__(self, store: Store, *, attempts: int, account_attempts: int, window: int) -> None:
        self.store, self.attempts, self.account_attempts, self.window = store, attempts, account_attempts, window

    def check(self, address: str, username: str) -> None:
        """Raise :class:`TooManyAttempts` when this address, or this account, failed too often."""
        with self.store.reading() as session:
            over = logins.count_failures(session, _address_key(address), self.window) >= self.attempts or (
                logins.count_failures(session, _account_key(username), self.window) >= self.account_attempts
            )
        if over:
            raise TooManyAttempts(_("too many failed logins; wait {seconds} seconds and try again").format(seconds=self.window))

    def failed(self, address: str, username: str) -> None:
        """Count a failed login against the address and the account."""
        with self.store.writing() as session:
            logins.add_failure(session, _address_key(address), _account_key(username))

    def succeeded(self, address: str, username: str) -> None:
        """Forget the failures of the account that logged in (the address keeps its own)."""
        with self.store.writing() as session:
            logins.forget_failures(session, _account_key(username), older_than=self.window)


def _address_key(address: str) -> str:
    return f"address:{address}"[:200]


def _account_key(username: str) -> str:
    return f"user:{username.lower()}"[:200]


def refuse_cross_site(request: Request) -> None:
    """Refuse a login posted from another site (login CSRF): browsers say so in ``Sec-Fetch-Site`` and ``Origin``.

    Programs that send neither (curl, the CLI) are let through: they hold no victim's browser.
    """
    site = request.headers.get("sec-fetch-site", "")
    origin = request.headers.get("origin", "")
    host = request.headers.get("host", "")
    foreign_origin = origin not in ("", "null") and origin.split("://", 1)[-1] != host
    if site == "cross-site" or foreign_origin or origin == "null":
        raise PermissionDenied(_("a login must come from this site's own login form"))


def client_address(request: Request) -> str:
    """Return the caller's address: the peer's, or ``X-Forwarded-For``'s last hop when the peer is a trusted proxy."""
    peer = request.client.host if request.client else "-"
    trusted = {address.strip() for address in request.app.state.settings.trusted_proxies.split(",") if address.strip()}
    forwarded = request.headers.get("x-forwarded-for", "")
    if peer in trusted and forwarded:
        return forwarded.split(",")[-1].strip() or peer
    return peer


def caller(request: Request) -> User | None:
    """Return the user a request comes from (API token or session cookie), ``None`` if anonymous.

    A cookie session must send its CSRF token in the ``X-CSRF-Token`` header
    on every state-changing request; a token in ``Authorization`` needs none.
    """
    if hasattr(request.state, "user"):
        return request.state.user
    store: Store = request.app.state.store
    user = _token_user(request, store) if request.headers.get("authorization") else _cookie_user(request, store)
    request.state.user = user
    return user


def signed_in(request: Request) -> User:
    """FastAPI dependency: the calling user; raise :class:`NotAuthenticated` when anonymous."""
    user = caller(request)
    if user is None:
        raise NotAuthenticated(_("log in first: POST /api/login, or send 'Authorization: Bearer TOKEN'"))
    return user


def admin(request: Request) -> User:
    """FastAPI dependency: the calling user, who must be a server administrator (by a token of scope admin)."""
    user = signed_in(request)
    if not user.is_admin:
        raise PermissionDenied(_("only a server administrator may do this"))
    if getattr(request.state, "token_scope", "admin") != "admin":
        raise PermissionDenied(_("this API token's scope does not allow administration; use one of scope 'admin'"))
    return user


def in_person(request: Request) -> User:
    """FastAPI dependency: the calling user, logged in by password (a session), not by an API token."""
    user = signed_in(request)
    if hasattr(request.state, "token_scope"):
        raise PermissionDenied(_("an API token cannot do this; log in with your password"))
    return user


def _token_user(request: Request, store: Store) -> User | None:
    scheme, _space, token = request.headers["authorization"].partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise NotAuthenticated(_("the Authorization header must be 'Bearer TOKEN'"))
    with store.reading() as session:
        found = token_and_user(session, token.strip())
    if found is None:
        raise NotAuthenticated(_("this API token is unknown, expired or revoked; create one with POST /api/tokens"))
    scope, user = found[0].scope, found[1]
    if scope == "read" and request.method not in _SAFE_METHODS:
        raise PermissionDenied(_("this API token may only read; create one with scope 'write' to change things"))
    request.state.token_scope = scope
    return user


def _cookie_user(request: Request, store: Store) -> User | None:
    value = request.cookies.get(COOKIE)
    payload = request.app.state.sessions.read(value) if value else None
    if payload is None:
        return None
    settings = request.app.state.settings
    with store.reading() as session:
        found = logins.session_user(session, payload["s"], idle=settings.session_idle_seconds, longest=settings.session_seconds)
    if found is None:
        return None
    user, stale = found
    if user.id != payload["u"] or user.session_epoch != payload["e"]:
        return None
    if stale:
        with store.writing() as session:
            logins.touch_session(session, payload["s"])
    if request.method not in _SAFE_METHODS and not secrets.compare_digest(request.headers.get(CSRF_HEADER, ""), payload["c"]):
        raise PermissionDenied(_("missing or wrong CSRF token: send the X-CSRF-Token header given at login"))
    request.state.csrf = payload["c"]
    return user
