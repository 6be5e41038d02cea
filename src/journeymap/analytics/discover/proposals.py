"""What an analysis proposes on a map, and taking back what an earlier run proposed."""

from __future__ import annotations

from ...model import Step


def withdraw(step: Step, source: str) -> set[str]:
    """Remove the still-proposed evidence an earlier run of ``source`` left on ``step``; return its texts.

    Evidence a person confirmed (no longer ``proposed``) stays, so a new run on
    newer data replaces the old proposals instead of piling up beside them.

    >>> from journeymap.model import Step
    >>> step = Step(name="Pays", evidence=[{"text": "old", "source": "barriers analysis", "proposed": True}, "a quote"])
    >>> withdraw(step, "barriers analysis"), [item.text for item in step.evidence]
    ({'old'}, ['a quote'])
    """
    stale = {item.text for item in step.evidence if item.proposed and item.source == source}
    step.evidence = [item for item in step.evidence if not (item.proposed and item.source == source)]
    return stale
