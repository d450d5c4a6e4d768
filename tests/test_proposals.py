"""Indicators of the seven proposals (smartregion.proposals): hand-computed cases and identities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel
from smartregion.policy import hysteresis_churn, pooled_churn, specialisation_churn
from smartregion.proposals import (
    band_sensitivity,
    churn_moves,
    coefficient_key_numbers,
    io_colocation,
    mean_plant_size,
    nested_unit_profile,
    nesting,
    quoted_summaries,
    screened_targets,
    section_profile_readings,
    services_centrality,
    trade_off_check,
    unit_rank_stability,
    unpublished_share,
    ward_churn,
)
from smartregion.relatedness import proximity, relatedness_weights


def _two_periods(seed: int = 2, regions: int = 12, industries: int = 8) -> Panel:
    rng = np.random.default_rng(seed)
    x0 = rng.lognormal(4.0, 1.0, size=(regions, industries)).round() + 1
    x1 = (x0 * rng.lognormal(0.0, 0.6, size=x0.shape)).round() + 1
    return Panel(np.stack([x0, x1]), [f"r{k:02d}" for k in range(regions)],
                 [f"i{k}" for k in range(industries)], [2000, 2010])


def test_unpublished_share_by_hand():
    parent = pd.Series({"w1": "C", "w2": "C", "x": "D"})
    long = pd.DataFrame({"year": [2001, 2001, 2001, 2004, 2004],
                         "region": ["w1", "w2", "x", "w1", "w2"],
                         "value": [5.0, 3.0, 100.0, 9.0, 9.0]})
    totals = pd.DataFrame({"year": [2001, 2001, 2004, 2004], "region": ["w1", "w2", "w1", "w2"],
                           "value": [10.0, 10.0, 10.0, 10.0]})
    r = unpublished_share(long, totals, parent, "C", start=2004, early=(2001, 2001))
    # 2001: 1 - 8/20 = 0.6; 2004: 1 - 18/20 = 0.1 (region x, of city D, is not counted)
    assert r.parts["share"].to_dict() == {2001: pytest.approx(0.6), 2004: pytest.approx(0.1)}
    assert r.key_numbers["unpublished_share_2001_2001_min"] == pytest.approx(0.6)
    assert r.key_numbers["unpublished_share_from_start_max"] == pytest.approx(0.1)
    assert r.key_numbers["start_year"] == 2004


def test_quoted_summaries_by_hand():
    q = pd.DataFrame({"year": [1989, 2014, 2015, 2019], "value": [10.0, 20.0, 5.0, 8.0],
                      "secondary_source": [True, False, True, False]},
                     index=["a", "b", "c", "d"])
    k = quoted_summaries(q, first_of={"opening": ["a", "b"]}, range_of={"s": ["c", "d"]})
    assert k == {"opening": 1989, "s_min": 5.0, "s_max": 8.0, "s_n": 2,
                 "n_quoted_rows_secondary": 2, "n_quoted_rows": 4}


def test_unit_rank_stability_relabels_and_takes_ranges():
    comp = pd.DataFrame({
        "fine": ["municipality"] * 4 + ["municipality"] * 2,
        "coarse": ["city"] * 4 + ["prefecture"] * 2,
        "index": ["lq_a", "lq_b", "related", "unrelated", "lq_a", "related"],
        "spearman": [0.5, 0.7, 0.2, 0.9, 0.3, 0.4]})
    r = unit_rank_stability(comp)
    assert set(r.table["fine"]) == {"ward", "municipality"}
    assert r.key_numbers["spearman_ward_city_lq_min"] == 0.5
    assert r.key_numbers["spearman_ward_city_lq_max"] == 0.7
    assert r.key_numbers["spearman_ward_city_variety_min"] == 0.2
    assert r.key_numbers["spearman_ward_city_variety_max"] == 0.9
    assert r.key_numbers["spearman_municipality_prefecture_lq_min"] == 0.3
    assert comp["fine"].eq("municipality").all()  # the input is not changed


def test_coefficient_key_numbers_signs_and_trend():
    units = ["municipality", "city", "prefecture"]
    coefs = pd.DataFrame({
        "unit": units * 3, "term": ["related"] * 3 + ["unrelated"] * 3 + ["expected_growth"] * 3,
        "coef": [0.1, 0.2, 0.3, 0.1, -0.2, 0.05, 0.5, 0.4, 0.3],
        "p": [0.01, 0.2, 0.04, 0.5, 0.6, 0.7, 0.001, 0.01, 0.1],
        "nobs": [100, 20, 47] * 3})
    k = coefficient_key_numbers(coefs).key_numbers
    assert k["signs_related"] == "keeps its sign" and k["trend_related"] == "rises in size"
    assert k["signs_unrelated"] == "changes sign"
    assert k["trend_unrelated"] == "moves without order"
    assert k["dir_unrelated_city"] == "slower" and k["dir_related_city"] == "faster"
    assert k["coef_mix_city"] == 0.4 and k["p_mix_prefecture"] == 0.1
    assert k["n_variety_coefs"] == 6 and k["n_variety_coefs_p05"] == 2
    assert k["n_prefectures"] == 47
    assert k["n_by_unit"].to_dict() == {"city": 20, "municipality": 100, "prefecture": 47}


def test_nested_unit_profile_by_hand():
    lq = pd.DataFrame({"g": [2.0, 0.5, 1.0], "h": [0.4, 1.5, 3.0]}, index=["w1", "w2", "x"])
    var = pd.DataFrame({"related": [1.0, 2.0, 0.0], "unrelated": [0.5, 0.1, 0.0]},
                       index=["w1", "w2", "x"])
    r = nested_unit_profile(
        lq, var, wards={"w1": "One", "w2": "Two"}, city=("C", "City"),
        prefecture=("P", "Pref"), lq_city=pd.DataFrame({"g": [1.2], "h": [0.9]}, index=["C"]),
        lq_prefecture=pd.DataFrame({"g": [1.1], "h": [1.0]}, index=["P"]),
        variety_city=pd.DataFrame({"related": [1.5], "unrelated": [0.3]}, index=["C"]),
        variety_prefecture=pd.DataFrame({"related": [1.4], "unrelated": [0.2]}, index=["P"]),
        labels={"g": "Gee", "h": "Aitch"}, named=("g", "h"))
    assert list(r.table.index) == ["One (ward)", "Two (ward)", "City", "Pref"]
    assert list(r.table.columns) == ["related", "unrelated", "Gee", "Aitch"]
    k = r.key_numbers
    assert k["top_ward_g"] == "One" and k["top_ward_lq_g"] == 2.0
    assert k["n_wards_specialised_g"] == 1 and k["n_wards_specialised_h"] == 1
    assert k["city_lq_h"] == 0.9 and k["n_wards"] == 2
    assert k["wards_specialised_by_group"].to_dict() == {"Gee": 1, "Aitch": 1}


def test_ward_churn_table_and_key_numbers_agree():
    p = _two_periods(3, regions=12)
    unit_of = pd.Series({r: ("A" if k < 6 else "B") for k, r in enumerate(p.regions)})
    cities = p.aggregate_regions(unit_of.to_dict())
    r = ward_churn(p, cities, unit_of, "A", start=2000, end=2010, lower=0.5, upper=1.0,
                   plant_size=pd.DataFrame(1.0, index=p.regions, columns=p.industries),
                   names={"A": "Alpha", "B": "Beta"}, n_draws=20, seed=1)
    t = r.table
    pooled = pooled_churn(hysteresis_churn(p, start=2000, end=2010), unit_of)
    assert t.loc["A", "events"] == pooled.loc["A", "events"]
    np.testing.assert_allclose(t["churn_all"], t["events"] / t["diversity_start"])
    k = r.key_numbers
    assert k["n_cities"] == 2 and k["kyoto_rank_churn_all"] in (1, 2)
    assert k["median_churn_all_other_cities"] == pytest.approx(t.loc["B", "churn_all"])
    whole = specialisation_churn(cities, start=2000, end=2010).loc["A"]
    assert k["kyoto_city_whole"]["entries"] == int(whole["entries"])
    plain = pooled_churn(specialisation_churn(p, start=2000, end=2010), unit_of)
    assert k["share_plain_events_crossing_band"] == pytest.approx(
        t["events"].sum() / plain["events"].sum())
    assert k["kyoto_vs_establishment_noise"] in {"below", "within", "above"}


def test_band_sensitivity_plain_edge_is_the_plain_count():
    p = _two_periods(4)
    unit_of = pd.Series({r: ("A" if k < 6 else "B") for k, r in enumerate(p.regions)})
    r = band_sensitivity(p, unit_of, "A", start=2000, end=2010, upper=1.0)
    plain = pooled_churn(specialisation_churn(p, start=2000, end=2010), unit_of)
    assert r.key_numbers["band_events"]["lower_1_0"] == plain.loc["A", "events"]
    ev = [r.key_numbers["band_events"][k] for k in ("lower_0_5", "lower_0_67", "lower_0_8",
                                                    "lower_1_0")]
    assert ev == sorted(ev)  # a wider band never counts more events


def test_churn_moves_band_crossing_matches_hysteresis_count():
    p = _two_periods(6)
    regions = list(p.regions[:5])
    r = churn_moves(p, regions, start=2000, end=2010, lower=0.5, upper=1.0,
                    region_names={g: g.upper() for g in p.regions},
                    industry_names={i: i for i in p.industries})
    h = hysteresis_churn(p, start=2000, end=2010, lower=0.5, upper=1.0).loc[regions]
    assert int(r.table["crosses_band"].sum()) == int((h["entries"] + h["exits"]).sum())
    s = specialisation_churn(p, start=2000, end=2010).loc[regions]
    assert len(r.table) == int((s["entries"] + s["exits"]).sum())


def test_section_profile_readings_by_hand():
    # two provinces x two sections, two years; the city in the first year
    prov = Panel(np.array([[[1.0, 1.0], [1.0, 3.0]], [[2.0, 1.0], [1.0, 2.0]]]),
                 ["G", "H"], ["I", "J"], [2015, 2016])
    city = Panel(np.array([[[3.0, 1.0], [1.0, 3.0]]]), ["d1", "d2"], ["I", "J"], [2015])
    r = section_profile_readings(prov, city, province="G", sections=["I"], scale=1.0)
    # country 2015: I = 2, J = 4; city: I = 4, J = 4 -> LQ_I = (1/2)/(1/3) = 1.5
    assert r.table.loc["I", "city"] == pytest.approx(1.5)
    assert r.table.loc["I", "province"] == pytest.approx(1.5)  # G: I = 1, J = 1
    assert r.key_numbers["sz_kis_specialised"] == 1 and r.key_numbers["gd_kis_specialised"] == 1
    # G specialised in I both years (2016: LQ_I = (2/3)/(3/6) > 1) and in J in neither
    assert r.key_numbers["gd_specialisation_churn"] == 0.0
    assert r.parts["year"] == 2015 and r.parts["last_year"] == 2016


def test_trade_off_check_keys_match_its_tables():
    p = _two_periods(7, regions=15, industries=10).select(times=[2000])
    phi = proximity(p).xs(2000, level=0)
    w = relatedness_weights(p, significance=None)
    w = w.xs(2000, level=0) if isinstance(w.index, pd.MultiIndex) else w
    cands = {"proximity": phi, "weights": w}
    pci_ = pd.Series(np.linspace(-1, 1, len(p.industries)), index=p.industries)
    r = trade_off_check(p, "r00", candidates=cands, default=w, time=2000, complexity=pci_,
                        rows={"proximity": "proximity", "default": "weights",
                              "unfiltered": "weights"},
                        by_resolution={"manufacturing proximity, units": p})
    k = r.key_numbers
    by = r.parts["by_region"]
    assert k["corr_proximity_region"] == by.loc["r00", "proximity"]
    assert k["corr_association_median"] == pytest.approx(by["association"].median())
    assert k["n_prefectures"] == len(p.regions) == k["n_municipalities_mfg"]
    assert k["first_axis_share_mfg_units"] == pytest.approx(
        r.table.loc["proximity", "first_axis_share"])  # same panel, same proximity
    off = ~np.eye(len(phi), dtype=bool)
    assert k["mean_phi"] == pytest.approx(phi.to_numpy()[off].mean())
    assert 0 <= k["share_positive_default"] <= 1


def test_screened_targets_screens_add_up():
    q = _two_periods(8, regions=20, industries=12)
    p = Panel(q.values[:1], q.regions, q.industries, None)  # one cross-section, no time
    hier = pd.DataFrame({"division": ["E"] * 8 + ["N"] * 4,
                         "name": [f"industry {i}" for i in p.industries]}, index=p.industries)
    r = screened_targets(p, "r00", relatedness=proximity(p), hierarchy=hier,
                         tradable_divisions=["E"], division_names={"E": "Manufacturing"},
                         min_size=0, min_ubiquity=1, n_draws=5, stable_share=0.8,
                         rng=np.random.default_rng(0))
    k = r.key_numbers
    assert k["n_not_tradable"] == 5  # division N, and i0 (a code ending in 0: a head office)
    assert k["n_candidates"] == len(r.table) == k["quadrant_counts"].sum()
    assert k["n_priority"] == len(r.parts["priority"]) == (r.table["quadrant"] == "priority").sum()
    assert k["n_stable"] == int(r.table["stable"].sum())
    d = r.parts["priority"]["density"].to_numpy()
    assert (np.diff(d) <= 0).all()  # densest first


def test_io_colocation_identities():
    sectors = {"01": "Agriculture", "02": "Mining", "03": "Manufacturing", "04": "Services"}
    rng = np.random.default_rng(0)
    z = pd.DataFrame(rng.uniform(1, 10, (4, 4)), index=list(sectors), columns=list(sectors))
    industries = [f"i{k}" for k in range(6)]
    sector_of = pd.Series(["01", "01", "02", "03", "03", "03"], index=industries)
    a = rng.uniform(-1, 1, (6, 6))
    rel = pd.DataFrame((a + a.T) / 2, index=industries, columns=industries)
    r = io_colocation(z, {"assoc": rel}, sector_of=sector_of,
                      weights=pd.Series(1.0, index=industries), sector_names=sectors,
                      n_permutations=99, seed=1)
    k = r.key_numbers
    assert k["n_sectors"] == 3 and k["n_io_sectors"] == 4
    assert k["sectors_without_census_groups"] == "Services"
    assert k["n_pairs"] == 3 and k["n_minor_groups_manufacturing"] == 3
    zz = z.to_numpy()
    assert k["share_flows_within_sector"] == pytest.approx(np.trace(zz) / zz.sum())
    assert k["share_flows_within_manufacturing"] == pytest.approx(z.loc["03", "03"] / zz.sum())
    assert k["spearman"] == k["spearman_assoc_max_of_shares"]
    assert 1 <= k["strongest_io_pair_colocation_rank"] <= 3


def test_services_centrality_by_hand():
    idx = ["a", "b", "c", "d"]
    cent = pd.DataFrame({"strength": [4.0, 3.0, 2.0, 1.0],
                         "eigenvector": [0.4, 0.3, 0.2, 0.1]}, index=idx)
    grp = pd.Series([True, False, True, False], index=idx)
    spec = pd.DataFrame([[1, 0, 1, 0], [0, 1, 0, 1], [1, 1, 0, 0]], index=["R", "S", "T"],
                        columns=idx)
    lq = spec.astype(float) * 2
    r = services_centrality(cent, grp, lq=lq, specialised=spec, region="R",
                            names=pd.Series(idx, index=idx), reasons={"a": "x", "c": "y"},
                            n_top=1, n_ubiquity_bins=2)
    k = r.key_numbers
    # percentiles of strength: a 1.0, b 0.75, c 0.5, d 0.25
    assert k["centrality_percentile_kis"]["strength"] == pytest.approx(0.75)
    assert k["centrality_percentile_other"]["strength"] == pytest.approx(0.5)
    assert k["strength_gap_raw"] == pytest.approx(0.25)
    # R is specialised in both a and c; S in neither; T in a only
    assert k["region_share_kis_specialised"] == 1.0 and k["rank_region_share_kis"] == 1
    assert k["median_prefecture_share_kis_specialised"] == 0.5
    assert k["region_specialised_in_top15"] == ["a"] and k["n_kis_industries"] == 2
    assert list(r.table.index) == ["a", "c"]


def test_nesting_by_hand():
    regions = pd.DataFrame({"region": ["26101", "26102", "26201", "13101"],
                            "kind": ["ward", "ward", "city", "ward"],
                            "parent_city": ["26100", "26100", None, "13100"]})
    n = nesting(regions, ["26101", "26201", "13101"])
    assert n["city"].to_dict() == {"26101": "26100", "26201": "26201", "13101": "13100"}
    assert n["prefecture"].to_dict() == {"26101": "26", "26201": "26", "13101": "13"}


def test_mean_plant_size_by_hand_and_counts_the_fallback():
    persons = pd.DataFrame({"a": [10.0, 3.0], "b": [0.0, 5.0]}, index=["r", "s"])
    est = pd.DataFrame({"a": [4.0, 0.0], "b": [0.0, 10.0]}, index=["r", "s"])
    size, n_without = mean_plant_size(persons, est)
    # r.a: 10 / 4; s.a: no establishment -> 1; r.b: empty -> 1; s.b: 0.5, floored at 1
    assert size.to_dict() == {"a": {"r": 2.5, "s": 1.0}, "b": {"r": 1.0, "s": 1.0}}
    assert n_without == 1  # s.a has persons but no establishment
