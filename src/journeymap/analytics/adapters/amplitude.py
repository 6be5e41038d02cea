"""Amplitude export: a .zip of ``<project>/<project>_<date>#<n>.json.gz`` files of JSON lines.

Fields used: ``user_id`` (else ``device_id``), ``event_type``, ``event_time``
(UTC), the top-level device and place fields and ``event_properties``.
"""

from __future__ import annotations

import zipfile

import ibis
import ibis.expr.types as ir

from ...errors import DataSourceError
from ...i18n import gettext as _
from ...inflate import extract_member, scratch_folder
from ._common import first_present, read_json_lines, require, struct_fields

KEEP = ("platform", "os_name", "device_type", "country", "city", "language", "app_version", "session_id")


def read(con: ibis.BaseBackend, path: str) -> ir.Table:
    """Return an Amplitude export as a log table."""
    raw = read_json_lines(con, _unzipped(path) if path.endswith(".zip") else path)
    require(raw, path, "Amplitude", "event_type", "event_time")
    keep = {name: raw[name] for name in KEEP if name in raw.columns}
    return raw.select(
        user_id=first_present(raw, "user_id", "device_id"),
        event=raw.event_type,
        timestamp=raw.event_time,
        **keep,
        **struct_fields(raw, "event_properties"),
    )


def _unzipped(path: str) -> str:
    folder = scratch_folder("amplitude")  # removed at exit: the engine reads the files lazily, until the log is parsed
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if name.endswith((".json.gz", ".json"))]
            for index, name in enumerate(names):
                extract_member(archive, name, folder / f"part-{index}.json{'.gz' if name.endswith('.gz') else ''}", path)
    except zipfile.BadZipFile:
        raise DataSourceError(_("{path}: not a zip archive; pass Amplitude's export .zip or its JSON files").format(path=path)) from None
    if not names:
        raise DataSourceError(_("{path}: the archive holds no .json.gz files").format(path=path))
    suffix = ".json.gz" if names[0].endswith(".gz") else ".json"
    return str(folder / f"part-*{suffix}")
