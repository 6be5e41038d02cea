"""The base of the app's ASGI middlewares: each acts on HTTP requests; other traffic (lifespan) passes through."""

from __future__ import annotations

from typing import Any


class HttpMiddleware:
    """An ASGI middleware whose :meth:`http` handles each HTTP request; subclasses say what it does.

    >>> class Hello(HttpMiddleware):
    ...     async def http(self, scope, receive, send):
    ...         await self.app(scope, receive, send)
    >>> Hello(app=None).app is None
    True
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Handle one HTTP request (``scope``, ``receive`` and ``send`` as ASGI gives them)."""
        raise NotImplementedError
