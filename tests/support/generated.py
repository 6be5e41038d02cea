"""Maps no one bundles, made for the layout tests: the sizes and texts a user's own map can reach.

Each is written in the language it is rendered in (``en``, ``ru`` or ``kk``), so long words and
Cyrillic line breaking are measured as a reader would see them.
"""

from __future__ import annotations

from collections.abc import Callable

from journeymap.files import example_path, load
from journeymap.model import Journey

WORDS = {
    "en": {
        "sentence": "The customer compares the prices of two shops, reads the reviews and asks a friend before deciding to order the school uniform",
        "word": "Interchangeability",
        "step": "Compares the offers",
        "stage": "Choosing",
        "persona": "Olga, a mother of two",
    },
    "ru": {
        "sentence": "Покупательница сравнивает цены двух магазинов, читает отзывы и советуется с подругой, прежде чем заказать школьную форму",
        "word": "Достопримечательности",
        "step": "Сравнивает предложения",
        "stage": "Выбор",
        "persona": "Ольга, мама двоих детей",
    },
    "kk": {
        "sentence": "Сатып алушы екі дүкеннің бағасын салыстырып, пікірлерді оқиды және мектеп формасына тапсырыс бермес бұрын құрбысымен ақылдасады",
        "word": "Жауапкершіліктеріңізді",
        "step": "Ұсыныстарды салыстырады",
        "stage": "Таңдау",
        "persona": "Ольга, екі баланың анасы",
    },
}
"""A long sentence, a long word, a step's, a stage's and a persona's name in each language the maps are written in."""

LIST_LANES = ("actions", "goals", "thoughts", "sees", "pains", "gains", "barriers", "problems", "ideas", "key_factors")


def blueprint_60(language: str) -> Journey:
    """A service blueprint of 60 steps in six stages: the bundled one's steps again and again."""
    example = load(example_path("service-blueprint"))
    models = [step.model_dump(exclude={"id"}) for step in example.steps]
    stages = [{"name": f"{WORDS[language]['stage']} {n + 1}", "owner": "Service", "steps": []} for n in range(6)]
    for number in range(60):
        step = {**models[number % len(models)], "name": f"{WORDS[language]['step']} {number + 1}"}
        stages[number // 10]["steps"].append(step)
    return example.model_copy(update={"title": f"{WORDS[language]['step']}: 60", "stages": Journey(title="t", stages=stages).stages})


def long_texts(language: str) -> Journey:
    """Four steps with a long sentence (and a long word) in every field a step has."""
    words = WORDS[language]
    text = f"{words['sentence']} {words['word']}"
    step = {
        "description": text,
        **{lane: [text, words["word"]] for lane in LIST_LANES},
        "emotion": {"actual": -1, "desired": 2, "label": text},
        "touchpoints": [{"name": text, "channel": "site", "owner": words["word"]}],
        "evidence": [text],
        "owner": text,
        "blueprint": {"physical_evidence": [text], "frontstage": [text], "backstage": [text], "support": [text]},
        "metrics": {"audience": 123456789, "conversion": 0.123, "success_criterion": text},
        "communications": [{"message": text, "channel": "email", "timing": text, "owner": text}],
        "custom": {"notes": [text]},
    }
    steps = [{**step, "id": f"s{n}", "name": f"{words['step']} {n}: {words['sentence'][:60]}"} for n in range(4)]
    return Journey(
        title=f"{words['sentence']} {words['word']}",
        description=text,
        business_goal=text,
        personas=[{"name": f"{words['persona']} {words['word']}", "description": text, "quote": text}],
        lanes=[{"id": "notes", "title": f"{words['word']} {words['step']}", "type": "list"}],
        insights=[{"text": text, "steps": ["s1"]}],
        opportunities=[{"title": text, "description": text}],
        stages=[
            {"name": f"{words['stage']} {words['word']} {n}", "description": text, "steps": steps[2 * n : 2 * n + 2]} for n in range(2)
        ],
    )


def one_step(language: str) -> Journey:
    """A map of one stage with one step."""
    words = WORDS[language]
    step = {"name": words["step"], "actions": [words["sentence"]], "emotion": {"actual": 1, "desired": 2}, "pains": [words["word"]]}
    return Journey(title=words["step"], stages=[{"name": words["stage"], "steps": [step]}])


def twelve_stages(language: str) -> Journey:
    """Twelve stages of two steps each, with a few lanes filled here and there."""
    words = WORDS[language]
    stages = [
        {
            "name": f"{words['stage']} {n + 1}",
            "steps": [
                {
                    "name": f"{words['step']} {n + 1}.{k + 1}",
                    "actions": [words["sentence"][: 40 + 10 * k]],
                    "emotion": {"actual": (n + k) % 5 - 2, "desired": 2},
                    **({"pains": [words["word"]]} if n % 3 == 0 else {}),
                    **({"ideas": [words["sentence"][:50]]} if n % 4 == 1 else {}),
                }
                for k in range(2)
            ],
        }
        for n in range(12)
    ]
    return Journey(title=f"{words['stage']}: 12", stages=stages)


def persona_curves(language: str) -> Journey:
    """Three personas, each with its own emotion at each of ten steps."""
    words = WORDS[language]
    personas = [{"id": f"p{n}", "name": f"{words['persona']} {n + 1}", "description": words["sentence"][:70]} for n in range(3)]
    steps = [
        {
            "name": f"{words['step']} {k + 1}",
            "actions": [words["sentence"][:60]],
            "emotion": {"actual": k % 5 - 2, "desired": 2},
            "by_persona": {f"p{n}": {"emotion": {"actual": (k + n * 2) % 5 - 2}, "notes": words["sentence"][:50]} for n in range(3)},
        }
        for k in range(10)
    ]
    return Journey(
        title=f"{words['persona']}: 3",
        personas=personas,
        stages=[{"name": words["stage"], "steps": steps[:5]}, {"name": words["word"], "steps": steps[5:]}],
    )


GENERATED: dict[str, Callable[[str], Journey]] = {
    "blueprint-60": blueprint_60,
    "long-texts": long_texts,
    "one-step": one_step,
    "twelve-stages": twelve_stages,
    "persona-curves": persona_curves,
}
"""Each generated map by name, made in a given language."""


def generated(name: str, language: str) -> Journey:
    """Return the generated map ``name`` written in ``language``, with the map's language set to it."""
    journey = GENERATED[name](language)
    return journey.model_copy(update={"language": language})
