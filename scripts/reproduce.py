"""Run every numbered notebook headless, in order, and build the reviewer's index.

Usage::

    python scripts/reproduce.py [--only 02 03] [--output-dir outputs] [-p name value ...]

Each notebook in ``notebooks/NN_*.ipynb`` is executed with papermill (parameters injected after
its ``parameters`` cell) into ``outputs/executed/``; the notebooks themselves write figures
(PNG + PDF), tables (CSV) and key numbers (JSON) under ``outputs/``. Afterwards every executed
notebook is rendered to HTML and ``outputs/index.html`` links notebooks, figures and tables, so
results can be read in any browser without a server. Package versions go to
``outputs/logs/versions.txt`` and the runtime of each notebook to ``outputs/logs/runtime.csv``.
"""

from __future__ import annotations

import argparse
import html
import json
import platform
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

VERSIONED = ["smartregion", "numpy", "pandas", "scipy", "networkx", "statsmodels", "matplotlib",
             "pooch", "papermill", "jupytext", "nbconvert", "duckdb", "pyreadr", "xlrd"]


def log_versions(out: Path) -> None:
    lines = [f"python {platform.python_version()} ({platform.platform()})"]
    for name in VERSIONED:
        try:
            lines.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{name} (not installed)")
    (out / "logs").mkdir(parents=True, exist_ok=True)
    (out / "logs" / "versions.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_notebooks(selected: list[Path], out: Path, extra: dict[str, str]) -> list[tuple[str, float]]:
    import papermill as pm

    executed = out / "executed"
    executed.mkdir(parents=True, exist_ok=True)
    timings = []
    for nb in selected:
        declared = pm.inspect_notebook(str(nb))
        params = {"output_dir": str(out)} if "output_dir" in declared else {}
        params.update({k: v for k, v in extra.items() if k in declared})
        t0 = time.perf_counter()
        print(f"[reproduce] {nb.name} ...", flush=True)
        pm.execute_notebook(str(nb), str(executed / nb.name), parameters=params,
                            cwd=str(NOTEBOOKS), progress_bar=False, kernel_name="python3")
        dt = time.perf_counter() - t0
        timings.append((nb.name, dt))
        print(f"[reproduce] {nb.name} done in {dt:.1f} s", flush=True)
    return timings


def render_html(out: Path) -> list[Path]:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter()
    html_dir = out / "html"
    html_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for nb_path in sorted((out / "executed").glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        body, _ = exporter.from_notebook_node(nb)
        page = html_dir / (nb_path.stem + ".html")
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    return pages


def build_index(out: Path, pages: list[Path], timings: list[tuple[str, float]]) -> Path:
    def rel(p: Path) -> str:
        return html.escape(p.relative_to(out).as_posix())

    rows = []
    rt = dict(timings)
    for page in pages:
        secs = rt.get(page.stem + ".ipynb")
        t = f"{secs:.1f} s" if secs is not None else ""
        rows.append(f"<li><a href='{rel(page)}'>{html.escape(page.stem)}</a> {t}</li>")
    figs = sorted((out / "figures").glob("*.png")) if (out / "figures").exists() else []
    tabs = sorted((out / "tables").glob("*.csv")) if (out / "tables").exists() else []
    keys = sorted((out / "key_numbers").glob("*.json")) if (out / "key_numbers").exists() else []
    fig_items = "".join(
        f"<figure><a href='{rel(f)}'><img src='{rel(f)}' width='360' loading='lazy'></a>"
        f"<figcaption>{html.escape(f.name)} (<a href='{rel(f.with_suffix('.pdf'))}'>pdf</a>)"
        "</figcaption></figure>" for f in figs)
    tab_items = "".join(f"<li><a href='{rel(t)}'>{html.escape(t.name)}</a></li>" for t in tabs)
    key_items = "".join(f"<li><a href='{rel(k)}'>{html.escape(k.name)}</a></li>" for k in keys)
    versions = (out / "logs" / "versions.txt")
    ver = html.escape(versions.read_text(encoding="utf-8")) if versions.exists() else ""
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>smartregion outputs</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}}
figure{{display:inline-block;margin:6px;vertical-align:top}} figcaption{{font-size:small}}</style>
</head><body>
<h1>smartregion: reproduced outputs</h1>
<p>Every file below was written by the notebooks listed here, run by <code>make reproduce</code>.
The README's figure/table map says which notebook section makes each file.</p>
<h2>Executed notebooks</h2><ul>{''.join(rows)}</ul>
<h2>Figures</h2>{fig_items}
<h2>Tables (CSV)</h2><ul>{tab_items}</ul>
<h2>Key numbers (JSON)</h2><ul>{key_items}</ul>
<h2>Software</h2><pre>{ver}</pre>
</body></html>
"""
    target = out / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output-dir", default=str(ROOT / "outputs"))
    ap.add_argument("--only", nargs="*", help="notebook number prefixes to run, e.g. 02 05")
    ap.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                    help="parameter passed to every notebook that declares it")
    args = ap.parse_args(argv)
    out = Path(args.output_dir).resolve()
    for sub in ("figures", "tables", "key_numbers", "executed", "logs"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    log_versions(out)
    selected = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if args.only:
        selected = [nb for nb in selected if nb.name[:2] in set(args.only)]
    if not selected:
        print("no notebooks selected", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    timings = run_notebooks(selected, out, dict(args.p))
    pages = render_html(out)
    index = build_index(out, pages, timings)
    total = time.perf_counter() - t0
    with open(out / "logs" / "runtime.csv", "w", encoding="utf-8") as fh:
        fh.write("notebook,seconds\n")
        for name, secs in timings:
            fh.write(f"{name},{secs:.2f}\n")
    print("\nnotebook                                 runtime")
    for name, secs in timings:
        print(f"{name:<40} {secs:7.1f} s")
    print(f"{'total (incl. HTML rendering)':<40} {total:7.1f} s")
    print(f"open {index} to browse every notebook, figure and table")
    summary = {"notebooks": {n: round(s, 2) for n, s in timings}, "total_seconds": round(total, 2)}
    (out / "logs" / "runtime.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
