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
    └── MissingDependency     an optional extra or system program is missing
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
        where = [part for part in (self.path, self.line, self.column) if part is not None] if self.path else []
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
