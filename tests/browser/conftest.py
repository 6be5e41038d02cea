"""Fixtures of the browser tests: the real server (uvicorn, temporary SQLite) and Debian's Chromium."""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from pagetools import Team, make_team

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Team]:
    """The team's app served by uvicorn on a free loopback port: ana owns the Shop map, vera views it."""
    team = make_team(tmp_path)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(_slowed(team.app), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.02)
    team.url = f"http://127.0.0.1:{port}"
    yield team
    server.should_exit = True
    thread.join(timeout=20)


def _slowed(app: Any) -> Any:
    """``app``, answering each request up to JOURNEYMAP_TEST_SERVER_DELAY_MS later: a loaded server, to hunt races."""
    delay = float(os.environ.get("JOURNEYMAP_TEST_SERVER_DELAY_MS", "0")) / 1000
    if not delay:
        return app

    async def slowed(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await asyncio.sleep(random.uniform(0, delay))
        await app(scope, receive, send)

    return slowed


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (skipped when either is missing)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("Chromium is not installed: apt-get install chromium")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A new browser page, 1280 px wide, that fails the test on any script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.set_default_timeout(30_000)
    slower = float(os.environ.get("JOURNEYMAP_TEST_CPU_SLOWDOWN", "1"))
    if slower > 1:  # hunt races as a loaded machine shows them: Chromium runs this many times slower
        context.new_cdp_session(opened).send("Emulation.setCPUThrottlingRate", {"rate": slower})
    yield opened
    context.close()
    assert not errors, f"script errors on the page: {errors}"

