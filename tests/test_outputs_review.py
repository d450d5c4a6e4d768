"""What a reviewer reads: the figures, tables, key numbers and index page of one reproduce run.

All checks read the outputs of the session's single ``scripts/reproduce.py`` run (the
``reproduced`` fixture in conftest.py) and hold for whatever figures the notebooks write: no
figure is named here. They check that

* every PNG opens, is not blank, has a sensible size, carries a title and a source line that
  says computed / quoted / illustrative in its text chunks, agrees with its manifest row and
  has a PDF beside it;
* every figure's and table's section is the label of a heading of its notebook, and no label
  holds more than two figures;
* every key number points to a cell of the executed notebook;
* every link of ``index.html`` resolves (file exists, fragment is an id of the target page);
* a second run writes the same bytes.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("computed", "quoted", "illustrative")

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]


def _reproduce_module():
    spec = importlib.util.spec_from_file_location("smartregion_reproduce",
                                                  ROOT / "scripts" / "reproduce.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


rp = _reproduce_module()


def _outputs(reproduced) -> Path:
    if not reproduced.ok:
        pytest.skip(reproduced.not_run_reason if not reproduced.ran else
                    f"every notebook failed: {reproduced.failures}")
    return reproduced.out


def _manifest_rows(out: Path, stems: list[str]) -> list[dict[str, str]]:
    rows = []
    for stem in stems:
        path = out / "tables" / f"{stem}_manifest.csv"
        if path.exists():
            with open(path, newline="", encoding="utf-8") as fh:
                rows.extend({k: v or "" for k, v in r.items()} for r in csv.DictReader(fh))
    return rows


def _labels(out: Path, stem: str) -> dict[str, tuple[str, str]]:
    """{label (case-folded): (label, title)} of the executed notebook's labelled headings."""
    return rp.notebook_labels(out / "executed" / f"{stem}.ipynb")


# ------------------------------------------------------------------------- heading labels
@pytest.mark.parametrize("text, expected", [
    ("3a. Totals: employment and value added per worker",
     ("3a", "Totals: employment and value added per worker")),
    ("P1b. Target selection", ("P1b", "Target selection")),
    ("1. The registry", ("1", "The registry")),
    ("Q · Quoted figures (published, not computed)",
     ("Q", "Quoted figures (published, not computed)")),
    ("02 · Kyoto case", ("02", "Kyoto case")),
    ("Scorecard", ("Scorecard", "Scorecard")),
    ("Three-sector structure of Shenzhen and Guangzhou", None),
    ("2014 prefectures compared", None),
])
def test_heading_label(text, expected):
    assert rp.heading_label(text) == expected


# ------------------------------------------------------------------------- figures
def test_every_png_opens_is_not_blank_and_carries_title_and_source(reproduced):
    from PIL import Image

    out = _outputs(reproduced)
    rows = {r["file"]: r for r in _manifest_rows(out, reproduced.ok) if r["kind"] == "figure"}
    assert rows, f"the run wrote no figure (notebooks that failed: {sorted(reproduced.failures)})"
    for file, row in rows.items():
        png = out / file
        assert png.exists(), f"{file} is in the manifest but was not written"
        with Image.open(png) as im:
            im.load()
            text = dict(im.text)
            pixels = np.asarray(im.convert("RGB"), dtype=float)
        h, w = pixels.shape[:2]
        assert 200 <= min(h, w) and max(h, w) <= 6000, f"{file}: odd size {w} x {h}"
        assert pixels.std() > 1.0, f"{file} is a uniform image"
        source = text.get("Source", "")
        assert any(k in source for k in KINDS), f"{file}: Source chunk {source!r}"
        assert text.get("Title", "").strip(), f"{file} has no title"
        assert row["source"] == source, f"{file}: manifest source differs from the PNG's"
        assert row["title"] == text["Title"], f"{file}: manifest title differs from the PNG's"
        pdf = png.with_suffix(".pdf")
        assert pdf.exists(), f"{file}: no PDF beside the PNG"
        assert pdf.read_bytes()[:5] == b"%PDF-", f"{pdf.name} is not a PDF"


def test_every_png_on_disk_is_in_a_manifest(reproduced):
    out = _outputs(reproduced)
    listed = {r["file"] for r in _manifest_rows(out, reproduced.ok)}
    prefixes = tuple(s[:2] + "_" for s in reproduced.ok)
    on_disk = {p.relative_to(out).as_posix() for p in (out / "figures").glob("*.png")
               if p.name.startswith(prefixes)}
    assert on_disk <= listed, f"figures written without a manifest row: {on_disk - listed}"


def test_every_saved_figure_has_a_title(reproduced):
    out = _outputs(reproduced)
    figures = [r for r in _manifest_rows(out, reproduced.ok) if r["kind"] == "figure"]
    untitled = [r["file"] for r in figures if not r["title"].strip()]
    assert not untitled, f"figures without a title: {untitled}"


# ------------------------------------------------------------------------- sections
def test_every_figure_and_table_section_is_a_heading_of_its_notebook(reproduced):
    out = _outputs(reproduced)
    bad = []
    for stem in reproduced.ok:
        labels = _labels(out, stem)
        for r in _manifest_rows(out, [stem]):
            if r["section"].strip().casefold() not in labels:
                bad.append(f"{r['file']}: section {r['section']!r}")
    assert not bad, ("sections that are no heading label of their notebook "
                     f"(heading `### 3a. Title` -> section='3a'): {bad}")


def test_no_section_holds_more_than_two_figures(reproduced):
    out = _outputs(reproduced)
    counts = Counter((r["notebook"], r["section"].strip().casefold())
                     for r in _manifest_rows(out, reproduced.ok) if r["kind"] == "figure")
    crowded = {k: n for k, n in counts.items() if n > 2}
    assert not crowded, f"split these sections into subsections: {crowded}"


def test_key_number_sections_are_headings(reproduced):
    out = _outputs(reproduced)
    bad = []
    for stem in reproduced.ok:
        labels = _labels(out, stem)
        keys = json.loads((out / "key_numbers" / f"{stem}.json").read_text(encoding="utf-8"))
        bad += [f"{stem}:{k} section {v.get('section')!r}" for k, v in keys.items()
                if str(v.get("section", "")).strip().casefold() not in labels]
    assert not bad, f"key numbers whose section is no heading label: {bad[:30]}"


# ------------------------------------------------------------------------- key numbers
def test_every_key_number_points_to_a_cell_of_the_executed_notebook(reproduced):
    import nbformat

    out = _outputs(reproduced)
    for stem in reproduced.ok:
        keys = json.loads((out / "key_numbers" / f"{stem}.json").read_text(encoding="utf-8"))
        assert keys, f"{stem} recorded no key number"
        executed = out / "executed" / f"{stem}.ipynb"
        counts = {c.execution_count for c in nbformat.read(executed, as_version=4).cells
                  if c.cell_type == "code"}
        no_cell = [k for k, v in keys.items() if not isinstance(v.get("cell"), int)]
        assert not no_cell, f"{stem}: key numbers without a cell: {no_cell[:10]}"
        mapped = rp.key_cells(keys, executed)
        lost = [k for k, hit in mapped.items() if hit is None or hit[0] not in counts]
        assert not lost, f"{stem}: key numbers whose cell is not in the notebook: {lost[:10]}"
        # where exactly one cell records a key by its literal name, that is the linked cell
        cells = [c for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code"]
        wrong = []
        for name, hit in mapped.items():
            literal = [c.execution_count for c in cells
                       if re.search(r"\.key\(\s*[\"']" + re.escape(name) + r"[\"']", c.source)]
            if len(literal) == 1 and hit is not None and hit[0] != literal[0]:
                wrong.append(f"{name}: linked In [{hit[0]}], recorded in In [{literal[0]}]")
        assert not wrong, f"{stem}: key numbers linked to the wrong cell: {wrong[:10]}"


# ------------------------------------------------------------------------- index page
class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "img" and a.get("src"):
            self.srcs.append(a["src"])


def _ids(page: Path, cache: dict[Path, set[str]]) -> set[str]:
    if page not in cache:
        cache[page] = rp.scan_page(page).ids
    return cache[page]


def test_index_links_resolve_and_show_every_figure(reproduced):
    out = _outputs(reproduced)
    index = out / "index.html"
    links = _Links()
    links.feed(index.read_text(encoding="utf-8"))
    assert "<script" not in index.read_text(encoding="utf-8").lower(), "the index needs no JS"
    ids: dict[Path, set[str]] = {}
    bad = []
    for href in links.hrefs + links.srcs:
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc, f"absolute link in the index: {href}"
        target = (index.parent / unquote(parts.path)).resolve() if parts.path else index
        if not target.is_file():
            bad.append(f"{href}: no such file")
        elif parts.fragment and not ({parts.fragment, unquote(parts.fragment)}
                                     & _ids(target, ids)):
            bad.append(f"{href}: no element with this id")
    assert not bad, bad[:20]
    shown = {Path(unquote(s)).name for s in links.srcs}
    figures = {r["file"] for r in _manifest_rows(out, reproduced.ok) if r["kind"] == "figure"}
    assert {Path(f).name for f in figures} <= shown, "figures missing from the index"
    section_links = [h for h in links.hrefs if re.match(r"html/[^#]+#", h)]
    assert section_links, "the index links no notebook section"


# ------------------------------------------------------------------------- determinism
def test_a_second_run_writes_identical_bytes(reproduced, reproduced_again):
    a = _outputs(reproduced)
    b = reproduced_again.out
    prefixes = tuple(s[:2] + "_" for s in reproduced.ok if s not in reproduced_again.failures)
    files = sorted(p.relative_to(a) for sub in ("figures", "tables", "key_numbers")
                   for p in (a / sub).glob("*") if p.is_file() and p.name.startswith(prefixes))
    assert files, "the run wrote nothing"
    differ = [str(f) for f in files
              if not (b / f).is_file() or (a / f).read_bytes() != (b / f).read_bytes()]
    assert not differ, f"files that differ between two runs: {differ}"
