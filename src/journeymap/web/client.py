"""Files to and from a server: ``push`` a map file, ``pull`` a map into one (httpx, API token)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from .. import files
from ..errors import JourneymapError, NotAuthenticated
from ..files.source import map_format
from ..i18n import gettext as _


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


def pull(map_id: str, path: str | Path, *, server: str, token: str) -> Path:
    """Write the server's current version of a map to ``path`` (YAML or JSON by its extension), atomically."""
    path = Path(path)
    with _client(server, token) as client:
        answer = _send(client, "GET", f"/api/maps/{map_id}/export", params={"format": map_format(path, None)})
    files.write_atomically(path, answer.content)
    return path


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
    error = JourneymapError(_("the server answered {status}: {message}").format(status=answer.status_code, message=message))
    error.status_code = answer.status_code
    raise error
