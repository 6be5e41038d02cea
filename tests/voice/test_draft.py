"""Drafting a map from hand-written interviews (en, ru, kk): marked steps, pains and quotes are found, quotes trace to their lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.errors import DataSourceError
from journeymap.files import example_path, load, new_journey
from journeymap.voice import draft, transcripts

INTERVIEWS = Path(__file__).parent / "data" / "interviews"

# Marked by hand before any draft was run: the step each answer line speaks of, the lines that are pains, strong quotes.
STEPS = {
    "anna-en.txt": {2: "sees-the-product-on-another-child", 3: "asks-friends-or-searches-online", 5: "asks-friends-or-searches-online",
                    6: "sees-the-product-again", 7: "finds-the-product-card", 8: "reads-the-characteristics", 9: "compares-with-competitors",
                    10: "managers-call", 11: "pays-for-the-order", 12: "waits-for-delivery", 13: "uses-the-product", 14: "tells-friends"},
    "olga-ru.txt": {2: "sees-the-product-on-another-child", 3: "asks-friends-or-searches-online", 4: "asks-friends-or-searches-online",
                    5: "sees-the-product-again", 6: "finds-the-product-card", 7: "compares-with-competitors", 8: "managers-call",
                    9: "pays-for-the-order", 10: "waits-for-delivery", 11: "uses-the-product", 12: "tells-friends"},
    "aigul-kk.txt": {2: "sees-the-product-on-another-child", 3: "asks-friends-or-searches-online", 4: "asks-friends-or-searches-online",
                     5: "lands-on-the-site", 6: "finds-the-product-card", 7: "compares-with-competitors", 8: "managers-call",
                     9: "pays-for-the-order", 10: "waits-for-delivery", 11: "uses-the-product", 12: "tells-friends"},
}
PAINS = {"anna-en.txt": [7, 12], "olga-ru.txt": [6, 8, 10], "aigul-kk.txt": [5, 6, 10]}
QUOTES = {"anna-en.txt": [12, 13], "olga-ru.txt": [10, 11], "aigul-kk.txt": [10, 11]}
CONCEPT_STEPS = ["Sees the product on another child", "Asks friends", "Searches online", "Finds the product card", "Compares prices",
                 "Talks to the manager", "Pays for the order", "Waits for delivery", "Wears the product", "Recommends the shop"]


@pytest.fixture(scope="module")
def on_the_shop_map():
    feedback = transcripts([INTERVIEWS])
    return draft(load(example_path("childrens-shop")), feedback, languages=["ru", "kk"]), feedback


def line_text(name: str, line: int) -> str:
    return (INTERVIEWS / name).read_text(encoding="utf-8").splitlines()[line - 1]


def records_of(feedback):
    from journeymap.voice import analyze

    return {record.voice.id: record for record in analyze(load(example_path("childrens-shop")), feedback, languages=["ru", "kk"]).records}


def test_the_marked_steps_are_found(on_the_shop_map):
    found, feedback = on_the_shop_map
    records = records_of(feedback)
    marked = [(name, line, step) for name, lines in STEPS.items() for line, step in lines.items()]
    hits = sum(1 for name, line, step in marked if records[f"{name}:{line}"].step_id == step)
    assert hits / len(marked) >= 0.7
    assert (found.sentences, found.files, found.mapped) == (34, 3, 34)


def test_the_marked_pains_are_negative_on_their_step(on_the_shop_map):
    _found, feedback = on_the_shop_map
    records = records_of(feedback)
    marked = [(name, line) for name, lines in PAINS.items() for line in lines]
    hits = sum(1 for name, line in marked if records[f"{name}:{line}"].sentiment.label == "negative" and records[f"{name}:{line}"].step_id == STEPS[name][line])
    assert hits / len(marked) >= 0.7


def test_the_marked_quotes_are_evidence_and_every_quote_traces_to_its_line(on_the_shop_map):
    found, _feedback = on_the_shop_map
    quotes = {quote.source: (step.id, quote) for step in found.journey.steps for quote in step.evidence if quote.proposed}
    marked = [(name, line) for name, lines in QUOTES.items() for line in lines]
    hits = sum(1 for name, line in marked if quotes.get(f"interviews#{name}:{line}", (None,))[0] == STEPS[name][line])
    assert hits / len(marked) >= 0.7
    assert quotes
    for source, (_step, quote) in quotes.items():
        name, line = source.split("#")[1].split(":")
        assert quote.kind == "interview"
        assert quote.text.rstrip("…") in line_text(name, int(line))


def test_goals_thoughts_and_gains_come_from_the_speakers_sentences(on_the_shop_map):
    found, _feedback = on_the_shop_map
    goals = [goal for step in found.journey.steps for goal in step.goals]
    gains = [gain for step in found.journey.steps for gain in step.gains]
    assert "I want to know the exact size and materials before I pay." in goals
    assert "Балам күнде киеді, сапасы керемет." in gains
    assert "proposed" in found.journey.tags


@pytest.mark.parametrize(("language", "names"), [("en", CONCEPT_STEPS), ("ru", ["Ждёт доставку", "Оплачивает заказ", "Сравнивает цены"])])
def test_on_a_stage_set_steps_are_proposed_in_the_maps_language(language, names):
    found = draft(new_journey("lifecycle", language=language), transcripts([INTERVIEWS]), languages=["en", "ru", "kk"])
    proposed = [step.name for step in found.journey.steps]
    assert sum(1 for name in names if name in proposed) / len(names) >= 0.7
    assert all(step.evidence for step in found.journey.steps)
    assert proposed.index(names[-1] if language == "en" else names[0]) > proposed.index("Asks friends" if language == "en" else "Ищет в поиске")


def test_an_interviewers_lines_are_left_out_and_csv_answers_are_read(tmp_path):
    (tmp_path / "survey.csv").write_text("id,answer\n1,The courier was late again.\n2,\n3,Paying by card was easy.\n", encoding="utf-8")
    found = transcripts([tmp_path / "survey.csv", INTERVIEWS / "anna-en.txt"])
    ids = [voice.id for voice in found.voices]
    assert ids[:2] == ["survey.csv:2", "survey.csv:4"]
    assert "anna-en.txt:1" not in ids and "anna-en.txt:4" not in ids


def test_a_docx_interview_is_read_paragraph_by_paragraph(tmp_path):
    import zipfile

    paragraphs = ["Q: How was the delivery?", "A: The courier was late again.", "", "A: Paying by card was easy."]
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    xml = f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(tmp_path / "anna.docx", "w") as archive:
        archive.writestr("word/document.xml", xml)
    found = transcripts([tmp_path / "anna.docx"])
    assert [(voice.id, voice.text) for voice in found.voices] == [("anna.docx:2", "The courier was late again."), ("anna.docx:4", "Paying by card was easy.")]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "nothing", "no such file or folder"),
        (lambda folder: folder, "no .txt, .docx or .csv transcripts here"),
        (lambda folder: (folder / "a.docx").write_bytes(b"not a zip") and folder / "a.docx", "not a readable DOCX document"),
        (lambda folder: (folder / "a.csv").write_text("id,score\n1,5\n", encoding="utf-8") and folder / "a.csv", "no text column; name it 'text' or 'answer'"),
    ],
)
def test_bad_transcripts_are_named(tmp_path, make, message):
    with pytest.raises(DataSourceError, match=message):
        transcripts([make(tmp_path)])


def test_each_sentence_is_detected_once(monkeypatch):
    import importlib

    from journeymap.voice.language import detect

    calls: list[int] = []

    def counted(texts, languages):
        calls.append(len(texts))
        return detect(texts, languages)

    for module in ("journeymap.voice.draft", "journeymap.voice.pipeline"):
        monkeypatch.setattr(importlib.import_module(module), "detect", counted)
    feedback = transcripts([INTERVIEWS])
    found = draft(new_journey("lifecycle"), feedback, languages=["ru", "kk"])
    assert calls == [len({voice.text for voice in feedback.voices})]
    assert found.mapped > 0
