"""Print the evaluation tables of docs/voice.md (markdown): public test splits, the bundled shop sets, the hand-made sets.

    python scripts/evaluate_sentiment.py [--data /work/shared/data/sentiment]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymap.voice import LanguageEvaluation, bundled_sets, default_model, evaluate, lexicon_model, read_labelled
from journeymap.voice.evaluate import scores

HERE = Path(__file__).resolve().parents[1] / "tests" / "voice" / "data"
HEADER = (
    "| lang | texts | default acc | default F1 | lexicon + rules acc | lexicon + rules F1 | plain lexicon acc | plain lexicon F1 | majority acc | majority F1 |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def row(found: LanguageEvaluation, rows: list[tuple[str, str, str]], texts: str) -> str:
    """Return one markdown row: the default model, lexicon + rules, and both baselines."""
    subset = [(text, label) for text, label, language in rows if language == found.language]
    ruled = scores([label for _text, label in subset], [item.label for item in lexicon_model(found.language).predict([text for text, _label in subset], found.language)])
    figures = (found.model, ruled, found.lexicon, found.majority)
    return f"| {found.language} | {texts} | " + " | ".join(f"{value.accuracy:.3f} | {value.macro_f1:.3f}" for value in figures) + " |"


def main() -> None:
    """Print the two tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/sentiment"))
    data = parser.parse_args().data
    print(HEADER)
    for language in ("en", "ru", "kk", "uz"):
        rows = read_labelled(data / language / "test.csv", language=language)
        print(*(row(found, rows, str(found.count)) for found in evaluate(rows, default_model())), sep="\n")
    for name, tag in (("handmade_lt_uk.csv", "hand-made"), ("heldout_lt_uk.csv", "held out")):
        rows = read_labelled(HERE / name)
        print(*(row(found, rows, f"{found.count} ({tag})") for found in evaluate(rows, default_model())), sep="\n")
    for split in ("test", "dev"):
        print(f"\nBundled shop, app and support sets, {split} split\n\n" + HEADER)
        for path in bundled_sets():
            rows = read_labelled(path, language=path.stem, split=split)
            print(*(row(found, rows, str(found.count)) for found in evaluate(rows, default_model())), sep="\n")
    print("\n" + HEADER)
    rows = read_labelled(HERE / "shop_labelled.csv")
    print(*(row(found, rows, str(found.count)) for found in evaluate(rows, default_model())), sep="\n")


if __name__ == "__main__":
    main()
