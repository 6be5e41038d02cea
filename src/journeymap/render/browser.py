"""PDF and PNG: the poster's own HTML printed by the system's headless Chromium through Playwright."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

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


@contextmanager
def open_page(html: str, *, width: int = 1600, scale: float = 1.0) -> Iterator["Page"]:
    """Yield a browser page showing ``html``, fonts loaded and script done; no network is used."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise MissingDependency(_("PDF and PNG need Playwright: pip install 'journeymap[pdf]'")) from None
    executable = chromium_path()
    args = LAUNCH_ARGS + (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=args, timeout=TIMEOUT_MS)
            try:
                context = browser.new_context(viewport={"width": width, "height": 200}, device_scale_factor=scale, offline=True)
                page = context.new_page()
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load", timeout=TIMEOUT_MS)
                page.wait_for_selector("body[data-ready]", state="attached", timeout=TIMEOUT_MS)
                yield page
            finally:
                browser.close()
    except Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise RenderError(_("Chromium ({path}) failed: {reason}").format(path=executable, reason=first_line)) from None


def pdf_bytes(html: str, *, width: int) -> bytes:
    """Return ``html`` printed to PDF; the page size comes from the HTML's ``@page`` rule."""
    with open_page(html, width=width) as page:
        return page.pdf(print_background=True, prefer_css_page_size=True)


def png_bytes(html: str, *, width: int, scale: float = 1.0) -> bytes:
    """Return a full-length screenshot of ``html`` at ``width`` CSS pixels, times ``scale``."""
    if not 0.25 <= scale <= 4:
        raise RenderError(_("--scale must be between 0.25 and 4, not {scale:g}").format(scale=scale))
    with open_page(html, width=width, scale=scale) as page:
        return page.screenshot(full_page=True, type="png")
