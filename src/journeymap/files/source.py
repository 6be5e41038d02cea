"""Reading a map file's text safely: present, not too large, not binary, UTF-8."""

from __future__ import annotations

from pathlib import Path

from ..errors import MapFileError
from ..i18n import gettext as _

MAX_MAP_BYTES = 20 * 1024 * 1024
"""A map file larger than this is refused (maps are text written by people)."""

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def map_format(path: Path, override: str | None = None) -> str:
    """Return ``"yaml"`` or ``"json"`` for a map path, by its extension or ``override``."""
    if override:
        if override not in FORMATS.values():
            raise MapFileError(_("unknown map format '{format}'; use yaml or json").format(format=override), path=path)
        return override
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        message = _("unknown map file extension '{suffix}'; use .yaml, .yml or .json").format(suffix=path.suffix or "(none)")
        raise MapFileError(message, path=path) from None


def read_map_text(path: Path) -> str:
    """Return the text of a map file, or raise a one-line :class:`MapFileError`."""
    if not path.exists():
        raise MapFileError(_("no such file; check the path"), path=path)
    if not path.is_file():
        raise MapFileError(_("not a file (a folder?); give the path of a .yaml or .json map"), path=path)
    size = path.stat().st_size
    if size > MAX_MAP_BYTES:
        message = _("file is {size} MB, over the {limit} MB limit for a map; is this an event log? use 'journeymap events'")
        raise MapFileError(message.format(size=round(size / 2**20), limit=MAX_MAP_BYTES // 2**20), path=path)
    data = path.read_bytes()
    if not data.strip():
        raise MapFileError(_("file is empty; start one with 'journeymap new'"), path=path)
    if b"\x00" in data[:8192]:
        raise MapFileError(_("binary file, not a map; a map is UTF-8 text (YAML or JSON)"), path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = _("not valid UTF-8 (byte {offset}); save the file as UTF-8").format(offset=error.start)
        raise MapFileError(message, path=path, line=line) from None
