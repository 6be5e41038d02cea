"""Voice of the customer: feedback, surveys and social posts read onto the map.

>>> from journeymap.voice import read_feedback, sample_path
>>> len(read_feedback(sample_path()).voices) > 200
True
"""

from .. import lazy

lazy.export_lazily(
    __name__,
    {
        ".aggregate": ["GroupVoice", "VoiceAnalysis", "analyze", "apply", "to_emotion"],
        ".evaluate": ["LanguageEvaluation", "Scores", "evaluate", "read_labelled"],
        ".inspection": ["Inspection", "inspect"],
        ".keywords": ["Keyword", "keyword_groups", "keywords"],
        ".language": ["SUPPORTED", "detect"],
        ".lexicon": ["LexiconModel", "lexicon_model"],
        ".listening": ["ListeningReport", "ResponseStats", "listening", "listening_report"],
        ".mapping": ["Assignment", "assign"],
        ".pipeline": ["Scored", "map_languages", "score"],
        ".ratings": ["RatingSummary", "summarize"],
        ".sample": ["sample_path"],
        ".sentiment": ["DefaultModel", "TransformersModel", "default_model", "load_model"],
        ".sources": ["BadRow", "FeedbackSet", "Voice", "read_feedback"],
        ".types": ["DEFAULT_THRESHOLD", "LABELS", "Sentiment", "SentimentModel"],
        ".wordcloud": ["cloud_path", "render_cloud"],
    },
)

__all__ = [
    "Assignment",
    "BadRow",
    "DEFAULT_THRESHOLD",
    "DefaultModel",
    "FeedbackSet",
    "GroupVoice",
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
    "cloud_path",
    "default_model",
    "detect",
    "evaluate",
    "inspect",
    "keyword_groups",
    "keywords",
    "lexicon_model",
    "listening",
    "listening_report",
    "load_model",
    "map_languages",
    "read_feedback",
    "read_labelled",
    "render_cloud",
    "sample_path",
    "score",
    "summarize",
    "to_emotion",
]
