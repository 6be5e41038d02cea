"""The team server under load: many clients editing a few maps over loopback.

A ``journeymap serve`` process runs on a temporary SQLite file (or the
database in ``JOURNEYMAP_BENCH_DB``). Each client loops: read a random map,
add one idea to a step, save it with ``If-Match``; a 409 means someone saved
first, so it reads again and retries. At the end every acknowledged idea must
be in its map: any missing one is a lost update.

Figures: saves and requests per second, p50/p95 latency, conflicts, lost
updates, 5xx answers. Sizes come from ``BENCH_SERVER_CLIENTS`` (200),
``BENCH_SERVER_MAPS`` (20), ``BENCH_SERVER_SECONDS`` (60) and
``BENCH_SERVER_WORKERS`` (1 server process), or the options of
``python bench/bench_server.py --clients N --maps N --seconds S --workers W``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from journeymap.model import Journey
from journeymap.store import Store, add_map, add_token, add_user, add_workspace


def prepare(db: str, data_dir: Path, maps: int, make: Callable[[int], Journey] | None = None) -> tuple[str, list[str]]:
    """Create a user with a token and ``maps`` maps (``make(n)``, else 5 stages x 4 steps); return the token and map ids."""
    store = Store(db, data_dir=data_dir)
    store.upgrade()
    with store.writing() as session:
        user, _ = add_user(session, "bench", "bench-password")
        workspace = add_workspace(session, "Bench", user)
        ids = [add_map(session, workspace.id, (make or sample_map)(n), author=user).id for n in range(maps)]
        token = add_token(session, user, "bench")[1]
    store.close()
    return token, ids


def sample_map(number: int) -> Journey:
    stages = [{"name": f"Stage {s}", "steps": [{"name": f"Step {s}.{k}", "actions": ["Opens the site"], "emotion": {"actual": 1}} for k in range(4)]} for s in range(5)]
    return Journey.model_validate({"title": f"Map {number}", "stages": stages})


class Figures:
    """What the clients measured."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.saves = 0
        self.conflicts = 0
        self.server_errors = 0
        self.dropped = 0
        self.acknowledged: dict[str, set[str]] = {}

    async def request(self, client: httpx.AsyncClient, method: str, url: str, **options: object) -> httpx.Response | None:
        """Send a request and time it; ``None`` when the connection failed (counted as dropped)."""
        started = time.perf_counter()
        try:
            answer = await client.request(method, url, **options)
        except httpx.TransportError:
            self.dropped += 1
            return None
        self.latencies.append(time.perf_counter() - started)
        if answer.status_code >= 500:
            self.server_errors += 1
        return answer


async def edit(client: httpx.AsyncClient, maps: list[str], figures: Figures, number: int, until: float) -> None:
    edits = 0
    while time.monotonic() < until:
        map_id = random.choice(maps)
        idea = f"client {number} idea {edits}"
        while time.monotonic() < until:
            current = await figures.request(client, "GET", f"/api/maps/{map_id}")
            if current is None or current.status_code != 200:
                break
            journey = current.json()["journey"]
            step = random.choice(random.choice(journey["stages"])["steps"])
            step.setdefault("ideas", []).append(idea)
            answer = await figures.request(client, "PUT", f"/api/maps/{map_id}", json=journey, headers={"If-Match": current.headers["etag"]})
            if answer is None:
                break
            if answer.status_code == 200:
                figures.saves += 1
                figures.acknowledged.setdefault(map_id, set()).add(idea)
                break
            if answer.status_code != 409:
                break
            figures.conflicts += 1
        edits += 1


def lost_updates(url: str, token: str, figures: Figures) -> int:
    """Return how many acknowledged ideas are missing from their maps."""
    lost = 0
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as client:
        for map_id, ideas in figures.acknowledged.items():
            journey = client.get(f"/api/maps/{map_id}").json()["journey"]
            present = {idea for stage in journey["stages"] for step in stage["steps"] for idea in step.get("ideas", [])}
            lost += len(ideas - present)
    return lost


async def load(url: str, token: str, maps: list[str], clients: int, seconds: float) -> Figures:
    figures = Figures()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {token}"}, limits=limits, timeout=120) as client:
        until = time.monotonic() + seconds
        await asyncio.gather(*(edit(client, maps, figures, number, until) for number in range(clients)))
    return figures


def serve(db: str, data_dir: Path, workers: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from journeymap.cli import main; main()", "serve", "--db", db, "--data-dir", str(data_dir), "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{url}/api/openapi.json", timeout=1)
            return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def main(clients: int | None = None, maps: int | None = None, seconds: float | None = None, workers: int | None = None) -> dict[str, float]:
    """Run the load and print its figures; return them."""
    workers = workers or int(os.environ.get("BENCH_SERVER_WORKERS", 1))
    clients = clients or int(os.environ.get("BENCH_SERVER_CLIENTS", 200))
    maps = maps or int(os.environ.get("BENCH_SERVER_MAPS", 20))
    seconds = seconds or float(os.environ.get("BENCH_SERVER_SECONDS", 60))
    folder = Path(tempfile.mkdtemp(prefix="journeymap-bench-"))
    db = os.environ.get("JOURNEYMAP_BENCH_DB", f"sqlite:///{folder}/bench.db")
    token, ids = prepare(db, folder / "data", maps)
    process, url = serve(db, folder / "data", workers)
    try:
        figures = asyncio.run(load(url, token, ids, clients, seconds))
        lost = lost_updates(url, token, figures)
    finally:
        process.terminate()
        process.wait()
    latencies = sorted(figures.latencies)
    result = {
        "clients": clients,
        "maps": maps,
        "seconds": seconds,
        "requests_per_second": len(latencies) / seconds,
        "saves_per_second": figures.saves / seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
        "conflicts": figures.conflicts,
        "lost_updates": lost,
        "server_errors": figures.server_errors,
        "dropped_connections": figures.dropped,
    }
    database = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    print(f"{clients} clients editing {maps} maps for {seconds:.0f} s on {database} over loopback, {workers} server process(es)")
    print(f"  requests/s {result['requests_per_second']:8.1f}   saves/s {result['saves_per_second']:8.1f}")
    print(f"  latency p50 {result['p50_ms']:7.1f} ms   p95 {result['p95_ms']:7.1f} ms")
    print(f"  conflicts (409, retried) {figures.conflicts}   lost updates {lost}   5xx {figures.server_errors}   dropped connections {figures.dropped}")
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int)
    parser.add_argument("--maps", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--workers", type=int)
    options = parser.parse_args()
    main(options.clients, options.maps, options.seconds, options.workers)
