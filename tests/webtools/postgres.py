"""A throwaway PostgreSQL server for the tests, from Debian's binaries, run as ``nobody``."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")


class Postgres:
    """Starts ``postgres`` in a temporary folder on a free port; ``database()`` makes a fresh one."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="journeymap-pg-"))
        self.port = free_port()
        self.data = self.folder / "data"

    def start(self) -> None:
        shutil.chown(self.folder, "nobody", "nogroup")
        self._run(BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"
        self._run(BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w", "start")

    def database(self) -> str:
        """Create an empty database; return its URL."""
        import psycopg

        name = "t" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self._run(BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, *command: object, check: bool = True) -> None:
        subprocess.run(["runuser", "-u", "nobody", "--", *map(str, command)], check=check, capture_output=True, timeout=120)


def free_port() -> int:
    """Return a TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
