"""The difference of two versions in words, on the bundled examples: one change of each kind, the exact sentence."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from journeymap import files
from journeymap.files.templates import example_path
from journeymap.store import describe

Change = Callable[[dict[str, Any]], None]


def example(name: str) -> dict[str, Any]:
    return files.load(example_path(name)).model_dump(mode="json", exclude_defaults=True, by_alias=True)


def stage(document: dict[str, Any], stage_id: str) -> dict[str, Any]:
    return next(item for item in document["stages"] if item["id"] == stage_id)


def step(document: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(item for stage in document["stages"] for item in stage["steps"] if item["id"] == step_id)


def move_to_next_stage(document: dict[str, Any]) -> None:
    first, second = document["stages"][0], document["stages"][1]
    second["steps"].insert(0, first["steps"].pop())


CASES: list[tuple[str, str, Change, str]] = [
    ("map title", "childrens-shop", lambda d: d.update(title="Kids shop"), "Map: title 'Children's goods shop: from shoes seen on another child to a repeat purchase' → 'Kids shop'"),
    ("map kind", "childrens-shop", lambda d: d.update(kind="ujm"), "Map: kind 'cjm' → 'ujm'"),
    ("map goal", "dcj-fashion", lambda d: d.update(business_goal="Sell more jeans"), None),
    ("stage name", "childrens-shop", lambda d: stage(d, "purchase").update(name="Buying"), "Stage 'Buying': name 'Purchase' → 'Buying'"),
    ("stage added", "childrens-shop", lambda d: d["stages"].append({"id": "returns", "name": "Returns"}), "Map: stage 'Returns' added"),
    ("stages reordered", "mobile-app", lambda d: d["stages"].reverse(), "Map: stages reordered"),
    ("step added", "childrens-shop", lambda d: stage(d, "purchase")["steps"].append({"id": "pays-by-card", "name": "Pays by card"}), "Stage 'Purchase': step 'Pays by card' added"),
    ("step renamed", "childrens-shop", lambda d: step(d, "asks-friends-or-searches-online").update(name="Asks friends"), "Step 'Asks friends': name 'Asks friends or searches online' → 'Asks friends'"),
    ("emotion", "childrens-shop", lambda d: step(d, "asks-friends-or-searches-online")["emotion"].update(actual=-1), "Step 'Asks friends or searches online': emotion 0 → −1"),
    ("desired emotion", "childrens-shop", lambda d: step(d, "asks-friends-or-searches-online")["emotion"].update(desired=2), "Step 'Asks friends or searches online': desired emotion 1 → 2"),
    ("emotion word", "childrens-shop", lambda d: step(d, "asks-friends-or-searches-online")["emotion"].update(label="Lost"), "Step 'Asks friends or searches online': emotion word 'Interest, sometimes search fatigue' → 'Lost'"),
    ("pain added", "childrens-shop", lambda d: step(d, "asks-friends-or-searches-online")["pains"].append("Too many tabs"), "Step 'Asks friends or searches online': pain added: 'Too many tabs'"),
    ("goal removed", "childrens-shop", lambda d: step(d, "asks-friends-or-searches-online")["goals"].pop(0), "Step 'Asks friends or searches online': goal removed: 'I want to know my options'"),
    ("critical", "childrens-shop", lambda d: step(d, "asks-friends-or-searches-online").update(critical=True), "Step 'Asks friends or searches online': critical step no → yes"),
    ("step owner", "childrens-shop", lambda d: step(d, "asks-friends-or-searches-online").update(owner="Marketing"), "Step 'Asks friends or searches online': owner set to 'Marketing'"),
    ("step moved", "childrens-shop", move_to_next_stage, None),
    ("metric", "mobile-app", lambda d: step(d, "opens-the-app")["metrics"].update(conversion=0.5), "Step 'Opens the app': conversion 1 → 0.5"),
    ("success criterion", "mobile-app", lambda d: step(d, "opens-the-app")["metrics"].update(success_criterion="The feed loads"), "Step 'Opens the app': success criterion 'The first screen is shown' → 'The feed loads'"),
    ("blueprint lane", "service-blueprint", lambda d: d["stages"][0]["steps"][0].setdefault("blueprint", {}).setdefault("backstage", []).append("Checks stock"), None),
    ("persona goal", "childrens-shop", lambda d: d["personas"][0]["goals"].append("Dress the child well"), "Persona 'Olga, mother of a four-year-old': goal added: 'Dress the child well'"),
    ("persona added", "childrens-shop", lambda d: d["personas"].append({"id": "ivan", "name": "Ivan"}), "Map: persona 'Ivan' added"),
    ("custom lane", "b2b-equipment", lambda d: d["lanes"][0].update(title="Papers"), "Lane 'Papers': title 'Documents exchanged' → 'Papers'"),
    ("link removed", "childrens-shop", lambda d: d["links"].pop(0), "Map: link 'Compares with competitors' → 'Comes back to the site' removed"),
    ("insight score", "childrens-shop", lambda d: d["insights"][0].update(score=-1), None),
    ("opportunity", "childrens-shop", lambda d: d["opportunities"][0].update(criticality=2), None),
]


REMOVED = [
    ("stage removed", "childrens-shop", lambda d: d["stages"].append({"id": "returns", "name": "Returns"}), "Map: stage 'Returns' removed"),
    ("step removed", "childrens-shop", lambda d: stage(d, "purchase")["steps"].append({"id": "pays-by-card", "name": "Pays by card"}), "Stage 'Purchase': step 'Pays by card' removed"),
    ("persona removed", "childrens-shop", lambda d: d["personas"].append({"id": "ivan", "name": "Ivan"}), "Map: persona 'Ivan' removed"),
    ("lane removed", "b2b-equipment", lambda d: d["lanes"].append({"id": "notes", "title": "Notes"}), "Map: lane 'Notes' removed"),
]


@pytest.mark.parametrize(("what", "name", "change", "sentence"), REMOVED, ids=[case[0] for case in REMOVED])
def test_a_part_taken_away_reads_as_removed(what: str, name: str, change: Change, sentence: str):
    old = example(name)
    change(old)
    assert [item.text for item in describe(old, example(name), "en")] == [sentence]


@pytest.mark.parametrize(("what", "name", "change", "sentence"), CASES, ids=[case[0] for case in CASES])
def test_one_change_reads_as_one_sentence(what: str, name: str, change: Change, sentence: str | None):
    old = example(name)
    new = copy.deepcopy(old)
    change(new)
    described = describe(old, new, "en")
    assert len(described) == 1, [item.text for item in described]
    if sentence is not None:
        assert described[0].text == sentence


def test_the_sentences_not_written_above_name_their_part_and_values():
    old = example("childrens-shop")
    new = copy.deepcopy(old)
    new["insights"][0]["score"] = -1
    new["opportunities"][0]["criticality"] = 2
    move_to_next_stage(new)
    texts = [change.text for change in describe(old, new)]
    moved = old["stages"][0]["steps"][-1]["name"]
    assert texts == [
        f"Step '{moved}': moved from stage '{old['stages'][0]['name']}' to stage '{old['stages'][1]['name']}'",
        f"Insight '{old['insights'][0]['text']}': score −2 → −1",
        f"Opportunity '{old['opportunities'][0]['title']}': criticality {old['opportunities'][0]['criticality']} → 2",
    ]


def test_a_change_is_typed_as_well_as_written():
    old = example("childrens-shop")
    new = copy.deepcopy(old)
    step(new, "asks-friends-or-searches-online")["emotion"]["actual"] = -1
    [change] = describe(old, new)
    assert (change.part, change.subject, change.field, change.kind, change.before, change.after) == ("step", "asks-friends-or-searches-online", "emotion.actual", "changed", 0, -1)
    assert change.as_dict()["text"] == change.text


def test_russian_sentences_use_the_map_words_and_quotes():
    old = example("childrens-shop-ru")
    new = copy.deepcopy(old)
    first = new["stages"][0]["steps"][1]
    first["emotion"]["actual"] = -1
    new["title"] = "Детский магазин"
    texts = [change.text for change in describe(old, new, "ru")]
    assert texts == [
        f"Карта: название «{old['title']}» → «Детский магазин»",
        f"Шаг «{first['name']}»: эмоция {_ru(old['stages'][0]['steps'][1]['emotion']['actual'])} → −1",
    ]
    added = copy.deepcopy(old)
    added["stages"][-1]["steps"].append({"id": "платит-картой", "name": "Платит картой"})
    assert [change.text for change in describe(old, added, "ru")] == [f"Этап «{old['stages'][-1]['name']}»: добавлен шаг «Платит картой»"]


def _ru(value: float) -> str:
    return f"{value:g}".replace("-", "−").replace(".", ",")


def test_no_change_says_nothing():
    old = example("dcj-fashion")
    assert describe(old, copy.deepcopy(old)) == []
