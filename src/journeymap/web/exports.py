"""Formats a map can be exported in: YAML and JSON here; renderers register the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import files
from ..errors import MissingDependency
from ..i18n import gettext as _
from ..model import Journey

FORMATS = ("yaml", "json", "mermaid", "html", "pdf", "png", "xlsx", "pptx")
"""Every export format the API names; those without an exporter answer 501."""

PICTURED = ("html", "pdf", "png")
"""The formats that draw the poster, whose persona photos are embedded in the map before drawing."""


@dataclass(frozen=True)
class Exporter:
    """Turns a map into the bytes of one file format."""

    media_type: str
    extension: str
    write: Callable[[Journey], bytes]
    printed: Callable[[Journey, str], bytes] | None = None
    """Writes the map on a named page size (``A4``), for a format printed on pages (PDF); None for the others."""

    def bytes_of(self, journey: Journey, page: str | None = None) -> bytes:
        """Return ``journey`` in this format, on ``page`` when one is named and the format is printed on pages.

        >>> exporter("yaml").bytes_of(Journey(title="Shop"), page="A4").decode().splitlines()[0]
        'schema_version: 1'
        """
        if page is not None and self.printed is not None:
            return self.printed(journey, page)
        return self.write(journey)


EXPORTERS: dict[str, Exporter] = {
    "yaml": Exporter("application/yaml; charset=utf-8", "yaml", lambda journey: files.dumps(journey).encode()),
    "json": Exporter("application/json; charset=utf-8", "json", lambda journey: files.dumps(journey, format="json").encode()),
}


def register_exporter(name: str, exporter: Exporter) -> None:
    """Add an export format (the renderers call this for HTML, PDF, PNG, XLSX, Mermaid)."""
    EXPORTERS[name] = exporter


def exporter(name: str) -> Exporter:
    """Return the exporter of a format; raise :class:`MissingDependency` when none is installed.

    >>> exporter("yaml").extension
    'yaml'
    """
    if name not in EXPORTERS:
        raise MissingDependency(_("export as {format} needs the renderers (journeymap.render), which this installation lacks").format(format=name))
    return EXPORTERS[name]
