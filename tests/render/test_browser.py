"""PDF and PNG printed by the system's Chromium: pages, text, dimensions, and a clear error without it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from support import IMG, SCRIPT, long_journey, page_sizes_mm

from journeymap.errors import MissingDependency, RenderError
from journeymap.files import example_path
from journeymap.model import Journey
from journeymap.render import render, start_chromium


def pages_of(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.mark.browser
def test_pdf_is_a3_landscape_pages_with_the_maps_text(rich: Journey, tmp_path: Path) -> None:
    path = render(rich, tmp_path / "rich.pdf")
    reader = PdfReader(path)
    assert 1 <= len(reader.pages) <= 3
    assert page_sizes_mm(path) == [pytest.approx((420, 297), abs=0.35)] * len(reader.pages)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert SCRIPT in text and "Қазақша сөз" in text and "Cannot find the brand" in text
    assert [path.name for path in tmp_path.iterdir()] == ["rich.pdf"]


@pytest.mark.browser
def test_a_wide_map_prints_on_several_pages_with_stage_headers_repeated(tmp_path: Path) -> None:
    texts = pages_of(render(long_journey(17), tmp_path / "long.pdf"))
    assert len(texts) == 2
    assert "PAGE 2 OF 2" in texts[1] and "STAGES Stage 2 (continued) Stage 3" in texts[1]
    assert "STAGES Stage 0 Stage 1 Stage 2" in texts[0] and "(continued)" not in texts[0]
    assert "Does thing 8" in texts[0] and "Does thing 9" not in texts[0] and "Does thing 9" in texts[1]


@pytest.mark.browser
@pytest.mark.parametrize(("page", "size"), [("A2", (594, 420)), ("a4", (297, 210)), ("Letter", (279.4, 215.9))])
def test_pages_have_the_size_named(tmp_path: Path, page: str, size: tuple[float, float]) -> None:
    sizes = page_sizes_mm(render(long_journey(17), tmp_path / "long.pdf", page=page))
    assert len(sizes) > 1 and sizes == [pytest.approx(size, abs=0.35)] * len(sizes)


@pytest.mark.browser
def test_png_is_as_wide_as_the_poster_times_the_scale(rich: Journey, tmp_path: Path) -> None:
    image = Image.open(render(rich, tmp_path / "rich.png", scale=2))
    assert image.format == "PNG" and image.width == (2 * 32 + 136 + 196 * 4) * 2 and image.height > 1000


@pytest.mark.browser
def test_hostile_text_is_drawn_as_text_in_the_pdf(tmp_path: Path) -> None:
    journey = Journey(title="x", stages=[{"name": IMG, "steps": [{"name": SCRIPT}]}])
    text = pages_of(render(journey, tmp_path / "x.pdf"))[0]
    assert SCRIPT in text and IMG in text


def test_without_chromium_the_error_names_the_fix(rich: Journey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOURNEYMAP_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MissingDependency) as error:
        render(rich, tmp_path / "x.pdf")
    assert str(error.value) == (
        "PDF and PNG need Chromium: run 'make chromium' (Debian: apt-get install chromium) or set JOURNEYMAP_CHROMIUM to its path"
    )
    assert not list(tmp_path.iterdir())


def test_a_wrong_chromium_setting_is_named(rich: Journey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_CHROMIUM", "/nowhere/chromium")
    with pytest.raises(MissingDependency, match="^JOURNEYMAP_CHROMIUM is /nowhere/chromium, which is not a program"):
        render(rich, tmp_path / "x.png")
    assert not list(tmp_path.iterdir())


def test_a_browser_that_fails_to_start_is_a_render_error(rich: Journey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_CHROMIUM", "false")
    with pytest.raises(RenderError, match=r"^Chromium \(/\S+/false\) failed: "):
        render(rich, tmp_path / "x.pdf")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("setting", ["false", "/nowhere/chromium"])
def test_a_browser_started_early_that_cannot_start_is_reported_by_the_print(
    setting: str, rich: Journey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `journeymap render x.pdf` starts Chromium while it reads the map; a failure there waits for the print to name it
    monkeypatch.setenv("JOURNEYMAP_CHROMIUM", setting)
    assert start_chromium() is None
    with pytest.raises((RenderError, MissingDependency), match=r"^(Chromium \(/\S+/false\) failed: |JOURNEYMAP_CHROMIUM is /nowhere)"):
        render(rich, tmp_path / "x.pdf")
    assert not list(tmp_path.iterdir())


@pytest.mark.browser
def test_a_browser_started_early_prints_the_poster(rich: Journey, tmp_path: Path) -> None:
    start_chromium()
    assert rich.title in pages_of(render(rich, tmp_path / "x.pdf"))[0]


@pytest.mark.browser
def test_a_command_ends_without_waiting_for_chromium_which_then_closes_and_leaves_no_profile(tmp_path: Path) -> None:
    # the driver closes the browser when the pipe to it closes with the process; the profile lies in TMPDIR
    # (a short one: Chromium's socket path in the profile must stay under 108 characters)
    with tempfile.TemporaryDirectory() as temporary:
        command = [
            sys.executable,
            "-c",
            "from journeymap.cli import main; main()",
            "render",
            str(example_path("childrens-shop")),
            "-o",
            str(tmp_path / "shop.pdf"),
        ]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "TMPDIR": temporary}, timeout=120)
        assert PdfReader(tmp_path / "shop.pdf").pages
        deadline = time.monotonic() + 30
        while list(Path(temporary).glob("playwright*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(Path(temporary).glob("playwright*")) == []


EXIT_DURING_A_PRINT = """
import threading, time
from journeymap.render.browser import page_value
page_value("<body data-ready=1></body>", "1", width=400)
slow = "<body><script>setTimeout(() => document.body.setAttribute('data-ready', '1'), 1500)</script></body>"
threading.Thread(target=page_value, args=(slow, "1"), kwargs={"width": 400}, daemon=True).start()
time.sleep(0.7)
"""
"""Warm the browser, then end the process while a print waits in Playwright for its page."""


@pytest.mark.browser
def test_a_process_that_ends_during_a_print_waits_for_it_and_exits_cleanly() -> None:
    # the process does not wait for the browser to close, but a thread stopped inside Playwright would crash it
    result = subprocess.run([sys.executable, "-c", EXIT_DURING_A_PRINT], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (0, "")
