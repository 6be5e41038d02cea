"""Two versions of a map side by side: each step as it was and as it is, changed steps and cards marked.

The steps are matched by id and marked with the store's :func:`~journeymap.store.diff`, and
every change is also listed in words (:func:`~journeymap.store.describe`);
the cards are the renderers' texts of each lane (:mod:`journeymap.render.lanes`),
compared in order. A mark is a word (*added*, *removed*, *changed*) as well as a
colour, so it does not rest on colour alone.

>>> old = Journey.model_validate({"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Pays", "pains": ["slow"]}]}]})
>>> new = Journey.model_validate({"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Pays", "pains": ["slow", "fees"]}, {"name": "Leaves"}]}]})
>>> [(row.step, row.mark) for row in side_by_side(old, new).rows]
[('pays', 'changed'), ('leaves', 'added')]
>>> [(card.text, card.mark) for card in side_by_side(old, new).rows[0].new.lanes[0].cards]
[('slow', ''), ('fees', 'added')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..errors import JourneymapError
from ..i18n import gettext as _, in_language
from ..model import Journey, Step
from ..render.lanes import all_lanes, cards
from ..store import Described, describe, diff, journey_of
from .api_revisions import get_revision, list_revisions
from .auth import caller
from .metric_cells import metric_cells
from .pages import _error_page, _to_login
from .templating import page_language, render_page

router = APIRouter(include_in_schema=False)


@dataclass
class Card:
    """One card's text and its mark: '', 'added', 'removed' or 'changed'."""

    text: str
    mark: str = ""


@dataclass
class Lane:
    """A lane's cards at one step in one version."""

    title: str
    cards: list[Card]


@dataclass
class Side:
    """A step as one version has it: its name and mark, its one-line fields (stage, emotion, event, marks) and lanes."""

    name: str
    mark: str
    fields: list[tuple[str, Card]]
    lanes: list[Lane]


@dataclass
class Row:
    """One step in both versions (``old`` or ``new`` is None where the step is missing)."""

    step: str
    mark: str
    old: Side | None
    new: Side | None


@dataclass
class Comparison:
    """The rows of steps side by side, and every change in the words of the map (:func:`~journeymap.store.describe`)."""

    rows: list[Row]
    described: list[Described] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """How many steps were added, removed and changed."""
        return {mark: sum(row.mark == mark for row in self.rows) for mark in ("added", "removed", "changed")}


def side_by_side(old: Journey, new: Journey) -> Comparison:
    """Return the steps of ``old`` and ``new`` matched by id, with their changes marked, and every change in words."""
    changes = diff(old.model_dump(mode="json", exclude_defaults=True), new.model_dump(mode="json", exclude_defaults=True))
    changed = {change.step for change in changes if change.step is not None}
    before, after = {step.id: step for step in old.steps}, {step.id: step for step in new.steps}
    rows = []
    for step_id in _order(list(before), list(after)):
        mark = "added" if step_id not in before else "removed" if step_id not in after else "changed" if step_id in changed else ""
        old_side, new_side = _sides(old, before.get(step_id), new, after.get(step_id), mark)
        rows.append(Row(step_id, mark, old_side, new_side))
    return Comparison(rows, describe(old, new))


def _order(old: list[str], new: list[str]) -> list[str]:
    """Return the new order of step ids with each removed one after its old predecessor.

    >>> _order(["a", "b", "c"], ["c", "a", "d"])
    ['c', 'a', 'b', 'd']
    """
    order = list(new)
    for index, step in enumerate(old):
        if step not in new:
            earlier = [item for item in old[:index] if item in order]
            order.insert(order.index(earlier[-1]) + 1 if earlier else 0, step)
    return order


def _sides(old: Journey, before: Step | None, new: Journey, after: Step | None, mark: str) -> tuple[Side | None, Side | None]:
    old_fields, new_fields = _fields(old, before), _fields(new, after)
    old_lanes, new_lanes = _lanes(old, before), _lanes(new, after)
    old_side = Side(before.name, mark if mark in ("removed", "changed") else "", [], []) if before is not None else None
    new_side = Side(after.name, mark if mark in ("added", "changed") else "", [], []) if after is not None else None
    for label in dict.fromkeys([*old_fields, *new_fields]):
        one, two = _marked([old_fields[label]] if label in old_fields else [], [new_fields[label]] if label in new_fields else [], both=mark not in ("added", "removed"))
        _add_field(old_side, label, one)
        _add_field(new_side, label, two)
    for title in dict.fromkeys([*old_lanes, *new_lanes]):
        one, two = _marked(old_lanes.get(title, []), new_lanes.get(title, []), both=mark not in ("added", "removed"))
        if old_side is not None and one:
            old_side.lanes.append(Lane(title, one))
        if new_side is not None and two:
            new_side.lanes.append(Lane(title, two))
    return old_side, new_side


def _add_field(side: Side | None, label: str, marked: list[Card]) -> None:
    if side is not None and marked:
        side.fields.append((label, marked[0]))


def _fields(journey: Journey, step: Step | None) -> dict[str, str]:
    """The step's one-line fields: stage, emotion, bound event, marks."""
    if step is None:
        return {}
    stage = next(stage.name for stage in journey.stages if any(item.id == step.id for item in stage.steps))
    emotion = " → ".join(f"{value:g}" for value in (step.emotion.actual, step.emotion.desired) if value is not None)
    marks = [text for text, on in ((_("Critical step"), step.critical), (_("Key moment"), step.key_moment)) if on] + [moment.upper() for moment in step.moments_of_truth]
    found = {
        _("Stage"): stage,
        _("Emotion"): emotion,
        _("Event"): ", ".join(step.binding.events) if step.binding else "",
        _("Marks"): ", ".join(marks),
    }
    return {label: text for label, text in found.items() if text}


def _lanes(journey: Journey, step: Step | None) -> dict[str, list[str]]:
    """The step's cards per lane title, as the poster writes them, and its metrics as the grid writes them."""
    if step is None:
        return {}
    found = {view.title: cards(journey, step, key) for key, (view, reader) in all_lanes(journey).items() if reader is not None}
    found[_("Metrics")] = [f"{cell['label']}: {cell['text']}" for cell in metric_cells(journey).get(step.id, [])]
    return {title: texts for title, texts in found.items() if texts}


def _marked(old: list[str], new: list[str], *, both: bool = True) -> tuple[list[Card], list[Card]]:
    """Return both lists of cards, marked as a sequence diff sees them (unmarked unless ``both`` versions have the step).

    >>> one, two = _marked(["a", "b", "c"], ["a", "B", "c", "d"])
    >>> [card.mark for card in one], [card.mark for card in two]
    (['', 'changed', ''], ['', 'changed', '', 'added'])
    """
    one, two = [Card(text) for text in old], [Card(text) for text in new]
    if not both:
        return one, two
    for kind, a, b, c, d in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if kind in ("replace", "delete"):
            for card in one[a:b]:
                card.mark = "changed" if kind == "replace" else "removed"
        if kind in ("replace", "insert"):
            for card in two[c:d]:
                card.mark = "changed" if kind == "replace" else "added"
    return one, two


@router.get("/maps/{map_id}/compare")
def compare_page(map_id: str, request: Request, old: int = Query(alias="from", ge=1), new: int | None = Query(None, alias="to", ge=1)) -> Response:
    """Two versions of the map side by side (``to`` defaults to the current one), changed steps and cards marked."""
    user = caller(request)
    if user is None:
        return _to_login(request)
    try:
        versions = list_revisions(map_id, request, user)["revisions"]
        new = new or versions[0]["version"]
        older, newer = (get_revision(map_id, version, request, user)["journey"] for version in (old, new))
    except JourneymapError as error:
        return _error_page(request, user, error)
    with in_language(page_language(request, user)):
        comparison = side_by_side(journey_of(older), journey_of(newer))
    return render_page(request, "compare.html", user=user, title=newer.get("title", ""), map_id=map_id, revisions=versions, old=old, new=new, comparison=comparison)
