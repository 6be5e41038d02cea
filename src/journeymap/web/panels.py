"""What the editor's panels below the grid are told: the choices of each select, named in the current language, and their words."""

from __future__ import annotations

from typing import Any

from ..i18n import gettext as _
from ..model import STAGE_SETS, MomentOfTruth
from ..model.journey import JourneyKind, JourneyState
from ..model.layout import EmotionScale, LaneType, LinkKind
from ..render.words import kind_title, link_kind_title, moment_title, state_title


def choices(titles: dict[str, str]) -> list[dict[str, str]]:
    """Return select options, ``[{"key", "title"}]``, from a mapping of key to title.

    >>> choices({"loop": "Loop"})
    [{'key': 'loop', 'title': 'Loop'}]
    """
    return [{"key": key, "title": title} for key, title in titles.items()]


def stage_sets() -> list[dict[str, Any]]:
    """Return the stage sets a map can follow, each with its stages' keys and names.

    >>> dcj = [choice for choice in stage_sets() if choice["key"] == "dcj"][0]
    >>> dcj["title"], dcj["stages"][0]
    ('Dynamic customer journey', {'key': 'trigger', 'title': 'Trigger'})
    """
    return [
        {"key": key, "title": _(stage_set.name), "stages": [{"key": stage.key, "title": stage.title} for stage in stage_set.stages]}
        for key, stage_set in STAGE_SETS.items()
    ]


def panel_settings() -> dict[str, Any]:
    """Return the panels' settings in the current language: the options of each select and the panels' words.

    >>> settings = panel_settings()
    >>> settings["kinds"][4], settings["linkKinds"][1], settings["emotionScale"]["points"][0]
    ({'key': 'dcj', 'title': 'Dynamic customer journey'}, {'key': 'loop', 'title': 'Loop back'}, {'score': -2, 'label': 'Very negative', 'emoji': '😣'})
    """
    return {
        "kinds": choices({kind.value: kind_title(kind.value) for kind in JourneyKind}),
        "states": choices({state.value: state_title(state.value) for state in JourneyState}),
        "stageSets": stage_sets(),
        "moments": choices({moment.value: moment_title(moment.value) for moment in MomentOfTruth}),
        "laneTypes": choices(
            {
                LaneType.text.value: _("Text"),
                LaneType.list.value: _("List of cards"),
                LaneType.score.value: _("Score"),
                LaneType.link.value: _("Link"),
            }
        ),
        "linkKinds": choices({kind.value: link_kind_title(kind) for kind in LinkKind}),
        "emotionScale": EmotionScale().model_dump(),
        "strings": panel_strings(),
    }


def panel_strings() -> dict[str, str]:
    """Return the words of the panels below the grid, translated.

    >>> panel_strings()["cyclical"]
    'Cyclical: the last stage returns to the first'
    """
    return {
        "title": _("Title"),
        "kind": _("Kind of map"),
        "state": _("State"),
        "language": _("Language code (en, ru, pt-BR)"),
        "description": _("Description"),
        "businessGoal": _("Business goal"),
        "scenario": _("Scenario"),
        "scopeStart": _("Where the journey starts"),
        "scopeEnd": _("Where the journey ends"),
        "owners": _("Owners (one a line)"),
        "tags": _("Tags (one a line)"),
        "stageSet": _("Stage set"),
        "noStageSet": _("No stage set"),
        "cyclical": _("Cyclical: the last stage returns to the first"),
        "emotionScale": _("Emotion scale"),
        "scaleMin": _("Lowest score"),
        "scaleMax": _("Highest score"),
        "point": _("Point {number}"),
        "score": _("Score"),
        "label": _("Label"),
        "emoji": _("Emoji"),
        "addPoint": _("Add point"),
        "removePoint": _("Remove point {number}"),
        "key": _("Key in the stage set"),
        "noKey": _("No key"),
        "owner": _("Owner (department)"),
        "momentOfTruth": _("Moment of truth"),
        "noMoment": _("None"),
        "noLanes": _("No custom lanes yet: add one under the grid."),
        "laneType": _("Type"),
        "noLinks": _("No links yet."),
        "link": _("Link {number}"),
        "from": _("From step"),
        "to": _("To step"),
        "linkKind": _("Kind of link"),
        "linkLabel": _("Label"),
        "share": _("Share of users (0 to 1)"),
        "addLink": _("Add link"),
        "removeLink": _("Remove link {number}"),
        "needSteps": _("Add steps to the grid first."),
        "noInsights": _("No insights yet."),
        "newInsight": _("New insight"),
        "addInsight": _("Add insight"),
        "removeInsight": _("Remove insight"),
        "id": _("Id"),
        "text": _("Text"),
        "source": _("Source"),
        "sourceRef": _("Source reference (interview, ticket, link)"),
        "insightScore": _("Experience score"),
        "steps": _("Steps it concerns"),
        "noOpportunities": _("No ideas yet."),
        "fromInsights": _("Insights behind it"),
        "ideaDescription": _("Description"),
        "status": _("Status"),
        "ideaOwner": _("Owner"),
        "removeIdea": _("Remove idea"),
        "manufactura": _("Scores: 1 (low) to 5 (high)"),
        "chosen": _("{count} chosen"),
    }
