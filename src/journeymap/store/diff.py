"""Structural difference between two versions of a map: per stage, step and field."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """One difference: the field's path, what happened, the values before and after."""

    path: str
    kind: str
    before: Any = None
    after: Any = None
    step: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the change as JSON-ready data."""
        return asdict(self)


_IGNORED = {"version", "updated"}


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Return the changes that turn map document ``old`` into ``new``.

    Items with ids (stages, steps, personas, opportunities...) are matched by
    id, so a reordered list is a move and a renamed step a changed ``name``.
    Steps are matched across stages; a step moved to another stage shows as a
    changed ``stage``.

    >>> old = {"title": "Shop", "stages": [{"id": "buy", "name": "Buy", "steps": [{"id": "pay", "name": "Pay", "pains": ["slow"]}]}]}
    >>> new = {"title": "Shop", "stages": [{"id": "buy", "name": "Buy", "steps": [{"id": "pay", "name": "Pay", "pains": ["slow", "fees"]}]}]}
    >>> [(c.path, c.kind, c.after) for c in diff(old, new)]
    [('steps[pay].pains', 'changed', ['slow', 'fees'])]
    """
    changes = _compare("", _without(old, {"stages"}), _without(new, {"stages"}), None)
    changes += _compare_items("stages", [_without(stage, {"steps"}) for stage in old.get("stages", [])], [_without(stage, {"steps"}) for stage in new.get("stages", [])], None)
    changes += _compare_items("steps", _steps(old), _steps(new), None)
    return changes


def _steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**step, "stage": stage.get("id")} for stage in document.get("stages", []) for step in stage.get("steps", [])]


def _without(document: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in keys | _IGNORED}


def _compare(path: str, old: Any, new: Any, step: str | None) -> list[Change]:
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[Change] = []
        for key in [*old, *(key for key in new if key not in old)]:
            where = f"{path}.{key}" if path else key
            if key not in new:
                changes.append(Change(where, "removed", before=old[key], step=step))
            elif key not in old:
                changes.append(Change(where, "added", after=new[key], step=step))
            else:
                changes += _compare(where, old[key], new[key], step)
        return changes
    if _identified(old) and _identified(new):
        return _compare_items(path, old, new, step)
    return [Change(path, "changed", before=old, after=new, step=step)]


def _identified(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) and "id" in item for item in value)


def _compare_items(path: str, old: list[dict[str, Any]], new: list[dict[str, Any]], step: str | None) -> list[Change]:
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    changes: list[Change] = []
    for key, item in before.items():
        where = f"{path}[{key}]"
        inside = key if path == "steps" else step
        if key not in after:
            changes.append(Change(where, "removed", before=item, step=inside))
        else:
            changes += _compare(where, item, after[key], inside)
    changes += [Change(f"{path}[{key}]", "added", after=item, step=key if path == "steps" else step) for key, item in after.items() if key not in before]
    if [key for key in before if key in after] != [key for key in after if key in before]:
        changes.append(Change(path, "reordered", before=list(before), after=list(after), step=step))
    return changes
