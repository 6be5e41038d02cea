"""A first map drafted from interview transcripts or open survey answers, offline.

Each sentence of the transcripts (TXT and DOCX: one utterance a line or
paragraph, an interviewer's lines such as ``Q: ...`` left out; CSV: the text
column, one answer a row) becomes a voice with its source file and line. On a template
with steps the voices are put on those steps; on a stage set, steps are
proposed from the journey words the interviews use (the glossary of
:mod:`journeymap.voice.mapping`), in the order they are first spoken of in
each interview, and spread over the stages in that order. Then, per step:
quotes as evidence (``source: folder#file:line``, ``proposed: true``), the
measured emotion and proposed pains (as ``voice analyze`` writes them),
goals (first-person sentences saying what the speaker wants), thoughts
(first-person questions) and gains (clearly positive sentences), in the
language of the text. The map is tagged ``proposed``: a person accepts it.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "anna.txt").write_text("Q: How did you pay?\\nA: I paid by card, it was quick and easy.\\n", encoding="utf-8")
>>> found = transcripts([folder])
>>> [(voice.id, voice.text) for voice in found.voices]
[('anna.txt:2', 'I paid by card, it was quick and easy.')]
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import mean
from typing import Any
from xml.etree import ElementTree

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..inflate import check_archive
from ..model import Journey, Stage, Step
from .aggregate import analyze, apply
from .intent import is_question
from .language import detect
from .lexicon import DATA
from .mapping import concepts
from .pipeline import Scored, map_languages
from .sources import ALIASES, FeedbackSet, Voice
from .text import prepared, words

SUFFIXES = (".txt", ".csv", ".docx")
"""The transcript files ``draft`` reads."""

LANE_CARDS = 3
"""At most this many proposed goals, thoughts and gains per step."""

_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_SPEAKER = re.compile(r"^\s*([^\W\d_][\w' ]{0,24}?)\s*:\s*")
_POSITIVE = 0.35
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_DOCX_BYTES = 64 * 2**20
"""What a DOCX document may inflate to."""


@dataclass(frozen=True)
class Draft:
    """A drafted map and what went into it."""

    journey: Journey
    sentences: int
    mapped: int
    files: int


@cache
def _settings() -> dict[str, Any]:
    return dict(json.loads((DATA / "draft.json").read_text(encoding="utf-8")))


def transcripts(paths: Sequence[str | Path]) -> FeedbackSet:
    """Return every sentence of the transcripts in ``paths`` (files or folders) as a voice with id ``file:line``."""
    found = [path for given in map(Path, paths) for path in (sorted(given.iterdir()) if given.is_dir() else [given])]
    missing = next((path for path in found if not path.exists()), None) or next((Path(given) for given in paths if not Path(given).exists()), None)
    if missing is not None:
        raise DataSourceError(_("{path}: no such file or folder").format(path=missing))
    files = [path for path in found if path.suffix.lower() in SUFFIXES]
    if not files:
        raise DataSourceError(_("{path}: no .txt, .docx or .csv transcripts here").format(path=", ".join(map(str, paths))))
    voices = [voice for path in files for voice in _voices(path)]
    if not voices:
        raise DataSourceError(_("{path}: the transcripts hold no sentences").format(path=", ".join(map(str, paths))))
    source = str(Path(paths[0]) if len(paths) == 1 else Path(paths[0]).parent)
    return FeedbackSet(source=source, voices=voices)


def _voices(path: Path) -> list[Voice]:
    suffix = path.suffix.lower()
    lines = _csv_lines(path) if suffix == ".csv" else _spoken(_docx_paragraphs(path) if suffix == ".docx" else path.read_text(encoding="utf-8", errors="replace").splitlines())
    return [
        Voice(row=line, text=sentence, id=f"{path.name}:{line}", channel="interview")
        for line, text in lines
        for sentence in _SENTENCE.split(text)
        if len(words(sentence)) >= 2
    ]


def _spoken(lines: list[str]) -> list[tuple[int, str]]:
    """Return ``(line number, text)`` of the lines an interviewee speaks (an interviewer's left out, speaker labels dropped)."""
    interviewer = set(_settings()["interviewer"])
    kept = []
    for number, line in enumerate(lines, start=1):
        speaker = _SPEAKER.match(line)
        if speaker and speaker.group(1).strip().lower() in interviewer:
            continue
        text = line[speaker.end() :] if speaker else line
        if text.strip():
            kept.append((number, text.strip()))
    return kept


def _docx_paragraphs(path: Path) -> list[str]:
    """Return the text of each paragraph of a DOCX document's body, in order."""
    check_archive(path, limit=MAX_DOCX_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise DataSourceError(_("{path}: not a readable DOCX document").format(path=path)) from None
    return [_paragraph_text(paragraph) for paragraph in root.iter(f"{_WORD}p")]


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    """Return a DOCX paragraph's text: its runs' text, a tab or a line break as a space."""
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{_WORD}t":
            parts.append(node.text or "")
        elif node.tag in (f"{_WORD}tab", f"{_WORD}br"):
            parts.append(" ")
    return "".join(parts)


def _csv_lines(path: Path) -> list[tuple[int, str]]:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        names = {name.strip().lower(): name for name in reader.fieldnames or []}
        column = next((names[alias] for alias in (*ALIASES["text"], "answer", "response") if alias in names), None)
        if column is None:
            raise DataSourceError(_("{path}: no text column; name it 'text' or 'answer'").format(path=path))
        return [(reader.line_num, row[column].strip()) for row in reader if (row.get(column) or "").strip()]


def draft(template: Journey, feedback: FeedbackSet, *, languages: Sequence[str] = ()) -> Draft:
    """Return a map drafted on ``template`` from the transcript sentences of ``feedback``."""
    candidates = map_languages(template, languages)
    unique = list(dict.fromkeys(voice.text for voice in feedback.voices))
    detected = dict(zip(unique, detect(unique, candidates)))
    journey = template if template.steps else _with_proposed_steps(template, feedback.voices, [detected[voice.text][0] for voice in feedback.voices])
    same = set(map_languages(journey, candidates)) == set(candidates)  # then the analysis need not detect them again
    analysis = analyze(journey, feedback, languages=candidates, detected=detected if same else None)
    drafted = apply(journey, analysis)
    by_step: dict[str, list[Scored]] = defaultdict(list)
    for record in analysis.records:
        if record.step_id is not None:
            by_step[record.step_id].append(record)
    if not template.steps:  # a proposed step no sentence landed on is dropped
        for stage in drafted.stages:
            stage.steps = [step for step in stage.steps if by_step.get(step.id)]
    for step in drafted.steps:
        _propose_cards(step, by_step.get(step.id, []))
    drafted.tags = [*drafted.tags, *(["proposed"] if "proposed" not in drafted.tags else [])]
    mapped = sum(len(records) for records in by_step.values())
    return Draft(drafted, len(feedback.voices), mapped, len({voice.id.rsplit(":", 1)[0] for voice in feedback.voices}))


def _with_proposed_steps(template: Journey, voices: Sequence[Voice], languages: Sequence[str]) -> Journey:
    """Return ``template`` with a step per journey concept the interviews speak of, in the order they are first spoken of."""
    positions = _first_mentions(voices, languages)
    names = _settings()["steps"]
    language = template.language.split("-")[0]
    ordered = sorted((mean(places), concept) for concept, places in positions.items() if concept in names)
    stages = [stage.model_copy(deep=True) for stage in template.stages] or [Stage.model_validate({"name": _("Journey")})]
    for place, concept in ordered:
        stage = stages[min(int(place * len(stages)), len(stages) - 1)]
        stage.steps.append(Step.model_validate({"name": names[concept].get(language, names[concept]["en"])}))
    return template.model_copy(update={"stages": stages})


def _first_mentions(voices: Sequence[Voice], languages: Sequence[str]) -> dict[str, list[float]]:
    """Return, per concept, where in each interview (0 = start, 1 = end) it is first spoken of."""
    per_file: dict[str, list[tuple[Voice, str]]] = defaultdict(list)
    for voice, language in zip(voices, languages):
        per_file[voice.id.rsplit(":", 1)[0]].append((voice, language))
    places: dict[str, list[float]] = defaultdict(list)
    for spoken in per_file.values():
        seen: set[str] = set()
        for index, (voice, language) in enumerate(spoken):
            for concept in dict.fromkeys(term[1:] for term in concepts(voice.text, language)):
                if concept not in seen:
                    seen.add(concept)
                    places[concept].append(index / max(len(spoken) - 1, 1))
    return places


def _propose_cards(step: Step, records: list[Scored]) -> None:
    settings = _settings()
    goals, thoughts = [], []
    for record in records:
        tokens = set(words(prepared(record.voice.text, record.language)))
        if not tokens & set(settings["first_person"].get(record.language, ())):
            continue
        joined = " " + " ".join(words(prepared(record.voice.text, record.language))) + " "
        if is_question(record.voice.text, record.language):
            thoughts.append(record.voice.text)
        elif any(f" {cue} " in joined for cue in settings["wants"].get(record.language, ())):
            goals.append(record.voice.text)
    gains = [record.voice.text for record in sorted(records, key=lambda record: -record.sentiment.score) if record.sentiment.score >= _POSITIVE]
    step.goals = _added(step.goals, goals)
    step.thoughts = _added(step.thoughts, thoughts)
    step.gains = _added(step.gains, gains)


def _added(cards: list[str], found: list[str]) -> list[str]:
    known = {card.lower() for card in cards}
    new = [text for text in dict.fromkeys(found) if text.lower() not in known][:LANE_CARDS]
    return [*cards, *new]
