"""Policy indicators: framework table, target selection quadrants, specialisation churn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel, PanelError
from smartregion.complexity import pci
from smartregion.policy import (
    KNOWLEDGE_INTENSIVE_SERVICES,
    PLATFORM_SERVICES,
    churn_measurable,
    density_complexity_correlation,
    establishment_density,
    first_axis_share,
    fixed_cells,
    framework_table,
    pooled_churn,
    region_industry_profile,
    specialisation_churn,
    specialisation_moves,
    stepping_stones,
    target_selection,
    unit_indices,
    value_added_comparison,
    value_added_per_worker,
)
from smartregion.relatedness import relatedness_density, relatedness_weights


def _panel(seed: int = 3) -> Panel:
    rng = np.random.default_rng(seed)
    x = rng.lognormal(2.0, 1.2, size=(12, 9)) * (rng.random((12, 9)) > 0.3)
    return Panel.from_wide(pd.DataFrame(x, index=[f"r{k:02d}" for k in range(12)],
                                        columns=[f"i{k}" for k in range(9)]))


def test_framework_has_the_seven_proposals_in_order():
    t = framework_table()
    assert list(t.index) == [1, 2, 3, 4, 5, 6, 7]
    assert t.loc[1, "title"].startswith("Overhaul")
    assert t.loc[7, "title"].startswith("A platform-based")
    assert set(t["kyoto"]) <= {"computed", "quoted", "missing"}
    assert set(t["shenzhen"]) <= {"computed", "quoted", "missing"}


def test_target_selection_quadrants_follow_the_cuts():
    p = _panel()
    region = "r03"
    tab = target_selection(p, region, include_specialised=True, relatedness_method="proximity")
    dens = relatedness_density(p).loc[region]
    comp = pci(p)
    spec = tab["specialised"]
    # density and pci come straight from the library functions
    np.testing.assert_allclose(tab["density"], dens.loc[tab.index], rtol=0, atol=1e-12)
    np.testing.assert_allclose(tab["pci"], comp.loc[tab.index], rtol=0, atol=1e-12)
    cand = tab.loc[~spec]
    cd = cand["density"].median()
    assert tab.attrs["density_cut"] == pytest.approx(cd)
    assert tab.attrs["complexity_cut"] == 0.0  # default: the average industry
    for ind, row in cand.iterrows():
        hi_d, hi_c = row["density"] >= cd, row["pci"] > 0
        expected = {(True, True): "priority", (True, False): "easy diversification",
                    (False, True): "long shot", (False, False): "avoid"}[(hi_d, hi_c)]
        assert row["quadrant"] == expected, ind
    assert (tab.loc[spec, "quadrant"] == "specialised").all()
    # default output lists candidates only, priority first
    short = target_selection(p, region, relatedness_method="proximity")
    assert not short["specialised"].any()
    assert short["quadrant"].iloc[0] in ("priority", "easy diversification")


def test_target_selection_fixed_cuts_and_errors():
    p = _panel()
    # density never reaches 2
    tab = target_selection(p, "r00", density_cut=2.0, relatedness_method="proximity")
    assert set(tab["quadrant"]) <= {"long shot", "avoid"}
    with pytest.raises(PanelError, match="not in the panel"):
        target_selection(p, "nowhere", relatedness_method="proximity")
    timed = Panel(np.stack([p.values[0], p.values[0]]), p.regions, p.industries, [1, 2])
    with pytest.raises(PanelError, match="time="):
        target_selection(timed, "r00", relatedness_method="proximity")
    a = target_selection(timed, "r00", time=2, relatedness_method="proximity")
    b = target_selection(p, "r00", relatedness_method="proximity")
    pd.testing.assert_frame_equal(a, b, check_like=False)


def test_specialisation_churn_counts_entries_and_exits_by_hand():
    # period 1: region a specialised in i only; period 2: in j only
    x0 = np.array([[4.0, 1.0], [1.0, 4.0]])
    x1 = np.array([[1.0, 4.0], [4.0, 1.0]])
    p = Panel(np.stack([x0, x1]), ["a", "b"], ["i", "j"], [2000, 2010])
    c = specialisation_churn(p, start=2000, end=2010)
    assert c.loc["a"].tolist() == [1, 1, 1, 2.0, False]  # one specialisation: not measurable
    assert c.loc["b"].tolist() == [1, 1, 1, 2.0, False]
    with pytest.raises(PanelError, match="time dimension"):
        specialisation_churn(Panel.from_wide(pd.DataFrame(x0)), start=0, end=1)


# --------------------------------------------------------------------------- quadrant rule
def test_high_complexity_quadrants_hold_only_positive_pci_whatever_the_cut():
    p = _panel()
    for region in p.regions:
        for cut in ("median", "mean", 0.0, -0.5):
            tab = target_selection(p, region, complexity_cut=cut, relatedness_method="proximity")
            high = tab["quadrant"].isin(["priority", "long shot"])
            assert (tab.loc[high, "pci"] > 0).all(), (region, cut)
            assert (tab.loc[~high, "pci"] <= 0).all() or cut not in (0.0, -0.5), (region, cut)


def test_a_negative_pci_above_a_negative_cut_is_not_high_complexity():
    # under a cut below zero, candidates with -0.5 <= PCI <= 0 pass the cut but are below the
    # average industry: they must not be called complex
    p = _panel()
    comp = pci(p)
    tab = target_selection(p, "r03", complexity_cut=-0.5, relatedness_method="proximity")
    between = tab.loc[(tab["pci"] >= -0.5) & (tab["pci"] <= 0)]
    assert len(between) > 0  # the fixture has such candidates
    assert set(between["quadrant"]) <= {"easy diversification", "avoid"}
    assert (comp.loc[between.index] <= 0).all()


def test_target_selection_eligible_industries_set_the_candidates_and_the_cuts():
    p = _panel()
    full = target_selection(p, "r03", relatedness_method="proximity")
    keep = [i for i in p.industries if i != full.index[0]]
    tab = target_selection(p, "r03", eligible=keep, relatedness_method="proximity")
    assert full.index[0] not in tab.index and tab.attrs["not_eligible"] == 1
    assert tab.attrs["density_cut"] == pytest.approx(tab["density"].median())
    # density and pci themselves do not change
    np.testing.assert_allclose(tab["density"], full.loc[tab.index, "density"])


# --------------------------------------------------------------------------- proposal 1
def test_density_complexity_correlation_matches_a_direct_computation():
    p = _panel()
    got = density_complexity_correlation(p, relatedness_method="proximity")
    dens = relatedness_density(p)
    comp = pci(p)
    spec = p.matrix() / p.matrix().sum(axis=1).to_numpy()[:, None]
    lq = spec / (p.matrix().sum() / p.matrix().to_numpy().sum())
    for region in ["r00", "r05", "r11"]:
        cand = lq.loc[region] < 1
        want = np.corrcoef(dens.loc[region, cand], comp[cand])[0, 1]
        assert got[region] == pytest.approx(want, abs=1e-12)


def test_first_axis_share_of_two_blocks_by_hand():
    a = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=float)
    res = first_axis_share(a)
    # centred profiles have eigenvalues 16/9, 4/9, 4/9 -> 16/24
    assert res["first_axis_share"] == pytest.approx(2 / 3, abs=1e-12)
    assert res["mean_offdiagonal"] == pytest.approx(4 / 12)
    # the diagonal carries nothing: proximity's 1 gives the same share
    b = a + np.eye(4)
    assert first_axis_share(b)["first_axis_share"] == pytest.approx(2 / 3, abs=1e-12)


def test_first_axis_share_of_one_gradient_exceeds_blocks_and_drops_undefined_rows():
    # A_ij = c_i c_j: one "size" gradient, no clusters -> most variance on one axis
    c = np.linspace(0.1, 1.5, 12)
    a = c[:, None] * c[None, :]
    one_axis = first_axis_share(a)["first_axis_share"]
    assert one_axis > 0.9 > 2 / 3
    a2 = np.full((13, 13), np.nan)
    a2[:12, :12] = a
    res = first_axis_share(a2)  # the undefined industry is left out, nothing else changes
    assert res["n_industries"] == 12 and res["first_axis_share"] == pytest.approx(one_axis)


# --------------------------------------------------------------------------- proposal 3
def _va_long():
    # two regions x two industries x three years; (s, y) loses its value added in 2002
    rows = []
    for year in (2001, 2002, 2003):
        rows += [(year, "r", "x", 100.0, 10.0), (year, "r", "y", 60.0, 3.0),
                 (year, "s", "x", 40.0 + year - 2001, 4.0),
                 (year, "s", "y", np.nan if year == 2002 else 80.0, 2.0)]
    return pd.DataFrame(rows, columns=["year", "region", "industry", "va", "emp"])


def test_fixed_cells_keep_only_cells_published_every_year():
    t = fixed_cells(_va_long(), years=[2001, 2002, 2003])
    assert set(zip(t["region"], t["industry"])) == {("r", "x"), ("r", "y"), ("s", "x")}
    assert t.attrs == {"cells_kept": 3, "cells_dropped": 1}
    # a window without the bad year keeps it
    assert fixed_cells(_va_long(), years=[2001, 2003]).attrs["cells_kept"] == 4
    with pytest.raises(PanelError, match="columns"):
        fixed_cells(_va_long().drop(columns="emp"), years=[2001])


def test_value_added_per_worker_on_fixed_cells_by_hand():
    t = fixed_cells(_va_long(), years=[2001, 2002, 2003])
    v = value_added_per_worker(t, ["industry", "year"], scale=0.01)
    # x: (100 + 40) / (10 + 4) = 10 in 2001, (100 + 41) / 14 in 2002; y: r only, 60 / 3 = 20
    assert v.loc[("x", 2001), "va_per_worker"] == pytest.approx(0.10)
    assert v.loc[("x", 2002), "va_per_worker"] == pytest.approx(0.01 * 141 / 14)
    assert v.loc[("y", 2001), "va_per_worker"] == pytest.approx(0.20)
    assert v.loc[("y", 2003), "va_per_worker"] == pytest.approx(0.20)  # (s, y) never counted
    assert v.loc[("y", 2003), "cells"] == 1


# --------------------------------------------------------------------------- proposal 6
def test_churn_rule_refuses_seven_specialisations_and_one_entry():
    assert churn_measurable(7, 1) is False
    assert churn_measurable(30, 10) is True
    assert churn_measurable(29, 50) is False and churn_measurable(100, 9) is False
    got = churn_measurable(pd.Series([7, 40, 40]), pd.Series([1, 12, 3]))
    assert got.tolist() == [False, True, False]


def test_pooled_churn_by_hand():
    t = pd.DataFrame({"diversity_start": [20, 15, 7], "entries": [4, 3, 1],
                      "exits": [2, 1, 0]}, index=["w1", "w2", "c2"])
    g = pooled_churn(t, {"w1": "c1", "w2": "c1", "c2": "c2"})
    assert g.loc["c1", ["regions", "diversity_start", "events"]].tolist() == [2, 35, 10]
    assert g.loc["c1", "churn"] == pytest.approx(10 / 35)
    assert bool(g.loc["c1", "measurable"])
    assert not bool(g.loc["c2", "measurable"]) and np.isnan(g.loc["c2", "churn"])


# --------------------------------------------------------------------------- proposal 7
def test_knowledge_intensive_services_list_checked_by_hand():
    kis = KNOWLEDGE_INTENSIVE_SERVICES
    assert "642" not in kis  # pawnbrokers
    assert not any(c[:2] in {f"{k}" for k in range(62, 68)} for c in kis)  # no finance
    assert not any(c.endswith("0") for c in kis)  # no head-office units
    for core in ("391", "392", "401", "711", "721", "728", "742"):
        assert core in kis
    assert all(len(c) == 3 and c.isdigit() and len(why) > 10 for c, why in kis.items())
    assert set(PLATFORM_SERVICES) <= set(kis)


def test_region_industry_profile_by_hand():
    x = pd.DataFrame({"a": [10, 30, 0], "b": [90, 70, 50], "c": [0, 0, 50]},
                     index=["r", "s", "t"])
    prof = region_industry_profile(x, "s", ["a", "c"])
    # a: share 30/100; national share 40/300 -> LQ 2.25, rank 1 (r: 0.1/(40/300) = 0.75)
    assert prof.loc["a", "share_region"] == pytest.approx(0.30)
    assert prof.loc["a", "lq_region"] == pytest.approx(2.25)
    assert prof.loc["a", "rank_lq"] == 1
    # a + c together: s has 30/100, Japan 90/300 -> LQ 1
    assert prof.loc["all", "lq_region"] == pytest.approx(1.0)
    with pytest.raises(PanelError, match="not in the panel"):
        region_industry_profile(x, "s", ["zz"])


def test_value_added_comparison_by_hand():
    c = _va_long()
    t = value_added_comparison(c, in_region=c["region"] == "s", years=[2001, 2002, 2003])
    reg = t.loc[t["unit"] == "region"].set_index(["industry", "year"])
    ref = t.loc[t["unit"] == "reference"].set_index(["industry", "year"])
    # s has x only on fixed cells ((s, y) is missing in 2002): 41 / 4 in 2002
    assert list(reg.index.get_level_values(0).unique()) == ["x"]
    assert reg.loc[("x", 2002), "va_per_worker"] == pytest.approx(41 / 4)
    # reference: r and s together, (100 + 41) / 14
    assert ref.loc[("x", 2002), "va_per_worker"] == pytest.approx(141 / 14)
    assert reg.loc[("x", 2002), "relative_to_reference"] == pytest.approx((41 / 4) / (141 / 14))
    assert t.attrs["industries_without_fixed_cells"] == ["y"]


def test_specialisation_moves_match_the_churn_counts():
    x0 = np.array([[4.0, 1.0, 1.0], [1.0, 4.0, 1.0], [1.0, 1.0, 4.0]])
    x1 = np.array([[1.0, 4.0, 1.0], [1.0, 4.0, 1.0], [4.0, 1.0, 4.0]])
    p = Panel(np.stack([x0, x1]), ["a", "b", "c"], ["i", "j", "k"], [2000, 2010])
    mv = specialisation_moves(p, start=2000, end=2010)
    # LQs by hand: 2010 totals i 6, j 9, k 6 of 21; a: j LQ (4/6)/(9/21) > 1, i 0.58 -> a: i
    # exits, j enters; b keeps j; c: i (4/9)/(6/21) > 1 enters, k (4/9)/(6/21) kept
    assert sorted(map(tuple, mv.values.tolist())) == [("a", "i", "exit"), ("a", "j", "entry"),
                                                      ("c", "i", "entry")]
    churn = specialisation_churn(p, start=2000, end=2010)
    assert (mv["move"] == "entry").sum() == churn["entries"].sum()
    assert (mv["move"] == "exit").sum() == churn["exits"].sum()
    assert list(specialisation_moves(p, start=2000, end=2010, regions=["c"])["region"]) == ["c"]


def test_establishment_density_by_hand():
    n = pd.DataFrame({"a": [2, 1], "b": [3, 1]}, index=["r", "s"])
    x = pd.DataFrame({"a": [100, 50], "b": [100, 150]}, index=["r", "s"])
    d = establishment_density(n, x, {"all": None, "b": ["b"]}, per=1000)
    assert d.loc["r", "all"] == pytest.approx(1000 * 5 / 200)
    assert d.loc["s", "b"] == pytest.approx(1000 * 1 / 150)
    assert d.loc["r", "rank_b"] == 1 and d.loc["s", "rank_b"] == 2


def test_stepping_stones_by_hand():
    phi = pd.DataFrame([[1, .1, .6, .2], [.1, 1, .5, .9], [.6, .5, 1, .3], [.2, .9, .3, 1]],
                       index=list("abcd"), columns=list("abcd"))
    t = stepping_stones(phi, ["a"], ["b", "d"]).set_index("target")
    # a -> b: via c min(.6, .5) = .5, via d min(.2, .9) = .2 -> c
    assert t.loc["b", "stepping_stone"] == "c" and t.loc["b", "two_step_weakest_link"] == .5
    # a -> d: via b min(.1, .9) = .1, via c min(.6, .3) = .3 -> c
    assert t.loc["d", "stepping_stone"] == "c" and t.loc["d", "two_step_weakest_link"] == .3
    assert list(t.index) == ["d", "b"]  # sorted by the direct link, .2 before .1


def test_unit_indices_by_hand():
    # r: shares a .5, b .25, c .25; groups G1 = {a, b}, G2 = {c}
    x = pd.DataFrame({"a": [2, 1], "b": [1, 1], "c": [1, 2]}, index=["r", "s"])
    t = unit_indices(x, ["a", "c"], level={"a": "G1", "b": "G1", "c": "G2"})
    uv = 0.75 * np.log2(1 / 0.75) + 0.25 * np.log2(4)
    rv = 0.75 * ((2 / 3) * np.log2(1.5) + (1 / 3) * np.log2(3))
    assert t.loc["r", "unrelated"] == pytest.approx(uv, abs=1e-12)
    assert t.loc["r", "related"] == pytest.approx(rv, abs=1e-12)
    # LQ of a in r: (2/4) / (3/8) = 4/3; of c: (1/4) / (3/8) = 2/3
    assert t.loc["r", "lq_a"] == pytest.approx(4 / 3)
    assert t.loc["r", "lq_c"] == pytest.approx(2 / 3)


def test_default_relatedness_is_the_package_default_and_proximity_a_named_row():
    from smartregion.relatedness import DEFAULT_METHOD, proximity

    rng = np.random.default_rng(5)
    x = rng.lognormal(2.0, 0.4, size=(40, 12))
    x[:20, :4] *= 8  # two blocks of industries that co-specialise
    x[20:, 4:8] *= 8
    p = Panel.from_wide(pd.DataFrame(x, index=[f"r{k:02d}" for k in range(40)],
                                     columns=[f"i{k}" for k in range(12)]))
    assert DEFAULT_METHOD == "cospecialisation"
    a = target_selection(p, "r03")
    b = target_selection(p, "r03", relatedness_matrix=relatedness_weights(p))
    pd.testing.assert_frame_equal(a, b)
    c = target_selection(p, "r03", relatedness_method="proximity")
    d = target_selection(p, "r03", relatedness_matrix=proximity(p))
    pd.testing.assert_frame_equal(c, d)
    assert a["density"].notna().sum() >= 3
    assert not np.allclose(a["density"].sort_index(), c["density"].sort_index())


def test_a_zero_density_is_never_high_even_at_a_zero_median():
    # region a holds x only; y is related to x, z and w to nothing a holds: the median
    # candidate density is 0, yet z and w (density 0) are not "high density"
    m = pd.DataFrame([[9, 1, 1, 1], [5, 5, 1, 1], [1, 1, 5, 5], [1, 1, 5, 5], [5, 5, 1, 1]],
                     index=list("abcde"), columns=list("xyzw"), dtype=float)
    rel = pd.DataFrame(0.0, index=m.columns, columns=m.columns)
    rel.loc["x", "y"] = rel.loc["y", "x"] = 1.0
    rel.loc["z", "w"] = rel.loc["w", "z"] = 1.0
    tab = target_selection(m, "a", relatedness_matrix=rel, complexity_cut=-10)
    assert tab.attrs["density_cut"] == 0.0
    assert (tab.loc[tab["density"] == 0, "quadrant"].isin(["long shot", "avoid"])).all()
    assert tab.loc["y", "density"] > 0
