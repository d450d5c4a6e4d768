"""Rewrite the README's figure/table map from the manifests the notebooks write.

Usage (after ``make reproduce``)::

    python scripts/update_readme_map.py [--outputs outputs]

Every notebook records each file it writes, with its section, in
``outputs/tables/<notebook>_manifest.csv`` (see :class:`smartregion.outputs.OutputWriter`).
This script turns those manifests into the Markdown table between the
``<!-- map:start -->`` and ``<!-- map:end -->`` markers of README.md, so the map is generated,
never typed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- map:start -->", "<!-- map:end -->"


def build_map(outputs: Path) -> str:
    frames = [pd.read_csv(p, dtype=str).fillna("")
              for p in sorted((outputs / "tables").glob("*_manifest.csv"))]
    if not frames:
        raise SystemExit(f"no manifests in {outputs / 'tables'}: run `make reproduce` first")
    man = pd.concat(frames, ignore_index=True)
    lines = ["| output file | kind | notebook | section |", "|---|---|---|---|"]
    for row in man.itertuples(index=False):
        lines.append(f"| `outputs/{row.file}` | {row.kind} | `{row.notebook}` | {row.section} |")
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
