"""Tests of the case-study figures: LQ heat maps, LQ bars and index time series."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest

from smartregion import plots
from smartregion.panel import PanelError
from smartregion.plots import BREAK_YEAR, PALETTE


@pytest.fixture(autouse=True)
def _rc():
    with mpl.rc_context():
        yield


def _cell_texts(fig) -> dict[tuple[float, float], str]:
    ax = fig.axes[0]
    return {tuple(np.round(t.get_position(), 6)): t.get_text() for t in ax.texts}


# ------------------------------------------------------------------ cell labels and wrapping
@pytest.mark.parametrize("value, text", [
    (0.04, "<0.1"), (0.0999, "<0.1"), (0.1, "0.1"), (0.149, "0.1"), (0.96, "1.0"),
    (2.345, "2.3"), (9.94, "9.9"), (9.96, "10"), (40.4, "40"),
    (0.0, ""), (-1.0, ""), (np.nan, ""), (np.inf, ""),
])
def test_lq_cell_label_by_hand(value, text):
    assert plots.lq_cell_label(value) == text


def test_wrap_label_keeps_words_and_code():
    text = "2911 Measuring instruments and analytical equipment for laboratories"
    out = plots.wrap_label(text, width=20, lines=2)
    assert out == "2911 Measuring\ninstruments and ..."
    words = set(text.split())
    assert all(w in words or w == "..." for w in out.split())
    assert plots.wrap_label("0911 Sake", 20) == "0911 Sake"
    # a first word longer than the width stays whole
    long_word = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert plots.wrap_label(f"{long_word} tail", 10, 1) == f"{long_word} ..."


def test_lq_bar_labels_never_cut_inside_a_word():
    long = ("Manufacture of electronic parts, devices and electronic circuits, "
            "head offices and ancillary establishments")
    s = pd.Series({f"2800 {long}": 3.0, "0911 Sake": 2.0, "1100 Textile mill products": 0.5})
    fig = plots.lq_bar(s, label_width=30, label_lines=2, color=PALETTE["Kyoto"])
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    words = set(" ".join(s.index).split())
    for lab in labels:
        assert all(w in words or w == "..." for w in lab.split())
        assert len(lab.split("\n")) <= 2
    assert labels[-1].startswith("2800 ")  # largest at the top, code kept
    colours = [mpl.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [PALETTE["muted"], PALETTE["Kyoto"], PALETTE["Kyoto"]]


# ------------------------------------------------------------------ heat map
def test_absent_cells_grey_without_number_and_small_values_not_zero():
    lq = pd.DataFrame({"a": [0.0, np.nan], "b": [0.04, 2.0]}, index=["r1", "r2"])
    fig = plots.lq_heatmap(lq)
    texts = _cell_texts(fig)
    # (x, y) = (column, row): only the two defined, positive cells carry a number
    assert texts == {(1.0, 0.0): "<0.1", (1.0, 1.0): "2.0"}
    img = fig.axes[0].images[0]
    mask = np.ma.getmaskarray(img.get_array())
    assert mask.tolist() == [[True, False], [True, False]]
    # the grey of masked cells is the documented absent colour
    assert mpl.colors.to_hex(img.get_cmap().get_bad()) == plots.ABSENT_COLOR
    assert any("no employment" in t.get_text() for t in fig.axes[1].texts)


def test_shared_colour_limit_across_tables():
    small = pd.DataFrame({"a": [2.0, 0.5], "b": [1.0, 1.5]}, index=["r1", "r2"])
    large = pd.DataFrame({"a": [40.0, 0.01], "b": [1.0, 1.5]}, index=["r1", "r2"])
    n1 = plots.lq_heatmap(small).axes[0].images[0].norm
    n2 = plots.lq_heatmap(large).axes[0].images[0].norm
    assert (n1.vmin, n1.vmax) == (n2.vmin, n2.vmax) == (-4.0, 4.0)
    # log2(40) = 5.32 lies beyond the limit: the colour bar says so with arrows
    fig = plots.lq_heatmap(large)
    assert fig.axes[1].get_label() == "<colorbar>"
    assert fig.axes[0].images[0].colorbar.extend == "both"
    # colour bar ticks are written as LQs: log2 ticks -4..4 -> 1/16 .. 16
    labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert labels[0] == "1/16" and labels[4] == "1" and labels[-1] == "16"
    # the old behaviour (limit from the data) stays available
    n3 = plots.lq_heatmap(small, limit=None).axes[0].images[0].norm
    assert n3.vmax == pytest.approx(1.0)  # |log2 2| = |log2 0.5| = 1


def test_column_groups_order_separators_and_labels():
    lq = pd.DataFrame([[1.0, 2.0, 3.0, 4.0]], columns=["w", "x", "y", "z"], index=["r"])
    groups = {"w": "G2", "x": "G1", "y": "G2", "z": "G1"}
    fig = plots.lq_heatmap(lq, groups=groups, group_order=["G1", "G2"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "z", "w", "y"]
    # by hand: G1 = columns 0-1, G2 = columns 2-3; one separator at x = 1.5
    seps = [ln.get_xdata()[0] for ln in ax.lines]
    assert seps == [1.5]
    top = ax.child_axes[0]
    assert [t.get_text() for t in top.get_xticklabels()] == ["G1", "G2"]
    assert list(top.get_xticks()) == [0.5, 2.5]
    # the values follow their columns: x = 2.0 is now in column 0
    assert _cell_texts(fig)[(0.0, 0.0)] == "2.0"
    with pytest.raises(PanelError, match="without a group"):
        plots.lq_heatmap(lq, groups={"w": "G1"})
    with pytest.raises(PanelError, match="group_order"):
        plots.lq_heatmap(lq, groups=groups, group_order=["G1"])


# ------------------------------------------------------------------ time series
def test_index_timeseries_colours_break_and_end_labels():
    w = pd.DataFrame({"Kyoto city": [100.0, 90.0, np.nan, 80.0],
                      "Japan": [100.0, 95.0, 93.0, 92.0],
                      "Other": [100.0, 99.0, 98.0, 97.0]},
                     index=[2008, 2010, 2012, 2014])
    fig = plots.index_timeseries(w, highlight=["Kyoto city", "Japan"], label_ends=True,
                                 statistical_break=True, xlabel="Year", ylabel="Index")
    ax = fig.axes[0]
    solid = {ln.get_label(): mpl.colors.to_hex(ln.get_color()) for ln in ax.lines
             if not ln.get_label().startswith("_")}
    assert solid == {"Kyoto city": PALETTE["Kyoto City"], "Japan": PALETTE["Japan"]}
    # numeric time axis and the break line at 2011
    assert [ln.get_xdata()[0] for ln in ax.lines if ln.get_linestyle() == ":"
            and len(ln.get_xdata()) == 2 and ln.get_xdata()[0] == ln.get_xdata()[1]] \
        == [BREAK_YEAR]
    # the gap of Kyoto city is bridged by a dotted line through its three valid points
    dotted = [ln for ln in ax.lines if ln.get_linestyle() == ":" and len(ln.get_xdata()) == 3]
    assert len(dotted) == 1 and list(dotted[0].get_xdata()) == [2008, 2010, 2014]
    assert ax.get_legend() is None
    assert {t.get_text() for t in ax.texts} >= {"Kyoto city", "Japan"}


def test_index_timeseries_no_break_mark_without_crossing_and_log_axis():
    w = pd.DataFrame({"Shenzhen": [100.0, 200.0, 400.0]}, index=[2001, 2005, 2009])
    fig = plots.index_timeseries(w, statistical_break=True, logy=True)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert not any(ln.get_linestyle() == ":" for ln in ax.lines)
    assert mpl.colors.to_hex(ax.lines[0].get_color()) == PALETTE["Shenzhen"]
    assert ax.get_legend() is not None  # one coloured line: legend outside the axes
    with pytest.raises(PanelError, match="legend"):
        plots.index_timeseries(w, legend="top")


def test_meti_groups_by_code_and_name():
    g = plots.meti_type_groups(["food", "Iron and steel", "輸送用機械"])
    # by hand from data/meti_manufacturing_groups.csv
    assert g == {"food": "daily-life related", "Iron and steel": "basic materials",
                 "輸送用機械": "processing and assembly"}
    with pytest.raises(PanelError, match="not harmonised"):
        plots.meti_type_groups(["Food", "Software"])
    lq = pd.DataFrame([[1.0, 2.0, 3.0]], columns=["Food", "Transportation equipment",
                                                  "Chemicals"], index=["r"])
    fig = plots.lq_heatmap(lq, groups="meti")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Chemicals", "Transportation equipment", "Food"]  # METI order of the csv
    assert [t.get_text() for t in ax.child_axes[0].get_xticklabels()] == [
        "basic materials", "processing and assembly", "daily-life related"]


def test_meti_type_codes_get_names_and_order():
    lq = pd.DataFrame([[1.0, 2.0, 3.0]], columns=["a", "b", "c"], index=["r"])
    fig = plots.lq_heatmap(lq, groups={"a": "daily_life", "b": "basic_materials",
                                       "c": "processing_assembly"})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["b", "c", "a"]
    assert [t.get_text() for t in ax.child_axes[0].get_xticklabels()] == [
        "basic materials", "processing and assembly", "daily-life related"]


def test_spread_positions_by_hand():
    # two labels wishing the same place are pushed symmetrically apart
    assert plots.spread_positions([0.5, 0.5], 0.1).round(3).tolist() == [0.45, 0.55]
    # order is kept and the lower bound respected
    out = plots.spread_positions([0.0, 0.01, 0.02], 0.1, lo=0.0, hi=1.0)
    assert out.round(3).tolist() == [0.0, 0.1, 0.2]
    # far-apart positions do not move
    assert plots.spread_positions([0.1, 0.9], 0.1).tolist() == [0.1, 0.9]


def test_group_members_follow_the_mapping_order():
    lq = pd.DataFrame([[1.0, 2.0, 3.0]], columns=["a", "b", "c"], index=["r"])
    fig = plots.lq_heatmap(lq, groups={"c": "G", "a": "G", "b": "H"})
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["c", "a", "b"]
