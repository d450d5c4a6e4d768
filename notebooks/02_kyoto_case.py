# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Kyoto case
#
# **What this notebook does.** It profiles Kyoto as a case of smart regional innovation with
# three kinds of evidence, kept apart: headline figures **quoted** from publications (each with
# its citation), the prefecture's industry structure **computed** from the 2014 Economic Census
# against the other prefectures, and the manufacturing path of Kyoto city and its eleven wards
# **computed** from the municipal Census of Manufactures 2001-2012. It ends with a sourced
# account of how Kyoto developed (its generations of firms, the Kyoto firms' model, the
# research park, university spin-outs and the city's venture-evaluation policy), ordered by the
# four measure areas of the KIET framework.
#
# Outputs:
# `tables/02_profile_quoted.csv`, `tables/02_kyoto_top_lq.csv`, `tables/02_prefecture_indices.csv`,
# `tables/02_kyoto_structure_ranks.csv`, `tables/02_kyoto_city_totals.csv`,
# `tables/02_kyoto_suppression.csv`, `tables/02_kyoto_city_variety.csv`,
# `tables/02_kyoto_city_group_change.csv`, `tables/02_kyoto_wards_lq.csv`,
# `figures/02_kyoto_top_lq.png`, `figures/02_kyoto_city_employment.png`,
# `figures/02_kyoto_wards_employment.png`, `figures/02_kyoto_city_shift_share.png`,
# `figures/02_kyoto_wards_lq_heatmap.png`, `tables/02_case_figures_used.csv`,
# `key_numbers/02_kyoto_case.json`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed (nothing random here; kept for a uniform interface)
top_n = 20  # minor groups shown in the location-quotient chart
min_persons = 1000  # smallest Kyoto minor group (persons engaged) admitted to that chart

# %% [markdown]
# The region is fixed, not a parameter: the ward names, the quoted figures and the account of
# firms and institutions below are Kyoto's, and would be wrong for any other place. To run the
# same indices on another region use notebook 07 (any region of any validated panel).

# %%
region = "Kyoto"  # prefecture, as named in the 2014 Economic Census file
prefecture_code = 26  # its prefecture code in the municipal manufacturing tables
city_code = 26100  # Kyoto city (a designated city; its wards are 26101-26111)

# %%
import warnings

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from smartregion import Panel
from smartregion.complexity import economic_complexity
from smartregion.datasets.facts import load_facts, record_case_figures
from smartregion.datasets.jp_census import load_jp_economic_census_2014, minor_group_labels
from smartregion.datasets.jp_manufactures import load_jp_manufactures_municipal
from smartregion.outputs import OutputWriter
from smartregion.plots import (
    METI_TYPE_COLORS,
    METI_TYPE_LABELS,
    PALETTE,
    Source,
    add_source,
    color_for,
    index_small_multiples,
    index_timeseries,
    lq_bar,
    lq_heatmap,
    mark_break,
    use_style,
    wrap_label,
)
from smartregion.shiftshare import shift_share
from smartregion.structure import diversity, herfindahl, krugman_index, location_quotient
from smartregion.variety import related_unrelated_variety

rng = np.random.default_rng(seed)
use_style()
out = OutputWriter(output_dir, notebook="02_kyoto_case")
CENSUS = ("MIC 2014 Economic Census for Business Frame (Fukui 2024 compilation), persons "
          "engaged by JSIC minor group")
CM = ("METI Census of Manufactures, municipal tables (Kondo 2023 compilation), persons "
      "engaged by harmonised manufacturing group")
BREAK_NOTE = ("The 2011 values come from the 2012 Economic Census for Business Activity, not "
              "from a Census of Manufactures (dotted line).")


def load_reporting(loader, *args, **kwargs):
    """Call a loader and print every warning it raises (nothing is hidden)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = loader(*args, **kwargs)
    for w in caught:
        print(f"{w.category.__name__}: {w.message}")
    return result


# %% [markdown]
# ## 1. Economic profile: quoted figures
#
# The figures below are **quoted**, not computed: each comes from the package's
# `case_figures` table, which gives for every figure the page read, the primary publication
# behind it (and whether that publication was itself read), and the access date. Rows flagged
# `secondary_source` were read on a copy, a reprint or a press page rather than on the page of
# the body that produced them; treat them as provisional. Three further rows of that table
# hold numbers this notebook computes from the data (persons engaged 2014, manufacturing
# employees 2001 and 2012); they are used below only as cross-checks, not shown as quotes.

# %%
facts = load_facts("case_figures").tables["figures"]
kyoto_regions = ["Kyoto Prefecture", "Kyoto City", "Japan", "Kyoto Research Park",
                 "Kyoto University"]
profile = facts[facts["region"].isin(kyoto_regions)
                & ~facts["key"].isin(["kyoto_city_manufacturing_employees_2001",
                                      "kyoto_city_manufacturing_employees_2012",
                                      "kyoto_pref_persons_engaged_2014"])].assign(status="quoted")
profile = profile[["key", "region", "indicator", "period", "value", "unit", "rank_in_country",
                   "status", "secondary_source", "primary_source", "primary_seen", "accessed",
                   "quote", "citation", "note"]]
out.table(profile, "02_profile_quoted", section="1", index=False)
out.key("n_profile_figures_quoted", len(profile), section="1")
out.key("n_profile_figures_secondary", int(profile["secondary_source"].sum()), section="1")
record_case_figures(out, [
    "kyoto_pref_population_2016", "kyoto_pref_gdp_2014",
    "kyoto_pref_manufacturing_value_added_2014",
    "kyoto_city_gross_output_share_of_prefecture_2015",
    "kyoto_city_gross_output_share_services_2015",
    "kyoto_city_gross_output_share_manufacturing_2015", "kyoto_city_gdp_fy2008",
    "kyoto_city_gdp_growth_fy2008", "kyoto_city_gdp_fy2014", "kyoto_city_gdp_growth_fy2014",
], section="1")
profile[["key", "period", "value", "unit", "rank_in_country", "secondary_source"]]

# %%
out.say(
    "Read together, the quoted figures describe a prefecture of about "
    "{q_kyoto_pref_population_2016} million people (rank {q_kyoto_pref_population_2016_rank} in "
    "Japan) with a prefectural GDP of {q_kyoto_pref_gdp_2014:,.1f} billion yen in FY2014 (rank "
    "{q_kyoto_pref_gdp_2014_rank}), whose manufacturing value added ranks lower "
    "({q_kyoto_pref_manufacturing_value_added_2014:,.1f} billion yen, rank "
    "{q_kyoto_pref_manufacturing_value_added_2014_rank}). Kyoto city produced about "
    "{q_kyoto_city_gross_output_share_of_prefecture_2015}% of the prefecture's gross output in "
    "2015; services ({q_kyoto_city_gross_output_share_services_2015}%) and manufacturing "
    "({q_kyoto_city_gross_output_share_manufacturing_2015}%) are its two largest sectors (Kyoto "
    "City input-output table 2015). The city's nominal GDP was "
    "{q_kyoto_city_gdp_fy2008} trillion yen in FY2008 ({q_kyoto_city_gdp_growth_fy2008}% on the "
    "year) and {q_kyoto_city_gdp_fy2014} trillion yen in FY2014 "
    "(+{q_kyoto_city_gdp_growth_fy2014}%).", section="1")

# %% [markdown]
# ## 2. Kyoto prefecture's industry structure against the other prefectures (2014)
#
# **Data.** Persons engaged by JSIC Rev.13 minor group (3-digit) in 2014, from the Economic
# Census for Business Frame as compiled by Fukui (2024); hierarchy: minor group → major group
# (2-digit) → division (letter). Letter-suffixed codes that are finer splits of a numeric
# minor group are left out so that no one is counted twice (the loader checks that each set
# adds up to its parent exactly). The compiled file does not hold every prefecture (the
# count is printed below and the missing ones are named in section 3); Japan's national figures
# are kept apart and are not a region of the panel.
#
# **Conventions.** Location quotients compare Kyoto with the sum of the prefectures in the
# file. Specialisation is $M_{ri} = 1[LQ_{ri} \ge 1]$. Herfindahl uses the minor-group shares;
# the Krugman index compares each prefecture with the sum of all *other* prefectures in the
# file (`reference="rest"`, range 0-2). Related variety is the entropy of minor groups within
# major groups and unrelated variety the entropy between major groups, both in bits (log
# base 2; Frenken, Van Oort & Verburg 2007). The ECI is the eigenvector method of Hidalgo &
# Hausmann (2009) on $M$, z-scored with `ddof=0` and signed to correlate positively with
# diversity; it is computed on the minor groups and, as a robustness check, on the 2-digit
# major groups. Ranks count from the highest value among the prefectures in the file.

# %%
census = load_reporting(load_jp_economic_census_2014)
pref = census.panel
japan = census.tables["japan"]
x = pref.matrix()
kyoto_persons = float(x.loc[region].sum())
japan_persons = float(japan["persons_engaged"].sum())
out.key("kyoto_prefecture_persons_engaged_2014", int(round(kyoto_persons)), section="2")
out.key("japan_persons_engaged_2014", int(round(japan_persons)), section="2")
out.key("kyoto_share_of_japan_persons_engaged_2014", kyoto_persons / japan_persons, section="2")
out.key("n_prefectures_in_census_file", len(pref.regions), section="2")
out.key("n_minor_groups", len(pref.industries), section="2")
out.key("census_42_prefectures_share_of_japan", float(x.to_numpy().sum()) / japan_persons,
        section="2")
out.key("n_letter_split_codes_excluded", census.report["n_split_codes_excluded"], section="2")
fact_row = facts[(facts["region"] == "Kyoto Prefecture") & (facts["indicator"] == "persons_engaged")]
out.key("check_persons_engaged_matches_fact_table",
        bool(np.isclose(fact_row["value"].iloc[0], kyoto_persons)), section="2")
out.say("{kyoto_prefecture_persons_engaged_2014:,} persons were engaged in Kyoto prefecture in "
        "2014, {kyoto_share_of_japan_persons_engaged_2014:.2%} of Japan's "
        "{japan_persons_engaged_2014:,}. The file holds {n_prefectures_in_census_file} "
        "prefectures ({census_42_prefectures_share_of_japan:.1%} of Japan's persons engaged) and "
        "{n_minor_groups} minor groups; {n_letter_split_codes_excluded} letter-suffixed split "
        "codes are left out.", section="2")

# %% [markdown]
# ### 2a. Kyoto's strongest specialisations
#
# Minor groups with very few people produce extreme quotients, so the chart keeps groups with
# at least `min_persons` persons engaged in Kyoto. Labels come from the JSIC Rev.14 code list,
# which keeps the Rev.13 minor-group codes in most places but not everywhere: the code is the
# identifier, the label a reading aid. A minor group ending in 0 holds the administrative and
# ancillary establishments (head offices and the like) of its major group; it is labelled with
# the major group's name.

# %%
names = minor_group_labels(pref.industries)
lq = location_quotient(pref)
kyoto_lq = pd.DataFrame({
    "lq": lq.loc[region],
    "persons_engaged": x.loc[region],
    "japan_persons_engaged": japan["persons_engaged"],
}).join(pref.hierarchy)
kyoto_lq["label_rev14"] = names.reindex(kyoto_lq.index)
top = (kyoto_lq[kyoto_lq["persons_engaged"] >= min_persons]
       .sort_values("lq", ascending=False).head(top_n))
out.table(top, "02_kyoto_top_lq", section="2a")
out.key("kyoto_top_lq_minor_group", str(top.index[0]), section="2a")
out.key("kyoto_top_lq_label", str(top["label_rev14"].iloc[0]), section="2a")
out.key("kyoto_top_lq_value", float(top["lq"].iloc[0]), section="2a")
out.key("kyoto_n_specialisations_minor_groups", int((kyoto_lq["lq"] >= 1).sum()), section="2a")

# the code is the identifier; the Rev.14 label is wrapped at word boundaries by lq_bar
bars = pd.Series(top["lq"].to_numpy(),
                 index=[f"{c} {lbl}" for c, lbl in zip(top.index, top["label_rev14"])])
fig = lq_bar(bars, color=color_for(region), label_width=52,
             title=f"{region} prefecture, 2014: its {len(top)} strongest specialisations, led by "
                   f"{top['label_rev14'].iloc[0].lower()} (LQ {top['lq'].iloc[0]:.1f})",
             xlabel=f"Location quotient of persons engaged (Kyoto vs {len(pref.regions)} "
                    "prefectures; 1 = same share)")
add_source(fig, Source(CENSUS, "2014", "computed",
                       f"Minor groups with at least {min_persons:,} persons engaged in Kyoto; "
                       "labels from the JSIC Rev.14 code list; dashed line: LQ = 1."))
out.figure(fig, "02_kyoto_top_lq", section="2a")
top[["lq", "persons_engaged", "major_group", "label_rev14"]]

# %% [markdown]
# ### 2b. Diversification, concentration and complexity among the prefectures

# %%
indices = pd.DataFrame({
    "herfindahl": herfindahl(pref),
    "krugman_vs_rest": krugman_index(pref, reference="rest"),
    "diversity": diversity(pref),
}).join(related_unrelated_variety(pref, level="major_group"))
indices["eci_minor_group"] = economic_complexity(pref).eci
indices["eci_major_group"] = economic_complexity(pref.aggregate("major_group")).eci
out.table(indices, "02_prefecture_indices", section="2b")

ranks = indices.rank(ascending=False, method="min").astype(int)
conventions = {
    "herfindahl": "sum of squared minor-group shares (1 = most concentrated)",
    "krugman_vs_rest": "sum |s_ri - s_i(other 41)| (1 = most dissimilar)",
    "diversity": "number of minor groups with LQ >= 1",
    "total": "entropy of minor-group shares, bits",
    "related": "entropy within major groups, bits (Frenken et al. 2007)",
    "unrelated": "entropy between major groups, bits",
    "eci_minor_group": "eigenvector ECI on M = 1[LQ >= 1], 522 minor groups, z-score ddof 0",
    "eci_major_group": "same, on 2-digit major groups",
}
kyoto_ranks = pd.DataFrame({
    "value": indices.loc[region],
    "rank": ranks.loc[region],
    "n_prefectures": len(indices),
    "convention": pd.Series(conventions),
})
kyoto_ranks.index.name = "index"
out.table(kyoto_ranks, "02_kyoto_structure_ranks", section="2b")
for name in ("herfindahl", "krugman_vs_rest", "related", "unrelated", "eci_minor_group",
             "eci_major_group"):
    out.key(f"kyoto_{name}_rank", int(ranks.loc[region, name]), section="2b")
out.key("kyoto_eci_minor_group", float(indices.loc[region, "eci_minor_group"]), section="2b")
out.key("kyoto_related_variety", float(indices.loc[region, "related"]), section="2b")
out.key("kyoto_unrelated_variety", float(indices.loc[region, "unrelated"]), section="2b")

out.say("Kyoto ranks {kyoto_related_rank} of {n_prefectures_in_census_file} prefectures on related "
        "variety ({kyoto_related_variety:.2f} bits) and {kyoto_unrelated_rank} on unrelated "
        "variety ({kyoto_unrelated_variety:.2f} bits); the scatter of both across the "
        "prefectures is drawn once, in notebook 04 (`04_rv_uv`).", section="2b")
kyoto_ranks

# %% [markdown]
# Kyoto's profile in 2014 is that of a diversified prefecture with an unusually deep mix
# *inside* industries rather than across them: it stands near the top on related variety while
# its unrelated variety is middling, and its structure is neither very concentrated nor very
# different from the rest of Japan. Its strongest quotients mix the old city economy (dyed and
# woven textiles, Japanese-style apparel, tea, religious bodies, universities) with precision
# manufacturing (measuring and analytical instruments, batteries, textile machinery) and with
# the head-office establishments of the electronic-components industry. The ECI places it
# among the more complex prefectures, behind the largest metropolitan economies; the ranks
# above carry the exact positions.

# %% [markdown]
# ## 3. Kyoto city and its wards: manufacturing 2001-2012
#
# **Data.** METI Census of Manufactures, municipal tables 2001-2012, as compiled by Kondo
# (2023): persons engaged (employees) and value added by 2-digit manufacturing group. The
# loader maps the three JSIC revisions used over these years onto harmonised groups, with
# METI's three industry types (basic materials, processing and assembly, daily life) as the
# upper level. Cells that are confidential in the source are **missing, never zero**.
#
# Two bases are used and named: *as published* (the city and ward rows of each year's file,
# i.e. each year's boundaries) and *2020 boundaries* (the loader's harmonised regions, in which
# the former town of Keihoku, merged into Ukyo ward in 2005, is counted in every year).

# %%
manu = load_reporting(load_jp_manufactures_municipal, "employees", prefecture=prefecture_code)
pub = manu.tables["published"]
regions_tbl = manu.tables["regions"]
long = manu.tables["long"]
groups = manu.tables["groups"].set_index("harmonised_group")

wards = regions_tbl[regions_tbl["parent_city"] == f"{city_code:05d}"].copy()
ward_codes = wards["region"].tolist()
ward_en = {"北区": "Kita", "上京区": "Kamigyo", "左京区": "Sakyo", "中京区": "Nakagyo",
           "東山区": "Higashiyama", "下京区": "Shimogyo", "南区": "Minami", "右京区": "Ukyo",
           "伏見区": "Fushimi", "山科区": "Yamashina", "西京区": "Nishikyo"}
wards["ward"] = wards["name_ja"].str.replace("京都市", "", regex=False).map(ward_en)
ward_name = dict(zip(wards["region"], wards["ward"]))
print(f"{len(ward_codes)} wards of city {city_code}: {', '.join(ward_name.values())}")

# prefectures missing from the 2014 census file (names from the manufacturing loader)
all_prefs = manu.tables["prefectures"]["name_en"]
missing_prefs = sorted(set(all_prefs) - set(pref.regions))
out.key("prefectures_not_in_census_file", missing_prefs, section="2")
print("prefectures not in the 2014 census file:", ", ".join(missing_prefs))

# %% [markdown]
# ### 3a. Totals: employment and value added per worker
#
# The city total is the sum of its ward rows, which the check below confirms equals the
# published city row in every year. Japan is the sum of the published rows of all prefectures.
# Value added is in 10,000 yen in the files and shown per worker in million yen. The 2012
# file's `va` column does not hold value added (the loader documents this), so value added
# stops in 2011; the 2011 file itself comes from the 2012 Economic Census for Business
# Activity, not from a Census of Manufactures.

# %%
bad_va_years = [2012]  # see the loader: the 2012 'va' column is another quantity
totals_rows = pub[pub["code"] == 0]
ward_tot = totals_rows[(totals_rows["unit_type"] == "ward")
                       & (totals_rows["parent_city"] == city_code)]
assert (ward_tot[["status_emp", "status_va"]] == "reported").all().all()
city = ward_tot.groupby("year")[["emp", "va"]].sum()
city_row = totals_rows[totals_rows["id_muni"] == city_code].set_index("year")[["emp", "va"]]
japan_rows = totals_rows[totals_rows["unit_type"] == "prefecture"]
assert (japan_rows["status_emp"] == "reported").all()
japan_tot = japan_rows.groupby("year")[["emp", "va"]].sum()
harmonised = (manu.tables["totals"].query("region in @ward_codes")
              .groupby("year")["value"].sum())

city_totals = pd.DataFrame({
    "city_employees_published": city["emp"],
    "city_employees_2020_boundaries": harmonised,
    "city_value_added_billion_yen": city["va"] / 1e5,
    "japan_employees": japan_tot["emp"],
    "japan_value_added_billion_yen": japan_tot["va"] / 1e5,
})
city_totals.loc[bad_va_years, ["city_value_added_billion_yen",
                               "japan_value_added_billion_yen"]] = np.nan
city_totals["city_va_per_worker_million_yen"] = (
    city_totals["city_value_added_billion_yen"] * 1e3 / city_totals["city_employees_published"])
city_totals["japan_va_per_worker_million_yen"] = (
    city_totals["japan_value_added_billion_yen"] * 1e3 / city_totals["japan_employees"])
first, last = int(city_totals.index.min()), int(city_totals.index.max())
for col, base in (("city_employees_published", "city_employment_index"),
                  ("japan_employees", "japan_employment_index")):
    city_totals[base] = 100 * city_totals[col] / city_totals.loc[first, col]
out.table(city_totals, "02_kyoto_city_totals", section="3a")

out.key("check_city_equals_sum_of_wards_every_year",
        bool((city["emp"] == city_row["emp"]).all() and (city["va"] == city_row["va"]).all()),
        section="3a")
out.key(f"kyoto_city_manufacturing_employees_{first}",
        int(city_totals.loc[first, "city_employees_published"]), section="3a")
out.key(f"kyoto_city_manufacturing_employees_{last}",
        int(city_totals.loc[last, "city_employees_published"]), section="3a")
out.key(f"kyoto_city_manufacturing_employees_{first}_2020_boundaries",
        int(city_totals.loc[first, "city_employees_2020_boundaries"]), section="3a")
out.key("kyoto_city_employment_change_pct",
        float(city_totals.loc[last, "city_employment_index"] - 100), section="3a")
out.key("japan_employment_change_pct",
        float(city_totals.loc[last, "japan_employment_index"] - 100), section="3a")
va_last = int(city_totals["city_va_per_worker_million_yen"].last_valid_index())
for who in ("city", "japan"):
    col = f"{who}_va_per_worker_million_yen"
    out.key(f"{who}_va_per_worker_{first}", float(city_totals.loc[first, col]), section="3a")
    out.key(f"{who}_va_per_worker_{va_last}", float(city_totals.loc[va_last, col]), section="3a")
city_fact = facts[(facts["region"] == "Kyoto City") & (facts["indicator"] == "manufacturing_employees")]
out.key("check_city_employees_match_fact_table",
        bool(all(np.isclose(v, city_totals.loc[y, "city_employees_published"])
                 for y, v in zip(city_fact["year"], city_fact["value"]))), section="3a")
city_totals.round(2)

# %% [markdown]
# ### 3b. Suppressed cells
#
# The loader keeps confidential cells as missing and counts them. In the Kyoto files every
# missing industry cell falls in 2001-2003; from 2004 no ward cell is missing, and the wards'
# group detail adds up to the published city total (checked in 3c). A harmonised group of a
# ward is missing when any of its source codes is; the city value of a group is missing when
# any ward's is. So the industry-level analysis of the city below starts in the first year
# from which no ward cell is missing, while the totals above run over all years.

# %%
ward_long = long[long["region"].isin(ward_codes)]
suppression = pd.DataFrame({
    "cells_kyoto_prefecture": long.groupby("year").size(),
    "suppressed_kyoto_prefecture": long["value"].isna().groupby(long["year"]).sum(),
    "cells_kyoto_wards": ward_long.groupby("year").size(),
    "suppressed_kyoto_wards": ward_long["value"].isna().groupby(ward_long["year"]).sum(),
    "groups_missing_for_city": ward_long[ward_long["value"].isna()]
    .groupby("year")["industry"].nunique(),
    "suppressed_emp_cells_japan_all_rows": pd.Series(
        {y: v.get("emp", 0) for y, v in manu.report["suppressed_cells"].items()}),
}).fillna(0).astype(int)
suppression.index.name = "year"
out.table(suppression, "02_kyoto_suppression", section="3b")
complete = suppression["suppressed_kyoto_wards"][::-1].eq(0).cummin()[::-1]
detail_start = int(complete[complete].index.min())
out.key("kyoto_suppressed_cells_total", int(manu.report["cells_suppressed"]), section="3b")
out.key("kyoto_ward_suppressed_cells_total", int(suppression["suppressed_kyoto_wards"].sum()),
        section="3b")
out.key("first_year_with_full_ward_detail", detail_start, section="3b")
out.key("kyoto_industry_detail_report", manu.report["industry_detail"]["region_years"],
        section="3b")
suppression

# %% [markdown]
# ### 3c. The city's industry mix over time, related and unrelated variety
#
# From the first complete year the wards form a panel (ward × harmonised group × year); summing
# the wards gives the city. Related variety is the entropy of the harmonised groups within
# METI's three industry types, unrelated variety the entropy between the types (bits).

# %%
detail = ward_long[ward_long["year"] >= detail_start]
ward_panel = Panel.from_long(detail, region="region", industry="industry", value="value",
                             time="year", hierarchy=groups[["meti_type"]],
                             meta={"source": manu.citation})
city_panel = ward_panel.aggregate_regions({w: "Kyoto city" for w in ward_codes})
detail_sum = pd.Series(city_panel.values.sum(axis=(1, 2)), index=city_panel.times)
out.key("check_ward_detail_adds_to_published_city_total",
        bool(np.allclose(detail_sum, city.loc[detail_sum.index, "emp"])), section="3c")
by_type = (city_panel.aggregate("meti_type").to_long()
           .pivot(index="time", columns="industry", values="value"))
variety_city = (related_unrelated_variety(city_panel, level="meti_type")
                .xs("Kyoto city", level="region"))
variety_city = variety_city.join(by_type.div(by_type.sum(axis=1), axis=0).add_prefix("share_"))
out.table(variety_city, "02_kyoto_city_variety", section="3c")
out.record({"variety_first_year": detail_start, "variety_last_year": last,
            **{f"kyoto_city_{kind}_variety_{end}": float(variety_city.loc[y, kind])
               for kind in ("related", "unrelated", "total")
               for end, y in (("first", detail_start), ("last", last))}}, section="3c")
out.say("Related variety of the city's manufacturing was {kyoto_city_related_variety_first:.2f} "
        "bits in {variety_first_year} and {kyoto_city_related_variety_last:.2f} in "
        "{variety_last_year}; unrelated variety {kyoto_city_unrelated_variety_first:.2f} and "
        "{kyoto_city_unrelated_variety_last:.2f}; total variety "
        "{kyoto_city_total_variety_first:.2f} and {kyoto_city_total_variety_last:.2f} (table "
        "`02_kyoto_city_variety`, one row per year with the shares of the three industry "
        "types). Three nearly flat lines would add nothing to these rows, so no figure is "
        "drawn.", section="3c")
variety_city.round(3)

# %% [markdown]
# ### 3d. Employment paths: the city against Japan, by industry type and by ward
#
# Employment is indexed to the first year for the city and Japan (levels differ too much to
# share an axis); the industry types are drawn in persons engaged. The wards are drawn as small
# multiples, one panel per ward, each indexed to its first year on one shared scale, with the
# city and Japan as the same two reference lines in every panel, so each ward reads against
# both. Ward rows are as published, so Ukyo gains the former town of Keihoku from 2005.

# %%
city_chg = out.keys["kyoto_city_employment_change_pct"]["value"]
japan_chg = out.keys["japan_employment_change_pct"]["value"]
fig = Figure(figsize=(15, 4.6), layout="constrained")
axes = fig.subplots(1, 3)
index_timeseries(city_totals[["city_employment_index", "japan_employment_index"]]
                 .rename(columns={"city_employment_index": "Kyoto city",
                                  "japan_employment_index": "Japan"}),
                 ylabel=f"Persons engaged, index {first} = 100", xlabel="Year",
                 title="Manufacturing employment, Kyoto city and Japan", label_ends=True,
                 statistical_break=True, ax=axes[0])
index_timeseries(by_type.rename(columns=METI_TYPE_LABELS), colors=METI_TYPE_COLORS,
                 xlabel="Year", ylabel="Persons engaged", label_ends=True,
                 title="Kyoto city by METI industry type", ax=axes[1])
index_timeseries(city_totals.loc[:va_last, ["city_va_per_worker_million_yen",
                                            "japan_va_per_worker_million_yen"]]
                 .rename(columns={"city_va_per_worker_million_yen": "Kyoto city",
                                  "japan_va_per_worker_million_yen": "Japan"}),
                 ylabel="Value added per person engaged (million yen, nominal)", xlabel="Year",
                 title="Value added per worker", label_ends=True, ax=axes[2])
for a in axes[1:]:
    mark_break(a, label=None)
fig.suptitle(f"Kyoto city's manufacturing employment changed by {city_chg:+.0f}% over "
             f"{first}-{last}, Japan's by {japan_chg:+.0f}%")
add_source(fig, Source(CM, f"{first}-{last}", "computed",
                       f"Kyoto city = sum of its ward rows; Japan = sum of the prefecture rows; "
                       f"industry types from {detail_start} (first year without suppressed "
                       f"ward cells); value added per worker to {va_last} (the {last} file "
                       "holds no value added). " + BREAK_NOTE))
out.figure(fig, "02_kyoto_city_employment", section="3d")

ward_emp = (ward_tot.assign(ward=ward_tot["id_muni"].map(lambda c: ward_name[f"{c:05d}"]))
            .pivot(index="year", columns="ward", values="emp"))
ward_emp = ward_emp[ward_emp.loc[first].sort_values(ascending=False).index]  # largest first
ward_chg = (100 * (ward_emp.loc[last] / ward_emp.loc[first] - 1)).sort_values()
out.key("ward_largest_employment_fall", str(ward_chg.index[0]), section="3d")
out.key("ward_largest_employment_fall_pct", float(ward_chg.iloc[0]), section="3d")
out.key("ward_smallest_employment_fall", str(ward_chg.index[-1]), section="3d")
out.key("ward_smallest_employment_fall_pct", float(ward_chg.iloc[-1]), section="3d")
ward_index = 100 * ward_emp / ward_emp.loc[first]
refs = city_totals[["city_employment_index", "japan_employment_index"]].rename(
    columns={"city_employment_index": "Kyoto city", "japan_employment_index": "Japan"})
fig_w = index_small_multiples(
    ward_index[ward_chg.index], refs, ncols=4, ylabel=f"Persons engaged, index {first} = 100",
    reference_colors={"Kyoto city": PALETTE["Kyoto"], "Japan": "#000000"},
    reference_styles={"Japan": "--"},
    panel_notes={w: f"{v:+.0f}%" for w, v in ward_chg.items()}, own_label="the panel's ward",
    suptitle=f"Manufacturing employment of Kyoto city's {len(ward_emp.columns)} wards, "
             f"{first}-{last} (index): largest fall in {ward_chg.index[0]} "
             f"({ward_chg.iloc[0]:+.0f}%), smallest in {ward_chg.index[-1]} "
             f"({ward_chg.iloc[-1]:+.0f}%)",
    source=Source(CM, f"{first}-{last}", "computed",
                  "Ward rows as published (each year's boundaries: the former town of Keihoku "
                  "is in Ukyo from 2005); panels ordered from the largest fall; the number in "
                  f"each panel is the ward's change {first}-{last}. " + BREAK_NOTE))
out.figure(fig_w, "02_kyoto_wards_employment", section="3d")
ward_chg.round(1)

# %% [markdown]
# ### 3e. Which groups rose and fell, and a shift-share against a national reference
#
# The change table compares the first complete year with the last (2001 values are shown
# where no ward cell is missing). For the shift-share a national benchmark by group is needed,
# and the municipal files do not give one: many towns are published with a total row only, and
# the prefecture rows carry no industry detail. The benchmark is therefore the **reference
# area** of every Japanese municipality and ward the loader can give full industry detail in
# both years (suppressed-cell policy `"drop"`); its share of national manufacturing employment
# is recorded as a key number. National growth, industry mix and the regional (competitive)
# component follow Dunn (1960), with growth rates of the reference area including Kyoto city.

# %%
ref = load_reporting(load_jp_manufactures_municipal, "employees", years=[detail_start, last],
                     suppressed="drop")
assert set(ward_codes) <= set(ref.panel.regions)
two = ref.panel.aggregate_regions(
    {r: ("Kyoto city" if r in ward_codes else "Rest of reference area")
     for r in ref.panel.regions})
assert np.allclose(two.select(regions=["Kyoto city"]).values,
                   city_panel.select(times=[detail_start, last]).values)
ref_totals = pd.Series(two.values.sum(axis=(1, 2)), index=two.times)
for y in (detail_start, last):
    out.key(f"reference_area_share_of_japan_{y}",
            float(ref_totals[y] / japan_tot.loc[y, "emp"]), section="3e")
out.key("reference_area_n_regions", len(ref.panel.regions), section="3e")
out.key("reference_area_employment_change_pct",
        float(100 * (ref_totals[last] / ref_totals[detail_start] - 1)), section="3e")

ss_cell = shift_share(two, start_time=detail_start, end_time=last, by="cell").loc["Kyoto city"]
ss_city = shift_share(two, start_time=detail_start, end_time=last).loc["Kyoto city"]
lq_ref = location_quotient(two).loc[(last, "Kyoto city")]

g2001 = (ward_long[ward_long["year"] == first].groupby("industry")["value"]
         .agg(lambda s: s.sum() if s.notna().all() else np.nan))
n2001 = ward_long[ward_long["year"] == first]["value"].isna().groupby(
    ward_long["industry"]).sum()
change = groups[["name_en", "meti_type"]].copy()
change[f"employees_{first}"] = g2001
change[f"suppressed_ward_cells_{first}"] = n2001.reindex(change.index).fillna(0).astype(int)
change[f"employees_{detail_start}"] = city_panel.matrix(detail_start).loc["Kyoto city"]
change[f"employees_{last}"] = city_panel.matrix(last).loc["Kyoto city"]
change["change"] = change[f"employees_{last}"] - change[f"employees_{detail_start}"]
change["change_pct"] = 100 * change["change"] / change[f"employees_{detail_start}"]
change[f"lq_{last}_vs_reference"] = lq_ref
change = change.join(ss_cell[["national_share", "industry_mix", "regional_share"]])
change = change.sort_values("change")
out.table(change, "02_kyoto_city_group_change", section="3e")
for col in ("change", "national_share", "industry_mix", "regional_share"):
    out.key(f"kyoto_city_shift_share_{col}", float(ss_city[col]), section="3e")
out.key("kyoto_city_largest_loss_group", str(change.index[0]), section="3e")
out.key("kyoto_city_largest_regional_share_gain_group", str(change["regional_share"].idxmax()),
        section="3e")
out.key("kyoto_city_largest_regional_share_loss_group", str(change["regional_share"].idxmin()),
        section="3e")

# rows ordered by the regional (city-specific) component, the quantity the shift-share adds
comp = (change.sort_values("regional_share", kind="stable")
        [["name_en", "national_share", "industry_mix", "regional_share", "change"]])
fig_s = Figure(figsize=(9, 7), layout="constrained")
ax = fig_s.add_subplot()
pos = np.arange(len(comp))
left_neg = np.zeros(len(comp))
left_pos = np.zeros(len(comp))
parts = {"national_share": ("national share", PALETTE["muted"]),
         "industry_mix": ("industry mix", PALETTE["base"]),
         "regional_share": ("regional share (Kyoto-specific)", color_for("Kyoto City"))}
for col, (lab, colour) in parts.items():
    vals = comp[col].to_numpy()
    start = np.where(vals < 0, left_neg, left_pos)
    ax.barh(pos, vals, left=start, height=0.7, color=colour, label=lab)
    left_neg += np.minimum(vals, 0)
    left_pos += np.maximum(vals, 0)
ax.scatter(comp["change"], pos, color="black", marker="D", zorder=3, s=16,
           label="actual change (sum of the three)")
ax.set_yticks(pos, [wrap_label(n, 34, 2) for n in comp["name_en"]], fontsize=8)
ax.set_ylim(-0.6, len(comp) - 0.4)
ax.axvline(0, color="black", lw=0.8)
ax.grid(True, axis="x", lw=0.3, alpha=0.5)
ax.set_xlabel(f"Change in persons engaged, {detail_start}-{last} (persons)")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=8)


def lower_first(text: str) -> str:
    """Sentence case inside a title: only the first letter is lowered (ICT stays ICT)."""
    return text[:1].lower() + text[1:]


gain_name = groups.loc[change["regional_share"].idxmax(), "name_en"]
loss_name = groups.loc[change["regional_share"].idxmin(), "name_en"]
ax.set_title(f"Kyoto city, {detail_start}-{last}: city-specific (regional) component "
             f"{ss_city['regional_share']:+,.0f} persons in total;\nlargest gain in "
             f"{lower_first(gain_name.split(' (')[0])}, largest loss in "
             f"{lower_first(loss_name.split(' (')[0])}")
ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
add_source(fig_s, Source(CM, f"{detail_start} and {last}", "computed",
                         "Shift-share of Dunn (1960): national share, industry mix and "
                         "regional share, with the growth rates of the reference area (every "
                         "municipality and ward with full industry detail in both years, Kyoto "
                         "city included)."))
out.figure(fig_s, "02_kyoto_city_shift_share", section="3e")
change[["name_en", f"employees_{detail_start}", f"employees_{last}", "change",
        f"lq_{last}_vs_reference", "industry_mix", "regional_share"]].round(2)

# %% [markdown]
# ### 3f. Where in the city: ward location quotients
#
# Location quotients of each ward against one reference area, the city as a whole (ward share
# of a group divided by the city's share), in the last year; this is the study's one heat map
# of ward quotients (notebook 06 compares wards, city and prefecture against their national
# levels in tables). They show the internal division of labour: which
# wards carry which industries. Grey cells are groups a ward does not have. Several of the
# strongest cells match the city's known craft and industrial districts: beverages in Fushimi
# (the sake-brewing district), ceramics in Higashiyama (home of Kiyomizu ware), textiles in
# Kamigyo and Kita, the wards of the Nishijin weaving district.

# %%
ward_lq = (location_quotient(ward_panel).loc[last]
           .rename(index=ward_name, columns=groups["name_en"]))
out.table(ward_lq, "02_kyoto_wards_lq", section="3f")
fig_h = lq_heatmap(ward_lq, groups="meti", figsize=(12, 6.5),
                   title=f"Kyoto city's wards, {last}: manufacturing location quotients, by METI "
                         "industry type; reference area: Kyoto city as a whole")
add_source(fig_h, Source(CM, str(last), "computed",
                         "LQ = the ward's share of a group / the city's share. Grey cells "
                         "without a number: no persons engaged in that group and ward. The colour "
                         "scale (LQ 1/16 to 16) is shared by every LQ heat map of this study."))
out.figure(fig_h, "02_kyoto_wards_lq_heatmap", section="3f")
ward_lq.round(2)

# %%
out.key("manufacturing_first_year", first, section="3")
out.key("manufacturing_last_year", last, section="3")
type_chg = 100 * (by_type.loc[last] / by_type.loc[detail_start] - 1)
for t, v in type_chg.items():
    out.key(f"kyoto_city_change_pct_{t}", float(v), section="3")
va_peak = int(city_totals["city_va_per_worker_million_yen"].idxmax())
out.key("kyoto_city_va_per_worker_peak_year", va_peak, section="3")
faster = city_chg < japan_chg
assembly_held = type_chg["processing_assembly"] > type_chg["daily_life"]
out.say(
    "**Reading the manufacturing evidence.** Kyoto city's manufacturing employment changed by "
    "{kyoto_city_employment_change_pct:+.0f}% over {manufacturing_first_year}-"
    "{manufacturing_last_year} and Japan's by {japan_employment_change_pct:+.0f}%: the city lost "
    + ("jobs faster than the country. " if faster else "jobs more slowly than the country. ")
    + "The industry detail (from {first_year_with_full_ward_detail}) shows where the change sat: "
    "the daily-life related industries the city is known for (textiles and apparel, printing, "
    "food) changed by {kyoto_city_change_pct_daily_life:+.0f}%, processing and assembly (the "
    "electrical/electronic, machinery and transport groups) by "
    "{kyoto_city_change_pct_processing_assembly:+.0f}% and basic materials by "
    "{kyoto_city_change_pct_basic_materials:+.0f}%"
    + (", which is consistent with the city's own description of machinery replacing textiles "
       "as its representative industry (Kyoto City industrial statistics, as summarised on a "
       "[secondary page](https://happylibus.com/doc/45040)). " if assembly_held else ". ")
    + "The shift-share separates how much of each group's change Kyoto would have had with the "
    "reference area's growth rates (national share and industry mix) from what is specific to "
    "the city (regional share, {kyoto_city_shift_share_regional_share:+,.0f} persons in total). "
    "Value added per worker is volatile (the city's series peaks in "
    "{kyoto_city_va_per_worker_peak_year}) and sensitive to the file changes noted above: "
    "printing includes publishing in 2001, and the 2011 figures come from the Economic Census. "
    "All of this describes change; it does not say why the city's industries changed.",
    section="3")

# %% [markdown]
# ## 4. How Kyoto developed: firms, universities and policy (quoted, with sources)
#
# The data above describe industries; the KIET report's case study asks what made the region
# develop, why its global firms succeeded there and how its innovation and business platforms
# work. The account below is organised by the framework's four measure areas. Every figure in
# it comes from the `case_figures` table (`tables/02_case_figures_used.csv` lists each one with
# the page read, the primary publication behind it and the access date); most were read on
# secondary pages (press, company-independent sites, copies), which the table flags.

# %%
used = record_case_figures(out, [
    "kyoto_murata_founded", "kyoto_rohm_founded", "kyoto_kyocera_founded",
    "kyoto_kyocera_founding_employees", "kyoto_murata_overseas_sales_share",
    "kyoto_nidec_overseas_sales_share", "kyoto_nintendo_overseas_sales_share",
    "kyoto_kyocera_overseas_sales_share", "kyoto_firms_over_1trn_sales", "kyoto_apple_suppliers",
    "apple_suppliers_total_2015",
    "kyoto_hq_moves_to_tokyo_2005_2014", "osaka_hq_moves_to_tokyo_2005_2014",
    "kyoto_analysers_shipments_2006", "kyoto_city_machinery_workers_2001",
    "kyoto_city_machinery_workers_2010", "kyoto_city_shipments_rank_2006",
    "kyoto_city_value_added_rank_2006", "krp_opened", "krp_tenants_1989", "krp_tenants_c2012",
    "krp_tenants_2020", "krp_people_2020", "kyoto_u_spinouts_fy2016", "kyoto_u_spinouts_fy2017",
    "kyoto_u_spinouts_fy2018", "kyoto_u_spinouts_2023", "kyoto_mekiki_founded",
    "kyoto_mekiki_members_2001", "kansai_startup_hub_2020", "kyoto_patents_per_capita_rank",
], section="4", table="02_case_figures_used")
out.key("n_case_figures_used", len(used), section="4")
out.key("n_case_figures_used_secondary", int(used["secondary_source"].sum()), section="4")
out.say(
    "**History: generations of firms.** Kyoto's modern manufacturers came in waves. A first "
    "generation grew out of the city's industrial modernisation from the 1870s (Shimadzu, "
    "Nihon Denchi (now GS), Shofu, Tateishi Electric (now Omron)); a second "
    "began with Murata Manufacturing in {q_kyoto_murata_founded:.0f} (with roots in Kiyomizu-yaki "
    "pottery) and Horiba, followed by Rohm ({q_kyoto_rohm_founded:.0f}) and Kyocera "
    "({q_kyoto_kyocera_founded:.0f}, founded by a group of "
    "{q_kyoto_kyocera_founding_employees:.0f} around Inamori Kazuo who signed a founding oath; "
    "the company's own account counts more staff at the start) (Nishitani 2020, JST; the "
    "founding years of Murata and Kyocera from the companies' own pages, the rest from "
    "regional and business press, secondary).\n\n"
    "**M1, industrial structure and connections: the Kyoto firms' model.** What the quoted "
    "figures show these firms to have in common is that they sell mostly abroad: overseas "
    "sales are {q_kyoto_murata_overseas_sales_share:.0f}% of "
    "sales at Murata, {q_kyoto_nidec_overseas_sales_share:.0f}% at Nidec, "
    "{q_kyoto_nintendo_overseas_sales_share:.0f}% at Nintendo and "
    "{q_kyoto_kyocera_overseas_sales_share:.0f}% at Kyocera (Diamond ranking, 2022), and "
    "Kyocera, Nidec and Murata each sell more than {q_kyoto_firms_over_1trn_sales:.0f} trillion "
    "yen. {q_kyoto_apple_suppliers:.0f} of Apple's roughly {q_apple_suppliers_total_2015:.0f} "
    "suppliers had their head office in "
    "the prefecture (Asahi, 2015), and the prefecture led Japan in shipments of analytical "
    "instruments in 2006 ({q_kyoto_analysers_shipments_2006} billion yen). Firms stay: only "
    "{q_kyoto_hq_moves_to_tokyo_2005_2014:.0f} head offices moved from Kyoto to Tokyo in "
    "2005-2014, against {q_osaka_hq_moves_to_tokyo_2005_2014:.0f} from Osaka. In the city, "
    "machinery employed {q_kyoto_city_machinery_workers_2001:,.0f} workers in 2001 and "
    "{q_kyoto_city_machinery_workers_2010:,.0f} in 2010 and now replaces textiles as the "
    "representative industry; the city ranked {q_kyoto_city_shipments_rank_2006:.0f}th among "
    "cities in shipments but {q_kyoto_city_value_added_rank_2006:.0f}th in value added (2006), a "
    "sign of high value added per unit of output. The census data above echo this: measuring "
    "and analytical instruments, batteries and the head offices of electronic-component makers "
    "are among the prefecture's strongest location quotients in 2014.\n\n"
    "**M2, open-innovation start-up base: universities and the research park.** Kyoto Research "
    "Park opened in {q_krp_opened:.0f} on a former Osaka Gas site, developed with private "
    "capital and public support bodies, with {q_krp_tenants_1989:.0f} tenant firms; about "
    "{q_krp_tenants_c2012:.0f} around 2012 and about {q_krp_tenants_2020:.0f} firms with "
    "{q_krp_people_2020:,.0f} people after thirty years. Kyoto University is second only to the "
    "University of Tokyo in METI's surveys of university-launched ventures: "
    "{q_kyoto_u_spinouts_fy2016:.0f}, {q_kyoto_u_spinouts_fy2017:.0f} and "
    "{q_kyoto_u_spinouts_fy2018:.0f} ventures in FY2016-FY2018 (METI press release, 2019), and "
    "{q_kyoto_u_spinouts_2023:.0f} in 2023 (rank {q_kyoto_u_spinouts_2023_rank}, secondary "
    "report of the METI survey).\n\n"
    "**M3, new-business support: an entrepreneurial-discovery institution before the term.** "
    "Kyoto city's venture evaluation (\"Mekiki\") committee, set up in "
    "{q_kyoto_mekiki_founded:.0f}, has business founders and academics, not officials, grade the "
    "plans of new firms A/B/C; in 2001 its {q_kyoto_mekiki_members_2001:.0f} members were "
    "chaired by Horiba's founder Horiba Masao with Inamori Kazuo among the vice-chairs (ASTEM; "
    "Nippon Foundation library, secondary). This is the stakeholder-led selection that the "
    "report's proposal 6 (an EDP-based business development system) asks for. National policy "
    "later named Osaka-Kyoto-Kobe one of {q_kansai_startup_hub_2020:.0f} global start-up hubs "
    "(July 2020).\n\n"
    "**M4, smartization foundation.** Kyoto was {q_kyoto_patents_per_capita_rank:.0f}th among "
    "prefectures in patent applications per 1,000 people in 2013-2015 (press column, "
    "secondary). Kyoto prefecture's R&D intensity was not found in a public source, and no "
    "firm-level or transaction-network data are available to measure the ties between these "
    "firms, the university and the park directly.", section="4")

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))

# %% [markdown]
# ## 5. Maps: Kyoto prefecture's municipalities and Kyoto City's wards
#
# Section 3 on the map. Left: the change in manufacturing employment (persons engaged) of
# each of the prefecture's municipalities and of Kyoto City's wards between the first year of
# full ward detail and the last year, on the loader's harmonised 2020 boundaries (Keihoku
# counted in Ukyo in every year), as published by the Census of Manufactures; Kyoto City is
# outlined. The classes are fixed steps of the percentage change, the same above and below
# zero, so a colour reads the same on either side. Small towns have small bases, so their
# percentages swing widely: the table gives the persons engaged behind each one. Right: the
# ward location quotients of one manufacturing group against the city (section 3f), on a
# log2 scale centred at one. Boundaries: MLIT administrative areas (N03, as of January 2021,
# simplified), joined by municipality code; every polygon carries a value.

# %%
from smartregion.datasets.boundaries import load_jp_boundaries
from smartregion.plots import choropleth, map_source

ward_map_group = "textiles_apparel"  # harmonised group whose ward LQ is mapped (see 3f)
CHANGE_BINS = [-30, -15, 0, 15, 30]  # class bounds of the percentage change (open at both ends)

munis = load_jp_boundaries().tables["kyoto_municipalities"]
muni_tot = (manu.tables["totals"].query("year in [@detail_start, @last]")
            .pivot(index="region", columns="year", values="value"))
muni_tot["change_pct"] = 100 * (muni_tot[last] / muni_tot[detail_start] - 1)
muni_tot = muni_tot.join(munis.set_index("region_id")[["name_ja", "kind"]])
out.table(muni_tot, "02_kyoto_municipal_change", section="5")
if ward_map_group not in groups.index:
    raise ValueError(f"ward_map_group {ward_map_group!r} is not a harmonised group: "
                     f"{list(groups.index)}")
ward_lq_codes = location_quotient(ward_panel).loc[last][ward_map_group]
ward_polys = munis[munis["kind"] == "ward"]
group_name = groups.loc[ward_map_group, "name_en"]

fig_m = Figure(figsize=(13, 6.8), layout="constrained")
ax_p, ax_w = fig_m.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
choropleth(munis, muni_tot["change_pct"], kind="binned", scheme="user_defined",
           scheme_kwargs={"bins": CHANGE_BINS + [muni_tot["change_pct"].max()]
                          if muni_tot["change_pct"].max() > CHANGE_BINS[-1] else CHANGE_BINS},
           cmap="RdBu", fmt="{:+.0f}%", highlight=list(ward_polys["region_id"]),
           highlight_label="Kyoto City", ax=ax_p, legend_loc="lower left",
           legend_title="Change in persons engaged (municipal units per class)",
           title=f"Manufacturing employment change {detail_start}-{last} by municipality "
                 "and ward")
municipal_join = fig_m.map_join
choropleth(ward_polys, ward_lq_codes, kind="log2", cmap="RdBu_r", labels=ward_name,
           adjust_labels=True, ax=ax_w, legend_title="LQ against the city (log2 scale)",
           title=f"{group_name}, {last}: ward LQ against Kyoto City "
                 f"(highest: {ward_name[ward_lq_codes.idxmax()]}, "
                 f"{ward_lq_codes.max():.1f})")
fig_m.suptitle("Where Kyoto's manufacturing shrank and where the city's "
               f"{group_name.lower()} sits")
add_source(fig_m, map_source(Source(CM, f"{detail_start} and {last}", "computed",
                                    "Left: per cent change in persons engaged, harmonised "
                                    "2020 boundaries. Right: LQ = the ward's share of the "
                                    "group / the city's share; log2 scale clipped at LQ 1/16 "
                                    "and 16."), "jp_boundaries"))
out.figure(fig_m, "02_map_kyoto_municipalities_wards", section="5")
unit_name = (regions_tbl.set_index("region")["name_en"].str.replace(", Kyoto", "")
             .to_dict() | ward_name)
out.key("map_n_municipal_units", len(munis), section="5")
out.key("map_n_wards", len(ward_polys), section="5")
out.key("map_n_units_with_value", len(municipal_join.matched), section="5")
out.key("map_n_units_without_value", len(municipal_join.no_data), section="5")
out.key("map_n_units_shrinking", int((muni_tot["change_pct"] < 0).sum()), section="5")
out.key("map_largest_fall_unit", unit_name[muni_tot["change_pct"].idxmin()], section="5")
out.key("map_largest_fall_pct", float(muni_tot["change_pct"].min()), section="5")
out.key("map_ward_group", str(group_name), section="5")
out.key("map_ward_group_top_ward", ward_name[ward_lq_codes.idxmax()], section="5")
out.key("map_ward_group_top_lq", float(ward_lq_codes.max()), section="5")
out.say("Of the {map_n_municipal_units} municipal units (Kyoto City's {map_n_wards} wards "
        "among them), {map_n_units_with_value} have a value on the map and "
        "{map_n_units_without_value} none. "
        "Manufacturing employment fell in {map_n_units_shrinking} of them; the largest fall "
        "was in {map_largest_fall_unit} ({map_largest_fall_pct:+.0f}%, see "
        "`tables/02_kyoto_municipal_change.csv` for the persons behind each percentage). In "
        "the city, {map_ward_group} is most concentrated in {map_ward_group_top_ward} (LQ "
        "{map_ward_group_top_lq:.1f}). Change is measured where establishments are "
        "registered, so a plant that moved from a ward to a suburb shows as a loss in the "
        "one and a gain in the other, and it says nothing of why.", section="5")
muni_tot.sort_values("change_pct").round(1)

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))
