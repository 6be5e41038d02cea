"""Persona photos uploaded to the server: kept in the data folder, one folder per workspace.

A workspace's folder plays the part of a map file's folder: a persona's
``photo`` (``photos/<sha256>.png``) is relative to it, as it would be to the
map file on a laptop.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import NotFound
from ..files import write_atomically
from ..files.pictures import checked_photo, photo_name
from ..i18n import gettext as _

PHOTO_FILE = re.compile(r"[0-9a-f]{64}\.(png|jpg|webp)")
"""The name of a kept photo: its SHA-256 and its kind."""


def workspace_folder(data_dir: Path, workspace_id: int) -> Path:
    """Return the folder a workspace's photos are relative to.

    >>> workspace_folder(Path("data"), 3).as_posix()
    'data/workspaces/3'
    """
    return Path(data_dir) / "workspaces" / str(workspace_id)


def keep_photo(data_dir: Path, workspace_id: int, data: bytes) -> str:
    """Check an uploaded photo, keep it in the workspace's folder, and return its path for ``persona.photo``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> keep_photo(folder, 1, b"\\x89PNG\\r\\n\\x1a\\n")
    'photos/4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6.png'
    """
    name = photo_name(data, checked_photo(data))
    path = workspace_folder(data_dir, workspace_id) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    return name


def photo_path(data_dir: Path, workspace_id: int, file_name: str) -> Path:
    """Return where a kept photo lies; raise :class:`NotFound` for a name that is not one or a missing file."""
    path = workspace_folder(data_dir, workspace_id) / "photos" / file_name
    if not PHOTO_FILE.fullmatch(file_name) or not path.is_file():
        raise NotFound(_("no photo {name} in this workspace").format(name=file_name))
    return path
