"""Decompressing what a user sends, as a stream, with caps: no zip or gzip bomb fills memory or disk.

A gzip file of 0.2 MB can inflate to 100 MiB of zeros, a zip of 1 MB to
gigabytes. Every compressed input is read through :class:`Bounded`, which
counts what comes out and stops with a one-line :class:`DataSourceError` past
:data:`MAX_INFLATED_BYTES`, or once more than :data:`RATIO_FLOOR_BYTES` have
come out at more than :data:`MAX_RATIO` times the compressed size.
Temporary folders are named ``journeymap-<kind>-<pid>-...``, so a run killed
before it could remove its own is cleaned up by the next one
(:func:`scratch_folder`).

>>> import gzip, io
>>> bomb = gzip.compress(bytes(3 * 2**20))
>>> len(bomb) < 5_000
True
>>> Bounded(gzip.GzipFile(fileobj=io.BytesIO(bomb)), len(bomb), "bomb.csv.gz", limit=2**20).read()
Traceback (most recent call last):
...
journeymap.errors.DataSourceError: bomb.csv.gz: inflates to more than 1 MB; split it or send it uncompressed
"""

from __future__ import annotations

import atexit
import gzip
import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from .errors import DataSourceError
from .i18n import gettext as _

MAX_INFLATED_BYTES = 8 * 2**30
"""Bytes one compressed file (or archive member) may inflate to."""

MAX_RATIO = 50
"""How many times its compressed size a file may inflate to (text and event logs compress 3 to 20 times)."""

RATIO_FLOOR_BYTES = 4 * 2**20
"""The ratio is checked once this many bytes have come out: small files may compress as well as they like."""

CHUNK = 2**20


class Bounded(io.RawIOBase):
    """A readable stream over ``raw`` (a decompressing stream) that refuses to inflate past the caps."""

    def __init__(self, raw: io.BufferedIOBase | IO[bytes], compressed_size: int, name: str, *, limit: int = MAX_INFLATED_BYTES) -> None:
        self.raw, self.compressed_size, self.name, self.limit = raw, max(compressed_size, 1), name, limit
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(min(len(buffer), CHUNK))
        self.inflated += len(data)
        self._check()
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()

    def _check(self) -> None:
        if self.inflated > self.limit:
            message = _("{path}: inflates to more than {limit} MB; split it or send it uncompressed")
            raise DataSourceError(message.format(path=self.name, limit=self.limit // 2**20))
        if self.inflated > RATIO_FLOOR_BYTES and self.inflated > MAX_RATIO * self.compressed_size:
            message = _("{path}: inflates more than {ratio} times its compressed size (a compression bomb?); send it uncompressed")
            raise DataSourceError(message.format(path=self.name, ratio=MAX_RATIO))


def open_bytes(path: str | Path) -> IO[bytes]:
    """Return a binary stream of a file's content, inflated as it is read when the name ends in ``.gz``.

    >>> import gzip, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "log.csv.gz"
    >>> _ = path.write_bytes(gzip.compress(b"user_id,event\\n"))
    >>> open_bytes(path).read()
    b'user_id,event\\n'
    """
    path = Path(path)
    if path.suffix.lower() != ".gz":
        return open(path, "rb")
    return io.BufferedReader(Bounded(gzip.open(path, "rb"), path.stat().st_size, str(path)), CHUNK)


def extract_member(archive: zipfile.ZipFile, name: str, target: Path, source: str) -> None:
    """Copy one archive member to ``target`` as a stream, refusing a member that inflates past the caps."""
    info = archive.getinfo(name)
    with archive.open(info) as member, open(target, "wb") as out:
        shutil.copyfileobj(Bounded(member, info.compress_size, f"{source}:{name}"), out, CHUNK)


def check_archive(path: str | Path, *, limit: int = MAX_INFLATED_BYTES) -> None:
    """Refuse an archive (XLSX, zip) whose members declare more than ``limit`` bytes, or an absurd ratio.

    The sizes a member declares bound what :mod:`zipfile` will inflate, so checking them is enough.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    inflated = sum(info.file_size for info in members)
    compressed = sum(info.compress_size for info in members)
    if inflated > limit:
        message = _("{path}: inflates to more than {limit} MB; split it or send it uncompressed")
        raise DataSourceError(message.format(path=path, limit=limit // 2**20))
    if inflated > RATIO_FLOOR_BYTES and inflated > MAX_RATIO * max(compressed, 1):
        message = _("{path}: inflates more than {ratio} times its compressed size (a compression bomb?); send it uncompressed")
        raise DataSourceError(message.format(path=path, ratio=MAX_RATIO))


def scratch_folder(kind: str) -> Path:
    """Return a new temporary folder for ``kind``, removed at exit; first remove those a killed run left.

    >>> folder = scratch_folder("doctest")
    >>> folder.name.startswith(f"journeymap-doctest-{os.getpid()}-"), folder.is_dir()
    (True, True)
    """
    remove_stale(kind)
    folder = Path(tempfile.mkdtemp(prefix=f"journeymap-{kind}-{os.getpid()}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def remove_stale(kind: str, where: Path | None = None) -> list[Path]:
    """Remove the ``journeymap-<kind>-<pid>-...`` folders whose process is gone; return them."""
    where = where or Path(tempfile.gettempdir())
    removed = []
    for folder in where.glob(f"journeymap-{kind}-*-*"):
        pid = folder.name.removeprefix(f"journeymap-{kind}-").split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
