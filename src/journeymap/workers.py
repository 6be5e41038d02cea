"""How ``journeymap serve --workers N`` builds the app in each server process: a factory that carries the settings.

The settings travel with the factory (uvicorn pickles it into each process it
spawns) instead of through environment variables, so nothing of the parent
process changes. It lives outside :mod:`journeymap.web` on purpose: a new
process unpickles it before it answers its parent's first health check (5 s),
and importing the web app may take longer than that on a busy machine; the
app is imported when the factory is called, after the process has answered.

>>> factory = AppFactory({"port": 9000})
>>> import pickle; pickle.loads(pickle.dumps(factory)) == factory
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AppFactory:
    """Build the web app from ``settings`` (the fields of :class:`journeymap.settings.Settings`) when called."""

    settings: dict[str, Any]

    def __call__(self) -> Any:
        """Return ``create_app(Settings(**settings))``."""
        from .settings import Settings
        from .web import create_app

        return create_app(Settings(**self.settings))
