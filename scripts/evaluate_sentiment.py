"""Print the evaluation tables of docs/voice.md (markdown): each source against the combination, public test splits, the bundled shop sets, the hand-made sets.

    python scripts/evaluate_sentiment.py [--data /work/shared/data/sentiment]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymap.voice import (
    LanguageEvaluation,
    bundled_sets,
    compare_sources,
    default_model,
    evaluate,
    lexicon_model,
    public_sets,
    read_labelled,
)
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


def sources(data: Path, split: str) -> None:
    """Print macro-F1 of the lexicon, the classifier and the combination per language, on the own sets' ``split`` and the public test splits."""
    print("| lang | kind of text | texts | lexicon + rules F1 | classifier F1 | combination F1 | combination - better source |\n|---|---|---:|---:|---:|---:|---:|")
    own = [(path, path.stem, f"own, {split} split") for path in bundled_sets()]
    public = [(path, path.parent.name, "public test split") for path in public_sets(data)] if split == "test" else []
    found = [row for path, language, kind in own + public for row in compare_sources(read_labelled(path, language=language, split=split if "own" in kind else "all"), name=kind)]
    for row in sorted(found, key=lambda row: ("en", "ru", "uk", "kk", "uz", "lt").index(row.language)):
        classifier = f"{row.classifier.macro_f1:.3f}" if row.classifier is not None else "-"
        print(f"| {row.language} | {row.set} | {row.count} | {row.lexicon.macro_f1:.3f} | {classifier} | {row.combination.macro_f1:.3f} | {row.combination.macro_f1 - row.better_source:+.3f} |")


def main() -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/sentiment"))
    data = parser.parse_args().data
    for split in ("test", "dev"):
        sources(data, split)
        print()
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
