"""New maps from templates: the seeds' stage sets and the bundled example maps."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from importlib import resources
from pathlib import Path

from ..errors import TemplateNotFound
from ..i18n import gettext as _, in_language
from ..model import STAGE_SETS, Journey, JourneyKind, Stage, slugify
from .io import load, loads

_EXAMPLES = resources.files("journeymap.files") / "examples"


@dataclass(frozen=True)
class Template:
    """A template a map can start from: a stage set or an example map."""

    name: str
    kind: str
    title: str
    description: str


def example_names() -> list[str]:
    """Return the names of the bundled example maps, sorted."""
    return sorted(entry.name.removesuffix(".yaml") for entry in _EXAMPLES.iterdir() if entry.name.endswith(".yaml"))


def example_path(name: str) -> Path:
    """Return the path of a bundled example map.

    >>> example_path("childrens-shop").name
    'childrens-shop.yaml'
    """
    if name not in example_names():
        raise TemplateNotFound(_not_found(name))
    return Path(str(_EXAMPLES / f"{name}.yaml"))


def templates() -> list[Template]:
    """Return every template: the stage sets, then the example maps."""
    stage_sets = [
        Template(key, _("stage set"), _(stage_set.name), _(stage_set.description)) for key, stage_set in STAGE_SETS.items()
    ]
    examples = []
    for name in example_names():
        journey = load(example_path(name))
        description = journey.description.strip().splitlines()[0] if journey.description.strip() else ""
        examples.append(Template(name, _("example map"), journey.title, description))
    return stage_sets + examples


def new_journey(template: str, *, title: str | None = None, language: str | None = None) -> Journey:
    """Return a new map from a stage set (empty stages) or a copy of an example map.

    A stage set's stage names and the new map's title are written in ``language``.

    >>> [stage.key for stage in new_journey("dcj").stages][:3]
    ['trigger', 'awareness', 'consideration']
    """
    if template in STAGE_SETS:
        with in_language(language):
            return _from_stage_set(template, title=title, language=language)
    journey = loads(example_path(template).read_text(encoding="utf-8"), path=template)
    if title:
        journey.title = title
    if language:
        journey.language = language
    return journey


def _from_stage_set(key: str, *, title: str | None, language: str | None) -> Journey:
    stage_set = STAGE_SETS[key]
    stages = [
        Stage(id=template.key, key=template.key, name=template.title, moment_of_truth=template.moment_of_truth)
        for template in stage_set.stages
    ]
    title = title or _("New journey map")
    return Journey(
        id=slugify(title),
        title=title,
        kind=JourneyKind.dcj if key == "dcj" else JourneyKind.cjm,
        language=language or "en",
        stage_set=key,
        cyclical=stage_set.cyclical,
        stages=stages,
    )


def _not_found(name: str) -> str:
    known = [other for other in (*STAGE_SETS, *example_names()) if other != name]
    message = _("no template named '{name}'").format(name=name)
    suggestion = get_close_matches(name, known, n=1)
    if suggestion:
        return message + _("; did you mean '{suggestion}'?").format(suggestion=suggestion[0])
    return message + _("; 'journeymap templates' lists them")
