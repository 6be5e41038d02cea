"""A second version of the Shop map with a known change, for the side-by-side comparison."""

from __future__ import annotations

import copy

from journeymap.model import Journey


def changed_shop(document: dict) -> Journey:
    """The Shop map with Sees ad removed, Searches renamed, a step added, Pays given a pain, an emotion and an event."""
    new = copy.deepcopy({key: value for key, value in document.items() if key != "version"})
    new["title"] = "Shop 2"
    find, buy = new["stages"]
    find["steps"] = [{**find["steps"][1], "name": "Googles"}]
    pays = buy["steps"][0]
    pays.update(pains=["fees"], emotion={"actual": 1}, binding={"event": "purchase"})
    buy["steps"].insert(0, {"id": "compares", "name": "Compares"})
    return Journey.model_validate(new)
