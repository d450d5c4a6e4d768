# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 · Bring your own data
#
# Point this notebook at any long table of **region x industry (x year)** values and it
# produces, for the region you name, the analyses the case notebooks show:
#
# 1. the file checks of `smartregion validate` (every problem with its line and column), and
#    warnings when the panel is too small or degenerate for relatedness and complexity (the
#    results are written all the same);
# 2. specialisation: location quotients;
# 3. related and unrelated variety (needs an industry hierarchy);
# 4. economic complexity (ECI of regions, PCI of industries), the region's rank and its
#    bootstrap interval;
# 5. the industry space, its backbone and the region's footprint on it, against a null model;
# 6. target selection: relatedness density against complexity (proposal 1), with the share
#    of bootstrap samples in which each candidate stays in the priority quadrant;
# 7. with two or more periods: shift-share, a growth table and specialisation churn.
#
# Run it headless with papermill, e.g.
#
# ```
# papermill notebooks/07_bring_your_own_data.ipynb my_city.ipynb --cwd notebooks \
#     -p data_path ../my_panel.csv -p hierarchy_path ../my_hierarchy.csv \
#     -p region "My City" -p output_dir ../outputs/byod/my_city
# ```
#
# Without `output_dir` the results go to `outputs/byod/<input file>_<region>/` under the
# project root, never into the package's own `outputs/`. Files are prefixed with `label`
# (default `07_<input file>`). The defaults use the synthetic example in `data/example/`, made
# by the seeded script `scripts/make_example_data.py`.

# %% tags=["parameters"]
output_dir = ""  # empty: <project>/outputs/byod/<input file>_<region>/
seed = 20181207  # random seed for the network layout, set once here
data_path = "../data/example/example_panel.csv"  # long table: region, industry, [year], value
hierarchy_path = "../data/example/example_hierarchy.csv"  # industry -> parent(s); empty: none
region = "Example City"  # region to highlight
region_col = "region"  # column names in data_path
industry_col = "industry"
value_col = "value"
time_col = "year"  # empty for a single-period table
encoding = ""  # text encoding of data_path (empty: UTF-8), e.g. cp1252 or shift_jis
year = None  # period to show (None: the latest)
label = ""  # prefix of the output files (empty: 07_<input file>)
backbone_avg_degree = 4.0  # target mean degree of the industry-space backbone
layout_iterations = 50  # spring-layout iterations (seeded); more let long chains stretch out
max_labels = 20  # most industry labels drawn on the industry space
max_legend = 10  # most colour groups in a legend; the rest are pooled as other
n_draws = 200  # null-model draws and bootstrap samples (each)
stable_share = 0.8  # a priority candidate is called stable at this share of samples
# maps (section 8): a boundary file of the regions (any format GDAL reads) and its id column,
# whose ids are the region labels of data_path; empty: no maps (the example uses its squares)
boundary_path = ""
boundary_id_col = "region"

# %%
import re
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from smartregion import Panel, SmartRegionWarning, economic_complexity, shift_share
from smartregion.byod import input_warnings, load_panel
from smartregion.network import backbone, footprint_table, industry_space, node_metrics
from smartregion.nullmodel import null_network_measures
from smartregion.outputs import OutputWriter, find_project_root
from smartregion.panel import PanelError
from smartregion.plots import (
    PALETTE,
    Source,
    add_source,
    color_for,
    compute_layout,
    density_complexity_scatter,
    industry_space_plot,
    lq_bar,
    place_labels,
    rv_uv_scatter,
    use_style,
)
from smartregion.policy import specialisation_churn, target_selection
from smartregion.relatedness import (
    DEFAULT_METHOD,
    describe_relatedness,
    relatedness_diagnostics,
    relatedness_weights,
)
from smartregion.stability import (
    MIN_REGIONS,
    averaged_specialisation,
    bootstrap_complexity,
    complexity_agreement,
    complexity_diagnostics,
    rank_intervals,
    target_stability,
)
from smartregion.structure import location_quotient, specialisation
from smartregion.variety import related_unrelated_variety

rng = np.random.default_rng(seed)  # the one generator of the null draws and the bootstrap
use_style()


def slug(text) -> str:
    """A file-name-safe version of a label."""
    return re.sub(r"[^0-9A-Za-z]+", "_", str(text)).strip("_") or "x"


root = find_project_root()
data_file = Path(data_path).resolve()
package_outputs = (root / "outputs").resolve()
default_dir = package_outputs / "byod" / f"{slug(data_file.stem)}_{slug(region)}"
is_example = data_file == (root / "data" / "example" / "example_panel.csv").resolve()
if not output_dir:
    output_dir = str(default_dir)
elif Path(output_dir).resolve() == package_outputs and not is_example:
    print(f"note: {output_dir} holds the package's own results; writing to {default_dir} "
          "instead (pass another output_dir to choose).")
    output_dir = str(default_dir)
label = label or f"07_{slug(data_file.stem)}"
out = OutputWriter(output_dir, notebook="07_bring_your_own_data")
print("results go to", Path(output_dir).resolve())


def source(note: str = "") -> Source:
    """The source line of every figure: the user's file, the period shown, computed."""
    return Source(f"{data_file.name} ({one.value_name or value_col}, {len(one.regions)} "
                  f"regions x {len(one.industries)} industries)",
                  "" if year is None else str(year), "computed", note)

# %% [markdown]
# ## 1. Load and validate
#
# `load_panel` runs every check of `smartregion validate` and stops with a list of all
# problems (file, line, column and fix) if the file is not usable. Warnings (padded labels,
# unused columns, all-zero lines ...) are printed and kept.
#
# A usable file can still be too small for relatedness and complexity: both are estimated
# from one observation per region, so with few regions every relatedness and every PCI rests
# on a handful of values (`stability.MIN_REGIONS` gives the minimum and its reason; a
# city's ten districts are far below it). The checks below also flag a complexity axis that
# is ill-conditioned (a small gap between the second and third eigenvalues, a PCI that rises
# with ubiquity, a matrix that splits into parts). Every result is still written; the
# warnings say how far to trust them.

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", SmartRegionWarning)
    panel = load_panel(data_path, hierarchy=hierarchy_path or None, region=region_col,
                       industry=industry_col, value=value_col, time=time_col or None,
                       encoding=encoding or None)
for w in caught:
    print("note:", w.message)
if panel.has_time:
    year = panel.times[-1] if year is None else type(panel.times[0])(year)
    one = panel.select(times=[year])
    one = Panel(one.values, one.regions, one.industries, None, hierarchy=one.hierarchy,
                value_name=one.value_name)
else:
    one = panel
period = f" ({year})" if year is not None else ""
if region not in one.regions:
    raise ValueError(f"region {region!r} is not in {data_path}; regions include "
                     f"{list(one.regions[:10])}")
out.key("n_regions", len(panel.regions), section="1")
out.key("n_industries", len(panel.industries), section="1")
out.key("n_periods", len(panel.times) if panel.has_time else 1, section="1")
out.key("period_shown", year, section="1")
out.key("region", str(region), section="1")
out.key("region_share", float(one.values[0, list(one.regions).index(region)].sum()
                              / one.values[0].sum()), section="1")
print(panel)
bad_input = input_warnings(one, relatedness=DEFAULT_METHOD)
for text in bad_input:
    print("warning:", text)
out.key("min_regions", MIN_REGIONS, section="1")
out.key("n_input_warnings", len(bad_input), section="1")
out.key("input_warnings", "; ".join(bad_input) if bad_input else "none", section="1")
out.say("The file holds {n_regions} regions and {n_industries} industries in {n_periods} "
        "period(s); {region} accounts for {region_share:.1%} of the total in the period shown. "
        "Problems found in the size and shape of the panel ({n_input_warnings}): "
        "{input_warnings}.", section="1")

# %% [markdown]
# ## 2. Specialisation: location quotients
#
# LQ = (region's share of the industry) / (industry's share of the total); LQ >= 1 marks a
# specialisation. The comparison group is every region in the file.

# %%
lq = location_quotient(one)
out.table(lq, f"{label}_lq", section="2")
n_spec = int((lq.loc[region] >= 1).sum())
fig = lq_bar(lq.loc[region], top=20,
             title=f"{region}{period}: the {min(20, lq.shape[1])} highest location quotients; "
                   f"{n_spec} of {lq.shape[1]} industries have LQ >= 1",
             xlabel="Location quotient (region's share / all regions' share; 1 = average)")
add_source(fig, source(f"LQ against all {len(one.regions)} regions of the file."))
out.figure(fig, f"{label}_lq", section="2")
out.key("n_specialisations", n_spec, section="2")
out.key("top_lq_industry", str(lq.loc[region].idxmax()), section="2")
out.key("top_lq", float(lq.loc[region].max()), section="2")
out.say("{region} is specialised (LQ >= 1) in {n_specialisations} of {n_industries} "
        "industries; the highest LQ is {top_lq:.2f} ({top_lq_industry}).", section="2")

# %% [markdown]
# ## 3. Related and unrelated variety (needs a hierarchy)
#
# Entropy decomposition of Frenken et al. (2007): unrelated variety is the entropy between the
# first coarser level of the hierarchy, related variety the weighted entropy within it.

# %%
if one.hierarchy is not None:
    var = related_unrelated_variety(one)
    out.table(var, f"{label}_variety", section="3")
    rv_rank = int(var["related"].rank(ascending=False, method="min")[region])
    uv_rank = int(var["unrelated"].rank(ascending=False, method="min")[region])
    fig = rv_uv_scatter(var, highlight=region, max_labels=8,
                        title=f"Related and unrelated variety of {len(var)} regions{period}: "
                              f"{region} ranks {rv_rank} on related and {uv_rank} on "
                              "unrelated variety")
    add_source(fig, source(f"Entropy in bits (log base 2); unrelated: between the groups of "
                           f"hierarchy level {one.hierarchy.columns[0]!r}, related: within "
                           "them."))
    out.figure(fig, f"{label}_rv_uv", section="3")
    out.key("related_variety", float(var.loc[region, "related"]), section="3")
    out.key("unrelated_variety", float(var.loc[region, "unrelated"]), section="3")
    out.key("related_variety_rank", int(var["related"].rank(ascending=False,
                                                             method="min")[region]), section="3")
    display_var = out.say("{region}: related variety {related_variety:.2f} bits (rank "
                          "{related_variety_rank} of {n_regions}), unrelated variety "
                          "{unrelated_variety:.2f} bits.", section="3")
else:
    display_var = "no hierarchy given: variety decomposition skipped"
display_var

# %% [markdown]
# ## 4. Economic complexity
#
# ECI of regions and PCI of industries from the binary specialisation matrix (LQ >= 1),
# eigenvector method of Hidalgo & Hausmann (2009), z-scored. Regions are ranked from the most
# complex (1). The rank comes with an interval: the regions are resampled with replacement
# `n_draws` times, the PCI re-estimated on each sample and every region's ECI recomputed
# from it (central $90\%$ of the ranks). The rank agreement with fitness-complexity
# (Tacchella et al. 2012) is a second check that does not rest on the eigenvector. With two
# or more periods the rank is also computed from the location quotient averaged over the
# periods, as the Atlas of Economic Complexity averages RCA over years.

# %%
with warnings.catch_warnings(record=True) as cw:
    warnings.simplefilter("always", SmartRegionWarning)
    cx = economic_complexity(one)
for w in cw:
    print("note:", w.message)
eci_s, pci_s = cx.eci, cx.pci
eci_rank = eci_s.rank(ascending=False, method="min")
ctab = pd.DataFrame({"eci": eci_s, "rank": eci_rank,
                     "diversity": specialisation(one).sum(axis=1)}).sort_values("rank")
out.table(ctab, f"{label}_eci", section="4")
out.table(pci_s.sort_values(ascending=False).to_frame("pci"), f"{label}_pci", section="4")
eci_region = float(eci_s.get(region, np.nan))
out.key("eci", eci_region, section="4")
out.key("eci_rank", None if np.isnan(eci_region) else int(eci_rank[region]), section="4")
out.key("n_ranked", int(eci_s.notna().sum()), section="4")
cdiag = complexity_diagnostics(one, warn=False)
out.key("complexity_gap_ratio", cdiag["gap_ratio"], section="4")
out.key("corr_pci_ubiquity", cdiag["corr_pci_ubiquity"], section="4")
boot = bootstrap_complexity(one, n_draws=n_draws, rng=rng)
iv = rank_intervals(boot.ranks, eci_rank, level=0.9)
out.table(iv, f"{label}_eci_rank_intervals", section="4")
with warnings.catch_warnings():
    warnings.simplefilter("ignore", SmartRegionWarning)
    agree = complexity_agreement(one)
out.key("eci_rank_low", int(iv.loc[region, "rank_low"]), section="4")
out.key("eci_rank_high", int(iv.loc[region, "rank_high"]), section="4")
out.key("n_bootstrap_draws", n_draws, section="4")
out.key("rank_agreement_eci_fitness", agree["regions"], section="4")
if panel.has_time and len(panel.times) >= 2:  # the Atlas practice: LQ averaged over periods
    m_avg = averaged_specialisation(panel)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmartRegionWarning)
        eci_avg = economic_complexity(m_avg, binary=True).eci
    out.key("eci_rank_averaged_lq", int(eci_avg.rank(ascending=False, method="min")[region])
            if pd.notna(eci_avg.get(region)) else None, section="4")
    avg_text = (" With the location quotient averaged over the {n_periods} periods "
                "(specialisation less exposed to one year's noise) the rank is "
                "{eci_rank_averaged_lq}.")
else:
    avg_text = ""

fig = Figure(figsize=(7.5, 4.0), layout="constrained")
ax = fig.add_subplot()
ordered = eci_s.dropna().sort_values(ascending=False)
pos = np.arange(1, len(ordered) + 1)
is_r = (ordered.index == region)
ax.scatter(pos[~is_r], ordered.to_numpy()[~is_r], s=14, color=PALETTE["other regions"],
           edgecolors="#606060", linewidths=0.3)
ax.scatter(pos[is_r], ordered.to_numpy()[is_r], s=60,
           color=color_for(str(region), PALETTE["highlight"]),
           edgecolors="black", zorder=3)
ax.axhline(0, color="grey", lw=0.6)
ax.set_xlabel("Rank among the regions (1 = most complex)")
ax.set_ylabel("ECI (z-score across regions)")
ax.margins(x=0.04, y=0.12)
if is_r.any():
    place_labels(ax, pos[is_r], ordered.to_numpy()[is_r], [str(region)], bold=[True],
                 color=color_for(str(region), PALETTE["highlight"]))
    ax.set_title(f"{region} ranks {int(pos[is_r][0])} of {len(ordered)} regions by economic "
                 f"complexity (ECI){period}")
else:
    ax.set_title(f"Economic complexity (ECI) of {len(ordered)} regions{period}; {region} has "
                 "no ECI")
add_source(fig, source("ECI: eigenvector method (Hidalgo & Hausmann 2009) on LQ >= 1; grey: "
                       "the other regions of the file."))
out.figure(fig, f"{label}_eci", section="4")
if np.isnan(eci_region):
    display_eci = "the region has no specialisation: no ECI"
else:
    display_eci = out.say("{region}: ECI {eci:.2f}, rank {eci_rank} of {n_ranked} regions; "
                          "over {n_bootstrap_draws} bootstrap samples of regions the rank "
                          "stays between {eci_rank_low} and {eci_rank_high} (central 90%). "
                          "Eigenvector and fitness ranks of the regions agree at "
                          "{rank_agreement_eci_fitness:.2f}; relative gap between the second "
                          "and third eigenvalues {complexity_gap_ratio:.2f}, PCI-ubiquity "
                          "correlation {corr_pci_ubiquity:.2f} (negative expected)."
                          + avg_text, section="4")
display_eci

# %% [markdown]
# ## 5. The industry space and the region's footprint
#
# Relatedness between industries: the package default (`relatedness.DEFAULT_METHOD`),
# co-specialisation across all regions over its expectation under independence, keeping
# only pairs significantly over-represented under the hypergeometric null (the first-axis
# diagnostic is printed below: the share of the variance of the industries' relatedness
# profiles on one axis, and the rank correlation of their mean relatedness with ubiquity).
# With few regions few pairs are significant and the space is sparse. The backbone adapts
# to the data: the maximum spanning tree plus the strongest links,
# with the lowest threshold that keeps the mean degree at most `backbone_avg_degree`; the rule
# used is printed under the figure. Only the `max_labels` largest specialisations are labelled;
# with many groups the legend keeps the largest and pools the rest. Footprint: density,
# coherence (mean relatedness between the region's specialisations) and centrality, compared
# with every other region and with random portfolios that keep every region's number of
# specialisations and every industry's ubiquity (curveball null model, relatedness
# estimated without the region itself).

# %%
phi = relatedness_weights(one)
rel_diag = relatedness_diagnostics(phi, one)
print(describe_relatedness(DEFAULT_METHOD, rel_diag))
out.key("relatedness", DEFAULT_METHOD, section="5")
out.key("first_axis_share", rel_diag["first_axis_share"], section="5")
out.key("corr_strength_ubiquity", rel_diag["corr_strength_ubiquity"], section="5")
attrs = pd.DataFrame({"size": one.values[0].sum(axis=0)}, index=one.industries)
if one.hierarchy is not None:
    # colour by the coarsest level with more than one group (fewest legend entries)
    levels = [c for c in one.hierarchy.columns if one.hierarchy[c].nunique() > 1]
    group_level = levels[-1] if levels else one.hierarchy.columns[0]
    attrs[group_level] = one.hierarchy[group_level]
else:
    group_level = None
graph = industry_space(phi, attributes=attrs)
bb = backbone(graph, avg_degree=backbone_avg_degree)
layout = compute_layout(bb, seed=seed, iterations=layout_iterations)
spec = lq.columns[(lq.loc[region] >= 1).to_numpy()]
fig = industry_space_plot(bb, layout=layout, highlight=spec, seed=seed, max_labels=max_labels,
                          max_legend=max_legend, color_by=group_level,
                          legend_title=f"Industry group ({group_level})" if group_level else None,
                          size_label=f"Industry size: {one.value_name or value_col}, all "
                                     "regions (node area)",
                          title=f"{region}'s {len(spec)} specialisations (LQ >= 1) on the "
                                f"industry space of {len(one.industries)} industries{period}",
                          source=source(f"{bb.graph['rule']} Coloured and ringed: the region's "
                                        "specialisations; grey: the other industries."))
ax = fig.axes[0]
out.figure(fig, f"{label}_industry_space", section="5")
out.key("backbone_rule", bb.graph["rule"], section="5")
out.key("backbone_edges", bb.number_of_edges(), section="5")
out.key("space_components", nx.number_connected_components(graph), section="5")
out.key("backbone_threshold", bb.graph["threshold"], section="5")
out.key("backbone_mean_degree", bb.graph["mean_degree"], section="5")
out.key("n_labels", len(ax.texts), section="5")
legend = ax.get_legend()
out.key("n_legend_entries", 0 if legend is None else len(legend.get_texts()), section="5")
metrics = node_metrics(bb, seed=seed)
out.table(metrics, f"{label}_node_metrics", section="5")
fp = footprint_table(bb, specialisation(one), relatedness=phi)
out.table(fp, f"{label}_footprint", section="5")
if "coherence" in fp.columns:
    out.key("coherence", float(fp.loc[region, "coherence"]), section="5")
    out.key("coherence_rank", int(fp["coherence"].rank(ascending=False, method="min")[region])
            if pd.notna(fp.loc[region, "coherence"]) else None, section="5")
null_fp = null_network_measures(specialisation(one), n_draws=n_draws, rng=rng,
                                leave_one_out=True, method=DEFAULT_METHOD,
                                backbone_degree=backbone_avg_degree, backbone_regions=[region])
out.table(null_fp, f"{label}_footprint_null", section="5")
for c in ("coherence", "footprint_density", "footprint_centrality", "largest_linked_share"):
    out.key(f"{c}_null_percentile", float(null_fp.loc[region, f"{c}_percentile"]),
            section="5")
out.say("{backbone_rule} Relatedness: {relatedness}; its first axis holds "
        "{first_axis_share:.0%} of the variance of the industry profiles. Against random "
        "portfolios of the same size, {region}'s footprint density lies at percentile "
        "{footprint_density_null_percentile:.0f}, its coherence at "
        "{coherence_null_percentile:.0f} and the share of its specialisations in one linked "
        "group at {largest_linked_share_null_percentile:.0f} (50: typical of random "
        "portfolios).", section="5")

# %%
fp.loc[[region]]

# %% [markdown]
# ## 6. Target selection: relatedness density vs complexity
#
# Industries the region is not specialised in, placed by relatedness density (how much of the
# related know-how is already there, with the default relatedness) and PCI. "High
# relatedness" means a density above zero and at or above the median over the candidates (with
# a sparse relatedness the median candidate may have none of its related industries present);
# "high complexity" means a PCI above zero, the average industry (the defaults of
# `policy.target_selection`).
# Each candidate also gets the share of `n_draws` bootstrap samples of regions (relatedness
# and PCI re-estimated on each) in which it stays in the priority quadrant, and its
# fitness-complexity percentile; a priority candidate is called *stable* when that share is
# at least `stable_share` and it is above the median industry by fitness too. Only stable
# candidates are labelled. If the relatedness leaves every candidate without a defined
# density (too few regions for any significant co-specialisation), the table says so and no
# target is named.

# %%
try:
    targets = target_selection(one, region)
except PanelError as exc:  # no candidate with a defined density: say so, name no target
    print("warning:", exc)
    targets = pd.DataFrame(columns=["density", "pci", "specialised", "quadrant"])
if len(targets):
    stab = target_stability(one, region, n_draws=n_draws, rng=rng)
    targets = targets.join(stab[["share_priority", "fitness_percentile"]])
    targets["stable"] = ((targets["quadrant"] == "priority")
                         & (targets["share_priority"] >= stable_share)
                         & (targets["fitness_percentile"] > 50))
out.table(targets, f"{label}_targets", section="6")
n_priority = int((targets["quadrant"] == "priority").sum())
n_stable = int(targets["stable"].sum()) if len(targets) else 0
n_zero = int((targets["density"] == 0).sum())  # no related industry present: never "dense"
best = (targets.loc[targets["stable"]].head(5) if len(targets)
        else targets)  # the densest stable candidates (the table's order)
if len(targets):
    fig = density_complexity_scatter(
        targets["density"], targets["pci"], y_split=0.0, quadrant=targets["quadrant"],
        title=f"{region}: {n_priority} of {len(targets)} candidate industries in the priority "
              f"quadrant, {n_stable} of them stable{period}",
        xlabel=f"Relatedness density ({DEFAULT_METHOD}-weighted share, 0-1)",
        ylabel="Complexity (PCI, z-score; 0 = average industry)", label_top=0)
    place_labels(fig.axes[0], best["density"], best["pci"], [str(i) for i in best.index],
                 bold=[True] * len(best), avoid=fig.axes[0].collections[0])
    add_source(fig, source(f"Candidates: industries with LQ < 1. Density: share of related "
                           f"industries ({DEFAULT_METHOD}) the region is specialised in; PCI: "
                           "eigenvector method. Cuts: median density of the candidates (a "
                           f"density of 0 is never high; {n_zero} candidates have 0) and PCI = "
                           "0; labelled: the densest stable priority candidates (at least "
                           f"{stable_share:.0%} of {n_draws} bootstrap samples)."))
    out.figure(fig, f"{label}_targets", section="6")
out.key("n_candidates", len(targets), section="6")
out.key("n_priority_candidates", n_priority, section="6")
out.key("n_stable_candidates", n_stable, section="6")
out.key("n_candidates_zero_density", n_zero, section="6")
out.key("stable_share", stable_share, section="6")
out.key("stable_candidates", ", ".join(map(str, best.index)) if len(best) else "none",
        section="6")
out.say("{n_priority_candidates} of {n_candidates} candidate industries fall in the priority "
        "quadrant (density above zero and at or above the candidates' median, complexity above "
        "the average industry); {n_stable_candidates} of them stay there in at least "
        "{stable_share:.0%} of the bootstrap samples and are complex by fitness too: "
        "{stable_candidates}. {n_candidates_zero_density} candidates have a density of zero: "
        "none of the industries related to them is a specialisation of the region.",
        section="6")

# %%
targets.head(10)

# %% [markdown]
# ## 7. Change over time (two or more periods)
#
# Between the first and the last period: shift-share decomposition of the region's change
# (Dunn 1960: national share, industry mix, regional share), a growth table of the region's
# industries against their national growth, and the entries and exits of specialisations
# (LQ >= 1) of every region. Association, not causation: the regional share is a residual.

# %%
if panel.has_time and len(panel.times) >= 2:
    t0, t1 = panel.times[0], panel.times[-1]
    out.key("first_period", t0, section="7")
    out.key("last_period", t1, section="7")
    ss = shift_share(panel, start_time=t0, end_time=t1)
    out.table(ss, f"{label}_shift_share", section="7")
    ri = list(panel.regions).index(region)
    x0, x1 = panel.values[0, ri], panel.values[-1, ri]
    n0, n1 = panel.values[0].sum(axis=0), panel.values[-1].sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = pd.DataFrame({
            "start": x0, "end": x1, "change": x1 - x0,
            "growth": np.where(x0 > 0, x1 / x0 - 1, np.nan),
            "national_growth": np.where(n0 > 0, n1 / n0 - 1, np.nan),
        }, index=panel.industries)
    growth["growth_gap"] = growth["growth"] - growth["national_growth"]
    growth = growth.sort_values("change", ascending=False)
    out.table(growth, f"{label}_growth", section="7")
    churn = specialisation_churn(panel, start=t0, end=t1)
    out.table(churn, f"{label}_churn", section="7")
    out.key("region_growth", float(x1.sum() / x0.sum() - 1) if x0.sum() > 0 else None,
            section="7")
    out.key("national_growth", float(panel.values[-1].sum() / panel.values[0].sum() - 1),
            section="7")
    out.key("entries", int(churn.loc[region, "entries"]), section="7")
    out.key("exits", int(churn.loc[region, "exits"]), section="7")
    display_change = out.say(
        "From {first_period} to {last_period} {region} grew by {region_growth:.1%} against "
        "{national_growth:.1%} for all regions together; it gained {entries} and lost {exits} "
        "specialisations.", section="7")
else:
    display_change = "one period only: shift-share, growth and churn need two or more periods"
display_change

# %% [markdown]
# ## 8. Maps of the regions (with a boundary file)
#
# With `boundary_path` set, the maps of the case notebooks are drawn for your regions: the
# location quotients of one industry (the region's strongest by default; set `map_industry`),
# economic complexity and, with a hierarchy, related and unrelated variety, with the region
# outlined. The boundary file is joined on `boundary_id_col`, read as text, to the region
# labels of the data file: a region of the data without a polygon stops the notebook with
# both lists of unmatched ids (set `drop_unmatched = True` to leave such regions out, counted
# and reported), a polygon without data is drawn hatched as "no data", and a file without a
# coordinate reference system or with invalid geometries is refused with the fix. The same
# maps come from the command line:
#
# ```bash
# smartregion maps my_panel.csv --boundaries my_regions.gpkg --id-column code -o outputs/maps
# ```
#
# The example's boundaries are made-up squares (`scripts/make_example_boundaries.py`), as
# its data are; they are used when the example panel runs without a `boundary_path`.
#
# ### 8a. Specialisation map
#
# The location quotient of one industry by region (log2 scale centred at one).
#
# ### 8b. Complexity and variety maps
#
# The ECI of every region and, with a hierarchy, its related and unrelated variety; the join
# report below counts the regions on the maps.

# %%
map_industry = None  # industry to map; None: the region's highest LQ
drop_unmatched = False  # True: regions of the data without a polygon are dropped and reported

example_bounds = (root / "data" / "example" / "example_boundaries.geojson").resolve()
if not boundary_path and is_example:
    boundary_path = str(example_bounds)
if boundary_path:
    from smartregion.plots import panel_maps, read_boundaries

    bounds = read_boundaries(Path(boundary_path), boundary_id_col)
    credit = Path(boundary_path).name + (" (illustrative squares)"
                                         if Path(boundary_path).resolve() == example_bounds
                                         else " (user-supplied)")
    maps = panel_maps(one, bounds, id_col=boundary_id_col, source=source(), region=str(region),
                      industry=map_industry, boundary_credit=credit,
                      drop_unmatched=drop_unmatched)
    for name, fig in maps.figures.items():  # 8a: the LQ map; 8b: complexity and variety
        out.figure(fig, f"{label}_map_{name}", section="8a" if name == "lq" else "8b")
    for name, why in maps.skipped.items():
        print(f"map {name} skipped: {why}")
    report = maps.join.report()
    out.key("map_regions_matched", report["n_matched"], section="8")
    out.key("map_polygons_no_data", report["n_no_data"], section="8")
    out.key("map_regions_dropped", report["n_dropped"], section="8")
    out.key("map_industry", str(maps.industry), section="8")
    display_maps = out.say(
        "{map_regions_matched} regions are on the maps, {map_polygons_no_data} polygons have "
        "no data and {map_regions_dropped} regions of the data were dropped for want of a "
        "polygon; the LQ map shows industry {map_industry}.", section="8")
else:
    display_maps = "no boundary file given (boundary_path is empty): no maps drawn"
display_maps

# %%
out.save_keys()
