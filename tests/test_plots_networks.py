"""Industry-space, footprint, variety-scatter and coefficient figures: what they show is what
their titles, legends and keys say, labels do not collide, and reruns give the same bytes."""

from __future__ import annotations

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from smartregion import plots
from smartregion.outputs import OutputWriter
from smartregion.panel import PanelError
from smartregion.plots import PALETTE, Source, add_source, networks, source_text


def _graph(n: int = 60, seed: int = 1) -> nx.Graph:
    """A connected random graph with a group and a size on every node."""
    rng = np.random.default_rng(seed)
    g = nx.random_labeled_tree(n, seed=seed) if hasattr(nx, "random_labeled_tree") else \
        nx.random_tree(n, seed=seed)
    g = nx.relabel_nodes(g, {k: f"N{k:02d}" for k in range(n)})
    nodes = sorted(g.nodes)
    for k in range(n):  # a few extra links
        a, b = rng.choice(n, 2, replace=False)
        g.add_edge(nodes[a], nodes[b])
    for k, v in enumerate(nodes):
        g.nodes[v]["group"] = f"G{k % 4}"
        g.nodes[v]["size"] = float(10 ** (1 + 3 * k / n))
        g.nodes[v]["label"] = f"{v} industry"
    for a, b in g.edges:
        g.edges[a, b]["weight"] = float(rng.uniform(0.2, 1.0))
    return g


def _spec(g: nx.Graph) -> pd.DataFrame:
    nodes = sorted(g.nodes)
    m = pd.DataFrame(False, index=["Kyoto", "Osaka", "Aichi"], columns=nodes)
    m.loc["Kyoto", nodes[::3]] = True
    m.loc["Osaka", nodes[:20]] = True
    m.loc["Aichi", nodes[5:12]] = True
    return m


def _boxes(texts, renderer):
    return [t.get_window_extent(renderer) for t in texts]


def _overlaps(texts, renderer) -> int:
    b = _boxes(texts, renderer)
    return sum(x.overlaps(y) for k, x in enumerate(b) for y in b[k + 1:])


# ------------------------------------------------------------------------------ size key
def test_area_and_key_values_by_hand():
    # area = 25 + 375 * sqrt(v / vmax): v = vmax -> 400, v = vmax / 4 -> 25 + 187.5
    assert networks._area(np.array([0.0, 25.0, 100.0]), 100.0).tolist() == [25.0, 212.5, 400.0]
    # the largest leading-digit value below vmax, and its tenth and hundredth
    assert networks._key_values(2_345_678, 10) == [20_000.0, 200_000.0, 2_000_000.0]
    assert networks._key_values(2_345_678, 50_000) == [200_000.0, 2_000_000.0]


def test_size_key_markers_match_node_areas():
    g = _graph()
    fig = plots.industry_space_plot(g, seed=0, size_label="Persons engaged (node area)")
    ax = fig.axes[0]
    keys = [a for a in ax.artists if isinstance(a, mpl.legend.Legend)]
    assert len(keys) == 1
    key = keys[0]
    assert "Persons engaged" in key.get_title().get_text()
    vmax = max(d["size"] for _, d in g.nodes(data=True))
    for handle, text in zip(key.legend_handles, key.get_texts()):
        value = float(text.get_text().replace(",", ""))
        assert handle.get_markersize() ** 2 == pytest.approx(networks._area(value, vmax))
    # the group legend is still the axes' legend, beside the data
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["G0", "G1", "G2", "G3"]


# ------------------------------------------------------------------------------ labels
def test_industry_space_labels_do_not_collide_and_are_reproducible():
    g = _graph(80)

    def draw():
        fig = plots.industry_space_plot(g, seed=3, max_labels=15, figsize=(6, 5))
        FigureCanvasAgg(fig)
        fig.canvas.draw()
        texts = [t for t in fig.axes[0].texts if t.get_text()]
        return fig, texts

    fig, texts = draw()
    _, again = draw()
    assert len(texts) >= 3
    assert [t.get_position() for t in texts] == [t.get_position() for t in again]
    assert _overlaps(texts, fig.canvas.get_renderer()) == 0


def test_rv_uv_scatter_colours_units_and_labels():
    rng = np.random.default_rng(7)
    names = ["Kyoto", "Osaka", "Aichi", *[f"Pref {k:02d}" for k in range(39)]]
    var = pd.DataFrame({"unrelated": rng.normal(5.6, 0.1, 42),
                        "related": rng.normal(1.75, 0.05, 42)}, index=names)
    fig = plots.rv_uv_scatter(var, highlight=["Kyoto", "Osaka"], max_labels=8)
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Unrelated variety (entropy, bits)"
    assert ax.get_ylabel() == "Related variety (entropy, bits)"
    pts = ax.collections[0]
    faces = [mpl.colors.to_hex(c) for c in pts.get_facecolors()]
    # highlighted regions drawn last, in their house colours; the others grey
    assert faces[-2:] == [PALETTE["Kyoto"], PALETTE["Osaka"]]
    assert set(faces[:-2]) == {PALETTE["other regions"]}
    texts = [t for t in ax.texts if t.get_text()]
    shown = {t.get_text() for t in texts}
    assert {"Kyoto", "Osaka"} <= shown and len(shown) <= 10
    assert _overlaps(texts, fig.canvas.get_renderer()) == 0
    kyoto = next(t for t in texts if t.get_text() == "Kyoto")
    assert mpl.colors.to_hex(kyoto.get_color()) == PALETTE["Kyoto"]


# ------------------------------------------------------------------------------ footprints
def test_footprint_comparison_shares_one_layout_and_colours_only_specialisations():
    g = _graph()
    m = _spec(g)
    layout = plots.compute_layout(g, seed=2)
    stats = {r: f"{int(m.loc[r].sum())} specialisations" for r in m.index}
    fig = plots.footprint_comparison_plot(g, m, ["Kyoto", "Osaka", "Aichi"], layout=layout,
                                          stats=stats, size_label="Persons engaged",
                                          title="Share in the largest linked group")
    panels = fig.axes[:3]
    expected = {tuple(np.round(layout[v], 9)) for v in g.nodes}
    for ax, r in zip(panels, m.index):
        muted, coloured = ax.collections[1], ax.collections[2]
        both = np.vstack([muted.get_offsets(), coloured.get_offsets()])
        assert {tuple(np.round(p, 9)) for p in both} == expected  # same positions everywhere
        assert len(coloured.get_offsets()) == int(m.loc[r].sum())
        # muted nodes are one grey; the specialisations carry their group colours
        assert {mpl.colors.to_hex(c) for c in muted.get_facecolors()} == {PALETTE["muted"]}
        assert ax.get_title(loc="left") == r
        assert stats[r] in [t.get_text() for t in ax.texts]
    assert mpl.colors.to_hex(panels[0]._left_title.get_color()) == PALETTE["Kyoto"]
    assert mpl.colors.to_hex(panels[1]._left_title.get_color()) == PALETTE["Osaka"]
    assert fig.smartregion_counts == {r: int(m.loc[r].sum()) for r in m.index}
    key_ax = fig.axes[3]
    assert [t.get_text() for t in key_ax.get_legend().get_texts()] == ["G0", "G1", "G2", "G3"]
    assert any(isinstance(a, mpl.legend.Legend) and "Persons engaged" in a.get_title().get_text()
               for a in key_ax.artists)


def test_footprint_comparison_errors():
    g = _graph()
    m = _spec(g)
    layout = plots.compute_layout(g, seed=2)
    with pytest.raises(PanelError, match="not in the specialisation table"):
        plots.footprint_comparison_plot(g, m, ["Tokyo"], layout=layout)
    with pytest.raises(PanelError, match="no position"):
        plots.footprint_comparison_plot(g, m, ["Kyoto"], layout={"N00": (0, 0)})
    with pytest.raises(PanelError, match="industries of the graph"):
        plots.footprint_comparison_plot(g, m.drop(columns="N00"), ["Kyoto"], layout=layout)


def test_footprint_comparison_png_is_byte_identical(tmp_path):
    g = _graph()
    m = _spec(g)
    out = OutputWriter(tmp_path, notebook="00_t")

    def draw(name):
        layout = plots.compute_layout(g, seed=2)
        fig = plots.footprint_comparison_plot(g, m, list(m.index), layout=layout,
                                              title="t", source=Source("toy", "2014"))
        return out.figure(fig, name).read_bytes()

    assert draw("a") == draw("b")


# ------------------------------------------------------------------------------ coefficients
def _rows() -> pd.DataFrame:
    rows = []
    for panel, n in (("Japan 2004-12", 591), ("New Zealand 1976-2013", 1001)):
        for k, rung in enumerate(["RV and UV", "+ controls (herfindahl, log_size)",
                                  "+ region fixed effects"], start=1):
            for t, c in (("related", 0.1 * k), ("unrelated", -0.05 * k)):
                rows.append({"model_id": f"{panel} ({k})", "panel": panel, "model": f"({k})",
                             "rung": rung, "n": n, "outcome": "employment growth",
                             "units": "log points per year", "standardised": True, "term": t,
                             "coef": c, "low": c - 0.1, "high": c + 0.1, "p": 0.5,
                             "label": f"{panel} ({k}): {t}"})
    return pd.DataFrame(rows)


def test_coefficient_plot_one_panel_per_sample_two_markers_per_rung():
    rows = _rows()
    caption = "Models shown: " + "; ".join(dict.fromkeys(rows["model_id"])) + "."
    fig = plots.coefficient_plot(rows, caption=caption, title="No robust sign",
                                 panel_notes={"Japan 2004-12": "RV/UV: 20 groups in 3 types"},
                                 source=Source("METI; Stats NZ", "2004-2012", "computed"))
    assert len(fig.axes) == 2
    top, bottom = fig.axes
    assert top.get_title(loc="left").splitlines() == [
        "Japan 2004-12", "Outcome: employment growth (log points per year), z-scored",
        "RV/UV: 20 groups in 3 types"]
    ticks = [t.get_text() for t in top.get_yticklabels()]
    assert ticks == ["(1) RV and UV\nN=591", "(2) + controls (Herfindahl, log size)\nN=591",
                     "(3) + region fixed effects\nN=591"]
    assert [t.get_position()[1] for t in top.get_yticklabels()] == [2, 1, 0]  # (1) on top
    # one x axis (shared), labelled once with the single unit of every row
    assert top.get_shared_x_axes().joined(top, bottom)
    assert bottom.get_xlabel().startswith("Standardised coefficient")
    assert top.get_xlabel() == ""
    # related and unrelated variety: one marker each per rung, in their house colours
    marks = [c for c in top.collections if len(c.get_offsets()) == 3 and
             c.get_offsets().shape[1] == 2 and hasattr(c, "get_sizes") and len(c.get_sizes())]
    colours = {mpl.colors.to_hex(c.get_facecolors()[0]) for c in marks}
    assert {PALETTE["related variety"], PALETTE["unrelated variety"]} <= colours
    src = source_text(fig)
    assert src.startswith("Source: METI; Stats NZ, 2004-2012; computed.") and caption in src
    assert fig.smartregion_models == list(dict.fromkeys(rows["model_id"]))


def test_coefficient_plot_checks_the_caption():
    rows = _rows()
    with pytest.raises(PanelError, match="does not name"):
        plots.coefficient_plot(rows, caption="Models shown: Japan 2004-12 (1).", title="t")


def test_source_line_accepts_a_source_object_on_the_space():
    g = _graph()
    fig = plots.industry_space_plot(g, seed=0, source=Source("census", "2014", "computed"))
    assert source_text(fig) == "Source: census, 2014; computed."
    fig2 = plots.industry_space_plot(g, seed=0)
    add_source(fig2, "Source: x; illustrative.")
    assert source_text(fig2) == "Source: x; illustrative."


def test_space_labels_every_highlighted_node_when_asked():
    industry_space_plot = plots.industry_space_plot
    g = nx.Graph()
    g.add_nodes_from([("a", {"size": 3.0}), ("b", {"size": 2.0}), ("c", {"size": 1.0})])
    g.add_edges_from([("a", "b", {"weight": 1.0}), ("b", "c", {"weight": 1.0})])
    layout = {"a": np.array([0.0, 0.0]), "b": np.array([0.01, 0.0]), "c": np.array([1.0, 1.0])}
    # the default thinning drops b (its label would sit on a's); "highlighted" keeps both
    thinned = industry_space_plot(g, layout=layout, color_by=None, highlight=["a", "b"])
    assert sorted(t.get_text() for t in thinned.axes[0].texts) == ["a"]
    fig = industry_space_plot(g, layout=layout, color_by=None, highlight=["a", "b"],
                              labels="highlighted")
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["a", "b"]
    with pytest.raises(ValueError, match="highlighted"):
        industry_space_plot(g, layout=layout, labels="all")
