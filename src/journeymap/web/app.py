"""``create_app(settings)``: the FastAPI application over a store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI

from .. import __version__
from ..settings import Settings
from ..store import Store, runs as stored_runs
from . import (
    api_account,
    api_binding,
    api_check,
    api_comments,
    api_live,
    api_maps,
    api_parts,
    api_photos,
    api_revisions,
    api_runs,
    api_shares,
    api_workspaces,
    compare,
    docs,
    errors,
    pages,
    shared_pages,
)
from .auth import LoginLimiter, Sessions
from .jobs import Runner, load_plugins
from .limits import BodyLimit
from .live import LiveHub
from .middleware import HttpMiddleware
from .templating import RequestLanguage

SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """Return the journeymap web application; the database is upgraded to the current schema first.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> app = create_app(Settings(db=f"sqlite:///{folder}/team.db", data_dir=folder))
    >>> app.openapi()["info"]["title"]
    'journeymap'
    """
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = store or Store(settings.db, data_dir=settings.data_dir)
    store.upgrade()
    with store.writing() as session:
        stored_runs.fail_unfinished(session)
    load_plugins()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = settings.threads
        await app.state.live.start()
        yield
        await app.state.live.stop()
        app.state.runner.shutdown()
        store.close()

    app = FastAPI(title="journeymap", version=__version__, docs_url=None, redoc_url=None, openapi_url="/api/openapi.json", lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.sessions = Sessions(settings)
    app.state.limiter = LoginLimiter(store, attempts=settings.login_attempts, account_attempts=settings.login_account_attempts, window=settings.login_window_seconds)
    app.state.live = LiveHub(store)
    app.state.runner = Runner(store, workers=settings.job_workers, publish=app.state.live.publish)
    errors.install(app)
    for module in (api_account, api_workspaces, api_maps, api_shares, api_revisions, api_comments, api_runs, api_photos, api_check, api_live, api_parts, api_binding, docs):
        app.include_router(module.router)
    app.include_router(api_runs.charts)
    pages.install(app)
    app.include_router(compare.router)
    app.include_router(shared_pages.router)
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestLanguage)
    return app


class SecurityHeaders(HttpMiddleware):
    """ASGI middleware adding the security headers (CSP without inline script, framing, referrer) to every answer that has not set its own."""

    async def http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                own = {name.lower() for name, _value in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(header for header in SECURITY_HEADERS if header[0] not in own)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
