# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · Quantitative tests: variety, network structure and regional growth
#
# The KIET report tests smart regional innovation through "a networked structural analysis of
# regional industry structure and related variety". Its data are not public, so this notebook
# runs the same family of models on public panels, with one specification for all of them:
#
# * **Japan**, municipalities and wards, Census of Manufactures: main period **2004-2012**
#   (2001 only as a labelled robustness check: 2001-03 cells are heavily suppressed);
# * **New Zealand**, urban areas over the intercensal periods 1976-2013;
# * **United States**, commuting zones: variety only (section 4 says why);
# * **Japan 2014 Economic Census**, prefectures at the finest resolution the data allow.
#
# The numbers of units, periods and industries of each panel are in section 1.
#
# Every growth panel gets the same ladder: (1) related and unrelated variety (RV, UV);
# (2) + Herfindahl concentration and log size; (3) + region fixed effects; (4) = (2) +
# network structure (coherence, footprint density and centrality on the industry space).
# All coefficients are standardised (standard deviations of the outcome per standard
# deviation of the regressor), so rows of different panels share one scale. Every table
# states the resolution of RV/UV (industries, groups, maximal UV in bits).
#
# Outputs: `tables/05_*.csv` (plain tables; provenance in `05_*.csv.json` sidecars) with
# Markdown/LaTeX copies of the regression tables, `figures/05_coefficients.png`,
# `key_numbers/05_quantitative_tests.json` and the rendered prose
# `key_numbers/05_quantitative_tests_prose.md`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed, set once here (the models themselves are deterministic)
relatedness = "cospecialisation"  # relatedness for density and network measures (as proposal 1)

# %%
import warnings

import numpy as np
import pandas as pd

from smartregion import ZeroLineWarning
from smartregion.complexity import pci
from smartregion.datasets.jp_manufactures import load_jp_manufactures_municipal
from smartregion.models import (
    coefficient_caption,
    coefficient_rows,
    entry_model,
    entry_pairs,
    fe_ols,
    ladder_model,
    nickell_bias,
    regression_table,
    samples,
    spatial_unit_sensitivity,
    variety_ladder,
)
from smartregion.models.tables import write_sidecar
from smartregion.outputs import OutputWriter
from smartregion.plots import Source, coefficient_plot, use_style
from smartregion.relatedness import relatedness_density
from smartregion.variety import related_unrelated_variety

rng = np.random.default_rng(seed)
use_style()
out = OutputWriter(output_dir, notebook="05_quantitative_tests")
warnings.simplefilter("ignore", ZeroLineWarning)  # all-zero lines are expected in sub-samples
TERMS = ["related", "unrelated", "herfindahl", "log_size", *samples.NETWORK_TERMS]
UNITS = "log points per year"


def sign(x: float) -> str:
    """The word for the sign of an estimate (used in prose, so words follow the numbers)."""
    return "positive" if x > 0 else "negative"


def save_table(df: pd.DataFrame, name: str, section: str, meta: dict, index: bool = False):
    """A plain CSV plus its provenance sidecar."""
    path = out.table(df, name, section=section, index=index)
    write_sidecar(path, meta)
    return df


def ladder_table(results, sample, name, section, outcome_label):
    """Regression table with outcome, units and RV/UV resolution rows; CSV + sidecar + md/tex."""
    tab = regression_table(
        results, terms=[t for t in TERMS if any(t in r.params.index for r in results.values())],
        source=sample.source, filters=sample.filters, extra_rows={
            "Outcome": f"{outcome_label} ({UNITS}), z-scored",
            "RV/UV resolution": sample.resolution["label"],
            "Rung": {k: r.spec.get("rung", "") for k, r in results.items()}},
        notes="all variables z-scored on each model's estimation sample: coefficients are "
              "SDs of the outcome per SD of the regressor; variety in bits (log2)")
    out.regression_table(tab, name, section=section)
    return tab.frame


# %% [markdown]
# ## 1. Samples, coverage and resolution
#
# Related variety is the entropy *within* upper-level groups, unrelated variety the entropy
# *between* them (Frenken, Van Oort & Verburg 2007). How much each can say depends on the
# classification: with $G$ groups, UV is capped at $\log_2 G$ bits. The Japanese
# manufactures panel has only a few harmonised groups in the three METI types (counted
# below), so its UV cannot exceed $\log_2 3$ bits and its RV is variety among a handful of
# two-digit branches, far coarser than the five-digit-within-two-digit split of the original
# study.

# %%
jp = samples.jp_growth_sample(2004, 2012, relatedness=relatedness)
jp01 = samples.jp_growth_sample(2001, 2012, relatedness=relatedness)
nz = samples.nz_growth_sample(relatedness=relatedness)
us = samples.us_variety_sample()
census = samples.jp_census_cross_section()

rows = []
for label, s, unit, period, n in [
        ("Japan manufactures (main)", jp, "municipality/ward", "2004-2012", len(jp.table)),
        ("Japan manufactures (robustness)", jp01, "municipality/ward", "2001-2012",
         len(jp01.table)),
        ("New Zealand", nz, "urban area x period", "1976-2013 (7 periods)", len(nz.table)),
        ("United States", us, "commuting zone x year", "1980, 1990, 2000 (no outcome)",
         len(us.table)),
        ("Japan Economic Census", census, "prefecture", "2014 (cross-section)",
         len(census.table))]:
    rows.append({"panel": label, "unit": unit, "period": period, "observations": n,
                 "industries": s.resolution["industries"], "groups": s.resolution["groups"],
                 "max_uv_bits": round(s.resolution["max_uv_bits"], 3),
                 "resolution": s.resolution["label"],
                 "suppressed_cells_set_to_zero": s.facts.get("suppressed_cells_set_to_zero", 0)})
sample_table = save_table(pd.DataFrame(rows), "05_samples", "1",
                          {"source": "see each panel's loader", "notebook": out.notebook})

for k in ("regions_kept", "municipalities_published", "employment_share_kept",
          "suppressed_cells_set_to_zero", "regions_below_min_employees"):
    out.key(f"jp_{k}", jp.facts[k], section="1")
    out.key(f"jp01_{k}", jp01.facts[k], section="1")
out.key("jp_max_uv_bits", jp.resolution["max_uv_bits"], section="1")
out.key("jp_groups", jp.resolution["groups"], section="1")
out.key("jp_industries", jp.resolution["industries"], section="1")
out.key("nz_groups", nz.resolution["groups"], section="1")
out.key("nz_industries", nz.resolution["industries"], section="1")
out.key("nz_max_uv_bits", nz.resolution["max_uv_bits"], section="1")
out.key("us_groups", us.resolution["groups"], section="1")
out.key("us_industries", us.resolution["industries"], section="1")
out.key("nz_total_employment_1976", nz.facts["total_employment_first"], section="1")
out.key("nz_total_employment_2013", nz.facts["total_employment_last"], section="1")
out.key("nz_regions", len(nz.panel.regions), section="1")
out.key("nz_periods", int(nz.table["period"].nunique()), section="1")
out.key("us_regions", us.facts["regions"], section="1")
out.key("census_regions", len(census.table), section="1")
sample_table

# %%
out.say(
    "The main Japanese sample keeps {jp_regions_kept} municipalities and wards of the "
    "{jp_municipalities_published} units with a published manufacturing total in 2004; they "
    "hold {jp_employment_share_kept:.1%} of the country's manufacturing employees. The rest "
    "are towns and villages published with a total only, so the results describe the "
    "larger manufacturing places. The 2004 and 2012 files have no suppressed cells in this "
    "sample ({jp_suppressed_cells_set_to_zero} set to zero); the 2001 robustness sample "
    "sets {jp01_suppressed_cells_set_to_zero} suppressed cells to zero and keeps "
    "{jp01_regions_kept} units ({jp01_employment_share_kept:.1%} of employees). Resolution: "
    "Japan {jp_industries} groups in {jp_groups} types (UV at most {jp_max_uv_bits:.2f} "
    "bits), New Zealand {nz_industries} industries in {nz_groups} classes (at most "
    "{nz_max_uv_bits:.2f} bits), United States {us_industries} industries in {us_groups} "
    "major groups. Units: New Zealand {nz_regions} urban areas over {nz_periods} "
    "intercensal periods, United States {us_regions} commuting zones, Japan's 2014 "
    "Economic Census {census_regions} prefectures.", section="1")

# %% [markdown]
# ## 2. Japan: manufacturing employment growth 2004-2012
#
# Cross-section of municipalities: growth is the annualised log change of manufacturing
# employees 2004-2012; RV/UV, Herfindahl, size and the network measures are taken in 2004;
# region fixed effects are prefecture effects; standard errors are clustered by prefecture.
# The network measures are computed on the full weighted relatedness between the groups
# (co-specialisation over its expectation under independence, positive part; the relatedness
# proposal 1 uses): *coherence* is the mean relatedness density of a place's specialised
# groups, *footprint density* the mean relatedness between pairs of its specialisations,
# *footprint centrality* the mean connectedness of its specialisations on the industry space.

# %%
jp_lad = variety_ladder(jp.table, region_fe="prefecture", cluster="prefecture",
                        network=samples.NETWORK_TERMS,
                        outcome_label="manufacturing employment growth", units=UNITS)
ladder_table(jp_lad, jp, "05_jp_variety_growth", "2", "manufacturing employment growth")

# %% [markdown]
# **Robustness: base year 2001.** The same ladder on 2001-2012, with 2001's suppressed cells
# set to zero. It is reported to show how much the base year matters, not as the result.

# %%
jp01_lad = variety_ladder(jp01.table, region_fe="prefecture", cluster="prefecture",
                          network=samples.NETWORK_TERMS,
                          outcome_label="manufacturing employment growth 2001-12", units=UNITS)
ladder_table(jp01_lad, jp01, "05_jp_variety_growth_2001_robustness", "2",
             "manufacturing employment growth (2001 base, robustness)")

# %%
for tag, lad in (("jp", jp_lad), ("jp01", jp01_lad)):
    for m in ("(1)", "(2)", "(3)", "(4)"):
        for t in ("related", "unrelated"):
            key = f"{tag}_{t}_{m.strip('()')}"
            out.key(key, float(lad[m].params[t]), section="2")
            out.key(f"{key}_p", float(lad[m].pvalues[t]), section="2")
    out.key(f"{tag}_coherence_4", float(lad["(4)"].params["coherence"]), section="2")
    out.key(f"{tag}_coherence_4_p", float(lad["(4)"].pvalues["coherence"]), section="2")
    out.key(f"{tag}_n_1", lad["(1)"].nobs, section="2")
    out.key(f"{tag}_n_4", lad["(4)"].nobs, section="2")
corr_jp = jp.table[["related", "unrelated", "herfindahl", "log_size", *samples.NETWORK_TERMS]
                   ].corr()
save_table(corr_jp.round(4), "05_jp_correlations", "2",
           {"source": jp.source, "resolution": jp.resolution["label"]}, index=True)
out.key("jp_corr_herfindahl_related", float(corr_jp.loc["herfindahl", "related"]), section="2")
out.key("jp_corr_herfindahl_unrelated", float(corr_jp.loc["herfindahl", "unrelated"]),
        section="2")
out.key("jp_corr_related_unrelated", float(corr_jp.loc["related", "unrelated"]), section="2")
out.key("jp_corr_coherence_related", float(corr_jp.loc["coherence", "related"]), section="2")
out.key("jp_related_1_sign", sign(jp_lad["(1)"].params["related"]), section="2")
out.key("jp_related_2_sign", sign(jp_lad["(2)"].params["related"]), section="2")
out.key("jp01_related_2_sign", sign(jp01_lad["(2)"].params["related"]), section="2")
out.key("jp_coherence_4_sign", sign(jp_lad["(4)"].params["coherence"]), section="2")
corr_jp.round(2)

# %%
out.say(
    "**Reading.** In 2004-2012 related variety alone has a {jp_related_1_sign} coefficient "
    "({jp_related_1:.3f} SD per SD, p = {jp_related_1_p:.2f}); once Herfindahl concentration "
    "and size enter it turns {jp_related_2_sign} ({jp_related_2:.3f}, p = "
    "{jp_related_2_p:.2f}); unrelated variety likewise moves from {jp_unrelated_1:.3f} to "
    "{jp_unrelated_2:.3f}, and no variety coefficient is distinguishable from zero in "
    "models (2)-(4). The reason is collinearity, not a second effect: across municipalities "
    "the Herfindahl index correlates {jp_corr_herfindahl_related:.2f} with RV and "
    "{jp_corr_herfindahl_unrelated:.2f} with UV, because with {jp_industries} groups a "
    "concentrated place is by construction one with little variety of either kind. A "
    "significantly negative related-variety coefficient appears only with the 2001 base year "
    "(robustness table): RV is then {jp01_related_2:.3f} (p = {jp01_related_2_p:.2f}) in "
    "model (2), on a sample in which {jp01_suppressed_cells_set_to_zero} suppressed cells "
    "were set to zero, which understates the 2001 variety of places with hidden cells. "
    "Against Frenken et al.'s "
    "expectation of a positive RV effect, the Japanese data neither confirm nor contradict "
    "it at this resolution (UV at most {jp_max_uv_bits:.2f} bits). Coherence is "
    "{jp_coherence_4_sign} in model (4) ({jp_coherence_4:.3f}, p = {jp_coherence_4_p:.2f}, "
    "N = {jp_n_4}); it correlates {jp_corr_coherence_related:.2f} with RV, so it carries "
    "part of the same information.", section="2")

# %% [markdown]
# ## 3. New Zealand urban areas, 1976-2013
#
# Seven intercensal periods, period fixed effects in every model, urban-area fixed effects in
# (3), clustered by urban area. The panel is randomly rounded to base 3 by Statistics New
# Zealand; its totals are a check that the loader reads every cell.

# %%
nz_lad = variety_ladder(nz.table, period_fe="period", region_fe="region", cluster="region",
                        network=samples.NETWORK_TERMS,
                        outcome_label="employment growth", units=UNITS)
ladder_table(nz_lad, nz, "05_nz_variety_growth", "3", "employment growth (intercensal)")
corr_nz = nz.table[["related", "unrelated", "herfindahl", "log_size", *samples.NETWORK_TERMS]
                   ].corr()
save_table(corr_nz.round(4), "05_nz_correlations", "3",
           {"source": nz.source, "resolution": nz.resolution["label"]}, index=True)
for m in ("(1)", "(2)", "(3)", "(4)"):
    for t in ("related", "unrelated"):
        out.key(f"nz_{t}_{m.strip('()')}", float(nz_lad[m].params[t]), section="3")
        out.key(f"nz_{t}_{m.strip('()')}_p", float(nz_lad[m].pvalues[t]), section="3")
for t in samples.NETWORK_TERMS:
    out.key(f"nz_{t}_4", float(nz_lad["(4)"].params[t]), section="3")
    out.key(f"nz_{t}_4_p", float(nz_lad["(4)"].pvalues[t]), section="3")
out.key("nz_log_size_2", float(nz_lad["(2)"].params["log_size"]), section="3")
out.key("nz_log_size_3", float(nz_lad["(3)"].params["log_size"]), section="3")
out.key("nz_corr_herfindahl_related", float(corr_nz.loc["herfindahl", "related"]), section="3")
out.key("nz_corr_herfindahl_unrelated", float(corr_nz.loc["herfindahl", "unrelated"]),
        section="3")
out.key("nz_corr_density_centrality",
        float(corr_nz.loc["footprint_density", "footprint_centrality"]), section="3")
out.key("nz_n", nz_lad["(1)"].nobs, section="3")

# %% [markdown]
# **Nickell bias.** Adding lagged growth to a model with urban-area fixed effects over six
# usable periods biases its coefficient downwards (Nickell 1981). The table sets the pooled
# estimate (period effects only) beside the within estimate; the first-order bias formula
# says how large the gap from this source alone can be.

# %%
lag_regs = ["related", "unrelated", "herfindahl", "log_size", "lagged_growth"]
nick = {"pooled": ladder_model(nz.table, "growth", lag_regs, fe="period", cluster="region",
                               outcome_label="employment growth", units=UNITS,
                               spec={"rung": "period FE + lagged growth"}),
        "within": ladder_model(nz.table, "growth", lag_regs, fe=("period", "region"),
                               cluster="region", outcome_label="employment growth",
                               units=UNITS,
                               spec={"rung": "period and region FE + lagged growth"})}
ladder_table(nick, nz, "05_nz_lagged_growth", "3", "employment growth (intercensal)")
raw_pooled = fe_ols(nz.table, "growth", lag_regs, fe="period", cluster="region")
raw_within = fe_ols(nz.table, "growth", lag_regs, fe=("period", "region"), cluster="region")
lag_periods = int(nz.table.dropna(subset=["lagged_growth"])["period"].nunique())
out.key("nz_lag_periods", lag_periods, section="3")
out.key("nz_lag_pooled", float(raw_pooled.params["lagged_growth"]), section="3")
out.key("nz_lag_within", float(raw_within.params["lagged_growth"]), section="3")
out.key("nz_lag_dropped", raw_within.n_dropped, section="3")
lag_gap = raw_within.params["lagged_growth"] - raw_pooled.params["lagged_growth"]
out.key("nz_lag_gap", float(lag_gap), section="3")
out.key("nz_nickell_bias", nickell_bias(float(raw_pooled.params["lagged_growth"]),
                                        lag_periods), section="3")

# %%
out.say(
    "**Reading.** With period effects only, RV has a coefficient of {nz_related_1:.3f} SD "
    "per SD (p = {nz_related_1_p:.2f}) and UV {nz_unrelated_1:.3f} (p = "
    "{nz_unrelated_1_p:.2f}); with Herfindahl and size (model 2) both lose precision "
    "(RV {nz_related_2:.3f}, p = {nz_related_2_p:.2f}), again because concentration "
    "correlates {nz_corr_herfindahl_related:.2f} with RV and "
    "{nz_corr_herfindahl_unrelated:.2f} with UV. Within urban areas (model 3) neither is "
    "distinguishable from zero, and size turns strongly negative ({nz_log_size_3:.2f} "
    "against {nz_log_size_2:.2f} pooled): within a place, a large start is followed by "
    "slower growth, i.e. mean reversion. In model (4) the network measures are jointly "
    "informative: coherence {nz_coherence_4:.3f} (p = {nz_coherence_4_p:.2g}), footprint "
    "density {nz_footprint_density_4:.3f} (p = {nz_footprint_density_4_p:.2g}) and footprint "
    "centrality {nz_footprint_centrality_4:.3f} (p = {nz_footprint_centrality_4_p:.2g}); "
    "footprint density and centrality correlate {nz_corr_density_centrality:.2f}, so their "
    "opposite signs are one combined contrast (specialisations in the connected core of the "
    "space rather than in a tight pocket of their own), not two findings. Lagged growth: "
    "pooled {nz_lag_pooled:.3f}, within {nz_lag_within:.3f}; with {nz_lag_periods} usable "
    "periods the first-order Nickell bias is about {nz_nickell_bias:.2f}, against a gap of "
    "{nz_lag_gap:.2f} between the two estimates: most of the fall is the bias, so the "
    "within lag coefficient says little about persistence. The first period, which "
    "has no lag, is dropped ({nz_lag_dropped} observations, counted once).", section="3")

# %% [markdown]
# ## 4. United States commuting zones: no growth outcome
#
# The public Bartik files give industry *shares* per commuting zone (IND1990 industries in
# major groups; counts in section 1), enough for entropy. The master file's `emp_ch` is described upstream
# only as one of the "main variables at the community-year level"; which decade a year labels
# and whether the change is annualised, decadal, in logs or in percent is not written in the
# files, and the shares give no levels to rebuild it. A coefficient on an outcome whose
# timing and units are unknown cannot be interpreted, so no US growth model is estimated
# here, and no reading (such as a change of sign under commuting-zone effects) is offered.

# %%
out.key("us_outcome_dropped", us.facts["outcome_dropped"], section="4")
us_var = us.table.groupby("time")[["related", "unrelated", "herfindahl"]].mean()
save_table(us_var.reset_index(), "05_us_variety_by_year", "4", {"source": us.source,
           "resolution": us.resolution["label"]})
us_var

# %% [markdown]
# ## 5. The ladder side by side
#
# Standardised RV and UV coefficients with their clustered confidence intervals for every
# rung (1)-(3) of both growth panels: one panel per sample (sample, outcome and RV/UV
# resolution in its title), one row per rung (what the rung adds, and N), related and
# unrelated variety as two markers per row. All coefficients share one unit: standard
# deviations of the outcome per standard deviation of the regressor.

# %%
coef_rows = coefficient_rows({"Japan 2004-12": {k: jp_lad[k] for k in ("(1)", "(2)", "(3)")},
                              "New Zealand 1976-2013": {k: nz_lad[k]
                                                        for k in ("(1)", "(2)", "(3)")}})
caption = coefficient_caption(
    coef_rows, what="Related and unrelated variety: standardised coefficients (SD of the outcome "
    "per SD of the regressor), 95% intervals clustered by prefecture (Japan) or urban area "
    "(New Zealand); rungs (1) RV and UV, (2) + Herfindahl and log size, (3) + prefecture "
    "(Japan) or urban-area (New Zealand) fixed effects; period effects in every New Zealand "
    "model")
n_sig = int(((coef_rows["low"] > 0) | (coef_rows["high"] < 0))[
    coef_rows["model"].isin(["(2)", "(3)"])].sum())
n_rows_controlled = int(coef_rows["model"].isin(["(2)", "(3)"]).sum())
out.key("coefficients_controlled_significant", n_sig, section="5")
out.key("coefficients_controlled_rows", n_rows_controlled, section="5")
fig = coefficient_plot(
    coef_rows, caption=caption,
    title=f"Variety and employment growth: {n_sig} of {n_rows_controlled} variety coefficients "
          "with controls (rungs 2-3) have an interval excluding zero",
    panel_notes={"Japan 2004-12": f"RV/UV: {jp.resolution['label']}",
                 "New Zealand 1976-2013": f"RV/UV: {nz.resolution['label']}"},
    source=Source("METI Census of Manufactures, municipal tables (Japan); Statistics New "
                  "Zealand census via Davies & Mare (New Zealand)", "2004-2012; 1976-2013",
                  "computed"))
out.figure(fig, "05_coefficients", section="5")
save_table(coef_rows, "05_variety_coefficients", "5", {"caption": caption})
out.key("coefficients_figure_models", list(dict.fromkeys(coef_rows["model_id"])), section="5")
out.key("coefficients_figure_caption", caption, section="5")
out.say("Figure `05_coefficients.png`: {coefficients_figure_caption}", section="5")

# %% [markdown]
# ## 6. The finest test the data allow: 3-digit groups in 2-digit groups in divisions
#
# The 2014 Economic Census splits persons engaged in each prefecture into minor groups
# (3-digit), nested in major groups (2-digit) and divisions (letters); the counts are in the
# reading below. Entropy
# splits into three parts: *related* (minor groups within major groups), *semi-related*
# (major groups within divisions) and *unrelated* (between divisions). The outcomes in the
# same files are cross-sectional: the 2015 unemployment rate and log taxable income per
# taxpayer. With one observation per prefecture, HC1 standard errors and no fixed effects,
# this is a test of
# association across prefectures at the finest resolution available, not of growth.

# %%
cx_terms = ["related", "semi_related", "unrelated"]
cx = {}
for y, lab in (("unemployment_rate", "unemployment rate 2015 (%)"),
               ("log_income_per_taxpayer", "log taxable income per taxpayer 2015")):
    cx[f"{y} (1)"] = ladder_model(census.table, y, cx_terms, outcome_label=lab,
                                  units="z-scored", spec={"rung": "three variety terms"})
    cx[f"{y} (2)"] = ladder_model(census.table, y, [*cx_terms, "herfindahl", "log_size"],
                                  outcome_label=lab, units="z-scored",
                                  spec={"rung": "+ herfindahl, log size"})
tab = regression_table(cx, terms=[*cx_terms, "herfindahl", "log_size"], source=census.source,
                       filters=census.filters,
                       extra_rows={"Outcome": {k: r.spec["outcome_label"] for k, r in cx.items()},
                                   "RV/UV resolution": census.resolution["label"]},
                       notes=f"{len(census.table)} prefectures, HC1 standard errors; all variables "
                             "z-scored")
out.regression_table(tab, "05_census_variety_outcomes", section="6")
corr_cx = census.table[[*cx_terms, "herfindahl", "log_size"]].corr()
out.key("census_n", len(census.table), section="6")
out.key("census_industries", census.resolution["industries"], section="6")
out.key("census_major_groups", census.resolution["middle_groups"], section="6")
out.key("census_divisions", census.resolution["groups"], section="6")
out.key("census_max_uv_bits", census.resolution["max_uv_bits"], section="6")
for k, r in cx.items():
    y, m = k.split(" ")
    for t in cx_terms:
        out.key(f"census_{y}_{t}_{m.strip('()')}", float(r.params[t]), section="6")
        out.key(f"census_{y}_{t}_{m.strip('()')}_p", float(r.pvalues[t]), section="6")
out.key("census_income_log_size_2", float(cx["log_income_per_taxpayer (2)"].params["log_size"]),
        section="6")
out.key("census_corr_semi_unrelated", float(corr_cx.loc["semi_related", "unrelated"]),
        section="6")
out.key("census_corr_herfindahl_semi", float(corr_cx.loc["herfindahl", "semi_related"]),
        section="6")
tab.frame

# %%
out.say(
    "**Reading.** At {census_industries} minor groups in {census_major_groups} major groups "
    "in {census_divisions} divisions (UV at most {census_max_uv_bits:.2f} bits), related "
    "variety goes with *higher* unemployment across the {census_n} prefectures "
    "({census_unemployment_rate_related_2:.2f} SD per SD with controls, p = "
    "{census_unemployment_rate_related_2_p:.2f}) and semi-related variety with lower "
    "unemployment without controls ({census_unemployment_rate_semi_related_1:.2f}, p = "
    "{census_unemployment_rate_semi_related_1_p:.2g}), which loses precision once "
    "Herfindahl enters (they correlate {census_corr_herfindahl_semi:.2f}). For income per "
    "taxpayer, related variety is positive alone ({census_log_income_per_taxpayer_related_1:.2f}, "
    "p = {census_log_income_per_taxpayer_related_1_p:.2g}) but not once size is controlled "
    "({census_log_income_per_taxpayer_related_2:.2f}, p = "
    "{census_log_income_per_taxpayer_related_2_p:.2f}; size {census_income_log_size_2:.2f}): "
    "the large metropolitan prefectures have both the most related variety and the highest "
    "incomes. Semi-related and unrelated variety correlate {census_corr_semi_unrelated:.2f}, "
    "so the three-level split separates less than its three terms suggest.", section="6")

# %% [markdown]
# ## 7. Entry of new specialisations, on the relatedness of proposal 1
#
# For municipality-group pairs not specialised at the start of a period (LQ < 1), entry
# means LQ >= 1 at the end. Linear probability models with region-period and
# industry-period fixed effects, clustered by prefecture, density z-scored (Neffke, Henning
# & Boschma 2011). Density is computed on the same relatedness as proposal 1 (joint
# specialisation over its expectation) and, for comparison, on the plain proximity. Main
# periods 2004-08 and 2008-12; the 2001-04 period is a labelled robustness check.

# %%
ent = samples.jp_entry_sample((2004, 2008, 2012), relatedness=relatedness)
ent01 = samples.jp_entry_sample((2001, 2004, 2008, 2012), relatedness=relatedness)
rates = pd.DataFrame({"main (2004 base)": pd.Series(ent.facts["entry_rate_by_period"]),
                      "robustness (2001 base)": pd.Series(ent01.facts["entry_rate_by_period"])})
rates.index.name = "period"
save_table(rates.reset_index(), "05_jp_entry_rates", "7",
           {"source": ent.source, "definition": "share of pairs with LQ<1 at the start that "
            "have LQ>=1 at the end"})
for p, v in ent01.facts["entry_rate_by_period"].items():
    out.key(f"jp_entry_rate_{p.replace('-', '_')}", v, section="7")
out.key("jp_entry_suppressed_set_to_zero_2001", ent01.facts["suppressed_cells_set_to_zero"],
        section="7")
out.key("jp_entry_suppressed_set_to_zero_main", ent.facts["suppressed_cells_set_to_zero"],
        section="7")
models = {
    "(1) co-specialisation": entry_model(ent.table, complexity=None, cluster="prefecture",
                                         source=ent.source),
    "(2) proximity": entry_model(ent.table, density="density_proximity", complexity=None,
                                 cluster="prefecture", source=ent.source),
    "(3) + PCI": entry_model(ent.table, fe=("region_period", "industry"),
                             cluster="prefecture", source=ent.source),
    "(4) 2001 base": entry_model(ent01.table, complexity=None, cluster="prefecture",
                                 source=ent01.source),
}
tab = regression_table(models, source=ent.source, filters=ent.filters + ["(4): 2001 base"],
                       extra_rows={"Outcome": "entry (0/1), linear probability",
                                   "RV/UV resolution": ent.resolution["label"],
                                   "Periods": {"(1) co-specialisation": "2004-08, 2008-12",
                                               "(2) proximity": "2004-08, 2008-12",
                                               "(3) + PCI": "2004-08, 2008-12",
                                               "(4) 2001 base": "2001-04, 2004-08, 2008-12"}},
                       notes="density and PCI z-scored; coefficients: change in the entry "
                             "probability (0-1) per SD")
out.regression_table(tab, "05_jp_entry", section="7")
for k, key in (("(1) co-specialisation", "cospec"), ("(2) proximity", "proximity"),
               ("(4) 2001 base", "2001")):
    col = "density_proximity" if key == "proximity" else "density"
    out.key(f"jp_entry_density_{key}", float(models[k].params[col]), section="7")
    out.key(f"jp_entry_density_{key}_p", float(models[k].pvalues[col]), section="7")
out.key("jp_entry_n_pairs", models["(1) co-specialisation"].nobs, section="7")
out.key("jp_entry_mean_rate_main", float(ent.table["entry"].mean()), section="7")

# New Zealand entry on the same relatedness
dens_nz = relatedness_density(nz.panel, samples.network_relatedness(nz.panel, relatedness))
nz_pairs = entry_pairs(nz.panel, dens_nz, pci(nz.panel))
nz_entry = entry_model(nz_pairs, complexity=None, source=nz.source)
out.key("nz_entry_density_cospec", float(nz_entry.params["density"]), section="7")
out.key("nz_entry_density_cospec_p", float(nz_entry.pvalues["density"]), section="7")
out.key("nz_entry_mean_rate", float(nz_pairs["entry"].mean()), section="7")
rates

# %%
out.say(
    "**Reading.** The entry rate was {jp_entry_rate_2001_2004:.1%} in 2001-04 against "
    "{jp_entry_rate_2004_2008:.1%} and {jp_entry_rate_2008_2012:.1%} later: the 2001 "
    "base sets {jp_entry_suppressed_set_to_zero_2001} suppressed cells to zero, and a cell "
    "that was only hidden in 2001 then looks like a new specialisation in 2004. The main "
    "models use 2004-2012 ({jp_entry_suppressed_set_to_zero_main} cells set to zero). A "
    "municipality is more likely to gain a specialisation in groups related to what it "
    "already does: +1 SD of density on the proposal-1 relatedness goes with "
    "{jp_entry_density_cospec:.3f} more probability of entry (p = "
    "{jp_entry_density_cospec_p:.1g}) against a mean entry rate of "
    "{jp_entry_mean_rate_main:.3f}; on the plain proximity the coefficient is "
    "{jp_entry_density_proximity:.3f}. In New Zealand the same model gives "
    "{nz_entry_density_cospec:.3f} (p = {nz_entry_density_cospec_p:.1g}; mean entry rate "
    "{nz_entry_mean_rate:.3f}). This is the one pattern that holds across panels and "
    "relatedness measures, and the empirical basis of proposal 1.", section="7")

# %% [markdown]
# ## 8. Spatial units: does the answer depend on the map?
#
# Variety is recomputed after aggregating municipalities to prefectures; for every
# municipality its own value is compared with that of its prefecture (Spearman rank
# correlation), in 2004 and 2012. A low correlation means the two units tell different
# stories about the same places (the modifiable areal unit problem).

# %%
mfg = load_jp_manufactures_municipal("employees", years=[2004, 2012], suppressed="zero")
regions = mfg.tables["regions"].set_index("region")
to_pref = regions.loc[mfg.panel.regions, "prefecture"]
sens = spatial_unit_sensitivity(mfg.panel, {"prefecture": to_pref},
                                lambda p: related_unrelated_variety(p, level="meti_type"),
                                base_name="municipality")
save_table(sens.comparison, "05_spatial_unit_sensitivity", "8",
           {"source": str(mfg.panel.meta.get("source", ""))})
rho = sens.comparison.set_index(["time", "index"])["spearman"]
out.key("spearman_rv_municipality_vs_prefecture_2012", float(rho.loc[(2012, "related")]),
        section="8")
out.key("spearman_uv_municipality_vs_prefecture_2012", float(rho.loc[(2012, "unrelated")]),
        section="8")
out.say("Municipal and prefectural related variety rank the same places with a Spearman "
        "correlation of {spearman_rv_municipality_vs_prefecture_2012:.2f} in 2012 "
        "(unrelated variety {spearman_uv_municipality_vs_prefecture_2012:.2f}): a "
        "prefecture's variety is a poor guide to the variety of its municipalities.",
        section="8")

# %% [markdown]
# ## 9. What the results do and do not support
#
# * All models are associations in observational data. Fixed effects remove stable
#   differences between places and common shocks, not reverse causation or time-varying
#   local factors; nothing here says that raising variety would raise growth.
# * Variety coefficients have no robust sign in any growth panel once concentration and size
#   are controlled, and concentration is nearly a mirror image of variety at these
#   resolutions. They do not license a variety target.
# * Network structure adds information beside RV/UV in New Zealand; in Japan, with its few
#   manufacturing groups, it largely repeats it.
# * Entry into related activities is the robust pattern (section 7), on the relatedness that
#   proposal 1 uses.
# * Japanese growth results cover the larger manufacturing places (section 1 gives the
#   share of employees); the United States panel has no documented outcome and is used for
#   variety only. None of these numbers are the KIET report's own.

# %%
out.save_keys()
