"""``journeymap voice``: feedback, surveys and social posts onto the map."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from .. import counting, files, voice
from ..errors import DataSourceError, MapFileError
from ..i18n import gettext as _, ngettext
from .app import app, console, err_console, print_output

if TYPE_CHECKING:
    from ..model import Journey

voice_app = typer.Typer(help="Hear the customer: feedback, surveys and social posts onto the map.", no_args_is_help=True)
app.add_typer(voice_app, name="voice")

FEEDBACK = typer.Argument(..., help="Feedback file: .csv, .tsv, .jsonl (.gz ok) or .xlsx with a text column.")
JSON = typer.Option(False, "--json", help="Print JSON instead of tables.")
COLUMNS = typer.Option(None, "--columns", help="Column names when they differ: text=message,date=created_at.")
LANGUAGES = typer.Option(None, "--languages", help="Extra languages to detect besides the map's and English: ru,kk.")
SCALE = typer.Option(None, "--scale", help="Rating scale: csat, nps, ces or stars (detected from the values by default).")
DATES = typer.Option(None, "--day-first/--month-first", help="Read dates such as 03/05/2024 day-first or month-first (by default each date column's values decide: a number over 12 settles it).")
MODEL = typer.Option(None, "--model", help="A local transformers model directory to use instead of the bundled models.")


def _columns(value: str | None) -> dict[str, str]:
    pairs = [part.split("=", 1) for part in (value or "").split(",") if part.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise DataSourceError(_("--columns takes field=column pairs separated by commas, e.g. text=message,date=created_at"))
    return {field.strip(): column.strip() for field, column in pairs}


def _languages(value: str | None) -> list[str]:
    chosen = [code.strip().lower() for code in (value or "").split(",") if code.strip()]
    unknown = [code for code in chosen if code not in voice.SUPPORTED]
    if unknown:
        raise DataSourceError(_("unknown language '{language}'; use one of: {languages}").format(language=unknown[0], languages=", ".join(voice.SUPPORTED)))
    return chosen


def _feedback(path: Path, columns: str | None, day_first: bool | None = None) -> voice.FeedbackSet:
    order = None if day_first is None else ("day-first" if day_first else "month-first")
    found = voice.read_feedback(path, columns=_columns(columns), dates=order)
    for dates in found.dates:
        err_console.print(f"{escape(str(path))}: {escape(dates.note())}", highlight=False, soft_wrap=True)
    return found


def _print_bad_rows(bad_rows: list[voice.BadRow]) -> None:
    if bad_rows:
        console.print(ngettext("{count} row or field could not be used:", "{count} rows or fields could not be used:", len(bad_rows)).format(count=len(bad_rows)))
        for bad in bad_rows[:20]:
            console.print(f"  {_('row')} {bad.row}{' ' + bad.field if bad.field else ''}: {escape(bad.reason)}")
        if len(bad_rows) > 20:
            console.print(_("  … and {count} more (see --json)").format(count=len(bad_rows) - 20))


@voice_app.command()
def inspect(path: Path = FEEDBACK, columns: str | None = COLUMNS, languages: str | None = LANGUAGES, scale: str | None = SCALE, as_json: bool = JSON, day_first: bool | None = DATES) -> None:
    """Show what a feedback file holds: rows, languages, channels, ratings, dates, bad rows."""
    found = voice.inspect(_feedback(path, columns, day_first), languages=voice.map_languages(None, _languages(languages)), rating_scale=scale)
    if as_json:
        print_output("voice-inspect", voice.report.inspection_dict(found))
        return
    table = Table(_("Field"), _("Value"), title=escape(str(path)))
    table.add_row(_("Rows"), str(found.rows))
    table.add_row(_("Languages"), ", ".join(f"{code} {count}" for code, count in found.languages.items()))
    table.add_row(_("Channels"), escape(", ".join(f"{name} {count}" for name, count in found.channels.items())))
    if found.ratings is not None:
        table.add_row(_("Ratings"), f"{found.ratings.scale}: {found.ratings.value} ({_('mean')} {found.ratings.mean}, n={found.ratings.count})")
    if found.date_from is not None and found.date_to is not None:
        table.add_row(_("Dates"), f"{found.date_from.date()} … {found.date_to.date()}")
    table.add_row(_("With a step"), str(found.with_step))
    table.add_row(_("With a reply"), str(found.with_reply))
    console.print(table)
    _print_bad_rows(found.bad_rows)


@voice_app.command()
def analyze(
    path: Path = FEEDBACK,
    map_path: Path = typer.Option(..., "--map", help="The journey map to put the voices on."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the map with measured emotion, quotes and proposed pains here."),
    threshold: float = typer.Option(voice.DEFAULT_THRESHOLD, help="Lowest text similarity that puts a voice on a step."),
    columns: str | None = COLUMNS,
    languages: str | None = LANGUAGES,
    scale: str | None = SCALE,
    model: Path | None = MODEL,
    as_json: bool = JSON,
    day_first: bool | None = DATES,
) -> None:
    """Score feedback, put each voice on its step and write measured emotion onto the map."""
    journey = files.load(map_path)
    analysis = voice.analyze(journey, _feedback(path, columns, day_first), model=voice.load_model(model) if model else None,
                             languages=_languages(languages), threshold=threshold, rating_scale=scale)
    if output is not None:
        files.save(voice.apply(journey, analysis), output)
    if as_json:
        print_output("voice-analyze", voice.report.analysis_dict(analysis))
        return
    table = Table(_("Step"), _("Voices"), _("Neg"), _("Neu"), _("Pos"), _("Emotion"), _("Authored"), _("Keywords"), title=_("Voices per step"))
    for group in analysis.steps:
        authored = journey.step(group.id).emotion.actual
        table.add_row(escape(group.name), str(group.mentions), *(str(group.distribution[label]) for label in voice.LABELS),
                      f"{group.emotion:+.2f}", "" if authored is None else f"{authored:+g}", escape(", ".join(k.phrase for k in group.keywords[:3])))
    console.print(table)
    console.print(_("{voices} voices, {mapped} on steps ({methods}), {unmapped} unmapped.").format(
        voices=len(analysis.records), mapped=len(analysis.records) - len(analysis.unmapped),
        methods=", ".join(f"{name} {count}" for name, count in analysis.methods.items() if name != "none"), unmapped=len(analysis.unmapped)))
    for record in analysis.unmapped[:10]:
        reason = f" ({escape(record.assignment.reason)})" if record.assignment and record.assignment.reason else ""
        console.print(f"  {_('row')} {record.voice.row}: {escape(record.voice.text[:80])}{reason}")
    _print_bad_rows(analysis.bad_rows)
    if output is not None:
        console.print(_("Wrote {path}.").format(path=escape(str(output))))


@voice_app.command()
def keywords(
    path: Path = FEEDBACK,
    map_path: Path | None = typer.Option(None, "--map", help="The journey map (needed for --by step or stage)."),
    by: str = typer.Option("all", "--by", help="Group keywords by step, stage or all."),
    top: int = typer.Option(15, "--top", min=1, max=200, help="How many keywords per group."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write a word cloud (.png or .svg); one file per group with --by."),
    columns: str | None = COLUMNS,
    languages: str | None = LANGUAGES,
    as_json: bool = JSON,
    day_first: bool | None = DATES,
) -> None:
    """Top keywords (YAKE) of the feedback, per step or stage, and word clouds."""
    groups = voice.keyword_groups(_feedback(path, columns, day_first), journey=files.load(map_path) if map_path else None, by=by, top=top, languages=_languages(languages))
    written = [str(voice.render_cloud({k.phrase: k.weight for k in found}, voice.cloud_path(output, group, len(groups)))) for group, found in groups.items() if found] if output else []
    if as_json:
        print_output("voice-keywords", {"groups": {group: voice.report.keywords_list(found) for group, found in groups.items()}, "files": written})
        return
    for group, found in groups.items():
        console.print(f"[bold]{escape(group)}[/]: {escape(', '.join(keyword.phrase for keyword in found))}")
    for name in written:
        console.print(_("Wrote {path}.").format(path=escape(name)))


@voice_app.command()
def listening(
    path: Path = FEEDBACK,
    columns: str | None = COLUMNS,
    languages: str | None = LANGUAGES,
    model: Path | None = MODEL,
    brand: str | None = typer.Option(None, "--brand", help="The brand's own accounts (authors), comma-separated: their posts are answers, linked by reply_to or thread."),
    competitors: str | None = typer.Option(None, "--competitors", help="Competitors' names, comma-separated: a negative voice naming one needs no answer."),
    as_json: bool = JSON,
    day_first: bool | None = DATES,
) -> None:
    """Complaints, questions and requests answered, and time to first answer, by channel, month and week."""
    found = voice.listening_report(
        _feedback(path, columns, day_first),
        languages=voice.map_languages(None, _languages(languages)),
        model=voice.load_model(model) if model else None,
        brand=_names(brand),
        competitors=_names(competitors),
    )
    if as_json:
        print_output("voice-listening", voice.report.listening_dict(found))
        return
    table = Table(_("Slice"), _("Posts"), _("Complaints"), _("Questions"), _("Requests"), _("Answered"), _("Unanswered"), _("Median h"), _("P90 h"), title=_("What needs an answer, and the answers"))
    for stats in [found.overall, *found.by_channel, *found.by_week]:
        share = stats.unanswered_share
        table.add_row(escape(stats.key), str(stats.posts), str(stats.complaints), str(stats.questions), str(stats.requests), str(stats.answered), "" if share is None else f"{share:.0%}",
                      "" if stats.median_hours is None else f"{stats.median_hours:.1f}", "" if stats.p90_hours is None else f"{stats.p90_hours:.1f}")
    console.print(table)


def _names(text: str | None) -> list[str]:
    return [name.strip() for name in (text or "").split(",") if name.strip()]


@voice_app.command()
def evaluate(
    path: Path | None = typer.Argument(None, help="Labelled CSV with text and label (negative, neutral, positive), optionally language and split; without it, the bundled shop, app and support sets."),
    lang: str | None = typer.Option(None, "--lang", help="The language of every text (else the language column, else detected)."),
    split: str = typer.Option("test", "--split", help="Rows of a file with a split column to use: dev, test or all."),
    public: Path | None = typer.Option(None, "--public", help="Also the public test splits in this folder (<lang>/test.csv), each beside the bundled sets."),
    model: Path | None = MODEL,
    as_json: bool = JSON,
) -> None:
    """Accuracy and macro-F1 of the sentiment model per language, against two baselines."""
    sets = [(path, lang, path.name)] if path is not None else [(bundled, bundled.stem, "journeymap") for bundled in voice.bundled_sets()]
    sets += [(found, found.parent.name, "public") for found in voice.public_sets(public)] if public is not None else []
    loaded = voice.load_model(model)
    found = [row for source, language, name in sets for row in voice.evaluate(voice.read_labelled(source, language=language, split=split), loaded, name=name)]
    if as_json:
        print_output("voice-evaluate", voice.report.evaluation_list(found))
        return
    table = Table(_("Set"), _("Language"), _("Texts"), _("Accuracy"), _("Macro-F1"), _("Majority acc"), _("Majority F1"), _("Lexicon acc"), _("Lexicon F1"), title=_("Sentiment evaluation"))
    for row in found:
        table.add_row(escape(row.set), row.language, str(row.count), *(f"{value:.3f}" for scores in (row.model, row.majority, row.lexicon) for value in (scores.accuracy, scores.macro_f1)))
    console.print(table)


@voice_app.command()
def sample(output: Path = typer.Option(..., "--output", "-o", help="Where to copy the sample feedback CSV.")) -> None:
    """Copy the bundled sample feedback (for the childrens-shop example map) to a file."""
    if not output.parent.is_dir():
        raise DataSourceError(_("{path}: folder does not exist; create it first").format(path=output.parent))
    files.write_atomically(output, voice.sample_path().read_bytes())
    console.print(_("Wrote {path}.").format(path=escape(str(output))))


@app.command()
def draft(
    paths: list[Path] = typer.Argument(..., help="Interview transcripts or open survey answers: .txt or .docx files (one utterance a line or paragraph) or .csv files (a text or answer column), or folders of them."),
    output: Path = typer.Option(..., "--output", "-o", help="The map file to write (.yaml or .json)."),
    template: str = typer.Option("lifecycle", "--template", "-t", help="A stage set (steps are proposed) or an example map (voices go on its steps): see 'journeymap templates'."),
    title: str | None = typer.Option(None, help="Title of the drafted map."),
    language: str | None = typer.Option(None, "--language", help="Language of the map's text, e.g. ru."),
    languages: str | None = LANGUAGES,
    force: bool = typer.Option(False, "--force", help="Overwrite the output file if it exists."),
    llm_url: str | None = typer.Option(None, "--llm-url", help="A local OpenAI-compatible server (llama.cpp, Ollama) that improves the draft: names, describes and merges steps, phrases goals, chooses quotes; e.g. http://localhost:8080."),
    llm_model: str | None = typer.Option(None, "--llm-model", help="The model the --llm-url server should use (by default the first it lists)."),
    llm_timeout: float = typer.Option(120.0, "--llm-timeout", min=1, help="Seconds to wait for the --llm-url server's answer."),
) -> None:
    """Draft a first map from interviews, offline: steps, goals, thoughts, pains, gains and quotes, all proposed."""
    if output.exists() and not force:
        raise MapFileError(_("file exists; choose another name or pass --force"), path=output)
    if llm_url is not None:
        voice.llm_endpoint(llm_url)  # a wrong or public address stops here, before any work
    found = voice.draft(files.new_journey(template, title=title, language=language), voice.transcripts(paths), languages=_languages(languages))
    if llm_url is not None:
        _improved_by_model(found.journey, llm_url, llm_model, llm_timeout)
    files.save(found.journey, output)
    console.print(_("Drafted {path}: {steps} from {sentences} sentences in {files} files, {mapped} of them on steps; every card is proposed.").format(
        path=escape(str(output)), steps=counting.steps(len(found.journey.steps)), sentences=found.sentences, files=found.files, mapped=found.mapped))


def _improved_by_model(journey: Journey, url: str, model: str | None, timeout: float) -> None:
    """Let the local model improve the draft; if it cannot, say why and keep the extractive draft."""
    try:
        done = voice.improve_steps(journey, url, model=model, timeout=timeout)
    except DataSourceError as error:
        err_console.print(f"[yellow]{escape(str(error))}; " + escape(_("the draft is written without the model")) + "[/]", highlight=False, soft_wrap=True)
        return
    message = _("The model {model} at {url}: steps renamed: {renamed} of {total}; merged into another: {merged}; goals phrased: {goals}; dropped, as not found in the interviews: quotes {quotes}, goals {dropped}.")
    console.print(message.format(model=escape(done.model), url=escape(url), renamed=done.renamed, total=len(journey.steps) + done.merged, merged=done.merged,
                                 goals=done.goals, quotes=done.quotes_dropped, dropped=done.goals_dropped), highlight=False, soft_wrap=True)
