"""Persona photos: which pictures are allowed (known by their bytes, not their names) and embedding them.

A persona's ``photo`` is a path relative to the map's folder, such as
``photos/3f…a1.png``. The poster needs nothing from the network, so before
drawing it the photos are read and put in the map as ``data:`` addresses.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from ..errors import UnsupportedMediaType, UploadTooLarge
from ..i18n import gettext as _
from ..model import Journey

PHOTO_LIMIT = 2 * 1024 * 1024
"""The largest photo, in bytes (2 MiB)."""

MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
"""The picture formats a photo may be in, by the extension it is stored with."""


def picture_kind(data: bytes) -> str | None:
    """Return the extension of a PNG, JPEG or WebP picture from its first bytes, or None.

    >>> picture_kind(b"\\x89PNG\\r\\n\\x1a\\n...."), picture_kind(b"RIFF\\x00\\x00\\x00\\x00WEBPVP8 "), picture_kind(b"<svg/>")
    ('png', 'webp', None)
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def checked_photo(data: bytes, *, limit: int = PHOTO_LIMIT) -> str:
    """Return the extension of an uploaded photo; raise a one-line error naming the fix otherwise.

    >>> checked_photo(b"\\xff\\xd8\\xff\\xe0 a JPEG")
    'jpg'
    >>> checked_photo(b"<?xml version='1.0'?><svg onload='alert(1)'/>")
    Traceback (most recent call last):
    journeymap.errors.UnsupportedMediaType: SVG pictures are refused because they can carry script; upload a PNG, JPEG or WebP photo
    """
    if len(data) > limit:
        raise too_large(limit)
    kind = picture_kind(data)
    if kind is not None:
        return kind
    if b"<svg" in data[:4096].lower():
        raise UnsupportedMediaType(_("SVG pictures are refused because they can carry script; upload a PNG, JPEG or WebP photo"))
    raise UnsupportedMediaType(_("this file is not a PNG, JPEG or WebP picture; upload a photo in one of those formats"))


def too_large(limit: int = PHOTO_LIMIT) -> UploadTooLarge:
    """Return the error of a photo over ``limit`` bytes.

    >>> too_large().message
    'the photo is larger than 2 MB; make it smaller and upload it again'
    """
    return UploadTooLarge(_("the photo is larger than {limit} MB; make it smaller and upload it again").format(limit=limit // (1024 * 1024)))


def photo_name(data: bytes, kind: str) -> str:
    """Return the path a photo is kept under: named by its SHA-256, so the same picture is kept once.

    >>> photo_name(b"abc", "png")
    'photos/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.png'
    """
    return f"photos/{hashlib.sha256(data).hexdigest()}.{kind}"


def data_address(path: Path) -> str | None:
    """Return a picture file as a ``data:`` address, or None when it is missing or not a PNG, JPEG or WebP."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    kind = picture_kind(data)
    return "data:{type};base64,{data}".format(type=MEDIA_TYPES[kind], data=base64.b64encode(data).decode("ascii")) if kind else None


def with_photos(journey: Journey, folder: Path) -> Journey:
    """Return a copy of ``journey`` whose persona photos, read from ``folder``, are ``data:`` addresses.

    A photo that is missing, outside ``folder`` or not a picture is left out.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "olga.png").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n")
    >>> shop = Journey(title="Shop", personas=[{"name": "Olga", "photo": "olga.png"}, {"name": "Ivan", "photo": "../x.png"}])
    >>> [persona.photo[:22] for persona in with_photos(shop, folder).personas]
    ['data:image/png;base64,', '']
    """
    root = folder.resolve()
    personas = []
    for persona in journey.personas:
        path = (root / persona.photo).resolve()
        inside = bool(persona.photo) and not persona.photo.startswith("data:") and path.is_relative_to(root)
        personas.append(persona.model_copy(update={"photo": (data_address(path) or "") if inside else ""}))
    return journey.model_copy(update={"personas": personas})
