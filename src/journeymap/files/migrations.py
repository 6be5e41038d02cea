"""Upgrading map files written by older versions of the file format.

Each entry of ``MIGRATIONS`` takes a document of version ``n`` and returns
one of version ``n + 1``. Version 1 is the first; none is needed yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import MapFileError
from ..i18n import gettext as _
from ..model import SCHEMA_VERSION

Document = dict[str, Any]

MIGRATIONS: dict[int, Callable[[Document], Document]] = {}


def migrate(document: Document, path: str | None = None) -> Document:
    """Return ``document`` upgraded to the current schema version."""
    version = document.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MapFileError(_("must be a whole number from 1"), path=path, field="schema_version")
    if version > SCHEMA_VERSION:
        message = _("written for schema version {version}, newer than this journeymap reads ({supported}); upgrade journeymap")
        raise MapFileError(message.format(version=version, supported=SCHEMA_VERSION), path=path, field="schema_version")
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
        document["schema_version"] = version
    return document
