"""Checking one change before the editor makes it: would the model take this value at this place of the map?

The panels below the grid ask before they change the map, so that a value the
model refuses (a score of 7, an unknown stage key) stays in its control with
the reason beside it instead of breaking the save.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel, Field

from ..errors import InvalidRequest, MapValidationError
from ..i18n import gettext as _
from ..store import Role, User, journey_of
from .auth import signed_in
from .context import map_for

router = APIRouter(prefix="/api/maps/{map_id}", tags=["map parts"])

Document = dict[str, Any]


class Change(BaseModel):
    """A value to set at a path of a map document (``null`` removes it)."""

    document: Document = Field(description="The map as the editor holds it now.")
    path: str = Field(min_length=1, max_length=500, description="Segments joined by '/': list items by id, or by index when they have none.")
    value: Any = None


@router.post("/check")
def check_change(map_id: str, request: Request, change: Change = Body(), user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return the problems that setting ``value`` at ``path`` would add to the map (editors); an empty list means the model takes it."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.editor)
    return {"problems": new_problems(change.document, change.path, change.value)}


def set_at(document: Document, path: str, value: Any) -> None:
    """Set ``value`` at ``path`` of ``document``, making missing objects on the way; ``None`` removes the key.

    >>> doc = {"insights": [{"id": "slow", "text": "Slow"}], "links": [{"from": "a", "to": "b"}]}
    >>> set_at(doc, "insights/slow/score", -1); set_at(doc, "links/0/kind", "loop"); set_at(doc, "scope/start", "Ad")
    >>> doc["insights"][0]["score"], doc["links"][0]["kind"], doc["scope"]
    (-1, 'loop', {'start': 'Ad'})
    """
    *parents, last = path.split("/")
    node: Any = document
    for segment in parents:
        node = _child(node, segment, path)
    if isinstance(node, list):
        node[_index(node, last, path)] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value


def new_problems(document: Document, path: str, value: Any) -> list[dict[str, str | None]]:
    """Return the problems, ``{"field", "message"}``, that the change adds to those ``document`` has already.

    >>> new_problems({"title": "Shop", "opportunities": [{"id": "chat", "title": "Chat"}]}, "opportunities/chat/criticality", 7)
    [{'field': 'opportunities[0].criticality', 'message': '7 is above the maximum 5'}]
    >>> new_problems({"title": "Shop"}, "business_goal", "Sell more")
    []
    """
    changed = copy.deepcopy(document)
    set_at(changed, path, value)
    before = _problems(document)
    return [problem for problem in _problems(changed) if problem not in before]


def _problems(document: Document) -> list[dict[str, str | None]]:
    try:
        journey_of(document)
    except MapValidationError as error:
        return [{"field": problem.field, "message": problem.reason} for problem in error.problems]
    return []


def _child(node: Any, segment: str, path: str) -> Any:
    if isinstance(node, list):
        return node[_index(node, segment, path)]
    if not isinstance(node, dict):
        raise InvalidRequest(_("no place {path} in the map").format(path=path), field="path")
    if not isinstance(node.get(segment), (dict, list)):
        node[segment] = {}
    return node[segment]


def _index(items: list[Any], segment: str, path: str) -> int:
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == segment:
            return index
    if segment.isdigit() and int(segment) < len(items):
        return int(segment)
    raise InvalidRequest(_("no place {path} in the map").format(path=path), field="path")
