"""Printed page sizes by name: light enough for the command line's help to list them."""

from __future__ import annotations

from ..errors import RenderError
from ..i18n import gettext as _

PAGES_MM: dict[str, tuple[float, float]] = {"A3": (420, 297), "A2": (594, 420), "A4": (297, 210), "Letter": (279.4, 215.9)}
"""Landscape page sizes in millimetres, by name: A3 (the default), A2, A4 and US Letter."""


def page_name(page: str) -> str:
    """Return the name of the page size ``page`` names in any case, as :data:`PAGES_MM` spells it.

    >>> page_name("a4"), page_name("LETTER")
    ('A4', 'Letter')
    """
    names = {name.casefold(): name for name in PAGES_MM}
    if page.casefold() not in names:
        raise RenderError(_("unknown page size '{page}'; choose one of: {choices}").format(page=page, choices=", ".join(PAGES_MM)))
    return names[page.casefold()]


def page_pixels(page: str) -> tuple[float, float]:
    """Return a landscape page's width and height in CSS pixels (96 per inch).

    >>> page_pixels("A3"), page_pixels("a4"), page_pixels("Letter")
    ((1587.4, 1122.5), (1122.5, 793.7), (1056.0, 816.0))
    """
    width, height = PAGES_MM[page_name(page)]
    return round(width / 25.4 * 96, 1), round(height / 25.4 * 96, 1)


def short_page(page: str) -> bool:
    """True for a page shorter than A3 (A4, Letter), whose pages after the first repeat the map's title at 16 px instead of 26.

    The title, stage and step headers repeated on each page would otherwise leave a long map's lanes little room.

    >>> short_page("A4"), short_page("letter"), short_page("A3"), short_page("A2")
    (True, True, False, False)
    """
    return PAGES_MM[page_name(page)][1] < PAGES_MM["A3"][1]
