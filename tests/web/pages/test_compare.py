"""Two versions side by side: a known change marks exactly the steps, fields and cards it touched, in words."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from pagetools import SHOP, USERS, Team, password
from pagetools.versions import changed_shop

from journeymap.store import accounts, save_map


class Marked(HTMLParser):
    """Collects the compare table: each row's step, and every marked element as (step, side, tag, mark, text)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.marked: list[tuple[str, str, str, str, str]] = []
        self.absent: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str] | None, str]] = []
        self._side = -1
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "tr" and "compare-row" in classes:
            self.rows.append(found["data-step"] or "")
            self._side = -1
        if tag == "td" and "side" in classes:
            self._side += 1
        mark = next((name.removeprefix("mark-") for name in classes if name.startswith("mark-")), "")
        self._open.append((tag, [] if "marked" in classes or "absent" in classes else None, mark if "marked" in classes else "absent" if "absent" in classes else ""))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, text, mark = self._open.pop()
            if text is not None:
                side = ("old", "new")[self._side]
                if mark == "absent":
                    self.absent.append((self.rows[-1], side))
                else:
                    self.marked.append((self.rows[-1], side, name, mark, " ".join(" ".join(text).split())))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        for _name, text, _mark in self._open:
            if text is not None:
                text.append(data)


def test_the_changed_steps_and_cards_are_marked_side_by_side(client: TestClient, team: Team) -> None:
    with team.app.state.store.writing() as session:
        save_map(session, team.map_id, changed_shop(team.stored()), based_on=1, author=accounts.user_named(session, USERS["owner"]))
    client.post("/login", data={"username": USERS["viewer"], "password": password(USERS["viewer"]), "next": "/"})
    answer = client.get(f"/maps/{team.map_id}/compare?from=1&to=2")
    assert answer.status_code == 200
    page = Marked(answer.text)
    assert page.rows == ["sees-ad", "searches", "compares", "pays"]
    assert page.absent == [("sees-ad", "new"), ("compares", "old")]
    assert sorted(page.marked) == sorted([
        ("sees-ad", "old", "td", "removed", "Sees ad − removed Stage Find Pains too loud"),
        ("searches", "old", "td", "changed", "Searches ~ changed Stage Find"),
        ("searches", "new", "td", "changed", "Googles ~ changed Stage Find"),
        ("compares", "new", "td", "added", "Compares + added Stage Buy"),
        ("pays", "old", "td", "changed", "Pays ~ changed Stage Buy Emotion -1 ~ changed"),
        ("pays", "old", "dd", "changed", "-1 ~ changed"),
        ("pays", "new", "td", "changed", "Pays ~ changed Stage Buy Emotion 1 ~ changed Event purchase + added Pains + added fees"),
        ("pays", "new", "dd", "changed", "1 ~ changed"),
        ("pays", "new", "dd", "added", "purchase + added"),
        ("pays", "new", "li", "added", "+ added fees"),
    ])
    assert "Steps added: 1, removed: 1, changed: 2." in answer.text
    described = [html.unescape(text) for text in re.findall(r'<li class="change change-\w+" data-part="\w+">([^<]*)</li>', answer.text)]
    assert described == [
        "Map: title 'Shop' → 'Shop 2'",
        "Stage 'Buy': step 'Compares' added",
        "Stage 'Find': step 'Sees ad' removed",
        "Step 'Googles': name 'Searches' → 'Googles'",
        "Step 'Pays': emotion −1 → 1",
        "Step 'Pays': pain added: 'fees'",
        "Step 'Pays': bound event set to 'purchase'",
    ]


def test_an_unknown_version_and_a_stranger_get_the_error_page(client: TestClient, team: Team) -> None:
    client.post("/login", data={"username": USERS["viewer"], "password": password(USERS["viewer"]), "next": "/"})
    missing = client.get(f"/maps/{team.map_id}/compare?from=9")
    assert missing.status_code == 404 and f"map {team.map_id} has no version 9" in missing.text
    client.post("/login", data={"username": USERS["outsider"], "password": password(USERS["outsider"]), "next": "/"})
    assert client.get(f"/maps/{team.map_id}/compare?from=1").status_code == 404


def test_the_history_offers_the_side_by_side_view(client: TestClient, team: Team) -> None:
    client.post("/login", data={"username": USERS["viewer"], "password": password(USERS["viewer"]), "next": "/"})
    assert f'formaction="/maps/{team.map_id}/compare"' in client.get(f"/maps/{team.map_id}/history").text
    assert SHOP["title"] in client.get(f"/maps/{team.map_id}/compare?from=1").text
