"""Commands that draw a map: ``render`` (poster, table, diagram) and ``mermaid export|import``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape

from .. import counting, files, render as renderers
from ..errors import RenderError
from ..i18n import LANGUAGES, gettext as _
from .app import app, console, err_console


@app.command()
def render(
    path: Path = typer.Argument(..., help="The map file."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write: .html .pdf .png .svg .xlsx .csv .md .pptx"),
    format: str | None = typer.Option(None, "--format", "-f", help="Output format, when not the extension's."),
    lang: str | None = typer.Option(None, "--lang", help="Language of lane titles and labels: " + ", ".join(LANGUAGES)),
    lanes: str | None = typer.Option(None, "--lanes", help="Lanes to draw, in order, comma-separated: actions,emotion,pains"),
    page: str = typer.Option("A3", "--page", help="PDF page size, landscape: " + ", ".join(renderers.PAGES_MM) + " (any case)."),
    scale: float = typer.Option(1.0, "--scale", help="PNG pixels per CSS pixel (2 for sharp slides)."),
    bom: bool = typer.Option(False, "--bom", help="Start a CSV with a byte order mark, for Excel."),
) -> None:
    """Draw a map as a poster (HTML, PDF, PNG, SVG), its tables (XLSX, CSV, Markdown) or a slide deck (PPTX)."""
    chosen = renderers.output_format(output, format)
    if lang is not None and lang not in LANGUAGES:
        raise RenderError(_("--lang must be one of: {choices}").format(choices=", ".join(LANGUAGES)))
    if chosen in ("pdf", "png"):
        renderers.start_chromium()  # the browser starts while the map is read and drawn
    journey = files.pictures.with_photos(files.load(path), path.parent)
    written = renderers.render(
        journey, output, format=chosen, language=lang, lanes=renderers.parse_lanes(lanes), page=page, scale=scale, bom=bom
    )
    console.print(_("Wrote {path}").format(path=escape(str(written))), highlight=False)


mermaid_app = typer.Typer(help="Mermaid 'journey' diagrams: export a map, import a diagram.", no_args_is_help=True)
app.add_typer(mermaid_app, name="mermaid")


@mermaid_app.command("export")
def mermaid_export(
    path: Path = typer.Argument(..., help="The map file."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of printing."),
) -> None:
    """Print a map as a Mermaid journey; warn about what Mermaid cannot hold."""
    result = renderers.mermaid_export(files.load(path))
    if output is None:
        sys.stdout.write(result.text)
    else:
        files.write_atomically(output, result.text.encode("utf-8"))
    _warn(result.warnings)


@mermaid_app.command("import")
def mermaid_import(
    path: Path = typer.Argument(..., help="The Mermaid file (.mmd)."),
    output: Path = typer.Option(..., "--output", "-o", help="The map file to write (.yaml or .json)."),
) -> None:
    """Make a map file from a Mermaid journey diagram."""
    result = renderers.mermaid_import(files.source.read_map_text(path), path=str(path))
    files.save(result.journey, output)
    _warn(result.warnings)
    console.print(
        _("Wrote {path}: {steps}").format(path=escape(str(output)), steps=counting.steps(len(result.journey.steps))), highlight=False
    )


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        err_console.print(
            "[yellow]{label}:[/] {text}".format(label=escape(_("Warning")), text=escape(warning)), highlight=False, soft_wrap=True
        )
