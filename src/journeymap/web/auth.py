"""Who is calling: session cookies (signed, HttpOnly, SameSite) with CSRF, API tokens, login limits."""

from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict, deque
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..errors import NotAuthenticated, PermissionDenied, TooManyAttempts
from ..i18n import gettext as _
from ..settings import Settings
from ..store import Store, User, user_for_token

COOKIE = "journeymap_session"
CSRF_HEADER = "X-CSRF-Token"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class Sessions:
    """Signs and reads the session cookie: user id, the user's session epoch and a CSRF token.

    >>> sessions = Sessions(Settings(secret_key="k"))
    >>> payload = sessions.read(sessions.sign(7, 0, "t"))
    >>> payload["u"], payload["c"]
    (7, 't')
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.serializer = URLSafeTimedSerializer(settings.secret(), salt="journeymap-session")

    def sign(self, user_id: int, epoch: int, csrf: str) -> str:
        """Return the cookie value for a login."""
        return self.serializer.dumps({"u": user_id, "e": epoch, "c": csrf})

    def read(self, value: str) -> dict[str, Any] | None:
        """Return the payload of a valid, unexpired cookie, else ``None``."""
        try:
            return self.serializer.loads(value, max_age=self.settings.session_seconds)
        except BadSignature:
            return None

    def start(self, response: Response, user: User) -> str:
        """Set a fresh session cookie on ``response``; return its CSRF token."""
        csrf = secrets.token_urlsafe(24)
        response.set_cookie(
            COOKIE,
            self.sign(user.id, user.session_epoch, csrf),
            max_age=self.settings.session_seconds,
            httponly=True,
            samesite="lax",
            secure=self.settings.secure_cookies,
            path="/",
        )
        return csrf

    def end(self, response: Response) -> None:
        """Remove the session cookie."""
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=self.settings.secure_cookies)


class LoginLimiter:
    """Counts failed logins per (address, user name) and refuses more than allowed in a window.

    >>> limiter = LoginLimiter(attempts=2, window=60)
    >>> limiter.failed("10.0.0.1", "ana"); limiter.failed("10.0.0.1", "ana")
    >>> limiter.check("10.0.0.1", "ana")
    Traceback (most recent call last):
    journeymap.errors.TooManyAttempts: too many failed logins; wait 60 seconds and try again
    """

    def __init__(self, *, attempts: int, window: int) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, address: str, username: str) -> None:
        """Raise :class:`TooManyAttempts` when this address failed too often for this user."""
        with self._lock:
            failures = self._recent((address, username.lower()))
            if len(failures) >= self.attempts:
                raise TooManyAttempts(_("too many failed logins; wait {seconds} seconds and try again").format(seconds=self.window))

    def failed(self, address: str, username: str) -> None:
        """Count a failed login."""
        with self._lock:
            self._recent((address, username.lower())).append(time.monotonic())

    def succeeded(self, address: str, username: str) -> None:
        """Forget the failures of a user who logged in."""
        with self._lock:
            self._failures.pop((address, username.lower()), None)

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] < time.monotonic() - self.window:
            failures.popleft()
        return failures


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
    """FastAPI dependency: the calling user, who must be a server administrator."""
    user = signed_in(request)
    if not user.is_admin:
        raise PermissionDenied(_("only a server administrator may do this"))
    return user


def _token_user(request: Request, store: Store) -> User | None:
    scheme, _space, token = request.headers["authorization"].partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise NotAuthenticated(_("the Authorization header must be 'Bearer TOKEN'"))
    with store.reading() as session:
        user = user_for_token(session, token.strip())
    if user is None:
        raise NotAuthenticated(_("this API token is unknown or revoked; create one with POST /api/tokens"))
    return user


def _cookie_user(request: Request, store: Store) -> User | None:
    value = request.cookies.get(COOKIE)
    payload = request.app.state.sessions.read(value) if value else None
    if payload is None:
        return None
    with store.reading() as session:
        user = session.get(User, payload["u"])
    if user is None or not user.is_active or user.session_epoch != payload["e"]:
        return None
    if request.method not in _SAFE_METHODS and not secrets.compare_digest(request.headers.get(CSRF_HEADER, ""), payload["c"]):
        raise PermissionDenied(_("missing or wrong CSRF token: send the X-CSRF-Token header given at login"))
    request.state.csrf = payload["c"]
    return user
