"""Helpers of the browser tests: logging in through the form, waiting for the editor to save."""

from __future__ import annotations

from typing import Any

from pagetools import Team, password


def log_in(page: Any, site: Team, user: str) -> None:
    """Log in through the form."""
    page.goto(f"{site.url}/login")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(password(user))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site.url}/")


def wait_saved(page: Any) -> None:
    """Wait until the editor has no change the server has not confirmed."""
    page.wait_for_function("() => { const live = window.journeymap.live; return live && live.state.confirmed && !live.pending(); }")
