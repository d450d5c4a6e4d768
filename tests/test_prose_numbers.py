"""No number is typed into notebook prose: numbers reach the text through key numbers.

Markdown cells of the notebooks may name things (years of a dataset, a JSIC code, section 3,
proposal P1, model (2), the 2014 Economic Census) but may not state a quantity: a count, a
share, a coefficient, a rank. Quantities are rendered by ``out.say(...)`` from
``outputs/key_numbers/`` so each one can be traced to the cell that computed it. This test
strips the naming uses listed in :func:`typed_numbers` and fails on any digit left.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))

_NAMING = [
    r"`[^`]*`",                                   # code spans and file names
    r"\]\([^)]*\)",                               # link targets
    r"<[^>]+>",                                   # html tags and anchors
    r"\$[^$]*\$",                                 # formulas
    r"^\s*\d+[.)]\s",                             # numbered list markers
    r"\((?:\d{1,2}|[ivx]+)\)",                    # model / rung / equation labels: (1), (iv)
    r"\b(?:1[89]|20)\d\d(?:\s*[-–/]\s*(?:(?:1[89]|20)?\d\d))?\b",   # years and year ranges
    r"\b(?:FY|CY)\s?\d{4}\b",                    # fiscal years
    r"\b[A-Za-z]+[-.]?\d+[A-Za-z0-9.]*\b",         # identifiers: P1, Rev.13, log2, 4754-2011
    r"\b\d+[A-Za-z]+\w*\b",                       # identifiers: 4IR, 3rd, 2nd
    r"(?i)\b(?:section|sections|notebook|notebooks|proposal|proposals|rung|rungs|model|models|"
    r"column|columns|step|steps|table|tables|figure|figures|level|levels|part|digit|code|codes|"
    r"JSIC|ISIC|NAICS|ANZSIC|GB/T|group|groups|division|major group|minor group|"
    r"ward|eq\.|equation|appendix|chapter|p\.|pp\.|vol\.|no\.)\s+\d+(?:\.\d+)*"
    r"(?:\s*(?:[-–,]|and|or|to)\s*\d+(?:\.\d+)*)*",
    r"\b\d+-digit\b",
    r"(?:<=|>=|==|!=|[<>=≤≥])\s*[-−]?\d+(?:[.,]\d+)*",     # thresholds in definitions: LQ >= 1
    r"[-−]?\d+(?:\.\d+)?\s*(?:<=|>=|[<>≤≥])",                 # 0 < x
    r"\[\s*[-−]?\d+\s*,\s*[-−]?\d+\s*\]",                   # intervals: [-1, 1]
    r"(?i)\brange\s+[-−]?\d+\s*[-–]\s*\d+",                 # range 0-2 (of an index)
    r"(?i)\bbase\s+\d+",                                     # log base 2, rounded to base 3
    r"(?i)\b(?:in|per)\s+[\d,]+(?:\s+(?:million|billion))?\b",  # units: per 1,000; in 10,000 yen
    r"\b\d+\(\d+\)",                                         # journal volume(issue)
]
_RX = [re.compile(p, re.MULTILINE) for p in _NAMING]


def typed_numbers(markdown: str) -> list[str]:
    """Lines of ``markdown`` prose that still hold a digit once naming uses are removed.

    >>> typed_numbers("The 2014 Economic Census, section 3 and model (2), file `a_01.csv`.")
    []
    >>> typed_numbers("Kyoto holds 42 industries.")
    ['Kyoto holds 42 industries.']
    >>> typed_numbers("# 3.2 Headings are names\\nP1 on JSIC 401 and 1976-2013; FY2016.")
    []
    """
    bad = []
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced or line.lstrip().startswith("#"):
            continue
        text = line
        for rx in _RX:
            text = rx.sub(" ", text)
        if re.search(r"\d", text):
            bad.append(line.strip())
    return bad


@pytest.mark.parametrize("src", SOURCES, ids=[s.stem for s in SOURCES])
def test_no_number_typed_in_notebook_prose(src):
    import jupytext

    nb = jupytext.read(src)
    found = []
    for k, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            found += [f"cell {k}: {line}" for line in typed_numbers(cell.source)]
    assert not found, (f"{src.name}: numbers typed into prose; render them from key numbers "
                       "with out.say(...) instead:\n" + "\n".join(found))


def test_the_rule_catches_quantities():
    assert typed_numbers("Manufacturing is 82% of workers.")
    assert typed_numbers("a correlation of -0.70 with PCI")
    assert typed_numbers("rank 113 of 328")
    assert not typed_numbers("Proposal P3 in section 4.2 uses JSIC 401 (2014 census).")
