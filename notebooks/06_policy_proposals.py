# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · The seven policy proposals
#
# **What this notebook does.** The KIET report closes with seven proposals for smart regional
# innovation. Notebook 01 paired each with an indicator; here each proposal gets one section
# with its indicator computed (or, where public data do not allow it, quoted with its source),
# its figure, and a short reading for Kyoto, and for Shenzhen where anything can be said.
# Kyoto's numbers are read against the same numbers for all other prefectures, cities or
# municipalities before they are called a finding. The last section collects the readings in
# a scorecard that states, proposal by proposal, whether the evidence is **computed** from
# real data, **quoted** from published figures, or **missing**.
#
# The notebook is a case study of Kyoto: ward names, the city code and the prose are Kyoto's,
# so the case is fixed in the code below rather than offered as a parameter. The functions it
# calls take any region: the measures in `smartregion.policy`, and in `smartregion.proposals`
# each section's indicator (returned with the key numbers its reading quotes) and its figure
# (one call, the title stated from the indicator's numbers). The scorecard is this case's.
#
# Data: the 2014 Economic Census (prefectures x JSIC minor groups; persons engaged and
# establishments), the METI Census of Manufactures municipal tables 2001-2012 (municipalities
# and the wards of designated cities x the harmonised manufacturing groups), and transcribed
# published figures with their citations (one section, "Quoted figures"). The shift-share
# decomposition of Kyoto City's manufacturing employment is drawn once, in notebook 02
# (`02_kyoto_city_shift_share`); proposal 3 here uses its numbers, recomputed.
#
# Outputs: figures `06_p1_correlation_across_prefectures`, `06_p1_target_selection`,
# `06_p1_io_linkage_vs_colocation`, `06_p2_coefficients`,
# `06_p3_value_added`, `06_p4_establishments`, `06_p5_academic_employment`, `06_p6_churn`,
# `06_p7_services_centrality` (PNG and PDF); tables `06_p1_density_pci_by_prefecture`,
# `06_p1_relatedness_diagnostics`, `06_p1_candidates`, `06_p1_quadrants`,
# `06_p1_io_linkage_vs_colocation`, `06_p1_sector_pairs`, `06_p2_rank_stability`,
# `06_p2_kyoto_units`, `06_p2_coefficients`, `06_p3_value_added_per_worker`,
# `06_p3_shift_share`, `06_p3_paths`, `06_p4_establishments`, `06_p4_establishment_density`,
# `06_p5_indicators`, `06_p5_quoted_counts`, `06_quoted_facts`, `06_p6_churn`,
# `06_p6_band_sensitivity`, `06_p6_entries`, `06_p7_services`, `06_p7_strength_by_ubiquity`,
# `06_p7_platform_services`, `06_scorecard`;
# `key_numbers/06_policy_proposals.json`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed: the jitter of the strip plots

# %%
import warnings

import numpy as np
import pandas as pd

from smartregion import SmartRegionWarning
from smartregion import network as nw
from smartregion import policy, proposals
from smartregion.complexity import pci
from smartregion.datasets.facts import record_case_figures
from smartregion.datasets.jp_census import (IO_SECTORS, JSIC13_DIVISIONS, io_flow_matrix,
                                            io_sector_of_minor_group,
                                            load_jp_economic_census_2014,
                                            load_jp_io_tables_2015, minor_group_labels)
from smartregion.datasets.jp_manufactures import load_jp_manufactures_municipal
from smartregion.models import coefficient_sensitivity, frenken_growth, spatial_unit_sensitivity
from smartregion.outputs import OutputWriter
from smartregion.plots import Source, use_style
from smartregion.relatedness import cospecialisation_relatedness, proximity
from smartregion.structure import location_quotient, specialisation

# The case (fixed: the prose, ward names and quoted facts are Kyoto's)
region = "Kyoto"  # prefecture in the 2014 Economic Census
city_code = "26100"  # Kyoto City in the municipal manufacturing tables
prefecture_code = "26"  # Kyoto Prefecture
start_year = 2004  # first year with complete industry detail for Kyoto City's wards
end_year = 2012  # last year of the municipal manufacturing tables
# Value added: 2004-2010 on cells published in every year. 2011 is left out: its figures come
# from the 2012 Economic Census for Business Activity, a different survey with another frame
# (a series break), and 2012 has no usable value added.
va_years = list(range(start_year, 2011))
va_published_years = list(range(2001, 2012))  # to show how published cells change
traditional_groups = ["textiles_apparel", "food", "beverages_tobacco_feed",
                      "ceramics_stone_clay", "furniture", "wood"]
key_groups = ["textiles_apparel", "electrical_electronic", "machinery", "food", "printing"]
rca_threshold = 1.0
lower, upper = policy.HYSTERESIS_LOWER, policy.HYSTERESIS_UPPER  # churn band (proposal 6)

use_style()  # house figure style (text sizes, spines, fonts) for every figure below
rng = np.random.default_rng(seed)
out = OutputWriter(output_dir, notebook="06_policy_proposals")
framework = policy.framework_table()

# %% [markdown]
# ## 0. Data
#
# The municipal manufacturing tables publish industry detail for cities and wards but often
# only a total for towns and villages, and they suppress small cells. Each load below states
# what it keeps; the panels used for indices have no suppressed cell (`suppressed="raise"`),
# so nothing is silently set to zero. Value added is suppressed more often than employment;
# it is used only as a ratio over a fixed set of cells (proposal 3).

# %%
census = load_jp_economic_census_2014(measure="employment", regions="prefectures")
census_est = load_jp_economic_census_2014(measure="establishments", regions="prefectures")
panel14 = census.panel
hier14 = panel14.hierarchy.assign(name=minor_group_labels(panel14.industries))
division_name = {k: v[2] for k, v in JSIC13_DIVISIONS.items()}
CENSUS14 = Source(f"2014 Economic Census (persons engaged, {len(panel14.regions)} prefectures "
                  f"x {len(panel14.industries)} JSIC minor groups)", "2014")

loaded = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", SmartRegionWarning)
    # municipalities and wards, end year: spatial units, proximity of the 20 groups
    loaded["muni_end"] = load_jp_manufactures_municipal(
        "employees", years=[end_year], level="municipality", suppressed="raise")
    # municipalities and wards, start and end years: growth models, ward churn
    loaded["muni_two"] = load_jp_manufactures_municipal(
        "employees", years=[start_year, end_year], level="municipality", suppressed="raise")
    # designated cities whole, start and end years: shift-share and churn
    loaded["city_emp"] = load_jp_manufactures_municipal(
        "employees", years=[start_year, end_year], level="city", suppressed="raise")
    # designated cities whole, every year: establishment counts (never suppressed)
    loaded["city_est"] = load_jp_manufactures_municipal(
        "establishments", level="city", suppressed="raise")
    # value added and employees as published (long tables, NaN = suppressed)
    for measure in ("value_added", "employees"):
        loaded[f"long_{measure}"] = load_jp_manufactures_municipal(
            measure, years=va_published_years, level="municipality")
groups = loaded["muni_end"].tables["groups"].set_index("harmonised_group")
gname = groups["name_en"].str.split(" (", regex=False).str[0].to_dict()
gname = {k: v.replace(", electronics and ICT equipment", " and electronics") for k, v in
         gname.items()}
types = groups["meti_type"].to_dict()
p_muni = loaded["muni_end"].panel  # municipalities and wards with industry detail, end year
print(f"{len(caught)} loader warnings (regions left out for want of industry detail; long "
      "tables without a panel where cells are suppressed); counts in the table below.")

# Share of Kyoto City's manufacturing employment (ward totals) whose industry cell is published
parent_of = loaded["long_employees"].tables["regions"].set_index("region")["parent_city"]
d0 = proposals.unpublished_share(loaded["long_employees"].tables["long"],
                                 loaded["long_employees"].tables["totals"], parent_of, city_code,
                                 start=start_year, early=(2001, 2003))
out.record({"kyoto_city_employment_share_not_published_by_industry": d0.parts["share"],
            **{f"d0_{k}": v for k, v in d0.key_numbers.items()}, "end_year": end_year},
           section="0")
out.say("In 2001-2003, {d0_unpublished_share_2001_2003_min:.0%}-"
        "{d0_unpublished_share_2001_2003_max:.0%} of Kyoto City's manufacturing employment "
        "sits in ward cells whose industry is not published; from {d0_start_year} on the "
        "unpublished share is at most {d0_unpublished_share_from_start_max:.1%}, which is why "
        "employment comparisons start in {d0_start_year}.", section="0")

# %%
proposals.load_summary(loaded)

# %% [markdown]
# ## Q · Quoted figures (published, not computed)
#
# Every published number the readings below use is in this one section: the packaged case
# table (`data/raw/case_figures.csv`, via `load_facts`) and the Kyoto University-industry
# figures transcribed here with their citations. `secondary_source` is true when the page is
# not the publication of the body that produced the figure. Prose reads these numbers from
# key numbers recorded here, never from typed text.

# %%
KU_SPINOUTS = ["kyoto_u_spinouts_fy2016", "kyoto_u_spinouts_fy2017", "kyoto_u_spinouts_fy2018",
               "kyoto_u_spinouts_fy2021", "kyoto_u_spinouts_2023"]
KRP_TENANTS = ["krp_tenants_1989", "krp_tenants_c2012", "krp_tenants_2014", "krp_tenants_2016",
               "krp_tenants_2020"]
KRP_PEOPLE = ["krp_people_c2012", "krp_people_2014", "krp_people_2016", "krp_people_2020"]
SZ_HIGH_TECH_ENTERPRISES = ["sz_national_high_tech_enterprises_c2015",
                            "sz_national_high_tech_enterprises_c2017",
                            "sz_national_high_tech_enterprises_2018",
                            "sz_national_high_tech_enterprises_2019"]
quoted = record_case_figures(out, [
    *KU_SPINOUTS, "japan_university_spinouts_fy2018", "utokyo_spinouts_2023",
    "keio_spinouts_2023", *KRP_TENANTS, *KRP_PEOPLE, "kyoto_mekiki_founded",
    "kyoto_mekiki_members_2001", "kyoto_mekiki_grades", "kyoto_murata_founded",
    "sz_high_tech_output_2016", "sz_rd_business_share_2014", *SZ_HIGH_TECH_ENTERPRISES,
], section="Q", table="06_quoted_facts")
# summaries of quoted series (derived from the table, so not themselves quoted rows)
out.record(proposals.quoted_summaries(
    quoted, first_of={"krp_opening_year": KRP_TENANTS},
    range_of={"sz_hte_quoted": SZ_HIGH_TECH_ENTERPRISES}), section="Q")
out.say("{n_quoted_rows} quoted rows, {n_quoted_rows_secondary} of them from secondary "
        "sources.", section="Q")

# %% [markdown]
# ## P1. Proposal 1 · Overhaul how target industries are selected
#
# **Indicator.** For every minor group a prefecture is *not* specialised in: relatedness
# density (how much of the related know-how is already present) against industry complexity
# (PCI), the risk/return view of Balland et al. (2019). Before reading Kyoto's picture, two
# checks: (a) is Kyoto's correlation between density and complexity different from other
# prefectures'? (b) does the relatedness measure have more than one dimension? Proximity
# (Hidalgo et al. 2007) estimated from only the prefectures is suspect on (b): with so few
# regions, two industries co-occur mostly because both are present in large, diversified
# prefectures. The package default (`relatedness.DEFAULT_METHOD`, used here, in notebook 04,
# notebook 07 and by the command line) is co-specialisation over its expectation under
# independence: observed joint specialisations divided by $u_i u_j / R$, mapped to
# $(a-1)/(a+1)$ (van Eck & Waltman 2009, Neffke & Henning 2013), with only the pairs whose
# joint specialisations are significantly more frequent than the hypergeometric null allows
# kept as weights (Tumminello et al. 2011). The diagnostics below compare it with proximity
# and with the unfiltered co-specialisation. Finer regions would be the other remedy, but
# the 2014 census has no finer unit for its minor groups; for the harmonised manufacturing
# groups the municipal tables allow the comparison.
#
# ### P1a. Is the density-complexity trade-off Kyoto's?
#
# The correlation of density and PCI over each prefecture's candidates, for every
# prefecture, with proximity and with the default relatedness; Kyoto is read against that
# distribution. The diagnostics table gives, for each relatedness, the first-axis share (the
# share of the variance of the industries' relatedness profiles on their first principal
# axis) and the rank correlation of an industry's mean relatedness with its ubiquity: a
# relatedness that mostly ranks industries by how common they are has both high in
# absolute value.

# %%
from smartregion.relatedness import DEFAULT_METHOD, describe_relatedness, relatedness_weights

phi14 = proximity(panel14, threshold=rca_threshold)
assoc14 = cospecialisation_relatedness(panel14, threshold=rca_threshold)
weights14 = relatedness_weights(panel14, threshold=rca_threshold)  # the package default
unfiltered14 = relatedness_weights(panel14, threshold=rca_threshold, significance=None)
candidates14 = {"proximity": phi14, f"{DEFAULT_METHOD} (default)": weights14,
                "co-specialisation, every over-represented pair": unfiltered14,
                "co-specialisation association (signed, not a weight)": assoc14.fillna(0.0)}
# the resolution effect on the same industries: the 20 manufacturing groups, proximity from
# the municipalities with industry detail vs from the same municipalities summed to prefectures
p1a = proposals.trade_off_check(
    panel14, region, candidates=candidates14, default=weights14, time=end_year,
    rows=dict(zip(["proximity", "default", "unfiltered", "association"], candidates14)),
    by_resolution={"manufacturing proximity, municipalities": p_muni,
                   "manufacturing proximity, prefectures": p_muni.aggregate_regions(
                       {r: str(r)[:2] for r in p_muni.regions})},
    complexity=pci(panel14, threshold=rca_threshold), threshold=rca_threshold,
    strong_negative=-0.8)  # a correlation below the cut is called strongly negative
out.record(p1a, section="P1a", prefix="p1_", table="06_p1_relatedness_diagnostics")
out.table(p1a.parts["by_region"], "06_p1_density_pci_by_prefecture", section="P1a",
          note="association: the package default relatedness (significant co-specialisation)")
for k in candidates14:
    print(describe_relatedness(k, p1a.table.loc[k].to_dict()))
out.figure(proposals.trade_off_figure(p1a, region, rng=rng, source=CENSUS14),
           "06_p1_correlation_across_prefectures", section="P1a")
p1a.table.round(3)

# %%
out.say("**Is the trade-off Kyoto's?** With proximity, density and complexity correlate at "
        "{p1_corr_proximity_region:.2f} over Kyoto's candidates, but "
        "{p1_n_prefectures_below_minus_0_8_proximity} of the {p1_n_prefectures} prefectures lie "
        "below {p1_strong_negative_cut} (median {p1_corr_proximity_median:.2f}, 10th-90th "
        "percentile {p1_corr_proximity_p10:.2f} to {p1_corr_proximity_p90:.2f}; highest "
        "{p1_corr_proximity_max:.2f}, {p1_prefecture_highest_corr_proximity}): the correlation "
        "belongs to the proximity matrix, not to Kyoto. {p1_first_axis_share_proximity:.0%} of the "
        "variance of the industries' proximity profiles lies on the first principal axis; an "
        "industry's mean proximity (over all pairs {p1_mean_phi:.2f}) has a rank correlation of "
        "{p1_corr_strength_ubiquity_proximity:.2f} with its ubiquity and a correlation of "
        "{p1_corr_mean_phi_pci:.2f} with its PCI. Proximity from few regions ranks industries by "
        "how widespread they are, as PCI does with the opposite sign, so density and PCI oppose "
        "each other almost anywhere. Keeping every over-represented co-specialised pair does not "
        "escape this (first-axis share {p1_first_axis_share_unfiltered:.0%}, rank correlation with "
        "ubiquity {p1_corr_strength_ubiquity_unfiltered:.2f}: one or two joint specialisations "
        "give rare industries strong links). Keeping only the significant pairs "
        "({p1_share_positive_default:.0%} of all pairs) gives {p1_first_axis_share_default:.0%} "
        "and {p1_corr_strength_ubiquity_default:.2f}, the least one-dimensional weight compared "
        "and so the package default. With it, Kyoto's correlation is "
        "{p1_corr_association_region:.2f} against a median of {p1_corr_association_median:.2f} "
        "({p1_corr_association_p10:.2f} to {p1_corr_association_p90:.2f}), rank "
        "{p1_corr_association_rank_region} of {p1_n_prefectures} from the most negative. Finer "
        "regions, the other remedy, exist for manufacturing only: for its {p1_n_mfg_groups} "
        "groups, proximity's first-axis share is {p1_first_axis_share_mfg_municipalities:.0%} on "
        "{p1_n_municipalities_mfg} municipalities and wards against "
        "{p1_first_axis_share_mfg_prefectures:.0%} on the same plants summed to prefectures. The "
        "census has no finer unit for its {p1_n_minor_groups} minor groups, so their correction is "
        "the null model.", section="P1a")

# %% [markdown]
# ### P1b. Kyoto's candidate industries
#
# Density from the default relatedness; the density cut is the median over Kyoto's
# candidates, and "high complexity" means a PCI above the average industry (PCI > 0), so the
# complex quadrants hold only above-average industries. A target a policy reader can defend
# also has to pass four screens:
#
# * **tradable**: only minor groups of the divisions whose output is sold beyond the region
#   (agriculture, fisheries, mining, manufacturing, information and communications, and
#   scientific and professional services; the division-level reading of the tradable and
#   non-tradable split of Jensen & Kletzer 2005). Local services, construction, utilities
#   and government (e.g. legislative organs, present in one prefecture) are not targets;
#   head-office and ancillary units (codes ending in 0) are left out too;
# * **not noise**: at least `P1_MIN_SIZE` persons engaged nationally and at least
#   `P1_MIN_UBIQUITY` specialised prefectures, so that neither the PCI nor the density rests
#   on one or two observations (the Atlas practice);
# * **stable**: the share of `P1_DRAWS` bootstrap samples of prefectures (relatedness and
#   PCI re-estimated on each) in which the candidate stays in the priority quadrant is at
#   least `P1_STABLE_SHARE`;
# * **complex by fitness too**: its fitness-complexity (Tacchella et al. 2012) is above the
#   median industry's, a check that does not rest on the eigenvector.
#
# Only candidates that pass all four are named in the text and labelled in the figure,
# densest first; the full table keeps every candidate with its screens.

# %%
TRADABLE_DIVISIONS = ["A", "B", "C", "E", "G", "L"]  # goods and traded services
P1_MIN_SIZE = 5000  # persons engaged in Japan
P1_MIN_UBIQUITY = 3  # prefectures specialised in the minor group
P1_DRAWS = 199  # bootstrap samples of prefectures (B + 1 a multiple of 20 for 5% tails)
P1_STABLE_SHARE = 0.8  # share of the samples in the priority quadrant
p1b = proposals.screened_targets(
    panel14, region, relatedness=weights14, hierarchy=hier14,
    tradable_divisions=TRADABLE_DIVISIONS, division_names=division_name, min_size=P1_MIN_SIZE,
    min_ubiquity=P1_MIN_UBIQUITY, n_draws=P1_DRAWS, stable_share=P1_STABLE_SHARE,
    rng=rng.spawn(1)[0], threshold=rca_threshold)
out.record(p1b, section="P1b", prefix="p1_", table="06_p1_candidates")
out.table(p1b.parts["quadrants"], "06_p1_quadrants", section="P1b")
out.figure(proposals.target_selection_figure(p1b, region, source=CENSUS14),
           "06_p1_target_selection", section="P1b")
p1b.parts["priority"][["name", "division", "density", "pci", "share_priority",
                       "fitness_percentile", "stable"]].head(15).round(3)

# %%
out.say("**Reading (Kyoto).** {p1_n_candidates} tradable minor groups are candidates; "
        "{p1_n_not_eligible} are not ({p1_n_not_tradable} local or public services, head offices "
        "and other non-tradable units; {p1_n_noise_screened} tradable groups with fewer than "
        "{p1_min_size:,} persons engaged nationally or fewer than {p1_min_ubiquity} specialised "
        "prefectures). Over the candidates, density and complexity correlate at "
        "{p1_corr_density_pci_candidates:.2f}, and the priority quadrant (denser than the median "
        "candidate, PCI above the average industry) holds {p1_n_priority}, "
        "{p1_priority_manufacturing} in manufacturing. In {p1_n_draws} bootstrap samples of "
        "prefectures, {p1_n_priority_unstable} of them stay in the quadrant less often than "
        "{p1_stable_share:.0%} of the time, and {p1_n_priority_not_fitness_complex} are not above "
        "the median industry by fitness-complexity. {p1_n_stable} pass every screen: "
        "{p1_stable_reading}. With proximity the quadrant would hold {p1_n_priority_proximity} "
        "(column `quadrant_with_proximity`).", section="P1b")

# %% [markdown]
# The quadrant screens; it does not forecast. Density and PCI come from one cross-section of
# prefectures, the density cut is a median, and relatedness measured by co-location says where
# know-how may overlap, not that it does.
#
# **Shenzhen.** Missing: no public Shenzhen industry x year employment table was found, so
# neither density nor complexity can be computed for it (see notebook 03).

# %% [markdown]
# ### P1c. Input-output linkages against co-location, at 12 sectors
#
# Co-location relatedness says that two industries are found in the same prefectures, not
# why. One reason can be measured directly: they buy from and sell to each other. The
# 2015 input-output tables (national, prefectural and city tables reclassified into broad
# sectors, `IO_SECTORS`, by Fukui 2024; `load_jp_io_tables_2015`, which checks that each
# sector's intermediate inputs stay below its gross output) give the national flows $Z_{ij}$
# between sectors. Their linkage is the largest of the four input and output shares between the two
# sectors (`linkages.io_linkage_relatedness`; Ellison, Glaeser & Kerr 2010; Diodato, Neffke &
# O'Clery 2018), with purchases from and sales to a sector's own kind left out. Co-location
# relatedness is brought to the same sectors as the employment-weighted mean relatedness
# between the minor groups of two sectors (`linkages.aggregate_relatedness`; weights: persons
# engaged summed over the prefectures; minor groups mapped to sectors by their JSIC division,
# `io_sector_of_minor_group`). The two are compared over the pairs of sectors by rank
# correlation, with a Mantel permutation test (sectors relabelled at random, seeded).

# %%
io15 = load_jp_io_tables_2015()
p1c = proposals.io_colocation(
    io_flow_matrix(io15, "Japan"),
    {"co-specialisation association": assoc14, "proximity": phi14},
    sector_of=pd.Series({i: io_sector_of_minor_group(i) for i in panel14.industries}),
    weights=panel14.matrix().sum(),  # persons engaged over the prefectures of the panel
    sector_names=IO_SECTORS, regional_flows=(region, io_flow_matrix(io15, region)),
    n_permutations=9999, seed=seed)
out.record(p1c, section="P1c", prefix="p1c_", table="06_p1_io_linkage_vs_colocation")
out.table(p1c.parts["pairs"], "06_p1_sector_pairs", section="P1c", index=False)
out.figure(proposals.io_colocation_figure(p1c, source=Source(
    "2015 input-output table of Japan, 12 sectors (Fukui 2024 compilation); 2014 Economic "
    f"Census ({len(panel14.regions)} prefectures x {len(panel14.industries)} minor groups)",
    "2015 and 2014")), "06_p1_io_linkage_vs_colocation", section="P1c")
p1c.table[["statistic", "p_value", "n_pairs", "null_mean", "null_sd"]].round(3)

# %%
out.say("**Reading.** Over the {p1c_n_pairs} pairs of the {p1c_n_sectors} sectors with census "
        "employment, input-output linkage and co-location (co-specialisation association) have a "
        "rank correlation of {p1c_spearman:.2f}; random relabelling of the sectors gives a "
        "standard deviation of {p1c_null_sd:.2f} and a permutation p-value of {p1c_mantel_p:.2f} "
        "({p1c_n_permutations:,} permutations). At this resolution, sectors that trade with each "
        "other are not the ones that co-specialise across prefectures; the result holds with the "
        "mean instead of the largest share "
        "({p1c_spearman_co_specialisation_association_mean_of_shares:.2f}), with proximity "
        "({p1c_spearman_proximity_max_of_shares:.2f}) and with Kyoto's own table "
        "({p1c_spearman_co_specialisation_association_max_of_shares_kyoto_table:.2f}). The "
        "strongest linkage, {p1c_strongest_io_pair} ({p1c_strongest_io_pair_linkage:.2f}), ranks "
        "{p1c_strongest_io_pair_colocation_rank} of {p1c_n_pairs} in co-location; "
        "{p1c_sector_most_colocated} is the most co-located sector on average and "
        "{p1c_sector_least_colocated} the least. **What 12 sectors cannot show** is the linkage "
        "that matters for targeting: {p1c_share_flows_within_sector:.0%} of Japan's intermediate "
        "flows stay inside a sector ({p1c_share_flows_within_manufacturing:.0%} inside "
        "manufacturing, whose {p1c_n_minor_groups_manufacturing} minor groups are one sector "
        "here), and the census has no employment in the residual sector "
        "({p1c_sectors_without_census_groups}).", section="P1c")

# %% [markdown]
# Whether co-location between minor groups reflects supply chains, shared labour or shared
# knowledge cannot be tested at this resolution: the national input-output table is published
# with far more sectors, and a finer table would be the next step.

# %% [markdown]
# ## P2. Proposal 2 · Designate the optimal spatial unit
#
# **Indicators.** (a) The same indices computed for wards, for whole cities and for
# prefectures, and the rank correlation (Spearman) between each small unit's value and the
# value of the unit that contains it, across Japan (`models.spatial_unit_sensitivity`). A low
# correlation means the index paints a different picture at each scale. Indices: related and
# unrelated variety of manufacturing employment (the harmonised groups within METI's three
# industry types), and the location quotients of the key groups, in the last year of the tables.
# Location quotients are relative to all municipalities with industry detail. (b) What the
# proposal asks for beyond ranks: the same regression at each unit. Employment growth
# 2004-2012 (annualised) on related and unrelated variety at the start, with log size, the
# growth expected from the national industry mix (leave-one-out) and the portfolio's
# relatedness density as controls - rung (2) of notebook 05's ladder, standardised, so the
# coefficients are in standard deviations of growth per standard deviation of variety, the
# scale of notebook 05's figure (`models.frenken_growth`, cross-section, standard errors
# clustered by region), fitted on municipalities and wards, on whole cities, and on
# prefectures (`models.coefficient_sensitivity`). Resolution: the harmonised groups in METI's
# three types, so unrelated variety is at most $\log_2 3$ bits.
#
# ### P2a. The same indices at ward, city and prefecture
#
# The heat map of the wards' location quotients is in notebook 02
# (`02_kyoto_wards_lq_heatmap`, with Kyoto City as the reference area); the table
# `06_p2_kyoto_units` below gives the same wards against all municipalities with industry
# detail, beside the city and the prefecture, each against the units of its own level.

# %%
regions_tab = loaded["muni_end"].tables["regions"]
nest = proposals.nesting(regions_tab, list(p_muni.regions))  # ward -> city -> prefecture
sens = spatial_unit_sensitivity(p_muni, nest,
                                lambda p: policy.unit_indices(p, key_groups, level="meti_type"),
                                base_name="municipality")
# Municipalities that are their own "city" (everything except the wards of designated cities)
# are left out of the municipality -> city comparison by the library (``n_singletons``), so
# that row compares wards with the city that contains them.
p2a = proposals.unit_rank_stability(sens.comparison)
out.record(p2a, section="P2a", prefix="p2_", table="06_p2_rank_stability", index=False)
p2a.table.pivot_table(index="index", columns=["fine", "coarse"], values="spearman").round(2)

# %%
ward_en = {"26101": "Kita", "26102": "Kamigyo", "26103": "Sakyo", "26104": "Nakagyo",
           "26105": "Higashiyama", "26106": "Shimogyo", "26107": "Minami", "26108": "Ukyo",
           "26109": "Fushimi", "26110": "Yamashina", "26111": "Nishikyo"}
kyoto_wards = [w for w in regions_tab.loc[regions_tab["kind"] == "ward", "region"]
               if w in set(p_muni.regions) and w.startswith(prefecture_code)]
lq_all = {unit: location_quotient(p).xs(end_year, level=0) for unit, p in
          {"municipality": p_muni, **{u: p_muni.aggregate_regions(m) for u, m in
                                      nest.items()}}.items()}
var_all = {unit: v.xs(end_year, level=0) for unit, v in sens.values.items()}
p2 = proposals.nested_unit_profile(
    lq_all["municipality"], var_all["municipality"], lq_city=lq_all["city"],
    lq_prefecture=lq_all["prefecture"], variety_city=var_all["city"],
    variety_prefecture=var_all["prefecture"], labels=gname,
    wards={w: ward_en.get(w, w) for w in kyoto_wards}, city=(city_code, "Kyoto City"),
    prefecture=(prefecture_code, "Kyoto Prefecture"),
    named=("textiles_apparel", "beverages_tobacco_feed", "electrical_electronic", "machinery"))
out.record(p2, section="P2a", prefix="p2_", table="06_p2_kyoto_units")
out.record(proposals.prefecture_coverage(p_muni, loaded["muni_end"].tables["totals"],
                                         prefecture_code, kyoto_wards), section="P2a", prefix="p2_")
p2.table.round(2)

# %% [markdown]
# ### P2b. The same growth regression on three spatial units
#
# Indicator (b) above: one model, fitted on municipalities and wards, on whole cities and on
# prefectures. The reading below covers both parts.

# %%
p_two = loaded["muni_two"].panel
rt_two = loaded["muni_two"].tables["regions"].set_index("region")
coefs = coefficient_sensitivity(
    p_two, proposals.nesting(loaded["muni_two"].tables["regions"], list(p_two.regions)),
    lambda q: frenken_growth(q, level="meti_type", standardise=True,
                             controls=("log_size", "expected_growth", "density")),
    base_name="municipality")
coefs = coefs.assign(outcome=f"annualised employment growth {start_year}-{end_year}",
                     resolution="20 groups in 3 METI types",
                     units="SD of growth per SD of the regressor")
out.table(coefs, "06_p2_coefficients", section="P2b", index=False)
p2b = proposals.coefficient_key_numbers(coefs)
out.record(p2b, section="P2b", prefix="p2_")
out.figure(proposals.unit_coefficients_figure(
    p2b, coefs, years=(start_year, end_year), source=Source(
        f"METI Census of Manufactures, municipal tables (persons engaged, "
        f"{len(p_two.industries)} harmonised groups in METI's three types)",
        f"{start_year} and {end_year}")), "06_p2_coefficients", section="P2b")
coefs.loc[coefs["term"].isin(["related", "unrelated"]),
          ["unit", "n_regions", "term", "coef", "se", "p", "nobs"]].round(4)

# %%
out.say("**Reading (Kyoto).** Across Japan, a ward's location quotients agree only moderately with "
        "its city's (Spearman {p2_spearman_ward_city_lq_min:.2f}-"
        "{p2_spearman_ward_city_lq_max:.2f} over the key groups; variety "
        "{p2_spearman_ward_city_variety_min:.2f}-{p2_spearman_ward_city_variety_max:.2f}), and "
        "municipalities agree less with their prefectures "
        "({p2_spearman_municipality_prefecture_lq_min:.2f}-"
        "{p2_spearman_municipality_prefecture_lq_max:.2f}). The regression moves with the unit too "
        "(SD of growth per SD of variety, at equal size, industry mix and density). Related "
        "variety's coefficient is {p2_coef_related_municipality:+.3f} on municipalities and wards "
        "(p = {p2_p_related_municipality:.2g}: places with more related variety grew "
        "{p2_dir_related_municipality}), {p2_coef_related_city:+.3f} on cities (p = "
        "{p2_p_related_city:.2g}) and {p2_coef_related_prefecture:+.3f} on prefectures (p = "
        "{p2_p_related_prefecture:.2g}): it {p2_signs_related} and {p2_trend_related} from "
        "municipalities to prefectures. Unrelated variety's coefficient {p2_signs_unrelated} "
        "({p2_coef_unrelated_municipality:+.3f}, {p2_coef_unrelated_city:+.3f}, "
        "{p2_coef_unrelated_prefecture:+.3f}). {p2_n_variety_coefs_p05} of the "
        "{p2_n_variety_coefs} variety coefficients have p < 0.05, and the prefecture sample has "
        "{p2_n_prefectures} observations. The industry-mix term is "
        "{p2_coef_mix_municipality:+.3f}, {p2_coef_mix_city:+.3f} and "
        "{p2_coef_mix_prefecture:+.3f} (a positive sign: places whose groups grew elsewhere grew "
        "too). For Kyoto, the city holds {p2_city_share_of_covered_prefecture:.0%} of the "
        "manufacturing employment of the prefecture's municipalities with detail (which cover "
        "{p2_prefecture_employment_covered:.0%} of it), so the choice is between the city and its "
        "wards, and the wards sort the specialisations: textiles and apparel peak in "
        "{p2_top_ward_textiles_apparel} (LQ {p2_top_ward_lq_textiles_apparel:.1f}; specialised "
        "wards {p2_n_wards_specialised_textiles_apparel} of {p2_n_wards}), beverages in "
        "{p2_top_ward_beverages_tobacco_feed} ({p2_top_ward_lq_beverages_tobacco_feed:.1f}), "
        "electrical machinery in {p2_top_ward_electrical_electronic} "
        "({p2_top_ward_lq_electrical_electronic:.1f}; specialised wards "
        "{p2_n_wards_specialised_electrical_electronic}), where the city as a whole shows "
        "{p2_city_lq_textiles_apparel:.1f}, {p2_city_lq_beverages_tobacco_feed:.1f} and "
        "{p2_city_lq_electrical_electronic:.1f}.", section="P2b")

# %% [markdown]
# The scale problem the proposal is about is whether a coefficient's sign and size survive the
# change of unit (the reading above). The proposal's other half, industrial linkages (supplier
# ties, commuting), cannot be measured with these tables: **missing**.
#
# **Shenzhen.** Missing: no district x year industry data (notebook 03 has one year of
# district employment by section, too coarse for these indices).

# %% [markdown]
# ## P3. Proposal 3 · Restructure traditional industries to add value
#
# **Indicators.** (a) Value added per person engaged in Kyoto City's traditional groups and
# in its processing and assembly groups (METI's type), against the same groups in Japan;
# (b) the shift-share decomposition of Kyoto City's manufacturing employment; (c) relatedness
# paths from the traditional groups to the processing and assembly groups.
#
# ### P3a. Value added per person engaged, on cells published every year
#
# "Japan" here means all municipalities with published cells, Kyoto City included. Published
# cells change from year to year, so a group total over "the published cells" covers
# different plants each year; the ratio is computed on a **fixed set of cells**, the ward (or
# municipality) x group cells whose value added and employment are both published in every
# year of the window `va_years` (`policy.value_added_blocks`). The window starts in
# `start_year` (before it, much of Kyoto City's ward employment sits in cells whose industry
# is not published, section 0) and ends before 2011 (figures from the 2012 Economic Census for
# Business Activity, another survey frame; 2012 has no usable value added). Values are
# **nominal**: no price index is among the package's data, so changes over time mix
# productivity and prices, while Kyoto-Japan comparisons in the same year are unaffected. A
# block's line is the **median** of its groups; beverages (value added that includes liquor
# tax) is left out of the medians and shown with the other groups in the ratio panel, on a
# logarithmic scale. Which cells and years make its peak is computed
# (`policy.ratio_peak_cells`) from the value added, persons engaged, shipments and
# materials of the same cells.

# %%
with warnings.catch_warnings():
    # long tables only (NaN = suppressed); the panels these loads decline to build are unused
    warnings.simplefilter("ignore", SmartRegionWarning)
    extra = {m: load_jp_manufactures_municipal(m, years=va_years, prefecture=int(
        prefecture_code)).tables["long"] for m in ("shipments", "materials")}
cells = proposals.cell_table({"va": loaded["long_value_added"].tables["long"],
                              "emp": loaded["long_employees"].tables["long"]}, extra)
cells["kyoto_city"] = cells["region"].map(parent_of) == city_code
block_of = {g: ("traditional" if g in traditional_groups else
                "processing and assembly" if types[g] == "processing_assembly" else "other")
            for g in groups.index}
# how the published cells move: persons engaged in Kyoto City's published electrical cells
pub_workers = proposals.published_workers(
    cells, in_region=cells["kyoto_city"], years=va_published_years,
    industry="electrical_electronic")
out.record({f"kyoto_electrical_published_workers_{y}": int(pub_workers.loc[y])
            for y in (2001, 2006, 2008)}, section="P3a", prefix="p3_")
vapw = policy.value_added_blocks(
    cells, in_region=cells["kyoto_city"], years=va_years, block_of=block_of,
    set_apart=("beverages_tobacco_feed",), region_name="Kyoto City", reference_name="Japan",
    region_key="kyoto", reference_key="japan", labels=gname, scale=0.01)
out.record(vapw, section="P3a", prefix="p3_")
out.table(vapw.table.assign(group=vapw.table["industry"].map(gname)),
          "06_p3_value_added_per_worker", section="P3a", index=False)
peak = policy.ratio_peak_cells(vapw.table, cells, in_region=cells["kyoto_city"],
                               industry="beverages_tobacco_feed", unit="Kyoto City",
                               columns=("va", "emp", "shipments", "materials"))
peak_ward = ward_en.get(peak.key_numbers["largest_cell"], peak.key_numbers["largest_cell"])
out.record({**peak.key_numbers, "largest_cell": peak_ward}, section="P3a", prefix="p3_bev_")
out.figure(proposals.value_added_figure(
    vapw, peak, region_label="Kyoto City", reference_label="Japan", block_of=block_of,
    labels=gname, peak_unit=peak_ward, end_year=end_year,
    source=Source("METI Census of Manufactures, municipal tables (value added and persons "
                  "engaged, ward or municipality x harmonised group)",
                  f"{va_years[0]}-{va_years[-1]}")), "06_p3_value_added", section="P3a")
peak.table.assign(ward=peak.table["region"].map(ward_en))

# %%
out.say("**Reading (Kyoto, value added).** {p3_cells_kept:,} of {p3_cells_seen:,} municipality (or "
        "ward) x group cells have value added and employment published in every year "
        "{p3_va_first_year}-{p3_va_last_year}. On them, the median traditional group in Kyoto City "
        "(beverages aside) produced {p3_va_kyoto_traditional_first:.1f} million yen of value added "
        "per person in {p3_va_first_year} and {p3_va_kyoto_traditional_last:.1f} in "
        "{p3_va_last_year}, against {p3_va_japan_traditional_first:.1f} and "
        "{p3_va_japan_traditional_last:.1f} for the same groups in Japan; the median processing "
        "and assembly group went from {p3_va_kyoto_processing_assembly_first:.1f} to "
        "{p3_va_kyoto_processing_assembly_last:.1f} (Japan "
        "{p3_va_japan_processing_assembly_first:.1f} and "
        "{p3_va_japan_processing_assembly_last:.1f}), all nominal. Beverages "
        "({p3_va_beverages_tobacco_feed_kyoto_last:.0f} million yen per person in "
        "{p3_va_last_year}, Japan {p3_va_beverages_tobacco_feed_japan_last:.0f}) peak relative to "
        "Japan at {p3_bev_peak_ratio:.1f} in {p3_bev_peak_year} (other years' median "
        "{p3_bev_median_ratio_other_years:.1f}). Kyoto City's fixed beverages cells number "
        "{p3_bev_n_cells}, and the largest, {p3_bev_largest_cell} ward, holds "
        "{p3_bev_largest_cell_share:.0%} of their value added that year; from the year before, "
        "value added changed by {p3_bev_va_change_at_peak:+.0%}, persons engaged by "
        "{p3_bev_emp_change_at_peak:+.0%}, shipments by {p3_bev_shipments_change_at_peak:+.0%} and "
        "materials by {p3_bev_materials_change_at_peak:+.0%}. One year's shipments of one ward's "
        "plants make the spike, not the group's productivity; the tables cannot say whether tax, "
        "prices or reporting lie behind it. Groups without a ward cell published every year cannot "
        "be followed: {p3_groups_without_fixed_cells_text}. Electrical machinery shows why: the "
        "persons engaged in its published Kyoto City cells were "
        "{p3_kyoto_electrical_published_workers_2001:,} in 2001, "
        "{p3_kyoto_electrical_published_workers_2006:,} in 2006 and "
        "{p3_kyoto_electrical_published_workers_2008:,} in 2008, so a ratio over published cells "
        "would describe different plants each year.", section="P3a")

# %% [markdown]
# ### P3b. Shift-share of Kyoto City's manufacturing employment
#
# National trend, industry mix and the regional (local) component of the change in Kyoto
# City's manufacturing employment from `start_year` to `end_year`; Esteban-Marquillas splits
# the local component into a competitive and an allocation effect
# (`policy.local_shift_share`). The decomposition by group is drawn in notebook 02 (figure
# `02_kyoto_city_shift_share`); here it gives the numbers of the reading (table
# `06_p3_shift_share`).

# %%
p_city = loaded["city_emp"].panel  # designated cities whole (also proposal 6)
ss = policy.local_shift_share(p_city, city_code, start=start_year, end=end_year,
                              labels=gname, blocks={"traditional": traditional_groups},
                              named=("textiles_apparel", "food", "electrical_electronic"))
out.record(ss, section="P3b", prefix="p3_", table="06_p3_shift_share")
ss.table.round(0)

# %% [markdown]
# ### P3c. Relatedness paths from the traditional groups to processing and assembly
#
# On the manufacturing industry space (proximity of the harmonised groups across the
# municipalities with industry detail, last year): the direct proximity of each pair and the
# best route through one intermediate group (`policy.relatedness_paths`; table `06_p3_paths`).
# How much of this proximity lies on one axis is reported under proposal 1
# (`06_p1_relatedness_diagnostics`).

# %%
phi_m = proximity(p_muni, threshold=rca_threshold).xs(end_year, level=0)  # one year loaded
phi_m = phi_m.loc[p_muni.industries, p_muni.industries]
paths = policy.relatedness_paths(
    phi_m, traditional_groups, [g for g in phi_m.index if types[g] == "processing_assembly"],
    lq=lq_all["city"].loc[city_code], labels=gname,
    complexity=pci(p_muni, threshold=rca_threshold).xs(end_year, level=0))
out.record({**paths.key_numbers, "n_municipalities_space": len(p_muni.regions)},
           section="P3c", prefix="p3_")
out.table(paths.table.rename(columns=lambda c: c.replace("_lq", "_lq_kyoto_city")),
          "06_p3_paths", section="P3c", index=False)
paths.table.head(10).round(3)

# %%
out.say("**Reading (Kyoto, employment and paths).** Kyoto City's manufacturing employment (by "
        "group in notebook 02, figure `02_kyoto_city_shift_share`) changed by "
        "{p3_shift_share_change:+,.0f} between {d0_start_year} and {end_year}: national trend "
        "{p3_ss_share_of_change_national_share:.0%} of the change, industry mix "
        "{p3_ss_share_of_change_industry_mix:.0%}, local component "
        "{p3_ss_share_of_change_regional_share:.0%}. Textiles and apparel changed by "
        "{p3_ss_textiles_apparel_change:+,.0f} (industry mix "
        "{p3_ss_textiles_apparel_industry_mix:+,.0f}); the local component is "
        "{p3_ss_food_regional_share:+,.0f} for food and "
        "{p3_ss_electrical_electronic_regional_share:+,.0f} for electrical machinery and "
        "electronics. Across {p3_n_municipalities_space} municipalities and wards, the traditional "
        "groups are on average most related to {p3_most_related_target} (mean proximity "
        "{p3_most_related_target_mean:.2f}; all pairs {p3_mean_proximity_all_pairs:.2f}) and least "
        "to {p3_least_related_target} ({p3_least_related_target_mean:.2f}). The PCI does not put "
        "processing and assembly at the top (best rank {p3_complexity_rank_best_target} of "
        "{p3_n_groups}), so the \"complex\" targets come from METI's type, not from the PCI. That "
        "Kyoto's component makers grew out of ceramics (Murata, founded in "
        "{q_kyoto_murata_founded:.0f}, with roots in Kiyomizu-yaki pottery according to a regional "
        "magazine, a secondary source; table `06_quoted_facts`) is a firm history these data can "
        "echo but not test.", section="P3")

# %% [markdown]
# **Shenzhen.** Quoted only (high-tech products output, table `06_quoted_facts`, a secondary
# source); no industry x year series to compute productivity paths.

# %% [markdown]
# ## P4. Proposal 4 · A market-led, innovative entrepreneurship ecosystem
#
# **Indicators.** (a) The number of manufacturing establishments in Kyoto City, 2001-2012,
# against the other designated cities and all municipalities with industry detail (index
# 2001 = 100; `policy.establishment_change`). (b) Establishments per 1,000 persons engaged in
# 2014 (all industries, manufacturing, knowledge-intensive services as listed under
# proposal 7), Kyoto Prefecture against the other prefectures
# (`policy.establishment_density`): a denser population of small establishments is a
# precondition for market-led entry, though stocks are not entry rates. **Entry and exit
# rates of firms are missing**: the public tables give stocks only.

# %%
p_est = loaded["city_est"].panel
est_tot = pd.DataFrame(p_est.values.sum(axis=2), index=p_est.times, columns=p_est.regions)
dcity_names = loaded["city_est"].tables["regions"].query("kind == 'designated_city'").set_index(
    "region")["name_en"].str.split("-shi").str[0]
absent = dcity_names.index.difference(est_tot.columns)  # no industry detail in some year
print("Designated cities without industry detail in every year (left out):",
      ", ".join(dcity_names[absent]))
est = policy.establishment_change(est_tot, city_code, dcity_names.drop(absent).to_dict(),
                                  region_key="kyoto_city", region_label="Kyoto City",
                                  peers_label="Other designated cities",
                                  all_label="All municipalities with detail")
out.record(est, section="P4", prefix="p4_", table="06_p4_establishments")
div = hier14["division"]
is_kis = pd.Series(hier14.index.isin(list(policy.KNOWLEDGE_INTENSIVE_SERVICES)),
                   index=hier14.index)
dens_table = policy.establishment_density(census_est.panel, panel14, {
    "all_industries": None, "manufacturing": list(div.index[div == "E"]),
    "knowledge_services": list(policy.KNOWLEDGE_INTENSIVE_SERVICES)}).sort_values("all_industries",
                                                                         ascending=False)
out.record({"establishments_per_1000": dens_table.iloc[:, :3].loc[region],
            "establishments_per_1000_rank": dens_table.iloc[:, 3:].loc[region],
            "n_prefectures": len(dens_table)}, section="P4", prefix="p4_")
out.table(dens_table, "06_p4_establishment_density", section="P4")
out.figure(proposals.establishments_figure(
    est, highlight=dcity_names[city_code], region_key="kyoto_city",
    source=Source("METI Census of Manufactures, municipal tables (establishments, designated "
                  "cities and municipalities with industry detail)",
                  f"{est.key_numbers['first_year']}-{est.key_numbers['last_year']}")),
           "06_p4_establishments", section="P4")
dens_table.loc[[region]]

# %%
out.say("**Reading (Kyoto).** Kyoto City's manufacturing establishments changed by "
        "{p4_kyoto_city_establishments_change:+.0%} between {p4_first_year} and {p4_last_year}, "
        "against {p4_all_change:+.0%} for all municipalities with industry detail; among the "
        "{p4_n_peers} designated cities with complete detail its fall ranks "
        "{p4_kyoto_city_rank_among_peers_decline} (larger: {p4_larger_declines_text}). Kyoto "
        "Prefecture has {p4_establishments_per_1000[manufacturing]:.1f} manufacturing "
        "establishments per 1,000 persons engaged, rank "
        "{p4_establishments_per_1000_rank[rank_manufacturing]} of {p4_n_prefectures} prefectures "
        "(all industries: rank {p4_establishments_per_1000_rank[rank_all_industries]}; "
        "knowledge-intensive services: "
        "{p4_establishments_per_1000_rank[rank_knowledge_services]}). **Shenzhen (quoted).** The "
        "count of state-recognised high-tech enterprises appears in {sz_hte_quoted_n} statements, "
        "from {sz_hte_quoted_min:,.0f} to {sz_hte_quoted_max:,.0f} (table `06_quoted_facts`; "
        "mostly press pages and reprints, flagged as secondary, with different reference dates). "
        "Invest Shenzhen's statement on the business share of R&D is in the same table.",
        section="P4")

# %% [markdown]
# The density of establishments is a stock. How many firms are born and die, which is what a
# market-led ecosystem is about, is **missing** from the public tables.

# %% [markdown]
# ## P5. Proposal 5 · Start-ups built on industry-academia cooperation
#
# **Indicators.** Computed: the weight of universities and research institutes in Kyoto
# Prefecture's employment, read against every other prefecture (location quotients of higher
# education, JSIC 816, and of research institutes, JSIC 711 and 712, in 2014;
# `policy.region_industry_profile`). Quoted (section Q), as a table with the source of each
# count: Kyoto University's spin-outs (METI's survey of university-launched ventures) beside
# the national total and two other universities, the tenants of Kyoto Research Park, and the
# Kyoto City venture evaluation ("Mekiki") committee. The quoted counts are not drawn: they
# are stocks of one university and one park at scattered dates, and the package holds no
# series for other universities or parks to set them against.

# %%
uni_codes = {"816": "higher_education", "711": "natural_science_research",
             "712": "humanities_research"}
p5 = policy.region_industry_profile(panel14, region, list(uni_codes))
p5.insert(0, "name", hier14["name"].reindex(p5.index).fillna("the three together"))
out.record({**policy.profile_key_numbers(p5, uni_codes),
            "n_prefectures": int(p5["n_regions"].iloc[0])}, section="P5", prefix="p5_")
out.table(p5, "06_p5_indicators", section="P5")
out.table(quoted.loc[[*KU_SPINOUTS, "japan_university_spinouts_fy2018",
                      "utokyo_spinouts_2023", "keio_spinouts_2023", *KRP_TENANTS],
                     ["period", "value", "unit", "rank_in_country", "citation",
                      "secondary_source"]], "06_p5_quoted_counts", section="P5")
lq_uni = location_quotient(panel14)[list(uni_codes)]  # single period: prefecture x group
out.figure(proposals.profile_strip_figure(
    lq_uni, region, names=hier14["name"], rng=np.random.default_rng([seed, 5]), source=CENSUS14,
    title=f"Higher education's weight in employment: Kyoto ranks {p5.at['816', 'rank_lq']} "
          f"of {len(lq_uni)} prefectures; research institutes rank {p5.at['711', 'rank_lq']} "
          f"(natural sciences) and {p5.at['712', 'rank_lq']} (humanities)"),
           "06_p5_academic_employment", section="P5")
p5

# %%
out.say("**Reading (Kyoto).** Higher education's location quotient in Kyoto Prefecture is "
        "{p5_lq_higher_education:.2f}, rank {p5_rank_lq_higher_education} of {p5_n_prefectures} "
        "prefectures; research institutes have {p5_lq_humanities_research:.2f} for the humanities "
        "and social sciences (rank {p5_rank_lq_humanities_research}) and "
        "{p5_lq_natural_science_research:.2f} for the natural sciences (rank "
        "{p5_rank_lq_natural_science_research}): Kyoto's research weight is in its universities "
        "rather than in stand-alone institutes. The quoted counts (table `06_p5_quoted_counts`) "
        "show an academic base becoming more entrepreneurial: Kyoto University's ventures in "
        "METI's surveys were {q_kyoto_u_spinouts_fy2016:.0f}, {q_kyoto_u_spinouts_fy2017:.0f} and "
        "{q_kyoto_u_spinouts_fy2018:.0f} in FY2016-FY2018 (rank {q_kyoto_u_spinouts_fy2018_rank} "
        "in Japan, of {q_japan_university_spinouts_fy2018:,.0f}), {q_kyoto_u_spinouts_fy2021:.0f} "
        "in FY2021 (a secondary report) and {q_kyoto_u_spinouts_2023:.0f} in October 2023 (rank "
        "{q_kyoto_u_spinouts_2023_rank}, behind Tokyo's {q_utokyo_spinouts_2023:.0f} and Keio's "
        "{q_keio_spinouts_2023:.0f}). Kyoto Research Park opened in {krp_opening_year} with "
        "{q_krp_tenants_1989:.0f} tenant firms and reports about {q_krp_tenants_2020:.0f} (some "
        "{q_krp_people_2020:,.0f} people) three decades later; a business-led venture evaluation "
        "committee has run since {q_kyoto_mekiki_founded:.0f}.", section="P5")

# %% [markdown]
# The employment weights are **computed**; the spin-out, park and committee counts are
# **quoted**, mostly from secondary sources.
#
# **Shenzhen (quoted).** No spin-out series was found. Invest Shenzhen's statement on the
# business share of R&D (section Q) points to a firm-led rather than university-led model.

# %% [markdown]
# ## P6. Proposal 6 · A business-development system founded on entrepreneurial discovery
#
# **Indicators.** Entrepreneurial discovery cannot be observed directly. Its footprint in the
# data is the renewal of specialisations: entries (groups in which a unit becomes
# specialised) and exits between 2004 and 2012, relative to the number of specialisations at
# the start. A location quotient that moves from just below one to just above is not a
# discovery, so entries and exits are counted with hysteresis (`policy.hysteresis_churn`): an
# entry is a move from clearly under-represented, $LQ < 0.5$, to $LQ \ge 1$, an exit the reverse
# (`HYSTERESIS_LOWER`, `HYSTERESIS_UPPER`); the plain count at $LQ = 1$
# (`policy.specialisation_churn`) is shown beside it. A churn rate needs enough
# specialisations and events to be ranked (`policy.churn_measurable`: at least
# `CHURN_MIN_BASE` specialisations and `CHURN_MIN_EVENTS` events). Kyoto City as a whole,
# with only the harmonised groups, cannot meet that; its wards are pooled
# (`policy.pooled_churn`), and so are the wards of the other designated cities, the
# comparison group.
#
# Two benchmarks say how much churn noise alone would make
# (`policy.churn_noise_benchmark`): the start-year panel is copied twice with independent
# noise and the churn between the two copies is counted, in many seeded draws. In the
# *person-level* benchmark each cell varies like a Poisson count of persons, the least
# noise a count can have. In the *establishment-level* benchmark a cell varies like a
# Poisson count of its establishments, each of the cell's mean size (variance = persons x
# mean establishment size): what independent openings and closures of plants, unrelated to
# the region's structure, would produce. Observed churn above the second is renewal that
# random plant turnover does not explain. Where a city's own rate rests on too few events,
# its count is compared with the pooled rate of the other cities' wards
# (`policy.churn_against_group`, a Poisson tail probability). The Mekiki committee's own
# ratings and their hit rate would be the direct measure: **missing** (not published as
# data).

# %%
ward_parent = rt_two.loc[rt_two["kind"] == "ward", "parent_city"]
ward_parent = ward_parent.loc[ward_parent.index.intersection(p_two.regions)]
# establishment-level noise: the mean establishment size of each cell at the start
with warnings.catch_warnings():
    warnings.simplefilter("ignore", SmartRegionWarning)
    est_start = load_jp_manufactures_municipal("establishments", years=[start_year],
                                               level="municipality", suppressed="raise").panel
plant_size, n_without = proposals.mean_plant_size(p_two.matrix(time=start_year),
                                                  est_start.matrix(time=start_year))
out.key("p6_cells_persons_without_establishment", n_without, section="P6")
n_draws = 500
p6 = proposals.ward_churn(p_two, p_city, ward_parent, city_code, start=start_year, end=end_year,
                          lower=lower, upper=upper, plant_size=plant_size, names=dcity_names,
                          n_draws=n_draws, seed=seed, threshold=rca_threshold)
band = proposals.band_sensitivity(p_two, ward_parent, city_code, start=start_year, end=end_year,
                                  upper=upper)
moves = proposals.churn_moves(
    p_two, list(ward_parent.index[ward_parent == city_code]), start=start_year, end=end_year,
    lower=lower, upper=upper, region_names=ward_en, industry_names=gname, threshold=rca_threshold)
for name, ind in (("06_p6_churn", p6), ("06_p6_band_sensitivity", band),
                  ("06_p6_entries", moves)):
    out.record(ind, section="P6", prefix="p6_", table=name, index=name != "06_p6_entries")
out.figure(proposals.churn_figure(
    p6, highlight=city_code, city_label="Kyoto", years=(start_year, end_year),
    lower=lower, upper=upper, n_draws=n_draws,
    source=Source("METI Census of Manufactures, municipal tables (persons engaged and "
                  f"establishments, wards x {len(p_two.industries)} harmonised groups)",
                  f"{start_year} and {end_year}")), "06_p6_churn", section="P6")
p6.table[["city", "regions", "diversity_start", "events", "churn_all", "events_plain",
          "noise_mean_persons", "noise_p05_establishments", "noise_p95_establishments"]].round(3)

# %%
out.say("**Reading (Kyoto).** Kyoto City as a whole, with "
        "{p6_kyoto_city_whole[specialisations_start]} specialisations among the {p6_n_groups} "
        "groups in {d0_start_year} and {p6_kyoto_city_whole[entries]} entry and "
        "{p6_kyoto_city_whole[exits]} exits by {end_year} (plain count), is far below the "
        "{p6_min_base} specialisations and {p6_min_events} events a rate needs. Its "
        "{p6_kyoto_wards[regions]:.0f} wards, pooled, had {p6_kyoto_wards[diversity_start]:.0f} "
        "specialisations and {p6_kyoto_wards[events_plain]:.0f} plain entries and exits, of which "
        "{p6_kyoto_wards[events]:.0f} cross the band from LQ < {p6_lower} to LQ >= {p6_upper} or "
        "back ({p6_kyoto_moves_crossing_band}): a churn of {p6_kyoto_wards[churn_all]:.3f}. Across "
        "all designated cities only {p6_share_plain_events_crossing_band:.0%} of plain events "
        "cross the band; most of the plain count is location quotients moving a little around one. "
        "{p6_n_cities_measurable} of the {p6_n_cities} cities meet the rule for a rate of their "
        "own ({p6_n_cities_measurable_plain} with the plain count), so Kyoto is read against the "
        "group: at the other cities' pooled rate ({p6_kyoto_vs_group[rate_others]:.3f}) its wards "
        "would have had about {p6_kyoto_vs_group[expected_events]:.1f} events, and "
        "{p6_kyoto_vs_group[events]} or fewer has a Poisson probability of "
        "{p6_kyoto_vs_group[p_at_most]:.3f}. The gap depends on the band (table "
        "`06_p6_band_sensitivity`): {p6_band_p_at_most[lower_0_67]:.3f} with the lower edge at "
        "{p6_band_lower[lower_0_67]} ({p6_band_events[lower_0_67]} events), "
        "{p6_band_p_at_most[lower_0_8]:.2f} at {p6_band_lower[lower_0_8]} and "
        "{p6_band_p_at_most[lower_1_0]:.2f} with the plain count: Kyoto's wards lag in moves from "
        "clearly absent to present (or back), not in small moves around one. **Against noise.** "
        "Person-level noise alone gives Kyoto's wards a churn of "
        "{p6_kyoto_noise_persons[mean]:.3f}, and {p6_n_cities_above_noise_p95_persons} of the "
        "{p6_n_cities} cities exceed its 95th percentile: the events are not counting noise. "
        "Random plant openings and closures give {p6_kyoto_noise_establishments[mean]:.3f} "
        "({p6_kyoto_noise_establishments[p05]:.3f} to {p6_kyoto_noise_establishments[p95]:.3f}); "
        "Kyoto's churn is {p6_kyoto_vs_establishment_noise} that range "
        "({p6_kyoto_noise_establishments[share_at_least]:.0%} of draws reach it), and "
        "{p6_n_cities_above_noise_p95_establishments} of {p6_n_cities} cities are above it. "
        "Renewal between broad manufacturing groups is thus within what random plant turnover "
        "makes, and Kyoto's wards renewed less.", section="P6")

# %% [markdown]
# The noise benchmark is a reference, not a model of how plants open and close: it assumes
# independent Poisson turnover of each cell's establishments around the start-year structure.
# The tables show renewal between broad groups of manufacturing; discovery among firms and
# products inside a group is invisible in them. The Mekiki committee is the institution
# closest to an entrepreneurial discovery process in the report's sense, and its outcomes are
# not published as data.
#
# **Shenzhen.** Missing.

# %% [markdown]
# ## P7. Proposal 7 · A platform-based foundation for regional innovation governance
#
# **Indicators.** Whether knowledge-intensive services sit in central positions of the 2014
# industry space, i.e. whether they are the kind of activity that links many others, and how
# strongly Kyoto Prefecture is specialised in them. The list of knowledge-intensive services
# is written out group by group, with the reason for each, in
# `policy.KNOWLEDGE_INTENSIVE_SERVICES` (telecommunications, broadcasting, publishing and
# media production, software and information services, internet-based services, research
# institutes, legal, accounting, consulting, design, advertising, engineering and testing);
# finance and insurance are left out, since their minor groups mix consumer credit and
# pawnbrokers with investment services. The industry space uses the co-specialisation
# association of proposal 1 (over-represented pairs). Centrality is measured on the **full
# weighted industry space**, not on the backbone drawn in notebook 04: that backbone is a
# spanning tree plus a few strong links, most industries are its leaves, and betweenness
# there counts paths along links chosen for drawing. Two measures that use every link and
# its weight: strength (the sum of an industry's positive associations) and eigenvector
# centrality (high when an industry is associated with industries that are themselves
# central). Betweenness on the full weighted graph would need a distance for every pair and
# is left out. Measure area M3 (new business in the platform economy): the 2014 stock of
# internet-based service businesses (JSIC 401, `policy.PLATFORM_SERVICES`).

# %%
space14 = nw.industry_space(weights14, attributes=hier14)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", SmartRegionWarning)
    bb14 = nw.backbone(space14, avg_degree=4.0)
bb_degree = pd.Series(dict(bb14.degree()))
p7 = proposals.services_centrality(
    nw.centrality(space14, measures=["strength", "eigenvector"]), is_kis,
    lq=location_quotient(panel14), region=region, names=hier14["name"],
    specialised=specialisation(panel14, threshold=rca_threshold),
    reasons=policy.KNOWLEDGE_INTENSIVE_SERVICES, threshold=rca_threshold)
out.record({"backbone_share_leaves": float((bb_degree == 1).mean()),
            "n_industries": len(bb_degree), **p7.key_numbers}, section="P7", prefix="p7_")
out.table(p7.table, "06_p7_services", section="P7")
out.table(p7.parts["gap"], "06_p7_strength_by_ubiquity", section="P7")
out.figure(proposals.services_centrality_figure(p7, region, rng=rng, source=CENSUS14),
           "06_p7_services_centrality", section="P7")
p7.parts["summary"].round(3)

# %%
m3 = proposals.industry_stock(panel14, census_est.panel, region, list(policy.PLATFORM_SERVICES))
out.record(m3, section="P7", prefix="m3_platform_", table="06_p7_platform_services")
m3.table

# %%
out.say("**Reading (Kyoto).** In the full weighted industry space the {p7_n_kis_industries} "
        "knowledge-intensive services have mean percentile ranks of "
        "{p7_centrality_percentile_kis[strength]:.2f} (strength) and "
        "{p7_centrality_percentile_kis[eigenvector]:.2f} (eigenvector), against "
        "{p7_centrality_percentile_other[strength]:.2f} and "
        "{p7_centrality_percentile_other[eigenvector]:.2f} for other industries (higher = more "
        "central; Spearman between the measures {p7_spearman_strength_eigenvector:.2f}). Ubiquity "
        "matters: strength has a rank correlation of {p7_spearman_strength_ubiquity:.2f} with the "
        "number of specialised prefectures, and the services are rarer (median ubiquity "
        "{p7_median_ubiquity_kis:.0f} against {p7_median_ubiquity_other:.0f}). Within ubiquity "
        "quintiles (table `06_p7_strength_by_ubiquity`) their strength advantage is "
        "{p7_strength_gap_within_ubiquity:+.2f}, against {p7_strength_gap_raw:+.2f} unmatched: "
        "ubiquity accounts for {p7_strength_gap_share_ubiquity:.0%} of the gap. On notebook 04's "
        "backbone {p7_backbone_share_leaves:.0%} of the {p7_n_industries} industries are leaves, "
        "so ranks there are mostly ties. Kyoto Prefecture is specialised in "
        "{p7_region_share_kis_specialised:.0%} of these services (rank {p7_rank_region_share_kis}; "
        "median prefecture {p7_median_prefecture_share_kis_specialised:.0%}) and in "
        "{p7_n_region_specialised_in_top15} of the fifteen with the highest strength. **M3.** "
        "Internet-based services (JSIC 401) employed {m3_platform_persons_engaged:,} persons in "
        "{m3_platform_establishments:,} establishments in 2014, a location quotient of "
        "{m3_platform_lq:.2f} (rank {m3_platform_rank} of {p5_n_prefectures}); a stock, since new "
        "platform business (entries, start-ups) is not in the package's data.", section="P7")

# %% [markdown]
# Centrality here says that these services co-specialise with many other industries across
# prefectures, not that they broker between them. Kyoto's platform institutions (research
# park, ASTEM, the evaluation committee) are public-private intermediaries rather than a large
# private services sector. The network measures are **computed**; the institutions are
# **quoted**.
#
# **Shenzhen.** Missing: neither industry data nor quoted figures on platform institutions in
# the packaged tables.

# %% [markdown]
# ## Scorecard
#
# One row per proposal: the indicator used here, the reading for Kyoto and for Shenzhen, and
# the evidence status. The Kyoto readings are filled from the key numbers recorded above.

# %%
# Shenzhen's readings from the Chinese tables: the city (its ten districts, 2016), Guangdong
# among the 31 provinces (2013-2017) and China (the sum of the provinces), 19 GB/T sections
from smartregion.datasets.cn_provinces import load_cn_province_sector_employment
from smartregion.datasets.shenzhen import load_cn_shenzhen_districts_2016

sz = proposals.section_profile_readings(
    load_cn_province_sector_employment(incomplete="drop_years").panel,
    load_cn_shenzhen_districts_2016().panel, province="Guangdong", sections=["I", "J", "L", "M"],
    scale=1e4)
# sections I, J, L, M: information, finance, business services, science and technology
out.record(sz, section="Scorecard")
scorecard = proposals.proposal_scorecard(
    {name: v["value"] for name, v in out.keys.items()}, framework,
    years=(start_year, end_year), bands=(lower, upper),
    sz_year=sz.parts["year"], sz_years=(sz.parts["first_year"], sz.parts["last_year"]))
out.table(scorecard, "06_scorecard", section="Scorecard")
out.key("scorecard_kyoto_evidence", scorecard["kyoto_evidence"], section="Scorecard")
out.key("scorecard_shenzhen_evidence", scorecard["shenzhen_evidence"], section="Scorecard")
out.save_keys()
print("\n".join(str(p) for p in out.written))
scorecard[["indicator", "kyoto_reading", "shenzhen_reading", "kyoto_evidence",
           "shenzhen_evidence"]]

# %% [markdown]
# Where this scorecard differs from the plan of notebook 01 (`framework_kyoto`,
# `framework_shenzhen` columns), it reports what could actually be done: Shenzhen's
# governance institutions (proposal 7) are not in the packaged fact tables, so its reading is
# the computed specialisation in knowledge-intensive sections only; proposals 2 and 6 are
# computed for Shenzhen at the coarse resolution of the Chinese tables (GB/T sections; the city
# in one year, its province over 2013-2017), and Kyoto's proposals 5 and 7 combine a computed
# indicator with quoted facts.
