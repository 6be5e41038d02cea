"""The bundled sample feedback: 308 voices in six languages, bound to the children's shop map."""

from __future__ import annotations

from pathlib import Path

from .lexicon import DATA

SAMPLE = "childrens-shop-feedback.csv"


def sample_path() -> Path:
    """Return the bundled sample feedback file (bound to the children's shop example map).

    >>> sample_path().name
    'childrens-shop-feedback.csv'
    """
    return Path(str(DATA / "sample" / SAMPLE))
