"""The delimiter of a delimited text file (CSV, TSV), told from its header line: one rule for event logs and feedback."""

from __future__ import annotations

DELIMITERS = (",", ";", "\t", "|")
"""The delimiters journeymap tells apart: comma, semicolon (Excel in ru, uk, lt), tab, pipe."""


def header_delimiter(header: str, fallback: str = ",") -> str:
    """Return the delimiter a header line uses most, or ``fallback`` when it has none (a one-column file).

    >>> header_delimiter("id;text;date"), header_delimiter("id\\ttext"), header_delimiter("text"), header_delimiter("text", "\\t")
    (';', '\\t', ',', '\\t')
    """
    header = header.split("\n", 1)[0]
    counts = {mark: header.count(mark) for mark in DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else fallback
