"""Commands for map files: templates, new, validate, schema, show."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from .. import counting, files
from ..errors import JourneymapError, MapFileError
from ..i18n import gettext as _
from .app import app, console, err_console, print_json, print_output

if TYPE_CHECKING:
    from ..files.split_items import SplitItem
    from ..model import Journey


@app.command()
def templates(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """List the stage sets and example maps a new map can start from."""
    found = files.templates()
    if as_json:
        print_output("templates", [template.__dict__ for template in found])
        return
    table = Table(_("Template"), _("Kind"), _("Title"), _("Description"), title=_("Templates"))
    for template in found:
        table.add_row(template.name, template.kind, escape(template.title), escape(template.description))
    console.print(table)


@app.command()
def new(
    path: Path = typer.Argument(..., help="The map file to create (.yaml or .json)."),
    template: str = typer.Option("lifecycle", "--template", "-t", help="A stage set or example map: see 'journeymap templates'."),
    title: str | None = typer.Option(None, help="Title of the new map."),
    language: str | None = typer.Option(None, "--language", help="Language of the map's text, e.g. ru."),
    force: bool = typer.Option(False, "--force", help="Overwrite the file if it exists."),
) -> None:
    """Create a map file from a template."""
    if path.exists() and not force:
        raise MapFileError(_("file exists; choose another name or pass --force"), path=path)
    journey = files.new_journey(template, title=title, language=language)
    files.save(journey, path)
    console.print(_("Created {path}: {stages}, {steps}.").format(path=escape(str(path)), stages=counting.stages(len(journey.stages)), steps=counting.steps(len(journey.steps))))


@app.command()
def validate(paths: list[Path] = typer.Argument(..., help="Map files to check.")) -> None:
    """Check map files; print OK, or every problem as file:line:col: message (exit 2)."""
    failed = 0
    for path in paths:
        try:
            journey = files.load(path)
        except JourneymapError as error:
            failed += 1
            for problem in getattr(error, "problems", [error]):
                err_console.print(escape(str(problem)), highlight=False)
            continue
        for item in _split_items(path):
            err_console.print(escape(item.message(str(path))), highlight=False)
        console.print(_("{path}: OK ({stages}, {steps})").format(path=escape(str(path)), stages=counting.stages(len(journey.stages)), steps=counting.steps(len(journey.steps))))
    if failed:
        raise typer.Exit(2)


def _split_items(path: Path) -> list[SplitItem]:
    """Return the items of the map's lists that look split at a comma (YAML files only)."""
    if path.suffix not in {".yaml", ".yml"}:
        return []
    from ..files.split_items import split_items  # the round-trip YAML parser only when a file is checked

    return split_items(path.read_text(encoding="utf-8"))


@app.command()
def schema(
    output: bool = typer.Option(False, "--output", help="Print instead the JSON Schema of what command NAME prints with --json, e.g. --output funnel (--output alone lists the names)."),
    name: str | None = typer.Argument(None, help="With --output: the command, its words joined by -, e.g. funnel, events-inspect, voice-analyze.", metavar="NAME", show_default=False),
) -> None:
    """Print the JSON Schema of the map file, or of a command's --json output."""
    if not output and name is None:
        print_json(files.json_schema())
        return
    from ..outputs import output_schema

    print_json(output_schema(name))


@app.command()
def show(path: Path = typer.Argument(..., help="The map file.")) -> None:
    """Print a summary of a map: stages, steps, emotions, barriers, metrics."""
    journey = files.load(path)
    console.print(f"[bold]{escape(journey.title)}[/]  [dim]{journey.kind.value} · {journey.state.value} · {journey.language}[/]")
    if journey.personas:
        console.print(_("Personas: {names}").format(names=escape(", ".join(persona.name for persona in journey.personas))))
    console.print(_steps_table(journey))
    if journey.opportunities:
        console.print(_("Opportunities: {count}").format(count=len(journey.opportunities)))


def _steps_table(journey: Journey) -> Table:
    table = Table(_("Stage"), _("Step"), _("Emotion"), _("Touchpoints"), _("Audience"), _("Conversion"), _("Barriers"))
    for stage, step in journey.iter_steps():
        emotion = step.emotion.actual
        point = journey.emotion_scale.point(emotion) if emotion is not None else None
        audience, conversion = step.metrics.audience, step.metrics.conversion
        table.add_row(
            escape(stage.name),
            escape(step.name),
            f"{point.emoji} {emotion:+g}" if point and emotion is not None else "",
            escape(", ".join(touchpoint.name or touchpoint.channel for touchpoint in step.touchpoints)),
            f"{audience.value:,.0f}" if audience and audience.value is not None else "",
            f"{conversion.value:.0%}" if conversion and conversion.value is not None else "",
            str(len(step.barriers)) if step.barriers else "",
        )
    return table
