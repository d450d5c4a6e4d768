"""A region among Japan's prefectures (notebook 04): indicators on tables worked out by hand."""

from __future__ import annotations

import doctest
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel, cases
from smartregion.cases import prefecture_figures, prefectures
from smartregion.nullmodel import curveball_draws
from smartregion.policy import Indicator
from smartregion.relatedness import relatedness_weights
from smartregion.structure import specialisation

CODES = ["091", "092", "291", "292"]


def test_doctests():
    for module in (prefectures, prefecture_figures):
        failures, _ = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert failures == 0, module.__name__


def _panel() -> Panel:
    """Three prefectures, four minor groups in two major groups (09, 29) of division E.

    Persons engaged (row totals 8, 4, 8; industry totals 3, 7, 5, 5; all 20):
    A = 2 2 4 0, B = 1 1 1 1, C = 0 4 0 4.
    """
    wide = pd.DataFrame([[2, 2, 4, 0], [1, 1, 1, 1], [0, 4, 0, 4]], index=["A", "B", "C"],
                        columns=CODES, dtype=float)
    hier = pd.DataFrame({"major_group": ["09", "09", "29", "29"], "division": ["E"] * 4},
                        index=CODES)
    return Panel.from_wide(wide, hierarchy=hier, value_name="employment")


def _attributes() -> pd.DataFrame:
    return pd.DataFrame({"name": ["Livestock", "Seafood", "Generators", "Household"],
                         "division_name": ["Manufacturing"] * 4}, index=CODES)


@pytest.mark.usefixtures("needs_data")
def test_census_overview_counts_and_sectors():
    codes = pd.DataFrame({"level": ["major_group", "major_group", "division"],
                          "code": ["09", "29", "E"],
                          "name_en": ["FOOD", "ELECTRICAL MACHINERY", "MANUFACTURING"]})
    ov = cases.census_overview(_panel(), codes, region="A")
    assert ov.key_numbers == {"region": "A", "n_prefectures": 3, "n_industries": 4,
                              "persons_engaged_in_panel": 20.0, "n_prefectures_japan": 47}
    assert set(ov.table["sector"]) == {"Manufacturing (E)"}
    assert ov.parts["national"].tolist() == [3.0, 7.0, 5.0, 5.0]
    assert ov.parts["major_names"] == {"09": "Food", "29": "Electrical machinery"}
    with pytest.raises(ValueError, match="'Z' is not one of the prefectures"):
        cases.census_overview(_panel(), codes, region="Z")


def test_region_specialisations_by_hand():
    # LQ of A: 091 (2/8)/(3/20) = 5/3, 092 5/7, 291 (4/8)/(5/20) = 2, 292 0
    panel = _panel()
    m = specialisation(panel, threshold=1.0)
    metrics = pd.DataFrame({"community": [0, 0, 1, 1], "degree": [1, 2, 3, 4]}, index=CODES)
    spec = cases.region_specialisations(panel, _attributes(), metrics, m, region="A",
                                        min_persons=3)
    assert spec.table.index.tolist() == ["291", "091"]
    assert spec.table["lq"].tolist() == pytest.approx([2.0, 5 / 3])
    assert spec.key_numbers["region_n_specialisations"] == 2
    assert spec.key_numbers["region_specialisations_by_division"].to_dict() == {
        "Manufacturing": 2}
    assert spec.parts["top"].index.tolist() == ["291"]  # 091 has 2 persons only


def test_industry_lq_map_by_hand():
    # LQ of 291: A (4/8)/(5/20) = 2, B (1/4)/(1/4) = 1, C 0
    panel = _panel()
    m = specialisation(panel, threshold=1.0)
    metrics = pd.DataFrame({"community": [0] * 4, "degree": [1] * 4}, index=CODES)
    spec = cases.region_specialisations(panel, _attributes(), metrics, m, region="A",
                                        min_persons=3)
    lq = cases.industry_lq_map(panel, _attributes(), spec, None, region="A")
    assert lq.parts["industry"] == "291"  # A's highest LQ
    assert lq.key_numbers == {"map_industry": "291 (Generators)", "map_industry_region_lq": 2.0,
                              "map_industry_n_lq_above_1": 2}
    assert lq.parts["lq"].tolist() == pytest.approx([2.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="'999' is not a minor group"):
        cases.industry_lq_map(panel, _attributes(), spec, "999", region="A")
    small = cases.region_specialisations(panel, _attributes(), metrics, m, region="A",
                                         min_persons=1000)
    with pytest.raises(ValueError, match="name the minor group to map"):
        cases.industry_lq_map(panel, _attributes(), small, None, region="A")


def test_prefecture_variety_by_hand():
    # shares A = 1/4 1/4 1/2 0: UV = 1 bit (P_09 = P_29 = 1/2), RV = 1/2 * 1 + 1/2 * 0 = 1/2
    # B = 1/4 each: UV 1, RV 1; C = 0 1/2 0 1/2: UV 1, RV 0
    v = cases.prefecture_variety(_panel(), pd.Series(["09", "09", "29", "29"], index=CODES),
                                 {"09": "Food", "29": "Electrical"}, region="A")
    k = v.key_numbers
    assert (k["region_total_variety"], k["region_related_variety"],
            k["region_unrelated_variety"]) == pytest.approx((1.5, 0.5, 1.0))
    assert (k["region_rank_related_variety"], k["region_rank_unrelated_variety"]) == (2, 1)
    assert math.isnan(k["corr_related_unrelated"])  # unrelated variety is 1 bit everywhere
    assert v.table.index.tolist() == ["B", "A", "C"]
    # contribution P_g H_g of A: 09 1/2, 29 0; mean over A, B, C: 09 1/3, 29 1/6
    g = v.parts["by_major_group"]
    assert g.loc["09", "contribution_region"] == pytest.approx(0.5)
    assert g.loc["09", "contribution_mean"] == pytest.approx(1 / 3)
    assert g["difference"].tolist() == pytest.approx([1 / 6, -1 / 6])
    assert g["name"].tolist() == ["Food", "Electrical"]


def test_variety_figure_title_states_the_ranks():
    v = cases.prefecture_variety(_panel(), pd.Series(["09", "09", "29", "29"], index=CODES),
                                 {"09": "Food", "29": "Electrical"}, region="A")
    fig = cases.variety_figure(v, region="A", comparison=["B"], source="test", year=2014)
    assert fig._suptitle.get_text() == ("Related and unrelated variety across 3 prefectures, "
                                        "2014: A ranks 2 and 1 of 3")


def _weights() -> pd.DataFrame:
    # pairs: ab .5, ac .12, bc .2, cd .3 (ad, bd unrelated)
    w = np.array([[0, .5, .12, 0], [.5, 0, .2, 0], [.12, .2, 0, .3], [0, 0, .3, 0]])
    return pd.DataFrame(w, index=list("abcd"), columns=list("abcd"))


def test_industry_backbone_by_hand():
    # maximum spanning tree: ab .5, cd .3, bc .2 (mean degree 6/4 = 1.5). The extra link ac
    # (.12) stays above tau = 0, .05 and .10 (mean degree 2) and drops out at tau = .15.
    attrs = pd.DataFrame({"name": list("abcd")}, index=list("abcd"))
    bb = cases.industry_backbone(_weights(), attrs, avg_degree=1.5)
    assert bb.key_numbers == {"backbone_nodes": 4, "backbone_edges": 3,
                              "backbone_threshold": pytest.approx(0.15),
                              "backbone_mean_degree": 1.5, "links_complete_space": 4}
    s = bb.parts["summary"]
    assert s["links_spanning_tree"] == 3
    assert s["mean_relatedness_complete_space"] == pytest.approx(1.12 / 6)
    assert {frozenset(e) for e in bb.parts["backbone"].edges} == {
        frozenset("ab"), frozenset("bc"), frozenset("cd")}


def test_relatedness_comparison_counts_linked_pairs():
    # 4 of the 6 pairs linked in _weights; the "proximity" stand-in links all 6
    panel = Panel.from_wide(pd.DataFrame(
        [[5, 1, 0, 2], [1, 4, 2, 0], [0, 2, 6, 1], [3, 0, 1, 5], [2, 2, 2, 2]],
        index=list("PQRST"), columns=list("abcd"), dtype=float), value_name="employment")
    full = pd.DataFrame(np.ones((4, 4)) - np.eye(4), index=list("abcd"), columns=list("abcd"))
    diag = cases.relatedness_comparison(panel, _weights(), full, method="test")
    assert diag.table.index.tolist() == ["test (default)", "proximity"]
    assert diag.key_numbers["relatedness_default"] == "test"
    assert diag.key_numbers["share_linked_pairs_default"] == pytest.approx(4 / 6)
    assert diag.key_numbers["share_linked_pairs_proximity"] == pytest.approx(1.0)
    assert len(diag.parts["descriptions"]) == 2


def _metrics() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["x1", "x2", "x3", "x4", "x5"],
        "division": ["E", "E", "I", "I", "E"],
        "division_name": ["Manuf", "Manuf", "Trade", "Trade", "Manuf"],
        "persons_engaged_japan": [10, 30, 20, 5, 1],
        "community": [0, 0, 1, 1, 1],
        "specialised_A": [True, False, False, False, False]}, index=list("vwxyz"))


def test_backbone_communities_by_hand():
    comm = cases.backbone_communities(_metrics(), region="A")
    assert comm.key_numbers == {"n_communities": 2, "community_sizes": [2, 3]}
    t = comm.table
    assert t["persons_engaged"].tolist() == [40, 26]
    assert t["main_division"].tolist() == ["Manuf", "Trade"]
    assert t["share_main_division"].tolist() == pytest.approx([1.0, 2 / 3])
    assert t["largest_industries"].tolist() == ["x2; x1", "x3; x4; x5"]
    assert t["region_share_specialised"].tolist() == pytest.approx([0.5, 0.0])


def test_prefecture_reading_by_hand():
    m = pd.DataFrame([[1, 0, 1, 0]], index=["A"], columns=CODES)
    null = pd.DataFrame({"coherence_percentile": [1.0], "footprint_density_percentile": [99.0]},
                        index=["A"])
    variety = Indicator(pd.DataFrame(), {}, {"by_major_group": pd.DataFrame(
        {"name": ["Food", "Machinery", "Retail", "Other"]})})
    complexity = Indicator(pd.DataFrame(index=list("QRSTUVW")), {})
    k = cases.prefecture_reading(m, Indicator(pd.DataFrame(), {}, {"null": null}), variety,
                                 cases.backbone_communities(_metrics(), region="A"), complexity,
                                 region="A")
    assert k["region_share_specialised_all"] == 0.5
    assert "industries A does not have" in k["region_footprint_contrast"]
    assert k["region_rv_top_groups"] == "Food; Machinery; Retail"
    assert k["region_n_communities_without_specialisation"] == 1
    assert k["region_largest_community_without_specialisation_size"] == 3
    assert k["region_largest_community_without_specialisation_examples"] == "x3; x4; x5"
    assert k["eci_top5"] == "Q, R, S, T, U"
    null.loc["A", "footprint_density_percentile"] = 50.0  # inside the null: no sentence
    k = cases.prefecture_reading(m, Indicator(pd.DataFrame(), {}, {"null": null}), variety,
                                 cases.backbone_communities(_metrics(), region="A"), complexity,
                                 region="A")
    assert k["region_footprint_contrast"] == ""


def test_backbone_footprint_reading_over_degrees():
    fp = Indicator(pd.DataFrame(), {}, {"null": pd.DataFrame(
        {"largest_linked_share_percentile": [99.0, 50.0]}, index=["A", "B"])})
    sens = Indicator(pd.DataFrame({"region": ["A", "A", "B"], "percentile": [98.0, 99.5, 2.0]}),
                     {})
    k = cases.backbone_footprint_reading(fp, sens, region="A")
    assert k == {"region_footprint_reading": "more linked than random portfolios of its size",
                 "region_share_reading_over_degrees": "the reading holds"}
    k = cases.backbone_footprint_reading(fp, sens, region="B")
    assert k["region_footprint_reading"] == "no different from random portfolios of its size"
    assert k["region_share_reading_over_degrees"] == "the reading depends on the backbone rule"


def test_coherence_figure_title_states_rank_and_z():
    fp = pd.DataFrame({"n_specialised": [3, 5, 8], "coherence_z": [2.54, -0.3, 0.1]},
                      index=["A", "B", "C"])
    ranks = pd.DataFrame({"rank_coherence_z": [1, 3, 2]}, index=["A", "B", "C"])
    ind = Indicator(fp, {"n_null_draws": 7}, {"measures": fp, "ranks": ranks, "shown": ["A"]})
    fig = cases.coherence_figure(ind, region="A", n_industries=10, method="m", source="test",
                                 year=2014)
    assert fig.axes[0].get_title() == ("Net of size, A's coherence ranks 1 of 3 prefectures "
                                       "(z = 2.5 against random portfolios), 2014")


def test_map_join_numbers_and_codes():
    prefs = pd.DataFrame({"region_id": ["01", "02", "03"], "name_en": ["X", "Y", "Z"]})
    join = SimpleNamespace(matched=["01", "02"], no_data=["03"])
    assert cases.map_join_numbers(prefs, join, repaired=["01"]) == {
        "map_n_prefectures_boundaries": 3, "map_n_prefectures_matched": 2,
        "map_prefectures_no_data": "Z", "map_n_prefectures_no_data": 1,
        "map_geometries_repaired": 1}
    with pytest.raises(ValueError, match=r"without a prefecture polygon: \['W'\]"):
        cases.prefecture_codes(prefs, ["X", "W"])


@pytest.mark.filterwarnings("ignore::smartregion.stability.ComplexityWarning")  # 9 regions
def test_complexity_ranking_is_consistent_with_its_table():
    rng = np.random.default_rng(3)
    wide = pd.DataFrame(rng.integers(0, 50, size=(9, 12)).astype(float),
                        index=[f"r{i}" for i in range(9)], columns=[f"i{j}" for j in range(12)])
    panel = Panel.from_wide(wide, value_name="employment")
    m = specialisation(panel, threshold=1.0)
    cx = cases.complexity_ranking(panel, m, region="r0", rng=np.random.default_rng(1),
                                  n_draws=20, min_industry_size=0, min_ubiquity=1)
    k, t = cx.key_numbers, cx.table
    assert k["region_eci_rank"] == t.loc["r0", "rank"]
    assert k["region_eci_rank_low"] <= k["region_eci_rank"] <= k["region_eci_rank_high"]
    assert k["n_bootstrap_draws"] == 20
    assert t["diversity"].to_dict() == m.sum(axis=1).to_dict()
    assert t["eci"].is_monotonic_decreasing
    # 12 industries: the top decile is the one industry of highest PCI
    top = cx.parts["pci"].idxmax()
    assert k["region_share_specialised_in_top_decile_pci"] == float(m.loc["r0", top])
    assert (k["min_industry_size"], k["min_ubiquity"]) == (0, 1)


def _five_by_four() -> Panel:
    # row totals P 8, Q 7, R 9, S 9, T 8; column a 11; all 41
    return Panel.from_wide(pd.DataFrame(
        [[5, 1, 0, 2], [1, 4, 2, 0], [0, 2, 6, 1], [3, 0, 1, 5], [2, 2, 2, 2]],
        index=list("PQRST"), columns=list("abcd"), dtype=float), value_name="employment")


def test_backbone_centralities_by_hand():
    attrs = pd.DataFrame({"name": list("abcd"), "division": list("EEII"),
                          "division_name": ["Manuf", "Manuf", "Trade", "Trade"],
                          "size": [1.0, 2.0, 3.0, 4.0]}, index=list("abcd"))
    bb = cases.industry_backbone(_weights(), attrs, avg_degree=1.5)
    spec = pd.DataFrame([[1, 0, 0, 1]], index=["P"], columns=list("abcd"))
    cent = cases.backbone_centralities(bb, _weights(), _five_by_four(), spec, region="P", seed=1)
    k, t = cent.key_numbers, cent.table
    assert k["backbone_share_tree_links"] == 1.0  # every backbone link is a tree link
    assert k["complete_space_link_share"] == pytest.approx(4 / 6)
    assert t.loc["a", "lq_P"] == pytest.approx((5 / 8) / (11 / 41))
    assert t["specialised_P"].tolist() == [True, False, False, True]
    assert t["persons_engaged_japan"].tolist() == [11.0, 9.0, 11.0, 10.0]
    assert "eigenvector" not in t.columns and "label" not in t.columns
    # on the path a-b-c-d, b and c each lie on two shortest paths, a and d on none
    assert set(cent.parts["central"].index[:2]) == {"b", "c"}
    assert k["full_space_eigenvector_min"] > 0


def test_regional_footprints_keys_agree_with_their_tables():
    rng = np.random.default_rng(5)
    wide = pd.DataFrame(rng.integers(0, 40, size=(10, 8)).astype(float),
                        index=[f"r{i}" for i in range(10)], columns=[f"i{j}" for j in range(8)])
    panel = Panel.from_wide(wide, value_name="employment")
    m = specialisation(panel, threshold=1.0)
    phi = relatedness_weights(panel, method="proximity")
    attrs = pd.DataFrame({"name": list(wide.columns)}, index=wide.columns)
    bb = cases.industry_backbone(phi, attrs, avg_degree=2.0)
    metrics = pd.DataFrame({"degree": dict(bb.parts["backbone"].degree())})
    draws = curveball_draws(m.to_numpy(bool), 15, np.random.default_rng(2))
    fps = cases.regional_footprints(panel, phi, m, metrics, bb.parts["backbone"], region="r0",
                                    comparison=["r1"], draws=draws,
                                    rng=np.random.default_rng(3), method="proximity",
                                    backbone_degree=2.0)
    k, fp = fps.key_numbers, fps.parts["measures"]
    assert k["n_null_draws"] == 15
    assert k["region_n_specialised"] == m.loc["r0"].sum()
    assert k["cmp_r1_n_specialised"] == m.loc["r1"].sum()
    assert k["region_rank_coherence"] == 1 + (fp["coherence"] > fp.loc["r0", "coherence"]).sum()
    for c in ("coherence", "footprint_density", "footprint_centrality"):
        assert k[f"n_beyond_null_{c}"] + k[f"n_below_null_{c}"] <= 10
    assert -1 <= k["corr_coherence_n_specialised"] <= 1
    assert fps.table["coherence_z"].is_monotonic_decreasing
    sens = cases.footprint_sensitivity(bb.parts["space"], m, region="r0", regions=["r0", "r1"],
                                       draws=draws, method="proximity", degrees=(2.0, 3.0))
    own = sens.table.loc[sens.table["region"] == "r0"]
    assert sens.key_numbers["region_share_rank_min_over_degrees"] == own["rank"].min()
    assert (sens.key_numbers["region_share_percentile_min_over_degrees"]
            <= sens.key_numbers["region_share_percentile_max_over_degrees"])


# --------------------------------------------------------------------------------------------
# footprints and complexity on tables worked out by hand
# --------------------------------------------------------------------------------------------

def _footprint_inputs():
    # specialisations of _five_by_four (LQ >= 1; totals a 11, b 9, c 11, d 10 of 41):
    # P {a, d} (LQ 2.33, 1.03), Q {b, c}, R {b, c}, S {a, d}, T {b, d} (1.14, 1.03)
    panel = _five_by_four()
    m = specialisation(panel, threshold=1.0)
    attrs = pd.DataFrame({"name": list("abcd")}, index=list("abcd"))
    bb = cases.industry_backbone(_weights(), attrs, avg_degree=1.5)  # the path a-b-c-d
    metrics = pd.DataFrame({"degree": {"a": 1, "b": 2, "c": 2, "d": 1}})
    draws = curveball_draws(m.to_numpy(bool), 20, np.random.default_rng(0))
    return panel, m, bb, metrics, draws


def test_regional_footprints_by_hand():
    panel, m, bb, metrics, draws = _footprint_inputs()
    assert m.to_numpy().tolist() == [[1, 0, 0, 1], [0, 1, 1, 0], [0, 1, 1, 0], [1, 0, 0, 1],
                                     [0, 1, 0, 1]]
    fps = cases.regional_footprints(panel, _weights(), m, metrics, bb.parts["backbone"],
                                    region="Q", comparison=["T"], draws=draws,
                                    rng=np.random.default_rng(0), method="proximity",
                                    backbone_degree=1.5)
    fp, k = fps.parts["measures"], fps.key_numbers
    # weights ab .5, ac .12, bc .2, cd .3; row sums a .62, b .7, c .62, d .3
    # Q {b, c}: omega_b = .2 / .7, omega_c = .2 / .62; density .2; centrality
    # (.7 + .62) / 3 / 2 = .22; candidates a (.5 + .12) / .62 = 1, d .3 / .3 = 1
    assert fp.loc["Q", "coherence"] == pytest.approx((0.2 / 0.7 + 0.2 / 0.62) / 2)
    assert fp.loc["Q", "footprint_density"] == pytest.approx(0.2)
    assert fp.loc["Q", "footprint_centrality"] == pytest.approx(0.22)
    assert fp.loc["Q", "candidate_density"] == pytest.approx(1.0)
    # P {a, d}: phi_ad = 0, so coherence and density 0; centrality (.62 + .3) / 6;
    # candidates b .5 / .7, c (.12 + .3) / .62
    assert fp.loc["P", "coherence"] == pytest.approx(0.0)
    assert fp.loc["P", "footprint_centrality"] == pytest.approx(0.92 / 6)
    assert fp.loc["P", "candidate_density"] == pytest.approx((0.5 / 0.7 + 0.42 / 0.62) / 2)
    # T {b, d}: candidates a .5 / .62, c (.2 + .3) / .62
    assert fp.loc["T", "candidate_density"] == pytest.approx(0.5 / 0.62)
    # backbone degrees a 1, b 2, c 2, d 1; on the path b-c are linked, a-d and b-d are not
    assert fp["mean_degree_backbone"].tolist() == pytest.approx([1, 2, 2, 1, 1.5])
    assert fp["largest_cluster_backbone"].tolist() == [1, 2, 2, 1, 1]
    assert fp["share_in_largest_cluster"].tolist() == pytest.approx([0.5, 1, 1, 0.5, 0.5])
    assert k["region_n_specialised"] == 2.0
    assert (k["region_coherence"], k["region_rank_coherence"]) == (
        pytest.approx((0.2 / 0.7 + 0.2 / 0.62) / 2), 1)  # tied with R
    assert k["cmp_t_rank_coherence"] == 3  # P, S, T tie at 0 behind Q and R
    assert k["cmp_t_mean_degree_backbone"] == 1.5
    assert k["region_rank_mean_degree_backbone"] == 1
    # mean degree (1, 2, 2, 1, 1.5) against density (0, .2, .2, 0, 0): covariance sum .2,
    # squares 1 and .048, r = .2 / sqrt(.048) = sqrt(5 / 6)
    assert k["corr_degree_footprint_density"] == pytest.approx(math.sqrt(5 / 6))
    assert math.isnan(k["corr_coherence_n_specialised"])  # two specialisations everywhere
    # against the null: a z-score above 0 goes with a percentile above 50 and vice versa
    assert k["n_null_draws"] == 20
    for c in ("coherence", "footprint_density", "footprint_centrality"):
        z, pct = fp[f"{c}_z"], fp[f"{c}_percentile"]
        assert pct.between(0, 100).all()
        # (T's footprint centrality is the same in every draw: its null sd is rounding noise,
        # 1e-16, and its z-score meaningless, so it is left out here)
        spread = fps.parts["null"][f"{c}_null_sd"] > 1e-9
        assert (pct[spread & (z > 0)] > 50).all() and (pct[spread & (z < 0)] < 50).all()
        assert k[f"n_beyond_null_{c}"] == (pct > 97.5).sum()
    assert 0 <= k["region_largest_linked_share_percentile"] <= 100
    assert fps.parts["shown"] == ["Q", "T"]
    assert fps.parts["order"] == list("PQRST")
    assert sorted(fps.table.index) == list("PQRST")


def test_regional_footprints_ignore_industry_labels():
    # renaming the industries (a, b, c, d -> w, x, y, z) changes no measure
    panel, m, bb, metrics, draws = _footprint_inputs()
    new = dict(zip("abcd", "wxyz"))
    w2 = _weights().rename(index=new, columns=new)
    panel2 = Panel.from_wide(panel.matrix().rename(columns=new), value_name="employment")
    attrs = pd.DataFrame({"name": list("wxyz")}, index=list("wxyz"))
    bb2 = cases.industry_backbone(w2, attrs, avg_degree=1.5)
    kw = {"region": "Q", "comparison": ["T"], "draws": draws, "method": "proximity",
          "backbone_degree": 1.5}
    a = cases.regional_footprints(panel, _weights(), m, metrics, bb.parts["backbone"],
                                  rng=np.random.default_rng(0), **kw)
    b = cases.regional_footprints(panel2, w2, m.rename(columns=new), metrics.rename(index=new),
                                  bb2.parts["backbone"], rng=np.random.default_rng(0), **kw)
    pd.testing.assert_frame_equal(a.parts["measures"], b.parts["measures"])
    assert a.key_numbers.keys() == b.key_numbers.keys()
    for key, v in a.key_numbers.items():
        assert b.key_numbers[key] == pytest.approx(v, nan_ok=True), key


def test_footprint_sensitivity_by_hand():
    _, m, bb, _, draws = _footprint_inputs()
    sens = cases.footprint_sensitivity(bb.parts["space"], m, region="Q", regions=["Q", "T"],
                                       draws=draws, method="proximity", degrees=(1.5, 2.0))
    t, k = sens.table, sens.key_numbers
    assert sorted(zip(t["region"], t["mean_degree"])) == [("Q", 1.5), ("Q", 2.0), ("T", 1.5),
                                                         ("T", 2.0)]
    assert t["percentile"].between(0, 100).all()
    # Q's two specialisations (b, c) are linked on every backbone: share 1, the most linked
    # (the spanning tree a-b-c-d is part of every backbone)
    own = t.loc[t["region"] == "Q"]
    assert own["largest_linked_share"].tolist() == [1.0, 1.0]
    assert (k["region_share_rank_min_over_degrees"],
            k["region_share_rank_max_over_degrees"]) == (1, 1)


@pytest.mark.filterwarnings("ignore::smartregion.stability.ComplexityWarning")  # 3 regions
@pytest.mark.filterwarnings("ignore:An input array is constant")
def test_complexity_ranking_by_hand():
    # national a 12, b 21, c 12, d 21 of 66. LQ >= 1: R1 a 1.77, b 1.01, c 1.77;
    # R2 b 1.43, d 1.43; R3 d 2.42. Diversity 3, 2, 1; ubiquity a 1, b 2, c 1, d 2.
    wide = pd.DataFrame([[10, 10, 10, 1], [1, 10, 1, 10], [1, 1, 1, 10]],
                        index=["R1", "R2", "R3"], columns=list("abcd"), dtype=float)
    panel = Panel.from_wide(wide, value_name="employment")
    m = specialisation(panel, threshold=1.0)
    assert m.to_numpy().tolist() == [[1, 1, 1, 0], [0, 1, 0, 1], [0, 0, 0, 1]]
    cx = cases.complexity_ranking(panel, m, region="R1", rng=np.random.default_rng(1),
                                  n_draws=10, min_industry_size=15, min_ubiquity=1)
    k, t = cx.key_numbers, cx.table
    # M~ = D^-1 M U^-1 M' = [[5/6, 1/6, 0], [1/4, 1/2, 1/4], [0, 1/2, 1/2]]: trace 11/6,
    # det 1/12, eigenvalues 1 and (5 +- sqrt 13) / 12. For l = (5 + sqrt 13) / 12 the third
    # row gives v2 = (2 l - 1) v3 = (sqrt 13 - 1) / 6 (v3 = 1), the first row
    # v1 = -v2 / (5 - 6 l) = -2 v2 / (5 - sqrt 13). Oriented with diversity and standardised
    # (ddof 0):
    v2 = (math.sqrt(13) - 1) / 6
    v = -np.array([-2 * v2 / (5 - math.sqrt(13)), v2, 1.0])
    eci = (v - v.mean()) / v.std()
    assert t.loc[["R1", "R2", "R3"], "eci"].tolist() == pytest.approx(eci.tolist())
    assert t.index.tolist() == ["R1", "R2", "R3"]  # by ECI
    assert t["rank"].tolist() == [1, 2, 3]
    assert t["diversity"].tolist() == [3, 2, 1]
    assert (k["region_eci"], k["region_eci_rank"]) == (pytest.approx(eci[0]), 1)
    # Pearson of ECI (mean 0, sum of squares 3) with diversity (deviations 1, 0, -1)
    assert k["corr_eci_diversity"] == pytest.approx((eci[0] - eci[2]) / math.sqrt(3 * 2))
    assert k["region_eci_rank_low"] <= 1 <= k["region_eci_rank_high"]
    assert k["n_bootstrap_draws"] == 10
    # noise filter: a and c have 12 persons (< 15) and are left out; on b and d
    # (21 and 21 of 42) R1 {b}, R2 {b, d} (LQ exactly 1), R3 {d}: M~ has the eigenvector
    # (1, 0, -1) (eigenvalue 1/2), so R2 is in the middle
    assert k["n_industries_noise_filtered_out"] == 2
    assert sorted(cx.parts["filtered_out"].index) == ["a", "c"]
    assert t.loc["R2", "rank_noise_filtered"] == 2
    assert sorted(t["rank_noise_filtered"]) == [1, 2, 3]
    assert (k["min_industry_size"], k["min_ubiquity"]) == (15, 1)


def test_regional_footprints_constant_null_has_no_z_score():
    # T {b, d} has the same leave-one-out footprint centrality in every draw of this null
    # (its null sd is 1e-16), so its z-score is undefined; its percentile is the mid-rank 50
    panel, m, bb, metrics, draws = _footprint_inputs()
    fps = cases.regional_footprints(panel, _weights(), m, metrics, bb.parts["backbone"],
                                    region="Q", comparison=["T"], draws=draws,
                                    rng=np.random.default_rng(0), method="proximity",
                                    backbone_degree=1.5)
    fp = fps.parts["measures"]
    assert fp.loc["T", "footprint_centrality_percentile"] == 50.0
    assert math.isnan(fp.loc["T", "footprint_centrality_z"])
    # a measure without a value has no rank: the key number says so instead of failing
    assert fps.key_numbers["cmp_t_rank_footprint_centrality_z"] is None
    rank = fps.key_numbers["cmp_t_rank_coherence"]  # measures with values keep integer ranks
    assert isinstance(rank, int) and 1 <= rank <= len(panel.regions)
