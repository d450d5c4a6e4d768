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
# **What this notebook does.** It tells, with sources, how Shenzhen became what it is (the
# special economic zone, Hong Kong next door, its firms, the electronics market of Huaqiangbei
# and the maker ecosystem); sets Shenzhen's growth since 2001 against China's major cities and
# all prefecture-level cities on two nominal GDP series (and says which one to believe) and on
# real GDP, with one-year level shifts from boundary or series changes flagged and kept out of
# the headlines; follows Shenzhen's move to services among the major cities (tertiary share,
# shift-share of value added); computes the industry structure of Shenzhen's ten districts in
# 2016 (location quotients, specialisation, diversity, manufacturing dependence, productivity
# proxies) from the district tables of the Shenzhen Statistical Yearbook 2017, by district type
# and with the blank cells read both as zero and as missing; places Shenzhen's manufacturing in
# the Pearl River Delta; puts Kyoto and Shenzhen side by side on the same section-level indices;
# places Guangdong, Shenzhen's province, among China's provinces with the computations that
# notebook 02 applies to Kyoto among Japan's prefectures; fills the KIET framework's four
# measure areas for both regions with a computed or quoted indicator, or "no data"; and lists
# the public sources that are not machine-readable here and what they would unlock.
#
# Evidence types are kept apart: GDP series, the city, provincial and district tables are
# **real data**; the Pearl River Delta table and the innovation, firm and policy figures are
# **quoted** (every quoted number comes from the package's `case_figures` table, with its
# primary source and access date); what no available source gives is **missing**.
#
# **Where the computations live.** Each section calls one function of `smartregion.cases`
# (module `cases.shenzhen`) that takes the loaded data and the city, codes and years as
# arguments and returns the section's indicator: its table, the frames a figure draws and the
# key numbers the reading quotes, recorded with one `out.record` call. Each figure is one call
# of `cases.figures`, whose title states the finding from the indicator's own numbers. The
# indices themselves are those of `smartregion.structure`, `smartregion.variety`,
# `smartregion.shiftshare` and `smartregion.complexity`.
#
# Outputs:
# `tables/03_case_figures_used.csv`, `tables/03_major_cities_cagr.csv`,
# `tables/03_major_cities_level_shifts.csv`, `tables/03_sector_shares.csv`,
# `tables/03_major_cities_tertiary_path.csv`, `tables/03_major_cities_shift_share.csv`,
# `tables/03_shenzhen_shift_share_sectors.csv`, `tables/03_gdp_series_compared.csv`,
# `tables/03_prefecture_level_shifts.csv`, `tables/03_prefecture_cagr.csv`,
# `tables/03_prefecture_missing.csv`, `tables/03_district_checks.csv`,
# `tables/03_district_lq.csv`, `tables/03_district_structure.csv`,
# `tables/03_district_blank_sensitivity.csv`, `tables/03_district_productivity.csv`,
# `tables/03_prd_lq.csv`, `tables/03_prd_structure.csv`, `tables/03_kyoto_shenzhen_sections.csv`,
# `tables/03_kyoto_shenzhen_indices.csv`, `tables/03_province_indices_2017.csv`,
# `tables/03_guangdong_ranks_2017.csv`, `tables/03_province_section_pci_2017.csv`,
# `tables/03_guangdong_path.csv`, `tables/03_guangdong_shift_share.csv`,
# `tables/03_framework.csv`, `tables/03_quoted_figures.csv`, `tables/03_data_gaps.csv`,
# `tables/03_shenzhen_template_gbt4754.csv`, `tables/03_template_validation.csv`,
# `figures/03_gdp_index.png`, `figures/03_sector_structure.png`,
# `figures/03_major_cities_transition.png`, `figures/03_gdp_series_compared.png`,
# `figures/03_prefecture_cagr.png`, `figures/03_district_lq_heatmap.png`,
# `figures/03_district_manufacturing.png`, `figures/03_prd_lq_heatmap.png`,
# `figures/03_kyoto_shenzhen_lq.png`, `figures/03_guangdong_provinces.png`,
# `key_numbers/03_shenzhen_case.json`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed (nothing random here; kept for a uniform interface)
city = "Shenzhen"  # city of interest (English name in the NBS major-city file)
comparison = "Guangzhou"  # second city drawn in the charts and used in the template
prefcode = 4403  # the city's code in the prefecture panel (Guangdong 44, city 03)
start_year = 2001  # first year of the growth comparison
end_year = 2017  # last year of the growth comparison
kyoto = "Kyoto"  # the Japanese case, as named in the 2014 Economic Census file

# %%
import warnings
from functools import partial

import numpy as np
import pandas as pd

from smartregion import cases
from smartregion.byod import validate_file
from smartregion.datasets.china import (
    load_cn_major_cities,
    load_cn_prefecture_panel,
    shenzhen_template,
)
from smartregion.datasets.cn_provinces import (
    PROVINCE_SECTORS,
    load_cn_major_cities_sectors,
    load_cn_province_sector_employment,
)
from smartregion.datasets.facts import load_facts, record_case_figures
from smartregion.datasets.jp_census import load_jp_economic_census_2014
from smartregion.datasets.shenzhen import (
    FORMER_SEZ,
    NEW_DISTRICTS,
    OUTER_DISTRICTS,
    SERVICE_CORE,
    blank_treatments,
    load_cn_shenzhen_districts_2016,
)
from smartregion.outputs import OutputWriter, find_project_root
from smartregion.plots import Source, color_for, use_style

rng = np.random.default_rng(seed)
use_style()
out = OutputWriter(output_dir, notebook="03_shenzhen_case")
facts = load_facts("case_figures").tables["figures"]
NBS = "NBS annual data for major cities (2019 export)"
PANEL = "China City Statistical Yearbooks (Wiebe compilation)"
SZ_YB = "Shenzhen Statistical Yearbook 2017, district tables"
SECTOR_COLOURS = {"primary": "#7fa36b", "secondary": "#4c72b0", "tertiary": "#b5a0d3"}

# %% [markdown]
# ## 1. How Shenzhen developed: a sourced account
#
# The KIET report asks what made each case region develop: its history and institutions, the
# new growth engines, why global firms succeeded there and how its innovation and business
# platforms work. The account below quotes only figures held in the package's `case_figures`
# table (`tables/03_case_figures_used.csv` lists each with the page read, the primary source
# behind it and the access date); most were read on secondary pages (press, reprints), which
# the table flags. It is organised by the framework's four measure areas (M1 multilateral
# connections and industrial structure, M2 open-innovation start-up base, M3 new-business
# support in the platform economy, M4 smartization foundation).

# %%
used = record_case_figures(out, [
    "sz_sez_approved_year", "sz_gdp_1980", "sz_gdp_2019_approx", "sz_gdp_growth_1980_2019",
    "sz_gdp_per_capita_1979", "sz_gdp_per_capita_2019", "sz_zte_founded", "sz_huawei_founded",
    "sz_tencent_founded", "sz_dji_civilian_drone_share", "sz_bgi_sequencing_share",
    "sz_hax_investment", "sz_hax_programme_months", "sz_hax_overseas_startups",
    "sz_university_founded", "sz_virtual_university_park", "sz_university_town",
    "sz_sustech_opened", "sz_firm_share_of_innovation", "sz_rd_business_share_2014",
    "sz_rd_intensity_2014", "sz_rd_intensity_2016", "sz_rd_intensity_2019",
    "sz_pct_applications_2015", "sz_pct_share_of_china_2015", "sz_pct_applications_2016",
    "sz_pct_share_of_china_2016", "sz_sei_value_added_2019", "sz_sei_share_gdp_2019",
    "sz_sei_share_gdp_2018", "sz_national_high_tech_enterprises_2018",
    "sz_national_high_tech_enterprises_c2015", "sz_high_tech_output_2016", "sz_gdp_2001_xinhua",
    "sz_gdp_2001_nbs",
], section="1", table="03_case_figures_used")
out.record({"n_case_figures_used": len(used),
            "n_case_figures_used_secondary": int(used["secondary_source"].sum())}, section="1")
out.say(
    "**History and institutions.** Shenzhen is a creation of policy. The special economic zone "
    "was approved by the Standing Committee of the National People's Congress in "
    "{q_sz_sez_approved_year:.0f}, on the border with Hong Kong, as a place where market "
    "institutions and foreign investment could be tried first. From a GDP of about "
    "{q_sz_gdp_1980:,.0f} million yuan in 1980 the city reached about "
    "{q_sz_gdp_2019_approx:.1f} trillion yuan in 2019, an average of {q_sz_gdp_growth_1980_2019}% "
    "a year as reported (the price basis is not stated), and GDP per head rose from "
    "{q_sz_gdp_per_capita_1979:,.0f} yuan (1979) to {q_sz_gdp_per_capita_2019:,.0f} yuan (2019). "
    "The sources held here give no figure on the zone's ties to Hong Kong (investment, trade, "
    "the firms that moved across the border), so this account names the neighbour but does not "
    "measure the link.\n\n"
    "**M1, industrial structure and connections.** The growth engine moved from export "
    "assembly to electronics and telecommunications: ZTE was founded in "
    "{q_sz_zte_founded:.0f}, Huawei in {q_sz_huawei_founded:.0f}, Tencent in "
    "{q_sz_tencent_founded:.0f} (in Huaqiangbei); DJI is credited with about "
    "{q_sz_dji_civilian_drone_share:.0f}% of civilian drones, BGI with about "
    "{q_sz_bgi_sequencing_share:.0f}% of gene-sequencing capacity, and BYD is described as the "
    "largest supplier of rechargeable batteries. The district data below show where this "
    "structure sits in the city.\n\n"
    "**M2, open-innovation start-up base.** Huaqiangbei, the electronics market district, is the "
    "centre of a maker ecosystem: hardware accelerators such as HAX locate there, investing "
    "US${q_sz_hax_investment:,.0f} and {q_sz_hax_programme_months:.0f} months of support per "
    "team and bringing more than {q_sz_hax_overseas_startups:.0f} overseas start-ups a year. "
    "Universities came late: Shenzhen University opened in {q_sz_university_founded:.0f}, the "
    "Virtual University Park in {q_sz_virtual_university_park:.0f}, University Town (graduate "
    "schools of Peking, Tsinghua and Harbin Institute of Technology) in "
    "{q_sz_university_town:.0f}, and SUSTech in {q_sz_sustech_opened:.0f}.\n\n"
    "**M3, new business in the platform economy.** The city's seven strategic emerging "
    "industries produced {q_sz_sei_value_added_2019:.2f} trillion yuan of value added in 2019, "
    "{q_sz_sei_share_gdp_2019}% of GDP ({q_sz_sei_share_gdp_2018:.0f}% in 2018, secondary "
    "source); the number of state-recognised high-tech enterprises rose from "
    "{q_sz_national_high_tech_enterprises_c2015:,.0f} around 2015 to "
    "{q_sz_national_high_tech_enterprises_2018:,.0f} in 2018.\n\n"
    "**M4, smartization foundation.** Research is firm-led: about "
    "{q_sz_firm_share_of_innovation:.0f}% of R&D personnel, spending, patents and R&D "
    "institutions are reported to sit in firms, and {q_sz_rd_business_share_2014:.0f}% of R&D "
    "investment in 2014 came from companies. R&D spending was {q_sz_rd_intensity_2014}% of GDP in "
    "2014, {q_sz_rd_intensity_2016}% in 2016 and about {q_sz_rd_intensity_2019}% in 2019/20; "
    "Shenzhen filed {q_sz_pct_applications_2015:,.0f} PCT applications in 2015 "
    "({q_sz_pct_share_of_china_2015}% of China's) and {q_sz_pct_applications_2016:,.0f} in 2016 "
    "({q_sz_pct_share_of_china_2016}%).", section="1")

# %% [markdown]
# ## 2. Growth path 2001-2017 against the other major cities
#
# **Data.** GDP of the cities in the National Bureau of Statistics' major-city database
# (provincial capitals, the four municipalities and the sub-provincial cities), in 100 million
# yuan at current prices, as exported in 2019. Growth rates are therefore **nominal** (the
# export has no deflator; section 3 ranks on real GDP). The NBS revises city GDP after each
# economic census, so later releases differ from these values.
#
# **Level shifts.** A one-year change that no growth process makes (a city absorbing a
# neighbour, a series joined from two vintages) is flagged by the documented rule of
# `smartregion.datasets.china.level_shifts`: a change of GDP far outside that year's spread
# across the cities (robust z-score and size), or a jump of registered population in the
# prefecture panel (a boundary change). Flagged cities stay in the tables and the figure but
# are never named among the fastest growers.

# %%
major = load_cn_major_cities()
growth = cases.major_city_growth(
    major.tables["gdp"], major.report["gdp_empty_cells_2001_2017"],
    load_cn_prefecture_panel().tables["prefecture"], facts, city=city, comparison=comparison,
    start=start_year, end=end_year)
out.record(growth, section="2", table="03_major_cities_cagr")
out.table(growth.parts["level_shifts"], "03_major_cities_level_shifts", section="2",
          index=False)
out.figure(cases.gdp_index_figure(growth, city=city, comparison=comparison, source=NBS),
           "03_gdp_index", section="2")
growth.parts["cagr"].head(10).round(4)

# %% [markdown]
# ### 2a. Three-sector structure of Shenzhen and Guangzhou
#
# Value added of the primary, secondary and tertiary sectors from the same NBS export, as
# shares of their sum, for the years in which all three are filled (2007-2017). The loader
# checks that the sectors add up to GDP (the largest gap is recorded in its report).

# %%
shares = cases.sector_shares(major.panel, (city, comparison),
                             sum_gap=major.report["sector_sum_minus_gdp_max_abs"])
out.record(shares, section="2a", table="03_sector_shares")
out.figure(cases.sector_structure_figure(shares, (city, comparison), SECTOR_COLOURS, source=NBS),
           "03_sector_structure", section="2a")
shares.table.round(3)

# %%
out.say(
    "Over {start_year}-{end_year} Shenzhen's nominal GDP in this export grew by "
    "{shenzhen_cagr_major_cities:.1%} a year, rank {shenzhen_cagr_rank_major_cities} of "
    "{n_major_cities_ranked} major cities, and its GDP rank rose from "
    "{shenzhen_gdp_rank_2001} to {shenzhen_gdp_rank_2017}. Among the cities whose series "
    "has no level shift, the fastest growers were {fastest_major_cities} (the first at "
    "{fastest_major_city_cagr:.1%} a year). {n_major_cities_level_shift} cities have a "
    "one-year change that the package's level-shift rule flags (a change of GDP far outside "
    "that year's spread across cities, or, for the {n_major_cities_in_prefecture_panel} cities "
    "the prefecture panel holds, a registered population that jumps by a fifth or more, i.e. a "
    "boundary change): {major_cities_level_shift}; their growth over the span "
    "mixes growth with a change of boundary or series, so they are drawn but not ranked "
    "among the fastest. The NBS export leaves "
    "{major_cities_empty_gdp_cells_in_span} city-years of GDP empty in this span (city or "
    "cities: {major_cities_with_gaps}); the figure bridges them "
    "with dotted segments and the growth rates need only the end years. The largest one-year "
    "change in the export, {major_cities_largest_yoy_city}'s GDP in "
    "{major_cities_largest_yoy_year} at {major_cities_largest_yoy_ratio:.1f} times the year "
    "before, is one of them. Shenzhen's value added stayed more "
    "industrial than Guangzhou's (secondary share {shenzhen_secondary_share_2017:.0%} against "
    "{guangzhou_secondary_share_2017:.0%} in 2017). Section 3 shows that the export's early "
    "years are an older vintage than its later ones, which inflates growth measured from "
    "2001.", section="2")
# %% [markdown]
# ### 2b. Shenzhen's transition among the 36 major cities, 2007-2017
#
# **Comparison group.** All cities of the NBS major-city database, with the value added of
# their primary, secondary and tertiary industries (in 100 million yuan, current prices; dataset
# `cn_major_cities_sectors`, whose three sectors the loader checks against each city's GDP).
# The export has the three sectors for every city from 2007 only (before that for four or five
# cities), and one city lacks 2010, so the path runs 2007-2017 and 2010 is left out of the
# distribution. **Measures.** The tertiary share of value added, Shenzhen's rank on it among
# the major cities, and a shift-share decomposition (Dunn, 1960) of Shenzhen's value-added
# change 2007-2017 against their aggregate: national share (growth had Shenzhen grown like the
# major cities together), industry mix (its mix of the three sectors) and regional share (the
# rest). Values
# are nominal: the components mix volume growth and relative prices.

# %%
cs = load_cn_major_cities_sectors()
transition = cases.tertiary_transition(cs.panel, city,
                                       max_gap_to_gdp=cs.report["max_abs_gap_to_gdp"])
out.record(transition, section="2b", table="03_major_cities_tertiary_path")
out.table(transition.parts["shift_share"], "03_major_cities_shift_share", section="2b")
out.table(transition.parts["shift_share_sectors"], "03_shenzhen_shift_share_sectors",
          section="2b")
out.figure(cases.tertiary_transition_figure(transition, city=city, comparison=comparison,
                                            source=NBS,
                                            xlabel="Year (2010 left out: one city without "
                                                   "values)"),
           "03_major_cities_transition", section="2b")
transition.table.round(3)

# %%
out.say(
    "Against the {cs_n_cities} major cities, Shenzhen's tertiary share rose from "
    "{shenzhen_tertiary_share_2007:.0%} in {cs_first_year} (rank "
    "{shenzhen_tertiary_rank_2007}; median {median_tertiary_share_2007:.0%}) to "
    "{shenzhen_tertiary_share_2017:.0%} in {cs_last_year} (rank {shenzhen_tertiary_rank_2017}; "
    "median {median_tertiary_share_2017:.0%}): {shenzhen_tertiary_change_pp:.1f} percentage "
    "points against a median rise of {median_tertiary_change_pp:.1f} (rank "
    "{shenzhen_tertiary_rise_rank} on the rise). So Shenzhen moved towards services "
    "{tertiary_pace} the typical big city, and in {cs_last_year} its tertiary share placed it "
    "{tertiary_place} of the 36. In the "
    "shift-share of its value added, the national share (growth at the 36-city rate) is "
    "{shenzhen_va_national_share:,.0f}, the industry mix {shenzhen_va_industry_mix:,.0f} and the "
    "regional share {shenzhen_va_regional_share:,.0f} x 100 million yuan "
    "({shenzhen_va_regional_share_pct_of_start:.0%} of its {cs_first_year} value added, rank "
    "{shenzhen_va_regional_share_rank} of the 36); of the regional share, "
    "{shenzhen_va_regional_share_secondary:,.0f} is in the secondary and "
    "{shenzhen_va_regional_share_tertiary:,.0f} in the tertiary industry. The values are "
    "nominal and the three industries are coarse; the decomposition describes where Shenzhen's "
    "growth differed from the big-city average, not why.", section="2b")

# %% [markdown]
# ## 3. Growth ranking among all prefecture-level cities, on two GDP series and real GDP
#
# **Data.** GDP (in 100 million yuan, current prices) and population (in 10,000 persons) of the
# prefecture-level units, 1991-2019, from the China City Statistical Yearbooks as compiled by
# Wiebe. The four province-level municipalities are not in it. Coverage is uneven, so the
# missing values per year are tabulated and units without GDP in both end years are left
# unranked (not dropped). `pop` appears to be registered (hukou) population, far below the
# resident population in migrant cities such as Shenzhen, so per-capita growth on that base is
# shown for completeness only.
#
# **Real GDP.** The panel also holds GDP at constant prices and the GDP deflator; the loader
# checks that real GDP is nominal GDP divided by the chained deflator. Real growth is the
# headline ranking, nominal growth the robustness check, and the level-shift rule of section 2
# flags boundary changes (with the population jump) in the same way.
#
# **Two series for Shenzhen.** The prefecture panel and the NBS major-city export disagree on
# Shenzhen's early GDP. The comparison below puts them side by side year by year and ranks
# Shenzhen twice: on the panel's own series, and with its two end values replaced by the NBS
# export's. Which one is right is decided by consistency over time, not by preference.

# %%
prefs = load_cn_prefecture_panel()
table = prefs.tables["prefecture"]
missing = pd.DataFrame({"gdp_missing": prefs.report["gdp_missing_per_year"],
                        "pop_missing": prefs.report["pop_missing_per_year"]})
missing.index.name = "year"
missing["units"] = table.groupby("year").size()
out.table(missing, "03_prefecture_missing", section="3")

series = cases.gdp_series_comparison(
    table[table["prefcode"] == prefcode].set_index("year")["gdp"],
    growth.parts["wide"][city], start=start_year, end=end_year)
out.record(series, section="3", table="03_gdp_series_compared")
out.figure(cases.gdp_series_figure(series, city=city, source=f"{PANEL}; {NBS}",
                                   years=f"{start_year}-{end_year}"),
           "03_gdp_series_compared", section="3")

ranked = cases.prefecture_growth(
    table, prefs.tables["names"].set_index("prefcode"), prefcode=prefcode,
    nbs_end_values=growth.parts["wide"][city], start=start_year, end=end_year,
    tag=city.lower(), n_units=prefs.report["prefectures"], named=("Hefei", "Lhasa"))
out.table(ranked.parts["level_shifts"], "03_prefecture_level_shifts", section="3", index=False)
out.record(ranked, section="3", table="03_prefecture_cagr")
n_ranked = ranked.key_numbers["n_prefecture_units_ranked"]
out.figure(cases.prefecture_growth_figure(ranked, prefcode=prefcode, city=city,
                                          start=start_year, end=end_year, source=PANEL),
           "03_prefecture_cagr", section="3")
ranked.table.loc[[prefcode]].T

# %%
if series.key_numbers["panel_series_is_consistent"]:
    verdict = (
        "The two series agree to within {series_ratio_max_after_jump:.2f}x from "
        "{series_jump_year} on, but before it the panel is up to "
        "{series_ratio_max_before_jump:.2f}x the NBS export ({series_ratio_start:.2f}x in "
        "{start_year}). In {series_jump_year} the NBS export jumps by "
        "{series_jump_growth_nbs:.0%} while the panel grows by {series_jump_growth_panel:.0%}: "
        "the pattern of an export that joins unrevised early figures to later figures carrying an "
        "upward revision (the jump coincides with China's first national economic census, "
        "reference year 2004), whereas the panel's early years sit on the later basis. Growth "
        "must be measured "
        "within one vintage, so the **panel series is the right one**: Shenzhen's nominal GDP "
        "grew by {shenzhen_cagr_prefectures:.1%} a year over {start_year}-{end_year}, rank "
        "{shenzhen_cagr_rank_prefectures} of {n_prefecture_units_ranked} prefecture-level cities "
        "(median {median_prefecture_cagr:.1%}). With the NBS end values the rate would be "
        "{shenzhen_cagr_nbs_endpoints:.1%} and the rank {shenzhen_cagr_rank_nbs_endpoints}, but "
        "that rate counts the census revision as growth. The same break affects every city of "
        "the major-city export, so the ranking of section 2 compares cities on a common but "
        "inflated basis; it is not a measure of real performance either.")
else:
    verdict = (
        "The two series do not show a single revision break, so neither can be preferred on "
        "consistency: Shenzhen ranks {shenzhen_cagr_rank_prefectures} of "
        "{n_prefecture_units_ranked} on the panel series and "
        "{shenzhen_cagr_rank_nbs_endpoints} with the NBS end values; both are shown.")
out.say(verdict, section="3")
out.say(
    "**On real GDP**, the headline measure, Shenzhen grew by "
    "{shenzhen_cagr_real_prefectures:.1%} a year over {start_year}-{end_year}, rank "
    "{shenzhen_cagr_real_rank_prefectures} of {n_prefecture_units_ranked_real} "
    "prefecture-level cities (median {median_prefecture_cagr_real:.1%}); nominal growth, the "
    "robustness check, ranks the cities much the same way (rank correlation "
    "{rank_corr_real_nominal:.2f}). The package's level-shift rule flags "
    "{n_prefecture_units_level_shift} cities with a one-year change that is not growth "
    "({n_prefecture_level_shift_population} of the flags are population jumps of a fifth or "
    "more, i.e. boundary changes): Hefei in {hefei_level_shift_years} (it absorbed part of "
    "the former Chaohu prefecture; real-growth rank {hefei_cagr_real_rank}) and Lhasa in "
    "{lhasa_level_shift_years} (rank {lhasa_cagr_real_rank}) among them. Their growth rates "
    "are kept in the table but not headlined: among the "
    "{n_prefecture_units_ranked_real_no_shift} cities without a flag, the fastest were "
    "{fastest_prefectures_real_no_shift} (the first at "
    "{fastest_prefecture_real_no_shift_cagr:.1%} a year) and Shenzhen ranks "
    "{shenzhen_rank_real_among_no_shift}. The deflator is {deflator_scope} (every city of a "
    "province has the same value in a year), so within a province real growth differences "
    "restate nominal ones.",
    section="3")
# %% [markdown]
# ## 4. Shenzhen's ten districts in 2016: industry structure (computed)
#
# **Data.** Year-end full-time employed workers by the sections of GB/T 4754-2017 in each
# of Shenzhen's ten districts, with district GDP, surveyed units, enterprise indicators, land
# area and population, from the district tables of the Shenzhen Statistical Yearbook 2017 as
# transcribed in a public repository (dataset `cn_shenzhen_districts_2016`). The files give no
# year; the totals identify it as 2016 (checked below against the NBS series). The worker count
# covers full-time workers of reporting units, not all employment: self-employed and informal
# work are outside it, so the count is well below the resident workforce (ratio recorded
# below). Blank cells are "not reported"; the printed district totals add up exactly when
# they count as zero, so the panel enters them as zero and section 4a shows what changes when
# they are read as missing instead.
#
# **Where workers are counted.** The district tables count a unit's workers in the district
# where the legal unit is registered, not where they work. Head offices concentrate in the
# centre, so branch staff (banks, telecoms, software firms with sites elsewhere) are counted in
# Futian, Luohu or Nanshan: finance is blank in Bao'an and Longgang although both have bank
# branches, and the core's shares of finance and ICT workers are upper bounds of where that
# work is done.
#
# **District types.** The former special economic zone (1980-2010, "inside the line") is
# Futian, Luohu, Nanshan and Yantian; Futian, Luohu and Nanshan are its central districts and
# Yantian its port district. Bao'an and Longgang, districts since 1993, are the outer
# districts; Longhua, Pingshan, Guangming and Dapeng are the new districts carved out of them
# in 2007-2011 (in 2016 still functional areas). The figures group districts this way.
#
# **Indices.** All comparisons are **within Shenzhen**: the reference is the city, the sum of
# the ten districts. Location quotient $LQ_{di} = (x_{di}/x_d)/(x_i/x)$; Herfindahl
# $H_d = \sum_i s_{di}^2$ of the section shares; Krugman specialisation
# $K_d = \sum_i |s_{di} - s_i^{(-d)}|$ against the other nine districts (range 0-2, Krugman
# 1991); diversity = number of sections with $LQ \ge 1$; entropy $-\sum_i s_{di}\log_2 s_{di}$
# in bits. Sections are coarse: a district "diversified" at this level can still rest
# on one kind of manufacturing.

# %%
sz = load_cn_shenzhen_districts_2016()
year = int(sz.panel.times[0])
overview = cases.district_overview(
    sz, nbs_gdp=major.tables["gdp"].set_index(["city", "year"]).loc[(city, year), "gdp"],
    tag=city.lower(), named_groups={"new_districts": NEW_DISTRICTS,
                                    "outer_districts": OUTER_DISTRICTS,
                                    "service_core": SERVICE_CORE, "former_sez": FORMER_SEZ})
out.record(overview, section="4", table="03_district_checks", index=False)
out.say(
    "All {district_checks_passed} of {district_checks_total} consistency checks pass: each "
    "district's sections add up to its printed total, the ten districts to "
    "{shenzhen_district_workers_total:,} workers, district GDP to "
    "{shenzhen_district_gdp_total_10k_yuan:,} x 10,000 yuan ({district_gdp_vs_nbs} the "
    "NBS city value for {district_data_year}), and the year-end permanent "
    "population is {shenzhen_population_2016_10k:,.2f} x 10,000. The worker count equals "
    "{workers_per_resident_2016:.0%} of the resident population; "
    "{district_blank_cells_entered_as_zero} blank cells entered as zero.", section="4")

# %%
order = [*SERVICE_CORE, "Yantian", *OUTER_DISTRICTS, *NEW_DISTRICTS]
structure_sz = cases.district_structure(sz.panel, order=order, tag=city.lower())
out.record(structure_sz, section="4", table="03_district_structure")
out.table(structure_sz.parts["lq"], "03_district_lq", section="4")
out.figure(cases.district_lq_figure(structure_sz, city=city, source=SZ_YB),
           "03_district_lq_heatmap", section="4")
out.figure(cases.district_manufacturing_figure(structure_sz, city=city, source=SZ_YB),
           "03_district_manufacturing", section="4")
structure_sz.table.round(3)

# %%
out.say(
    "The city splits along the line of the former special economic zone. Outside it, in the "
    "outer districts ({outer_districts}) and the new districts ({new_districts}), manufacturing "
    "employs {manufacturing_share_outside_sez:.0%} of full-time workers and these six districts "
    "hold {outside_sez_share_of_city_manufacturing:.0%} of the city's manufacturing workers "
    "({manufacturing_share_outer_districts:.0%} in the outer, "
    "{manufacturing_share_new_districts:.0%} in the new districts, which hold "
    "{new_districts_share_of_city_manufacturing:.0%} of the city's manufacturing workers); in "
    "the core of the former zone ({service_core}) it employs "
    "{manufacturing_share_service_core:.0%} (city {manufacturing_share_shenzhen:.0%}). "
    "{most_manufacturing_district} is the most "
    "manufacturing-dependent district ({most_manufacturing_district_share:.0%}) and "
    "{least_manufacturing_district} the least ({least_manufacturing_district_share:.0%}). The "
    "core holds {service_core_share_of_city_information:.1%} of the city's workers in information "
    "transmission, software and IT services and {service_core_share_of_city_finance:.1%} of those "
    "in finance, counted where the legal units are registered (so upper bounds of where the "
    "work is done). Nanshan is the exception inside the core: manufacturing still employs "
    "{nanshan_manufacturing_share:.0%} of its workers (LQ {nanshan_lq_manufacturing:.2f}) next to "
    "an information-services LQ of {nanshan_lq_information:.2f}; Futian's finance LQ is "
    "{futian_lq_finance:.2f}. On the Krugman index {most_specialised_district_krugman} differs "
    "most from the rest of the city ({most_specialised_district_krugman_value:.2f} of a maximum "
    "of 2), and {most_diverse_district_entropy} has the most even mix "
    "({most_diverse_district_entropy_bits:.2f} bits). These are shares of reporting units' "
    "full-time workers in one year; they describe the division of labour inside the city, not "
    "its causes.", section="4")

# %% [markdown]
# ### 4a. Blank cells: zero or missing?
#
# Some cells of the employment table are blank ("not reported"). The panel above enters them
# as zero, which the printed totals allow. Read as missing, a section with a blank in any
# district cannot be compared across districts, so the indices are recomputed on the sections
# reported in all ten districts. The sections that drop out include finance (blank in Bao'an,
# Longgang, Pingshan and Dapeng) and information services (blank in Dapeng): under the
# registration rule above those blanks say that no legal unit of the section is registered
# there, not that nobody works in it.

# %%
blanks = cases.blank_sensitivity(
    blank_treatments(sz), order=order, section_names=sz.panel.hierarchy["section_en"],
    n_blank=sz.report["employment_blank_cells_entered_as_zero"])
out.record(blanks, section="4a", table="03_district_blank_sensitivity")
out.say(
    "Read as missing, the {n_blank_cells} blank cells take out {blank_sections_dropped}, "
    "leaving {n_sections_reported_everywhere} sections reported in every district. On those "
    "sections the location quotients move by at most {blank_lq_max_abs_change:.2f} "
    "({blank_lq_max_change_cell}); the district rankings {blank_rank_verdict} on manufacturing "
    "LQ (rank correlation {blank_rank_corr_manufacturing_lq:.2f}), entropy "
    "({blank_rank_corr_entropy_bits:.2f}) and Krugman specialisation "
    "({blank_rank_corr_krugman_vs_other_districts:.2f}); with the blanks read as missing "
    "{blank_most_diverse_missing} has the most even mix and {blank_most_specialised_missing} "
    "differs most from the rest of the city. The manufacturing split between the former zone "
    "and the rest does not depend on the blanks; the finance and ICT readings do, because those "
    "sections are where the blanks and the registration rule bite.", section="4a")
blanks.table.round(2)

# %% [markdown]
# ## 5. Productivity proxies by district (computed)
#
# Two proxies, each with its unit and its caveat. **GDP per full-time worker** (thousand yuan
# per worker) divides district GDP by the district's full-time workers; because the worker
# count leaves out the self-employed and informal work, it overstates output per person
# employed, and more so where such work is common. **Enterprise revenue per employee**
# (thousand yuan per person) divides the business revenue of the enterprises in the
# enterprise-indicator table by their average employment; the table does not state which
# enterprises it covers (it counts fewer units than the table of surveyed units; the gap to
# one sector of that table is recorded below), so it is read as a ranking of districts, not as
# a level. Revenue is a gross measure, so districts with
# trading or finance firms look more productive than their value added would show.

# %%
productivity = cases.district_productivity(
    structure_sz.table, overview.parts["gdp"], overview.parts["land"],
    sz.tables["enterprises"].set_index("district"), sz.tables["units"].set_index("district"),
    tag=city.lower())
out.record(productivity, section="5", table="03_district_productivity")
out.say(
    "GDP per full-time worker is {gdp_per_worker_shenzhen_thousand_yuan:,.0f} thousand yuan for "
    "the city, {gdp_per_worker_service_core:,.0f} in the core of the former zone, "
    "{gdp_per_worker_outer_districts:,.0f} in the outer and "
    "{gdp_per_worker_new_districts:,.0f} in the new districts; it is highest in "
    "{gdp_per_worker_top_district} ({gdp_per_worker_top_value:,.0f}) and lowest in "
    "{gdp_per_worker_bottom_district} ({gdp_per_worker_bottom_value:,.0f}). Enterprise revenue "
    "per employee is highest in {revenue_per_employee_top_district} "
    "({revenue_per_employee_top_value:,.0f} thousand yuan); its rank correlation with GDP per "
    "worker across the ten districts is {revenue_per_employee_rank_corr_with_gdp_per_worker:.2f}. "
    "The enterprise counts of that table are within "
    "{enterprises_vs_leasing_units_max_rel_gap:.0%} of the surveyed units in leasing and "
    "business services in every district, which suggests (the table does not say) that it "
    "covers that sector only; if so, revenue per employee describes business services, not the "
    "district economy. "
    "Both are proxies on partial worker counts; neither is a measure of labour productivity.",
    section="5")
productivity.table.round(1)

# %% [markdown]
# ## 6. Pearl River Delta manufacturing structure, 2018 (quoted table)
#
# **Data (quoted).** Kang & Liu (2020, *Geographical Research*, vol. 39, no. 9, Table 2) give,
# for the nine Pearl River Delta cities, the output of ten manufacturing groups as a
# percentage of city GDP in 2018. The groups cover most but not all of manufacturing, the
# paper does not name its statistical source, and the magnitudes fit value added better than
# gross output, so the figures are used as relative sizes only.
#
# **Method.** Location quotients compare each city's mix over the ten groups with the
# nine-city mix. The nine-city mix should weight cities by size, so each percentage is turned
# into an amount with the city's 2018 GDP from the prefecture panel (real data); the
# unweighted version (each city's mix counted equally) is shown alongside. Entropy (bits) and
# the Herfindahl index describe how diversified each city's manufacturing is across the ten
# groups; both depend only on the city's own mix, so weighting does not change them.

# %%
prd = load_facts("prd9_manufacturing_2018")
prd_groups = cases.group_structure(
    prd.tables["prd9"], prd.panel,
    table[(table["year"] == 2018) & (table["province"] == "Guangdong")
          & table["prefecture"].isin(prd.panel.regions)].set_index("prefecture")["gdp"],
    city, year=2018, citation=prd.citation)
out.record(prd_groups, section="6", table="03_prd_structure")
out.table(prd_groups.parts["lq"], "03_prd_lq", section="6")
out.figure(cases.group_lq_figure(
    prd_groups, title="Pearl River Delta, 2018: manufacturing location quotients",
    source=Source("Kang & Liu (2020), Geographical Research 39(9), Table 2 (output of ten "
                  "manufacturing groups, % of city GDP); city GDP from the China City "
                  "Statistical Yearbook panel", "2018", "computed and quoted",
                  "LQ against the nine-city mix, each city weighted by its GDP. Grey "
                  "cells without a number: no value in the quoted table. Colour scale "
                  "shared by every LQ heat map of this study.")),
    "03_prd_lq_heatmap", section="6")
prd_groups.table[["gdp_2018", "manufacturing_pct_of_gdp", "entropy_bits", "entropy_rank",
                  "n_specialisations"]].round(2)

# %%
prd_groups.parts["city"].round(2)

# %%
out.say(
    "Within the delta, Shenzhen's manufacturing is concentrated in {shenzhen_prd_top_group} "
    "(GDP-weighted LQ {shenzhen_prd_top_lq:.2f}); its specialisations (LQ >= 1) are "
    "{shenzhen_prd_specialisations}, and its entropy across the ten groups ranks "
    "{shenzhen_prd_entropy_rank} of {n_prd_cities} (1 = most diversified). The LQs rest on a "
    "quoted table whose groups do not cover all manufacturing; they locate the specialisation, "
    "they do not measure it precisely. The district table of section 4 shows where in the city "
    "this manufacturing is: outside the former special economic zone, in the outer and new "
    "districts.", section="6")

# %% [markdown]
# ## 7. Kyoto and Shenzhen side by side (computed, section level)
#
# **What can be compared.** The Japanese data allow Kyoto *prefecture* at the level of JSIC
# divisions (the 2014 Economic Census, persons engaged, minor groups summed to
# divisions); the census file has no municipalities, so Kyoto city or the prefecture's
# municipalities cannot be shown at section level (notebook 02 has Kyoto city's wards for
# manufacturing only). For Shenzhen the district table gives the city (sum of its ten districts,
# 2016, full-time workers by GB/T 4754 section). Each region is compared with **its own
# country**: Kyoto with Japan (census, 2014); Shenzhen with China's urban-unit employment by
# sector in the same year as its district table, 2016 (the sum of all provinces of the NBS
# provincial data, which the loader checks against the national totals). The NBS sectors carry
# the names of the 2002 edition of GB/T 4754, whose letters F-I are ordered differently from
# the 2017 edition's (2002: F transport, G information, H wholesale, I accommodation); the
# loader's table `PROVINCE_SECTORS` maps each sector to its 2017 letter, so the sections are
# paired by content, not by letter.
# The same index definitions are used on both sides: location quotient against the country,
# Krugman dissimilarity $\sum_i |s_{ri} - s_{ci}|$ (range 0-2), Herfindahl, entropy (bits) and the
# number of sections with $LQ \ge 1$.
#
# **What differs.** JSIC and GB/T sections are drawn differently (Japan's "information and
# communications" vs China's "information transmission, software and IT services"; China's
# leasing and business services have no single JSIC counterpart), and the coverage differs
# (all persons engaged in Japan; full-time workers of reporting units in Shenzhen and of urban
# units in China). The table pairs sections only where their scope is close; the level of an
# index is therefore comparable in direction, not to the decimal.

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    census = load_jp_economic_census_2014()
for w in caught:
    print(f"{w.category.__name__}: {w.message}")
jp_div = census.panel.aggregate("division").matrix()
japan_div = census.tables["japan"].groupby("division")["persons_engaged"].sum()
prov31 = load_cn_province_sector_employment(incomplete="drop_years")
china_sec = prov31.panel.matrix(year).sum(axis=0) * 1e4  # 10,000 persons -> persons
sz_sec = structure_sz.parts["workers"].sum(axis=0)
kyo = cases.country_profile(jp_div.loc[kyoto], japan_div.reindex(jp_div.columns), kyoto,
                            "Japan")
szc = cases.country_profile(sz_sec, china_sec.reindex(sz_sec.index), city, "China")
sides = cases.paired_sections(
    {kyoto: kyo, city: szc}, cases.JSIC_GBT_PAIRS,
    tags={kyoto: kyoto.lower(), city: city.lower()}, countries={kyoto: "Japan", city: "China"},
    areas={"Manufacturing": "manufacturing",
           "Information and communication / software and IT": "information",
           "Scientific research and technical services": "science_tech",
           "Education": "education", "Finance (and insurance)": "finance"},
    about={"reference": ["Japan 2014 (Economic Census)",
                         f"China {year} (urban units, sum of 31 provinces, NBS)"],
           "year": [2014, year], "classification": ["JSIC Rev.13 divisions", "GB/T 4754 sections"],
           "measure": ["persons engaged", "full-time workers of reporting units"]})
out.record(sides, section="7", table="03_kyoto_shenzhen_sections")
out.table(sides.parts["indices"], "03_kyoto_shenzhen_indices", section="7")
out.record({"china_benchmark_year": year, "shenzhen_districts_mean_krugman":
            float(structure_sz.table["krugman_vs_other_districts"].mean())}, section="7")
out.figure(cases.paired_lq_figure(
    sides, labels={kyoto: f"{kyoto} prefecture vs Japan (2014)",
                   city: f"{city} vs China's urban units ({year})"},
    source=Source("MIC 2014 Economic Census (Fukui compilation), persons engaged; "
                  f"{SZ_YB}, full-time workers; NBS provincial urban-unit employment "
                  "by sector (sum of the provinces)", f"2014 and {year}", "computed",
                  "Paired sections of JSIC and GB/T 4754 whose scope is close; coverage "
                  "differs between the two countries, so levels compare in direction.")),
    "03_kyoto_shenzhen_lq", section="7")
sides.parts["indices"]

# %%
out.say(
    "Against its own country, {more_dissimilar}'s structure is the more unusual: Krugman "
    "dissimilarity {shenzhen_krugman_vs_country:.2f} for Shenzhen against "
    "{kyoto_krugman_vs_country:.2f} for Kyoto (0-2). Manufacturing is "
    "{shenzhen_manufacturing_share:.0%} of Shenzhen's full-time workers (LQ "
    "{shenzhen_manufacturing_lq_vs_china:.2f} vs China) and {kyoto_manufacturing_share:.0%} of "
    "Kyoto's persons engaged (LQ {kyoto_manufacturing_lq_vs_japan:.2f} vs Japan). Among the paired "
    "sections Kyoto's highest LQs are {kyoto_top_paired_sections}; Shenzhen's are "
    "{shenzhen_top_paired_sections}. The two differ most in {largest_lq_gap_section}: LQ "
    "{largest_lq_gap_shenzhen:.2f} in Shenzhen, {largest_lq_gap_kyoto:.2f} in Kyoto. "
    "{more_even_mix} has the more even mix ({kyoto_entropy_bits:.2f} bits for Kyoto, "
    "{shenzhen_entropy_bits:.2f} for Shenzhen). The Chinese benchmark "
    "counts urban-unit employment only and the section definitions differ, so these contrasts "
    "are statements of direction.", section="7")

# %% [markdown]
# ### 7a. Guangdong among China's 31 provinces, 2009-2017 (computed)
#
# Notebook 02 places Kyoto among Japan's prefectures; the same computations place Guangdong,
# Shenzhen's province, among China's provinces. **Data.** Employed persons in urban units by
# sector (the GB/T 4754 sections A-S; in 10,000 persons; NBS provincial data, dataset
# `cn_province_sector_employment`). Urban units leave out private units and the self-employed,
# which matters in Guangdong, where much manufacturing is private. **Resolution.** The
# sections in China's three industries, far coarser than Kyoto's minor groups: related variety is
# the entropy of the sections within each of the three industries, unrelated variety the
# entropy between the three (Frenken et al. 2007, log base 2), and the ECI (eigenvector
# method, $M = 1[LQ \ge 1]$, z-scores) rests on the sections only. **Comparison group.** All
# provinces in 2017 (and in 2013-2017); the path 2009-2017 uses the provinces with no empty
# cell (Tibet and Ningxia leave cells empty in 2009-2012; they are not filled).
# **Coverage break.** From 2013 the survey counts more units (China's total jumps by the ratio
# shown below from 2012 to 2013); the break is marked in every figure, and the shift-share is
# computed within 2009-2012 and within 2013-2017, never across.

# %%
prov29 = load_cn_province_sector_employment()
gd, last = "Guangdong", int(prov31.panel.times.max())
names_en = PROVINCE_SECTORS.set_index("section")["sector_en"]
gd_ranks = cases.province_ranks(prov31.panel, gd, names=names_en, tag="gd",
                                report=prov31.report, n_path=len(prov29.panel.regions))
out.record(gd_ranks, section="7a", table="03_province_indices_2017")
out.table(gd_ranks.parts["region"], "03_guangdong_ranks_2017", section="7a")
out.table(gd_ranks.parts["pci"].to_frame("pci").join(names_en), "03_province_section_pci_2017",
          section="7a")
brk = int(prov31.report["coverage_break_year"])
gd_path = cases.province_path(prov29.panel, prov31.panel, gd, tag="gd", break_year=brk)
out.record(gd_path, section="7a", table="03_guangdong_path")
out.table(gd_path.parts["shift_share"], "03_guangdong_shift_share", section="7a")
out.figure(cases.province_figure(
    gd_ranks, gd_path, region=gd, colour=color_for(city), names=names_en,
    n_path=len(prov29.panel.regions), break_year=brk, left_out="Tibet and Ningxia",
    source="NBS provincial annual data (fsnd), employed persons in urban units by sector"),
    "03_guangdong_provinces", section="7a")
gd_ranks.parts["region"].round(3)

# %%
out.say(
    "Among the {prov_n_all} provinces in {prov_last_year}, Guangdong's urban units employed "
    "{gd_total_2017_10k:,.1f} x 10,000 persons, {gd_manufacturing_2017_10k:,.1f} x 10,000 of "
    "them in manufacturing: a manufacturing share of {gd_manufacturing_share_2017:.0%} (median "
    "province {prov_median_manufacturing_share_2017:.0%}) and a manufacturing LQ of "
    "{gd_manufacturing_lq_2017:.2f}, rank {gd_manufacturing_lq_rank_2017}. Its sections with "
    "LQ >= 1 are {gd_specialisations_2017}. On the Krugman index it is "
    "{gd_krugman_vs_rest_2017:.2f} away from the rest of China (rank "
    "{gd_krugman_vs_rest_rank_2017}); related variety within the three industries is "
    "{gd_related_2017:.2f} bits (rank {gd_related_rank_2017}; median "
    "{prov_median_related_2017:.2f}) and unrelated variety between them "
    "{gd_unrelated_2017:.2f} bits (rank {gd_unrelated_rank_2017}){gd_variety_reading}. Its ECI "
    "ranks {gd_eci_rank_2017} of {prov_n_all} in {prov_last_year}; on the {prov_n_path} complete "
    "provinces it ranked {gd_eci_rank_first} in {gd_first_year} and "
    "{gd_eci_rank_last_path} in {prov_last_year} (between {gd_eci_rank_best} and "
    "{gd_eci_rank_worst}). At 19 sections this ECI does not read as capability: its rank "
    "correlation with diversity is {prov_eci_diversity_corr:.2f} and with the manufacturing "
    "share {prov_eci_mfg_corr:.2f}, and the lowest values go to {prov_eci_bottom4}. The "
    "sections' complexity (PCI) is lowest for {prov_pci_lowest} and highest for "
    "{prov_pci_highest}: the eigenvector separates the market economies of the coast from "
    "provinces where the state sectors and primary industries weigh more, and Guangdong's "
    "rank says on which side of that divide it sits. Kyoto's ECI in "
    "notebook 02 rests on 522 minor groups and is not comparable with it.\n\n"
    "The manufacturing LQ moved from {gd_mlq_first:.2f} ({gd_first_year}) to {gd_mlq_2012:.2f} "
    "(2012), then {gd_mlq_2013:.2f} (2013) and {gd_mlq_last:.2f} ({prov_last_year}); the step at "
    "2013 coincides with the coverage break (China's total x{prov_break_ratio:.2f} from 2012 to "
    "2013), so levels before and after are not compared. Shift-share against China: in "
    "2009-2012 Guangdong's urban-unit employment changed by {gd_ss_2009_2012_change:,.1f} x "
    "10,000, of which {gd_ss_2009_2012_national_share:,.1f} national share, "
    "{gd_ss_2009_2012_industry_mix:,.1f} industry mix and {gd_ss_2009_2012_regional_share:,.1f} "
    "regional share (rank {gd_ss_2009_2012_regional_rank} of {gd_ss_2009_2012_n} relative to "
    "its start); in 2013-2017 it changed by {gd_ss_2013_2017_change:,.1f}, with a national "
    "share of {gd_ss_2013_2017_national_share:,.1f}, industry mix "
    "{gd_ss_2013_2017_industry_mix:,.1f} and regional share "
    "{gd_ss_2013_2017_regional_share:,.1f} (rank {gd_ss_2013_2017_regional_rank} of "
    "{gd_ss_2013_2017_n}; manufacturing's part {gd_ss_2013_2017_regional_manufacturing:,.1f}). "
    "These are urban units only; where private firms grow faster than urban units, the "
    "province's regional share is understated.", section="7a")

# %% [markdown]
# ## 8. The KIET framework for both cases
#
# One row per measure area and region: an indicator computed here, or a quoted figure from the
# `case_figures` table (with its source), or "no data" where neither exists in public,
# machine-readable form. The Kyoto values marked computed come from section 7 (and notebook 02
# for related variety and complexity); quoted values carry the citation of the page read.

# %%
fw_quoted = record_case_figures(out, [
    "kyoto_u_spinouts_fy2018", "krp_tenants_2020", "sz_hax_overseas_startups",
    "sz_sei_share_gdp_2019", "kyoto_patents_per_capita_rank", "sz_rd_intensity_2016",
    "sz_pct_share_of_china_2016",
], section="8")

qrow = partial(cases.quoted_row, fw_quoted)
crow, nodata = cases.computed_row, cases.no_data_row
SRC_JP = "MIC 2014 Economic Census (sections 7 of this notebook)"
SRC_SZ = ("Shenzhen Statistical Yearbook 2017 district tables; NBS provincial urban-unit "
          "employment 2016")
M1, M2 = "M1 multilateral connections and industrial structure", "M2 open-innovation start-up base"
M3, M4 = "M3 new-business support in the platform economy", "M4 smartization foundation"
framework = cases.evidence_framework([
    crow(M1, kyoto, "Krugman dissimilarity vs Japan, 19 divisions", kyo["krugman_vs_country"],
         "index 0-2", 2014, SRC_JP),
    crow(M1, city, "Krugman dissimilarity vs China, 19 sections", szc["krugman_vs_country"],
         "index 0-2", year, SRC_SZ),
    crow(M1, city, "mean Krugman of the 10 districts vs the rest of the city",
         structure_sz.table["krugman_vs_other_districts"].mean(), "index 0-2", year, SZ_YB),
    crow(M1, "Guangdong", "manufacturing LQ vs China, rank among the 31 provinces",
         gd_ranks.key_numbers[f"gd_manufacturing_lq_rank_{last}"], "rank (1 = highest)", last,
         "NBS provincial urban-unit employment (section 7a)"),
    crow(M1, "Guangdong", "Krugman dissimilarity vs the rest of China, 19 sections",
         gd_ranks.key_numbers[f"gd_krugman_vs_rest_{last}"], "index 0-2", last,
         "NBS provincial urban-unit employment (section 7a)"),
    nodata(M1, kyoto, "same index across municipalities, all sections",
           "the census file has no municipalities; notebook 02 covers Kyoto city's wards for "
           "manufacturing only"),
    qrow("kyoto_u_spinouts_fy2018", M2, kyoto, "Kyoto University spin-outs (METI survey)"),
    qrow("krp_tenants_2020", M2, kyoto, "Kyoto Research Park tenant firms"),
    qrow("sz_hax_overseas_startups", M2, city, "overseas start-ups a year at HAX Huaqiangbei"),
    nodata(M2, city, "firm birth rate / university spin-outs",
           "no public, machine-readable series found"),
    nodata(M2, kyoto, "firm birth rate", "no public, machine-readable series found"),
    crow(M3, kyoto, "LQ of information and communications vs Japan",
         sides.key_numbers["kyoto_information_lq_vs_japan"], "LQ", 2014, SRC_JP),
    crow(M3, city, "LQ of information transmission, software and IT vs China",
         sides.key_numbers["shenzhen_information_lq_vs_china"], "LQ", year, SRC_SZ),
    qrow("sz_sei_share_gdp_2019", M3, city, "strategic emerging industries, share of GDP"),
    crow(M4, kyoto, "LQ of scientific research and technical services vs Japan",
         sides.key_numbers["kyoto_science_tech_lq_vs_japan"], "LQ", 2014, SRC_JP),
    qrow("kyoto_patents_per_capita_rank", M4, kyoto,
         "rank in patent applications per 1,000 people"),
    nodata(M4, kyoto, "R&D expenditure, % of GDP", "not found in a public source"),
    crow(M4, city, "LQ of scientific research and technical services vs China",
         sides.key_numbers["shenzhen_science_tech_lq_vs_china"], "LQ", year, SRC_SZ),
    qrow("sz_rd_intensity_2016", M4, city, "R&D expenditure, % of GDP"),
    qrow("sz_pct_share_of_china_2016", M4, city, "share of China's PCT applications"),
])
out.record(framework, section="8", table="03_framework", index=False)
framework.table

# %%
out.say(
    "Across the four measure areas, Kyoto has {framework_kyoto_computed} computed and "
    "{framework_kyoto_quoted} quoted indicators, Shenzhen {framework_shenzhen_computed} computed "
    "and {framework_shenzhen_quoted} quoted; the gaps are the same kind on both sides: no firm "
    "birth series, and no R&D intensity for Kyoto. The start-up area (M2) rests on quoted "
    "figures only for both regions, so the framework's comparison of start-up ecosystems is "
    "descriptive, not measured.", section="8")

# %% [markdown]
# ## 9. All quoted Shenzhen figures
#
# Every Shenzhen row of the `case_figures` table, with the page read, the primary publication
# behind it (and whether that publication itself was read), the access date and the
# `secondary_source` flag. Several refer to slightly different years or state none; the
# `period` and `note` columns say so, and no series is built from them.

# %%
quoted = cases.quoted_figures(facts, city)
out.record(quoted, section="9", table="03_quoted_figures", index=False)
out.say("The table holds {n_quoted_figures} Shenzhen figures; {n_quoted_figures_secondary} were "
        "read on secondary pages and for {n_quoted_figures_primary_seen} the primary publication "
        "itself was read.", section="9")
quoted.table[["key", "period", "value", "unit", "secondary_source", "primary_seen",
              "note"]]

# %% [markdown]
# ## 10. Data gaps: public sources that are not machine-readable here
#
# The district table of section 4 is one year of sections for one city. Two public
# statistical yearbooks hold much more, but neither is available here as a machine-readable,
# citable file with a stable address, so nothing is computed from them:
#
# * the **China City Statistical Yearbook** publishes urban-unit employment by section
#   for every prefecture-level city, every year (section 7a has the provinces; the cities are
#   what is missing);
# * the **Shenzhen Statistical Yearbook** publishes the district tables used above for each
#   year, and tables of industrial enterprises above designated size by manufacturing division.
#
# The table below lists what each would add and which computations of the package it would
# unlock; the template after it is the drop-in format for the second.

# %%
gaps = pd.DataFrame([
    ("China City Statistical Yearbook", "public (print and scanned tables)",
     "urban-unit employment by 19 sections, every prefecture-level city, yearly",
     "Shenzhen's LQs and Krugman index against all cities (section 7a does this for "
     "Guangdong among the provinces); ECI/PCI and relatedness density "
     f"across the {n_ranked} ranked prefecture-level cities at section level; growth "
     "regressions with RV/UV (sections within the three sectors); shift-share of Shenzhen "
     "itself against China"),
    ("Shenzhen Statistical Yearbook, district tables, other years",
     "public (print and PDF)",
     "the tables of section 4 for other years",
     "district shift-share and specialisation churn; change of manufacturing dependence in the "
     "outer and new districts"),
    ("Shenzhen / Guangdong Statistical Yearbook, industrial enterprises above designated size",
     "public (print and PDF)",
     "employment or output by GB/T 4754 manufacturing division, yearly",
     "related and unrelated variety within manufacturing, LQ by division, industry space of "
     "Shenzhen's manufacturing (drop-in template below)"),
], columns=["source", "availability", "content", "computations_unlocked"])
out.table(gaps, "03_data_gaps", section="10", index=False)
gaps

# %%
template = cases.template_check(
    shenzhen_template(comparison=comparison),
    pd.read_csv(find_project_root() / "data" / "example" / "shenzhen_template_gbt4754.csv",
                dtype={"region": str, "industry": str}))
template_path = out.table(template.table, "03_shenzhen_template_gbt4754", section="10",
                          index=False)
out.record(template, section="10")
template.table.head(8)

# %% [markdown]
# Run through the package's validator, the empty template is rejected: every value is
# missing, and the validator refuses to treat a missing value as zero.

# %%
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    report = validate_file(template_path, value="employment")
print(report.format())
validation = cases.validation_table(report)
out.record(validation, section="10", table="03_template_validation", index=False)
validation.table

# %% [markdown]
# **How to run the analysis once the table is filled.** Fill the `employment` column (write a zero
# where a division truly has no employment; keep rows out rather than guessing), then either
# use the command line:
#
# ```bash
# smartregion validate shenzhen_filled.csv --value employment
# smartregion indices shenzhen_filled.csv --value employment -o outputs/shenzhen
# ```
#
# or the functions used above:
#
# ```python
# from smartregion.byod import load_panel
# from smartregion.structure import location_quotient, herfindahl, krugman_index
# from smartregion.variety import entropy, related_unrelated_variety
# from smartregion.datasets.codes import load_gbt4754
#
# panel = load_panel("shenzhen_filled.csv", value="employment")   # raises, listing every problem
# lq = location_quotient(panel)
# krugman = krugman_index(panel, reference="rest")
#
# # Related/unrelated variety need industries nested in groups: with data by 3-digit GB/T
# # group, the code list gives each group its division.
# codes = load_gbt4754().tables["codes"]
# (codes[codes["level"] == "group"].set_index("code")["parent"].rename("division")
#  .rename_axis("industry").to_csv("group_division.csv"))
# panel3 = load_panel("shenzhen_groups.csv", value="employment",
#                     hierarchy="group_division.csv")
# rv_uv = related_unrelated_variety(panel3, level="division")
# ```

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))

# %% [markdown]
# ## 11. Maps: Shenzhen's districts and China's provinces
#
# **Shenzhen's districts.** The district table of section 4 on the map of Shenzhen: the share
# of manufacturing in each district's full-time workers and its location quotient against the
# city. The boundaries are the Aliyun DataV area files (Amap), with nine district polygons.
# The yearbook has ten units because Dapeng New District, a functional area, is counted
# apart from Longgang district although it lies inside Longgang's administrative boundary
# and has no polygon of its own; its workers are therefore added to Longgang's before the share
# and the LQ of that polygon are computed ("Longgang incl. Dapeng"). The other districts' LQs
# are unchanged by this, since the city total stays the same. Blank cells stay missing here
# (a district with a blank manufacturing cell would be drawn as no data). The coordinates
# are in GCJ-02, the offset datum of Chinese web maps (about half a kilometre from WGS84);
# the map is drawn in those coordinates, with no other layer on it, so the offset does not
# matter here, but the file must not be overlaid on WGS84 data without conversion.
#
# **China's provinces.** Manufacturing's share of employment in urban units in 2017 for the
# provinces of the NBS provincial database, with Guangdong (Shenzhen's province) outlined. The
# boundaries are CTAmap 2023 (TopoJSON, decoded by the package); the three units that the
# NBS provincial tables do not cover are drawn hatched as no data. Urban units are
# enterprises and institutions with formal employment: private businesses and the
# self-employed are outside the count, which weighs most where they are common.

# %%
from smartregion.datasets.boundaries import load_cn_atlas, load_cn_shenzhen_boundaries
from smartregion.plots import map_source

sz_bounds = load_cn_shenzhen_boundaries()
districts = sz_bounds.tables["districts"]
sz_maps = cases.district_map_values(sz.tables["employment"], sz_bounds.tables["yearbook_units"],
                                    districts)
out.record(sz_maps, section="11", table="03_district_map_values")
fig_sz = cases.district_map_figure(
    sz_maps, districts, city=city,
    title=f"Shenzhen's manufacturing sits in the outer districts, {year}",
    source=map_source(Source(
        SZ_YB, str(year), "computed",
        "Year-end full-time employed workers by GB/T 4754 section; Dapeng New District's "
        "workers added to Longgang's polygon (ten yearbook units, nine polygons); LQ = district "
        "share / city share; log2 scale."), "cn_shenzhen_boundaries"))
out.figure(fig_sz, "03_map_shenzhen_districts", section="11")
out.key("map_sz_polygons_with_value", len(fig_sz.map_join.matched), section="11")
sz_maps.table.round(3)

# %%
# China's provinces: the 2017 column of the provincial table loaded in section 7a (every cell,
# keyed by the Chinese province names that the boundary file also carries).
atlas = load_cn_atlas()
provinces = atlas.tables["provinces"]
cn_maps = cases.province_share_values(prov31.tables["employment"], provinces, year=2017,
                                      sector="制造业", region="广东省", tag="guangdong",
                                      published=(1963.1, 929.4))
fig_cn = cases.province_map_figure(
    cn_maps, provinces, region="广东省", name="Guangdong", year=2017,
    source=Source("NBS provincial annual data (fsnd), employed persons in urban units by "
                  "sector", "2017", "computed",
                  "Share = manufacturing / sum of the 19 sectors. Hatched: not in the NBS "
                  "provincial tables. Frame cut at 17°N: Hainan's South China Sea islands are "
                  "not shown."))
out.figure(fig_cn, "03_map_china_provinces", section="11")
out.record({**cn_maps.key_numbers, "map_cn_provinces_with_value": len(fig_cn.map_join.matched),
            "map_cn_units_no_data": ", ".join(provinces.set_index("region_id").loc[
                fig_cn.map_join.no_data, "name_en"]),
            "map_cn_geometries_repaired": len(atlas.report["provinces_made_valid"])},
           section="11")
out.say(
    "The {map_sz_yearbook_units} yearbook units of Shenzhen fill {map_sz_polygons} polygons "
    "({map_sz_polygons_with_value} with a value; {map_blank_manufacturing_cells} blank "
    "manufacturing cells; coordinates {map_sz_coordinate_system}). Manufacturing is "
    "{map_sz_city_manufacturing_share:.0%} of the city's full-time workers, from "
    "{map_sz_top_share:.0%} in {map_sz_top_district} to {map_sz_bottom_share:.0%} in "
    "{map_sz_bottom_district}: the map shows the belt of the outer districts around the "
    "service core of the former zone. Among China's provinces ({map_cn_provinces_with_value} "
    "with data; no data for {map_cn_units_no_data}; {map_cn_geometries_repaired} province "
    "geometries repaired), Guangdong's manufacturing share of urban-unit employment in 2017 "
    "is {map_cn_guangdong_share_2017:.0%} ({map_cn_guangdong_manufacturing_2017:,.1f} of "
    "{map_cn_guangdong_total_2017:,.1f} ten-thousand persons), rank "
    "{map_cn_guangdong_rank_2017} (highest: {map_cn_top_province}, "
    "{map_cn_top_share:.0%}). Both maps count workers where their unit is registered.",
    section="11")

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))
