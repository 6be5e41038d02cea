"""The ``journeymap voice`` commands, run in-process on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.cli import app
from journeymap.files import load
from journeymap.model import Journey
from journeymap.voice import sample_path

MAP = {
    "title": "Kids shop",
    "stages": [
        {"name": "Purchase", "steps": [{"name": "Finds the product card", "actions": ["opens the product card"]},
                                       {"name": "Pays for the order", "voice": {"keywords": ["payment", "оплата"]}}]},
        {"name": "Delivery", "steps": [{"name": "Waits for delivery", "pains": ["courier is late"], "emotion": {"actual": -1}}]},
    ],
}

ROWS = (
    "id,date,channel,rating,step,text,reply_text,replied_at\n"
    "1,2025-01-10T10:00,social,1,,The courier was late again,,\n"
    "2,2025-01-11T10:00,social,2,,Courier late and rude,Sorry!,2025-01-11T14:00\n"
    "3,2025-02-01T09:00,survey,5,pays-for-the-order,Отличная оплата картой,,\n"
    "4,2025-02-02T09:00,app review,4,,Payment was quick and easy,,\n"
    "5,,ticket,,,I like turtles,,\n"
    "6,2025-02-03T09:00,survey,3,,,,\n"
)


@pytest.fixture
def feedback(write_map) -> Path:
    return write_map(ROWS, "feedback.csv")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return Journey.model_validate(MAP).save(tmp_path / "shop.yaml")


def test_inspect_json(runner, feedback):
    result = runner.invoke(app, ["voice", "inspect", str(feedback), "--json", "--languages", "ru"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["rows"], found["with_step"], found["with_reply"]) == (5, 1, 1)
    assert found["languages"] == {"en": 4, "ru": 1}
    assert found["ratings"] == {"scale": "stars", "value": 50.0, "mean": 3.0, "count": 4}
    assert found["bad_rows"] == [{"row": 7, "reason": "empty text", "field": ""}]
    assert found["date_from"].startswith("2025-01-10")


def test_inspect_table(runner, feedback):
    result = runner.invoke(app, ["voice", "inspect", str(feedback)])
    assert result.exit_code == 0 and "Rows" in result.stdout and "row 7: empty text" in result.stdout


def test_analyze_writes_the_voiced_map(runner, feedback, shop, tmp_path):
    output = tmp_path / "voiced.yaml"
    result = runner.invoke(app, ["voice", "analyze", str(feedback), "--map", str(shop), "-o", str(output), "--languages", "ru", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["voices"], found["mapped"], found["unmapped"]) == (5, 4, 1)
    assert [voice["text"] for voice in found["unmapped_voices"]] == ["I like turtles"]
    steps = {step["id"]: step for step in found["steps"]}
    assert steps["waits-for-delivery"]["mentions"] == 2 and steps["pays-for-the-order"]["mentions"] == 2
    voiced = load(output)
    measured = voiced.step("waits-for-delivery").emotion.measured
    assert measured.count == 2 and measured.value == steps["waits-for-delivery"]["emotion"]
    assert voiced.step("waits-for-delivery").emotion.actual == -1


def test_analyze_table(runner, feedback, shop):
    result = runner.invoke(app, ["voice", "analyze", str(feedback), "--map", str(shop)])
    assert result.exit_code == 0, result.output
    assert "5 voices, 4 on steps" in result.stdout and "1 unmapped" in result.stdout and "row 6: I like turtles" in result.stdout


def test_keywords_and_clouds_per_stage(runner, feedback, shop, tmp_path):
    result = runner.invoke(app, ["voice", "keywords", str(feedback), "--map", str(shop), "--by", "stage", "--top", "3", "-o", str(tmp_path / "cloud.svg"), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert list(found["groups"]) == ["purchase", "delivery"]
    assert sorted(Path(name).name for name in found["files"]) == ["cloud-delivery.svg", "cloud-purchase.svg"]


def test_listening(runner, feedback):
    result = runner.invoke(app, ["voice", "listening", str(feedback), "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    assert (overall["complaints"], overall["answered"], overall["unanswered_share"], overall["median_hours"]) == (2, 1, 0.5, 4.0)
    table = runner.invoke(app, ["voice", "listening", str(feedback)])
    assert table.exit_code == 0 and "50%" in table.stdout


def test_listening_with_the_brand_account_and_competitors(runner):
    sample = Path(__file__).parents[1] / "voice" / "data" / "listening_sample.csv"
    result = runner.invoke(app, ["voice", "listening", str(sample), "--brand", "KidsShop", "--competitors", "Ozon, Wildberries", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["overall"]["needs_answer"], found["overall"]["answered"]) == (12, 8)
    assert [week["key"] for week in found["by_week"]] == ["2025-W10", "2025-W11"]


def test_evaluate_on_the_bundled_sets(runner):
    result = runner.invoke(app, ["voice", "evaluate", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [row["language"] for row in found] == ["en", "ru", "uk", "kk", "uz", "lt"]
    assert all(row["model"]["macro_f1"] >= 0.75 for row in found)
    bad = runner.invoke(app, ["voice", "evaluate", "--split", "train"])
    assert bad.exit_code == 2 and "unknown split 'train'; use one of: dev, test, all" in bad.output


def test_evaluate(runner, tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text("text,label\nGreat shop,positive\nAwful courier,negative\n", encoding="utf-8")
    result = runner.invoke(app, ["voice", "evaluate", str(path), "--lang", "en", "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["language"] == "en" and row["count"] == 2 and row["model"] == {"accuracy": 1.0, "macro_f1": 1.0}


def test_sample_copies_the_bundled_feedback(runner, tmp_path):
    output = tmp_path / "feedback.csv"
    result = runner.invoke(app, ["voice", "sample", "-o", str(output)])
    assert result.exit_code == 0 and output.read_bytes() == sample_path().read_bytes()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["voice", "inspect", "{tmp}/absent.csv"], "{tmp}/absent.csv: no such feedback file"),
        (["voice", "inspect", "{feedback}", "--columns", "text"], "--columns takes field=column pairs separated by commas, e.g. text=message,date=created_at"),
        (["voice", "inspect", "{feedback}", "--languages", "de"], "unknown language 'de'; use one of: en, ru, uk, kk, uz, lt"),
        (["voice", "inspect", "{feedback}", "--scale", "ten"], "unknown rating scale 'ten'; use one of: stars, csat, nps, ces"),
        (["voice", "analyze", "{feedback}", "--map", "{shop}", "-o", "{tmp}/out.yaml", "--model", "{tmp}"], "--model needs the 'transformers' package: pip install 'journeymap[transformers]'"),
        (["voice", "analyze", "{feedback}", "--map", "{tmp}/absent.yaml", "-o", "{tmp}/out.yaml"], None),
        (["voice", "keywords", "{feedback}", "--by", "step"], "--by step needs the map: pass --map MAP"),
        (["voice", "keywords", "{feedback}", "-o", "{tmp}/out.gif"], "{tmp}/out.gif: a word cloud is written as .png or .svg"),
        (["voice", "evaluate", "{feedback}"], "{feedback}: a labelled file needs the columns text and label"),
        (["voice", "sample", "-o", "{tmp}/no/such/out.csv"], "{tmp}/no/such: folder does not exist; create it first"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_output(runner, tmp_path, feedback, shop, arguments, message):
    if "--model" in arguments and _has_transformers():
        pytest.skip("transformers is installed here")
    values = {"tmp": tmp_path, "feedback": feedback, "shop": shop}
    result = runner.invoke(app, [argument.format(**values) for argument in arguments])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    if message is not None:
        assert lines[0] == "Error: " + message.format(**values)
    assert not list(tmp_path.glob("out*")) and not (tmp_path / "no").exists()


def _has_transformers() -> bool:
    try:
        import transformers  # noqa: F401
    except ImportError:
        return False
    return True


def test_the_bundled_sample_on_a_map_in_several_languages(runner, tmp_path):
    shop = Journey.model_validate({"title": "Shop", "stages": [{"name": "Delivery", "steps": [
        {"id": "waits-for-delivery", "name": "Waits for delivery", "actions": ["waits for the courier"]}]}]}).save(tmp_path / "shop.yaml")
    result = runner.invoke(app, ["voice", "analyze", str(sample_path()), "--map", str(shop), "--languages", "ru,uk,kk,uz,lt", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert set(found["languages"]) == {"en", "ru", "uk", "kk", "uz", "lt"}
    assert found["mapped"] + found["unmapped"] == found["voices"] > 250


def test_a_dismissed_quote_and_pain_are_not_proposed_again(runner, feedback, shop, tmp_path):
    first, second = tmp_path / "voiced.yaml", tmp_path / "again.yaml"
    assert runner.invoke(app, ["voice", "analyze", str(feedback), "--map", str(shop), "-o", str(first)]).exit_code == 0
    voiced = load(first)
    step = voiced.step("waits-for-delivery")
    quote, pain = step.evidence[0].text, step.proposed_pains[0]
    step.evidence = step.evidence[1:]
    step.proposed_pains = step.proposed_pains[1:]
    step.voice = {"dismissed": [quote.upper(), pain]}
    voiced.save(first)
    assert runner.invoke(app, ["voice", "analyze", str(feedback), "--map", str(first), "-o", str(second)]).exit_code == 0
    again = load(second).step("waits-for-delivery")
    assert quote not in [item.text for item in again.evidence] and pain not in again.proposed_pains
    assert again.voice.dismissed == [quote.upper(), pain] and again.emotion.measured.count == 2


def test_draft_writes_a_proposed_map_and_keeps_an_existing_file(runner, tmp_path):
    interviews = Path(__file__).parents[1] / "voice" / "data" / "interviews"
    output = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["draft", str(interviews), "--template", "childrens-shop", "-o", str(output), "--languages", "ru,kk"])
    assert result.exit_code == 0, result.output
    assert "34 sentences in 3 files" in result.stdout
    drafted = load(output)
    assert "proposed" in drafted.tags and any(quote.source == "interviews#anna-en.txt:12" for quote in drafted.step("waits-for-delivery").evidence)
    again = runner.invoke(app, ["draft", str(interviews), "-o", str(output)])
    assert again.exit_code == 2 and "file exists" in again.output
    missing = runner.invoke(app, ["draft", str(tmp_path / "none"), "-o", str(tmp_path / "x.yaml")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output and not (tmp_path / "x.yaml").exists()


def test_evaluate_with_public_sets_beside_the_bundled_ones(runner, tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "test.csv").write_text("text,label\nGreat shop,positive\nAwful courier,negative\n", encoding="utf-8")
    result = runner.invoke(app, ["voice", "evaluate", "--public", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    found = [(row["set"], row["language"], row["count"]) for row in json.loads(result.stdout)]
    assert found[-1] == ("public", "en", 2) and found[0] == ("journeymap", "en", 90)
    missing = runner.invoke(app, ["voice", "evaluate", "--public", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no such folder" in missing.output
