"""Uploaded data sources (event logs, feedback): streamed to the data folder with size and SHA-256."""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UploadTooLarge
from ..i18n import gettext as _
from .tables import DataSource, User, fetch


class Upload:
    """A file being received chunk by chunk: never held in memory, removed unless finished.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> upload = Upload(folder, limit=10)
    >>> upload.write(b"user_id,")
    >>> upload.finish().size
    8
    """

    def __init__(self, data_dir: Path, *, limit: int) -> None:
        self.folder = Path(data_dir) / "sources"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.limit = limit
        self.size = 0
        self.sha256 = ""
        self.name = ""
        self._hash = hashlib.sha256()
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".upload-", suffix=".part")
        self._stream = os.fdopen(handle, "wb")
        self._temporary = Path(temporary)

    def write(self, chunk: bytes) -> None:
        """Append a chunk; raise :class:`UploadTooLarge` (and drop the file) past the limit."""
        self.expect(self.size + len(chunk))
        self.size += len(chunk)
        self._hash.update(chunk)
        self._stream.write(chunk)

    def expect(self, size: int) -> None:
        """Raise :class:`UploadTooLarge` (and drop the file) if ``size`` bytes are over the limit."""
        if size > self.limit:
            self.abort()
            raise UploadTooLarge(_("the upload is larger than the limit of {limit} bytes; raise JOURNEYMAP_MAX_UPLOAD_BYTES or upload less").format(limit=self.limit))

    def finish(self) -> "Upload":
        """Flush the file to disk and move it to its final name in the data folder."""
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._stream.close()
        self.sha256 = self._hash.hexdigest()
        self.name = secrets.token_hex(12)
        os.replace(self._temporary, self.folder / self.name)
        return self

    def abort(self) -> None:
        """Drop what was received."""
        self._stream.close()
        self._temporary.unlink(missing_ok=True)


def add_source(session: Session, workspace_id: int, upload: Upload, *, name: str, content_type: str, author: User) -> DataSource:
    """Record a finished upload as a data source of the workspace."""
    source = DataSource(
        workspace_id=workspace_id,
        name=name,
        path=upload.name,
        content_type=content_type,
        size=upload.size,
        sha256=upload.sha256,
        uploaded_by=author.id,
    )
    session.add(source)
    session.flush()
    return source


def get_source(session: Session, source_id: int) -> DataSource:
    """Return a data source; raise :class:`NotFound` if none."""
    return fetch(session, DataSource, source_id, _("no data source {id}").format(id=source_id))


def sources(session: Session, workspace_id: int) -> list[DataSource]:
    """Return a workspace's data sources, newest first."""
    return list(session.scalars(select(DataSource).where(DataSource.workspace_id == workspace_id).order_by(DataSource.id.desc())))


def source_path(data_dir: Path, source: DataSource) -> Path:
    """Return where the source's file lies on disk."""
    return Path(data_dir) / "sources" / source.path
