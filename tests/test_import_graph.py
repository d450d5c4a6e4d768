"""The import graph of smartregion: no cycle, and the plots package imports only downward.

Every ``import`` statement of every module is read with :mod:`ast`, including imports inside
functions (a deferred import still ties two modules together). An edge ``a -> b`` means
module ``a`` names module ``b`` (or a name defined in ``b``) in an import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "smartregion"
PLOTS = f"{PACKAGE}.plots"
#: Modules of the plots package below the family modules, lowest first: each may import only
#: the ones before it.
PLOTS_LAYERS = ("fonts", "style", "_common")


def _module_name(path: Path, src: Path = SRC) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules(src: Path = SRC) -> dict[str, Path]:
    return {_module_name(p, src): p for p in sorted((src / PACKAGE).rglob("*.py"))}


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    """Absolute name of the module a ``from ... import`` statement reads from."""
    if node.level == 0:
        return node.module or ""
    base = importer.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_edges(src: Path = SRC) -> set[tuple[str, str]]:
    """Every ``(importer, imported)`` pair of smartregion modules, from all import statements."""
    modules = _modules(src)
    edges: set[tuple[str, str]] = set()
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node)
                # `from pkg import mod` reads module pkg.mod; `from mod import name` reads mod
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            for target in targets:
                while target and target not in modules:  # `import a.b.c` of a name inside
                    target = target.rpartition(".")[0]
                if target.startswith(PACKAGE) and target != name:
                    edges.add((name, target))
    return edges


def _graph(edges: set[tuple[str, str]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_edges_from(edges)
    return graph


def _plots_violations(edges: set[tuple[str, str]]) -> list[str]:
    """Imports inside smartregion.plots that point up or sideways."""
    bad = []
    for a, b in sorted(edges):
        if not a.startswith(PLOTS + "."):
            continue
        own = a.rpartition(".")[2]
        if b == PLOTS:
            bad.append(f"{a} imports the package {PLOTS} itself")
        elif b.startswith(PLOTS + "."):
            other = b.rpartition(".")[2]
            if other not in PLOTS_LAYERS:
                bad.append(f"{a} imports the family module {b}")
            elif own in PLOTS_LAYERS and PLOTS_LAYERS.index(other) >= PLOTS_LAYERS.index(own):
                bad.append(f"{a} imports {b}, which is not below it")
        elif b == f"{PACKAGE}.figstyle":
            bad.append(f"{a} imports the compatibility module {b}")
    return bad


def test_the_reader_sees_the_package():
    edges = import_edges()
    assert (f"{PLOTS}.networks", f"{PLOTS}.style") in edges
    assert (f"{PLOTS}.style", f"{PLOTS}.fonts") in edges
    assert (f"{PACKAGE}.policy", f"{PACKAGE}.panel") in edges
    assert (f"{PACKAGE}.figstyle", f"{PLOTS}.style") in edges


def test_no_import_cycle():
    graph = _graph(import_edges())
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        cycle = []
    assert cycle == [], f"import cycle: {' -> '.join(a for a, _ in cycle)} -> {cycle[0][0]}"


def test_plots_imports_only_downward():
    assert _plots_violations(import_edges()) == []


def test_nothing_inside_smartregion_imports_the_figstyle_shim():
    users = sorted(a for a, b in import_edges() if b == f"{PACKAGE}.figstyle")
    assert users == []


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / PACKAGE / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize("rel, text, expected", [
    ("plots/bars.py", "from . import networks\n", "imports the family module"),
    ("plots/bars.py", "from smartregion.plots import lq_bar\n", "imports the package"),
    ("plots/bars.py", "from .. import plots\n", "imports the package"),
    ("plots/fonts.py", "def f():\n    from .style import PALETTE\n", "not below it"),
    ("plots/bars.py", "from ..figstyle import PALETTE\n", "compatibility module"),
])
def test_checks_catch_an_upward_import(tmp_path, rel, text, expected):
    files = {"__init__.py": "", "figstyle.py": "", "plots/__init__.py": "",
             "plots/fonts.py": "", "plots/style.py": "from .fonts import x\n",
             "plots/bars.py": "from .style import PALETTE\n", "plots/networks.py": ""}
    files[rel] = files[rel] + text
    bad = _plots_violations(import_edges(_write(tmp_path, files)))
    assert len(bad) == 1 and expected in bad[0]


def test_cycle_check_sees_a_deferred_import(tmp_path):
    """The old layout: figstyle imported plots inside a function while plots imported it."""
    root = _write(tmp_path, {
        "__init__.py": "", "plots.py": "from .figstyle import add_source\n",
        "figstyle.py": "def add_source():\n    from .plots import display_label\n"})
    cycle = nx.find_cycle(_graph(import_edges(root)))
    assert {a for a, _ in cycle} == {f"{PACKAGE}.plots", f"{PACKAGE}.figstyle"}
