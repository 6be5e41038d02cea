"""POST /api/maps/{id}/check: whether the model takes a value at a path of the map, asked before the editor's panels change it."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from webtools import Filled

SHOP = {
    "title": "Shop",
    "stages": [{"id": "buy", "name": "Buy", "steps": [{"id": "pays", "name": "Pays"}]}],
    "insights": [{"id": "slow", "text": "Slow delivery"}],
    "opportunities": [{"id": "returns", "title": "Free returns", "insights": ["slow"]}],
}


@pytest.fixture
def client(filled_app: FastAPI) -> TestClient:
    with TestClient(filled_app) as test_client:
        yield test_client


def check(client: TestClient, filled: Filled, path: str, value: object, role: str = "editor", document: dict | None = None):
    return client.post(f"/api/maps/{filled.team.map_id}/check", json={"document": document or SHOP, "path": path, "value": value}, headers=filled.team.headers(role))


@pytest.mark.parametrize(("path", "value", "problems"), [
    ("opportunities/returns/criticality", 5, []),
    ("opportunities/returns/criticality", 7, [{"field": "opportunities[0].criticality", "message": "7 is above the maximum 5"}]),
    ("opportunities/0/confidence", 1.5, [{"field": "opportunities[0].confidence", "message": "1.5 is above the maximum 1.0"}]),
    ("emotion_scale/min", 3, [{"field": "emotion_scale", "message": "min 3 must be below max 2"}]),
    ("stages/buy/moment_of_truth", "zmot", []),
    ("insights/slow/steps", ["pays", "gone"], [{"field": "insights[0].steps[1]", "message": "unknown step 'gone'; choose one of: pays"}]),
    ("scope/start", "Sees an ad", []),
    ("kind", "poster", [{"field": "kind", "message": "'poster' is not one of: 'cjm', 'ujm', 'lxm', 'service_blueprint' or 'dcj'"}]),
    ("title", None, [{"field": None, "message": "required key 'title' is missing"}]),
])
def test_only_the_problems_the_change_adds_are_told(client: TestClient, filled: Filled, path: str, value: object, problems: list) -> None:
    answer = check(client, filled, path, value)
    assert (answer.status_code, answer.json()) == (200, {"problems": problems})


def test_problems_the_map_had_already_are_not_the_changes(client: TestClient, filled: Filled) -> None:
    broken = {**SHOP, "links": [{"from": "pays", "to": "nowhere"}]}
    assert check(client, filled, "business_goal", "Sell more", document=broken).json() == {"problems": []}


def test_a_place_the_map_lacks_is_a_bad_request_and_viewers_may_not_ask(client: TestClient, filled: Filled) -> None:
    answer = check(client, filled, "insights/nope/text", "x")
    assert (answer.status_code, answer.json()["error"]) == (400, {"code": "invalid_request", "message": "no place insights/nope/text in the map", "field": "path"})
    assert check(client, filled, "title", "Shop", role="viewer").status_code == 403
    assert client.post("/api/maps/nope/check", json={"document": SHOP, "path": "title"}, headers=filled.team.headers("editor")).status_code == 404
