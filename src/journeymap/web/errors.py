"""The one JSON error envelope, ``{"error": {"code", "message", "field"}}``, and its handlers."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import JourneymapError, VersionConflict
from ..files.locations import field_path
from ..i18n import gettext as _

log = logging.getLogger("journeymap.web")

_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "upload_too_large",
    415: "unsupported_media_type",
}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """Return the body of every error response.

    >>> error_body("not_found", "no map x")
    {'error': {'code': 'not_found', 'message': 'no map x', 'field': None}}
    """
    return {"error": {"code": code, "message": message, "field": field}}


def error_code(error: JourneymapError) -> str:
    """Return the snake-case code of an error class: ``VersionConflict`` → ``version_conflict``.

    >>> error_code(VersionConflict("changed", current=3))
    'version_conflict'
    """
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(error).__name__).lower().removesuffix("_error") or "error"


def install(app: FastAPI) -> None:
    """Make every error of ``app`` answer with the envelope."""
    app.add_exception_handler(JourneymapError, _journeymap_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _request_error)
    app.add_exception_handler(Exception, _internal_error)


async def _journeymap_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, JourneymapError)
    body = error_body(error_code(error), error.message, getattr(error, "field", None))
    headers = {}
    if isinstance(error, VersionConflict):
        body["current"] = {"version": error.current}
        headers["ETag"] = f'"{error.current}"'
    return JSONResponse(body, status_code=error.status_code, headers=headers)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    code = _HTTP_CODES.get(error.status_code, "http_error")
    message = error.detail if isinstance(error.detail, str) else code.replace("_", " ")
    return JSONResponse(error_body(code, message), status_code=error.status_code, headers=getattr(error, "headers", None))


async def _request_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0]
    if first.get("type") == "json_invalid":
        message = _("invalid JSON at character {position}: {reason}").format(position=first["loc"][-1], reason=first.get("ctx", {}).get("error", ""))
        return JSONResponse(error_body("invalid_json", message), status_code=400)
    if first.get("loc", ("",))[0] == "body" and isinstance(first.get("input"), bytes):
        message = _("send the body as application/json, not {type}").format(type=request.headers.get("content-type", "nothing"))
        return JSONResponse(error_body("unsupported_media_type", message), status_code=415)
    location = [part for part in first.get("loc", ()) if part not in ("body", "query", "path", "header")]
    field = field_path(tuple(location)) or None
    message = _("{field}: {reason}").format(field=field, reason=first.get("msg", "")) if field else str(first.get("msg", ""))
    return JSONResponse(error_body("invalid_request", message, field), status_code=422)


async def _internal_error(request: Request, error: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return JSONResponse(error_body("internal_error", _("internal error; the server log has the details")), status_code=500)
