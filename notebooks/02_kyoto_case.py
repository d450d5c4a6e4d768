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
# **Where the computations live.** Each section calls one function of `smartregion.cases`
# (module `cases.kyoto`) that takes the loaded data and the region, city codes and years as
# arguments and returns the section's indicator: its table, the frames a figure draws and the
# key numbers the reading quotes, recorded with one `out.record` call. Each figure is one call
# of `cases.figures`, whose title states the finding from the indicator's own numbers. The
# indices themselves are those of `smartregion.structure`, `smartregion.variety`,
# `smartregion.shiftshare` and `smartregion.complexity`.
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

from smartregion import cases
from smartregion.datasets.facts import load_facts, record_case_figures
from smartregion.datasets.jp_census import load_jp_economic_census_2014, minor_group_labels
from smartregion.datasets.jp_manufactures import load_jp_manufactures_municipal
from smartregion.outputs import OutputWriter
from smartregion.plots import PALETTE, color_for, use_style
from smartregion.structure import location_quotient

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
profile = cases.quoted_profile(
    facts, ["Kyoto Prefecture", "Kyoto City", "Japan", "Kyoto Research Park", "Kyoto University"],
    exclude=["kyoto_city_manufacturing_employees_2001", "kyoto_city_manufacturing_employees_2012",
             "kyoto_pref_persons_engaged_2014"])
out.record(profile, section="1", table="02_profile_quoted", index=False)
record_case_figures(out, [
    "kyoto_pref_population_2016", "kyoto_pref_gdp_2014",
    "kyoto_pref_manufacturing_value_added_2014",
    "kyoto_city_gross_output_share_of_prefecture_2015",
    "kyoto_city_gross_output_share_services_2015",
    "kyoto_city_gross_output_share_manufacturing_2015", "kyoto_city_gdp_fy2008",
    "kyoto_city_gdp_growth_fy2008", "kyoto_city_gdp_fy2014", "kyoto_city_gdp_growth_fy2014",
], section="1")
profile.table[["key", "period", "value", "unit", "rank_in_country", "secondary_source"]]

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
pref, japan = census.panel, census.tables["japan"]["persons_engaged"]
out.record(cases.census_coverage(
    pref, japan, region=region, year=2014, tag="kyoto",
    n_split_codes_excluded=census.report["n_split_codes_excluded"],
    fact_value=cases.fact_values(facts, "Kyoto Prefecture", "persons_engaged").iloc[0]),
    section="2")
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
top = cases.top_specialisations(pref, japan, minor_group_labels(pref.industries), region=region,
                                min_persons=min_persons, top_n=top_n)
out.record(top, section="2a", prefix="kyoto_", table="02_kyoto_top_lq")
out.figure(cases.top_lq_figure(top, region=region, n_regions=len(pref.regions),
                               min_persons=min_persons, source=CENSUS),
           "02_kyoto_top_lq", section="2a")
top.table[["lq", "persons_engaged", "major_group", "label_rev14"]]
# %% [markdown]
# ### 2b. Diversification, concentration and complexity among the prefectures

# %%
ranks = cases.structure_ranks(pref, region)
out.table(ranks.parts["indices"], "02_prefecture_indices", section="2b")
out.record(ranks, section="2b", prefix="kyoto_", table="02_kyoto_structure_ranks")
out.say("Kyoto ranks {kyoto_related_rank} of {n_prefectures_in_census_file} prefectures on related "
        "variety ({kyoto_related_variety:.2f} bits) and {kyoto_unrelated_rank} on unrelated "
        "variety ({kyoto_unrelated_variety:.2f} bits); the scatter of both across the "
        "prefectures is drawn once, in notebook 04 (`04_rv_uv`).", section="2b")
ranks.table

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
regions_tbl, long = manu.tables["regions"], manu.tables["long"]
groups = manu.tables["groups"].set_index("harmonised_group")
ward_name = cases.ward_names(regions_tbl, city_code=city_code, city_name_ja="京都市",
                             names=cases.KYOTO_WARD_NAMES)
ward_codes = list(ward_name)
print(f"{len(ward_codes)} wards of city {city_code}: {', '.join(ward_name.values())}")

# prefectures missing from the 2014 census file (names from the manufacturing loader)
missing_prefs = sorted(set(manu.tables["prefectures"]["name_en"]) - set(pref.regions))
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
totals = cases.manufacturing_totals(
    manu.tables["published"], manu.tables["totals"], city_code=city_code, ward_codes=ward_codes,
    bad_va_years=[2012],  # see the loader: the 2012 'va' column is another quantity
    fact_employees=cases.fact_values(facts, "Kyoto City", "manufacturing_employees"),
    tag="kyoto_city")
out.record(totals, section="3a", table="02_kyoto_city_totals")
first, last, va_last = (totals.parts[k] for k in ("first", "last", "va_last"))
totals.table.round(2)

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
suppression = cases.suppression_by_year(long, ward_codes, manu.report, tag="kyoto")
out.record(suppression, section="3b", table="02_kyoto_suppression")
detail_start = suppression.key_numbers["first_year_with_full_ward_detail"]
suppression.table

# %% [markdown]
# ### 3c. The city's industry mix over time, related and unrelated variety
#
# From the first complete year the wards form a panel (ward × harmonised group × year); summing
# the wards gives the city. Related variety is the entropy of the harmonised groups within
# METI's three industry types, unrelated variety the entropy between the types (bits).

# %%
ward_long = long[long["region"].isin(ward_codes)]
variety = cases.city_variety(ward_long, groups, totals.parts["city"]["emp"], start=detail_start,
                             end=last, city="Kyoto city", tag="kyoto_city",
                             citation=manu.citation)
out.record(variety, section="3c", table="02_kyoto_city_variety")
ward_panel, city_panel = variety.parts["ward_panel"], variety.parts["city_panel"]
out.say("Related variety of the city's manufacturing was {kyoto_city_related_variety_first:.2f} "
        "bits in {variety_first_year} and {kyoto_city_related_variety_last:.2f} in "
        "{variety_last_year}; unrelated variety {kyoto_city_unrelated_variety_first:.2f} and "
        "{kyoto_city_unrelated_variety_last:.2f}; total variety "
        "{kyoto_city_total_variety_first:.2f} and {kyoto_city_total_variety_last:.2f} (table "
        "`02_kyoto_city_variety`, one row per year with the shares of the three industry "
        "types). Three nearly flat lines would add nothing to these rows, so no figure is "
        "drawn.", section="3c")
variety.table.round(3)

# %% [markdown]
# ### 3d. Employment paths: the city against Japan, by industry type and by ward
#
# Employment is indexed to the first year for the city and Japan (levels differ too much to
# share an axis); the industry types are drawn in persons engaged. The wards are drawn as small
# multiples, one panel per ward, each indexed to its first year on one shared scale, with the
# city and Japan as the same two reference lines in every panel, so each ward reads against
# both. Ward rows are as published, so Ukyo gains the former town of Keihoku from 2005.

# %%
out.figure(cases.city_employment_figure(totals, variety, city="Kyoto city", source=CM,
                                        break_note=BREAK_NOTE),
           "02_kyoto_city_employment", section="3d")
wards = cases.ward_employment(totals.parts["ward_rows"], ward_name, first=first, last=last)
out.record(wards, section="3d")
out.figure(cases.wards_employment_figure(wards, totals, city="Kyoto city", colour=PALETTE["Kyoto"],
                                         source=CM, break_note=BREAK_NOTE),
           "02_kyoto_wards_employment", section="3d")
wards.table["change_pct"].round(1)

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
ss = cases.city_shift_share(ref.panel, city_panel, ward_long, groups, totals.parts["japan"]["emp"],
                            ward_codes=ward_codes, first=first, start=detail_start, end=last,
                            city="Kyoto city", tag="kyoto_city")
out.record(ss, section="3e", table="02_kyoto_city_group_change")
out.figure(cases.city_shift_share_figure(ss, city="Kyoto city", short="Kyoto",
                                         colour=color_for("Kyoto City"), start=detail_start,
                                         end=last, source=CM),
           "02_kyoto_city_shift_share", section="3e")
ss.table[["name_en", f"employees_{detail_start}", f"employees_{last}", "change",
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
out.figure(cases.wards_lq_figure(ward_lq, city="Kyoto city", year=last, source=CM),
           "02_kyoto_wards_lq_heatmap", section="3f")
ward_lq.round(2)

# %%
change = cases.manufacturing_change(variety.parts["by_type"], totals.table, first=first,
                                    start=detail_start, last=last, tag="kyoto_city")
out.record(change, section="3")
faster = totals.parts["change_pct"]["city"] < totals.parts["change_pct"]["japan"]
assembly_held = (change.table.loc["processing_assembly", "change_pct"]
                 > change.table.loc["daily_life", "change_pct"])
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
out.record({"n_case_figures_used": len(used),
            "n_case_figures_used_secondary": int(used["secondary_source"].sum())}, section="4")
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

ward_map_group = "textiles_apparel"  # harmonised group whose ward LQ is mapped (see 3f)
CHANGE_BINS = [-30, -15, 0, 15, 30]  # class bounds of the percentage change (open at both ends)

munis = load_jp_boundaries().tables["kyoto_municipalities"]
unit_name = (regions_tbl.set_index("region")["name_en"].str.replace(", Kyoto", "")
             .to_dict() | ward_name)
muni = cases.municipal_change(manu.tables["totals"], munis, unit_name, start=detail_start,
                              end=last)
out.record(muni, section="5", table="02_kyoto_municipal_change")
ward_map = cases.ward_group_lq(ward_panel, groups, ward_map_group, year=last, names=ward_name)
out.record(ward_map, section="5")
fig_m = cases.municipal_map_figure(muni, ward_map, munis, region="Kyoto", city="Kyoto City",
                                   ward_names=ward_name, bins=CHANGE_BINS, start=detail_start,
                                   end=last, source=CM)
out.figure(fig_m, "02_map_kyoto_municipalities_wards", section="5")
out.record({"map_n_units_with_value": len(fig_m.map_join.matched),
            "map_n_units_without_value": len(fig_m.map_join.no_data)}, section="5")
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
muni.table.sort_values("change_pct").round(1)

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))
