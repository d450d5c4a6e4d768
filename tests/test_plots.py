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
from smartregion.plots import fonts

REF = Path(__file__).parent / "reference" / "network"


@pytest.fixture(autouse=True)
def _isolated_font_state(monkeypatch):
    """Each test starts with no font decision and leaves rcParams as it found them."""
    monkeypatch.setattr(fonts, "_STATE", {"checked": False, "family": None, "romanise": {},
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
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "a" in texts and any(t.startswith("priority") for t in legend)


# ---------------------------------------------------------------------------- CJK labels
def _glyph_warnings(fig: Figure, path: Path) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(path)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_romanised_fallback(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "_find_cjk_font", lambda families=None: None)
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
    # the package depends on noto-cjk-sans-otc, so a CJK font is there on every machine
    from noto_cjk_sans_otc import FONT_PATH

    family = fonts._find_cjk_font()
    assert family == "Noto Sans CJK JP"
    assert any(e.fname == str(FONT_PATH) for e in mpl.font_manager.fontManager.ttflist)
    assert plots.setup_fonts() == family
    assert family in mpl.rcParams["font.family"]
    assert plots.display_label("京都") == "京都"
    variety = pd.DataFrame({"related": [1.0, 2.0], "unrelated": [2.0, 1.0]},
                           index=["京都", "深圳"])
    fig = plots.rv_uv_scatter(variety, highlight="京都")
    assert {t.get_text() for t in fig.axes[0].texts} == {"京都", "深圳"}
    assert _glyph_warnings(fig, tmp_path / "cjk.png") == []
    # Chinese sector names as the NBS publishes them render too, and romanisation stays an
    # option
    fig = plots.rv_uv_scatter(variety.rename(index={"京都": "广东省", "深圳": "制造业"}))
    assert _glyph_warnings(fig, tmp_path / "zh.png") == []
    assert plots.setup_fonts(cjk=False) is None
    assert plots.display_label("深圳") == "Shenzhen"


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


# ---------------------------------------------------------------------------- policy figures
def _ticks(axis) -> list[str]:
    return [t.get_text() for t in axis.get_ticklabels()]


def _fig_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.texts]


def test_region_strip_plot_marks_the_region_once_per_strip():
    table = pd.DataFrame({"a": [-0.5, 0.1, 0.4, 0.9], "b": [0.2, -0.3, 0.0, 0.6]},
                         index=["R1", "R2", "R3", "R4"])
    fig = plots.region_strip_plot(table, "R3", columns={"a": "first", "b": "second"},
                                  rng=np.random.default_rng(0), xlabel="r", title="T strip",
                                  source="Source: hand-made.")
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_title() == "T strip" and ax.get_xlabel() == "r"
    assert _ticks(ax.yaxis) == ["first", "second"]
    # all regions of both strips in one collection, then the region once per strip
    sizes = [len(c.get_offsets()) for c in ax.collections]
    assert sizes == [8, 2]
    assert np.allclose(ax.collections[1].get_offsets(), [[0.4, 0.0], [0.0, 1.0]])
    assert [t.get_text() for t in ax.texts if t.get_text()] == ["R3", "R3"]
    assert plots.source_text(fig) == "Source: hand-made."
    # the jitter stays within its band around each strip
    grey = ax.collections[0].get_offsets()
    for k in range(2):
        assert np.all(np.abs(grey[4 * k:4 * (k + 1), 1] - k) <= 0.12)
    with pytest.raises(PanelError, match="R9"):
        plots.region_strip_plot(table, "R9", columns={"a": "first"},
                                rng=np.random.default_rng(0), xlabel="", title="", source="")


def test_label_column_keeps_a_gap_between_labels():
    fig = Figure()
    ax = fig.add_subplot()
    pts = pd.DataFrame({"x": [0.1, 0.2, 0.3, 0.4], "y": [1.0, 0.95, 0.5, 2.0]},
                       index=list("abcd"))
    ax.scatter(pts["x"], pts["y"])
    plots.label_column(ax, pts.loc[["a", "b", "c"]], {"a": "A", "b": "B", "c": "C", "d": "D"},
                       x_text=0.5, gap=0.3)
    texts = ax.texts
    assert [t.get_text() for t in texts] == ["A", "B", "C"]  # only the points asked for
    # heights by hand: 1.0; min(0.95, 1.0 - 0.3) = 0.7; min(0.5, 0.7 - 0.3) = 0.4
    assert [t.xyann for t in texts] == [(0.5, 1.0), (0.5, pytest.approx(0.7)),
                                        (0.5, pytest.approx(0.4))]
    assert ax.get_xlim()[1] == pytest.approx(0.62)


def test_coefficients_by_unit_one_interval_per_unit_and_term():
    units = ["ward", "city"]
    coefs = pd.DataFrame({
        "unit": ["ward", "ward", "city", "city"], "term": ["rv", "uv", "rv", "uv"],
        "coef": [0.1, -0.2, 0.3, 0.0], "ci_low": [0.0, -0.4, 0.1, -0.1],
        "ci_high": [0.2, 0.0, 0.5, 0.1]}).set_index(["unit", "term"])
    fig = plots.coefficients_by_unit(coefs, units=units, terms={"rv": "related", "uv": "unrel"},
                                     nobs={"ward": 50, "city": 7}, ylabel="coef",
                                     title="T coef", source="Source: hand-made.")
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_title() == "T coef"
    assert _ticks(ax.xaxis) == ["ward\n(N = 50)", "city\n(N = 7)"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["related", "unrel"]
    # the points of the first term, left of each unit: coefficients 0.1 (ward), 0.3 (city)
    x, y = ax.lines[0].get_data()
    assert np.allclose(x, [-0.125, 0.875]) and np.allclose(y, [0.1, 0.3])
    assert _fig_texts(fig) == ["Source: hand-made."]


def test_level_and_ratio_plot_two_panels_with_reference_line():
    years = [2004, 2005, 2006]
    levels = pd.DataFrame({"A": [1.0, 2.0, 3.0], "B": [2.0, 2.0, 2.0]}, index=years)
    ratios = pd.DataFrame({"g1": [0.9, 1.1, 1.2]}, index=years)
    fig = plots.level_and_ratio_plot(levels, ratios, levels_ylabel="yen", ratios_ylabel="ratio",
                                     levels_title="T left", ratios_title="T right",
                                     suptitle="T all", source="Source: hand-made.")
    assert len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == ["T left", "T right"]
    assert fig.get_suptitle() == "T all"
    assert len(fig.axes[0].lines) == 2  # one line per column, nothing more
    assert len(fig.axes[1].lines) == 2  # the ratio and the reference line
    assert np.allclose(fig.axes[1].lines[0].get_ydata(), [0.9, 1.1, 1.2])
    assert np.allclose(fig.axes[1].lines[-1].get_ydata(), 1.0)  # the reference line
    assert _fig_texts(fig)[-1] == "Source: hand-made."  # after the suptitle
    assert len(fig.texts) == 2


def test_shift_share_bars_components_sum_to_the_dot():
    table = pd.DataFrame({"national_share": [10.0, -5.0], "industry_mix": [-4.0, 2.0],
                          "regional_share": [1.0, -1.0]}, index=["food", "textiles"])
    table["change"] = table.sum(axis=1)
    fig = plots.shift_share_bars(table, components={"national_share": "grey",
                                                    "industry_mix": "blue",
                                                    "regional_share": "red"},
                                 xlabel="persons", title="T ss")
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_title() == "T ss"
    assert _ticks(ax.yaxis) == ["food", "textiles"]
    assert len(ax.patches) == 6  # 3 components x 2 industries
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, 2)
    assert np.allclose(widths.sum(axis=0), [7.0, -4.0])  # = the total change, by hand
    assert np.allclose(ax.collections[0].get_offsets()[:, 0], [7.0, -4.0])
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == [
        "industry mix", "national share", "regional share", "total change"]
    assert fig.texts == []  # no source asked for, none written


def test_highlight_bars_colours_only_the_highlight():
    values = pd.Series([0.2, 0.5, 0.9], index=["c1", "c2", "c3"])
    fig = plots.highlight_bars(values, highlight="c2", labels=["one", "two", "three"],
                               xlabel="churn", title="T bars", source="Source: hand-made.")
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_title() == "T bars"
    assert _ticks(ax.yaxis) == ["one", "two", "three"]
    assert [p.get_width() for p in ax.patches] == [0.2, 0.5, 0.9]
    red = mpl.colors.to_rgba(plots.HIGHLIGHT_COLOR)
    assert [p.get_facecolor() == red for p in ax.patches] == [False, True, False]
    assert _fig_texts(fig) == ["Source: hand-made."]
    with pytest.raises(PanelError, match="2 labels for 3 bars"):
        plots.highlight_bars(values, labels=["a", "b"], xlabel="", title="")


def test_index_and_change_plot_two_panels():
    index = pd.DataFrame({"City": [100.0, 90.0], "All": [100.0, 95.0]}, index=[2001, 2012])
    change = pd.Series([-20.0, -10.0, 5.0], index=["X", "City", "Y"])
    fig = plots.index_and_change_plot(index, change, highlight="City", index_ylabel="2001 = 100",
                                      index_title="T index", change_xlabel="%",
                                      change_title="T change")
    assert len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == ["T index", "T change"]
    assert len(fig.axes[0].lines) == 3  # two series and the 2011 break they cross
    assert _ticks(fig.axes[1].yaxis) == ["X", "City", "Y"]
    assert len(fig.axes[1].patches) == 3


def test_quoted_counts_plot_marks_secondary_sources():
    counts = pd.DataFrame({"date": [2016.75, 2017.75, 2023.79], "value": [10.0, 12.0, 30.0],
                           "secondary_source": [False, True, False]},
                          index=["FY1", "FY2", "Oct 3"])
    series = pd.DataFrame({"date": [1989.5, 2020.5], "value": [30, 400],
                           "secondary_source": [True, True]}, index=["1989", "2020"])
    fig = plots.quoted_counts_plot(counts, series, counts_ylabel="n", counts_title="T counts",
                                   series_ylabel="tenants", series_title="T series",
                                   source="Source: quoted.")
    assert len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == ["T counts", "T series"]
    shown = sorted(t.get_text() for t in fig.axes[0].texts if t.get_text())
    # FY2 to Oct 3 is more than four years without a count: shaded and said
    assert shown == ["FY1: 10", "FY2: 12", "Oct 3: 30", "no published count"]
    assert not fig.axes[0].containers  # points, not bars
    assert plots.source_text(fig) == "Source: quoted."
    with pytest.raises(PanelError, match="date"):
        plots.quoted_counts_plot(counts.drop(columns="date"), series, counts_ylabel="",
                                 counts_title="", series_ylabel="", series_title="",
                                 source="")


def test_group_centrality_plot_boxes_dots_and_bars():
    inds = [f"i{k}" for k in range(6)]
    pct = pd.DataFrame({"degree": [0.1, 0.2, 0.3, 0.6, 0.8, 1.0],
                        "closeness": [0.2, 0.1, 0.4, 0.5, 0.9, 0.7]}, index=inds)
    in_group = pd.Series([False, False, False, True, True, True], index=inds)
    marked = pd.Series([False, False, False, True, False, False], index=inds)
    top = pd.DataFrame({"lq_region": [0.5, 1.4], "specialised_region": [False, True],
                        "name": ["short", "a very long industry name " * 3]},
                       index=["i4", "i3"])
    fig = plots.group_centrality_plot(pct, in_group, marked, top, measures=["degree",
                                      "closeness"], rng=np.random.default_rng(1),
                                      ylabel="pct", title="T boxes", top_xlabel="LQ",
                                      top_title="T top", source="Source: hand-made.")
    assert len(fig.axes) == 2
    left, right = fig.axes
    assert [left.get_title(), right.get_title()] == ["T boxes", "T top"]
    assert _ticks(left.xaxis) == ["degree", "closeness"]
    # one dot per group member and measure; exactly one member is marked red
    assert [len(c.get_offsets()) for c in left.collections] == [3, 3]
    red = mpl.colors.to_rgba(plots.HIGHLIGHT_COLOR)
    first = left.collections[0]
    assert sorted(first.get_offsets()[:, 1]) == [0.6, 0.8, 1.0]
    assert sum(tuple(c) == red for c in first.get_facecolors()) == 1
    labels = _ticks(right.yaxis)
    assert labels[0] == "short" and len(labels) == 2 and len(labels[1]) <= 40
    assert [p.get_width() for p in right.patches] == [0.5, 1.4]
    assert _fig_texts(fig) == ["Source: hand-made."]


def test_rv_uv_scatter_thins_labels_and_always_names_the_highlight():
    rng = np.random.default_rng(3)
    names = [f"Region {k:02d}" for k in range(42)]
    variety = pd.DataFrame({"unrelated": rng.normal(5.6, 0.1, 42),
                            "related": rng.normal(1.73, 0.04, 42)}, index=names)
    fig = plots.rv_uv_scatter(variety, highlight="Region 07", max_labels=8)
    texts = [t for t in fig.axes[0].texts]
    shown = [t.get_text() for t in texts]
    assert "Region 07" in shown
    assert 2 <= len(shown) <= 9  # the highlight plus at most max_labels others
    # no two labelled points within the label gap (range-scaled units)
    pts = variety[["unrelated", "related"]].to_numpy()
    unit = (pts - np.median(pts, axis=0)) / np.ptp(pts, axis=0)
    idx = [names.index(t) for t in shown]
    for a in range(len(idx)):
        for b in range(a + 1, len(idx)):
            d = np.abs(unit[idx[a]] - unit[idx[b]])
            assert not (d[0] < 0.14 and d[1] < 0.05), (shown[a], shown[b])
    only = plots.rv_uv_scatter(variety, highlight="Region 07", labels=False)
    assert [t.get_text() for t in only.axes[0].texts] == ["Region 07"]
