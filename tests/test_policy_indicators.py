"""Indicator results of the policy module: tables with the key numbers a reading quotes.

Expected values are computed by hand from the small tables written here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel, PanelError
from smartregion.policy import (
    establishment_change,
    local_shift_share,
    profile_key_numbers,
    ratio_peak_cells,
    region_industry_profile,
    relatedness_paths,
    value_added_blocks,
    value_added_comparison,
)


def _cells():
    # region a (in the city) and b; industries x, y (block "t") and z (block "p"); two years
    rows = []
    for year, vx, vz in ((1, 10.0, 40.0), (2, 30.0, 40.0)):
        rows += [(year, "a", "x", vx, 1.0), (year, "a", "y", 20.0, 1.0),
                 (year, "a", "z", vz, 2.0), (year, "b", "x", 10.0, 1.0),
                 (year, "b", "y", 10.0, 1.0), (year, "b", "z", 10.0, 1.0)]
    return pd.DataFrame(rows, columns=["year", "region", "industry", "va", "emp"])


def test_value_added_blocks_medians_and_set_apart_by_hand():
    c = _cells()
    r = value_added_blocks(c, in_region=c["region"] == "a", years=[1, 2],
                           block_of={"x": "t", "y": "t", "z": "p"}, set_apart=("z",),
                           region_key="city", reference_key="all", labels={"x": "X"})
    k = r.key_numbers
    # region a, block t: x = 10 then 30, y = 20: medians 15 and 25
    assert k["va_city_t_first"] == 15.0 and k["va_city_t_last"] == 25.0
    # reference (a and b): x = 20/2 = 10 then 40/2 = 20; y = 30/2 = 15: medians 12.5, 17.5
    assert k["va_all_t_first"] == 12.5 and k["va_all_t_last"] == 17.5
    # z is set apart: a = 40/2 = 20, all = 50/3
    assert k["va_z_city_last"] == 20.0 and k["va_z_all_last"] == pytest.approx(50 / 3)
    assert "va_city_p_last" not in k
    assert k["cells_kept"] == 6 and k["cells_seen"] == 6
    assert k["groups_without_fixed_cells_text"] == "none"
    assert r.parts["ratios"].loc[2, "x"] == pytest.approx(30 / 20)


def test_value_added_blocks_names_groups_missing_on_fixed_cells():
    c = _cells()
    c.loc[(c["region"] == "a") & (c["industry"] == "x") & (c["year"] == 2), "va"] = np.nan
    r = value_added_blocks(c, in_region=c["region"] == "a", years=[1, 2],
                           block_of={"x": "t", "y": "t", "z": "p"}, labels={"x": "Group X"})
    assert r.key_numbers["groups_without_fixed_cells"] == ["Group X"]
    assert r.key_numbers["cells_kept"] == 5


def test_ratio_peak_cells_finds_the_year_and_the_cell():
    c = _cells()
    cmp = value_added_comparison(c, in_region=c["region"] == "a", years=[1, 2])
    r = ratio_peak_cells(cmp, c, in_region=c["region"] == "a", industry="x", unit="region")
    k = r.key_numbers
    # ratio of x: year 1 10/10 = 1, year 2 30/20 = 1.5
    assert k["peak_year"] == 2 and k["peak_ratio"] == pytest.approx(1.5)
    assert k["median_ratio_other_years"] == pytest.approx(1.0)
    assert k["n_cells"] == 1 and k["largest_cell"] == "a" and k["largest_cell_share"] == 1.0
    assert k["va_change_at_peak"] == pytest.approx(2.0) and k["emp_change_at_peak"] == 0.0
    assert r.table["va"].tolist() == [10.0, 30.0]
    with pytest.raises(PanelError, match="no 'w' rows"):
        ratio_peak_cells(cmp, c, in_region=c["region"] == "a", industry="w", unit="region")


def test_local_shift_share_components_add_up_to_the_change():
    long = pd.DataFrame({"t": [0, 0, 0, 0, 1, 1, 1, 1], "r": list("aabb") * 2,
                         "i": list("xyxy") * 2, "v": [10, 20, 30, 40, 20, 20, 30, 60]})
    p = Panel.from_long(long, region="r", industry="i", value="v", time="t")
    r = local_shift_share(p, "a", start=0, end=1, labels={"x": "X"}, named=("y",),
                          blocks={"both": ["x", "y"]})
    k = r.key_numbers
    assert k["shift_share_change"] == 10.0  # 30 -> 40
    assert k["shift_share_national_share"] + k["shift_share_industry_mix"] + k[
        "shift_share_regional_share"] == pytest.approx(10.0)
    shares = [k[f"ss_share_of_change_{c}"] for c in
              ("national_share", "industry_mix", "regional_share")]
    assert sum(shares) == pytest.approx(1.0)
    # national growth 100 -> 130 = 30%: national share of a = 30 * 0.3 = 9
    assert k["shift_share_national_share"] == pytest.approx(9.0)
    assert k["ss_y_change"] == 0.0 and k["shift_share_both_change"] == 10.0
    assert "X" in r.table.index


def test_relatedness_paths_means_by_hand():
    phi = pd.DataFrame([[1, .1, .6, .2], [.1, 1, .5, .9], [.6, .5, 1, .3], [.2, .9, .3, 1]],
                       index=list("abcd"), columns=list("abcd"))
    r = relatedness_paths(phi, ["a"], ["b", "d"], complexity=pd.Series(
        [0.0, 2.0, 1.0, -1.0], index=list("abcd")), labels={"b": "B"})
    k = r.key_numbers
    assert k["mean_direct_proximity"] == pytest.approx((0.1 + 0.2) / 2)
    assert k["mean_proximity_all_pairs"] == pytest.approx((.1 + .6 + .2 + .5 + .9 + .3) / 6)
    assert k["most_related_target"] == "d" and k["least_related_target"] == "B"
    assert k["complexity_rank_best_target"] == 1  # b is the most complex
    assert r.table.loc[0, "best_stepping_stone"] == "c"  # a -> d: min(.6, .3) beats b


def test_establishment_change_ranks_from_the_largest_fall():
    n = pd.DataFrame({"a": [10, 5], "b": [10, 8], "c": [10, 2], "d": [5, 5]},
                     index=[2001, 2002])
    r = establishment_change(n, "a", {"a": "A", "b": "B", "c": "C"}, region_key="k")
    k = r.key_numbers
    assert k["k_establishments_change"] == -0.5 and k["k_rank_among_peers_decline"] == 2
    assert k["larger_declines"] == ["C"] and k["n_peers"] == 3
    assert k["larger_declines_text"] == "C"
    assert k["all_change"] == pytest.approx(20 / 35 - 1)  # all four columns
    assert r.parts["index"].loc[2002, "peers"] == pytest.approx(100 * 10 / 20)
    with pytest.raises(PanelError, match="among the peers"):
        establishment_change(n, "d", {"a": "A"})


def test_profile_key_numbers_by_hand():
    x = pd.DataFrame({"a": [10, 30, 5], "b": [90, 70, 95]}, index=["r", "s", "u"])
    k = profile_key_numbers(region_industry_profile(x, "r", ["a", "b"]), {"a": "alpha"})
    # share of a in r = 0.1, overall 45/300 = 0.15: LQ 2/3, rank 2 of 3
    assert k == {"lq_alpha": pytest.approx(2 / 3), "rank_lq_alpha": 2, "n_regions": 3}
