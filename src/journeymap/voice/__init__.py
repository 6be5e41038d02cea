"""Voice of the customer: feedback, surveys and social posts read onto the map.

>>> from journeymap.voice import read_feedback, sample_path
>>> len(read_feedback(sample_path()).voices) > 200
True
"""

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from . import report as report  # a submodule, named for type checkers
    from .aggregate import GroupVoice, VoiceAnalysis, analyze, apply, to_emotion
    from .draft import Draft, draft, transcripts
    from .evaluate import LanguageEvaluation, Scores, bundled_sets, evaluate, public_sets, read_labelled
    from .inspection import Inspection, inspect
    from .keywords import Keyword, keyword_groups, keywords
    from .language import SUPPORTED, detect
    from .lexicon import LexiconModel, lexicon_model
    from .listening import ListeningReport, ResponseStats, listening, listening_report
    from .llm import Improvement, endpoint as llm_endpoint, improve_steps, served_model as llm_served_model
    from .mapping import Assignment, assign
    from .pipeline import Scored, map_languages, score
    from .ratings import RatingSummary, summarize
    from .sample import sample_path
    from .sentiment import DefaultModel, TransformersModel, default_model, load_model
    from .sources import BadRow, FeedbackSet, Voice, read_feedback
    from .types import DEFAULT_THRESHOLD, LABELS, Sentiment, SentimentModel
    from .wordcloud import cloud_path, render_cloud

lazy.export_lazily(__name__)

__all__ = [
    "Assignment",
    "BadRow",
    "DEFAULT_THRESHOLD",
    "DefaultModel",
    "Draft",
    "FeedbackSet",
    "GroupVoice",
    "Improvement",
    "Inspection",
    "Keyword",
    "LABELS",
    "LanguageEvaluation",
    "LexiconModel",
    "ListeningReport",
    "RatingSummary",
    "ResponseStats",
    "SUPPORTED",
    "Scored",
    "Scores",
    "Sentiment",
    "SentimentModel",
    "TransformersModel",
    "Voice",
    "VoiceAnalysis",
    "analyze",
    "apply",
    "assign",
    "bundled_sets",
    "cloud_path",
    "default_model",
    "detect",
    "draft",
    "evaluate",
    "improve_steps",
    "inspect",
    "keyword_groups",
    "keywords",
    "lexicon_model",
    "listening",
    "listening_report",
    "llm_endpoint",
    "llm_served_model",
    "load_model",
    "map_languages",
    "public_sets",
    "read_feedback",
    "read_labelled",
    "render_cloud",
    "sample_path",
    "score",
    "summarize",
    "to_emotion",
    "transcripts",
]
