"""The structural diff, checked against hand-made expectations."""

from __future__ import annotations

from journeymap.store import diff


def document(*stages: tuple[str, list[dict]], **top) -> dict:
    return {"title": "Shop", **top, "stages": [{"id": stage, "name": stage.title(), "steps": steps} for stage, steps in stages]}


def changes(old: dict, new: dict) -> list[tuple]:
    return [(change.path, change.kind, change.before, change.after, change.step) for change in diff(old, new)]


def test_identical_documents_have_no_changes_whatever_their_version():
    old = document(("buy", [{"id": "pay", "name": "Pay"}]), version=1)
    assert changes(old, {**old, "version": 5}) == []


def test_a_step_moved_to_another_stage_is_one_change_of_its_stage():
    old = document(("find", [{"id": "ad", "name": "Ad"}]), ("buy", []))
    new = document(("find", []), ("buy", [{"id": "ad", "name": "Ad"}]))
    assert changes(old, new) == [("steps[ad].stage", "changed", "find", "buy", "ad")]


def test_fields_inside_a_step_are_reported_one_by_one():
    old = document(("buy", [{"id": "pay", "name": "Pay", "emotion": {"actual": -1}, "pains": ["slow"]}]))
    new = document(("buy", [{"id": "pay", "name": "Pay now", "emotion": {"actual": 1}, "gains": ["fast"]}]))
    assert changes(old, new) == [
        ("steps[pay].name", "changed", "Pay", "Pay now", "pay"),
        ("steps[pay].emotion.actual", "changed", -1, 1, "pay"),
        ("steps[pay].pains", "removed", ["slow"], None, "pay"),
        ("steps[pay].gains", "added", None, ["fast"], "pay"),
    ]


def test_items_with_ids_are_matched_by_id_so_a_reorder_is_a_reorder():
    old = document(personas=[{"id": "olga", "name": "Olga"}, {"id": "ivan", "name": "Ivan"}])
    new = document(personas=[{"id": "ivan", "name": "Ivan"}, {"id": "olga", "name": "Olga"}, {"id": "li", "name": "Li"}])
    assert changes(old, new) == [
        ("personas[li]", "added", None, {"id": "li", "name": "Li"}, None),
        ("personas", "reordered", ["olga", "ivan"], ["ivan", "olga", "li"], None),
    ]


def test_added_and_removed_stages_and_steps():
    old = document(("find", [{"id": "ad", "name": "Ad"}]))
    new = document(("buy", [{"id": "pay", "name": "Pay"}]))
    assert changes(old, new) == [
        ("stages[find]", "removed", {"id": "find", "name": "Find"}, None, None),
        ("stages[buy]", "added", None, {"id": "buy", "name": "Buy"}, None),
        ("steps[ad]", "removed", {"id": "ad", "name": "Ad", "stage": "find"}, None, "ad"),
        ("steps[pay]", "added", None, {"id": "pay", "name": "Pay", "stage": "buy"}, "pay"),
    ]
