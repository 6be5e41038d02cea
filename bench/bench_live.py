"""Editing together under load: many pages typing on a few maps over the live protocol.

A ``journeymap serve`` process runs on a temporary SQLite file, or on
PostgreSQL (``--postgres`` starts a throwaway PostgreSQL 15 server; or the
database in ``JOURNEYMAP_BENCH_DB``) with ``--workers`` server processes. Each
client is one open editor page: it loads its map, keeps the live stream
(Server-Sent Events) open, and types: every 0.5-2 s it sends one batch of 1-3
operations (sets of its own cell, sometimes an idea inserted into a step) made
on the last change it saw, waits for the answer (a 409 makes it read the map's
change number again and resend), and says where it is every 20 s like the page.

Figures: the answer time of a batch (ack), the time from sending a batch until
every other page on the map has received it (edit to seen), batches and
requests per second, 409s, 5xx, lost edits (an acknowledged value or idea not
in the map at the end), pages whose replayed map differs from the server's,
and the editor's load (page HTML + map JSON of the 17-step example) idle and
under the load. Sizes come from ``BENCH_LIVE_CLIENTS`` (200),
``BENCH_LIVE_MAPS`` (20), ``BENCH_LIVE_SECONDS`` (60), ``BENCH_LIVE_WORKERS``
(1) and ``BENCH_LIVE_JSON`` (a file for the figures), or the options of
``python bench/bench_live.py --clients N --maps N --seconds S --workers W --postgres --json FILE``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_server import prepare, serve  # noqa: E402

from journeymap import files  # noqa: E402
from journeymap.model import (
    Journey,  # noqa: E402
    operations as ops,  # noqa: E402
)

TYPING = (0.5, 2.0)
"""Seconds between two batches of one page."""

PRESENCE_SECONDS = 20
"""How often a page says where it is (as live.js does)."""

DRAIN_SECONDS = 15
"""How long the streams may take, after the typing stops, to deliver the last batches."""

PAGE_LOADS = 50
"""Editor loads measured on the idle server."""


def example_map(number: int) -> Journey:
    """The 17-step children's shop example, titled ``number``, with an idea on every step."""
    journey = files.load(resources.files("journeymap.files") / "examples" / "childrens-shop.yaml")
    for stage in journey.stages:
        for step in stage.steps:
            step.ideas = step.ideas or ["Ask parents"]
    return journey.model_copy(update={"title": f"Shop {number}"})


@dataclass
class Figures:
    """What the pages measured."""

    acks: list[float] = field(default_factory=list)
    sent: dict[tuple[str, str], tuple[str, float]] = field(default_factory=dict)
    arrivals: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    requests: int = 0
    batches: int = 0
    operations: int = 0
    conflicts: int = 0
    server_errors: int = 0
    client_errors: int = 0
    dropped_connections: int = 0
    dropped_operations: int = 0
    stream_errors: int = 0
    cells: dict[tuple[str, tuple[Any, ...]], tuple[int, str]] = field(default_factory=dict)
    ideas: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    loads_idle: list[float] = field(default_factory=list)
    loads_busy: list[float] = field(default_factory=list)
    lag: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    server_cpu: float = 0.0
    database_cpu: float = 0.0
    bench_cpu: float = 0.0

    async def request(self, client: httpx.AsyncClient, method: str, url: str, **options: Any) -> httpx.Response | None:
        """Send a request and count it; ``None`` when the connection failed (counted as dropped)."""
        self.requests += 1
        try:
            answer = await client.request(method, url, **options)
        except httpx.TransportError:
            self.dropped_connections += 1
            return None
        if answer.status_code >= 500:
            self.server_errors += 1
        elif answer.status_code >= 400 and answer.status_code != 409:
            self.client_errors += 1
        return answer


@dataclass(eq=False)
class Page:
    """One editor page open on a map: its id, its own cell, the map as its stream built it."""

    map_id: str
    client: str
    number: int
    cell: list[Any] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    seq: int = 0
    document: dict[str, Any] = field(default_factory=dict)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    batches: int = 0

    def batch(self) -> list[dict[str, Any]]:
        """Return the next batch's operations: 1-3 sets of the page's cell or ideas inserted into a step."""
        self.batches += 1
        made = []
        for n in range(random.randint(1, 3)):
            token = f"{self.client} {self.batches}.{n}"
            if random.random() < 0.2:
                made.append({"op": "insert", "path": ["steps", random.choice(self.steps), "ideas", 0], "value": f"idea {token}"})
            else:
                made.append({"op": "set", "path": self.cell, "value": f"typed {token}"})
        return made

    def receive(self, change: dict[str, Any], figures: Figures, now: float) -> None:
        """Apply a change from the stream and note when another page's batch arrived."""
        for operation in change["operations"]:
            ops.apply(self.document, operation)
        self.seq = change["seq"]
        if change["client"] != self.client:
            figures.arrivals.setdefault((change["client"], change["batch"]), []).append(now)


async def listen(client: httpx.AsyncClient, page: Page, figures: Figures) -> None:
    """Keep the page's live stream open, applying every change it brings."""
    url = f"/api/maps/{page.map_id}/live"
    try:
        async with client.stream("GET", url, params={"since": page.seq, "client": page.client}) as answer:
            if answer.status_code != 200:
                figures.stream_errors += 1
                page.ready.set()
                return
            name, data = "", []
            async for line in answer.aiter_lines():
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif not line and name:
                    if name == "change":
                        page.receive(json.loads("\n".join(data)), figures, time.perf_counter())
                    page.ready.set()
                    name, data = "", []
    except httpx.TransportError:
        figures.stream_errors += 1
        page.ready.set()


async def type_on(client: httpx.AsyncClient, page: Page, figures: Figures, until: float) -> None:
    """Send batches until ``until``; keep every acknowledged value and idea for the final check."""
    said = time.monotonic()
    while True:
        await asyncio.sleep(random.uniform(*TYPING))
        if time.monotonic() >= until:
            return
        if time.monotonic() - said > PRESENCE_SECONDS:
            said = time.monotonic()
            await figures.request(client, "POST", f"/api/maps/{page.map_id}/presence", json={"client": page.client, "path": "/".join(map(str, page.cell))})
        await send(client, page, figures, page.batch())


async def send(client: httpx.AsyncClient, page: Page, figures: Figures, operations: list[dict[str, Any]]) -> None:
    """Send one batch until it is acknowledged (409: take the map's change number again; lost connection: resend)."""
    batch = str(page.batches)
    started = time.perf_counter()
    figures.sent[(page.client, batch)] = (page.map_id, started)
    base = page.seq
    for _ in range(20):
        body = {"client": page.client, "batch": batch, "base": base, "seen": base, "operations": operations}
        answer = await figures.request(client, "POST", f"/api/maps/{page.map_id}/operations", json=body)
        if answer is not None and answer.status_code == 409:
            figures.conflicts += 1
            current = await figures.request(client, "GET", f"/api/maps/{page.map_id}")
            base = current.json()["seq"] if current is not None and current.status_code == 200 else base
            continue
        if answer is None or answer.status_code >= 500:
            await asyncio.sleep(0.5)
            continue
        if answer.status_code != 200:
            return
        figures.acks.append(time.perf_counter() - started)
        acknowledged(page, figures, answer.json())
        return


def acknowledged(page: Page, figures: Figures, applied: dict[str, Any]) -> None:
    figures.batches += 1
    figures.operations += len(applied["operations"])
    figures.dropped_operations += len(applied["dropped"])
    for operation in applied["operations"]:
        if operation["op"] == "set" and operation["path"] == page.cell:
            key = (page.map_id, tuple(page.cell))
            if figures.cells.get(key, (0, ""))[0] <= applied["seq"]:
                figures.cells[key] = (applied["seq"], operation["value"])
        elif operation["op"] == "insert":
            figures.ideas.setdefault((page.map_id, operation["path"][1]), set()).add(operation["value"])


async def load_editor(client: httpx.AsyncClient, map_id: str, figures: Figures) -> float:
    """Load the editor as a browser does before its first paint: the page, then the map JSON; return the seconds."""
    started = time.perf_counter()
    html = await figures.request(client, "GET", f"/maps/{map_id}")
    data = await figures.request(client, "GET", f"/api/maps/{map_id}")
    if html is None or data is None or html.status_code != 200 or data.status_code != 200 or "journey" not in data.json():
        raise RuntimeError("the editor did not load")
    return time.perf_counter() - started


async def load_while_busy(client: httpx.AsyncClient, map_id: str, figures: Figures, until: float) -> None:
    while time.monotonic() < until:
        figures.loads_busy.append(await load_editor(client, map_id, figures))
        await asyncio.sleep(1)


async def watch_lag(figures: Figures, until: float) -> None:
    """Note how late this process's own event loop wakes up (a busy bench delays what it measures)."""
    while time.monotonic() < until:
        started = time.perf_counter()
        await asyncio.sleep(0.05)
        figures.lag.append(time.perf_counter() - started - 0.05)


async def open_page(client: httpx.AsyncClient, page: Page, figures: Figures) -> asyncio.Task[None]:
    """Load the page's map, then open its stream; return the stream's task once it delivers."""
    answer = await figures.request(client, "GET", f"/api/maps/{page.map_id}")
    if answer is None or answer.status_code != 200:
        raise RuntimeError(f"map {page.map_id} did not load")
    data = answer.json()
    page.seq, page.document = data["seq"], data["journey"]
    page.steps = [step["id"] for stage in data["journey"]["stages"] for step in stage["steps"]]
    page.cell = ["steps", page.steps[page.number % len(page.steps)], ("description", "owner")[page.number // len(page.steps) % 2]]
    task = asyncio.create_task(listen(client, page, figures))
    await page.ready.wait()
    return task


async def drained(figures: Figures, pages: list[Page]) -> None:
    """Wait until every page has every batch sent on its map, or ``DRAIN_SECONDS``."""
    on_map: dict[str, int] = {}
    for page in pages:
        on_map[page.map_id] = on_map.get(page.map_id, 0) + 1
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        if all(len(figures.arrivals.get(key, ())) >= on_map[map_id] - 1 for key, (map_id, _) in figures.sent.items()):
            return
        await asyncio.sleep(0.2)


def connections(url: str, token: str) -> httpx.AsyncClient:
    """Return one page's own connections (httpx's pool looks at each of its connections for every request: one pool of 400 costs the bench more than the server)."""
    limits = httpx.Limits(max_connections=3, max_keepalive_connections=3)
    return httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {token}"}, limits=limits, timeout=httpx.Timeout(120, read=None), verify=False)


async def load(url: str, token: str, maps: list[str], clients: int, seconds: float, server: int, database_server: int) -> tuple[Figures, list[Page]]:
    figures = Figures()
    async with contextlib.AsyncExitStack() as stack:
        loader = await stack.enter_async_context(connections(url, token))
        for _ in range(PAGE_LOADS):
            figures.loads_idle.append(await load_editor(loader, maps[0], figures))
        run = random.randrange(36**4)
        pages = [Page(maps[n % len(maps)], f"b{run}-{n}", n // len(maps)) for n in range(clients)]
        own = [await stack.enter_async_context(connections(url, token)) for _ in pages]
        streams = await asyncio.gather(*(open_page(client, page, figures) for client, page in zip(own, pages)))
        until = time.monotonic() + seconds
        started, cpu, used, db_cpu = time.perf_counter(), cpu_seconds(server), time.process_time(), cpu_seconds(database_server)
        typing = (type_on(client, page, figures, until) for client, page in zip(own, pages))
        await asyncio.gather(*typing, load_while_busy(loader, maps[0], figures, until), watch_lag(figures, until))
        figures.lag.append(0.0)
        figures.elapsed = time.perf_counter() - started
        figures.server_cpu, figures.bench_cpu = cpu_seconds(server) - cpu, time.process_time() - used
        figures.database_cpu = cpu_seconds(database_server) - db_cpu
        await drained(figures, pages)
        for task in streams:
            task.cancel()
        await asyncio.gather(*streams, return_exceptions=True)
    return figures, pages


def cpu_seconds(pid: int) -> float:
    """Return the processor seconds the process ``pid`` and its descendants (server workers) have used (0 without /proc or for pid 0)."""
    if not pid:
        return 0.0
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        used[child] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    family = {pid}
    for _ in range(4):
        family |= {child for child, parent in parents.items() if parent in family}
    return sum(used.get(member, 0.0) for member in family)


def lost_edits(url: str, token: str, figures: Figures, pages: list[Page]) -> tuple[int, int]:
    """Return how many acknowledged values and ideas are missing from the maps, and how many pages hold another map."""
    lost = 0
    documents = {}
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
        for map_id in {page.map_id for page in pages}:
            documents[map_id] = client.get(f"/api/maps/{map_id}").json()["journey"]
    for (map_id, path), (_, value) in figures.cells.items():
        lost += ops.get(documents[map_id], list(path)) != value
    for (map_id, step), ideas in figures.ideas.items():
        lost += len(ideas - set(ops.get(documents[map_id], ["steps", step, "ideas"])))
    differ = sum(page.document != documents[page.map_id] for page in pages)
    return lost, differ


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of ``values`` lie, in milliseconds (0 for none)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000 if ordered else 0.0


def seen_latencies(figures: Figures, pages: list[Page]) -> tuple[list[float], list[float], int]:
    """Return, per batch, the time until every other page had it; per delivery, the time until one page had it; and batches some page never got."""
    on_map: dict[str, int] = {}
    for page in pages:
        on_map[page.map_id] = on_map.get(page.map_id, 0) + 1
    by_all, each, unseen = [], [], 0
    for key, (map_id, started) in figures.sent.items():
        arrivals = figures.arrivals.get(key, [])
        each.extend(moment - started for moment in arrivals)
        if len(arrivals) < on_map[map_id] - 1:
            unseen += 1
            continue
        by_all.append(max(arrivals, default=started) - started)
    return by_all, each, unseen


def machine() -> str:
    """Describe this machine: cores, the cores this process may use, memory, Python."""
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0") if Path("/proc/meminfo").exists() else "0"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{platform.machine()}, {os.cpu_count()} cores ({usable} usable), {int(memory) / 2**20:.1f} GiB memory, Python {platform.python_version()}"


def database(postgres: bool) -> tuple[str, Any]:
    """Return the database URL to use and the throwaway PostgreSQL server to stop after (``None`` if none)."""
    if os.environ.get("JOURNEYMAP_BENCH_DB"):
        return os.environ["JOURNEYMAP_BENCH_DB"], None
    if not postgres:
        return f"sqlite:///{tempfile.mkdtemp(prefix='journeymap-bench-')}/bench.db", None
    from webtools.postgres import Postgres

    server = Postgres()
    server.start()
    return server.database(), server


def main(
    clients: int | None = None, maps: int | None = None, seconds: float | None = None, workers: int | None = None, postgres: bool = False, output: str | None = None
) -> dict[str, Any]:
    """Run the load and print its figures; return them."""
    clients = clients or int(os.environ.get("BENCH_LIVE_CLIENTS", 200))
    maps = maps or int(os.environ.get("BENCH_LIVE_MAPS", 20))
    seconds = seconds or float(os.environ.get("BENCH_LIVE_SECONDS", 60))
    workers = workers or int(os.environ.get("BENCH_LIVE_WORKERS", 1))
    output = output or os.environ.get("BENCH_LIVE_JSON")
    db, server = database(postgres)
    folder = Path(tempfile.mkdtemp(prefix="journeymap-bench-"))
    try:
        token, ids = prepare(db, folder / "data", maps, example_map)
        process, url = serve(db, folder / "data", workers)
        try:
            postmaster = int((server.data / "postmaster.pid").read_text().split()[0]) if server is not None else 0
            figures, pages = asyncio.run(load(url, token, ids, clients, seconds, process.pid, postmaster))
            lost, differ = lost_edits(url, token, figures, pages)
        finally:
            process.terminate()
            process.wait()
    finally:
        if server is not None:
            server.stop()
    by_all, each, unseen = seen_latencies(figures, pages)
    elapsed = figures.elapsed
    kind = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    result = {
        "machine": machine(),
        "database": kind,
        "workers": workers,
        "clients": clients,
        "maps": maps,
        "seconds": seconds,
        "batches_per_second": figures.batches / elapsed,
        "operations_per_second": figures.operations / elapsed,
        "requests_per_second": figures.requests / elapsed,
        "ack_p50_ms": percentile(figures.acks, 0.5),
        "ack_p95_ms": percentile(figures.acks, 0.95),
        "seen_by_all_p50_ms": percentile(by_all, 0.5),
        "seen_by_all_p95_ms": percentile(by_all, 0.95),
        "seen_by_all_max_ms": percentile(by_all, 1),
        "seen_each_p95_ms": percentile(each, 0.95),
        "page_load_idle_p50_ms": percentile(figures.loads_idle, 0.5),
        "page_load_idle_p95_ms": percentile(figures.loads_idle, 0.95),
        "page_load_busy_p50_ms": percentile(figures.loads_busy, 0.5),
        "page_load_busy_p95_ms": percentile(figures.loads_busy, 0.95),
        "conflicts": figures.conflicts,
        "lost_edits": lost,
        "unseen_batches": unseen,
        "pages_differing": differ,
        "server_errors": figures.server_errors,
        "client_errors": figures.client_errors,
        "dropped_connections": figures.dropped_connections,
        "dropped_operations": figures.dropped_operations,
        "stream_errors": figures.stream_errors,
        "bench_loop_lag_p95_ms": percentile(figures.lag, 0.95),
        "server_cpu_percent": figures.server_cpu / elapsed * 100,
        "server_cpu_ms_per_batch": figures.server_cpu / max(figures.batches, 1) * 1000,
        "bench_cpu_percent": figures.bench_cpu / elapsed * 100,
        "postgres_cpu_percent": figures.database_cpu / elapsed * 100,
        "load_average": os.getloadavg()[0],
    }
    show(result)
    if output:
        Path(output).write_text(json.dumps(result, indent=2) + "\n")
    return result


def show(result: dict[str, Any]) -> None:
    """Print the figures as a table."""
    print(f"machine: {result['machine']}, load average {result['load_average']:.1f}")
    print(f"{result['clients']} pages typing on {result['maps']} maps for {result['seconds']:.0f} s over the live protocol, {result['database']}, {result['workers']} server process(es)")
    rows = [
        ("batches/s", f"{result['batches_per_second']:.1f}", "operations/s", f"{result['operations_per_second']:.1f}", "requests/s", f"{result['requests_per_second']:.1f}"),
        ("ack p50", f"{result['ack_p50_ms']:.0f} ms", "ack p95", f"{result['ack_p95_ms']:.0f} ms", "", ""),
        ("seen by all p50", f"{result['seen_by_all_p50_ms']:.0f} ms", "p95", f"{result['seen_by_all_p95_ms']:.0f} ms", "max", f"{result['seen_by_all_max_ms']:.0f} ms"),
        ("each delivery p95", f"{result['seen_each_p95_ms']:.0f} ms", "bench loop lag p95", f"{result['bench_loop_lag_p95_ms']:.0f} ms", "", ""),
        ("editor load idle p50", f"{result['page_load_idle_p50_ms']:.0f} ms", "p95", f"{result['page_load_idle_p95_ms']:.0f} ms", "", ""),
        ("editor load busy p50", f"{result['page_load_busy_p50_ms']:.0f} ms", "p95", f"{result['page_load_busy_p95_ms']:.0f} ms", "", ""),
        ("lost edits", str(result["lost_edits"]), "unseen batches", str(result["unseen_batches"]), "pages differing", str(result["pages_differing"])),
        ("409 (resent)", str(result["conflicts"]), "5xx", str(result["server_errors"]), "other 4xx", str(result["client_errors"])),
        ("server CPU", f"{result['server_cpu_percent']:.0f} %", "per batch", f"{result['server_cpu_ms_per_batch']:.1f} ms", "bench CPU", f"{result['bench_cpu_percent']:.0f} %"),
        ("PostgreSQL CPU", f"{result['postgres_cpu_percent']:.0f} %", "", "", "", ""),
        ("dropped connections", str(result["dropped_connections"]), "dropped operations", str(result["dropped_operations"]), "stream errors", str(result["stream_errors"])),
    ]
    for row in rows:
        print("  " + "".join(f"{cell:<22}" if n % 2 == 0 else f"{cell:>10}   " for n, cell in enumerate(row)).rstrip())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int)
    parser.add_argument("--maps", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL 15 server (/usr/lib/postgresql/15/bin)")
    parser.add_argument("--json", help="write the figures to this file")
    options = parser.parse_args()
    main(options.clients, options.maps, options.seconds, options.workers, options.postgres, options.json)
