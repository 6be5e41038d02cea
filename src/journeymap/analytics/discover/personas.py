"""Data-driven personas: behaviour clusters or scenario segments written into the map beside the research personas.

Each becomes a :class:`~journeymap.model.Persona` with ``source: data``, its
rule, its share of users and its number of users. A data persona of the same
id is replaced (so running it again updates the map); research personas are
kept as they are, and a data persona whose id a research persona already
holds gets ``-data`` after its id.

>>> from journeymap.model import Journey
>>> from journeymap.analytics.discover.segments import Segment
>>> journey = with_personas(Journey(title="Guide"), [Segment("Reader", "view_item ≥ 3", 690, 0.69)])
>>> persona = journey.personas[0]
>>> persona.source.value, persona.segment_rule, persona.share, persona.users
('data', 'view_item ≥ 3', 0.69, 690)
"""

from __future__ import annotations

from collections.abc import Iterable

from ...i18n import gettext as _
from ...model import Journey, Persona, PersonaSource, slugify
from .clusters import Cluster
from .naming import humanised
from .segments import Segment

Group = Cluster | Segment


def with_personas(journey: Journey, groups: Iterable[Group]) -> Journey:
    """Return a copy of ``journey`` with a data persona for each cluster or segment (see the module)."""
    updated = journey.model_copy(deep=True)
    research = {persona.id for persona in updated.personas if persona.source != PersonaSource.data}
    for group in groups:
        persona = persona_of(group)
        if persona.id in research:
            persona = persona.model_copy(update={"id": persona.id + "-data"})
        updated.personas = [kept for kept in updated.personas if kept.id != persona.id] + [persona]
    return updated


def persona_of(group: Group) -> Persona:
    """Return the data persona a cluster or a segment stands for."""
    if isinstance(group, Cluster):
        behaviours = [
            _("{event}: {share:.0%} of their events, {ratio:.1f}× the average user").format(**{**item, "event": humanised(item["event"])})
            for item in group.distinctive()
        ]
        rule = group.rule()
    else:
        behaviours, rule = [], group.rule
    return Persona(id=slugify(group.name), name=group.name, description=_("Found in the event log"), behaviours=behaviours,
                   source=PersonaSource.data, segment_rule=rule, share=group.share, users=group.users)
