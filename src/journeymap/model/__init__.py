"""The journey map model (pydantic v2): the hub every other layer reads.

>>> from journeymap.model import Journey
>>> Journey(title="Onboarding").kind.value
'cjm'
"""

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .base import slugify
    from .channels import CHANNELS, DEVICES, channel_title, device_title
    from .journey import SCHEMA_VERSION, Journey, JourneyKind, JourneyState, Stage
    from .layout import DataSettings, EmotionPoint, EmotionScale, EventColumns, Lane, LaneType, Link, LinkKind, Scope
    from .metrics import Measurement, Metric, StepMetrics
    from .persona import BuyerRole, Persona, PersonaSource
    from .ranking import METHODS as RANKING_METHODS, Mvp, RankedIdea, mvp, rank
    from .research import IdeaStatus, Insight, Opportunity
    from .rules import Problem, check
    from .stage_sets import STAGE_SETS, MomentOfTruth, StageSet, StageTemplate
    from .step import (
        Binding,
        Blueprint,
        Communication,
        Emotion,
        Evidence,
        EvidenceKind,
        Mode,
        PersonaView,
        Step,
        Touchpoint,
        VoiceSettings,
    )

lazy.export_lazily(__name__)

__all__ = [
    "Binding",
    "Blueprint",
    "BuyerRole",
    "CHANNELS",
    "Communication",
    "DEVICES",
    "DataSettings",
    "Emotion",
    "EmotionPoint",
    "EmotionScale",
    "EventColumns",
    "Evidence",
    "EvidenceKind",
    "IdeaStatus",
    "Insight",
    "Journey",
    "JourneyKind",
    "JourneyState",
    "Lane",
    "LaneType",
    "Link",
    "LinkKind",
    "Measurement",
    "Metric",
    "Mode",
    "MomentOfTruth",
    "Mvp",
    "Opportunity",
    "Persona",
    "PersonaSource",
    "PersonaView",
    "Problem",
    "RANKING_METHODS",
    "RankedIdea",
    "SCHEMA_VERSION",
    "STAGE_SETS",
    "Scope",
    "Stage",
    "StageSet",
    "StageTemplate",
    "Step",
    "StepMetrics",
    "Touchpoint",
    "VoiceSettings",
    "channel_title",
    "check",
    "device_title",
    "mvp",
    "rank",
    "slugify",
]
