"""Files to and from a server: ``push`` a map file, ``pull`` a map into one with its persona photos (httpx, API token)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import httpx

from .. import files
from ..errors import JourneymapError, NotAuthenticated
from ..files.pictures import checked_photo, photo_name
from ..files.source import map_format
from ..i18n import gettext as _
from ..store.photos import PHOTO_FILE


@dataclass(frozen=True)
class Pulled:
    """What ``pull`` wrote: the map file and the persona photos beside it."""

    path: Path
    photos: list[Path] = field(default_factory=list)


def push(path: str | Path, *, server: str, token: str, map_id: str | None = None, workspace: int | None = None, message: str = "") -> dict[str, Any]:
    """Send a map file to the server: a new version of ``map_id``, or a new map in ``workspace``.

    Returns the server's answer (id, version...). A newer version on the
    server than the one pushed over raises :class:`~journeymap.errors.VersionConflict`'s message.
    """
    journey = files.load(path)
    document = files.dumps(journey, format="json")
    with _client(server, token) as client:
        if map_id is None:
            target = workspace if workspace is not None else _first_workspace(client)
            answer = _send(client, "POST", f"/api/workspaces/{target}/maps/import", content=document, headers={"Content-Type": "application/json"})
        else:
            current = _send(client, "GET", f"/api/maps/{map_id}")
            headers = {"Content-Type": "application/json", "If-Match": current.headers["etag"]}
            answer = _send(client, "PUT", f"/api/maps/{map_id}", params={"message": message}, content=document, headers=headers)
        return answer.json()


def pull(map_id: str, path: str | Path, *, server: str, token: str) -> Pulled:
    """Write the server's current version of a map to ``path`` (YAML or JSON by its extension), atomically,
    and its persona photos beside it where their ``photo`` paths say (``photos/<sha256>.png``), as the
    poster and PDF look for them. Nothing is written unless the map and every photo arrived."""
    path = Path(path)
    with _client(server, token) as client:
        answer = _send(client, "GET", f"/api/maps/{map_id}/export", params={"format": map_format(path, None)})
        journey = _send(client, "GET", f"/api/maps/{map_id}").json()["journey"]
        photos = {relative: _photo(client, map_id, relative) for relative in _photo_paths(journey)}
    written = []
    for relative, data in photos.items():
        target = path.parent / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomically(target, data)
        written.append(target)
    files.write_atomically(path, answer.content)
    return Pulled(path, written)


def _photo_paths(journey: dict[str, Any]) -> list[str]:
    """Return the persona photos of a map the server keeps: ``photos/<sha256>.<kind>``, each once.

    >>> _photo_paths({"personas": [{"photo": "photos/" + "a" * 64 + ".png"}, {"photo": "../x.png"}, {}]})
    ['photos/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.png']
    """
    found = [str(persona.get("photo") or "") for persona in journey.get("personas", [])]
    return list(dict.fromkeys(photo for photo in found if PurePosixPath(photo).parent == PurePosixPath("photos") and PHOTO_FILE.fullmatch(PurePosixPath(photo).name)))


def _photo(client: httpx.Client, map_id: str, relative: str) -> bytes:
    """Return a persona photo's bytes, checked to be the picture its name (its SHA-256) says."""
    data = _send(client, "GET", f"/api/maps/{map_id}/{relative}").content
    if photo_name(data, checked_photo(data)) != relative:
        raise JourneymapError(_("the server sent a photo that does not match its name {name}; pull again").format(name=relative))
    return data


def _client(server: str, token: str) -> httpx.Client:
    if not token:
        raise NotAuthenticated(_("pass --token (or set JOURNEYMAP_TOKEN); create a token with POST /api/tokens"))
    return httpx.Client(base_url=server.rstrip("/"), headers={"Authorization": f"Bearer {token}"}, timeout=60)


def _first_workspace(client: httpx.Client) -> int:
    workspaces = _send(client, "GET", "/api/workspaces").json()["workspaces"]
    if not workspaces:
        raise JourneymapError(_("you belong to no workspace on this server; ask its owner to add you"))
    return workspaces[0]["id"]


def _send(client: httpx.Client, method: str, url: str, **options: Any) -> httpx.Response:
    try:
        answer = client.request(method, url, **options)
    except httpx.HTTPError as error:
        raise JourneymapError(_("cannot reach the server {server}: {reason}").format(server=client.base_url, reason=error)) from None
    if answer.is_success:
        return answer
    try:
        message = answer.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        message = answer.text[:200]
    failure = JourneymapError(_("the server answered {status}: {message}").format(status=answer.status_code, message=message))
    failure.status_code = answer.status_code
    raise failure
