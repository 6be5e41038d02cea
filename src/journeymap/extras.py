"""The optional extras: which one a missing package belongs to, and the one-line error that says how to install it.

``pip install journeymap`` brings maps, posters and the event analytics; feedback (``voice``) and
discovery (``discover``) need heavier stacks that only some users want. Their modules import those
packages at the top, so the first command that needs one fails with ``ModuleNotFoundError``; the CLI
turns it into one line naming the extra.

>>> error = ModuleNotFoundError("No module named 'lingua'", name="lingua")
>>> print(extra_needed(error, importer="journeymap.voice.language"))
this command needs the voice extra: pip install 'journeymap[voice]' (lingua is missing)
>>> extra_needed(ModuleNotFoundError("No module named 'pandas'", name="pandas"), importer="journeymap.voice.sources") is None
True
"""

from __future__ import annotations

from types import TracebackType

from .errors import MissingDependency
from .i18n import gettext as _

OPTIONAL_PACKAGES = {"lingua", "simplemma", "yake", "wordcloud", "sklearn", "scipy", "statsmodels"}
"""The top-level packages that only an extra installs (pyproject.toml's ``voice`` and ``discover``)."""

EXTRA_OF_PACKAGE = {"journeymap.voice": "voice", "journeymap.analytics.discover": "discover"}
"""Our packages that need an extra, and its name (scikit-learn is in both; the importer decides)."""


def extra_needed(error: ModuleNotFoundError, importer: str | None = None) -> MissingDependency | None:
    """The one-line error for a package of an extra that is not installed, or None when ``error`` is another problem.

    ``importer`` is the journeymap module whose import failed; by default the innermost one in the traceback.
    """
    missing = (error.name or "").partition(".")[0]
    where = importer if importer is not None else innermost_module(error.__traceback__)
    extra = next((name for package, name in EXTRA_OF_PACKAGE.items() if where == package or where.startswith(package + ".")), None)
    if missing not in OPTIONAL_PACKAGES or extra is None:
        return None
    return MissingDependency(_("this command needs the {extra} extra: pip install 'journeymap[{extra}]' ({name} is missing)").format(extra=extra, name=missing))


def innermost_module(trace: TracebackType | None) -> str:
    """The name of the innermost journeymap module in a traceback (empty when there is none)."""
    found = ""
    while trace is not None:
        name = trace.tb_frame.f_globals.get("__name__", "")
        if name.startswith("journeymap."):
            found = name
        trace = trace.tb_next
    return found
