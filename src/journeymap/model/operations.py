"""Operations on a map's JSON document: how a team edits one map at once.

An operation names a path in the Journey document and what it does there:

- ``set``: put ``value`` at ``path`` (a field, a list item);
- ``insert``: put ``value`` into a list before index ``path[-1]``;
- ``delete``: remove the list item or field at ``path``;
- ``move``: take the list item at ``path`` and put it before index ``to[-1]`` of the list ``to[:-1]``
  (the same list or another one: a step moving to another stage).

A path is a list of segments: field names, the ``id`` of an item in a list of
items with ids (stages, steps, personas...), or an integer index. A step is
always reachable from the root as ``["steps", STEP_ID, ...]``, wherever its stage
is, so that a step moved by one person is still edited by another.

The server orders operations; a page applies its own at once and, when
someone else's arrive first, moves its unsent ones past them with
:func:`transform`. Every page and the server apply the same operations in the
same order, so they hold the same map. The page's twin of this module is
``web/static/operations.js``: the two must change together.

>>> document = {"stages": [{"id": "buy", "steps": [{"id": "pays", "goals": ["Pay fast"]}]}]}
>>> undo = apply(document, {"op": "set", "path": ["steps", "pays", "goals", 0], "value": "Pay by card"})
>>> document["stages"][0]["steps"][0]["goals"], undo
(['Pay by card'], {'op': 'set', 'path': ['steps', 'pays', 'goals', 0], 'value': 'Pay fast'})
"""

from __future__ import annotations

import copy
from typing import Any, Literal, TypedDict

from ..errors import JourneymapError
from ..i18n import gettext as _

Segment = str | int
Path = list[Segment]
Document = dict[str, Any]
KINDS = ("set", "insert", "delete", "move")


class Operation(TypedDict, total=False):
    """One change: ``op`` (set, insert, delete, move), ``path``, and ``value`` or ``to``."""

    op: Literal["set", "insert", "delete", "move"]
    path: Path
    value: Any
    to: Path


class OperationError(JourneymapError):
    """An operation that does not fit the document (its path names nothing, a wrong kind...); its message is in the user's language."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""The old value of a field that did not exist (the inverse of setting it is deleting it)."""


def apply(document: Document, operation: Operation) -> Operation:
    """Apply ``operation`` to ``document`` in place; return the operation that undoes it.

    Raise :class:`OperationError` when the path names nothing.

    >>> document = {"title": "Shop", "tags": ["b2c"]}
    >>> apply(document, {"op": "insert", "path": ["tags", 0], "value": "kids"})
    {'op': 'delete', 'path': ['tags', 0]}
    >>> document["tags"]
    ['kids', 'b2c']
    """
    kind, path = _checked(operation)
    if kind == "move":
        return _move(document, path, list(operation["to"]))
    parent, key = _parent(document, path, create=kind == "set")
    if kind == "insert":
        items = _list(parent, path)
        index = _insert_index(items, key, path)
        items.insert(index, copy.deepcopy(operation["value"]))
        return {"op": "delete", "path": path}
    old = _get(parent, key, path)
    if kind == "delete":
        return _delete(parent, key, path, old)
    _put(parent, key, copy.deepcopy(operation["value"]), path)
    return {"op": "delete", "path": path} if old is MISSING else {"op": "set", "path": path, "value": old}


def apply_all(document: Document, operations: list[Operation]) -> Document:
    """Return a copy of ``document`` with ``operations`` applied in order.

    >>> apply_all({"title": "A"}, [{"op": "set", "path": ["title"], "value": "B"}])
    {'title': 'B'}
    """
    result = copy.deepcopy(document)
    for operation in operations:
        apply(result, operation)
    return result


def get(document: Document, path: Path) -> Any:
    """Return the value at ``path`` (raise :class:`OperationError` if it names nothing).

    >>> get({"stages": [{"id": "buy", "steps": [{"id": "pays", "name": "Pays"}]}]}, ["steps", "pays", "name"])
    'Pays'
    """
    if not path:
        return document
    parent, key = _parent(document, list(path), create=False)
    value = _get(parent, key, path)
    if value is MISSING:
        raise OperationError(_("nothing at {path}").format(path=render_path(path)))
    return value


def transform(operation: Operation, applied: Operation, *, applied_first: bool = True) -> Operation | None:
    """Return ``operation`` changed to apply after ``applied`` (made at the same time); ``None`` if it no longer can.

    List indices in ``operation`` move past items ``applied`` inserted, removed or
    moved. An operation inside a value ``applied`` replaced or removed is dropped
    (``None``); a move to such a place only removes the item. Of two inserts at one place, the ``applied_first`` one goes first.
    Of two sets of the same path the later one wins: the earlier one, moved past
    the later (``applied_first=False``), is dropped, so that both orders end alike.

    >>> transform({"op": "set", "path": ["tags", 1], "value": "x"}, {"op": "insert", "path": ["tags", 0], "value": "y"})
    {'op': 'set', 'path': ['tags', 2], 'value': 'x'}
    >>> transform({"op": "set", "path": ["tags", 1], "value": "x"}, {"op": "delete", "path": ["tags", 1]}) is None
    True
    >>> transform({"op": "set", "path": ["title"], "value": "A"}, {"op": "set", "path": ["title"], "value": "B"})
    {'op': 'set', 'path': ['title'], 'value': 'A'}
    >>> transform({"op": "set", "path": ["title"], "value": "A"}, {"op": "set", "path": ["title"], "value": "B"}, applied_first=False) is None
    True
    """
    if not applied_first and same_target(operation, applied):
        return None
    result = dict(operation)
    path = _moved_path(list(operation["path"]), applied, inserting=operation["op"] == "insert", applied_first=applied_first)
    if path is None:
        return None
    result["path"] = path
    if operation["op"] == "move":
        to = _moved_path(list(operation["to"]), applied, inserting=True, applied_first=applied_first)
        if to is None:
            return {"op": "delete", "path": path}  # the place it went is gone: the item still leaves its list
        result["to"] = to
    return result  # type: ignore[return-value]


def transform_all(operations: list[Operation], applied: list[Operation], *, applied_first: bool = True, lost: list[Operation] | None = None) -> list[Operation]:
    """Return ``operations`` (made one after another) changed to apply after ``applied``, dropping those that cannot.

    This is what the server does with a page's operations made before it saw
    others' (``applied``), and what a page does with its unsent ones when others' arrive.
    ``applied_first``: on a tie (two inserts at one place) ``applied`` goes first.
    ``lost``: a list to which the operations dropped are added (as they were when dropped).

    >>> transform_all([{"op": "set", "path": ["tags", 0], "value": "a"}], [{"op": "insert", "path": ["tags", 0], "value": "b"}])
    [{'op': 'set', 'path': ['tags', 1], 'value': 'a'}]
    >>> lost = []
    >>> transform_all([{"op": "set", "path": ["tags", 0], "value": "a"}], [{"op": "delete", "path": ["tags", 0]}], lost=lost), lost
    ([], [{'op': 'set', 'path': ['tags', 0], 'value': 'a'}])
    """
    result = list(operations)
    for other in applied:
        moved: list[Operation] = []
        current: Operation | None = other
        for operation in result:
            if current is None:
                moved.append(operation)
                continue
            changed = transform(operation, current, applied_first=applied_first)
            if changed is not None:
                moved.append(changed)
            elif lost is not None:
                lost.append(operation)
            current = transform(current, operation, applied_first=not applied_first)
        result = moved
    return result


def same_target(first: Operation, second: Operation) -> bool:
    """Return whether two operations set the same value (a conflict when they come from two people at once).

    >>> same_target({"op": "set", "path": ["title"], "value": "A"}, {"op": "set", "path": ["title"], "value": "B"})
    True
    """
    return first["op"] == second["op"] == "set" and list(first["path"]) == list(second["path"])


def diff(old: Document, new: Document) -> list[Operation]:
    """Return the operations that turn ``old`` into ``new``: small ones (a field, a card), never the whole map.

    Items with ids are matched by id (a step moved to another stage is one ``move``);
    other lists by position.

    >>> old = {"stages": [{"id": "a", "steps": [{"id": "s", "name": "S"}]}, {"id": "b", "steps": []}]}
    >>> new = {"stages": [{"id": "a", "steps": []}, {"id": "b", "steps": [{"id": "s", "name": "S2"}]}]}
    >>> diff(old, new)
    [{'op': 'move', 'path': ['stages', 'a', 'steps', 0], 'to': ['stages', 'b', 'steps', 0]}, {'op': 'set', 'path': ['steps', 's', 'name'], 'value': 'S2'}]
    >>> apply_all(old, diff(old, new)) == new
    True
    """
    working = copy.deepcopy(old)
    operations = _step_moves(working, new)
    operations += _diff_value(working, new, [])
    return operations


def render_path(path: Path) -> str:
    """Return a path as the page names cells: segments joined by ``/``.

    >>> render_path(["steps", "pays", "goals", 2])
    'steps/pays/goals/2'
    """
    return "/".join(str(segment) for segment in path)


def check(operation: Any) -> Operation:
    """Return ``operation`` if it is well formed (kind, path, value or ``to``); raise :class:`OperationError` otherwise.

    >>> check({"op": "set", "path": "title"})
    Traceback (most recent call last):
    ...
    journeymap.model.operations.OperationError: an operation's path is a list of field names, ids and indices
    """
    _checked(operation)
    return operation


# ---------- applying ----------


def _checked(operation: Any) -> tuple[str, Path]:
    if not isinstance(operation, dict) or operation.get("op") not in KINDS:
        raise OperationError(_("an operation needs 'op': one of set, insert, delete, move"))
    path = operation.get("path")
    if not isinstance(path, list) or not path or not all(_segment(item) for item in path):
        raise OperationError(_("an operation's path is a list of field names, ids and indices"))
    kind = operation["op"]
    if kind in ("set", "insert") and "value" not in operation:
        raise OperationError(_("a {kind} operation needs a 'value'").format(kind=kind))
    if kind == "move" and not (isinstance(operation.get("to"), list) and operation["to"] and all(_segment(item) for item in operation["to"])):
        raise OperationError(_("a move operation needs 'to': the path of the place it goes"))
    return kind, list(path)


def _segment(item: Any) -> bool:
    return (isinstance(item, str) and item != "") or (isinstance(item, int) and not isinstance(item, bool) and item >= 0)


def _parent(document: Document, path: Path, *, create: bool) -> tuple[Any, Segment]:
    node: Any = document
    for depth, segment in enumerate(path[:-1]):
        if depth == 0 and segment == "steps" and isinstance(node, dict):
            node = _StepsView(node)
            continue
        child = _get(node, segment, path)
        if child is MISSING or child is None:
            if not (create and isinstance(node, dict) and isinstance(segment, str)):
                raise OperationError(_("nothing at {path}").format(path=render_path(path[: depth + 1])))
            child = [] if isinstance(path[depth + 1], int) else {}
            node[segment] = child
        node = child
    return node, path[-1]


class _StepsView:
    """The steps of every stage, found by id: the root alias ``steps/STEP_ID``."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def find(self, step_id: Segment) -> Any:
        for stage in self.document.get("stages") or []:
            for step in stage.get("steps") or []:
                if isinstance(step, dict) and step.get("id") == step_id:
                    return step
        return MISSING


def _get(node: Any, key: Segment, path: Path) -> Any:
    if isinstance(node, _StepsView):
        return node.find(key)
    if isinstance(node, dict):
        return node.get(key, MISSING) if isinstance(key, str) else MISSING
    if isinstance(node, list):
        index = _index(node, key)
        return MISSING if index is None else node[index]
    raise OperationError(_("{path} goes inside a single value, not into a group of fields or a list").format(path=render_path(path)))


def _index(items: list[Any], key: Segment) -> int | None:
    if isinstance(key, int):
        return key if 0 <= key < len(items) else None
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == key:
            return index
    return None


def _list(parent: Any, path: Path) -> list[Any]:
    if not isinstance(parent, list):
        raise OperationError(_("{path} is not a list").format(path=render_path(path[:-1])))
    return parent


def _insert_index(items: list[Any], key: Segment, path: Path) -> int:
    if not isinstance(key, int) or key > len(items):
        raise OperationError(_("{path}: insert at an index from 0 to {last}").format(path=render_path(path), last=len(items)))
    return key


def _put(parent: Any, key: Segment, value: Any, path: Path) -> None:
    if isinstance(parent, dict) and isinstance(key, str):
        parent[key] = value
        return
    if isinstance(parent, _StepsView):
        raise OperationError(_("replace a step through its stage: stages/STAGE_ID/steps/STEP_ID"))
    index = _index(parent, key) if isinstance(parent, list) else None
    if index is None:
        raise OperationError(_("nothing at {path}").format(path=render_path(path)))
    parent[index] = value


def _delete(parent: Any, key: Segment, path: Path, old: Any) -> Operation:
    if old is MISSING or isinstance(parent, _StepsView):
        raise OperationError(_("nothing to remove at {path}").format(path=render_path(path)))
    if isinstance(parent, dict):
        del parent[key]
        return {"op": "set", "path": path, "value": old}
    index = _index(parent, key)
    assert index is not None
    del parent[index]
    return {"op": "insert", "path": [*path[:-1], index], "value": old}


def _move(document: Document, path: Path, to: Path) -> Operation:
    source, key = _parent(document, path, create=False)
    items = _list(source, path)
    index = _index(items, key)
    if index is None:
        raise OperationError(_("nothing to move at {path}").format(path=render_path(path)))
    target, position = _parent(document, to, create=False)
    destination = _list(target, to)
    item = items.pop(index)
    if not isinstance(position, int) or position > len(destination):
        items.insert(index, item)
        raise OperationError(_("{path}: move to an index from 0 to {last}").format(path=render_path(to), last=len(destination)))
    destination.insert(position, item)
    return {"op": "move", "path": [*to[:-1], position], "to": [*path[:-1], index]}


# ---------- transforming ----------


def _list_effect(applied: Operation) -> list[tuple[str, Path, int]]:
    """Return what ``applied`` does to lists addressed by index: (insert|delete, list path, index)."""
    kind, path = applied["op"], list(applied["path"])
    if kind == "insert" and isinstance(path[-1], int):
        return [("insert", path[:-1], path[-1])]
    if kind == "delete" and isinstance(path[-1], int):
        return [("delete", path[:-1], path[-1])]
    if kind == "move" and isinstance(path[-1], int) and isinstance(applied["to"][-1], int):
        return [("delete", path[:-1], path[-1]), ("insert", list(applied["to"][:-1]), applied["to"][-1])]
    return []


def _moved_path(path: Path, applied: Operation, *, inserting: bool, applied_first: bool) -> Path | None:
    if applied["op"] == "move" and _inside_moved(path, applied, inserting=inserting):
        source = list(applied["path"])
        return [*applied["to"], *path[len(source):]]
    for kind, items, index in _list_effect(applied):
        shifted = _shifted(path, kind, items, index, inserting=inserting, applied_first=applied_first)
        if shifted is None:
            return None
        path = shifted
    if applied["op"] in ("set", "delete") and _strictly_inside(list(applied["path"]), path):
        return None
    return path


def _inside_moved(path: Path, applied: Operation, *, inserting: bool) -> bool:
    """Whether ``path`` names the item ``applied`` moves, or something in it (not a place to insert beside it)."""
    source = list(applied["path"])
    return isinstance(source[-1], int) and _is_prefix(source, path) and not (inserting and len(path) == len(source))


def _shifted(path: Path, kind: str, items: Path, index: int, *, inserting: bool, applied_first: bool) -> Path | None:
    """Return ``path`` after an item was inserted at (or deleted from) ``index`` of the list at ``items``."""
    depth = len(items)
    at = path[depth] if len(path) > depth and path[:depth] == items else None
    if not isinstance(at, int):
        return path
    place = inserting and len(path) == depth + 1
    if kind == "insert":
        moves = at > index or (at == index and (applied_first or not place))
        return [*path[:depth], at + 1, *path[depth + 1:]] if moves else path
    if at > index:
        return [*path[:depth], at - 1, *path[depth + 1:]]
    if at == index and not place:
        return None
    return path


def _is_prefix(prefix: Path, path: Path) -> bool:
    return len(path) >= len(prefix) and path[: len(prefix)] == prefix


def _strictly_inside(prefix: Path, path: Path) -> bool:
    return len(path) > len(prefix) and path[: len(prefix)] == prefix


# ---------- diffing ----------


def _diff_value(old: Any, new: Any, path: Path) -> list[Operation]:
    if isinstance(old, dict) and isinstance(new, dict):
        return _diff_dict(old, new, path)
    if isinstance(old, list) and isinstance(new, list):
        return _diff_list(old, new, path)
    if old == new and type(old) is type(new):
        return []
    return [{"op": "set", "path": path, "value": copy.deepcopy(new)}]


def _diff_dict(old: Document, new: Document, path: Path) -> list[Operation]:
    operations: list[Operation] = []
    for key in old:
        if key not in new:
            operations.append({"op": "delete", "path": [*path, key]})
    for key, value in new.items():
        if key not in old:
            operations.append({"op": "set", "path": [*path, key], "value": copy.deepcopy(value)})
        else:
            operations += _diff_value(old[key], value, [*path, key])
    return operations


def _has_ids(items: list[Any]) -> bool:
    """Whether every item is an object with its own, unique id (an empty list has none to tell)."""
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    return all(isinstance(item_id, str) for item_id in ids) and len(set(ids)) == len(ids)


def _diff_list(old: list[Any], new: list[Any], path: Path) -> list[Operation]:
    if (old or new) and _has_ids(old) and _has_ids(new):
        return _diff_items(old, new, path)
    return _diff_positions(old, new, path)


def _item_path(path: Path, item_id: str) -> Path:
    """The path of an item with an id: a step from the root, anything else through its list."""
    is_steps = len(path) == 3 and path[0] == "stages" and path[2] == "steps"
    return ["steps", item_id] if is_steps else [*path, item_id]


def _diff_items(old: list[Any], new: list[Any], path: Path) -> list[Operation]:
    operations: list[Operation] = []
    wanted = {item["id"] for item in new}
    for index in range(len(old) - 1, -1, -1):
        if old[index]["id"] not in wanted:
            operations.append({"op": "delete", "path": [*path, index]})
            del old[index]
    for target, item in enumerate(new):
        current = next((index for index, present in enumerate(old) if present["id"] == item["id"]), None)
        if current is None:
            operations.append({"op": "insert", "path": [*path, target], "value": copy.deepcopy(item)})
            old.insert(target, copy.deepcopy(item))
            continue
        if current != target:
            operations.append({"op": "move", "path": [*path, current], "to": [*path, target]})
            old.insert(target, old.pop(current))
        operations += _diff_value(old[target], item, _item_path(path, item["id"]))
    return operations


def _diff_positions(old: list[Any], new: list[Any], path: Path) -> list[Operation]:
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    old_middle, new_middle = len(old) - start - end, len(new) - start - end
    if old_middle == new_middle:
        operations: list[Operation] = []
        for offset in range(old_middle):
            index = start + offset
            operations += _diff_value(old[index], new[index], [*path, index])
        return operations
    removed: list[Operation] = [{"op": "delete", "path": [*path, start + offset]} for offset in reversed(range(old_middle))]
    added: list[Operation] = [{"op": "insert", "path": [*path, start + offset], "value": copy.deepcopy(new[start + offset])} for offset in range(new_middle)]
    return removed + added


def _step_moves(working: Document, new: Document) -> list[Operation]:
    """Return the moves of steps to other stages, applied to ``working``, so that a moved step keeps its edits."""
    wanted = {step.get("id"): stage.get("id") for stage in new.get("stages") or [] if isinstance(stage, dict) for step in stage.get("steps") or [] if isinstance(step, dict)}
    stage_ids = {stage.get("id") for stage in working.get("stages") or [] if isinstance(stage, dict)}
    operations: list[Operation] = []
    for stage in list(working.get("stages") or []):
        if not isinstance(stage, dict):
            continue
        for step in list(stage.get("steps") or []):
            target = wanted.get(step.get("id")) if isinstance(step, dict) else None
            if target is None or target == stage.get("id") or target not in stage_ids:
                continue
            operation: Operation = {"op": "move", "path": ["stages", stage["id"], "steps", stage["steps"].index(step)], "to": ["stages", target, "steps", 0]}
            destination = next(item for item in working["stages"] if isinstance(item, dict) and item.get("id") == target)
            destination.setdefault("steps", [])
            operations.append(operation)
            apply(working, operation)
    return operations
