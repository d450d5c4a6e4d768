"""The scorecard of the seven proposals: indicator, readings and evidence status.

One row per proposal with the indicator used, a one-line reading for each case and whether
its evidence is **computed** from real data, **quoted** from published figures or
**missing**. Readings are filled from the key numbers the sections recorded, so a scorecard
cell cannot say something its section did not compute.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["proposal_scorecard"]

_COLUMNS = ["proposal", "indicator", "kyoto_reading", "shenzhen_reading", "kyoto_evidence",
            "shenzhen_evidence"]


def _rows_1_to_4(k: Mapping[str, Any], years: tuple[int, int], sz_year: Any) -> list[tuple]:
    start, end = years
    return [
        (1, "relatedness density (co-specialisation association) vs PCI of non-specialised "
            "minor groups (2014 census); density-PCI correlation in all prefectures",
         f"{k['p1_n_candidates']} candidates, {k['p1_n_priority']} in the priority quadrant; "
         f"density-PCI correlation {k['p1_corr_association_region']:.2f} (median prefecture "
         f"{k['p1_corr_association_median']:.2f}); densest priority: "
         f"{', '.join(k['p1_top_priority_by_density'][:3])}",
         "no industry data", "computed", "missing"),
        (2, "Spearman of indices between ward, city and prefecture; growth-variety "
            "coefficients at three units",
         f"ward-to-city Spearman of LQs {k['p2_spearman_ward_city_lq_min']:.2f}-"
         f"{k['p2_spearman_ward_city_lq_max']:.2f}; related-variety coefficient "
         f"{k['p2_coef_related_municipality']:+.4f} (municipalities) to "
         f"{k['p2_coef_related_prefecture']:+.4f} (prefectures); linkages not measured",
         f"Spearman of section LQs vs China, Shenzhen city against Guangdong ({sz_year}): "
         f"{k['sz_spearman_city_province_lq']:.2f}; districts within the city in notebook 03; "
         "one year, so no growth-variety coefficients",
         "computed", "computed"),
        (3, "VA per worker on fixed cells (nominal), group medians; shift-share; relatedness "
            "paths",
         f"median traditional group {k['p3_va_kyoto_traditional_last']:.1f} vs processing and "
         f"assembly {k['p3_va_kyoto_processing_assembly_last']:.1f} million yen "
         f"({k['p3_va_last_year']}); employment {k['p3_shift_share_change']:+,.0f} "
         f"{start}-{end}",
         "high-tech output quoted", "computed", "quoted"),
        (4, "manufacturing establishments 2001-2012; establishments per 1,000 persons (2014)",
         f"Kyoto City {k['p4_kyoto_city_establishments_change']:+.0%} establishments; "
         "entry/exit rates missing", "high-tech enterprise counts quoted", "computed",
         "quoted"),
    ]


def _rows_5_to_7(k: Mapping[str, Any], bands: tuple[float, float], sz_year: Any,
                 sz_years: tuple[Any, Any]) -> list[tuple]:
    lower, upper = bands
    t0, t1 = sz_years
    wards = k["p6_kyoto_wards"]
    return [
        (5, "LQ of higher education and research institutes; spin-outs; research park",
         f"higher education LQ {k['p5_lq_higher_education']:.2f} (rank "
         f"{k['p5_rank_lq_higher_education']}); Kyoto University spin-outs quoted",
         "no spin-out series; firm-led R&D quoted", "computed and quoted", "quoted"),
        (6, f"churn of ward specialisations 2004-2012 with hysteresis (LQ < {lower} to "
            f">= {upper:g}), pooled by city, against noise benchmarks and the other cities' "
            "rate; Mekiki committee",
         "city as a whole: not measurable; wards pooled: "
         f"{wards['events']:.0f} band-crossing events on {wards['diversity_start']:.0f} "
         f"specialisations (churn {wards['churn_all']:.3f}, rank "
         f"{k['p6_kyoto_rank_churn_all']} of {k['p6_n_cities']} from the lowest; "
         f"{k['p6_kyoto_vs_establishment_noise']} the plant-turnover noise range)",
         f"Guangdong, {t0}-{t1}: {k['gd_specialisation_churn']:.0%} of the 19 sections "
         "changed specialisation status (province level; no city series)",
         "computed", "computed"),
        (7, "centrality of knowledge-intensive services; Kyoto's specialisation in them; M3: "
            "internet-based services (stock)",
         "mean percentile of strength in the full weighted industry space "
         f"{k['p7_centrality_percentile_kis']['strength']:.2f} (other industries "
         f"{k['p7_centrality_percentile_other']['strength']:.2f}; gap within ubiquity "
         f"quintiles {k['p7_strength_gap_within_ubiquity']:+.2f}); Kyoto specialised in "
         f"{k['p7_region_share_kis_specialised']:.0%} of them (median prefecture "
         f"{k['p7_median_prefecture_share_kis_specialised']:.0%}); internet services LQ "
         f"{k['m3_platform_lq']:.2f}; new platform business not measurable",
         f"knowledge-intensive sections (I, J, L, M) with LQ >= 1 vs China: Shenzhen "
         f"{k['sz_kis_specialised']} of 4 ({sz_year}), Guangdong {k['gd_kis_specialised']} "
         f"of 4 ({t1}); no industry-space centrality at 19 sections; platform institutions "
         "missing",
         "computed and quoted", "computed"),
    ]


def proposal_scorecard(keys: Mapping[str, Any], framework: pd.DataFrame, *,
                       years: tuple[int, int], bands: tuple[float, float], sz_year: Any,
                       sz_years: tuple[Any, Any]) -> pd.DataFrame:
    """One row per proposal: indicator, Kyoto and Shenzhen readings, evidence status.

    ``keys`` maps key-number names to their values (the ``value`` of each entry of
    :attr:`smartregion.outputs.OutputWriter.keys`); ``framework`` is
    :func:`smartregion.policy.framework_table`, whose planned readings are kept beside the
    ones computed (``framework_kyoto``, ``framework_shenzhen``). ``years`` is the start and
    end of the municipal employment comparisons, ``bands`` the hysteresis band of proposal 6,
    ``sz_year`` the year of Shenzhen's district table and ``sz_years`` the first and last
    year of the provincial panel.

    Raises
    ------
    KeyError
        A key number a reading needs was not recorded (the section did not run).
    """
    rows = [*_rows_1_to_4(keys, years, sz_year), *_rows_5_to_7(keys, bands, sz_year, sz_years)]
    card = pd.DataFrame(rows, columns=_COLUMNS).set_index("proposal")
    card.insert(0, "title", framework["title"])
    card["framework_kyoto"] = framework["kyoto"]
    card["framework_shenzhen"] = framework["shenzhen"]
    return card
