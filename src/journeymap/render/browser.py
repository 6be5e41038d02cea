"""PDF and PNG: the poster's own HTML printed by the system's headless Chromium through Playwright."""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ..errors import MissingDependency, RenderError
from ..i18n import gettext as _

if TYPE_CHECKING:
    from playwright.sync_api import Page

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Programs looked up on PATH when ``JOURNEYMAP_CHROMIUM`` is not set."""
LAUNCH_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 60_000
T = TypeVar("T")
Media = Literal["screen", "print"]
"""The CSS media a page is laid out for: a PDF is laid out for print before its script splits the sheets."""


def node_compile_cache() -> Path | None:
    """Return the per-user folder where Node keeps Playwright's driver compiled between runs, None without a home.

    >>> node_compile_cache().parts[-2:]
    ('journeymap', 'node-compile-cache')
    """
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    try:
        return Path(base or Path.home() / ".cache") / "journeymap" / "node-compile-cache"
    except RuntimeError:  # no home folder to find
        return None


@contextlib.contextmanager
def _driver_environment() -> Iterator[None]:
    """Let the Playwright driver started inside use Node's compile cache, unless the user set NODE_COMPILE_CACHE.

    Node keeps the driver's 7 MB of JavaScript compiled there, which takes a fifth off the driver's
    start (Node 22.1 and later; older ones ignore it, and where the folder cannot be written Node
    goes on without it).
    The cache is private to the user: code read from a folder others can write would run as ours.
    """
    folder = node_compile_cache()
    if "NODE_COMPILE_CACHE" in os.environ or folder is None:
        yield
        return
    os.environ["NODE_COMPILE_CACHE"] = str(folder)
    try:
        yield
    finally:
        os.environ.pop("NODE_COMPILE_CACHE", None)


def chromium_path() -> str:
    """Return the Chromium to use: ``JOURNEYMAP_CHROMIUM``, else the first of BROWSER_NAMES on PATH."""
    configured = os.environ.get("JOURNEYMAP_CHROMIUM", "").strip()
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise MissingDependency(
                _("JOURNEYMAP_CHROMIUM is {path}, which is not a program; point it at a Chromium or unset it").format(path=configured)
            )
        return found
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    raise MissingDependency(
        _("PDF and PNG need Chromium: run 'make chromium' (Debian: apt-get install chromium) or set JOURNEYMAP_CHROMIUM to its path")
    )


class Chromium:
    """One headless Chromium per process, started on first use and driven from its own thread.

    Playwright's sync API belongs to the thread that started it and refuses to
    run inside an asyncio loop (Jupyter, the web app); a private worker thread
    avoids both, and keeping the browser warm makes every print after the
    first cost a page, not a browser start. Each print gets a fresh context.

    At exit the process waits for the job at hand (a print, a start), not for
    the browser to close: the pipe to Playwright's driver closes with the
    process, and the driver then closes the browser and deletes its profile on
    its own (a command ends 0.15 s sooner).
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[str, Callable[[Any], Any], Future[Any]]] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._playwright: Any = None
        self._browser: Any = None
        self._launched = ""

    def run(self, executable: str, job: Callable[[Page], T], *, width: int, scale: float, html: str, media: Media = "screen") -> T:
        """Show ``html`` laid out for ``media`` on a fresh page of the browser at ``executable`` and return ``job(page)``."""
        done: Future[T] = Future()
        self._submit(executable, lambda browser: _on_page(browser, html, width, scale, media, job), done)
        return done.result()

    def start(self, executable: str) -> None:
        """Start the browser at ``executable`` in the background and return at once.

        A print soon after finds it ready; if it cannot start, that print starts it again and says why.
        """
        self._submit(executable, lambda browser: None, Future())

    def _submit(self, executable: str, job: Callable[[Any], Any], done: Future[Any]) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="journeymap-chromium", daemon=True)
                self._thread.start()
                atexit.register(self._jobs.join)  # a thread stopped inside Playwright at exit crashes the interpreter
        self._jobs.put((executable, job, done))

    def _serve(self) -> None:
        while True:
            executable, job, done = self._jobs.get()
            try:
                done.set_result(job(self._ensure(executable)))
            except BaseException as error:  # handed to the caller's thread
                done.set_exception(error)
            finally:
                self._jobs.task_done()

    def _ensure(self, executable: str) -> Any:
        if self._browser is not None and self._browser.is_connected() and executable == self._launched:
            return self._browser
        self._stop()
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise MissingDependency(_("PDF and PNG need Playwright: pip install 'journeymap[pdf]'")) from None
        args = LAUNCH_ARGS + (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
        with _driver_environment():
            self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=executable, args=args, timeout=TIMEOUT_MS)
        self._launched = executable
        return self._browser

    def _stop(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        self._launched = ""
        try:
            if browser is not None:
                browser.close()
        except Exception:  # the browser is already gone: nothing left to close
            pass
        if playwright is not None:
            playwright.stop()


def _on_page(browser: Any, html: str, width: int, scale: float, media: Media, job: Callable[[Page], T]) -> T:
    context = browser.new_context(viewport={"width": width, "height": 200}, device_scale_factor=scale, offline=True)
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.abort())
        if media == "print":
            page.emulate_media(media="print")  # else page.pdf lays the whole document out again for print
        page.set_content(html, wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_selector("body[data-ready]", state="attached", timeout=TIMEOUT_MS)
        return job(page)
    finally:
        context.close()


CHROMIUM = Chromium()
"""The process's browser."""


def start_chromium() -> None:
    """Start the process's Chromium in the background, so that a PDF or PNG made soon after does not wait for it.

    Nothing is reported here: a missing or broken Chromium is reported by the print that needs it.
    """
    try:
        executable = chromium_path()
    except MissingDependency:
        return
    CHROMIUM.start(executable)


def _print(html: str, job: Callable[[Page], T], *, width: int, scale: float = 1.0, media: Media = "screen") -> T:
    executable = chromium_path()
    try:
        return CHROMIUM.run(executable, job, width=width, scale=scale, html=html, media=media)
    except MissingDependency:
        raise
    except Exception as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise RenderError(_("Chromium ({path}) failed: {reason}").format(path=executable, reason=reason)) from None


def pdf_bytes(html: str, *, width: int) -> bytes:
    """Return ``html`` printed to PDF; the page size comes from the HTML's ``@page`` rule.

    The page is laid out for print from the start, so that its script splits the sheets on the
    layout that is printed and the print itself does not lay it out again.
    """
    return _print(html, lambda page: page.pdf(print_background=True, prefer_css_page_size=True), width=width, media="print")


def page_value(html: str, script: str, *, width: int, media: Media = "screen") -> Any:
    """Return what the JavaScript expression ``script`` evaluates to on ``html`` laid out for ``media`` (a promise is awaited).

    The page is ready when its body carries ``data-ready``, as for PDF and PNG; ``media="print"``
    measures a page as :func:`pdf_bytes` prints it.
    """
    return _print(html, lambda page: page.evaluate(script), width=width, media=media)


def png_bytes(html: str, *, width: int, scale: float = 1.0) -> bytes:
    """Return a full-length screenshot of ``html`` at ``width`` CSS pixels, times ``scale``."""
    if not 0.25 <= scale <= 4:
        raise RenderError(_("--scale must be between 0.25 and 4, not {scale:g}").format(scale=scale))
    return _print(html, lambda page: page.screenshot(full_page=True, type="png"), width=width, scale=scale)
