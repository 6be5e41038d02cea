"""The poster's package data: templates, style sheet, script and fonts, embedded as text."""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources

from markupsafe import Markup

_PACKAGE = resources.files("journeymap.render")
FONT_FAMILY = "Noto Sans"
FONT_FILES = {400: "NotoSans-Regular.woff2", 700: "NotoSans-Bold.woff2"}
"""The bundled Noto Sans files by weight (OFL 1.1, see fonts/OFL.txt)."""


@cache
def text(name: str) -> str:
    """Return a text file of the package's ``templates`` folder.

    >>> "--ink" in text("poster.css")
    True
    """
    return (_PACKAGE / "templates" / name).read_text(encoding="utf-8")


@cache
def font_bytes(weight: int) -> bytes:
    """Return the bundled font file of ``weight`` (400 or 700)."""
    return (_PACKAGE / "fonts" / FONT_FILES[weight]).read_bytes()


@cache
def font_faces() -> Markup:
    """Return CSS ``@font-face`` rules with the bundled fonts inlined as base64 data.

    >>> font_faces().count("@font-face")
    2
    """
    rules = [
        "@font-face{{font-family:'{family}';font-weight:{weight};font-style:normal;font-display:block;"
        "src:url(data:font/woff2;base64,{data}) format('woff2')}}".format(
            family=FONT_FAMILY, weight=weight, data=base64.b64encode(font_bytes(weight)).decode("ascii")
        )
        for weight in FONT_FILES
    ]
    return Markup("\n".join(rules))
