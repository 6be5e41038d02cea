"""Uploaded data sources (event logs, feedback): streamed to the data folder with size and SHA-256."""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import Conflict, NotFound, QuotaExceeded, UploadTooLarge
from ..i18n import gettext as _
from .tables import AnalysisRun, DataSource, User, fetch


@dataclass(frozen=True)
class Quota:
    """A workspace's storage: its quota in bytes (0: none) and what its data sources take.

    >>> Quota(limit=100, used=60).left, Quota(limit=0, used=60).left
    (40, None)
    """

    limit: int
    used: int

    @property
    def left(self) -> int | None:
        """Bytes the workspace may still take, ``None`` without a quota."""
        return max(self.limit - self.used, 0) if self.limit else None

    def check(self, size: int) -> None:
        """Raise :class:`QuotaExceeded` if ``size`` more bytes would take the workspace over its quota."""
        if self.left is not None and size > self.left:
            raise QuotaExceeded(
                _("the upload would take the workspace over its quota of {quota} bytes ({used} bytes used); delete sources or ask the administrator to raise JOURNEYMAP_WORKSPACE_QUOTA_BYTES").format(
                    quota=self.limit, used=self.used
                )
            )


class Upload:
    """A file being received chunk by chunk: never held in memory, removed unless finished.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> upload = Upload(folder, limit=10)
    >>> upload.write(b"user_id,")
    >>> upload.finish().size
    8
    """

    def __init__(self, data_dir: Path, *, limit: int, quota: Quota | None = None) -> None:
        self.folder = Path(data_dir) / "sources"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.limit = limit
        self.quota = quota or Quota(limit=0, used=0)
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
        """Raise :class:`UploadTooLarge` (and drop the file) if ``size`` bytes are over the limit or the workspace's quota."""
        try:
            if size > self.limit:
                raise UploadTooLarge(_("the upload is larger than the limit of {limit} bytes; raise JOURNEYMAP_MAX_UPLOAD_BYTES or upload less").format(limit=self.limit))
            self.quota.check(size)
        except UploadTooLarge:
            self.abort()
            raise

    def finish(self) -> Upload:
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


def add_source(session: Session, workspace_id: int, upload: Upload, *, name: str, content_type: str, author: User, quota: int = 0) -> DataSource:
    """Record a finished upload as a data source of the workspace, within its ``quota`` of bytes (0: none).

    The quota is checked again here, in the write transaction, so two uploads
    at once cannot both take the last free bytes; the refused file is removed.
    """
    try:
        Quota(limit=quota, used=used_bytes(session, workspace_id)).check(upload.size)
    except QuotaExceeded:
        (upload.folder / upload.name).unlink(missing_ok=True)
        raise
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


def source_in(session: Session, workspace_id: int, source_id: int) -> DataSource:
    """Return a data source of this workspace; raise :class:`NotFound` if none (a source of another workspace is none)."""
    source = session.get(DataSource, source_id)
    if source is None or source.workspace_id != workspace_id:
        raise NotFound(_("no data source {id}").format(id=source_id))
    return source


def delete_source(session: Session, data_dir: Path, source: DataSource) -> Path:
    """Delete a data source's row; return its file, to remove once the transaction commits.

    Analysis runs that used it keep their results; their ``source_id`` becomes null.
    Raise :class:`Conflict` while a queued or running analysis still reads it.
    """
    reading = session.scalar(select(AnalysisRun.id).where(AnalysisRun.source_id == source.id, AnalysisRun.status.in_(("queued", "running"))).limit(1))
    if reading is not None:
        raise Conflict(_("analysis run {run} is still reading {name}; delete it once the run has finished").format(run=reading, name=source.name))
    session.delete(source)
    session.flush()
    return source_path(data_dir, source)


def used_bytes(session: Session, workspace_id: int) -> int:
    """Return the bytes a workspace's data sources take."""
    return int(session.execute(select(func.coalesce(func.sum(DataSource.size), 0)).where(DataSource.workspace_id == workspace_id)).scalar_one())


def sources(session: Session, workspace_id: int) -> list[DataSource]:
    """Return a workspace's data sources, newest first."""
    return list(session.scalars(select(DataSource).where(DataSource.workspace_id == workspace_id).order_by(DataSource.id.desc())))


def source_path(data_dir: Path, source: DataSource) -> Path:
    """Return where the source's file lies on disk."""
    return Path(data_dir) / "sources" / source.path
