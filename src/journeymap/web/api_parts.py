"""Editing parts of a map: stages, steps, personas, opportunities, insights, and the cards of a step.

Each change is applied to the map's current content, validated as a whole
Journey and saved as a new revision; ``If-Match`` must carry the version.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse

from ..errors import InvalidRequest, NotFound
from ..i18n import gettext as _
from ..model import Journey, Step
from ..store import Map, User, journey_of
from .auth import signed_in
from .context import save_change

router = APIRouter(prefix="/api/maps/{map_id}", tags=["map parts"])

LANES = tuple(name for name, field in Step.model_fields.items() if field.default_factory is list)
"""The lanes of a step that hold a list of cards (actions, pains, touchpoints...)."""

Lane = Literal[LANES]  # type: ignore[valid-type]
Document = dict[str, Any]


class Collection(str, enum.Enum):
    """The lists of a map whose items have ids."""

    stages = "stages"
    steps = "steps"
    personas = "personas"
    opportunities = "opportunities"
    insights = "insights"


@router.post("/{collection}")
def add_item(map_id: str, collection: Collection, request: Request, item: Document = Body(description="The new item; 'position' places it, 'stage' names a step's stage."), user: User = Depends(signed_in)) -> JSONResponse:
    """Add a stage, step, persona, opportunity or insight."""

    def change(document: Document) -> None:
        fields = dict(item)
        position = fields.pop("position", None)
        stage = fields.pop("stage", None)
        items = _stage(document, stage)["steps"] if collection is Collection.steps else document.setdefault(collection.value, [])
        items.insert(_position(position, len(items)), fields)

    return _save(request, user, map_id, change, _("Added to {collection}").format(collection=collection.value))


@router.patch("/{collection}/{item_id}")
def change_item(map_id: str, collection: Collection, item_id: str, request: Request, fields: Document = Body(description="Fields to set; 'position' moves the item, 'stage' moves a step."), user: User = Depends(signed_in)) -> JSONResponse:
    """Change fields of an item, or move it (``position``; a step also to another ``stage``)."""

    def change(document: Document) -> None:
        items, index = _locate(document, collection, item_id)
        updates = dict(fields)
        position = updates.pop("position", None)
        stage = updates.pop("stage", None) if collection is Collection.steps else None
        item = {**items.pop(index), **updates}
        target = _stage(document, stage)["steps"] if stage is not None else items
        target.insert(_position(position, len(target)) if position is not None else min(index, len(target)), item)

    return _save(request, user, map_id, change, _("Changed {collection} {id}").format(collection=collection.value, id=item_id))


@router.delete("/{collection}/{item_id}")
def delete_item(map_id: str, collection: Collection, item_id: str, request: Request, user: User = Depends(signed_in)) -> JSONResponse:
    """Remove an item (a stage with its steps)."""

    def change(document: Document) -> None:
        items, index = _locate(document, collection, item_id)
        del items[index]

    return _save(request, user, map_id, change, _("Removed {collection} {id}").format(collection=collection.value, id=item_id))


@router.post("/steps/{step_id}/cards/{lane}")
def add_card(map_id: str, step_id: str, lane: Lane, request: Request, card: Document = Body(description="{'value': text or object, 'position': index}"), user: User = Depends(signed_in)) -> JSONResponse:
    """Add a card to a lane of a step."""

    def change(document: Document) -> None:
        cards = _cards(document, step_id, lane)
        cards.insert(_position(card.get("position"), len(cards)), _value(card))

    return _save(request, user, map_id, change, _("Added a card to {step}.{lane}").format(step=step_id, lane=lane))


@router.patch("/steps/{step_id}/cards/{lane}/{index}")
def change_card(map_id: str, step_id: str, lane: Lane, index: int, request: Request, card: Document = Body(description="{'value': ...} replaces the card; 'position' moves it"), user: User = Depends(signed_in)) -> JSONResponse:
    """Replace or move a card of a step's lane."""

    def change(document: Document) -> None:
        cards = _cards(document, step_id, lane)
        old = cards.pop(_card_index(cards, index))
        value = _value(card) if "value" in card else old
        cards.insert(_position(card.get("position"), len(cards)) if "position" in card else index, value)

    return _save(request, user, map_id, change, _("Changed a card of {step}.{lane}").format(step=step_id, lane=lane))


@router.delete("/steps/{step_id}/cards/{lane}/{index}")
def delete_card(map_id: str, step_id: str, lane: Lane, index: int, request: Request, user: User = Depends(signed_in)) -> JSONResponse:
    """Remove a card from a step's lane."""

    def change(document: Document) -> None:
        cards = _cards(document, step_id, lane)
        del cards[_card_index(cards, index)]

    return _save(request, user, map_id, change, _("Removed a card of {step}.{lane}").format(step=step_id, lane=lane))


def _save(request: Request, user: User, map_id: str, change: Callable[[Document], None], message: str) -> JSONResponse:
    def apply(record: Map) -> Journey:
        document = copy.deepcopy(record.document)
        change(document)
        return journey_of(document)

    return save_change(request, user, map_id, apply, message=message, action="map_edited")


def _locate(document: Document, collection: Collection, item_id: str) -> tuple[list[Document], int]:
    lists = [stage.get("steps", []) for stage in document.get("stages", [])] if collection is Collection.steps else [document.get(collection.value, [])]
    for items in lists:
        for index, item in enumerate(items):
            if item.get("id") == item_id:
                return items, index
    raise NotFound(_("this map has no {collection} item {id}").format(collection=collection.value, id=item_id))


def _stage(document: Document, stage_id: Any) -> Document:
    if stage_id is None:
        raise InvalidRequest(_("say which stage the step goes in: 'stage': STAGE_ID"), field="stage")
    items, index = _locate(document, Collection.stages, str(stage_id))
    stage: Document = items[index]
    stage.setdefault("steps", [])
    return stage


def _cards(document: Document, step_id: str, lane: str) -> list[Any]:
    items, index = _locate(document, Collection.steps, step_id)
    return items[index].setdefault(lane, [])


def _card_index(cards: list[Any], index: int) -> int:
    if not 0 <= index < len(cards):
        raise NotFound(_("no card {index} in this lane; it has {count}").format(index=index, count=len(cards)))
    return index


def _position(position: Any, length: int) -> int:
    if position is None:
        return length
    if not isinstance(position, int) or isinstance(position, bool):
        raise InvalidRequest(_("position must be a whole number from 0"), field="position")
    return max(0, min(position, length))


def _value(card: Document) -> Any:
    if "value" not in card:
        raise InvalidRequest(_("a card needs a 'value': its text (or object for touchpoints, evidence...)"), field="value")
    return card["value"]
