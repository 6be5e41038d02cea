"""Helpers of the browser tests: the running site, logging in, waiting for saves, reading the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PASSWORDS = {"ana": "ana-password-1", "vera": "vera-password-1"}


@dataclass
class Site:
    """The running server: its address, the shop map's id, the app (for looking into its store)."""

    url: str
    map_id: str
    app: Any


def log_in(page: Any, site: Site, user: str) -> None:
    """Log in through the form."""
    page.goto(f"{site.url}/login")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(PASSWORDS[user])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site.url}/")


def wait_saved(page: Any) -> None:
    """Wait until the editor has no change left to save."""
    page.wait_for_function("() => { const s = window.journeymap.editor.state; return s.doc && !s.dirty && !s.saving; }")


def stored(site: Site, map_id: str | None = None) -> dict[str, Any]:
    """Return the map's document as the store holds it now."""
    from journeymap.store import get_map

    with site.app.state.store.reading() as session:
        record = get_map(session, map_id or site.map_id)
        return {"version": record.version, **record.document}


def step_names(document: dict[str, Any]) -> list[str]:
    """Return the names of a map document's steps in journey order."""
    return [step["name"] for stage in document["stages"] for step in stage.get("steps", [])]
