"""Logging in and out, the caller's own account, API tokens, and users (administrators)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field, field_validator

from ..errors import InvalidRequest, NotAuthenticated
from ..i18n import LANGUAGES, gettext as _
from ..store import accounts, audit
from ..store.tables import User, isotime, utcnow
from .auth import admin, caller, client_address, in_person, refuse_cross_site, signed_in
from .context import user_json
from .templating import remember_language

router = APIRouter(prefix="/api", tags=["account"])


class Login(BaseModel):
    username: str = Field(max_length=80)
    password: str = Field(max_length=1000)


class AccountChange(BaseModel):
    language: str | None = Field(default=None, description="Language of the interface: " + ", ".join(LANGUAGES))
    password: str | None = Field(default=None, min_length=10, max_length=1000, description="A new password; needs current_password.")
    current_password: str | None = Field(default=None, max_length=1000)
    keep_tokens: bool = Field(default=False, description="Keep the API tokens alive through a password change (they are revoked otherwise).")

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        if value is not None and value not in LANGUAGES:
            raise ValueError(_("choose one of: {choices}").format(choices=", ".join(LANGUAGES)))
        return value


class TokenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="What the token is for, e.g. 'laptop push'.")
    scope: Literal["read", "write", "admin"] = Field(default="write", description="read: GET only; write: all but administration; admin: all you may do.")
    days: int | None = Field(default=90, ge=1, le=3650, description="Days until the token expires; null: never.")


class NewUser(BaseModel):
    username: str = Field(max_length=80)
    password: str | None = Field(default=None, min_length=10, max_length=1000, description="Left out: a random one is made and returned once.")
    admin: bool = False


@router.post("/login")
def login(credentials: Login, request: Request, response: Response) -> dict[str, Any]:
    """Log in with a user name and password; set the session cookie and return the CSRF token."""
    refuse_cross_site(request)
    limiter = request.app.state.limiter
    address = client_address(request)
    limiter.check(address, credentials.username)
    with request.app.state.store.writing() as session:
        user = accounts.authenticate(session, credentials.username, credentials.password)
        if user is not None:
            audit.record(session, user, "login")
    if user is None:
        limiter.failed(address, credentials.username)
        raise NotAuthenticated(_("wrong user name or password"))
    limiter.succeeded(address, credentials.username)
    csrf = request.app.state.sessions.start(request, response, user)
    remember_language(response, user.language)
    return {"user": user_json(user), "csrf_token": csrf}


@router.post("/logout")
def logout(request: Request, response: Response) -> dict[str, Any]:
    """End the session of this browser, on the server too (a cookie session must send its CSRF token)."""
    caller(request)
    request.app.state.sessions.end(request, response)
    return {"ok": True}


@router.get("/me")
def me(request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return the calling user (and the session's CSRF token when logged in by cookie)."""
    return {"user": user_json(user), "csrf_token": getattr(request.state, "csrf", None)}


@router.patch("/me")
def change_me(change: AccountChange, request: Request, response: Response, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Change the caller's interface language or password (a new password ends other sessions)."""
    with request.app.state.store.writing() as session:
        stored = session.get(User, user.id)
        if change.language is not None:
            stored.language = change.language
            remember_language(response, change.language)
        if change.password is not None:
            if accounts.authenticate(session, stored.username, change.current_password or "") is None:
                raise InvalidRequest(_("the current password is wrong"), field="current_password")
            accounts.set_password(session, stored, change.password)
            if not change.keep_tokens:
                accounts.revoke_tokens_of(session, stored)
            audit.record(session, stored, "password_changed")
    return {"user": user_json(stored)}


@router.get("/tokens")
def list_tokens(request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the caller's live API tokens (names and dates; the tokens themselves are not kept)."""
    with request.app.state.store.reading() as session:
        found = accounts.tokens(session, user)
    return {"tokens": [{"id": token.id, "name": token.name, "scope": token.scope, "created_at": isotime(token.created_at), "expires_at": isotime(token.expires_at)} for token in found]}


@router.post("/tokens", status_code=201)
def create_token(request_body: TokenRequest, request: Request, user: User = Depends(in_person)) -> dict[str, Any]:
    """Create an API token (logged in by password: a token cannot mint tokens); the answer holds the token, shown this once."""
    expires_at = utcnow() + timedelta(days=request_body.days) if request_body.days else None
    with request.app.state.store.writing() as session:
        token, text = accounts.add_token(session, user, request_body.name, scope=request_body.scope, expires_at=expires_at)
        audit.record(session, user, "token_created", target=str(token.id), name=token.name)
    return {"id": token.id, "name": token.name, "scope": token.scope, "expires_at": isotime(token.expires_at), "token": text}


@router.delete("/tokens/{token_id}")
def revoke_token(token_id: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Revoke one of the caller's API tokens."""
    with request.app.state.store.writing() as session:
        accounts.revoke_token(session, user, token_id)
        audit.record(session, user, "token_revoked", target=str(token_id))
    return {"ok": True}


@router.get("/users")
def list_users(request: Request, user: User = Depends(admin)) -> dict[str, Any]:
    """List every user (administrators only)."""
    with request.app.state.store.reading() as session:
        return {"users": [user_json(found) for found in accounts.users(session)]}


@router.post("/users", status_code=201)
def create_user(new: NewUser, request: Request, user: User = Depends(admin)) -> dict[str, Any]:
    """Create a user (administrators only); the answer holds the password, shown this once."""
    with request.app.state.store.writing() as session:
        created, password = accounts.add_user(session, new.username, new.password, admin=new.admin)
        audit.record(session, user, "user_created", target=created.username)
    return {"user": user_json(created), "password": password}
