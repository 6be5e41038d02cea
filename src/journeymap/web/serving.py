"""The HTTP protocol the server speaks: uvicorn's httptools parser, with Nagle's algorithm off on every connection.

httptools (the parser of Node.js, in C) and uvloop are what uvicorn's
``standard`` install uses; the pure-Python h11 parser cost the live editing
bench about a third of the server's CPU per batch.

A server process started by ``journeymap serve --workers N`` receives its
listening socket from the parent, rebuilt without its protocol number, and
asyncio then leaves Nagle's algorithm on for the connections it accepts: every
answer written in two parts (head, then body) waits for the client's delayed
acknowledgement, about 40 ms on Linux. :class:`Protocol` turns it off itself.
``journeymap serve`` passes it to uvicorn as ``http=PROTOCOL``.
"""

from __future__ import annotations

import asyncio
import socket
from typing import TYPE_CHECKING, Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.supervisors import Multiprocess

from ..workers import AppFactory

if TYPE_CHECKING:
    from ..settings import Settings

PROTOCOL = "journeymap.web.serving:Protocol"
"""How uvicorn's ``http`` option names :class:`Protocol` (server processes import it by name)."""


class Protocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, sending each write at once (``TCP_NODELAY``) on TCP connections."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Turn Nagle's algorithm off, then serve the connection as uvicorn does."""
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def serve_workers(settings: Settings, **options: Any) -> None:
    """Serve the app in ``settings.workers`` processes, each building it from ``settings`` (:class:`~journeymap.workers.AppFactory`).

    The signing key is fixed first, so that every process signs sessions with
    the same one. ``options`` are uvicorn's.
    """
    factory = AppFactory(settings.model_dump() | {"secret_key": settings.secret()})
    config = uvicorn.Config(factory, factory=True, workers=settings.workers, **options)
    listening = config.bind_socket()
    try:
        Multiprocess(config, sockets=[listening]).run()
    finally:
        listening.close()
