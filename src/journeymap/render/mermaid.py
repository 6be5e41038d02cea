"""Mermaid ``journey`` diagrams: export a map, import one; what Mermaid cannot hold is warned about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import counting
from ..errors import MapFileError
from ..i18n import gettext as _
from ..model import EmotionScale, Journey, Step, slugify

LOWEST, HIGHEST = 1, 5
"""Mermaid's task scores."""
_RESERVED = re.compile(r"[:;#\n\r]+")
_RESERVED_IN_ACTORS = re.compile(r"[:;#,\n\r]+")
_LOST_LANES = (
    "description", "goals", "thoughts", "sees", "pains", "gains", "barriers", "problems", "ideas", "key_factors",
    "touchpoints", "evidence", "moments_of_truth", "blueprint", "communications", "custom", "binding",
)


@dataclass
class Conversion:
    """A map written as a Mermaid diagram, with the warnings about what did not carry over."""

    text: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Imported:
    """The map a Mermaid diagram describes, with the warnings about lines that were not understood."""

    journey: Journey
    warnings: list[str] = field(default_factory=list)


def to_score(value: float | None, scale: EmotionScale) -> int:
    """Return Mermaid's 1..5 score for an emotion on the map's scale (neutral 3 when unknown).

    >>> to_score(-2, EmotionScale()), to_score(0, EmotionScale()), to_score(2, EmotionScale())
    (1, 3, 5)
    """
    if value is None:
        return 3
    share = (value - scale.min) / (scale.max - scale.min)
    return max(LOWEST, min(HIGHEST, round(LOWEST + share * (HIGHEST - LOWEST))))


def from_score(score: int, scale: EmotionScale) -> float:
    """Return the emotion on the map's scale for a Mermaid score.

    >>> from_score(1, EmotionScale()), from_score(4, EmotionScale())
    (-2.0, 1.0)
    """
    return scale.min + (score - LOWEST) / (HIGHEST - LOWEST) * (scale.max - scale.min)


def export(journey: Journey) -> Conversion:
    """Return the map as a Mermaid ``journey`` diagram, with a warning for each thing left out.

    >>> from journeymap.model import Journey
    >>> result = export(Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": 1}}]}]))
    >>> print(result.text, end="")
    journey
        title Shop
        section Buy
          Pays: 4
    """
    result = Conversion()
    lines = ["journey", "    title " + _clean(journey.title, _("title"), result.warnings)]
    lines += _accessibility(journey)
    for stage in journey.stages:
        lines.append("    section " + _clean(stage.name, _("stage '{name}'").format(name=stage.id), result.warnings))
        for step in stage.steps:
            lines.append("      " + _task(journey, step, result.warnings))
    result.text = "\n".join(lines) + "\n"
    result.warnings += _lost(journey)
    return result


def _accessibility(journey: Journey) -> list[str]:
    """``accTitle`` and ``accDescr`` lines (a block when the description has several lines)."""
    lines = ["    accTitle: " + " ".join(journey.accessible_title.split())] if journey.accessible_title.strip() else []
    description = [line.strip() for line in journey.description.replace("}", ")").strip().splitlines()]
    if len(description) == 1:
        lines.append("    accDescr: " + description[0])
    elif description:
        lines += ["    accDescr {", *("      " + line for line in description), "    }"]
    return lines


def _task(journey: Journey, step: Step, warnings: list[str]) -> str:
    name = _clean(step.name, _("step '{name}'").format(name=step.id), warnings)
    score = to_score(step.emotion.actual, journey.emotion_scale)
    if step.emotion.actual is not None and from_score(score, journey.emotion_scale) != step.emotion.actual:
        warnings.append(_("step '{name}': emotion {value:g} rounded to Mermaid score {score}").format(
            name=step.id, value=step.emotion.actual, score=score))
    actors = [_clean(persona.name, _("persona '{name}'").format(name=persona.id), warnings, _RESERVED_IN_ACTORS)
              for persona in journey.personas if not persona.steps or step.id in persona.steps]
    return f"{name}: {score}" + (": " + ", ".join(actors) if actors else "")


def _clean(text: str, where: str, warnings: list[str], reserved: re.Pattern[str] = _RESERVED) -> str:
    cleaned = " ".join(reserved.sub(" ", text).split())
    if cleaned != " ".join(text.split()):
        message = _("{where}: '{marks}' and line breaks cannot be written there in Mermaid; replaced by spaces")
        marks = "".join(mark for mark in ":;#," if mark in text and reserved.search(mark))
        warning = message.format(where=where, marks=marks)
        if warning not in warnings:
            warnings.append(warning)
    return cleaned or "-"


def _lost(journey: Journey) -> list[str]:
    steps = journey.steps
    counts = {lane: sum(1 for step in steps if getattr(step, lane)) for lane in _LOST_LANES}
    counts.update({
        "emotion.desired": sum(1 for step in steps if step.emotion.desired is not None),
        "emotion.label": sum(1 for step in steps if step.emotion.label or step.emotion.emoji),
        "metrics": sum(1 for step in steps if step.metrics.model_dump(exclude_defaults=True)),
    })
    parts = [_("{lane} ({steps})").format(lane=lane, steps=counting.steps(count)) for lane, count in counts.items() if count]
    parts += [
        _("{what} ({count})").format(what=what, count=count)
        for what, count in (("opportunities", len(journey.opportunities)), ("insights", len(journey.insights)), ("lanes", len(journey.lanes)))
        if count
    ]
    if not parts:
        return []
    return [_("not exported, Mermaid journeys have no place for them: {parts}").format(parts=", ".join(parts))]


_TASK = re.compile(r"^(?P<name>[^:]+):\s*(?P<score>[^:]*?)\s*(?::\s*(?P<actors>.*))?$")
_KEYWORD = re.compile(r"^(?P<keyword>journey|title|section|acctitle|accdescr)(?:\s+|\s*(?=:)|$)(?P<rest>.*)$", re.IGNORECASE)
_MULTILINE = re.compile(r"accDescr\s*\{(?P<text>[^}]*)\}", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"^\s*---[ \t]*\n(?P<body>.*?)\n[ \t]*---[ \t]*(?:\n|$)", re.DOTALL)
LOWEST_READ = 0
"""Mermaid accepts task scores from 0; a 0 is read as the lowest emotion of the map (the score 1)."""


def parse(text: str, *, path: str | None = None) -> Imported:
    """Return the map a Mermaid ``journey`` diagram describes; unknown lines become warnings.

    Every form of Mermaid's journey grammar is read: a front-matter block
    (``---`` ... ``---``, its ``title`` used when the diagram has none),
    ``%%`` and ``#`` comments, keywords in any case, ``accTitle:``,
    ``accDescr:`` and a multi-line ``accDescr { ... }`` (kept as the map's
    ``accessible_title`` and ``description``), scores 0 to 5. Scores 1..5
    become emotions on the default -2..+2 scale (0 as 1); actors become
    personas taking part in the steps they are named at.

    >>> result = parse("journey\\n  title Shop\\n  section Buy\\n    Pays: 4: Olga\\n")
    >>> [(step.name, step.emotion.actual) for step in result.journey.steps], result.journey.personas[0].name
    ([('Pays', 1.0)], 'Olga')
    """
    warnings: list[str] = []
    body, settings = _without_front_matter(text.replace("\r\n", "\n"))
    described: list[str] = []
    body = _MULTILINE.sub(lambda found: _kept(found, described), body)
    lines = [(number, _uncommented(line)) for number, line in enumerate(body.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    if not lines or lines[0][1].lower() != "journey":
        raise MapFileError(_("a Mermaid journey starts with the line 'journey'"), path=path, line=lines[0][0] if lines else 1)
    found: dict[str, str] = {"title": settings.get("title", ""), "description": "\n".join(described)}
    stages: list[dict] = []
    actors: dict[str, list[str]] = {}
    for number, line in lines[1:]:
        keyword = _KEYWORD.match(line)
        if keyword is not None and keyword["keyword"].lower() != "journey":
            _statement(keyword["keyword"].lower(), keyword["rest"].strip(), found, stages)
        elif (task := _TASK.match(line)) is not None:
            if not stages:
                stages.append({"name": _("Journey"), "steps": []})
            step = _step(task, number, path, stages, warnings)
            stages[-1]["steps"].append(step)
            for actor in filter(None, (" ".join(name.split()) for name in (task["actors"] or "").split(","))):
                actors.setdefault(actor, []).append(step["id"])
        else:
            warnings.append(_("line {line}: not understood, skipped: {text}").format(line=number, text=line))
    every = [step["id"] for stage in stages for step in stage["steps"]]
    personas = [{"name": name, "steps": [] if steps == every else steps} for name, steps in actors.items()]
    title = found["title"] or found.get("accessible_title") or _("Untitled journey")
    accessible = found.get("accessible_title", "")
    journey = Journey.model_validate({
        "title": title, "description": found["description"], "accessible_title": "" if accessible == title else accessible,
        "stages": _unique(stages), "personas": personas,
    })
    return Imported(journey, warnings)


def _statement(keyword: str, rest: str, found: dict[str, str], stages: list[dict]) -> None:
    """Keep a keyword line: the title, an accessibility text, or a new section."""
    if keyword == "title":
        found["title"] = rest
    elif keyword == "section":
        stages.append({"name": rest or "-", "steps": []})
    else:
        value = rest.removeprefix(":").strip()
        found["accessible_title" if keyword == "acctitle" else "description"] = value


def _without_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """The diagram without its front matter (its lines kept blank, so line numbers hold) and the front matter's top-level values."""
    block = _FRONT_MATTER.match(text)
    if block is None:
        return text, {}
    settings = {}
    for line in block["body"].splitlines():
        key, colon, value = line.partition(":")
        if colon and not line[:1].isspace() and value.strip():
            settings[key.strip()] = value.strip().strip("'\"")
    return "\n" * block.group(0).count("\n") + text[block.end():], settings


def _kept(block: re.Match[str], described: list[str]) -> str:
    """Keep a multi-line ``accDescr { ... }``: its lines, trimmed; the block becomes as many line breaks."""
    described.append("\n".join(line.strip() for line in block["text"].strip().splitlines()))
    return "\n" * block.group(0).count("\n") + "\n"


def _uncommented(line: str) -> str:
    """A line without its comment: ``%%`` to the end (directives too) or ``#`` to the end."""
    stripped = line.strip()
    if stripped.startswith("%%"):
        return ""
    return stripped.split("#", 1)[0].strip()


def _step(task: re.Match[str], number: int, path: str | None, stages: list[dict], warnings: list[str]) -> dict:
    name = task["name"].strip()
    try:
        score = int(task["score"])
    except ValueError:
        score = -1
    if not LOWEST_READ <= score <= HIGHEST:
        raise MapFileError(_("task '{name}': the score must be a whole number from 0 to 5, not '{score}'").format(
            name=name, score=task["score"]), path=path, line=number)
    if score < LOWEST:
        warnings.append(_("line {line}: score 0 read as 1, the lowest emotion of the map").format(line=number))
    taken = {step["id"] for stage in stages for step in stage["steps"]}
    return {"id": _free_id(name, taken), "name": name, "emotion": {"actual": from_score(max(score, LOWEST), EmotionScale())}}


def _free_id(name: str, taken: set[str]) -> str:
    base = slugify(name)
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


def _unique(stages: list[dict]) -> list[dict]:
    taken: set[str] = set()
    for stage in stages:
        stage["id"] = _free_id(slugify(stage["name"]), taken)
        taken.add(stage["id"])
    return stages
