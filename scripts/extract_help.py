"""Add the command line's help texts to the message template (journeymap.pot).

Typer takes help from docstrings and ``help=`` options, which Babel's Python
extractor cannot see; this walks the built command tree instead. ``make
catalogs`` runs it between ``pybabel extract`` and ``pybabel update``.

    python scripts/extract_help.py src/journeymap/locale/journeymap.pot
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

import typer
from babel.messages.pofile import read_po, write_po

from journeymap.cli import app
from journeymap.cli.app import help_texts
from journeymap.files import write_atomically


def main(template: Path) -> None:
    """Add every help text missing from ``template`` to it."""
    with template.open("rb") as stream:
        catalog = read_po(stream)
    for text in help_texts(typer.main.get_command(app)):
        if text not in catalog:
            catalog.add(text, auto_comments=["command-line help"])
    buffer = BytesIO()
    write_po(buffer, catalog, omit_header=False, sort_output=True, width=88)
    write_atomically(template, buffer.getvalue())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
