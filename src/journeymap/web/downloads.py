"""The ``Content-Disposition`` of a download, for file names in any script (RFC 6266 and RFC 5987)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote


def attachment(filename: str) -> str:
    """Return ``attachment`` with an ASCII ``filename`` and the exact name as ``filename*`` (UTF-8).

    >>> attachment("shop.yaml")
    'attachment; filename="shop.yaml"; filename*=UTF-8\\'\\'shop.yaml'
    >>> attachment("Детский магазин.pdf")
    'attachment; filename="download.pdf"; filename*=UTF-8\\'\\'%D0%94%D0%B5%D1%82%D1%81%D0%BA%D0%B8%D0%B9%20%D0%BC%D0%B0%D0%B3%D0%B0%D0%B7%D0%B8%D0%BD.pdf'
    """
    return f"attachment; filename=\"{ascii_name(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def ascii_name(filename: str) -> str:
    """Return a plain ASCII name for old clients: accents dropped, other letters replaced, never empty.

    >>> ascii_name("Lietuvių žemėlapis.yaml"), ascii_name('a"b\\\\c.json')
    ('Lietuviu_zemelapis.yaml', 'a_b_c.json')
    """
    stem, dot, extension = filename.rpartition(".") if "." in filename else (filename, "", "")
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^A-Za-z0-9._-]+", "_", plain).strip("._")
    if not re.search(r"[A-Za-z0-9]", plain) or len(plain) < len(stem) // 2:
        plain = "download"
    return plain + dot + re.sub(r"[^A-Za-z0-9]", "", extension)
