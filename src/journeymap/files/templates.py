"""New maps from templates: the seeds' stage sets and the bundled example maps."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ruamel.yaml import YAML
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, ScalarEvent

from ..errors import TemplateNotFound
from ..i18n import gettext as _, in_language
from ..model.stage_sets import STAGE_SETS

if TYPE_CHECKING:
    from ..model import Journey

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
    stage_sets = [Template(key, _("stage set"), _(stage_set.name), _(stage_set.description)) for key, stage_set in STAGE_SETS.items()]
    return stage_sets + [Template(name, _("example map"), *_heading(example_path(name))) for name in example_names()]


def new_journey(template: str, *, title: str | None = None, language: str | None = None) -> Journey:
    """Return a new map from a stage set (empty stages) or a copy of an example map.

    A stage set's stage names and the new map's title are written in ``language``.

    >>> [stage.key for stage in new_journey("dcj").stages][:3]
    ['trigger', 'awareness', 'consideration']
    """
    if template in STAGE_SETS:
        with in_language(language):
            return _from_stage_set(template, title=title, language=language)
    from .io import loads  # the map model and its parser: not for listing the templates

    journey = loads(example_path(template).read_text(encoding="utf-8"), path=template)
    if title:
        journey.title = title
    if language:
        journey.language = language
    return journey


def _heading(path: Path) -> tuple[str, str]:
    """Return an example map's title and the first line of its description.

    Reads the parser's events only until both are found (the examples are validated by the tests),
    so listing the templates does not parse whole maps.
    """
    found: dict[str, str] = {}
    depth, key = 0, None
    for event in YAML(typ="safe").parse(path.read_text(encoding="utf-8")):
        if isinstance(event, CollectionStartEvent):
            depth, key = depth + 1, None
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        elif isinstance(event, ScalarEvent) and depth == 1:
            if key is None:
                key = event.value
                continue
            found[key] = event.value
        if depth == 1:
            key = None
        if {"title", "description"} <= found.keys():
            break
    description = found.get("description", "").strip()
    return found.get("title", ""), description.splitlines()[0] if description else ""


def _from_stage_set(key: str, *, title: str | None, language: str | None) -> Journey:
    from ..model import Journey, JourneyKind, Stage, slugify

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
