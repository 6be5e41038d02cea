"""The analyses a team can run from the server on an uploaded data file.

``analyze`` and ``voice`` return the map with measured values (saved as a new
revision); ``funnel`` and ``retention`` return their JSON result. Uploads are
stored under random names, so the file's kind is read from its first bytes.

>>> from journeymap.web.jobs import ANALYSES
>>> sorted(name for name in ANALYSES if name != "validate")
['analyze', 'funnel', 'retention', 'voice']
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Iterator
from contextlib import contextmanager

from .. import analytics, voice
from ..errors import InvalidRequest
from ..i18n import gettext as _
from ..model import Journey
from .jobs import JobContext, register

_MAGIC = ((b"PAR1", ".parquet"), (b"\x1f\x8b", ".csv.gz"), (b"PK\x03\x04", ".xlsx"), (b"{", ".jsonl"))


def file_suffix(path: Path) -> str:
    """Return the file name suffix that fits the file's first bytes (``.csv`` when unsure).

    >>> import tempfile, pathlib
    >>> sample = pathlib.Path(tempfile.mkdtemp()) / "upload"
    >>> _ = sample.write_bytes(b"PAR1....")
    >>> file_suffix(sample)
    '.parquet'
    """
    with path.open("rb") as stream:
        head = stream.read(4)
    stripped = head.lstrip()
    return next((suffix for magic, suffix in _MAGIC if head.startswith(magic) or stripped.startswith(magic)), ".csv")


@contextmanager
def named_by_kind(context: JobContext) -> Iterator[Path]:
    """Yield the run's data file under a name whose suffix tells its kind."""
    if context.source is None:
        raise InvalidRequest(_("this analysis needs a data file; upload one and choose it"), field="source")
    with linked_by_kind(context.source) as link:
        yield link


@contextmanager
def linked_by_kind(path: Path) -> Iterator[Path]:
    """Yield a link to an uploaded file (stored under a random name) whose suffix tells its kind."""
    with tempfile.TemporaryDirectory(prefix="journeymap-run-") as folder:
        link = Path(folder) / f"data{file_suffix(path)}"
        link.symlink_to(path.resolve())
        yield link


def _bound_events(journey: Journey) -> list[str]:
    return [step.binding.events[0] for step in journey.steps if step.binding is not None]


@register("analyze")
def analyze(context: JobContext) -> Journey:
    """Fill every bound step's audience, conversion, time and retention from an event log."""
    with named_by_kind(context) as events:
        context.progress(0.2, _("reading the event log"))
        measured = analytics.analyze(context.journey, events, window=context.params.get("window"), source_name=context.source_name)
    measured._source = None
    return measured


@register("funnel")
def funnel(context: JobContext) -> dict[str, Any]:
    """The funnel of the given events (``steps``), or of the map's bound steps, in an event log."""
    steps = context.params.get("steps") or _bound_events(context.journey)
    if len(steps) < 2:
        raise InvalidRequest(_("a funnel needs at least two steps: bind steps to events or give 'steps'"), field="steps")
    with named_by_kind(context) as events:
        context.progress(0.2, _("reading the event log"))
        return analytics.funnel(events, steps, window=context.params.get("window", "30d")).to_dict()


@register("retention")
def retention(context: JobContext) -> dict[str, Any]:
    """Day-N retention (``days``, default 1, 7 and 30) of the users of an event log."""
    with named_by_kind(context) as events:
        context.progress(0.2, _("reading the event log"))
        return analytics.retention(events, days=context.params.get("days", (1, 7, 30))).to_dict()


@register("voice")
def voice_of_customer(context: JobContext) -> Journey:
    """Read a feedback file onto the map: measured emotion, proposed quotes and pains."""
    with named_by_kind(context) as feedback:
        context.progress(0.2, _("reading the feedback"))
        found = voice.read_feedback(feedback)
        found.source = context.source_name or found.source
        context.progress(0.5, _("scoring and mapping the voices"))
        result = voice.analyze(context.journey, found, languages=context.params.get("languages", ()))
    voiced = voice.apply(context.journey, result)
    voiced._source = None
    return voiced
