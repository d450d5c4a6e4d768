"""Rewrite the README's figure/table map from the manifests the notebooks write.

Usage (after ``make reproduce``)::

    python scripts/update_readme_map.py [--outputs outputs]

Every notebook records each file it writes, with its section, in
``outputs/tables/<notebook>_manifest.csv`` (see :class:`smartregion.outputs.OutputWriter`).
This script turns those manifests into the Markdown table between the
``<!-- map:start -->`` and ``<!-- map:end -->`` markers of README.md, so the map is generated,
never typed. Each row names the notebook subsection that writes the file by its label and heading
(``02 · 3a Totals: employment and value added per worker``), read from the notebook's markdown
headings, and a figure's row carries its title.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- map:start -->", "<!-- map:end -->"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from reproduce import notebook_labels  # noqa: E402


def notebook_sections(outputs: Path, notebook: str) -> dict[str, str]:
    """{label (case-folded): "label title"} of a notebook's labelled headings.

    Read from the executed notebook under ``outputs/executed`` when there is one, else from
    ``notebooks/<notebook>.ipynb``.
    """
    for path in (outputs / "executed" / f"{notebook}.ipynb",
                 ROOT / "notebooks" / f"{notebook}.ipynb"):
        if path.exists():
            return {key: label if title == label else f"{label} {title}"
                    for key, (label, title) in notebook_labels(path).items()}
    return {}


def section_name(sections: dict[str, str], notebook: str, section: str) -> str:
    """'02 · 3a Totals: ...'; the bare label (marked) when no heading carries it."""
    short = notebook.split("_", 1)[0]
    if not section:
        return f"{short} (no section)"
    named = sections.get(section.strip().casefold())
    return f"{short} \u00b7 {named}" if named else f"{short} \u00b7 {section} (no such heading)"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def build_map(outputs: Path) -> str:
    frames = [pd.read_csv(p, dtype=str).fillna("")
              for p in sorted((outputs / "tables").glob("*_manifest.csv"))]
    if not frames:
        raise SystemExit(f"no manifests in {outputs / 'tables'}: run `make reproduce` first")
    man = pd.concat(frames, ignore_index=True)
    if "title" not in man.columns:
        man["title"] = ""
    sections = {nb: notebook_sections(outputs, nb) for nb in man["notebook"].unique()}
    lines = ["| output file | kind | notebook section | title (figures) |", "|---|---|---|---|"]
    for row in man.itertuples(index=False):
        where = section_name(sections[row.notebook], row.notebook, row.section)
        lines.append(f"| `outputs/{row.file}` | {row.kind} | {_cell(where)} | {_cell(row.title)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outputs", type=Path, default=ROOT / "outputs")
    args = ap.parse_args(argv)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit("README.md has no map markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{build_map(args.outputs)}\n{END}{tail}", encoding="utf-8")
    print(f"README map rewritten from {args.outputs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
