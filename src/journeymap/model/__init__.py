"""The journey map model (pydantic v2): the hub every other layer reads.

>>> from journeymap.model import Journey
>>> Journey(title="Onboarding").kind.value
'cjm'
"""

from .. import lazy

lazy.export_lazily(
    __name__,
    {
        ".base": ["slugify"],
        ".channels": ["CHANNELS", "channel_title"],
        ".journey": ["SCHEMA_VERSION", "Journey", "JourneyKind", "JourneyState", "Stage"],
        ".layout": ["DataSettings", "EmotionPoint", "EmotionScale", "EventColumns", "Lane", "LaneType", "Link", "LinkKind", "Scope"],
        ".metrics": ["Measurement", "Metric", "StepMetrics"],
        ".persona": ["BuyerRole", "Persona", "PersonaSource"],
        ".ranking": ["METHODS as RANKING_METHODS", "Mvp", "RankedIdea", "mvp", "rank"],
        ".research": ["IdeaStatus", "Insight", "Opportunity"],
        ".rules": ["Problem", "check"],
        ".stage_sets": ["STAGE_SETS", "StageSet", "StageTemplate"],
        ".step": ["Binding", "Blueprint", "Communication", "Emotion", "Evidence", "EvidenceKind", "Mode", "MomentOfTruth", "PersonaView", "Step", "Touchpoint", "VoiceSettings"],
    },
)

__all__ = [
    "CHANNELS",
    "Binding",
    "Blueprint",
    "BuyerRole",
    "Communication",
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
    "channel_title",
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
    "check",
    "mvp",
    "rank",
    "slugify",
]
