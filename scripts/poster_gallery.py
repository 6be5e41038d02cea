"""Write a screenshot of each bundled example map's poster to docs/images, for the gallery in docs/render.md.

    PYTHONPATH=src .venv/bin/python scripts/poster_gallery.py

Each poster is printed by the project's Chromium path as PNG at three quarters of its size, shrunk to at most
WIDTH pixels and reduced to COLOURS colours, so every file stays under LIMIT bytes.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from PIL import Image

from journeymap.files import example_names, new_journey
from journeymap.render import render_bytes

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs/images"
SCALE = 0.75
WIDTH = 2000
COLOURS = 64
LIMIT = 400_000
LANGUAGE = {"childrens-shop-ru": "ru"}
"""The examples written in another language than English are shown in theirs."""


def screenshot(name: str) -> Image.Image:
    """The example's screen poster, at most WIDTH pixels wide, in COLOURS colours."""
    language = LANGUAGE.get(name, "en")
    image = Image.open(BytesIO(render_bytes(new_journey(name, language=language), "png", language=language, scale=SCALE))).convert("RGB")
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
    return image.quantize(COLOURS, dither=Image.Dither.NONE)


def main() -> int:
    for name in example_names():
        path = IMAGES / f"poster-{name}.png"
        screenshot(name).save(path, optimize=True)
        size = path.stat().st_size
        print(f"{path.relative_to(ROOT)}: {size // 1024} KB")
        if size > LIMIT:
            print(f"{path.name} is over {LIMIT // 1000} KB", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
