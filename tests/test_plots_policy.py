"""The policy figures of notebook 06 meet the figure standard.

Checked on small hand-made inputs: the points sit where the data put them (true time axes,
dates of quoted counts), labels are exactly the ones asked for, stay inside the frame and do
not overlap, legends sit outside the data, the 2011 break is marked when a series crosses it
(and only then), colours are the house colours, and reruns give identical bytes.
"""

from __future__ import annotations

import io

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba

from smartregion import plots
from smartregion.outputs import OutputWriter
from smartregion.panel import PanelError
from smartregion.plots import BREAK_YEAR, PALETTE, Source, source_text

SRC = Source("hand-made table", "2004-2012", "computed")


def _draw(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def _png(fig) -> bytes:
    buf = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buf, format="png", dpi=80, metadata={"Software": None})
    return buf.getvalue()


def _texts(ax) -> list:
    return [t for t in ax.texts if t.get_text()]


def _break_lines(ax) -> list:
    return [ln for ln in ax.lines if np.allclose(np.asarray(ln.get_xdata(), float), BREAK_YEAR)]


def _candidates():
    # 4 priority (density >= 0.5, pci >= 0), 2 long shot, 2 easy, 2 avoid; a cloud of easy
    # diversification points crowds the labelled ones
    rng = np.random.default_rng(5)
    d = {"p1": 0.80, "p2": 0.70, "p3": 0.62, "p4": 0.55, "l1": 0.2, "l2": 0.3, "e1": 0.9,
         "e2": 0.6, "a1": 0.1, "a2": 0.4}
    c = {"p1": 0.2, "p2": 0.3, "p3": 0.25, "p4": 2.0, "l1": 1.0, "l2": 0.5, "e1": -1.0,
         "e2": -0.2, "a1": -0.5, "a2": -1.5}
    for k in range(30):
        d[f"x{k}"] = float(rng.uniform(0.5, 0.9))
        c[f"x{k}"] = float(rng.uniform(-1.0, -0.05))
    density, pci = pd.Series(d), pd.Series(c)
    quadrant = pd.Series({i: ("priority" if density[i] >= 0.5 and pci[i] >= 0 else
                              "easy diversification" if density[i] >= 0.5 else
                              "long shot" if pci[i] >= 0 else "avoid") for i in density.index})
    return density, pci, quadrant


# ---------------------------------------------------------------------------- target selection
def test_scatter_labels_exactly_the_ranked_list_inside_the_frame():
    density, pci, quadrant = _candidates()
    ranked = ["p1", "p2", "p3"]  # the three densest priority candidates, by hand
    names = {i: f"{i} industry with a long name" for i in density.index}
    fig = plots.density_complexity_scatter(density, pci, quadrant=quadrant, x_split=0.5,
                                           y_split=0.0, label=ranked, label_text=names,
                                           source=SRC, title="T")
    ax = fig.axes[0]
    renderer = _draw(fig)
    shown = _texts(ax)
    assert sorted(t.get_text() for t in shown) == sorted(names[i] for i in ranked)
    assert all(t.get_fontweight() == "normal" for t in shown)
    frame = ax.get_window_extent(renderer)
    boxes = [t.get_window_extent(renderer) for t in shown]
    for box in boxes:  # inside the frame
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1
        assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1
    for a in range(len(boxes)):  # no two labels overlap
        for b in range(a + 1, len(boxes)):
            assert not boxes[a].overlaps(boxes[b]), (shown[a].get_text(), shown[b].get_text())
    # p4 is priority but not in the ranked list: it is not labelled
    assert all("p4" not in t.get_text() for t in shown)
    assert source_text(fig) == SRC.text()


def test_scatter_colours_and_legend_follow_the_quadrants():
    density, pci, quadrant = _candidates()
    fig = plots.density_complexity_scatter(density, pci, quadrant=quadrant, x_split=0.5,
                                           y_split=0.0, label=["p1"], source=SRC)
    ax = fig.axes[0]
    dots = ax.collections[0]
    want = [to_rgba(PALETTE[q]) for q in quadrant.reindex(
        plots.quadrant_table(density, pci, x_split=0.5, y_split=0.0).index)]
    assert [tuple(c) for c in dots.get_facecolors()] == want
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # counts by hand: 4 priority, 2 long shot, 2 + 30 easy diversification, 2 avoid
    assert legend == ["priority (4)", "long shot (2)", "easy diversification (32)",
                      "avoid (2)", "labelled"]
    renderer = _draw(fig)
    assert ax.get_legend().get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1
    with pytest.raises(PanelError, match="not plotted"):
        plots.density_complexity_scatter(density, pci, label=["nope"])


def test_scatter_is_byte_identical_on_rerun():
    density, pci, quadrant = _candidates()

    def draw():
        return _png(plots.density_complexity_scatter(
            density, pci, quadrant=quadrant, x_split=0.5, y_split=0.0,
            label=["p1", "p2", "p3"], source=SRC))

    assert draw() == draw()


# ---------------------------------------------------------------------------- time axes
def test_level_and_ratio_plot_true_years_gaps_log_scale_and_break():
    levels = pd.DataFrame({"A": [1.0, 2.0, 3.0], "B": [2.0, 2.0, 2.0]}, index=[2004, 2005, 2007])
    ratios = pd.DataFrame({"g1": [0.5, 1.0, 2.0], "g2": [6.0, 5.0, 4.0]},
                          index=[2004, 2005, 2007])
    fig = plots.level_and_ratio_plot(
        levels, ratios, levels_ylabel="yen", ratios_ylabel="ratio", levels_title="L",
        ratios_title="R", suptitle="T", source=SRC, log_ratios=True, label_ratios=True,
        show_break=True, xlim=(2000.5, 2012.5),
        spans=[(2010.5, 2012.5, "no data: break")], ratio_legend={"group": "#000000"})
    left, right = fig.axes
    x, y = left.lines[0].get_data()
    assert list(x) == [2004, 2005, 2006, 2007]  # the missing year is kept as a gap
    assert np.isnan(y[2]) and list(y[[0, 1, 3]]) == [1.0, 2.0, 3.0]
    assert right.get_yscale() == "log"
    assert left.get_xlim() == (2000.5, 2012.5)
    assert len(_break_lines(left)) == 1 and len(_break_lines(right)) == 1
    assert "no data: break" in [t.get_text() for t in left.texts]
    names = [t.get_text() for t in right.texts]
    assert "g1" in names and "g2" in names
    assert source_text(fig) == SRC.text()
    renderer = _draw(fig)
    for ax in (left, right):  # legends under the axes, off the data
        assert ax.get_legend().get_window_extent(renderer).y1 <= ax.get_window_extent(
            renderer).y0


def test_break_marked_only_when_the_series_crosses_it():
    change = pd.Series([-20.0, -10.0], index=["X", "City"])
    crossing = pd.DataFrame({"City": [100.0, 90.0, 80.0]}, index=[2009, 2010, 2012])
    before = pd.DataFrame({"City": [100.0, 90.0, 80.0]}, index=[2008, 2009, 2010])
    for index, marks in ((crossing, 1), (before, 0)):
        fig = plots.index_and_change_plot(index, change, highlight="City", index_ylabel="i",
                                          index_title="t", change_xlabel="%",
                                          change_title="c", source=SRC)
        assert len(_break_lines(fig.axes[0])) == marks
        x, _ = fig.axes[0].lines[0].get_data()
        assert list(x) == list(range(int(index.index[0]), int(index.index[-1]) + 1))


# ---------------------------------------------------------------------------- quoted counts
def test_quoted_counts_at_their_dates_as_points_with_fiscal_spans():
    counts = pd.DataFrame({"date": [2016.75, 2023.79], "start": [2016.25, np.nan],
                           "end": [2017.25, np.nan], "value": [103.0, 273.0],
                           "secondary_source": [False, True]}, index=["FY2016", "Oct 2023"])
    series = pd.DataFrame({"date": [1989.5, 2012.5, 2014.79], "value": [34, 250, 340],
                           "secondary_source": [True, True, True]},
                          index=["1989", "c. 2012", "Oct 2014"])
    fig = plots.quoted_counts_plot(counts, series, counts_ylabel="n", counts_title="A",
                                   series_ylabel="m", series_title="B",
                                   source=Source("press", "1989-2023", "quoted"))
    left, right = fig.axes
    pts = left.collections[-1]
    assert np.allclose(pts.get_offsets(), [[2016.75, 103.0], [2023.79, 273.0]])
    faces = [tuple(c) for c in pts.get_facecolors()]
    assert faces[1] == to_rgba("white") and faces[0] != to_rgba("white")  # open = secondary
    span = left.collections[0]  # the fiscal year as a bar from April to March
    assert np.allclose(span.get_segments()[0], [[2016.25, 103.0], [2017.25, 103.0]])
    assert not left.containers and not right.containers  # no bars
    assert not [ln for ln in right.lines if len(ln.get_xdata()) > 1]  # no line across years
    gap = [t.get_text() for t in right.texts if t.get_text() == "no published count"]
    assert gap == ["no published count"]  # 1989 -> 2012, and only there
    assert "quoted" in source_text(fig)


# ---------------------------------------------------------------------------- bars and strips
def test_highlight_bars_grey_comparison_and_reference_line():
    values = pd.Series([0.2, 0.5, 0.9], index=["c1", "c2", "c3"])
    fig = plots.highlight_bars(values, highlight="c2", xlabel="churn (ratio)", title="T",
                               reference=0.55, reference_label="median of the others",
                               source=SRC)
    ax = fig.axes[0]
    assert [p.get_facecolor() for p in ax.patches] == [
        to_rgba(PALETTE["comparison"]), to_rgba(PALETTE["highlight"]),
        to_rgba(PALETTE["comparison"])]
    ref = [ln for ln in ax.lines if np.allclose(ln.get_xdata(), 0.55)]
    assert len(ref) == 1
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["median of the others"]


def test_coefficients_by_unit_house_colours_and_legend_outside():
    coefs = pd.DataFrame({
        "unit": ["ward", "ward", "city", "city"],
        "term": ["related", "unrelated", "related", "unrelated"],
        "coef": [0.1, -0.2, 0.3, 0.0], "ci_low": [0.0, -0.4, 0.1, -0.1],
        "ci_high": [0.2, 0.0, 0.5, 0.1]}).set_index(["unit", "term"])
    fig = plots.coefficients_by_unit(coefs, units=["ward", "city"],
                                     terms={"related": "related variety",
                                            "unrelated": "unrelated variety"},
                                     nobs={"ward": 5, "city": 2}, ylabel="c", title="T",
                                     source=SRC)
    ax = fig.axes[0]
    assert to_rgba(ax.lines[0].get_color()) == to_rgba(PALETTE["related variety"])
    renderer = _draw(fig)
    assert ax.get_legend().get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1


def test_region_strip_plot_region_in_its_house_colour():
    table = pd.DataFrame({"a": [-0.5, 0.1, 0.4], "b": [0.2, np.nan, 0.0]},
                         index=["R1", "Kyoto", "R3"])
    fig = plots.region_strip_plot(table, "Kyoto", columns={"a": "A", "b": "B"},
                                  rng=np.random.default_rng(0), xlabel="r", title="T",
                                  source=SRC)
    ax = fig.axes[0]
    assert len(ax.collections[0].get_offsets()) == 5  # the missing value has no point
    assert to_rgba(ax.collections[1].get_facecolors()[0][:3]) == to_rgba(PALETTE["Kyoto"])


# ---------------------------------------------------------------------------- the writer
def test_policy_figures_pass_the_writer_with_title_and_source(tmp_path):
    density, pci, quadrant = _candidates()
    fig = plots.density_complexity_scatter(density, pci, quadrant=quadrant, x_split=0.5,
                                           y_split=0.0, label=["p1"], title="Candidates",
                                           source=SRC)
    out = OutputWriter(tmp_path, notebook="t")
    path = out.figure(fig, "target", section="P1b")
    from PIL import Image

    info = Image.open(path).info
    assert info["Title"] == "Candidates" and info["Source"] == SRC.text()
    bare = plots.highlight_bars(pd.Series([1.0]), xlabel="x", title="t")
    with pytest.raises(ValueError, match="no source line"):
        out.figure(bare, "bare", section="P6")


def test_group_centrality_plot_legend_under_the_boxes():
    inds = [f"i{k}" for k in range(6)]
    pct = pd.DataFrame({"degree": [0.1, 0.2, 0.3, 0.6, 0.8, 1.0]}, index=inds)
    grp = pd.Series([False, False, False, True, True, True], index=inds)
    mark = pd.Series([False, False, False, True, False, False], index=inds)
    top = pd.DataFrame({"lq_region": [0.5, 1.4], "specialised_region": [False, True],
                        "name": ["a", "b"]}, index=["i4", "i3"])
    fig = plots.group_centrality_plot(pct, grp, mark, top, measures=["degree"],
                                      rng=np.random.default_rng(1), ylabel="pct", title="L",
                                      top_xlabel="LQ", top_title="R", source=SRC,
                                      suptitle="S", group_label="services",
                                      marked_label="specialised")
    left = fig.axes[0]
    labels = [t.get_text() for t in left.get_legend().get_texts()]
    assert labels == ["other industries", "services", "services: one industry", "specialised"]
    renderer = _draw(fig)
    assert left.get_legend().get_window_extent(renderer).y1 <= left.get_window_extent(
        renderer).y0
    assert mpl.colors.to_rgba(fig.axes[1].patches[1].get_facecolor()) == to_rgba(
        PALETTE["highlight"])
