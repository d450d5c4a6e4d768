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
import warnings
from pathlib import Path

import numpy as np

from smartregion import SmartRegionWarning
from smartregion.byod import load_panel
from smartregion.cases import (
    drawn_labels,
    eci_rank_figure,
    file_slug,
    lq_top_figure,
    output_location,
    panel_overview,
    panel_source,
    region_change,
    region_complexity,
    region_footprint,
    region_industry_space,
    region_industry_space_figure,
    region_lq,
    region_maps,
    region_targets,
    region_variety,
    region_variety_figure,
    shown_period,
    targets_figure,
)
from smartregion.outputs import OutputWriter, find_project_root
from smartregion.plots import use_style
from smartregion.relatedness import DEFAULT_METHOD, relatedness_weights

rng = np.random.default_rng(seed)  # the one generator of the null draws and the bootstrap
use_style()

root = find_project_root()
data_file = Path(data_path).resolve()
is_example = data_file == (root / "data" / "example" / "example_panel.csv").resolve()
output_dir, moved = output_location(data_file, region, output_dir, root=root,
                                    is_example=is_example)
if moved:
    print(moved)
label = label or f"07_{file_slug(data_file.stem)}"
out = OutputWriter(output_dir, notebook="07_bring_your_own_data")
print("results go to", Path(output_dir).resolve())

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
one, year = shown_period(panel, year, region=region, data_name=data_path)
period = f" ({year})" if year is not None else ""
source = panel_source(data_file.name, one, year, value_name=value_col)
print(panel)
overview = panel_overview(panel, one, region=region, year=year, relatedness=DEFAULT_METHOD)
out.record(overview, section="1")
for text in overview.parts["warnings"]:
    print("warning:", text)
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
lq = region_lq(one, region)
out.record(lq, section="2", table=f"{label}_lq")
out.figure(lq_top_figure(lq, region=region, period=period, source=source), f"{label}_lq",
           section="2")
out.say("{region} is specialised (LQ >= 1) in {n_specialisations} of {n_industries} "
        "industries; the highest LQ is {top_lq:.2f} ({top_lq_industry}).", section="2")

# %% [markdown]
# ## 3. Related and unrelated variety (needs a hierarchy)
#
# Entropy decomposition of Frenken et al. (2007): unrelated variety is the entropy between the
# first coarser level of the hierarchy, related variety the weighted entropy within it.

# %%
if one.hierarchy is not None:
    variety = region_variety(one, region)
    out.record(variety, section="3", table=f"{label}_variety")
    out.figure(region_variety_figure(variety, region=region, period=period, source=source,
                                     level=one.hierarchy.columns[0]),
               f"{label}_rv_uv", section="3")
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
cx = region_complexity(one, panel, region, n_draws=n_draws, rng=rng)
for note in cx.parts["notes"]:
    print("note:", note)
out.record(cx, section="4", table=f"{label}_eci")
out.table(cx.parts["pci"].sort_values(ascending=False).to_frame("pci"), f"{label}_pci",
          section="4")
out.table(cx.parts["intervals"], f"{label}_eci_rank_intervals", section="4")
avg_text = (" With the location quotient averaged over the {n_periods} periods "
            "(specialisation less exposed to one year's noise) the rank is "
            "{eci_rank_averaged_lq}." if "eci_rank_averaged_lq" in cx.key_numbers else "")
out.figure(eci_rank_figure(cx, region=region, period=period, source=source), f"{label}_eci",
           section="4")
if np.isnan(cx.key_numbers["eci"]):
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
space = region_industry_space(one, phi, region, avg_degree=backbone_avg_degree, seed=seed,
                              method=DEFAULT_METHOD)
print(space.parts["described"])
fig = region_industry_space_figure(
    space, lq.parts["specialised"], region=region, period=period, source=source, seed=seed,
    iterations=layout_iterations, max_labels=max_labels, max_legend=max_legend,
    size_label=f"Industry size: {one.value_name or value_col}, all regions (node area)")
out.figure(fig, f"{label}_industry_space", section="5")
out.record({**space.key_numbers, **drawn_labels(fig)}, section="5")
out.table(space.table, f"{label}_node_metrics", section="5")
fp = region_footprint(one, space, phi, region, n_draws=n_draws, rng=rng,
                      avg_degree=backbone_avg_degree, method=DEFAULT_METHOD)
out.record(fp, section="5", table=f"{label}_footprint")
out.table(fp.parts["null"], f"{label}_footprint_null", section="5")
out.say("{backbone_rule} Relatedness: {relatedness}; its first axis holds "
        "{first_axis_share:.0%} of the variance of the industry profiles. Against random "
        "portfolios of the same size, {region}'s footprint density lies at percentile "
        "{footprint_density_null_percentile:.0f}, its coherence at "
        "{coherence_null_percentile:.0f} and the share of its specialisations in one linked "
        "group at {largest_linked_share_null_percentile:.0f} (50: typical of random "
        "portfolios).", section="5")

# %%
fp.table.loc[[region]]

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
targets = region_targets(one, region, n_draws=n_draws, rng=rng, stable_share=stable_share)
if targets.parts["warning"]:
    print("warning:", targets.parts["warning"])
out.record(targets, section="6", table=f"{label}_targets")
if len(targets.table):
    out.figure(targets_figure(targets, region=region, period=period, source=source,
                              n_draws=n_draws, method=DEFAULT_METHOD),
               f"{label}_targets", section="6")
out.say("{n_priority_candidates} of {n_candidates} candidate industries fall in the priority "
        "quadrant (density above zero and at or above the candidates' median, complexity above "
        "the average industry); {n_stable_candidates} of them stay there in at least "
        "{stable_share:.0%} of the bootstrap samples and are complex by fitness too: "
        "{stable_candidates}. {n_candidates_zero_density} candidates have a density of zero: "
        "none of the industries related to them is a specialisation of the region.",
        section="6")

# %%
targets.table.head(10)

# %% [markdown]
# ## 7. Change over time (two or more periods)
#
# Between the first and the last period: shift-share decomposition of the region's change
# (Dunn 1960: national share, industry mix, regional share), a growth table of the region's
# industries against their national growth, and the entries and exits of specialisations
# (LQ >= 1) of every region. Association, not causation: the regional share is a residual.

# %%
if panel.has_time and len(panel.times) >= 2:
    change = region_change(panel, region)
    out.table(change.parts["shift_share"], f"{label}_shift_share", section="7")
    out.record(change, section="7", table=f"{label}_growth")
    out.table(change.parts["churn"], f"{label}_churn", section="7")
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
    maps, map_numbers = region_maps(one, boundary_path, boundary_id_col, source=source,
                                    region=str(region), industry=map_industry,
                                    illustrative=example_bounds, drop_unmatched=drop_unmatched)
    for name, fig in maps.figures.items():  # 8a: the LQ map; 8b: complexity and variety
        out.figure(fig, f"{label}_map_{name}", section="8a" if name == "lq" else "8b")
    for name, why in maps.skipped.items():
        print(f"map {name} skipped: {why}")
    out.record(map_numbers, section="8")
    display_maps = out.say(
        "{map_regions_matched} regions are on the maps, {map_polygons_no_data} polygons have "
        "no data and {map_regions_dropped} regions of the data were dropped for want of a "
        "polygon; the LQ map shows industry {map_industry}.", section="8")
else:
    display_maps = "no boundary file given (boundary_path is empty): no maps drawn"
display_maps

# %%
out.save_keys()
