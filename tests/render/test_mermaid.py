"""Mermaid journey export and import, round-trip, and warnings for what Mermaid cannot hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.errors import MapFileError
from journeymap.model import Journey
from journeymap.render import mermaid_export, mermaid_import

DIAGRAM = """journey
    title Buying a toy
    section Awareness
      Sees a toy: 4: Olga
      Searches: 2: Olga, Dad
    section Purchase
      Pays: 1: Olga
"""


def test_export_writes_sections_tasks_scores_and_actors(rich: Journey) -> None:
    lines = mermaid_export(rich).text.splitlines()
    assert lines[0] == "journey" and lines[1] == "    title Shop <script>alert(1)</script>"
    assert [line.strip() for line in lines if line.strip().startswith("section")] == [
        'section Awareness "><img src=x onerror=alert(1)>', "section Purchase"]
    olga = rich.personas[0].name
    assert lines[-2].strip() == f"Pays: 1: {olga}, Buyer" and lines[-1].strip() == f"Uses: 5: {olga}"


def test_export_warns_about_everything_left_out(rich: Journey) -> None:
    warnings = mermaid_export(rich).warnings
    assert len(warnings) == 1
    assert warnings[0].startswith("not exported, Mermaid journeys have no place for them: goals (1 step), thoughts (1 step)")
    assert "emotion.desired (4 steps)" in warnings[0] and "opportunities (3)" in warnings[0]


def test_characters_mermaid_cannot_write_are_replaced_with_a_warning() -> None:
    journey = Journey(title="x", stages=[{"name": "A: b", "steps": [{"name": "Pays; then # waits", "emotion": {"actual": 0.5}}]}])
    result = mermaid_export(journey)
    assert "    section A b" in result.text and "      Pays then waits: 4" in result.text
    assert "stage 'a-b': ':' and line breaks cannot be written there in Mermaid; replaced by spaces" in result.warnings
    assert "step 'pays-then-waits': ';#' and line breaks cannot be written there in Mermaid; replaced by spaces" in result.warnings
    assert "step 'pays-then-waits': emotion 0.5 rounded to Mermaid score 4" in result.warnings


def test_commas_in_persona_names_would_split_actors() -> None:
    journey = Journey(title="x", personas=[{"name": "Olga, mother"}], stages=[{"name": "s", "steps": [{"name": "a"}, {"name": "b"}]}])
    result = mermaid_export(journey)
    assert result.text.endswith("      a: 3: Olga mother\n      b: 3: Olga mother\n")
    assert result.warnings == ["persona 'olga-mother': ',' and line breaks cannot be written there in Mermaid; replaced by spaces"]


def test_import_reads_stages_steps_scores_and_actors() -> None:
    journey = mermaid_import(DIAGRAM).journey
    assert journey.title == "Buying a toy"
    assert [(stage.name, [step.name for step in stage.steps]) for stage in journey.stages] == [
        ("Awareness", ["Sees a toy", "Searches"]), ("Purchase", ["Pays"])]
    assert [step.emotion.actual for step in journey.steps] == [1, -1, -2]
    assert [(persona.name, persona.steps) for persona in journey.personas] == [("Olga", []), ("Dad", ["searches"])]


def test_round_trip_from_diagram_is_exact() -> None:
    assert mermaid_export(mermaid_import(DIAGRAM).journey).text == DIAGRAM


def test_round_trip_from_map_keeps_what_mermaid_holds(rich: Journey) -> None:
    back = mermaid_import(mermaid_export(rich).text).journey
    assert back.title == rich.title
    assert [stage.name for stage in back.stages] == [stage.name for stage in rich.stages]
    assert [step.name for step in back.steps] == [step.name for step in rich.steps]
    assert [step.emotion.actual for step in back.steps] == [step.emotion.actual for step in rich.steps]
    assert [(p.name, p.steps) for p in back.personas] == [(p.name, p.steps) for p in rich.personas]


def test_import_warns_about_lines_it_does_not_understand() -> None:
    result = mermaid_import("journey\n  title T\n  %% a comment\n  accTitle: x\n  section S\n    A: 3 # a comment too\n  something else\n")
    assert result.warnings == ["line 7: not understood, skipped: something else"]
    assert [step.name for step in result.journey.steps] == ["A"] and result.journey.accessible_title == "x"


def test_duplicate_task_names_get_their_own_ids() -> None:
    journey = mermaid_import("journey\n section S\n  Waits: 3\n  Waits: 2\n").journey
    assert [step.id for step in journey.steps] == ["waits", "waits-2"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("graph TD\n", "x.mmd:1: a Mermaid journey starts with the line 'journey'"),
        ("journey\n section S\n  Pays: 7: Olga\n", "x.mmd:3: task 'Pays': the score must be a whole number from 0 to 5, not '7'"),
        ("journey\n section S\n  Pays: good\n", "x.mmd:3: task 'Pays': the score must be a whole number from 0 to 5, not 'good'"),
        ("journey\n section S\n  Pays: -10: Me\n", "x.mmd:3: task 'Pays': the score must be a whole number from 0 to 5, not '-10'"),
    ],
)
def test_bad_diagrams_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(MapFileError) as error:
        mermaid_import(text, path="x.mmd")
    assert str(error.value) == message


SAMPLES = Path(__file__).parent / "fixtures" / "mermaid"
# per sample (README.md there gives each one's source): title, sections with their tasks, actors, scores
EXPECTED = {
    "docs-my-working-day.mmd": ("My working day", {"Go to work": ["Make tea", "Go upstairs", "Do work"], "Go home": ["Go downstairs", "Sit down"]}, ["Me", "Cat"], [5, 3, 1, 5, 5]),
    "cypress-front-matter-title-styling.mmd": ("User Journey Example", {"Onboarding": ["Sign Up", "Complete Profile"], "Engagement": ["Browse Features", "Use Core Functionality"], "Retention": ["Revisit Application", "Invite Friends"]}, ["John", "Shahir"], [5, 4, 3, 4, 5, 3]),
    "cypress-indented-front-matter-no-actors.mmd": ("User Journey Example", {"Onboarding": ["Sign Up", "Browse Features", "Use Core Functionality"], "Engagement": ["Browse Features", "Use Core Functionality"]}, [], [5, 3, 4, 3, 4]),
    "cypress-spaces-around-colons.mmd": ("Web hook life cycle", {"Darkoob": ["Make preBuilt", "register slug", "Map slug to a Prebuilt Job"], "External Service": ["set Darkoob slug as hook for an Event", "listen to the events", "call darkoob endpoint"], "Darkoob ": ["check for inputs", "run the prebuilt job"]}, ["Darkoob user", "Darkoob userf deliberately increasing the size of this label to check if distance between legend and diagram is maintained", "admin Exjjjnjjjj qwerty", "External Service", "DarkoobAPI"], [5] * 8),
    "spec-multiline-accdescr.mmd": ("Adding journey diagram functionality to mermaid", {"Order from website": []}, [], []),
}


def scores(journey: Journey) -> list[int]:
    return [round(1 + (step.emotion.actual + 2)) for step in journey.steps]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_mermaid_samples_import_whole_and_round_trip(name: str) -> None:
    title, sections, actors, values = EXPECTED[name]
    result = mermaid_import((SAMPLES / name).read_text(encoding="utf-8"), path=name)
    journey = result.journey
    assert result.warnings == []
    assert journey.title == title
    assert [[step.name for step in stage.steps] for stage in journey.stages] == list(sections.values())
    assert [stage.name.strip() for stage in journey.stages] == [name.strip() for name in sections]
    assert [persona.name for persona in journey.personas] == actors and scores(journey) == values
    again = mermaid_import(mermaid_export(journey).text).journey
    assert again.model_dump(exclude={"id"}) == journey.model_dump(exclude={"id"})


def test_accessibility_texts_are_kept_through_a_round_trip() -> None:
    journey = mermaid_import((SAMPLES / "spec-multiline-accdescr.mmd").read_text(encoding="utf-8")).journey
    assert journey.description == "A user journey for\nfamily shopping"
    assert journey.accessible_title == "Adding acc journey diagram functionality to mermaid"
    text = mermaid_export(journey).text
    assert "    accDescr {\n      A user journey for\n      family shopping\n    }\n" in text
    back = mermaid_import(text).journey
    assert (back.title, back.accessible_title, back.description) == (journey.title, journey.accessible_title, journey.description)
    single = mermaid_import("journey\naccTitle: Only this\naccDescr: 2 main sections: work and home\nsection S\n  A: 3\n").journey
    assert (single.title, single.accessible_title, single.description) == ("Only this", "", "2 main sections: work and home")


def test_score_zero_is_read_as_the_lowest_emotion_with_a_warning() -> None:
    result = mermaid_import("JOURNEY\n  Title Zero\n  SECTION S\n    Waits: 0: Me\n")
    assert [step.emotion.actual for step in result.journey.steps] == [-2] and result.journey.title == "Zero"
    assert result.warnings == ["line 4: score 0 read as 1, the lowest emotion of the map"]
