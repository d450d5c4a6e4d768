"""Run every numbered notebook headless, in order, and build the reviewer's index.

Usage::

    python scripts/reproduce.py [--only 02 03] [--output-dir outputs] [-p name value ...]

Each notebook in ``notebooks/NN_*.ipynb`` is executed with papermill (parameters injected after
its ``parameters`` cell) into ``outputs/executed/``; the notebooks themselves write figures
(PNG + PDF), tables (CSV) and key numbers (JSON) under ``outputs/``. Afterwards every executed
notebook is rendered to HTML and ``outputs/index.html`` is the reviewer's entry page: every
figure as a thumbnail captioned with its title (the finding), its source line and the notebook
subsection that made it (a link to that heading in the rendered notebook), the tables with
their subsections, and per notebook a table of key numbers, each linked to the cell that
computed it. The page is static HTML with relative links and no JavaScript; it opens from disk.
Package versions go to ``outputs/logs/versions.txt`` and the runtime of each notebook to
``outputs/logs/runtime.csv``.

Sections: ``out.figure(..., section="3a")`` names the leading label of a markdown heading of
the same notebook (``### 3a. Totals ...``); :func:`heading_label` reads that label.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import platform
import re
import sys
import time
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

VERSIONED = ["smartregion", "numpy", "pandas", "scipy", "networkx", "statsmodels", "matplotlib",
             "pooch", "papermill", "jupytext", "nbconvert", "jupyter-server-mathjax", "duckdb",
             "pyreadr", "xlrd"]


def log_versions(out: Path) -> None:
    lines = [f"python {platform.python_version()} ({platform.platform()})"]
    for name in VERSIONED:
        try:
            lines.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{name} (not installed)")
    (out / "logs").mkdir(parents=True, exist_ok=True)
    (out / "logs" / "versions.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_notebooks(selected: list[Path], out: Path, extra: dict[str, str],
                  keep_going: bool = False) -> tuple[list[tuple[str, float]], dict[str, str]]:
    """Execute ``selected`` in order; return (runtimes, {notebook stem: error} of failures).

    Without ``keep_going`` the first failing notebook stops the run (its error is raised).
    """
    import papermill as pm

    executed = out / "executed"
    executed.mkdir(parents=True, exist_ok=True)
    timings = []
    failures: dict[str, str] = {}
    for nb in selected:
        declared = pm.inspect_notebook(str(nb))
        params = {"output_dir": str(out)} if "output_dir" in declared else {}
        params.update({k: v for k, v in extra.items() if k in declared})
        t0 = time.perf_counter()
        print(f"[reproduce] {nb.name} ...", flush=True)
        try:
            pm.execute_notebook(str(nb), str(executed / nb.name), parameters=params,
                                cwd=str(NOTEBOOKS), progress_bar=False, kernel_name="python3")
        except pm.PapermillExecutionError as exc:
            if not keep_going:
                raise
            failures[nb.stem] = f"{exc.ename}: {exc.evalue} (cell {exc.exec_count})"
            print(f"[reproduce] {nb.name} FAILED: {failures[nb.stem]}", flush=True)
        dt = time.perf_counter() - t0
        timings.append((nb.name, dt))
        print(f"[reproduce] {nb.name} done in {dt:.1f} s", flush=True)
    return timings, failures


# ------------------------------------------------------------------ sections and headings
_LABEL = re.compile(r"^\s*([A-Za-z]{0,3}\d+[A-Za-z]?|[A-Z])\s*(?:[.:)]|\u00b7)\s*(.*)$")


def heading_label(text: str) -> tuple[str, str] | None:
    """(label, title) of a markdown heading's text, or None when it carries no label.

    The label is the heading's leading token followed by ".", ":", ")" or "·"
    (``"3a. Totals: employment"`` -> ``("3a", "Totals: employment")``, ``"P1b. Targets"`` ->
    ``("P1b", "Targets")``, ``"Q · Quoted figures"`` -> ``("Q", "Quoted figures")``); a heading of
    one word is its own label (``"Scorecard"``).
    """
    text = " ".join(text.replace("\u00b6", "").split())
    m = _LABEL.match(text)
    if m:
        return m.group(1), m.group(2).strip()
    if text and " " not in text:
        return text, text
    return None


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


class Heading(NamedTuple):
    label: str
    title: str
    level: int
    anchor: str  # the id attribute nbconvert gave the heading in the rendered page


def markdown_headings(nb_path: Path) -> list[tuple[int, str]]:
    """(level, text) of every markdown heading of a notebook (.ipynb), in order."""
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        fence = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                fence = not fence
            m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
            if m and not fence:
                found.append((len(m.group(1)), m.group(2)))
    return found


def notebook_labels(nb_path: Path) -> dict[str, tuple[str, str]]:
    """{label (case-folded): (label, title)} of a notebook's labelled headings (first wins)."""
    found: dict[str, tuple[str, str]] = {}
    for _, text in markdown_headings(nb_path):
        lab = heading_label(text)
        if lab:
            found.setdefault(lab[0].casefold(), lab)
    return found


def section_heading(headings: list[Heading], section: str) -> Heading | None:
    """The first heading whose label is ``section`` (case-insensitive), else None."""
    for h in headings:
        if section and _same(h.label, section):
            return h
    return None


class _PageScan(HTMLParser):
    """Collect headings (level, id, text) and every id of a rendered notebook page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.headings: list[tuple[int, str, str]] = []
        self._open: tuple[int, str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if re.fullmatch(r"h[1-6]", tag) and a.get("id"):
            self._open = (int(tag[1]), a["id"], [])
        elif self._open is not None and tag == "a" and "anchor-link" in (a.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if self._open is not None and tag == "a" and self._skip:
            self._skip -= 1
        elif self._open is not None and re.fullmatch(r"h[1-6]", tag):
            level, hid, parts = self._open
            self.headings.append((level, hid, "".join(parts)))
            self._open = None

    def handle_data(self, data):
        if self._open is not None and not self._skip:
            self._open[2].append(data)


def scan_page(page: Path) -> _PageScan:
    scan = _PageScan()
    scan.feed(page.read_text(encoding="utf-8"))
    return scan


def page_headings(page: Path) -> list[Heading]:
    """The labelled headings of a rendered notebook page, with the ids nbconvert gave them."""
    out = []
    for level, hid, text in scan_page(page).headings:
        lab = heading_label(text)
        if lab:
            out.append(Heading(lab[0], lab[1], level, hid))
    return out


def fragment(anchor: str) -> str:
    """An element id as a URL fragment (percent-encoded where a URL needs it)."""
    return quote(anchor, safe="!$&'()*+,;=:@/?-._~")


# ------------------------------------------------------------------ key numbers -> cells
def cell_anchor(cell) -> str:
    """The id nbconvert's HTML gives a cell's element: ``cell-id=<cell id>``."""
    return f"cell-id={cell['id']}"


def key_cells(keys: dict, executed_nb: Path) -> dict[str, tuple[int, str] | None]:
    """For every key number, (execution count, cell anchor) of the cell that recorded it.

    ``OutputWriter.key`` stores the execution count of the cell that recorded the number
    (``In [n]`` of the executed notebook); keys recorded outside a kernel have none.
    """
    import nbformat

    nb = nbformat.read(executed_nb, as_version=4)
    by_count = {c.execution_count: c for c in nb.cells
                if c.cell_type == "code" and c.get("execution_count") is not None}
    result: dict[str, tuple[int, str] | None] = {}
    for name, rec in keys.items():
        count = rec.get("cell") if isinstance(rec, dict) else None
        cell = by_count.get(count) if isinstance(count, int) else None
        result[name] = (cell.execution_count, cell_anchor(cell)) if cell is not None else None
    return result


# ------------------------------------------------------------------ rendering
# MathJax 2.7 as the Jupyter project ships it on PyPI (jupyter-server-mathjax), copied next to
# the pages so that formulas render without a network; the configuration file is one of the two
# that package ships.
MATHJAX_DIR = "assets/mathjax"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
TEMPLATES = ROOT / "scripts" / "templates"


def install_mathjax(out: Path) -> Path:
    """Copy MathJax from the ``jupyter_server_mathjax`` package to ``out/assets/mathjax``.

    Returns the folder. Raises a clear error naming the missing package (a notebooks extra).
    """
    import shutil

    try:
        import jupyter_server_mathjax
    except ImportError as exc:
        raise RuntimeError("offline formulas need the jupyter-server-mathjax package: "
                           "pip install -e '.[notebooks]'") from exc
    src = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (src / "MathJax.js").exists():
        raise RuntimeError(f"{src} holds no MathJax.js: reinstall jupyter-server-mathjax")
    target = out / MATHJAX_DIR
    shutil.copytree(src, target, dirs_exist_ok=True)
    return target


def render_html(out: Path) -> list[Path]:
    """Render every executed notebook to ``html/<notebook>.html``, readable offline.

    Cells keep their ids (nbconvert writes ``id="cell-id=<id>"`` on each cell); a code cell
    without an id gets ``exec-<execution count>`` so every executed cell can be linked.
    The pages load MathJax from ``assets/mathjax`` beside them (:func:`install_mathjax`) and
    no script from the network (the ``offline`` template drops the lab template's require.js,
    which only widgets need).
    """
    import nbformat
    from nbconvert import HTMLExporter

    install_mathjax(out)
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    exporter.mathjax_url = f"../{MATHJAX_DIR}/MathJax.js?config={MATHJAX_CONFIG}"
    html_dir = out / "html"
    html_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for nb_path in sorted((out / "executed").glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        changed = False
        for k, cell in enumerate(nb.cells):
            if not cell.get("id"):
                count = cell.get("execution_count")
                cell["id"] = f"exec-{count}" if count is not None else f"c{k}"
                changed = True
        if changed:
            nb.nbformat_minor = max(nb.nbformat_minor, 5)
            nbformat.write(nb, nb_path)
        body, _ = exporter.from_notebook_node(nb)
        page = html_dir / (nb_path.stem + ".html")
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    return pages


def read_manifests(out: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for path in sorted((out / "tables").glob("*_manifest.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                row = {k: (v or "") for k, v in row.items()}
                if row.get("file") and row["file"] not in seen:
                    seen.add(row["file"])
                    rows.append(row)
    return rows


def png_text(path: Path) -> dict[str, str]:
    """The tEXt/iTXt chunks of a PNG (Title, Source ...)."""
    from PIL import Image

    with Image.open(path) as im:
        return {str(k): str(v) for k, v in getattr(im, "text", {}).items()}


_CSS = """body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.4}
h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
.figs{display:flex;flex-wrap:wrap;gap:14px}
figure{margin:0;width:360px;border:1px solid #ddd;padding:6px;background:#fafafa}
figure img{width:100%;height:auto;display:block}
figcaption{font-size:.85em} figcaption .title{font-weight:600;display:block;margin:.3em 0}
figcaption .source{color:#555;display:block;margin-bottom:.3em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
td.value{font-family:monospace;max-width:420px;overflow-wrap:anywhere} td.cell{white-space:nowrap}
.fail{color:#a00;font-weight:600} nav a{margin-right:.8em}"""


def _short(value, limit: int = 90) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def build_index(out: Path, pages: list[Path], timings: list[tuple[str, float]],
                failures: dict[str, str] | None = None) -> Path:
    """Write ``index.html``: figures with captions, tables and key numbers, linked to sections."""
    failures = failures or {}

    def rel(p: Path | str) -> str:
        p = Path(p)
        p = p.relative_to(out) if p.is_absolute() else p
        return html.escape(quote(p.as_posix(), safe="/-._~"), quote=True)

    esc = html.escape
    page_of = {p.stem: p for p in pages}
    heads = {stem: page_headings(p) for stem, p in page_of.items()}

    def section_link(nb: str, section: str) -> str:
        """'02 · 3a Totals ...' linked to the heading; plain text when it resolves nowhere."""
        short = nb.split("_", 1)[0]
        h = section_heading(heads.get(nb, []), section)
        if h is None:
            what = f"{short} \u00b7 section {section}" if section else f"{short} (no section)"
            if nb in page_of:
                return (f"<a href='{rel(page_of[nb])}'>{esc(what)}</a> "
                        "<span class='fail'>(no heading with this label)</span>")
            return esc(what)
        named = h.label if h.title == h.label else f"{h.label} {h.title}"
        text = f"{short} \u00b7 {named}"
        return (f"<a href='{rel(page_of[nb])}#{esc(fragment(h.anchor), quote=True)}'>"
                f"{esc(text)}</a>")

    manifest = read_manifests(out)
    listed = {r["file"] for r in manifest}
    figure_rows = [r for r in manifest if r.get("kind") == "figure"]
    # figures written without a manifest row (e.g. a notebook that failed before saving it)
    fig_dir = out / "figures"
    for png in sorted(fig_dir.glob("*.png")) if fig_dir.exists() else []:
        relp = png.relative_to(out).as_posix()
        if relp not in listed:
            meta = png_text(png)
            figure_rows.append({"file": relp, "kind": "figure", "notebook": "", "section": "",
                                "title": meta.get("Title", ""), "source": meta.get("Source", "")})

    # notebooks
    rt = dict(timings)
    nb_rows = []
    for page in pages:
        secs = rt.get(page.stem + ".ipynb")
        t = f"{secs:.1f} s" if secs is not None else ""
        fail = (f" <span class='fail'>failed: {esc(failures[page.stem])}</span>"
                if page.stem in failures else "")
        keys_link = (f" \u00b7 <a href='#keys-{esc(page.stem)}'>key numbers</a>"
                     if (out / "key_numbers" / f"{page.stem}.json").exists() else "")
        nb_rows.append(f"<li><a href='{rel(page)}'>{esc(page.stem)}</a> {t}{keys_link}{fail}</li>")

    # figures, grouped by notebook
    fig_html = []
    for nb in sorted({r["notebook"] for r in figure_rows}):
        items = []
        for r in (r for r in figure_rows if r["notebook"] == nb):
            png = out / r["file"]
            if not png.exists():
                continue
            meta = png_text(png)
            title = r.get("title") or meta.get("Title", "") or png.stem
            source = re.sub(r"^\s*source\s*:\s*", "",
                            r.get("source") or meta.get("Source", ""), flags=re.I)
            pdf = png.with_suffix(".pdf")
            pdf_link = f" \u00b7 <a href='{rel(pdf)}'>PDF</a>" if pdf.exists() else ""
            items.append(
                f"<figure id='fig-{esc(png.stem)}'><a href='{rel(png)}'>"
                f"<img src='{rel(png)}' alt='{esc(title, quote=True)}' loading='lazy'></a>"
                f"<figcaption><span class='title'>{esc(title)}</span>"
                f"<span class='source'>Source: {esc(source)}</span>"
                f"{section_link(nb, r.get('section', '')) if nb else ''} \u00b7 "
                f"<a href='{rel(png)}'>PNG</a>{pdf_link}"
                f" \u00b7 <code>{esc(png.name)}</code></figcaption></figure>")
        if items:
            fig_html.append(f"<h3>{esc(nb or 'not in a manifest')}</h3>"
                            f"<div class='figs'>{''.join(items)}</div>")

    # tables
    tab_html = []
    for nb in sorted({r["notebook"] for r in manifest if r.get("kind") != "figure"}):
        rows = [r for r in manifest if r["notebook"] == nb and r.get("kind") != "figure"]
        body = "".join(
            f"<tr><td><a href='{rel(r['file'])}'>{esc(Path(r['file']).name)}</a></td>"
            f"<td>{esc(r.get('kind', ''))}</td><td>{section_link(nb, r.get('section', ''))}</td>"
            f"<td>{esc(r.get('note', ''))}</td></tr>"
            for r in rows if (out / r["file"]).exists())
        tab_html.append(f"<h3>{esc(nb)}</h3><table><tr><th>file</th><th>kind</th>"
                        f"<th>section</th><th>note</th></tr>{body}</table>")

    # key numbers, one table per notebook
    key_html = []
    kdir = out / "key_numbers"
    key_files = sorted(kdir.glob("*.json")) if kdir.exists() else []
    for kf in key_files:
        nb = kf.stem
        keys = json.loads(kf.read_text(encoding="utf-8"))
        if not isinstance(keys, dict):
            raise ValueError(f"{kf}: key numbers must be a JSON object of name -> record")
        executed = out / "executed" / f"{nb}.ipynb"
        cells = key_cells(keys, executed) if executed.exists() else {}
        rows = []
        for name in sorted(keys):
            rec = keys[name] if isinstance(keys[name], dict) else {"value": keys[name]}
            hit = cells.get(name)
            if hit is not None and nb in page_of:
                cell = (f"<a href='{rel(page_of[nb])}#{esc(fragment(hit[1]), quote=True)}'>"
                        f"In [{hit[0]}]</a>")
            else:
                cell = ""
            rows.append(f"<tr><td><code>{esc(name)}</code></td>"
                        f"<td class='value'>{esc(_short(rec.get('value')))}</td>"
                        f"<td>{section_link(nb, str(rec.get('section', '')))}</td>"
                        f"<td class='cell'>{cell}</td></tr>")
        links = f" \u00b7 <a href='{rel(kf)}'>JSON</a>"
        prose = kf.with_name(f"{nb}_prose.md")
        if prose.exists():
            links += f" \u00b7 <a href='{rel(prose)}'>rendered prose</a>"
        key_html.append(f"<h3 id='keys-{esc(nb)}'>{esc(nb)}{links}</h3><table><tr><th>key</th>"
                        f"<th>value</th><th>section</th><th>cell</th></tr>{''.join(rows)}"
                        "</table>")

    versions = out / "logs" / "versions.txt"
    ver = esc(versions.read_text(encoding="utf-8")) if versions.exists() else ""
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>smartregion outputs</title>
<style>{_CSS}</style>
</head><body>
<h1>smartregion: reproduced outputs</h1>
<nav><a href="#notebooks">Notebooks</a><a href="#figures">Figures</a><a href="#tables">Tables</a>
<a href="#keys">Key numbers</a><a href="#software">Software</a></nav>
<p>Every file below was written by the notebooks listed here, run by <code>make reproduce</code>.
Each figure's caption gives its title (what it shows), its source line (data, and whether the
numbers are computed or quoted) and the notebook subsection that made it; the subsection link
opens the rendered notebook at that heading. Each key number links to the cell that computed
it.</p>
<h2 id="notebooks">Executed notebooks</h2><ul>{''.join(nb_rows)}</ul>
<h2 id="figures">Figures</h2>{''.join(fig_html)}
<h2 id="tables">Tables</h2>{''.join(tab_html)}
<h2 id="keys">Key numbers</h2>{''.join(key_html)}
<h2 id="software">Software</h2><pre>{ver}</pre>
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
    ap.add_argument("--keep-going", action="store_true",
                    help="run the remaining notebooks when one fails (exit status 1 at the end)")
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
    timings, failures = run_notebooks(selected, out, dict(args.p), keep_going=args.keep_going)
    pages = render_html(out)
    index = build_index(out, pages, timings, failures)
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
    summary = {"notebooks": {n: round(s, 2) for n, s in timings}, "total_seconds": round(total, 2),
               "failed": failures}
    (out / "logs" / "runtime.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    for name, err in failures.items():
        print(f"FAILED {name}: {err}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
