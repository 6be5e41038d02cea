"""Word clouds of key phrases as PNG or SVG, drawn with a bundled Cyrillic-capable font.

The font is a small subset of Noto Sans (SIL Open Font License 1.1, see
``data/fonts/OFL.txt``) covering Latin, Lithuanian, Uzbek Latin (ʻ) and the
Cyrillic of Russian, Ukrainian, Kazakh and Uzbek.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "cloud.svg"
>>> render_cloud({"доставка": 1.0, "өте жақсы": 0.5}, out).suffix
'.svg'
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from pathlib import Path

from ..errors import RenderError
from ..files import write_atomically
from ..i18n import gettext as _
from .lexicon import DATA

FONT = Path(str(DATA / "fonts" / "NotoSans-Voice.ttf"))
"""The bundled font file (a Noto Sans subset with Cyrillic)."""

FORMATS = (".png", ".svg")


def render_cloud(weights: Mapping[str, float], path: str | Path, *, width: int = 800, height: int = 450) -> Path:
    """Write a word cloud of ``weights`` (phrase -> weight) to a .png or .svg file, atomically."""
    from wordcloud import WordCloud

    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise RenderError(_("{path}: a word cloud is written as .png or .svg").format(path=path))
    usable = {phrase: float(weight) for phrase, weight in weights.items() if weight > 0 and phrase.strip()}
    if not usable:
        raise RenderError(_("{path}: no keywords to draw; the feedback has no words").format(path=path))
    cloud = WordCloud(font_path=str(FONT), width=width, height=height, background_color="white", prefer_horizontal=0.9, random_state=7)
    cloud.generate_from_frequencies(usable)
    if path.suffix.lower() == ".svg":
        content = cloud.to_svg(embed_font=True).encode("utf-8")
    else:
        buffer = BytesIO()
        cloud.to_image().save(buffer, format="PNG")
        content = buffer.getvalue()
    write_atomically(path, content)
    return path


def cloud_path(output: str | Path, group: str, groups: int) -> Path:
    """Return the file of one group's cloud: ``output`` itself for one group, else ``name-GROUP.ext``.

    >>> cloud_path("out/cloud.png", "purchase", 3).as_posix()
    'out/cloud-purchase.png'
    """
    output = Path(output)
    return output if groups == 1 else output.with_name(f"{output.stem}-{group}{output.suffix}")
