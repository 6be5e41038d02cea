"""The exceptions journeymap raises for a user's mistake.

Every error carries a one-line, user-facing message that says what is wrong
and, where it can, how to fix it. The CLI prints the message and exits with
code 2; the web API returns it as JSON with a 4xx status.

    JourneymapError
    ├── MapFileError          a map file cannot be read or is not a valid map
    │   └── MapValidationError    the map parsed, but breaks the model's rules
    ├── TemplateNotFound      no stage set or example of that name
    ├── DataSourceError       an event log or feedback file cannot be used
    ├── RenderError           a poster, table or chart cannot be produced
    ├── MissingDependency     an optional extra or system program is missing
    ├── InvalidRequest        a request's value cannot be used; ``field`` names it (400)
    ├── NotAuthenticated      the request carries no valid login or token (401)
    ├── PermissionDenied      the user's role does not allow the action (403)
    ├── NotFound              no such map, workspace, user... or not visible to the user (404)
    ├── Conflict              the change clashes with the stored state (409)
    │   └── VersionConflict       a write based on an old version of a map
    ├── PreconditionRequired  a write without the map version it was based on (428)
    ├── UploadTooLarge        an upload over the configured size limit (413)
    ├── UnsupportedMediaType  a body of a content type the endpoint does not take (415)
    └── TooManyAttempts       too many failed logins; wait and retry (429)
"""

from __future__ import annotations

from pathlib import Path


class JourneymapError(Exception):
    """Base class: a problem the user can fix, with a message saying how."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class MapFileError(JourneymapError):
    """A map file cannot be read: missing, empty, binary, too large, bad syntax."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.field = field
        self.reason = message
        self.problems: list[MapFileError] = [self]
        super().__init__(self._located(message))

    def _located(self, message: str) -> str:
        where = [part for part in (self.path, self.line, self.column) if part is not None]
        prefix = ":".join(str(part) for part in where)
        if self.field:
            message = f"{self.field}: {message}"
        return f"{prefix}: {message}" if prefix else message


class MapValidationError(MapFileError):
    """The map was parsed, but a field or a rule of the model is broken."""

    status_code = 422


class TemplateNotFound(JourneymapError):
    """No stage set or example map has that name."""

    status_code = 404


class DataSourceError(JourneymapError):
    """An event log or feedback file is missing, malformed or mostly bad rows."""


class RenderError(JourneymapError):
    """An output could not be produced (unknown format, browser failure)."""


class MissingDependency(JourneymapError):
    """An optional extra or system program is needed; the message says how to install it."""

    status_code = 501


class InvalidRequest(JourneymapError):
    """A value in a request cannot be used; ``field`` names it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotAuthenticated(JourneymapError):
    """The request carries no valid session or API token."""

    status_code = 401


class PermissionDenied(JourneymapError):
    """The user may see the thing but their role does not allow this action."""

    status_code = 403


class NotFound(JourneymapError):
    """No such thing, or the user may not know that it exists."""

    status_code = 404


class Conflict(JourneymapError):
    """The change clashes with what is stored (a name taken, a state already reached)."""

    status_code = 409


class VersionConflict(Conflict):
    """A write was based on an old version of a map; ``current`` is the stored version."""

    def __init__(self, message: str, *, current: int) -> None:
        super().__init__(message)
        self.current = current


class PreconditionRequired(JourneymapError):
    """A write did not say which version of the map it was based on."""

    status_code = 428


class UploadTooLarge(JourneymapError):
    """An upload exceeds the configured size limit."""

    status_code = 413


class QuotaExceeded(UploadTooLarge):
    """An upload would take its workspace over its storage quota."""


class UnsupportedMediaType(JourneymapError):
    """The request body has a content type this endpoint does not accept."""

    status_code = 415


class TooManyAttempts(JourneymapError):
    """Too many failed logins from one address for one user; retry later."""

    status_code = 429
