"""Sections of any region of any panel (notebook 07): hand-computed cases and identities."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel
from smartregion.byod import load_panel
from smartregion.cases import (
    drawn_labels,
    eci_rank_figure,
    file_slug,
    lq_top_figure,
    output_location,
    panel_overview,
    panel_source,
    region_change,
    region_complexity,
    region_footprint,
    region_industry_space,
    region_industry_space_figure,
    region_lq,
    region_targets,
    region_variety,
    region_variety_figure,
    shown_period,
    targets_figure,
)
from smartregion.relatedness import DEFAULT_METHOD, relatedness_weights

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"


def _two_by_two(times: bool = False) -> Panel:
    """Regions A, B x industries i1, i2: A = [1, 3], B = [2, 4]; then A = [2, 3], B = [2, 5]."""
    first = [[1.0, 3.0], [2.0, 4.0]]
    if not times:
        return Panel(np.array([first]), ["A", "B"], ["i1", "i2"])
    return Panel(np.array([first, [[2.0, 3.0], [2.0, 5.0]]]), ["A", "B"], ["i1", "i2"],
                 [2000, 2010])


@pytest.fixture(scope="module")
def example() -> Panel:
    return load_panel(EXAMPLE / "example_panel.csv", hierarchy=EXAMPLE / "example_hierarchy.csv",
                      time="year")


def test_file_slug_and_output_location(tmp_path):
    assert file_slug("My City (2020)") == "My_City_2020"
    assert file_slug("***") == "x"
    data = tmp_path / "my panel.csv"
    default = (tmp_path / "outputs" / "byod" / "my_panel_My_City").resolve()
    assert output_location(data, "My City", "", root=tmp_path, is_example=False) == (
        str(default), "")
    moved, note = output_location(data, "My City", str(tmp_path / "outputs"), root=tmp_path,
                                  is_example=False)
    assert moved == str(default) and note.startswith("note:")
    # the example may write into the package's outputs; any other folder is kept
    kept = str(tmp_path / "outputs")
    assert output_location(data, "X", kept, root=tmp_path, is_example=True) == (kept, "")
    assert output_location(data, "X", "elsewhere", root=tmp_path, is_example=False) == (
        "elsewhere", "")


def test_shown_period_takes_the_latest_or_the_named_period():
    panel = _two_by_two(times=True)
    one, year = shown_period(panel, region="A")
    assert year == 2010 and one.values.tolist() == [[[2.0, 3.0], [2.0, 5.0]]]
    one, year = shown_period(panel, "2000", region="A")  # a parameter passed as text
    assert year == 2000 and not one.has_time and one.values[0, 0].tolist() == [1.0, 3.0]
    assert shown_period(_two_by_two(), region="B")[1] is None
    with pytest.raises(ValueError, match="'C' is not in my.csv"):
        shown_period(panel, region="C", data_name="my.csv")


def test_panel_overview_by_hand():
    panel = _two_by_two(times=True)
    one, year = shown_period(panel, 2000, region="A")
    ov = panel_overview(panel, one, region="A", year=year)
    k = ov.key_numbers
    assert (k["n_regions"], k["n_industries"], k["n_periods"], k["period_shown"]) == (
        2, 2, 2, 2000)
    assert k["region_share"] == pytest.approx(4 / 10)  # (1 + 3) / (1 + 3 + 2 + 4)
    assert ov.table["share"].tolist() == pytest.approx([0.4, 0.6])
    assert k["n_input_warnings"] == len(ov.parts["warnings"]) >= 1  # two regions only
    assert "only 2 regions" in k["input_warnings"]


def test_region_lq_by_hand():
    lq = region_lq(_two_by_two(), "A")
    # A's shares 1/4, 3/4 against the industries' shares 3/10, 7/10
    assert lq.table.loc["A"].tolist() == pytest.approx([0.25 / 0.3, 0.75 / 0.7])
    assert lq.key_numbers == {"n_specialisations": 1, "top_lq_industry": "i2",
                              "top_lq": pytest.approx(15 / 14)}
    assert list(lq.parts["specialised"]) == ["i2"]


def test_region_variety_by_hand():
    hier = pd.DataFrame({"group": ["g1", "g1", "g2", "g2"]}, index=["i1", "i2", "i3", "i4"])
    panel = Panel(np.array([[[1.0, 1.0, 1.0, 1.0], [3.0, 1.0, 2.0, 2.0]]]), ["A", "B"],
                  ["i1", "i2", "i3", "i4"], hierarchy=hier)
    var = region_variety(panel, "B")
    # both regions split evenly between g1 and g2: UV = 1 bit; RV of B = 0.5 H(3/4, 1/4) + 0.5
    h = -(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25))
    assert var.key_numbers["unrelated_variety"] == pytest.approx(1.0)
    assert var.key_numbers["related_variety"] == pytest.approx(0.5 * h + 0.5)
    assert var.key_numbers["related_variety_rank"] == 2  # A: RV = 1 bit
    assert var.parts["unrelated_rank"] == 1  # tied with A
    assert var.table.loc["A", "related"] == pytest.approx(1.0)


def test_region_change_by_hand():
    ch = region_change(_two_by_two(times=True), "A")
    k = ch.key_numbers
    assert (k["first_period"], k["last_period"]) == (2000, 2010)
    assert k["region_growth"] == pytest.approx(5 / 4 - 1)
    assert k["national_growth"] == pytest.approx(12 / 10 - 1)
    # A specialised in i2 at the start (LQ 15/14), in i1 at the end (LQ 0.4 / (4/12) = 1.2)
    assert (k["entries"], k["exits"]) == (1, 1)
    g = ch.table
    assert list(g.index) == ["i1", "i2"]  # largest change first
    assert g.loc["i1", "growth"] == pytest.approx(1.0)
    assert g.loc["i1", "national_growth"] == pytest.approx(4 / 3 - 1)
    assert g.loc["i2", "growth_gap"] == pytest.approx(0 - (8 / 7 - 1))
    assert {"shift_share", "churn"} <= set(ch.parts)


def test_complexity_keys_agree_with_their_tables(example):
    one, _ = shown_period(example, region="Example City")
    cx = region_complexity(one, example, "Example City", n_draws=20,
                           rng=np.random.default_rng(0))
    k, t = cx.key_numbers, cx.table
    assert k["eci"] == pytest.approx(t.loc["Example City", "eci"])
    assert k["eci_rank"] == t.loc["Example City", "rank"]
    assert k["n_ranked"] == t["eci"].notna().sum() and k["n_bootstrap_draws"] == 20
    assert k["eci_rank_low"] <= k["eci_rank_high"]
    assert "eci_rank_averaged_lq" in k  # the example has several periods
    assert t["rank"].is_monotonic_increasing and t["eci"].is_monotonic_decreasing
    single = region_complexity(one, one, "Example City", n_draws=20,
                               rng=np.random.default_rng(0))
    assert "eci_rank_averaged_lq" not in single.key_numbers
    assert single.key_numbers["eci"] == pytest.approx(k["eci"])  # same period, same ECI


def test_space_footprint_and_targets_on_the_example(example):
    region = "Example City"
    one, year = shown_period(example, region=region)
    phi = relatedness_weights(one)
    space = region_industry_space(one, phi, region, avg_degree=4.0, seed=1)
    k = space.key_numbers
    assert k["relatedness"] == DEFAULT_METHOD
    assert k["backbone_edges"] == space.parts["backbone"].number_of_edges()
    # a spanning forest at least, and the mean degree 2E/N as stated
    n = len(one.industries)
    assert n - k["space_components"] <= k["backbone_edges"]
    assert k["backbone_mean_degree"] == pytest.approx(2 * k["backbone_edges"] / n)
    fp = region_footprint(one, space, phi, region, n_draws=10, rng=np.random.default_rng(0),
                          avg_degree=4.0)
    assert fp.key_numbers["coherence"] == pytest.approx(fp.table.loc[region, "coherence"])
    for c in ("coherence", "footprint_density", "footprint_centrality",
              "largest_linked_share"):
        assert 0 <= fp.key_numbers[f"{c}_null_percentile"] <= 100
    tg = region_targets(one, region, n_draws=10, rng=np.random.default_rng(0))
    t, tk = tg.table, tg.key_numbers
    assert tk["n_candidates"] == len(t) and not t["specialised"].any()
    assert tk["n_stable_candidates"] <= tk["n_priority_candidates"]
    assert tk["n_stable_candidates"] == t["stable"].sum()
    assert (t.loc[t["stable"], "quadrant"] == "priority").all()
    assert tk["n_candidates_zero_density"] == (t["density"] == 0).sum()

    # the figures state the indicator's numbers in their titles
    from smartregion.plots import figure_title

    src = panel_source("example_panel.csv", one, year)
    lq = region_lq(one, region)
    title = figure_title(lq_top_figure(lq, region=region, period="", source=src))
    assert f"{lq.key_numbers['n_specialisations']} of {n} industries" in title
    cx = region_complexity(one, one, region, n_draws=5, rng=np.random.default_rng(0))
    title = figure_title(eci_rank_figure(cx, region=region, period="", source=src))
    assert f"ranks {cx.key_numbers['eci_rank']} of" in title
    var = region_variety(one, region)
    title = figure_title(region_variety_figure(var, region=region, period="", source=src,
                                               level=one.hierarchy.columns[0]))
    assert f"ranks {var.key_numbers['related_variety_rank']} on related" in title
    fig = region_industry_space_figure(space, lq.parts["specialised"], region=region,
                                       period="", source=src, size_label="size", seed=1,
                                       iterations=5, max_labels=5, max_legend=4)
    drawn = drawn_labels(fig)
    assert drawn["n_labels"] <= 5 and drawn["n_legend_entries"] <= 5
    title = figure_title(targets_figure(tg, region=region, period="", source=src,
                                        n_draws=10, method=DEFAULT_METHOD))
    assert f"{tk['n_priority_candidates']} of {tk['n_candidates']} candidate" in title


def test_targets_without_a_defined_density_name_none():
    # three regions, each specialised in its own industry: no pair of industries is
    # co-specialised anywhere, so no candidate has a defined density and no target is named
    panel = Panel(np.array([[[5.0, 1.0, 1.0], [1.0, 5.0, 1.0], [1.0, 1.0, 5.0]]]),
                  ["R0", "R1", "R2"], ["i1", "i2", "i3"])
    with pytest.warns(Warning):
        tg = region_targets(panel, "R0", n_draws=5, rng=np.random.default_rng(0))
    assert "no candidate industries with defined density" in tg.parts["warning"]
    assert tg.table.empty and list(tg.table.columns[:2]) == ["density", "pci"]
    assert tg.key_numbers == {"n_candidates": 0, "n_priority_candidates": 0,
                              "n_stable_candidates": 0, "n_candidates_zero_density": 0,
                              "stable_share": 0.8, "stable_candidates": "none"}
