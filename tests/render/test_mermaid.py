"""Mermaid journey export and import, round-trip, and warnings for what Mermaid cannot hold."""

from __future__ import annotations

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
    assert warnings[0].startswith("not exported, Mermaid journeys have no place for them: goals (1 steps), thoughts (1 steps)")
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
    result = mermaid_import("journey\n  title T\n  %% a comment\n  accTitle: x\n  section S\n    A: 3\n  something else\n")
    assert result.warnings == ["line 4: accessibility text is not kept", "line 7: not understood, skipped: something else"]
    assert [step.name for step in result.journey.steps] == ["A"]


def test_duplicate_task_names_get_their_own_ids() -> None:
    journey = mermaid_import("journey\n section S\n  Waits: 3\n  Waits: 2\n").journey
    assert [step.id for step in journey.steps] == ["waits", "waits-2"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("graph TD\n", "x.mmd:1: a Mermaid journey starts with the line 'journey'"),
        ("journey\n section S\n  Pays: 7: Olga\n", "x.mmd:3: task 'Pays': the score must be a whole number from 1 to 5, not '7'"),
        ("journey\n section S\n  Pays: good\n", "x.mmd:3: task 'Pays': the score must be a whole number from 1 to 5, not 'good'"),
    ],
)
def test_bad_diagrams_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(MapFileError) as error:
        mermaid_import(text, path="x.mmd")
    assert str(error.value) == message
