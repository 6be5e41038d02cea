"""The summary table as XLSX (read back with openpyxl), CSV and Markdown."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook
from support import IMG, SCRIPT

from journeymap.i18n import in_language
from journeymap.model import Journey
from journeymap.render import csv_text, markdown_text, render, workbook_bytes


def test_workbook_has_steps_opportunities_and_personas(rich: Journey) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(rich)))
    assert book.sheetnames == ["Steps", "Opportunities", "Personas", "Communication plan", "Lanes", "Evidence", "Personas at the steps"]
    steps = book["Steps"]
    assert [cell.value for cell in steps[1]][:5] == ["Stage", "Step", "Success criterion", "Audience", "Conversion"]
    assert steps.freeze_panes == "C2"
    assert steps.max_row == 1 + len(rich.steps)
    rows = {row[1]: row for row in steps.iter_rows(min_row=2, values_only=True)}
    assert rows[SCRIPT][0] == f"Awareness {IMG}"
    assert rows["Pays"][3] == 1200 and rows["Pays"][4] == 0.3 and rows["Pays"][10] == 5 and rows["Pays"][13] == "audience"
    assert rows["Searches"][6] == timedelta(seconds=300) and rows["Searches"][8] == -1 and rows["Searches"][11] == "Cannot find the brand"


def test_workbook_formats_and_colours(rich: Journey) -> None:
    steps = load_workbook(io.BytesIO(workbook_bytes(rich)))["Steps"]
    assert steps["D3"].number_format == "#,##0" and steps["E3"].number_format == "0.0%"
    assert steps["G3"].number_format == "[h]:mm:ss" and steps["I3"].number_format == "+0;-0;0"
    assert steps.column_dimensions["B"].width == 28
    coloured = sorted(str(rule.sqref) for rule in steps.conditional_formatting)
    assert coloured == ["E2:E5", "F2:F5", "I2:I5"]


def test_opportunities_are_ranked_by_the_seeds_score(rich: Journey) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes(rich)))["Opportunities"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # Brand on the toy: 3+5+5+5 = 18; checkout: 5+3+2+4 = 14; unscored last.
    assert [(row[0], row[1], row[7]) for row in rows] == [
        (1, "Brand on the toy", 18), (2, f"One-page checkout {SCRIPT}", 14), (3, "Unscored idea", None)]


def test_personas_sheet(rich: Journey) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes(rich)))["Personas"]
    assert [row[:2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [(rich.personas[0].name, None), ("Buyer", "Purchaser")]  # the role in words, as the poster names it


def test_text_that_looks_like_a_formula_stays_text() -> None:
    journey = Journey(title="x", stages=[{"name": "s", "steps": [{"id": "f", "name": '=HYPERLINK("http://x","y")'}]}])
    cell = load_workbook(io.BytesIO(workbook_bytes(journey)))["Steps"]["B2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")'


def test_csv_reads_back_with_raw_numbers_and_hostile_text_intact(rich: Journey) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text(rich))))
    assert [row["step"] for row in rows] == [step.name for step in rich.steps]
    assert rows[1]["conversion"] == "0.4" and rows[1]["time"] == "300" and rows[2]["audience"] == "1200"
    assert rows[0]["stage"] == f"Awareness {IMG}"


def test_csv_with_byte_order_mark_for_excel(rich: Journey, tmp_path: Path) -> None:
    plain = render(rich, tmp_path / "a.csv").read_bytes()
    marked = render(rich, tmp_path / "b.csv", bom=True).read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and marked == b"\xef\xbb\xbf" + plain


def test_markdown_escapes_markup_and_formats_numbers(rich: Journey) -> None:
    text = markdown_text(rich)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    searches = next(line for line in text.splitlines() if line.startswith("| Awareness") and "Searches" in line)
    cells = [cell.strip() for cell in searches.strip("|").split(" | ")]
    assert cells[3:7] == ["4,000", "40%", "", "5 min"] and cells[8] == "–1"
    assert "## Opportunities" in text


def test_markdown_keeps_a_pipe_inside_its_cell() -> None:
    journey = Journey(title="x", stages=[{"name": "a | b", "steps": [{"name": "c"}]}])
    row = markdown_text(journey).splitlines()[4]
    assert row.startswith("| a \\| b | c |")


STATUSES_RU = {"idea": "Предложена", "planned": "Запланирована", "in_progress": "В работе", "done": "Готово", "rejected": "Отклонена"}


def test_idea_statuses_are_words_of_the_maps_language_in_the_workbook_and_markdown() -> None:
    ideas = [{"title": f"Idea {status}", "status": status} for status in STATUSES_RU]
    with in_language("ru"):
        book = load_workbook(io.BytesIO(workbook_bytes(Journey(title="Shop", opportunities=ideas))))
        text = markdown_text(Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays"}]}], opportunities=ideas))
    sheet = book[book.sheetnames[1]]
    assert sheet.cell(row=1, column=9).value == "Статус"
    assert {row[1]: row[8] for row in sheet.iter_rows(min_row=2, values_only=True)} == {f"Idea {key}": word for key, word in STATUSES_RU.items()}
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Idea" in line]
    assert [row.strip("|").split(" | ")[8].strip() for row in rows] == list(STATUSES_RU.values())


PLAN = Journey(title="Shop", stages=[
    {"name": "Buy", "steps": [{"name": "Orders", "communications": [{"channel": "email", "message": "Order confirmed", "timing": "At once", "owner": "CRM"}]},
                              {"name": "Pays", "communications": [{"channel": "sms", "message": "Paid | thanks"}, {"channel": "push", "message": "Receipt"}]}]},
    {"name": "Wait", "steps": [{"name": "Waits"}, {"name": "Gets it", "communications": [{"channel": "email", "message": "How was it?", "timing": "Day 3"}]}]},
])


def test_the_communication_plan_is_a_sheet_and_a_section_stage_by_stage() -> None:
    expected = [
        ("Buy", "Orders", "email", "Order confirmed", "At once", "CRM"),
        ("Buy", "Pays", "sms", "Paid | thanks", None, None),
        ("Buy", "Pays", "push", "Receipt", None, None),
        ("Wait", "Gets it", "email", "How was it?", "Day 3", None),
    ]
    sheet = load_workbook(io.BytesIO(workbook_bytes(PLAN)))["Communication plan"]
    assert [cell.value for cell in sheet[1]] == ["Stage", "Step", "Channel", "Message", "When", "Owner"]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == expected
    section = markdown_text(PLAN).split("## Communication plan\n\n", 1)[1].splitlines()
    assert section[2] == "| Buy | Orders | email | Order confirmed | At once | CRM |"
    assert section[3] == "| Buy | Pays | sms | Paid \\| thanks |  |  |"
    assert len(section) == 2 + len(expected)
    assert "Communication plan" not in markdown_text(Journey(title="Shop"))


def test_the_tables_show_links_insights_evidence_and_persona_emotions() -> None:
    journey = Journey.model_validate({
        "title": "Shop",
        "personas": [{"name": "Olga"}],
        "stages": [{"name": "Buy", "steps": [
            {"name": "Pays", "subjourney": "pay.yaml", "evidence": [{"text": "Too | slow", "kind": "ticket", "date": "2026-11-02"}],
             "by_persona": {"olga": {"emotion": {"actual": -1}}}},
            {"name": "Uses"},
        ]}],
        "links": [{"from": "uses", "to": "pays", "kind": "loop", "label": "Again"}],
        "insights": [{"text": "Paying is slow", "source": "ticket", "steps": ["pays"]}],
    })
    book = load_workbook(io.BytesIO(workbook_bytes(journey)))
    assert book.sheetnames[-4:] == ["Links between steps", "Insights", "Evidence", "Personas at the steps"]
    assert [[cell.value for cell in row] for row in book["Links between steps"].iter_rows(min_row=2)] == [
        ["Uses", "Pays", "Loop back", "Again", None], ["Pays", "pay.yaml", "Sub-journey", None, None],
    ]
    assert [cell.value for cell in book["Evidence"][2]] == ["Buy", "Pays", "Support ticket", "Too | slow", None, "Nov 2, 2026", None]
    assert [cell.value for cell in book["Personas at the steps"][2]][:4] == ["Buy", "Pays", "Olga", -1]
    markdown = markdown_text(journey)
    for heading in ("## Links between steps", "## Insights", "## Evidence", "## Personas at the steps"):
        assert heading in markdown
    assert "| Buy | Pays | Support ticket | Too \\| slow |  | Nov 2, 2026 |  |" in markdown


def test_every_lane_the_map_fills_is_a_column_of_the_csv_and_a_sheet_and_section_of_its_own() -> None:
    from ruamel.yaml import YAML

    from journeymap.files import example_path, load

    path = example_path("b2b-equipment")
    raw = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    steps = [step for stage in raw["stages"] for step in stage.get("steps", [])]
    filled = [lane for lane in ("actions", "goals", "thoughts", "pains", "gains") if any(step.get(lane) for step in steps)]
    assert len(filled) >= 3  # the example fills most lanes: the test means something
    journey = load(path)
    rows = list(csv.DictReader(io.StringIO(csv_text(journey))))
    assert len(rows) == len(steps)
    for lane in filled:
        assert [row[lane] for row in rows] == ["; ".join(step.get(lane, [])) for step in steps], lane
    sheet = load_workbook(io.BytesIO(workbook_bytes(journey)))["Lanes"]
    titles = [cell.value for cell in sheet[1]]
    assert titles[:2] == ["Stage", "Step"] and {"Actions", "Goals", "Pains"} <= set(titles)
    assert [cell.value for cell in sheet["B"][1:]] == [step["name"] for step in steps]
    assert "## Lanes" in markdown_text(journey)


def test_a_map_without_lane_cards_keeps_the_csv_of_the_summary_alone() -> None:
    journey = Journey(title="Shop", stages=[{"name": "Buy", "steps": [{"name": "Pays", "touchpoints": [{"name": "Card reader"}]}]}])
    assert csv_text(journey).splitlines()[0].split(",")[-1] == "measured"
    assert "## Lanes" not in markdown_text(journey)
