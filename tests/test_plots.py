"""Tests of smartregion.plots: files written, reproducible bytes, CJK font handling."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from smartregion import plots
from smartregion.network import backbone, industry_space
from smartregion.panel import PanelError

REF = Path(__file__).parent / "reference" / "network"


@pytest.fixture(autouse=True)
def _isolated_font_state(monkeypatch):
    """Each test starts with no font decision and leaves rcParams as it found them."""
    monkeypatch.setattr(plots, "_STATE", {"checked": False, "family": None, "romanise": {},
                                          "warned": False})
    with mpl.rc_context():
        yield


@pytest.fixture(scope="module")
def space() -> nx.Graph:
    phi = pd.read_csv(REF / "economiccomplexity_200_proximity_product.csv", index_col=0)
    attrs = pd.DataFrame({"group": list("AAABBBCCCDDDEE"), "size": np.arange(1.0, 15.0)},
                         index=phi.index)
    return backbone(industry_space(phi, attributes=attrs), avg_degree=4)


def _written(base: Path) -> tuple[bytes, bytes]:
    png, pdf = base.with_suffix(".png"), base.with_suffix(".pdf")
    assert png.stat().st_size > 1000 and pdf.stat().st_size > 1000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return png.read_bytes(), pdf.read_bytes()


def _lq() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    vals = rng.gamma(1.0, 1.0, (4, 6))
    vals[0, 0] = 0.0
    return pd.DataFrame(vals, index=[f"R{k}" for k in range(4)],
                        columns=[f"I{k:02d}" for k in range(6)])


def _draw_all(out: Path, space: nx.Graph) -> None:
    layout = plots.compute_layout(space, seed=0)
    plots.industry_space_plot(space, layout=layout, highlight={"I01", "I05", "I09"},
                              path=out / "space", title="R01")
    lq = _lq()
    plots.lq_bar(lq.loc["R1"], path=out / "bar")
    plots.lq_heatmap(lq, path=out / "heat")
    variety = pd.DataFrame({"total": [2.0, 2.5, 3.0], "related": [0.5, 1.2, 1.0],
                            "unrelated": [1.5, 1.3, 2.0]}, index=["R1", "R2", "R3"])
    plots.rv_uv_scatter(variety, highlight="R2", path=out / "rvuv")
    eci = pd.Series(np.arange(6.0), name="ECI", index=pd.MultiIndex.from_product(
        [[2015, 2020], ["R1", "R2", "R3"]], names=["time", "region"]))
    plots.index_timeseries(eci, highlight="R1", path=out / "ts")
    rng = np.random.default_rng(2)
    ind = [f"I{k:02d}" for k in range(12)]
    plots.density_complexity_scatter(pd.Series(rng.random(12), index=ind),
                                     pd.Series(rng.normal(size=12), index=ind),
                                     path=out / "target")


NAMES = ["space", "bar", "heat", "rvuv", "ts", "target"]


def test_files_written_and_reproducible(tmp_path, space):
    _draw_all(tmp_path / "a", space)
    _draw_all(tmp_path / "b", space)
    for name in NAMES:
        first = _written(tmp_path / "a" / name)
        second = _written(tmp_path / "b" / name)
        assert first[0] == second[0], f"{name}.png differs between two runs"
        assert first[1] == second[1], f"{name}.pdf differs between two runs"


def test_layout_seeded(space):
    a, b = plots.compute_layout(space, seed=5), plots.compute_layout(space, seed=5)
    assert set(a) == set(space.nodes)
    assert all(np.array_equal(a[v], b[v]) for v in a)
    c = plots.compute_layout(space, seed=6)
    assert any(not np.allclose(a[v], c[v]) for v in a)


def test_layout_of_dense_graph_uses_backbone():
    rng = np.random.default_rng(0)
    w = rng.random((10, 10))
    w = (w + w.T) / 2
    dense = industry_space(pd.DataFrame(w))
    assert 2 * dense.number_of_edges() / 10 > 4
    pos = plots.compute_layout(dense, seed=1)
    bb = plots.compute_layout(backbone(dense, avg_degree=4), seed=1)
    assert all(np.allclose(pos[v], bb[v]) for v in pos)


def test_same_layout_across_regions(space):
    layout = plots.compute_layout(space, seed=0)
    figs = [plots.industry_space_plot(space, layout=layout, highlight=h)
            for h in ({"I01"}, {"I07", "I08"})]
    for fig in figs:
        offsets = np.vstack([c.get_offsets() for c in fig.axes[0].collections[1:]])
        expected = np.array([layout[v] for v in space.nodes])
        assert {tuple(np.round(r, 9)) for r in offsets} == {
            tuple(np.round(r, 9)) for r in expected}


def test_draw_into_given_axes_and_numeric_colours(space):
    fig = Figure()
    ax = fig.add_subplot()
    g = space.copy()
    for k, v in enumerate(g.nodes):
        g.nodes[v]["pci"] = float(k) - 7.0
    assert plots.industry_space_plot(g, ax=ax, color_by="pci", size_by=None) is fig
    assert len(fig.axes) == 2  # the plot and its colour bar
    one = nx.Graph()
    one.add_node("solo")
    assert isinstance(plots.industry_space_plot(one), Figure)


def test_plot_errors(space):
    with pytest.raises(PanelError, match="not in the graph"):
        plots.industry_space_plot(space, highlight={"nope"})
    with pytest.raises(PanelError, match="layout"):
        plots.industry_space_plot(space, layout={"I01": (0, 0)})
    with pytest.raises(PanelError, match="related"):
        plots.rv_uv_scatter(pd.DataFrame({"x": [1]}))
    with pytest.raises(PanelError, match="non-empty"):
        plots.lq_bar(pd.Series(dtype=float))
    timed = pd.concat({2015: _lq(), 2020: _lq()}, names=["time", "region"])
    with pytest.raises(PanelError, match="time="):
        plots.lq_heatmap(timed)
    assert isinstance(plots.lq_heatmap(timed, time=2020, log=False), Figure)


def test_quadrants_by_hand():
    d = pd.Series({"a": 0.9, "b": 0.1, "c": 0.8, "d": 0.2, "e": 0.5})
    c = pd.Series({"a": 1.0, "b": 2.0, "c": -1.0, "d": -2.0, "e": 0.0})
    q = plots.quadrant_table(d, c, x_split=0.5, y_split=0.0)
    # e sits on both split lines and counts as high/high (>=)
    assert q.loc["a", "quadrant"].endswith("priority") and q.loc["e", "quadrant"].endswith(
        "priority")
    assert q.loc["b", "quadrant"].endswith("long shot")
    assert q.loc["c", "quadrant"].endswith("easy diversification")
    assert q.loc["d", "quadrant"].endswith("avoid")
    assert q.index[0] == "a"  # ranks 1.0 and 0.8 -> highest score
    only = plots.quadrant_table(d, c, candidates=pd.Series({"a": 0, "b": 1, "c": 1, "d": 0,
                                                            "e": 0}))
    assert sorted(only.index) == ["b", "c"]
    # medians of the candidates only: density 0.45, pci 0.5
    assert only.attrs["x_split"] == pytest.approx(0.45) and only.attrs["y_split"] == 0.5
    fig = plots.density_complexity_scatter(d, c, label_top=2)
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert "a" in texts and any("priority" in t for t in texts)


# ---------------------------------------------------------------------------- CJK labels
def _glyph_warnings(fig: Figure, path: Path) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(path)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_romanised_fallback(tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "_find_cjk_font", lambda families=None: None)
    with pytest.warns(plots.CJKFontWarning, match="romanised"):
        assert plots.setup_fonts(romanise={"伏見区": "Fushimi Ward"}) is None
    assert plots.display_label("京都") == "Kyoto"
    assert plots.display_label("深圳市") == "Shenzhen City"
    assert plots.display_label("伏見区") == "Fushimi Ward"
    assert plots.display_label("京都 2020") == "Kyoto 2020"
    assert plots.display_label("未知") == "U+672A U+77E5".replace(" ", "")
    assert plots.display_label("R01") == "R01"
    variety = pd.DataFrame({"related": [1.0, 2.0], "unrelated": [2.0, 1.0]},
                           index=["京都", "深圳"])
    fig = plots.rv_uv_scatter(variety, highlight="京都")
    assert {t.get_text() for t in fig.axes[0].texts} == {"Kyoto", "Shenzhen"}
    assert _glyph_warnings(fig, tmp_path / "fallback.png") == []


def test_forced_romanisation_needs_no_font():
    assert plots.setup_fonts(cjk=False) is None
    assert plots.display_label("深圳") == "Shenzhen"


def test_cjk_font_path(tmp_path):
    family = plots._find_cjk_font()
    if family is None:
        pytest.skip("no font with CJK glyphs is installed (e.g. apt-get install fonts-noto-cjk)")
    assert plots.setup_fonts() == family
    assert family in mpl.rcParams["font.family"]
    assert plots.display_label("京都") == "京都"
    variety = pd.DataFrame({"related": [1.0, 2.0], "unrelated": [2.0, 1.0]},
                           index=["京都", "深圳"])
    fig = plots.rv_uv_scatter(variety, highlight="京都")
    assert {t.get_text() for t in fig.axes[0].texts} == {"京都", "深圳"}
    assert _glyph_warnings(fig, tmp_path / "cjk.png") == []


# ------------------------------------------------------------------ many groups, many nodes
def _many_group_graph(n: int = 120, n_groups: int = 30) -> nx.Graph:
    """A path of n industries in n_groups groups; group g holds (g + 1) industries at most."""
    g = nx.path_graph([f"N{k:03d}" for k in range(n)])
    sizes = {}
    for k, v in enumerate(g.nodes):
        g.nodes[v]["group"] = f"G{k % n_groups:02d}" if k >= n_groups else f"G{k:02d}"
        g.nodes[v]["size"] = float(n - k)  # N000 is the largest
        sizes[v] = float(n - k)
    for a, b in g.edges:
        g.edges[a, b]["weight"] = 0.5
    return g


def test_legend_is_capped_with_an_other_entry_in_a_unique_grey():
    g = _many_group_graph()
    fig = plots.industry_space_plot(g, seed=0, max_legend=10)
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(texts) == 10 and texts[-1] == "other (21 groups)"
    colours = [tuple(h.get_color()) if not isinstance(h.get_color(), str) else h.get_color()
               for h in fig.axes[0].get_legend().legend_handles]
    assert len(set(map(str, colours))) == 10  # no colour reused, grey only for "other"
    # 30 groups of 4 nodes each: the nine kept are the first nine by name (ties)
    assert texts[:9] == [f"G{k:02d}" for k in range(9)]


def test_labels_are_limited_to_the_top_nodes():
    g = _many_group_graph()
    fig = plots.industry_space_plot(g, seed=0, max_labels=15)
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert 0 < len(labels) <= 15
    assert "N000" in labels  # the largest node is labelled first, never skipped
    assert set(labels) <= {f"N{k:03d}" for k in range(15)}
    marked = {"N100", "N101", "N050"}
    fig = plots.industry_space_plot(g, seed=0, highlight=marked)
    assert {t.get_text() for t in fig.axes[0].texts} <= marked
    assert plots.label_nodes(g, marked, top=2) == ["N050", "N100"]


def test_close_labels_are_skipped_not_overprinted():
    g = nx.Graph()
    g.add_nodes_from([("a", {"size": 3.0}), ("b", {"size": 2.0}), ("c", {"size": 1.0})])
    g.add_edges_from([("a", "b", {"weight": 1.0}), ("b", "c", {"weight": 1.0})])
    layout = {"a": np.array([0.0, 0.0]), "b": np.array([0.01, 0.0]), "c": np.array([1.0, 1.0])}
    fig = plots.industry_space_plot(g, layout=layout, color_by=None)
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["a", "c"]
    fig = plots.industry_space_plot(g, layout=layout, color_by=None, labels=True)
    assert len(fig.axes[0].texts) == 3


def test_source_line_is_written_under_the_figure(space):
    fig = plots.industry_space_plot(space, seed=0, source=space.graph["rule"])
    assert space.graph["rule"].split()[0] in fig.get_supxlabel()
