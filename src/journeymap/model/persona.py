"""Whose journey it is: personas, segments and B2B buyer roles."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import Field, model_validator

from .base import Identifier, Model, with_derived_id


class BuyerRole(str, Enum):
    """The roles of the people of a buying company (B2B)."""

    decision_maker = "decision_maker"
    user = "user"
    influencer = "influencer"
    purchaser = "purchaser"
    gatekeeper = "gatekeeper"


class PersonaSource(str, Enum):
    """Where a persona comes from: people's research or a segment found in data."""

    research = "research"
    data = "data"


class Persona(Model):
    """A portrait of a customer: who they are, what they need and what worries them.

    >>> Persona(name="Olga, young mother", needs=["safe toys"]).id
    'olga-young-mother'
    """

    id: Identifier
    name: str = Field(min_length=1)
    description: str = ""
    role: BuyerRole | None = Field(default=None, description="B2B buyer role, when the map has several.")
    goals: list[str] = Field(default_factory=list)
    needs: list[str] = Field(default_factory=list)
    frustrations: list[str] = Field(default_factory=list)
    quote: str = ""
    photo: str = Field(default="", description="Path of a picture, relative to the map file.")
    demographics: dict[str, str] = Field(default_factory=dict, description="Age, city, income, ...")
    behaviours: list[str] = Field(default_factory=list)
    source: PersonaSource = PersonaSource.research
    segment_rule: str = Field(default="", description="The rule that selects this segment's users in data.")
    share: float | None = Field(default=None, ge=0, le=1, description="Share of all users in the segment.")
    users: int | None = Field(default=None, ge=0, description="Number of users in the segment.")
    steps: list[str] = Field(default_factory=list, description="Steps where this role takes part (empty: all).")
    aha_moments: list[str] = Field(
        default_factory=list,
        description="Steps where this persona finds what it came for and starts coming back (seed 004's aha moments).",
    )

    @model_validator(mode="before")
    @classmethod
    def _derive_id(cls, data: Any) -> Any:
        return with_derived_id(data)
