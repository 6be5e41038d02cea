"""Server-rendered pages: the Jinja2 environment, the page's language, dates and numbers by Babel."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from ..i18n import LANGUAGES, gettext, gettext as _, in_language, ngettext, normalize_language
from ..model import JourneyKind
from ..render.pages import PAGES_MM
from ..render.words import kind_title, state_title
from ..store import User
from .middleware import HttpMiddleware

LANGUAGE_COOKIE = "journeymap_lang"
"""The language chosen in this browser: a visitor's choice, or a copy of the logged-in user's (kept in their account)."""


@cache
def environment() -> Environment:
    """Return the Jinja2 environment of the pages: autoescaped, with gettext and Babel filters."""
    env = Environment(
        loader=PackageLoader("journeymap.web", "templates"), autoescape=select_autoescape(default=True), extensions=["jinja2.ext.i18n"]
    )
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["when"] = when
    env.filters["number"] = number
    env.globals["LANGUAGES"] = LANGUAGES
    env.globals["PAGE_SIZES"] = list(PAGES_MM)
    env.globals["MAP_KINDS"] = [kind.value for kind in JourneyKind]
    env.globals["kind_title"] = kind_title
    env.globals["state_title"] = state_title
    return env


def page_language(request: Request, user: User | None) -> str:
    """Return the language of a page: the user's, else the visitor's choice, else the browser's.

    >>> from starlette.requests import Request
    >>> scope = {"type": "http", "headers": [(b"accept-language", b"lt-LT,lt;q=0.9")]}
    >>> page_language(Request(scope), None)
    'lt'
    """
    if user is not None and user.language:
        return normalize_language(user.language)
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip()
        if code and normalize_language(code) == code.replace("-", "_").split("_")[0].lower():
            return normalize_language(code)
    return "en"


def remember_language(response: Response, language: str) -> None:
    """Keep the interface language in the browser's cookie, which every later request (and its errors) is answered in."""
    response.set_cookie(LANGUAGE_COOKIE, normalize_language(language), max_age=365 * 24 * 3600, httponly=True, samesite="lax", path="/")


class RequestLanguage(HttpMiddleware):
    """ASGI middleware: a request is answered in the browser's language (cookie, else ``Accept-Language``), errors too.

    Endpoints that know the user answer in the user's own language (:func:`page_language`).
    """

    async def http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        with in_language(page_language(Request(scope), None)):
            await self.app(scope, receive, send)


def when(value: datetime | str | None, language: str) -> str:
    """Return a date and time written the way ``language`` writes them.

    >>> when("2026-11-23T16:05:00", "lt"), when("2026-11-23T16:05:00", "en")
    ('2026-11-23 16:05', 'Nov 23, 2026 4:05\u202fPM')
    """
    if value is None:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return "{date} {time}".format(date=format_date(moment, "medium", locale=language), time=format_time(moment, "short", locale=language))


def number(value: float | None, language: str) -> str:
    """Return a number written the way ``language`` writes it.

    >>> number(12345.5, "ru")
    '12\\xa0345,5'
    """
    return "" if value is None else format_decimal(value, locale=language)


def role_names() -> dict[str, str]:
    """Return the names of the workspace roles in the current language.

    >>> role_names()["commenter"]
    'commenter'
    """
    return {"owner": _("owner"), "editor": _("editor"), "commenter": _("commenter"), "viewer": _("viewer")}


def render_page(request: Request, template: str, *, user: User | None, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Return a page rendered in the user's language."""
    language = page_language(request, user)
    with in_language(language):
        html = (
            environment()
            .get_template(template)
            .render(
                request=request, user=user, language=language, csrf=getattr(request.state, "csrf", "") or "", ROLES=role_names(), **context
            )
        )
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})
