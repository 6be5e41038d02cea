"""A step of the journey and the cards in its lanes."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar

from pydantic import Field, field_validator

from .base import Identifier, Model, Named, Shorthand
from .metrics import Measurement, StepMetrics
from .stage_sets import MomentOfTruth


class Mode(str, Enum):
    """Whether a touchpoint is online, offline or both."""

    online = "online"
    offline = "offline"
    both = "both"


class Emotion(Model):
    """What the customer feels at a step, as it is and as it should be.

    ``actual`` and ``desired`` are scores on the map's emotion scale (-2..+2 by
    default); ``measured`` is filled from feedback and never overwrites them.

    >>> Emotion(actual=-1, desired=1, label="I seem lost").gap
    2.0
    """

    actual: float | None = None
    desired: float | None = None
    label: str = Field(default="", description="A word or phrase: 'I seem lost'.")
    emoji: str = ""
    measured: Measurement | None = Field(default=None, description="Emotion found in feedback, with the number of voices.")

    @property
    def gap(self) -> float | None:
        """How far the actual emotion falls short of the desired one."""
        if self.actual is None or self.desired is None:
            return None
        return float(self.desired - self.actual)


class Touchpoint(Shorthand):
    """Where the customer meets the brand at a step. A plain string is its name.

    >>> Touchpoint.model_validate("Product card").name
    'Product card'
    """

    shorthand_field: ClassVar[str] = "name"

    name: str = ""
    channel: str = Field(default="", description="site, app, email, push, store, call, support, social, ad, ...")
    device: str = ""
    mode: Mode | None = None
    owner: str = Field(default="", description="Department or person responsible.")



class EvidenceKind(str, Enum):
    """Where a piece of evidence comes from."""

    quote = "quote"
    interview = "interview"
    survey = "survey"
    review = "review"
    ticket = "ticket"
    social = "social"
    analytics = "analytics"
    observation = "observation"
    document = "document"
    other = "other"


class Evidence(Shorthand):
    """A quote, source or data link backing a card. A plain string is a quote."""

    shorthand_field: ClassVar[str] = "text"

    kind: EvidenceKind = EvidenceKind.quote
    text: str = ""
    source: str = ""
    url: str = ""
    date: str = Field(default="", description="When: '2025-02-11' (a YAML date is kept as its ISO text) or any text.")
    proposed: bool = Field(default=False, description="Added by analysis, not yet confirmed by a person.")


    @field_validator("date", mode="before")
    @classmethod
    def _date_is_text(cls, value: Any) -> Any:
        return value.isoformat() if isinstance(value, (date, datetime)) else value


class Blueprint(Model):
    """The service-blueprint lanes under a step (customer actions are the step's actions)."""

    physical_evidence: list[str] = Field(default_factory=list)
    frontstage: list[str] = Field(default_factory=list, description="What employees the customer sees do.")
    backstage: list[str] = Field(default_factory=list, description="What employees do out of sight.")
    support: list[str] = Field(default_factory=list, description="Systems and processes behind them.")


class Communication(Model):
    """One entry of the communication plan: what to tell the customer, where and when."""

    channel: str
    message: str = ""
    timing: str = ""
    owner: str = ""


class PersonaView(Model):
    """How one persona lives a step, where it differs from the map's main line."""

    emotion: Emotion | None = None
    notes: str = ""


class Binding(Model):
    """Which events in an event log mean "the user did this step".

    >>> Binding(event="purchase", where={"platform": "ios"}).events
    ['purchase']
    """

    event: str | list[str]
    where: dict[str, str | int | float | bool | list[str | int | float]] = Field(default_factory=dict)

    @property
    def events(self) -> list[str]:
        """The bound event names as a list."""
        return [self.event] if isinstance(self.event, str) else list(self.event)


class VoiceSettings(Model):
    """How feedback is matched to this step, and the proposals an editor dismissed (never proposed again)."""

    keywords: list[str] = Field(default_factory=list)
    dismissed: list[str] = Field(default_factory=list, description="Quotes and pains found in feedback that an editor dismissed; the voice analysis does not propose them again.")


CustomValue = float | str | list[str] | None


class Step(Named):
    """What the customer does at one point of the journey, with every lane's cards.

    >>> Step(name="Pays for the order").id
    'pays-for-the-order'
    """

    id: Identifier
    name: str = Field(min_length=1)
    description: str = ""
    actions: list[str] = Field(default_factory=list, description="What the customer does.")
    goals: list[str] = Field(default_factory=list, description="'I want to know my options'.")
    thoughts: list[str] = Field(default_factory=list, description="Thoughts and questions.")
    emotion: Emotion = Field(default_factory=Emotion)
    sees: list[str] = Field(default_factory=list, description="What the customer sees.")
    pains: list[str] = Field(default_factory=list)
    proposed_pains: list[str] = Field(default_factory=list, description="Pains found in feedback by analysis, not yet confirmed by a person.")
    gains: list[str] = Field(default_factory=list, description="Joys and gains.")
    barriers: list[str] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list, description="What is wrong at this step.")
    ideas: list[str] = Field(default_factory=list, description="Quick ideas; ranked ideas are opportunities.")
    key_factors: list[str] = Field(default_factory=list, description="What influences the moment.")
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    moments_of_truth: list[MomentOfTruth] = Field(default_factory=list)
    key_moment: bool = False
    critical: bool = False
    owner: str = Field(default="", description="Department or person who owns the step.")
    blueprint: Blueprint | None = None
    metrics: StepMetrics = Field(default_factory=StepMetrics)
    communications: list[Communication] = Field(default_factory=list)
    by_persona: dict[str, PersonaView] = Field(default_factory=dict, description="Per-persona emotion and notes.")
    custom: dict[str, CustomValue] = Field(default_factory=dict, description="Values of the map's custom lanes.")
    binding: Binding | None = None
    voice: VoiceSettings | None = None
    subjourney: str = Field(default="", description="Path or id of a more detailed journey of this step.")

    @property
    def is_barrier(self) -> bool:
        """True when the step has barriers written or found."""
        return bool(self.barriers)
