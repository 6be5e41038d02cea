"""Body limits: every request body over its endpoint's limit is refused with 413 before it is read.

Uploads of data sources may be as large as ``max_upload_bytes``, persona
photos as :data:`~journeymap.files.pictures.PHOTO_LIMIT`, maps (and their
parts, comments, imports) as :data:`~journeymap.files.MAX_MAP_BYTES`; every
other body (logins, settings, tokens, forms) as ``max_json_bytes``. A body
that declares a larger ``Content-Length`` is answered at once; one sent in
chunks is counted as it arrives and stopped at the limit.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.exceptions import HTTPException

from ..files import MAX_MAP_BYTES
from ..files.pictures import PHOTO_LIMIT
from ..i18n import gettext as _
from ..settings import Settings
from .errors import error_body
from .middleware import HttpMiddleware

PHOTO_SLACK = 1024 * 1024
"""Photos over their limit by less than this reach the photo check, whose message says how big a photo may be."""

_MAP_PATHS = re.compile(r"^/api/(maps/|convert|workspaces/\d+/maps)")


def body_limit(path: str, settings: Settings) -> int:
    """Return the largest body, in bytes, a request to ``path`` may send.

    >>> settings = Settings(max_upload_bytes=100_000, max_json_bytes=2048)
    >>> body_limit("/api/workspaces/3/sources", settings), body_limit("/api/login", settings)
    (100000, 2048)
    >>> body_limit("/api/maps/shop", settings) == MAX_MAP_BYTES
    True
    """
    if path.startswith("/api/workspaces/") and path.endswith("/sources"):
        return settings.max_upload_bytes
    if path.endswith("/photos"):
        return PHOTO_LIMIT + PHOTO_SLACK
    if _MAP_PATHS.match(path):
        return MAX_MAP_BYTES
    return settings.max_json_bytes


class BodyLimit(HttpMiddleware):
    """ASGI middleware answering 413 to a body over its endpoint's :func:`body_limit`, before reading it."""

    def __init__(self, app: Any, settings: Settings) -> None:
        super().__init__(app)
        self.settings = settings

    async def http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        limit = body_limit(scope["path"], self.settings)
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        received = 0

        async def counted() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, detail=_too_large(limit))
            return message

        await self.app(scope, counted, send)


def _too_large(limit: int) -> str:
    return _("the request body is over this endpoint's limit of {limit} bytes").format(limit=limit)


async def _refuse(send: Any, limit: int) -> None:
    body = json.dumps(error_body("upload_too_large", _too_large(limit))).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
