"""From evidence to action: insights, and the opportunities (ideas) they justify."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import Field, model_validator

from .base import Identifier, Model, Named, with_derived_id
from .step import EvidenceKind


class Insight(Model):
    """A research finding, with its source and the steps it concerns."""

    id: Identifier
    text: str = Field(min_length=1)
    source: EvidenceKind = EvidenceKind.other
    source_ref: str = Field(default="", description="Interview id, ticket number, report link.")
    score: float | None = Field(default=None, description="Experience score on the map's emotion scale.")
    steps: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _derive_id(cls, data: Any) -> Any:
        """Give an insight without ``id`` one derived from its text.

        >>> Insight(text="Parents compare sizes").id
        'parents-compare-sizes'
        """
        if isinstance(data, dict) and not data.get("id") and isinstance(data.get("text"), str):
            derived = with_derived_id({"name": data["text"][:60]})
            return {**data, "id": derived["id"]} if isinstance(derived, dict) and "id" in derived else data
        return data


class IdeaStatus(str, Enum):
    """Where an idea stands in the development plan."""

    idea = "idea"
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    rejected = "rejected"


class Opportunity(Named):
    """An idea to remove a barrier, with the scores that rank it.

    The seeds' (Manufactura) rank is the sum of criticality, design ease,
    development ease and affected audience, each 1..5; RICE and ICE use
    reach, impact, confidence and effort.

    >>> Opportunity(title="One-page checkout", criticality=5, design_ease=3,
    ...             development_ease=2, audience=4).manufactura_score
    14
    """

    id: Identifier
    title: str = Field(min_length=1)
    description: str = ""
    steps: list[str] = Field(default_factory=list)
    insights: list[str] = Field(default_factory=list)
    criticality: int | None = Field(default=None, ge=1, le=5)
    design_ease: int | None = Field(default=None, ge=1, le=5)
    development_ease: int | None = Field(default=None, ge=1, le=5)
    audience: int | None = Field(default=None, ge=1, le=5, description="Share of the audience affected, scored 1..5.")
    reach: float | None = Field(default=None, ge=0, description="RICE: users reached per period.")
    impact: float | None = Field(default=None, ge=0, description="RICE/ICE: 0.25 minimal .. 3 massive (ICE: 1..10).")
    confidence: float | None = Field(default=None, ge=0, le=1, description="RICE/ICE: 0..1.")
    effort: float | None = Field(default=None, gt=0, description="RICE: person-months.")
    ease: float | None = Field(default=None, ge=1, le=10, description="ICE: 1..10.")
    status: IdeaStatus = IdeaStatus.idea
    owner: str = ""

    @property
    def manufactura_score(self) -> int | None:
        """The seeds' rank: criticality + design ease + development ease + audience."""
        parts = (self.criticality, self.design_ease, self.development_ease, self.audience)
        return None if any(part is None for part in parts) else sum(parts)  # type: ignore[arg-type]
