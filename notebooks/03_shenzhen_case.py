# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Shenzhen case
#
# **What this notebook does.** It sets Shenzhen's growth since 2001 against China's other major
# cities and all prefecture-level cities, describes its manufacturing structure within the
# Pearl River Delta from a published 2018 table, collects the innovation indicators the case
# literature relies on (quoted, with sources), and states plainly what cannot be computed:
# no public source gives Shenzhen's employment or output by industry and year, so the
# industry-structure indices of notebook 02 are **missing** for Shenzhen. The last section
# shows the exact table that would close the gap and how to run the analysis on it.
#
# Evidence types are kept apart: GDP series are **real data** (NBS major-city export and the
# China City Statistical Yearbook panel); the Pearl River Delta table and the innovation
# indicators are **quoted**; the Shenzhen industry × year panel is **missing**.
#
# Outputs:
# `tables/03_major_cities_cagr.csv`, `tables/03_sector_shares.csv`,
# `tables/03_prefecture_cagr.csv`, `tables/03_prefecture_missing.csv`,
# `tables/03_prd_lq.csv`, `tables/03_prd_structure.csv`, `tables/03_quoted_figures.csv`,
# `tables/03_shenzhen_template_gbt4754.csv`, `tables/03_template_validation.csv`,
# `figures/03_gdp_index.png`, `figures/03_sector_structure.png`,
# `figures/03_prefecture_cagr.png`, `figures/03_prd_lq_heatmap.png`,
# `key_numbers/03_shenzhen_case.json`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed (nothing random here; kept for a uniform interface)
city = "Shenzhen"  # city of interest (English name in the NBS major-city file)
comparison = "Guangzhou"  # second city drawn in the charts and used in the template
prefcode = 4403  # the city's code in the prefecture panel (Guangdong 44, city 03)
start_year = 2001  # first year of the growth comparison
end_year = 2017  # last year of the growth comparison

# %%
import warnings

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from smartregion import Panel
from smartregion.byod import validate_file
from smartregion.datasets.china import (
    growth_ranking,
    load_cn_major_cities,
    load_cn_prefecture_panel,
    shenzhen_template,
)
from smartregion.datasets.facts import load_facts
from smartregion.outputs import OutputWriter, find_project_root
from smartregion.plots import index_timeseries, lq_heatmap
from smartregion.structure import herfindahl, location_quotient
from smartregion.variety import entropy

rng = np.random.default_rng(seed)
out = OutputWriter(output_dir, notebook="03_shenzhen_case")
facts = load_facts("case_figures").tables["figures"]

# %% [markdown]
# ## 1. Growth path 2001-2017 against the other major cities
#
# **Data.** GDP of the 36 cities in the National Bureau of Statistics' major-city database
# (provincial capitals, the four municipalities and the sub-provincial cities), in 100 million
# yuan at current prices, as exported in 2019. Growth rates are therefore **nominal**. The NBS
# revises city GDP after each economic census, so later releases differ from these values.

# %%
major = load_cn_major_cities()
gdp = major.tables["gdp"]
wide = gdp.pivot(index="year", columns="city", values="gdp").loc[start_year:end_year]
for y in (start_year, end_year):
    out.key(f"{city.lower()}_gdp_{y}", float(wide.loc[y, city]), section="1")
out.key("n_major_cities", int(wide.shape[1]), section="1")
out.key("major_cities_empty_gdp_cells_in_span",
        len([c for c in major.report["gdp_empty_cells_2001_2017"]
             if start_year <= c["year"] <= end_year]), section="1")
fact_gdp = facts[(facts["region"] == city) & (facts["indicator"] == "gdp")
                 & facts["year"].isin([start_year, end_year]) & (facts["quote"] == "")]
out.key("check_gdp_matches_fact_table",
        bool(all(np.isclose(v, wide.loc[y, city])
                 for y, v in zip(fact_gdp["year"], fact_gdp["value"]))), section="1")

cagr = growth_ranking(gdp, start_year, end_year, unit="city")
cagr[f"gdp_rank_{start_year}"] = cagr["start_value"].rank(ascending=False, method="min")
cagr[f"gdp_rank_{end_year}"] = cagr["end_value"].rank(ascending=False, method="min")
cagr = cagr.astype({f"gdp_rank_{start_year}": "Int64", f"gdp_rank_{end_year}": "Int64"})
out.table(cagr, "03_major_cities_cagr", section="1")
out.key(f"{city.lower()}_cagr_major_cities", float(cagr.loc[city, "cagr"]), section="1")
out.key(f"{city.lower()}_cagr_rank_major_cities", int(cagr.loc[city, "rank"]), section="1")
out.key("n_major_cities_ranked", int(cagr["rank"].notna().sum()), section="1")
out.key(f"{city.lower()}_gdp_rank_{start_year}", int(cagr.loc[city, f"gdp_rank_{start_year}"]),
        section="1")
out.key(f"{city.lower()}_gdp_rank_{end_year}", int(cagr.loc[city, f"gdp_rank_{end_year}"]),
        section="1")

index = 100 * wide / wide.loc[start_year]
fig = index_timeseries(index, highlight=[city, comparison], xlabel="Year",
                       ylabel=f"GDP, current prices, {start_year} = 100",
                       title=f"{len(index.columns)} major Chinese cities: GDP index "
                             "(others in grey)")
out.figure(fig, "03_gdp_index", section="1")
cagr.head(10).round(4)

# %% [markdown]
# ### Three-sector structure of Shenzhen and Guangzhou
#
# Value added of the primary, secondary and tertiary sectors from the same NBS export, as
# shares of their sum, for the years in which all three are filled (2007-2017). The loader
# checks that the sectors add up to GDP (the largest gap is recorded in its report).

# %%
sectors = major.panel
shares = (sectors.to_long()
          .assign(share=lambda d: d["value_added"]
                  / d.groupby(["time", "region"])["value_added"].transform("sum"))
          .pivot_table(index=["region", "time"], columns="industry", values="share"))
out.table(shares, "03_sector_shares", section="1")
out.key("sector_sum_minus_gdp_max_abs", major.report["sector_sum_minus_gdp_max_abs"],
        section="1")
for c in (city, comparison):
    for y in (sectors.times.min(), sectors.times.max()):
        out.key(f"{c.lower()}_secondary_share_{y}", float(shares.loc[(c, y), "secondary"]),
                section="1")

fig = Figure(figsize=(11, 4), layout="constrained")
axes = fig.subplots(1, 2, sharey=True)
colours = {"primary": "#8c8c8c", "secondary": "#d62728", "tertiary": "#1f77b4"}
for ax, c in zip(axes, (city, comparison)):
    s = shares.loc[c]
    ax.stackplot(s.index, [100 * s[k] for k in colours], labels=list(colours),
                 colors=list(colours.values()), alpha=0.85)
    ax.set_title(f"{c}: value added by sector")
    ax.set_xlabel("Year")
    ax.set_xlim(s.index.min(), s.index.max())
    ax.set_ylim(0, 100)
axes[0].set_ylabel("Share of value added, %")
axes[1].legend(loc="lower left", fontsize=8, frameon=False)
out.figure(fig, "03_sector_structure", section="1")
shares.round(3)

# %% [markdown]
# Over 2001-2017 Shenzhen's nominal GDP grew in the top quarter of the 36 major cities, and
# every city that grew faster started from a much smaller economy (compare the rank columns);
# among the large economies it stands out, moving up the GDP ranking. Its value added stayed
# far more industrial than Guangzhou's, though both shifted towards services. The tables and
# key numbers give the exact rates and ranks.

# %% [markdown]
# ## 2. Growth ranking among all prefecture-level cities
#
# **Data.** GDP (100 million yuan, current prices) and population (10,000 persons) of 334
# prefecture-level units, 1991-2019, from the China City Statistical Yearbooks as compiled by
# Wiebe. The four province-level municipalities are not in it. Coverage is uneven, so the
# missing values per year are tabulated below and units without GDP in both end years are left
# unranked (not dropped). Two cautions:
#
# * This panel's GDP for Shenzhen is a different vintage from the NBS major-city export (it
#   follows later revisions); the ratio of the two start values is recorded.
# * `pop` appears to be registered (hukou) population, far below the resident population in
#   migrant cities such as Shenzhen. Per-capita GDP on that base overstates the level, and its
#   growth is GDP growth net of registered-population growth; it is shown for completeness,
#   not as a welfare measure.

# %%
prefs = load_cn_prefecture_panel()
table = prefs.tables["prefecture"]
missing = pd.DataFrame({"gdp_missing": prefs.report["gdp_missing_per_year"],
                        "pop_missing": prefs.report["pop_missing_per_year"]})
missing.index.name = "year"
missing["units"] = table.groupby("year").size()
out.table(missing, "03_prefecture_missing", section="2")

ranked = growth_ranking(table, start_year, end_year)
names = prefs.tables["names"].set_index("prefcode")
province = table.drop_duplicates("prefcode").set_index("prefcode")["province"]
ranked = ranked.join(names[["prefecture", "prefecture_zh"]]).join(province)
per_capita = growth_ranking(table.assign(gdp_per_capita=table["gdp"] / table["pop"]),
                            start_year, end_year, value="gdp_per_capita")
ranked = ranked.join(per_capita[["cagr", "rank"]].add_suffix("_per_capita_hukou"))
in_province = ranked[ranked["province"] == ranked.loc[prefcode, "province"]]
ranked["rank_in_province"] = in_province["cagr"].rank(ascending=False, method="min")
out.table(ranked, "03_prefecture_cagr", section="2")

out.key("n_prefecture_units", int(prefs.report["prefectures"]), section="2")
out.key("n_prefecture_units_ranked", int(ranked["rank"].notna().sum()), section="2")
out.key("n_prefecture_units_unranked_missing_gdp", int(ranked["rank"].isna().sum()),
        section="2")
out.key(f"{city.lower()}_cagr_prefectures", float(ranked.loc[prefcode, "cagr"]), section="2")
out.key(f"{city.lower()}_cagr_rank_prefectures", int(ranked.loc[prefcode, "rank"]), section="2")
out.key(f"{city.lower()}_cagr_rank_in_province", int(ranked.loc[prefcode, "rank_in_province"]),
        section="2")
out.key(f"{city.lower()}_cagr_rank_per_capita_hukou",
        int(ranked.loc[prefcode, "rank_per_capita_hukou"]), section="2")
out.key("prefecture_panel_vs_nbs_start_value_ratio",
        float(ranked.loc[prefcode, "start_value"] / wide.loc[start_year, city]), section="2")
out.key("median_prefecture_cagr", float(ranked["cagr"].median()), section="2")

fig = Figure(figsize=(7, 4), layout="constrained")
ax = fig.add_subplot()
ax.hist(100 * ranked["cagr"].dropna(), bins=40, color="#b0b0b0")
ax.axvline(100 * ranked.loc[prefcode, "cagr"], color="#d62728", lw=2,
           label=f"{city} (rank {int(ranked.loc[prefcode, 'rank'])} of "
                 f"{int(ranked['rank'].notna().sum())})")
ax.axvline(100 * ranked["cagr"].median(), color="black", lw=1, ls="--", label="median")
ax.set_xlabel(f"Nominal GDP growth {start_year}-{end_year}, % a year")
ax.set_ylabel("Prefecture-level units")
ax.set_title("Prefecture-level cities: GDP growth")
ax.legend(fontsize=8, frameon=False)
out.figure(fig, "03_prefecture_cagr", section="2")
ranked.loc[[prefcode]].T

# %% [markdown]
# Against all prefecture-level cities Shenzhen's growth rate is above the median but far from
# the top: the fastest growth was in cities that started from small bases. Its distinction is
# sustaining high growth at a very large scale, which the major-city comparison shows more
# clearly than the all-city ranking. Its per-capita rank on registered population is low
# because the registered population itself grew quickly; on that base the per-capita series
# says more about household registration than about output per resident.

# %% [markdown]
# ## 3. Pearl River Delta manufacturing structure, 2018 (quoted table)
#
# **Data (quoted).** Kang & Liu (2020, *Geographical Research* 39(9), Table 2) give, for the
# nine Pearl River Delta cities, the output of ten manufacturing groups as a percentage of city
# GDP in 2018. The groups cover most but not all of manufacturing, the paper does not name its
# statistical source, and the magnitudes fit value added better than gross output, so the
# figures are used as relative sizes only.
#
# **Method.** Location quotients compare each city's mix over the ten groups with the
# nine-city mix. The nine-city mix should weight cities by size, so each percentage is turned
# into an amount with the city's 2018 GDP from the prefecture panel (real data); the
# unweighted version (each city's mix counted equally) is shown alongside. Entropy (bits) and
# the Herfindahl index describe how diversified each city's manufacturing is across the ten
# groups; both depend only on the city's own mix, so weighting does not change them.

# %%
prd = load_facts("prd9_manufacturing_2018")
prd_table = prd.tables["prd9"]
gd2018 = table[(table["year"] == 2018) & (table["province"] == "Guangdong")
               & table["prefecture"].isin(prd.panel.regions)].set_index("prefecture")["gdp"]
assert set(gd2018.index) == set(prd.panel.regions) and gd2018.notna().all()
amounts = prd_table.assign(
    output=prd_table["output_pct_of_gdp"] / 100 * prd_table["city_en"].map(gd2018))
weighted = Panel.from_long(amounts, region="city_en", industry="sector_en", value="output",
                           meta={"source": prd.citation, "unit": "100 million yuan (derived)"})
lq_w = location_quotient(weighted)
lq_u = location_quotient(prd.panel)
structure = pd.DataFrame({
    "gdp_2018": gd2018,
    "manufacturing_pct_of_gdp": prd.panel.matrix().sum(axis=1),
    "entropy_bits": entropy(prd.panel),
    "herfindahl": herfindahl(prd.panel),
    "n_specialisations": (lq_w >= 1).sum(axis=1),
})
structure["entropy_rank"] = structure["entropy_bits"].rank(ascending=False, method="min")
structure.index.name = "city"
out.table(structure, "03_prd_structure", section="3")
lq_long = pd.DataFrame({"lq_gdp_weighted": lq_w.stack(), "lq_unweighted": lq_u.stack()})
lq_long.index.names = ["city", "group"]
out.table(lq_long, "03_prd_lq", section="3")

sz = lq_long.loc[city].sort_values("lq_gdp_weighted", ascending=False)
out.key(f"{city.lower()}_prd_top_group", str(sz.index[0]), section="3")
out.key(f"{city.lower()}_prd_top_lq", float(sz["lq_gdp_weighted"].iloc[0]), section="3")
out.key(f"{city.lower()}_prd_specialisations", sz.index[sz["lq_gdp_weighted"] >= 1].tolist(),
        section="3")
out.key(f"{city.lower()}_prd_entropy_bits", float(structure.loc[city, "entropy_bits"]),
        section="3")
out.key(f"{city.lower()}_prd_entropy_rank", int(structure.loc[city, "entropy_rank"]),
        section="3")
out.key(f"{city.lower()}_prd_manufacturing_pct_of_gdp",
        float(structure.loc[city, "manufacturing_pct_of_gdp"]), section="3")

fig = lq_heatmap(lq_w, title="Pearl River Delta, 2018: manufacturing location quotients "
                             "(GDP-weighted; log2 scale)")
out.figure(fig, "03_prd_lq_heatmap", section="3")
display_cols = ["gdp_2018", "manufacturing_pct_of_gdp", "entropy_bits", "entropy_rank",
                "n_specialisations"]
structure[display_cols].round(2)

# %%
sz.round(2)

# %% [markdown]
# Within the delta, Shenzhen's manufacturing is the least diversified across these ten groups:
# computers, communication and other electronic equipment dominates its mix, with a location
# quotient well above one, and special-purpose machinery is its only other specialisation.
# The groups that define Foshan (electrical machinery, metals)
# or Guangzhou (motor vehicles) are under-represented. The LQs rest on a quoted table and on
# groups that do not cover all manufacturing; they locate the specialisation, they do not
# measure it precisely.

# %% [markdown]
# ## 4. Innovation indicators (quoted)
#
# Everything in this section is **quoted**. The table lists the Shenzhen rows of the package's
# `case_figures` table that carry a quotation (R&D intensity, PCT applications, high-tech
# enterprises and output, and the 2002 statistical bulletin's sector split), each with its
# source and a `secondary_source` flag. Several refer to slightly different years or state none;
# the `period` and `note` columns say so, and no series is built from them.

# %%
quoted = facts[(facts["region"] == city) & (facts["quote"].str.strip() != "")]
quoted = quoted.assign(status="quoted")[["indicator", "period", "year", "value", "unit",
                                         "rank_in_country", "status", "secondary_source",
                                         "quote", "citation", "note"]]
quoted = quoted.sort_values(["indicator", "year"], na_position="last")
out.table(quoted, "03_quoted_figures", section="4", index=False)
out.key("n_quoted_figures", len(quoted), section="4")
out.key("n_quoted_figures_secondary", int(quoted["secondary_source"].sum()), section="4")
quoted[["indicator", "period", "value", "unit", "secondary_source", "note"]]

# %% [markdown]
# Three further figures from the case literature are not in that table; they are quoted here
# with their sources:
#
# * **Strategic emerging industries.** Value added of the city's seven strategic emerging
#   industries was 1.015551 trillion yuan in 2019, 37.7 % of GDP (Commerce Bureau of Shenzhen
#   Municipality, "Strategic Emerging Industries", Shenzhen Government Online, updated
#   10 Nov 2020, http://www.sz.gov.cn/en_szgov/business/key/content/post_8254667.html). For
#   2018 a news agency report gives 915 billion yuan and 37 % of GDP (APP/Xinhua via Pakistan
#   Observer, 19 Jan 2019, https://pakobserver.net/shenzhen-facilitated-emerging-industries/;
#   *secondary*).
# * **Firm-led research: the "90 %" pattern.** About 90 % of the city's innovating entities,
#   R&D personnel, R&D spending, patents and R&D institutions are said to sit in firms, and
#   Shenzhen University (founded 1983) was the city's only undergraduate institution until 2010
#   (Asia Times, June 2018, https://asiatimes.com/2018/06/shenzhen-city-moves-to-boost-rd-investment/;
#   *secondary*, a press summary of Chinese reporting).
# * **R&D intensity around 2019/20.** About 4.9 % of GDP, stated by the mayor at a press
#   conference (Xinhua via china.org.cn, 25 Sep 2020,
#   http://china.org.cn/business/2020-09/25/content_76739711.htm; *secondary*).
#
# Read with the quoted table: R&D spending at about 4 % of GDP from the mid-2010s, close to
# half of China's PCT applications in 2015-2016, and a business sector that carries almost all
# of the research effort. This is the profile the KIET framework calls a market-led innovation
# ecosystem (its proposal 4). None of these figures can be tied to an industry breakdown with
# public data, which is the gap the next section describes.

# %% [markdown]
# ## 5. Data gap: the table that would make Shenzhen computable
#
# The structure, variety, relatedness and complexity indices need a region × industry (×
# year) table. For Shenzhen, none of the package's public sources provides one: the NBS export
# has three sectors only, the prefecture panel has GDP and population, the delta table is one
# year of ten groups quoted from a paper, and the national employment table has no city
# detail. We therefore compute **no** Shenzhen industry indices and fabricate no numbers.
#
# The gap closes with one long table: employment (or value added) by GB/T 4754-2017
# manufacturing division for Shenzhen and a comparison region, by year. The package writes
# that table empty; its layout is below and in `data/example/shenzhen_template_gbt4754.csv`.
# Sources to fill it from are the Shenzhen and Guangdong statistical yearbooks (industrial
# enterprises above designated size by division).

# %%
template = shenzhen_template(comparison=comparison)
template_path = out.table(template, "03_shenzhen_template_gbt4754", section="5", index=False)
shipped = pd.read_csv(find_project_root() / "data" / "example" / "shenzhen_template_gbt4754.csv",
                      dtype={"region": str, "industry": str})
same = (len(shipped) == len(template)
        and shipped[["region", "industry", "year"]].astype(str)
        .equals(template[["region", "industry", "year"]].astype(str)))
out.key("template_rows", len(template), section="5")
out.key("template_divisions", int(template["industry"].nunique()), section="5")
out.key("template_matches_shipped_example", bool(same), section="5")
template.head(8)

# %% [markdown]
# Run through the package's validator, the empty template is rejected: every value is
# missing, and the validator refuses to treat a missing value as zero. This is the intended
# behaviour, and the reason no Shenzhen index appears in this notebook.

# %%
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    report = validate_file(template_path, value="employment")
print(report.format())
validation = pd.DataFrame([{"kind": p.kind, "severity": p.severity, "column": p.column,
                            "n_lines": len(p.lines or []), "message": p.message}
                           for p in report.problems])
out.table(validation, "03_template_validation", section="5", index=False)
out.key("template_validates_empty", bool(report.ok), section="5")
validation

# %% [markdown]
# **How to run the analysis once the table is filled.** Fill the `employment` column (write 0
# where a division truly has no employment; keep rows out rather than guessing), then either
# use the command line:
#
# ```bash
# smartregion validate shenzhen_filled.csv --value employment
# smartregion indices shenzhen_filled.csv --value employment -o outputs/shenzhen
# ```
#
# or the same functions as notebook 02:
#
# ```python
# from smartregion.byod import load_panel
# from smartregion.structure import location_quotient, herfindahl, krugman_index
# from smartregion.variety import entropy, related_unrelated_variety
# from smartregion.datasets.codes import load_gbt4754
#
# panel = load_panel("shenzhen_filled.csv", value="employment")   # raises, listing every problem
# lq = location_quotient(panel)          # Shenzhen vs the comparison region, every year
# hhi = herfindahl(panel)
# krugman = krugman_index(panel, reference="rest")
# h = entropy(panel)
#
# # Related/unrelated variety need industries nested in groups. With data by 3-digit GB/T
# # group, the code list gives each group its division; write it as the hierarchy file:
# codes = load_gbt4754().tables["codes"]
# (codes[codes["level"] == "group"].set_index("code")["parent"].rename("division")
#  .rename_axis("industry").to_csv("group_division.csv"))
# panel3 = load_panel("shenzhen_groups.csv", value="employment",
#                     hierarchy="group_division.csv")
# rv_uv = related_unrelated_variety(panel3, level="division")
# ```
#
# Two regions make a thin comparison: location quotients of Shenzhen against Shenzhen plus
# Guangzhou mostly restate their difference. Adding Guangdong, or China from the national
# yearbook, as further regions gives each division a proper benchmark; the same code runs
# unchanged on any number of regions and years.

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))
