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
# one figure, and a short reading for Kyoto, and for Shenzhen where anything can be said. The
# last section collects the readings in a scorecard that states, proposal by proposal, whether
# the evidence is **computed** from real data, **quoted** from published figures, or
# **missing**.
#
# Data: the 2014 Economic Census (42 prefectures x 522 minor groups; persons engaged and
# establishments), the METI Census of Manufactures municipal tables 2001-2012 (municipalities
# and the wards of designated cities x 20 harmonised manufacturing groups), and transcribed
# published figures with their citations.
#
# Outputs: figures `06_p1_target_selection`, `06_p2_spatial_units`, `06_p3_value_added`,
# `06_p3_shift_share`, `06_p3_manufacturing_space`, `06_p4_establishments`,
# `06_p5_university_industry`, `06_p6_churn`, `06_p7_services_centrality` (PNG and PDF);
# tables `06_p1_candidates`, `06_p1_quadrants`, `06_p2_rank_stability`,
# `06_p2_kyoto_units`, `06_p3_value_added_per_worker`, `06_p3_shift_share`,
# `06_p3_paths`, `06_p4_establishments`, `06_p4_establishment_density`,
# `06_p5_indicators`, `06_quoted_facts`, `06_p6_churn`, `06_p6_entries`,
# `06_p7_services`, `06_scorecard`; `key_numbers/06_policy_proposals.json`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed: network layout and the jitter of one strip plot
region = "Kyoto"  # prefecture of interest in the 2014 Economic Census
city_code = "26100"  # Kyoto City in the municipal manufacturing tables
prefecture_code = "26"  # Kyoto Prefecture
start_year = 2004  # first year with complete industry detail for Kyoto City's wards
end_year = 2012  # last year of the municipal manufacturing tables
va_years = list(range(2001, 2012))  # value added is not usable for 2012
traditional_groups = ["textiles_apparel", "food", "beverages_tobacco_feed",
                      "ceramics_stone_clay", "furniture", "wood"]
key_groups = ["textiles_apparel", "electrical_electronic", "machinery", "food", "printing"]
knowledge_services = ["37", "38", "39", "40", "41", "62", "63", "64", "65", "66", "67",
                      "71", "72", "73", "74"]  # JSIC major groups: G, J, L
rca_threshold = 1.0

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from smartregion import SmartRegionWarning
from smartregion import network as nw
from smartregion.complexity import complexity_outlook, pci
from smartregion.datasets.facts import load_facts
from smartregion.datasets.jp_census import load_jp_economic_census_2014, minor_group_labels
from smartregion.datasets.jp_manufactures import load_jp_manufactures_municipal
from smartregion.models import spatial_unit_sensitivity
from smartregion.outputs import OutputWriter
from smartregion.plots import (compute_layout, density_complexity_scatter, index_timeseries,
                               industry_space_plot, lq_heatmap)
from smartregion.policy import framework_table, specialisation_churn, target_selection
from smartregion.relatedness import proximity
from smartregion.shiftshare import shift_share
from smartregion.structure import location_quotient, specialisation
from smartregion.variety import related_unrelated_variety

rng = np.random.default_rng(seed)
out = OutputWriter(output_dir, notebook="06_policy_proposals")
framework = framework_table()

# %% [markdown]
# ## 0. Data
#
# The municipal manufacturing tables publish industry detail for cities and wards but often
# only a total for towns and villages, and they suppress small cells. Each load below states
# what it keeps; the panels used for indices have no suppressed cell (`suppressed="raise"`),
# so nothing is silently set to zero. In 2001-2003, 3-16 % of Kyoto City's manufacturing
# employment sits in suppressed ward cells; from 2004 on the unpublished share is below
# 0.3 %, which is why employment comparisons start in 2004. Value added is suppressed more often; it
# is used only as a ratio over the cells where both value added and employment are published.

# %%
census = load_jp_economic_census_2014(measure="employment", regions="prefectures")
census_est = load_jp_economic_census_2014(measure="establishments", regions="prefectures")
panel14 = census.panel
hier14 = panel14.hierarchy.assign(name=minor_group_labels(panel14.industries))

loaded = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", SmartRegionWarning)
    # municipalities and wards, end year: spatial units, proximity of the 20 groups
    loaded["muni_end"] = load_jp_manufactures_municipal(
        "employees", years=[end_year], level="municipality", suppressed="raise")
    # designated cities whole, start and end years: shift-share and churn
    loaded["city_emp"] = load_jp_manufactures_municipal(
        "employees", years=[start_year, end_year], level="city", suppressed="raise")
    # designated cities whole, every year: establishment counts (never suppressed)
    loaded["city_est"] = load_jp_manufactures_municipal(
        "establishments", level="city", suppressed="raise")
    # value added, employees and establishments as published (long tables, NaN = suppressed)
    for measure in ("value_added", "employees", "establishments"):
        loaded[f"long_{measure}"] = load_jp_manufactures_municipal(
            measure, years=va_years, level="municipality")
groups = loaded["muni_end"].tables["groups"].set_index("harmonised_group")
gname = groups["name_en"].str.split(" (", regex=False).str[0].to_dict()
gname = {k: v.replace(", electronics and ICT equipment", " and electronics") for k, v in
         gname.items()}
load_summary = pd.DataFrame({
    name: {"regions_in_panel": None if ds.panel is None else len(ds.panel.regions),
           "years": f"{ds.tables['coverage']['year'].min()}-"
                    f"{ds.tables['coverage']['year'].max()}",
           "regions_left_out_no_detail": ds.report["panel_policy"].get(
               "regions_left_out_for_missing_industry_detail"),
           "suppressed_cells": ds.report["panel_policy"].get("suppressed_cells")}
    for name, ds in loaded.items()}).T
print(f"{len(caught)} loader warnings (regions left out for want of industry detail; long "
      "tables without a panel where cells are suppressed); counts in the table below.")

# Share of Kyoto City's manufacturing employment (ward totals) whose industry cell is published
parent_of = loaded["long_employees"].tables["regions"].set_index("region")["parent_city"]
emp_long = loaded["long_employees"].tables["long"]
emp_tot = loaded["long_employees"].tables["totals"]
published = (emp_long.loc[emp_long["region"].map(parent_of) == city_code]
             .groupby("year")["value"].sum())
ward_total = (emp_tot.loc[emp_tot["region"].map(parent_of) == city_code]
              .groupby("year")["value"].sum())
suppressed_share = (1 - published / ward_total).round(4)
out.key("kyoto_city_employment_share_not_published_by_industry", suppressed_share,
        section="0")
print("Kyoto City: share of manufacturing employment not published by industry, by year")
print(suppressed_share.to_string())
load_summary

# %% [markdown]
# ## Proposal 1 · Overhaul how target industries are selected
#
# **Indicator.** For every minor group Kyoto Prefecture is *not* specialised in: relatedness
# density (how much of the related know-how is already present) against industry complexity
# (PCI), with both axes cut at the median of the candidates (Balland et al. 2019's
# risk/return view). The complexity outlook gain (COG) adds how much a candidate would open
# up further complex options.

# %%
ts = target_selection(panel14, region, threshold=rca_threshold)
cog = complexity_outlook(panel14, threshold=rca_threshold).cog.loc[region]
ts = ts.assign(cog=cog.reindex(ts.index), name=hier14["name"].reindex(ts.index),
               division=hier14["division"].reindex(ts.index),
               persons_engaged_japan=panel14.matrix().sum().reindex(ts.index))
out.table(ts, "06_p1_candidates", section="P1")
quadrants = ts.groupby("quadrant").agg(candidates=("density", "size"),
                                       mean_density=("density", "mean"),
                                       mean_pci=("pci", "mean"), mean_cog=("cog", "mean"))
out.table(quadrants, "06_p1_quadrants", section="P1")
short = {i: f"{i} {n[:24]}" for i, n in ts["name"].items()}
# The figure uses the same quadrant names and the same median cuts as the table.
fig = density_complexity_scatter(ts["density"].rename(short), ts["pci"].rename(short),
                                 label_top=5, figsize=(9, 6.5),
                                 title=f"{region}: candidate industries, 2014 "
                                       "(not yet specialised)")
out.figure(fig, "06_p1_target_selection", section="P1")
priority = ts.loc[ts["quadrant"] == "priority"].sort_values("cog", ascending=False)
out.key("p1_n_candidates", len(ts), section="P1")
out.key("p1_corr_density_pci_candidates", float(ts["density"].corr(ts["pci"])), section="P1")
out.key("p1_quadrant_counts", quadrants["candidates"], section="P1")
out.key("p1_top_priority_by_cog", priority["name"].head(8).tolist(), section="P1")
out.key("p1_priority_division_counts", priority["division"].value_counts().head(5),
        section="P1")
priority[["name", "division", "density", "pci", "cog"]].head(15).round(3)

# %% [markdown]
# **Reading (Kyoto).** Among Kyoto's 349 candidate industries, relatedness density and
# complexity are strongly negatively correlated (about -0.9): the industries closest to what
# Kyoto already does are the ubiquitous, low-complexity ones, and the complex ones (head
# offices, business consultancies, patent attorneys, graphic design, commodity dealers) are
# those with the least related activity in Kyoto. This is the "diversification dilemma" of
# Balland et al. (2019) in a stark form, and it leaves only 26 candidates in the priority
# corner, against about 150 in each of the easy-diversification and long-shot corners. The
# priority candidates are mostly manufacturing (14 of 26: computers and peripherals, service
# and amusement machines, household electric appliances, motor-vehicle parts, metal products)
# and logistics (5), with complexity only just above the median; ranked by complexity
# outlook gain, computers and peripheral equipment come first. The quadrant is a screening
# device, not a forecast: density and PCI come from one cross-section of 42 prefectures, and
# the cuts are medians, not tested thresholds.
#
# **Shenzhen.** Missing: no public Shenzhen industry x year employment table was found, so
# neither density nor complexity can be computed for it (see notebook 03).

# %% [markdown]
# ## Proposal 2 · Designate the optimal spatial unit
#
# **Indicator.** The same indices computed for wards, for whole cities and for prefectures,
# and the rank correlation (Spearman) between each small unit's value and the value of the
# unit that contains it, across Japan (`models.spatial_unit_sensitivity`). A low correlation
# means the index paints a different picture at each scale. Indices: related and unrelated
# variety of manufacturing employment (20 groups within METI's three industry types), and the
# location quotients of the key groups. Year: the last year of the tables. Location quotients
# are relative to all municipalities with industry detail (the prefecture values cover the
# municipalities with detail only; the coverage is printed below).

# %%
p_muni = loaded["muni_end"].panel
regions_tab = loaded["muni_end"].tables["regions"].set_index("region")
to_city = pd.Series({r: (regions_tab.at[r, "parent_city"] if regions_tab.at[r, "kind"] == "ward"
                         else r) for r in p_muni.regions})
to_pref = pd.Series({r: r[:2] for r in p_muni.regions})


def unit_indices(p):
    var = related_unrelated_variety(p, level="meti_type")[["related", "unrelated"]]
    lq = location_quotient(p)[key_groups].add_prefix("lq_")
    return pd.concat([var, lq], axis=1)


sens = spatial_unit_sensitivity(p_muni, {"city": to_city, "prefecture": to_pref},
                                unit_indices, base_name="municipality")
# Municipalities that are their own "city" (everything except the wards of designated cities)
# are left out of the municipality -> city comparison by the library (``n_singletons``), so
# that row compares wards with the city that contains them.
wards = regions_tab.index[regions_tab["kind"] == "ward"].intersection(p_muni.regions)
v_base = sens.values["municipality"].xs(end_year, level=0)
v_city = sens.values["city"].xs(end_year, level=0)
stab = sens.comparison.copy()
stab.loc[(stab["fine"] == "municipality") & (stab["coarse"] == "city"), "fine"] = "ward"
out.table(stab, "06_p2_rank_stability", section="P2", index=False)
stab.pivot_table(index="index", columns=["fine", "coarse"], values="spearman").round(2)

# %%
ward_en = {"26101": "Kita", "26102": "Kamigyo", "26103": "Sakyo", "26104": "Nakagyo",
           "26105": "Higashiyama", "26106": "Shimogyo", "26107": "Minami", "26108": "Ukyo",
           "26109": "Fushimi", "26110": "Yamashina", "26111": "Nishikyo"}
kyoto_wards = [w for w in wards if str(w).startswith(prefecture_code)]
unit_panels = {"municipality": p_muni, "city": p_muni.aggregate_regions(to_city),
               "prefecture": p_muni.aggregate_regions(to_pref)}
lq_all = {unit: location_quotient(p).xs(end_year, level=0) for unit, p in unit_panels.items()}
rows = {f"{ward_en.get(w, w)} (ward)": lq_all["municipality"].loc[w] for w in kyoto_wards}
rows["Kyoto City"] = lq_all["city"].loc[city_code]
rows["Kyoto Prefecture"] = lq_all["prefecture"].loc[prefecture_code]
lq_units = pd.DataFrame(rows).T
lq_units.columns = [gname[c] for c in lq_units.columns]
var_units = pd.DataFrame({
    **{f"{ward_en.get(w, w)} (ward)": v_base.loc[w, ["related", "unrelated"]]
       for w in kyoto_wards},
    "Kyoto City": v_city.loc[city_code, ["related", "unrelated"]],
    "Kyoto Prefecture": sens.values["prefecture"].xs(end_year, level=0).loc[
        prefecture_code, ["related", "unrelated"]]}).T
kyoto_units = pd.concat([var_units, lq_units], axis=1)
out.table(kyoto_units, "06_p2_kyoto_units", section="P2")
fig = lq_heatmap(lq_units, title=f"Manufacturing location quotients, {end_year}: Kyoto's "
                                 "wards, city and prefecture", figsize=(12, 6.5))
out.figure(fig, "06_p2_spatial_units", section="P2")

tot = loaded["muni_end"].tables["totals"]
pref_total = tot.loc[tot["region"].str.startswith(prefecture_code), "value"].sum()
pref_covered = p_muni.select(regions=[r for r in p_muni.regions
                                      if str(r).startswith(prefecture_code)]).values.sum()
city_share = p_muni.select(regions=kyoto_wards).values.sum() / pref_covered
n_spec_wards = (lq_units.iloc[:len(kyoto_wards)] >= 1).sum()
out.key("p2_prefecture_employment_covered", float(pref_covered / pref_total), section="P2")
out.key("p2_city_share_of_covered_prefecture", float(city_share), section="P2")
out.key("p2_spearman", {f"{r.fine}>{r.coarse}:{r.index}": r.spearman
                        for r in stab.itertuples()}, section="P2")
out.key("p2_wards_specialised_by_group", n_spec_wards, section="P2")
print(f"Kyoto Prefecture: municipalities with industry detail hold {pref_covered / pref_total:.0%} "
      f"of its manufacturing employment; Kyoto City holds {city_share:.0%} of that.")
kyoto_units.round(2)

# %% [markdown]
# **Reading (Kyoto).** Across Japan, a ward's location quotients agree only moderately with
# those of its city (Spearman 0.44-0.67 across the key groups) and its related and unrelated
# variety less still (about 0.4); municipalities and cities agree even less with their
# prefectures (0.22-0.54). The unit therefore changes the picture, most of all between the
# municipality and the prefecture. For Kyoto, city and prefecture look alike on most groups
# (Kyoto City holds 53 % of the manufacturing employment of the prefecture's municipalities
# with industry detail, which cover 88 % of the prefecture), so the choice that matters is
# between the city and its wards. Inside the city the specialisations are sorted by ward:
# textiles and apparel are extreme in Kita and Kamigyo (location quotients above 11, the
# Nishijin weaving district) and present in most other wards; beverages are a Fushimi
# specialisation (location quotient about 11, the sake breweries); electrical machinery and
# electronics are a specialisation of three wards only (Ukyo, Minami, Yamashina); machinery
# is strongest in the central and southern wards (Nakagyo, Higashiyama, Minami). A city- or
# prefecture-level programme would treat Kyoto as moderately specialised in all of these at
# once. The "industrial linkages" half of the proposal (supplier ties, commuting) cannot be
# measured with these tables: **missing**.
#
# **Shenzhen.** Missing: no district-level industry data.

# %% [markdown]
# ## Proposal 3 · Restructure traditional industries to add value
#
# **Indicators.** (a) Value added per person engaged in Kyoto City's traditional groups and in
# its processing and assembly groups (METI's type: machinery, electrical and electronic,
# transport equipment), 2001-2011, against the same ratio for Japan. The ratio is computed
# over ward (and, for Japan, municipality) cells where both value added and employment are
# published; the coverage column gives the share of the group's establishments in those
# cells. (b) Shift-share of Kyoto City's manufacturing employment 2004-2012: national trend,
# industry mix and the regional (local) component, which Esteban-Marquillas splits into a
# competitive and an allocation effect. (c) Relatedness paths from the traditional groups to
# the processing and assembly groups on the manufacturing industry space (proximity of the
# 20 groups across municipalities, last year): the direct proximity of each pair and the best
# route through one intermediate group, the stepping stone whose weaker link is strongest.
# The figure draws the backbone of this small space (maximum spanning tree plus the
# strongest links, mean degree 4) with Kyoto City's specialisations ringed.

# %%
keys = ["year", "region", "industry"]
va = loaded["long_value_added"].tables["long"][keys + ["value"]].rename(columns={"value": "va"})
em = loaded["long_employees"].tables["long"][keys + ["value"]].rename(columns={"value": "emp"})
es = loaded["long_establishments"].tables["long"][keys + ["value"]].rename(
    columns={"value": "est"})
cells = va.merge(em, on=keys).merge(es, on=keys)
cells["ok"] = cells["va"].notna() & cells["emp"].notna() & (cells["emp"] > 0)
cells["va_ok"] = cells["va"].where(cells["ok"], 0.0)
cells["emp_ok"] = cells["emp"].where(cells["ok"], 0.0)
cells["est_ok"] = cells["est"].where(cells["ok"], 0.0)
parent = loaded["long_value_added"].tables["regions"].set_index("region")["parent_city"]
cells["unit"] = np.where(cells["region"].map(parent) == city_code, "Kyoto City", "Japan")
types = groups["meti_type"].to_dict()
cells["block"] = np.where(cells["industry"].isin(traditional_groups), "traditional",
                          np.where(cells["industry"].map(types) == "processing_assembly",
                                   "processing and assembly", "other"))


def va_per_worker(frame, by):
    g = frame.groupby(by)[["va_ok", "emp_ok", "est_ok", "est"]].sum()
    return pd.DataFrame({"va_per_worker_million_yen": g["va_ok"] / g["emp_ok"] / 100.0,
                         "persons_in_published_cells": g["emp_ok"],
                         "coverage_establishments": g["est_ok"] / g["est"]})


kyoto_cells = cells.loc[cells["unit"] == "Kyoto City"]
vapw_groups = va_per_worker(kyoto_cells, ["industry", "year"])
vapw_japan = va_per_worker(cells, ["industry", "year"])  # all published cells, Kyoto included
vapw_groups["relative_to_japan"] = (vapw_groups["va_per_worker_million_yen"]
                                    / vapw_japan["va_per_worker_million_yen"])
vapw_groups = vapw_groups.reset_index()
vapw_groups["group"] = vapw_groups["industry"].map(gname)
vapw_groups["block"] = np.where(vapw_groups["industry"].isin(traditional_groups), "traditional",
                                np.where(vapw_groups["industry"].map(types)
                                         == "processing_assembly", "processing and assembly",
                                         "other"))
out.table(vapw_groups, "06_p3_value_added_per_worker", section="P3", index=False)
blocks = pd.concat({"Kyoto City": va_per_worker(kyoto_cells, ["block", "year"]),
                    "Japan": va_per_worker(cells, ["block", "year"])}, names=["unit"])
block_lines = (blocks["va_per_worker_million_yen"].unstack(["unit", "block"])
               .drop(columns="other", level="block"))
block_lines.columns = [f"{u}: {b}" for u, b in block_lines.columns]

fig, axes = plt.subplots(1, 2, figsize=(14, 4.8))
index_timeseries(block_lines, ylabel="Value added per person engaged (million yen)",
                 xlabel="Year", ax=axes[0],
                 title="Traditional vs processing and assembly groups")
rel = vapw_groups.loc[vapw_groups["block"] != "other"].pivot(
    index="year", columns="group", values="relative_to_japan")
index_timeseries(rel, ylabel="Kyoto City / Japan", xlabel="Year", ax=axes[1],
                 title="Kyoto City's value added per worker relative to Japan")
axes[1].axhline(1.0, color="black", lw=0.8, ls="--")
fig.tight_layout()
out.figure(fig, "06_p3_value_added", section="P3")
first, last = va_years[0], va_years[-1]
kb = blocks.loc["Kyoto City", "va_per_worker_million_yen"].unstack("block")
jb = blocks.loc["Japan", "va_per_worker_million_yen"].unstack("block")
out.key("p3_kyoto_va_per_worker_traditional", kb["traditional"].loc[[first, last]], section="P3")
out.key("p3_kyoto_va_per_worker_processing_assembly",
        kb["processing and assembly"].loc[[first, last]], section="P3")
out.key("p3_japan_va_per_worker_traditional", jb["traditional"].loc[[first, last]], section="P3")
out.key("p3_japan_va_per_worker_processing_assembly",
        jb["processing and assembly"].loc[[first, last]], section="P3")
out.key("p3_min_coverage_establishments_blocks",
        float(blocks.loc["Kyoto City"]["coverage_establishments"]
              .drop("other", level="block").min()), section="P3")
blocks["va_per_worker_million_yen"].unstack("year").round(2)

# %%
p_city = loaded["city_emp"].panel
ss = shift_share(p_city, start_time=start_year, end_time=end_year,
                 method="esteban-marquillas", by="cell").loc[city_code]
ss.index = [gname[i] for i in ss.index]
ss = ss.sort_values("change")
ss_total = ss.sum()
out.table(ss, "06_p3_shift_share", section="P3")
for c in ["start", "end", "change", "national_share", "industry_mix", "regional_share",
          "competitive_effect", "allocation_effect"]:
    out.key(f"p3_shift_share_{c}", float(ss_total[c]), section="P3")
trad_names = [gname[g] for g in traditional_groups]
out.key("p3_shift_share_traditional_change", float(ss.loc[trad_names, "change"].sum()),
        section="P3")

comp = ["national_share", "industry_mix", "regional_share"]
fig, ax = plt.subplots(figsize=(8, 7))
ypos = np.arange(len(ss))
height = 0.27
for k, (c, col) in enumerate(zip(comp, ["#b0b0b0", "#1f77b4", "#d62728"])):
    ax.barh(ypos + (k - 1) * height, ss[c], height=height, color=col,
            label=c.replace("_", " "))
ax.scatter(ss["change"], ypos, color="black", zorder=3, s=14, label="total change")
ax.set_yticks(ypos, ss.index, fontsize=8)
ax.axvline(0, color="black", lw=0.6)
ax.set_xlabel(f"Persons engaged, change {start_year}-{end_year}")
ax.set_title(f"Kyoto City manufacturing employment: shift-share {start_year}-{end_year}")
ax.legend(frameon=False, fontsize=8)
out.figure(fig, "06_p3_shift_share", section="P3")
ss.round(0)

# %%
p_end = p_muni.select(times=[end_year])
phi_m = proximity(p_end, threshold=rca_threshold).xs(end_year, level=0)
phi_m = phi_m.loc[p_end.industries, p_end.industries]
pci_m = pci(p_end, threshold=rca_threshold).xs(end_year, level=0)
lq_city = lq_all["city"].loc[city_code]
attrs = pd.DataFrame({"label": [gname[g] for g in phi_m.index],
                      "meti_type": groups["meti_type"].reindex(phi_m.index).str.replace(
                          "_", " "),
                      "size": p_end.matrix(end_year).sum().reindex(phi_m.index)},
                     index=phi_m.index)
mspace = nw.industry_space(phi_m, attributes=attrs)
mbb = nw.backbone(mspace, avg_degree=4.0)
targets = [g for g in phi_m.index if types[g] == "processing_assembly"]
# Stepping stones: besides the direct link, the best route through one intermediate group k
# (the k that maximises the weaker of the two links, min(phi_sk, phi_kd)).
path_rows = []
for src in traditional_groups:
    for dst in targets:
        via = pd.concat([phi_m.loc[src], phi_m.loc[dst]], axis=1).min(axis=1).drop([src, dst])
        k = via.idxmax()
        path_rows.append({"from": gname[src], "to": gname[dst],
                          "direct_proximity": float(phi_m.loc[src, dst]),
                          "best_stepping_stone": gname[k],
                          "two_step_weakest_link": float(via.max()),
                          "stone_lq_kyoto_city": float(lq_city[k]),
                          "from_lq_kyoto_city": float(lq_city[src]),
                          "to_lq_kyoto_city": float(lq_city[dst])})
paths = pd.DataFrame(path_rows).sort_values("direct_proximity", ascending=False)
out.table(paths, "06_p3_paths", section="P3", index=False)
pci_table = pd.DataFrame({"group": [gname[g] for g in pci_m.index], "pci": pci_m.to_numpy(),
                          "meti_type": groups["meti_type"].reindex(pci_m.index).to_numpy()})
out.key("p3_strongest_direct_link", paths.iloc[0][["from", "to", "direct_proximity"]]
        .to_dict(), section="P3")
out.key("p3_mean_direct_proximity_traditional_to_pa", float(paths["direct_proximity"].mean()),
        section="P3")
out.key("p3_mean_proximity_all_pairs",
        float(phi_m.to_numpy()[np.triu_indices(len(phi_m), 1)].mean()), section="P3")
out.key("p3_pci_processing_assembly", pci_table.set_index("group").loc[
    [gname[g] for g in targets], "pci"], section="P3")

layout_m = compute_layout(mbb, seed=seed, iterations=500)
fig = industry_space_plot(mbb, layout=layout_m, highlight=lq_city >= rca_threshold,
                          color_by="meti_type", size_by="size", labels=True,
                          title=f"Manufacturing space of Japan's municipalities, {end_year}: "
                                "Kyoto City's specialisations ringed", figsize=(9, 8))
out.figure(fig, "06_p3_manufacturing_space", section="P3")
paths.head(10).round(3)

# %% [markdown]
# **Reading (Kyoto).** (a) Value added per person engaged in Kyoto City's traditional groups
# was above the national level of the same groups for most of 2001-2010 (helped by
# beverages and ceramics) but fell back to it by 2011 (9.7 against 9.9 million yen), while
# the processing and assembly groups moved from 15.0 to 18.7 million yen, ending well above
# their national level (14.5 in 2011) after being close to or below it in 2002-2007. The
# traditional block did not add value over the decade; the gap to processing and assembly
# widened. Electrical machinery's ratio rests on the published cells only (coverage falls to
# 58 % of its establishments in 2011), so its level is uncertain; the 2007 peak of the
# traditional block is beverages. (b) Kyoto City lost 11,877 manufacturing jobs between 2004
# and 2012; 62 % of the loss is the national trend, 20 % the industry mix and 19 % the local
# component. Textiles and apparel alone lost 4,016 jobs, mainly because the industry shrank
# nationally (industry mix -1,999); food lost against the national trend (local component
# -1,573); electrical machinery and electronics gained against it (+1,792). (c) Across
# municipalities, the traditional groups are most related to electrical machinery and
# electronics (textiles 0.36, ceramics and clay products 0.36; mean proximity of all pairs
# 0.25) and least to transport equipment (0.11-0.15). Textiles, in which Kyoto City is
# strongly specialised, is itself the best stepping stone from food, beverages and wood
# towards electronics. That Kyoto's component makers grew out of ceramics (Murata, founded in
# 1944, has roots in Kiyomizu-yaki pottery, according to a regional magazine,
# nihonkai-style.com/monostyle/m-kyoto/6915, a secondary source) is a firm history the
# 20-group data can echo but not test. At this resolution the data-driven PCI ranks urban
# daily-life groups (food, printing, beverages) above processing and assembly, so the
# "complex" targets are taken from METI's industry type, not from the PCI (key numbers give
# both).
#
# **Shenzhen.** Quoted only: high-tech products output of over 1.93 trillion yuan in 2016
# (China Daily government portal, secondary source); no industry x year series to compute
# productivity paths.

# %% [markdown]
# ## Proposal 4 · A market-led, innovative entrepreneurship ecosystem
#
# **Indicators.** (a) The number of manufacturing establishments in Kyoto City, 2001-2012,
# against the other designated cities and all municipalities with industry detail (index
# 2001 = 100). (b) Establishments per 1,000 persons engaged in 2014 (all industries,
# manufacturing, knowledge-intensive services), Kyoto Prefecture against the other
# prefectures: a denser population of small establishments is a precondition for market-led
# entry, though stocks are not entry rates. **Entry and exit rates of firms are missing**:
# the public tables give stocks only.

# %%
p_est = loaded["city_est"].panel
est_tot = pd.DataFrame(p_est.values.sum(axis=2), index=p_est.times, columns=p_est.regions)
dcities = loaded["city_est"].tables["regions"].query("kind == 'designated_city'")
dcity_names = dcities.set_index("region")["name_en"].str.split("-shi").str[0]
absent = dcity_names.index.difference(est_tot.columns)  # no industry detail in some year
print("Designated cities without industry detail in every year (left out):",
      ", ".join(dcity_names[absent]))
dcity_names = dcity_names.drop(absent)
est_idx = pd.DataFrame({
    "Kyoto City": est_tot[city_code],
    "Other designated cities": est_tot[[c for c in dcity_names.index if c != city_code]]
    .sum(axis=1),
    "All municipalities with detail": est_tot.sum(axis=1)})
est_idx = 100 * est_idx / est_idx.iloc[0]
est_change = (est_tot.iloc[-1] / est_tot.iloc[0] - 1).loc[dcity_names.index].rename(
    dcity_names).sort_values()
est_table = pd.concat({"establishments_first": est_tot.iloc[0].loc[dcity_names.index],
                       "establishments_last": est_tot.iloc[-1].loc[dcity_names.index]},
                      axis=1).rename(index=dcity_names)
est_table["change"] = est_table["establishments_last"] / est_table["establishments_first"] - 1
est_table = est_table.sort_values("change")
out.table(est_table, "06_p4_establishments", section="P4")

x14 = census.panel.matrix()
n14 = census_est.panel.matrix()
div = hier14["division"]
is_kis = hier14["major_group"].isin(knowledge_services)
dens_est = pd.DataFrame({
    "all_industries": 1000 * n14.sum(axis=1) / x14.sum(axis=1),
    "manufacturing": 1000 * n14.loc[:, div == "E"].sum(axis=1) / x14.loc[:, div == "E"].sum(axis=1),
    "knowledge_services": 1000 * n14.loc[:, is_kis].sum(axis=1) / x14.loc[:, is_kis].sum(axis=1),
})
dens_rank = dens_est.rank(ascending=False, method="min").astype(int).add_prefix("rank_")
dens_table = pd.concat([dens_est, dens_rank], axis=1).sort_values("all_industries",
                                                                 ascending=False)
out.table(dens_table, "06_p4_establishment_density", section="P4")

fig, axes = plt.subplots(1, 2, figsize=(14, 5))
index_timeseries(est_idx, ylabel="Establishments (2001 = 100)", xlabel="Year", ax=axes[0],
                 title="Manufacturing establishments, 2001-2012")
axes[1].barh(np.arange(len(est_change)), 100 * est_change.to_numpy(),
             color=["#d62728" if n == dcity_names[city_code] else "#1f77b4"
                    for n in est_change.index])
axes[1].set_yticks(np.arange(len(est_change)), est_change.index, fontsize=8)
axes[1].set_xlabel(f"Change in manufacturing establishments {p_est.times[0]}-"
                   f"{p_est.times[-1]} (%)")
axes[1].set_title("Designated cities")
fig.tight_layout()
out.figure(fig, "06_p4_establishments", section="P4")
out.key("p4_kyoto_city_establishments_change", float(est_table.loc[dcity_names[city_code],
                                                                   "change"]), section="P4")
out.key("p4_kyoto_city_rank_among_designated_cities_decline",
        int(est_change.rank(method="min").loc[dcity_names[city_code]]), section="P4")
out.key("p4_all_municipalities_change", float(est_idx.iloc[-1][
    "All municipalities with detail"] / 100 - 1), section="P4")
out.key("p4_establishments_per_1000", dens_est.loc[region], section="P4")
out.key("p4_establishments_per_1000_rank", dens_rank.loc[region], section="P4")
dens_table.loc[[region]]

# %%
facts = load_facts("case_figures").tables["figures"]
shenzhen_firm_led = facts.loc[(facts["region"] == "Shenzhen")
                              & facts["indicator"].isin(["rd_intensity",
                                                         "national_high_tech_enterprises"]),
                              ["indicator", "period", "value", "unit", "quote", "citation",
                               "secondary_source"]]
shenzhen_firm_led

# %% [markdown]
# **Reading (Kyoto).** Kyoto City's manufacturing establishments fell by 36 % between 2001
# and 2012, slightly more than the 34 % of all municipalities with industry detail and the
# third-largest fall among the 13 designated cities with complete detail (after Osaka and
# Nagoya). Kyoto Prefecture's manufacturing is made of small units: it has the second-highest
# number of manufacturing establishments per 1,000 persons engaged among the 42 prefectures,
# while for all industries and for knowledge-intensive services it is in the lower half. The
# density of establishments is a stock: it says nothing about how many firms are born and
# die, which is what a market-led ecosystem is about. That measure is **missing**.
#
# **Shenzhen (quoted).** Invest Shenzhen states that about 95 % of the city's R&D investment
# in 2014 came from companies; the count of state-recognised high-tech enterprises is
# reported as about 4,700 around 2015, 8,037 on a 2017 page, 14,400 in 2018 and over 17,000 in
# 2019. All but the first statement come from press pages and reprints (secondary sources,
# flagged in the table), and the series mixes sources with different reference dates.

# %% [markdown]
# ## Proposal 5 · Start-ups built on industry-academia cooperation
#
# **Indicators.** Computed: the weight of universities and research institutes in Kyoto
# Prefecture's employment (location quotients of higher education, JSIC 816, and of
# research institutes, 711-712, in 2014, with Kyoto's rank among 42 prefectures). Quoted:
# Kyoto University's spin-outs (METI's annual survey of university-launched ventures), the
# growth of Kyoto Research Park, and the Kyoto City venture evaluation ("Mekiki") committee.
# The quoted figures are transcribed below with their sources; `secondary_source` is true when
# the page is not the publication of the body that produced the figure.

# %%
lq14 = location_quotient(panel14)
uni_codes = ["816", "711", "712"]
p5 = pd.DataFrame({"name": hier14["name"].reindex(uni_codes),
                   "persons_engaged_region": x14.loc[region, uni_codes],
                   "lq_region": lq14.loc[region, uni_codes],
                   "rank_lq_among_prefectures": lq14[uni_codes].rank(
                       ascending=False, method="min").loc[region].astype(int)})
out.table(p5, "06_p5_indicators", section="P5")
out.key("p5_lq_higher_education", float(p5.loc["816", "lq_region"]), section="P5")
out.key("p5_rank_lq_higher_education", int(p5.loc["816", "rank_lq_among_prefectures"]),
        section="P5")
out.key("p5_lq_natural_science_research", float(p5.loc["711", "lq_region"]), section="P5")

METI_2019 = ("METI, 'Results of the FY2018 Survey on University-Oriented Venture Businesses', "
             "press release, 8 May 2019, https://www.meti.go.jp/english/press/2019/"
             "0508_003.html")
quoted = pd.DataFrame([
    ("Kyoto University", "university_spinouts", "FY2016", 2016, 103, "companies", 2,
     METI_2019, False, "ranking table of the press release"),
    ("Kyoto University", "university_spinouts", "FY2017", 2017, 154, "companies", 2,
     METI_2019, False, "ranking table of the press release"),
    ("Kyoto University", "university_spinouts", "FY2018", 2018, 164, "companies", 2,
     METI_2019, False, "ranking table of the press release; 2,278 in Japan"),
    ("Kyoto University", "university_spinouts", "October 2023", 2023, 273, "companies", 3,
     "University Journal Online, report on METI's FY2023 survey, https://univ-journal.net/"
     "244755/", True, "behind the University of Tokyo (420) and Keio University (291)"),
    ("Kyoto Research Park", "tenant_firms", "1989 (opening)", 1989, 34, "firms", pd.NA,
     "Nishitani, T., 'Kyoto Research Park's 30 years', JST Sangakukan journal, 15 Apr 2020, "
     "https://www.jst.go.jp/tt/journal/journal_contents/2020/04/2004-02-2_article.html",
     True, "written by a former KRP director"),
    ("Kyoto Research Park", "tenant_firms", "c. 2012 (23 years after opening)", 2012, 250,
     "firms", pd.NA, "Osaka University-community relations club report, "
     "http://osaka-ucrc.org/report/index.php?id=85", True,
     "reference year inferred from '23 years' after opening; 2,600 people"),
    ("Kyoto Research Park", "tenant_firms", "October 2014 (25 years)", 2014, 340, "firms",
     pd.NA, "Kyoto Shimbun, quoted at https://hatena.co.jp/media/entry/2014/10/27/153339",
     True, "'about 340 firms, about 4,000 people'"),
    ("Kyoto Research Park", "tenant_firms", "2016", 2016, 380, "organisations", pd.NA,
     "e-kansai.net, 5 Jun 2016, https://e-kansai.net/2016/06/05/", True,
     "organisations rather than firms; 4,200 people"),
    ("Kyoto Research Park", "tenant_firms", "2020 (30 years)", 2020, 480, "firms", pd.NA,
     "Nishitani (2020), JST Sangakukan journal (as above)", True, "4,500 people"),
    ("Kyoto City", "venture_evaluation_committee_founded", "April 1997", 1997, 1997, "year",
     pd.NA, "Nippon Foundation library, report on Kyoto City new-business policy (2001), "
     "http://nippon.zaidan.info/seikabutsu/2001/00562/contents/00047.htm", True,
     "8 members in 2001, chaired by Horiba Masao, vice-chairs Sawa Takamitsu and Inamori "
     "Kazuo; business people and academics only, no officials"),
    ("Kyoto City", "venture_evaluation_ratings", "current", pd.NA, 3, "grades (A/B/C)", pd.NA,
     "ASTEM (committee secretariat), 'Evaluation', https://www.astem.or.jp/"
     "smes-venture-mekiki/point/", False, "A: business likely viable; A-rated plans are "
     "announced publicly"),
], columns=["subject", "indicator", "period", "year", "value", "unit", "rank_in_japan",
            "citation", "secondary_source", "note"])
shenzhen_quotes = facts.loc[facts["region"] == "Shenzhen"].assign(
    subject="Shenzhen", rank_in_japan=pd.NA)[
    ["subject", "indicator", "period", "year", "value", "unit", "rank_in_japan", "citation",
     "secondary_source", "note"]]
quoted_all = pd.concat([quoted, shenzhen_quotes], ignore_index=True)
out.table(quoted_all, "06_quoted_facts", section="P5", index=False)
out.key("p5_kyoto_university_spinouts_fy2018", 164, section="P5")
out.key("p5_n_quoted_rows_secondary", int(quoted_all["secondary_source"].sum()), section="P5")

fig, axes = plt.subplots(1, 2, figsize=(12, 4.3))
ku = quoted.query("indicator == 'university_spinouts'")
axes[0].bar(ku["period"], ku["value"], color=["#1f77b4"] * 3 + ["#9ecae1"])
axes[0].set_ylabel("University-launched ventures (METI count)")
axes[0].set_title("Kyoto University spin-outs (METI survey)")
for x_, v, sec in zip(ku["period"], ku["value"], ku["secondary_source"]):
    axes[0].annotate(f"{v}{' *' if sec else ''}", (x_, v), ha="center", va="bottom", fontsize=8)
krp = quoted.query("indicator == 'tenant_firms'")
axes[1].plot(krp["year"].astype(int), krp["value"], marker="o", color="#d62728")
axes[1].set_ylabel("Tenant firms / organisations")
axes[1].set_xlabel("Year")
axes[1].set_title("Kyoto Research Park tenants (quoted, secondary sources)")
fig.text(0.01, -0.02, "Quoted figures; * secondary source. Sources in tables/06_quoted_facts.csv.",
         fontsize=8)
fig.tight_layout()
out.figure(fig, "06_p5_university_industry", section="P5")
p5

# %% [markdown]
# **Reading (Kyoto).** Higher education is Kyoto Prefecture's most distinctive service
# activity: its location quotient (2.6) is the highest of the 42 prefectures, and research
# institutes for the humanities and social sciences are also over-represented (4th). Research
# institutes for the natural sciences are not (location quotient 0.73, 12th), so Kyoto's
# research weight in employment shows up in higher education rather than in stand-alone
# institutes. The quoted series show the academic base becoming more entrepreneurial: Kyoto
# University was second in Japan for university-launched ventures in METI's FY2016-FY2018
# surveys (103, 154, 164) and third in 2023 (273). The intermediary infrastructure is old and
# growing: Kyoto Research Park opened in 1989 with 34 tenant firms and reports about 480 three
# decades later, and the city has run a business-led venture evaluation committee since
# 1997. The employment weights are **computed**; the rest is **quoted**, mostly from
# secondary sources.
#
# **Shenzhen (quoted).** No spin-out series was found. The quoted statement that about 95 %
# of Shenzhen's R&D investment in 2014 came from companies points to a firm-led rather than
# university-led model.

# %% [markdown]
# ## Proposal 6 · A business-development system founded on entrepreneurial discovery
#
# **Indicators.** Entrepreneurial discovery cannot be observed directly. Its footprint in
# the data is the renewal of a region's specialisations: entries (groups in which a city
# becomes specialised) and exits between 2004 and 2012, relative to the number of
# specialisations at the start (`policy.specialisation_churn`), across the 393 municipalities
# and designated cities with industry detail. For Kyoto City the entries and exits are listed
# with their position in the relatedness/complexity view at the start year (do new
# specialisations come from the "priority" quadrant?). The Mekiki committee's own ratings and
# their hit rate would be the direct measure: **missing** (not published as data).

# %%
churn = specialisation_churn(p_city, start=start_year, end=end_year, threshold=rca_threshold)
churn["size"] = p_city.matrix(start_year).sum(axis=1)
churn["designated_city"] = churn.index.isin(dcity_names.index)
churn["churn_percentile"] = churn["churn"].rank(pct=True)
out.table(churn, "06_p6_churn", section="P6")
ts_city = target_selection(p_city, city_code, time=start_year, threshold=rca_threshold,
                           include_specialised=True)
m_city = specialisation(p_city, threshold=rca_threshold)
m0, m1 = m_city.loc[(start_year, city_code)], m_city.loc[(end_year, city_code)]
moves = pd.DataFrame({"group": [gname[g] for g in m0.index],
                      "specialised_start": m0.to_numpy().astype(bool),
                      "specialised_end": m1.to_numpy().astype(bool)}, index=m0.index)
moves["move"] = np.select([~moves["specialised_start"] & moves["specialised_end"],
                           moves["specialised_start"] & ~moves["specialised_end"],
                           moves["specialised_start"]], ["entry", "exit", "kept"], "absent")
moves = moves.join(ts_city[["density", "pci", "quadrant"]])
out.table(moves, "06_p6_entries", section="P6")
dc_churn = churn.loc[churn["designated_city"]]
out.key("p6_kyoto_city_churn", churn.loc[city_code, ["diversity_start", "entries", "exits",
                                                     "churn", "churn_percentile"]],
        section="P6")
out.key("p6_median_churn_all", float(churn["churn"].median()), section="P6")
out.key("p6_median_churn_designated_cities", float(dc_churn["churn"].median()), section="P6")
out.key("p6_kyoto_city_entries", moves.loc[moves["move"] == "entry", "group"].tolist(),
        section="P6")
out.key("p6_kyoto_city_exits", moves.loc[moves["move"] == "exit", "group"].tolist(),
        section="P6")

fig, ax = plt.subplots(figsize=(7.5, 5))
other = churn.loc[~churn["designated_city"]]
ax.scatter(np.log10(other["size"]), other["churn"], s=10, color="#b0b0b0",
           label="other municipalities")
ax.scatter(np.log10(dc_churn["size"]), dc_churn["churn"], s=30, color="#1f77b4",
           label="designated cities")
ax.scatter(np.log10(churn.loc[city_code, "size"]), churn.loc[city_code, "churn"], s=90,
           color="#d62728", edgecolors="black", zorder=3, label="Kyoto City")
ax.set_xlabel(f"Manufacturing persons engaged {start_year} (log10)")
ax.set_ylabel(f"Churn of specialisations {start_year}-{end_year}\n"
              "(entries + exits) / specialisations at start")
ax.set_title("Renewal of manufacturing specialisations")
ax.legend(frameon=False, fontsize=8)
out.figure(fig, "06_p6_churn", section="P6")
moves.loc[moves["move"] != "absent"].round(3)

# %% [markdown]
# **Reading (Kyoto).** Kyoto City's set of manufacturing specialisations barely changed
# between 2004 and 2012: one entry (furniture and fixtures, which sat in the priority
# quadrant at the start) and no exit, a churn of 0.14 against a median of 0.33 for all
# municipalities. Large, diversified cities turn over fewer specialisations, and the other
# designated cities are also low, so the fair comparison is with them: Kyoto sits in the
# middle of that group. Stability at the level of 20 groups says nothing about discovery
# among firms and products; it does mean that no new group-level specialisation of weight
# emerged in the period. The Mekiki committee (1997-) is the institution closest to an
# entrepreneurial discovery process in the report's sense; its outcomes are not published as
# data.
#
# **Shenzhen.** Missing.

# %% [markdown]
# ## Proposal 7 · A platform-based foundation for regional innovation governance
#
# **Indicators.** Whether knowledge-intensive services (information and communications,
# finance and insurance, scientific research and professional services: JSIC major groups
# 37-41, 62-67, 71-74) sit in central positions of the 2014 industry space, i.e. whether they
# are the kind of activity that links many others; and how strongly Kyoto Prefecture is
# specialised in them. The backbone is built as in notebook 04 (maximum spanning tree plus the
# strongest links, mean degree 4). The institutions that would act as platforms (Kyoto
# Research Park, ASTEM, the Mekiki committee) are quoted under proposal 5.

# %%
phi14 = proximity(panel14, threshold=rca_threshold)
space14 = nw.industry_space(phi14, attributes=hier14)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", SmartRegionWarning)
    bb14 = nw.backbone(space14, avg_degree=4.0)
cent = nw.centrality(bb14)
cent["kis"] = is_kis.reindex(cent.index).to_numpy()
cent["name"] = hier14["name"].reindex(cent.index)
cent["lq_region"] = lq14.loc[region].reindex(cent.index)
cent["specialised_region"] = cent["lq_region"] >= rca_threshold
cent_pct = cent[["degree", "strength", "betweenness", "closeness"]].rank(pct=True)
kis_summary = pd.DataFrame({
    "mean_percentile_kis": cent_pct.loc[cent["kis"]].mean(),
    "mean_percentile_other": cent_pct.loc[~cent["kis"]].mean(),
})
services = cent.loc[cent["kis"]].sort_values("betweenness", ascending=False)
out.table(services, "06_p7_services", section="P7")
kis_share_region = float(cent.loc[cent["kis"], "specialised_region"].mean())
kis_share_all = float(specialisation(panel14, threshold=rca_threshold)
                      .loc[:, is_kis.to_numpy()].mean(axis=1).median())
out.key("p7_n_kis_industries", int(cent["kis"].sum()), section="P7")
out.key("p7_centrality_percentile_kis_vs_other", kis_summary.to_dict(), section="P7")
out.key("p7_region_share_kis_specialised", kis_share_region, section="P7")
out.key("p7_median_prefecture_share_kis_specialised", kis_share_all, section="P7")
out.key("p7_region_specialised_kis", services.loc[services["specialised_region"], "name"]
        .tolist(), section="P7")

fig, axes = plt.subplots(1, 2, figsize=(14, 5))
measures = ["degree", "betweenness", "closeness"]
pos_other = np.arange(len(measures)) * 3.0
axes[0].boxplot([cent_pct.loc[~cent["kis"], c] for c in measures], positions=pos_other,
                widths=0.8, showfliers=False, patch_artist=True,
                boxprops={"facecolor": "#d9d9d9"}, medianprops={"color": "black"})
axes[0].boxplot([cent_pct.loc[cent["kis"], c] for c in measures], positions=pos_other + 1,
                widths=0.8, showfliers=False, patch_artist=True,
                boxprops={"facecolor": "#9ecae1"}, medianprops={"color": "black"})
ks = cent_pct.loc[cent["kis"]]
for k, c in enumerate(measures):
    jitter = rng.uniform(-0.25, 0.25, len(ks))
    axes[0].scatter(pos_other[k] + 1 + jitter, ks[c], s=10, zorder=3,
                    c=np.where(cent.loc[ks.index, "specialised_region"], "#d62728", "#08519c"))
axes[0].set_xticks(pos_other + 0.5, measures)
axes[0].set_ylabel("Percentile rank among the 522 industries")
axes[0].set_title(f"Centrality on the backbone: other industries (grey) vs\n"
                  f"knowledge-intensive services (blue; red dots: {region} specialised)")
top_kis = services.head(15).iloc[::-1]
axes[1].barh(np.arange(len(top_kis)), top_kis["lq_region"],
             color=np.where(top_kis["specialised_region"], "#d62728", "#b0b0b0"))
axes[1].set_yticks(np.arange(len(top_kis)), [n[:40] for n in top_kis["name"]], fontsize=8)
axes[1].axvline(1.0, color="black", lw=0.8, ls="--")
axes[1].set_xlabel(f"Location quotient, {region}")
axes[1].set_title("The 15 most between-central knowledge-intensive services")
fig.tight_layout()
out.figure(fig, "06_p7_services_centrality", section="P7")
kis_summary.round(3)

# %% [markdown]
# **Reading (Kyoto).** On the 2014 backbone, knowledge-intensive services are not more
# central than other industries: their mean percentile rank is about the same for
# betweenness, slightly higher for degree and clearly lower for closeness, so they sit on
# branches rather than in the middle of the network. The network alone does not single them
# out as connectors. Kyoto Prefecture is specialised in 19 % of them, exactly the median
# prefecture, far below Tokyo (81 %) and Osaka (52 %), and in only three of the fifteen with
# the highest betweenness (design services, accounting and tax offices, pawnbrokers). If
# platform-type governance is to rest on business and information services, this is where
# Kyoto is thin; its platform institutions (research park, ASTEM, the evaluation committee)
# are public-private intermediaries rather than a large private services sector. The network
# measures are **computed**; the institutions are **quoted**.
#
# **Shenzhen.** Missing: neither industry data nor quoted figures on platform institutions
# in the packaged tables.

# %% [markdown]
# ## Scorecard
#
# One row per proposal: the indicator used here, the reading for Kyoto and for Shenzhen, and
# the evidence status. The Kyoto readings are filled from the numbers computed above.

# %%
kc = churn.loc[city_code]
ward_rho = stab.loc[stab["fine"] == "ward", "spearman"].median()
rows = [
    (1, framework.loc[1, "title"],
     "relatedness density vs PCI of non-specialised minor groups (2014 census)",
     f"{len(ts)} candidates, {int(quadrants.loc['priority', 'candidates'])} in the priority "
     f"quadrant (density and PCI correlate at {ts['density'].corr(ts['pci']):.2f}); top by "
     f"COG: {', '.join(priority['name'].head(3))}",
     "no industry data", "computed", "missing"),
    (2, framework.loc[2, "title"],
     "Spearman of indices between ward, city and prefecture; Kyoto's wards vs city",
     f"ward-to-city rank agreement: median Spearman {ward_rho:.2f} over the indices; "
     "specialisations sorted by ward; linkages not measured",
     "no district data", "computed", "missing"),
    (3, framework.loc[3, "title"],
     "VA per worker, traditional vs processing-assembly; shift-share; relatedness paths",
     f"traditional VA/worker {kb['traditional'].loc[last]:.1f} vs "
     f"{kb['processing and assembly'].loc[last]:.1f} million yen ({last}); employment "
     f"{ss_total['change']:+,.0f} {start_year}-{end_year}, of which textiles and apparel "
     f"{ss.loc[gname['textiles_apparel'], 'change']:+,.0f}",
     "high-tech output quoted (2016)", "computed", "quoted"),
    (4, framework.loc[4, "title"],
     "manufacturing establishments 2001-2012; establishments per 1,000 persons (2014)",
     f"Kyoto City {100 * est_table.loc[dcity_names[city_code], 'change']:+.0f}% "
     "establishments; entry/exit rates missing",
     "95% of R&D by companies (2014); high-tech enterprise counts", "computed", "quoted"),
    (5, framework.loc[5, "title"],
     "LQ of higher education and research institutes; spin-outs; research park",
     f"higher education LQ {p5.loc['816', 'lq_region']:.2f} (rank "
     f"{int(p5.loc['816', 'rank_lq_among_prefectures'])}); Kyoto University 164 spin-outs "
     "FY2018 (2nd)", "no spin-out series; firm-led R&D quoted", "computed and quoted",
     "quoted"),
    (6, framework.loc[6, "title"],
     "churn of manufacturing specialisations 2004-2012; Mekiki committee",
     f"Kyoto City: {int(kc['entries'])} entry, {int(kc['exits'])} exits, churn "
     f"{kc['churn']:.2f} (percentile {kc['churn_percentile']:.2f})",
     "no industry data", "computed", "missing"),
    (7, framework.loc[7, "title"],
     "centrality of knowledge-intensive services; Kyoto's specialisation in them",
     f"Kyoto specialised in {100 * kis_share_region:.0f}% of them (median prefecture "
     f"{100 * kis_share_all:.0f}%)", "nothing packaged", "computed and quoted", "missing"),
]
scorecard = pd.DataFrame(rows, columns=["proposal", "title", "indicator", "kyoto_reading",
                                        "shenzhen_reading", "kyoto_evidence",
                                        "shenzhen_evidence"]).set_index("proposal")
scorecard["framework_kyoto"] = framework["kyoto"]
scorecard["framework_shenzhen"] = framework["shenzhen"]
out.table(scorecard, "06_scorecard", section="scorecard")
out.key("scorecard_kyoto_evidence", scorecard["kyoto_evidence"], section="scorecard")
out.key("scorecard_shenzhen_evidence", scorecard["shenzhen_evidence"], section="scorecard")
scorecard[["indicator", "kyoto_reading", "shenzhen_reading", "kyoto_evidence",
           "shenzhen_evidence"]]

# %% [markdown]
# Where this scorecard differs from the plan of notebook 01 (`framework_kyoto`,
# `framework_shenzhen` columns), it reports what could actually be done: Shenzhen's
# governance institutions (proposal 7) are not in the packaged fact tables, so that cell is
# missing rather than quoted, and Kyoto's proposals 5 and 7 combine a computed indicator with
# quoted facts.

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))
