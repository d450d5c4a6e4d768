"""Figures and scorecard of the seven proposals (smartregion.proposals.figures, .scorecard).

Each figure function is drawn from a small indicator computed here, and its title is checked
against the indicator's own numbers: a title states a finding, so it must change when the
numbers do. The scorecard is filled from key numbers and must refuse a missing one.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from smartregion import Panel  # noqa: E402
from smartregion.outputs import OutputWriter  # noqa: E402
from smartregion.plots import Source  # noqa: E402
from smartregion.policy import (  # noqa: E402
    Indicator,
    establishment_change,
    framework_table,
)
from smartregion.proposals import (  # noqa: E402
    cell_table,
    churn_figure,
    establishments_figure,
    industry_stock,
    prefecture_coverage,
    proposal_scorecard,
    published_workers,
    trade_off_check,
    trade_off_figure,
    ward_churn,
)
from smartregion.relatedness import proximity, relatedness_weights  # noqa: E402

SRC = Source("test data", "2000")


def _titles(fig) -> str:
    texts = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    texts += [ax.get_title() for ax in fig.axes]
    return " | ".join(texts)


def _panel(seed: int, regions: int = 15, industries: int = 10, times=(2000, 2010)) -> Panel:
    rng = np.random.default_rng(seed)
    x0 = rng.lognormal(4.0, 1.0, size=(regions, industries)).round() + 1
    xs = [x0] + [(x0 * rng.lognormal(0.0, 0.6, size=x0.shape)).round() + 1 for _ in times[1:]]
    return Panel(np.stack(xs), [f"r{k:02d}" for k in range(regions)],
                 [f"i{k}" for k in range(industries)], list(times))


def test_trade_off_figure_title_reads_the_rank_of_the_region():
    p = _panel(7).select(times=[2000])
    phi = proximity(p).xs(2000, level=0)
    w = relatedness_weights(p, significance=None)
    w = w.xs(2000, level=0) if isinstance(w.index, pd.MultiIndex) else w
    r = trade_off_check(p, "r03", candidates={"proximity": phi, "weights": w}, default=w,
                        time=2000, complexity=pd.Series(np.linspace(-1, 1, 10), index=p.industries),
                        rows={"proximity": "proximity", "default": "weights",
                              "unfiltered": "weights"},
                        by_resolution={"manufacturing proximity, units": p})
    fig = trade_off_figure(r, "r03", rng=np.random.default_rng(0), source=SRC)
    rank = r.parts["by_region"].loc["r03", "rank_association"]
    assert f"r03 ranks {rank} of 15 from the most negative" in _titles(fig)
    assert "Candidates: minor groups" in fig.texts[-1].get_text()  # the method note is added
    plt.close(fig)


def test_establishments_figure_states_loss_and_rank_from_the_indicator():
    counts = pd.DataFrame({"a": [10, 5], "b": [10, 8], "c": [10, 2]}, index=[2001, 2012])
    est = establishment_change(counts, "a", {"a": "A", "b": "B", "c": "C"}, region_key="k",
                               region_label="A city", peers_label="peers", all_label="all")
    fig = establishments_figure(est, highlight="A", region_key="k", source=SRC)
    title = _titles(fig)
    # a: 10 -> 5 is a 50% loss; the largest fall is c's, so a ranks 2 of 3
    assert "A city lost 50% of its manufacturing establishments 2001-2012: rank 2 of 3" in title
    plt.close(fig)


def test_churn_figure_names_the_city_and_its_rank():
    p = _panel(3, regions=12, industries=8)
    unit_of = pd.Series({r: ("A" if k < 6 else "B") for k, r in enumerate(p.regions)})
    r = ward_churn(p, p.aggregate_regions(unit_of.to_dict()), unit_of, "A", start=2000,
                   end=2010, lower=0.5, upper=1.0,
                   plant_size=pd.DataFrame(1.0, index=p.regions, columns=p.industries),
                   names={"A": "Alpha", "B": "Beta"}, n_draws=20, seed=1)
    fig = churn_figure(r, highlight="A", city_label="Alpha", years=(2000, 2010), lower=0.5,
                       upper=1.0, n_draws=20, source=SRC)
    rank = r.key_numbers["kyoto_rank_churn_all"]
    word = "lowest" if rank == 1 else f"{rank}th-lowest"
    assert f"Alpha's wards have the {word} churn" in _titles(fig)
    assert "20 seeded draws" in fig.texts[-1].get_text()
    plt.close(fig)


def test_cell_table_outer_joins_measures_and_left_joins_extras():
    va = pd.DataFrame({"year": [1, 1], "region": ["a", "b"], "industry": "x", "value": [5., 7.]})
    em = pd.DataFrame({"year": [1, 1], "region": ["a", "c"], "industry": "x", "value": [2., 3.]})
    extra = pd.DataFrame({"year": [1, 1], "region": ["a", "d"], "industry": "x",
                          "value": [9., 1.]})
    t = cell_table({"va": va, "emp": em}, {"ship": extra}).set_index("region")
    assert list(t.index) == ["a", "b", "c"]  # d is only in the extra table: not created
    assert t.loc["a", "ship"] == 9.0 and np.isnan(t.loc["b", "emp"]) and np.isnan(
        t.loc["c", "va"])
    with pytest.raises(ValueError, match="appear twice"):
        cell_table({"va": pd.concat([va, va])})


def test_published_workers_counts_only_published_cells_of_the_region():
    c = pd.DataFrame({"year": [1, 1, 2, 2], "region": ["a", "b", "a", "b"], "industry": "x",
                      "va": [1.0, 1.0, np.nan, 1.0], "emp": [3.0, 4.0, 5.0, 6.0]})
    got = published_workers(c, in_region=c["region"] == "a", industry="x", years=[1, 2, 3])
    assert got.tolist() == [3.0, 0.0, 0.0]


def test_prefecture_coverage_by_hand():
    p = Panel.from_long(pd.DataFrame({"region": ["13101", "13102", "14100"], "industry": "a",
                                      "value": [6.0, 2.0, 5.0]}))
    totals = pd.DataFrame({"region": ["13101", "13102", "13300", "14100"],
                           "value": [6.0, 2.0, 2.0, 5.0]})
    k = prefecture_coverage(p, totals, "13", ["13101"])
    assert k == {"prefecture_employment_covered": 0.8, "city_share_of_covered_prefecture": 0.75}


def test_industry_stock_treats_the_industries_as_one():
    x = Panel.from_wide(pd.DataFrame({"a": [10, 30, 20], "b": [10, 10, 40], "c": [80, 60, 40]},
                                     index=["r", "s", "t"]))
    n = Panel.from_wide(pd.DataFrame({"a": [1, 3, 2], "b": [2, 1, 4], "c": [8, 6, 4]},
                                     index=["r", "s", "t"]))
    r = industry_stock(x, n, "r", ["a", "b"])
    # r: 20 of 100 persons in a+b; all regions: 120 of 300 -> LQ 0.5, the lowest of three
    assert r.key_numbers == {"persons_engaged": 20, "lq": 0.5, "rank": 3, "establishments": 3}
    assert ("persons_engaged", "all") in r.table.index  # several industries keep the total row


def _score_keys() -> dict:
    wards = {"events": 2.0, "diversity_start": 40.0, "churn_all": 0.05}
    return {
        "p1_n_candidates": 10, "p1_n_priority": 3, "p1_corr_association_region": -0.2,
        "p1_corr_association_median": -0.4, "p1_top_priority_by_density": ["x", "y"],
        "p2_spearman_ward_city_lq_min": 0.4, "p2_spearman_ward_city_lq_max": 0.6,
        "p2_coef_related_municipality": 0.1, "p2_coef_related_prefecture": 0.5,
        "sz_spearman_city_province_lq": 0.7, "p3_va_kyoto_traditional_last": 6.5,
        "p3_va_kyoto_processing_assembly_last": 11.0, "p3_va_last_year": 2010,
        "p3_shift_share_change": -1200.0, "p4_kyoto_city_establishments_change": -0.3,
        "p5_lq_higher_education": 2.5, "p5_rank_lq_higher_education": 1,
        "p6_kyoto_wards": wards, "p6_kyoto_rank_churn_all": 1, "p6_n_cities": 13,
        "p6_kyoto_vs_establishment_noise": "below", "gd_specialisation_churn": 0.1,
        "p7_centrality_percentile_kis": {"strength": 0.7},
        "p7_centrality_percentile_other": {"strength": 0.5},
        "p7_strength_gap_within_ubiquity": 0.1, "p7_region_share_kis_specialised": 0.15,
        "p7_median_prefecture_share_kis_specialised": 0.2, "m3_platform_lq": 0.4,
        "sz_kis_specialised": 2, "gd_kis_specialised": 1}


def test_scorecard_fills_readings_from_key_numbers_and_keeps_the_plan():
    card = proposal_scorecard(_score_keys(), framework_table(), years=(2004, 2012),
                              bands=(0.5, 1.0), sz_year=2016, sz_years=(2013, 2017))
    assert list(card.index) == list(range(1, 8))
    assert card.loc[1, "kyoto_reading"].startswith("10 candidates, 3 in the priority quadrant")
    assert "-1,200 2004-2012" in card.loc[3, "kyoto_reading"]
    assert "2 band-crossing events on 40 specialisations" in card.loc[6, "kyoto_reading"]
    assert set(card["kyoto_evidence"]) <= {"computed", "quoted", "computed and quoted"}
    assert (card["framework_kyoto"] == framework_table()["kyoto"]).all()


def test_scorecard_refuses_a_missing_key_number():
    keys = _score_keys()
    del keys["p4_kyoto_city_establishments_change"]
    with pytest.raises(KeyError, match="p4_kyoto_city_establishments_change"):
        proposal_scorecard(keys, framework_table(), years=(2004, 2012), bands=(0.5, 1.0),
                           sz_year=2016, sz_years=(2013, 2017))


def test_record_saves_the_indicator_table_after_its_numbers(tmp_path):
    out = OutputWriter(tmp_path, notebook="00_demo")
    ind = Indicator(pd.DataFrame({"v": [1.5]}, index=["a"]), {"n": 1})
    out.record(ind, section="1", prefix="x_", table="00_demo_table")
    assert out.keys["x_n"]["value"] == 1
    saved = pd.read_csv(tmp_path / "tables" / "00_demo_table.csv", index_col=0)
    assert saved.loc["a", "v"] == 1.5
    with pytest.raises(TypeError, match="needs a result with a `table` frame"):
        out.record({"n": 2}, table="00_demo_other")
    assert "n" not in out.keys  # nothing recorded when the call is refused
