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
# produces, for the region you name, the same indices and figures the case notebooks show:
# location quotients, related and unrelated variety, the industry space with the region's
# specialisations, and the relatedness-density vs complexity view used to select target
# industries (proposal 1).
#
# Run it headless with papermill, e.g.
#
# ```
# papermill notebooks/07_bring_your_own_data.ipynb out.ipynb --cwd notebooks \
#     -p data_path my_panel.csv -p hierarchy_path my_hierarchy.csv -p region "My City"
# ```
#
# The file must pass `smartregion validate FILE --hierarchy HIER` (schema in
# `data/example/README.md`). Defaults use the synthetic example in `data/example/`, made by the
# seeded script `scripts/make_example_data.py`.
#
# Outputs (prefixed with `label`): `tables/<label>_lq.csv`, `tables/<label>_variety.csv`,
# `tables/<label>_targets.csv`, `figures/<label>_lq.png`, `figures/<label>_rv_uv.png`,
# `figures/<label>_industry_space.png`, `figures/<label>_targets.png`,
# `key_numbers/07_bring_your_own_data.json`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed for the network layout, set once here
data_path = "../data/example/example_panel.csv"  # long table: region, industry, [year], value
hierarchy_path = "../data/example/example_hierarchy.csv"  # industry -> parent(s); "" for none
region = "Example City"  # region to highlight
region_col = "region"  # column names in data_path
industry_col = "industry"
value_col = "value"
time_col = "year"  # "" for a single-period table
year = None  # period to show (None: the latest)
label = "07_example"  # prefix of the output files

# %%
import warnings

import numpy as np
import pandas as pd

from smartregion import ZeroLineWarning
from smartregion.byod import load_panel
from smartregion.network import backbone, industry_space, node_metrics
from smartregion.outputs import OutputWriter
from smartregion.plots import (compute_layout, density_complexity_scatter, industry_space_plot,
                               lq_bar, rv_uv_scatter)
from smartregion.policy import target_selection
from smartregion.relatedness import proximity
from smartregion.structure import location_quotient
from smartregion.variety import related_unrelated_variety

rng = np.random.default_rng(seed)
out = OutputWriter(output_dir, notebook="07_bring_your_own_data")

# %% [markdown]
# ## 1. Load and validate
#
# `load_panel` runs every check of `smartregion validate` and stops with a list of all
# problems (with line numbers) if the file is not usable.

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", ZeroLineWarning)
    panel = load_panel(data_path, hierarchy=hierarchy_path or None, region=region_col,
                       industry=industry_col, value=value_col, time=time_col or None)
for w in caught:
    print("note:", w.message)
if panel.has_time:
    year = panel.times[-1] if year is None else type(panel.times[0])(year)
    one = panel.select(times=[year])
    from smartregion import Panel
    one = Panel(one.values, one.regions, one.industries, None, hierarchy=one.hierarchy,
                value_name=one.value_name)
else:
    one = panel
if region not in one.regions:
    raise ValueError(f"region {region!r} is not in {data_path}; regions include "
                     f"{list(one.regions[:10])}")
out.key("n_regions", len(panel.regions), section="1")
out.key("n_industries", len(panel.industries), section="1")
out.key("period_shown", year, section="1")
print(panel)

# %% [markdown]
# ## 2. Specialisation: location quotients

# %%
lq = location_quotient(one)
out.table(lq, f"{label}_lq", section="2")
fig = lq_bar(lq.loc[region], top=20, title=f"{region}: location quotients ({year})")
out.figure(fig, f"{label}_lq", section="2")
out.key("n_specialisations", int((lq.loc[region] >= 1).sum()), section="2")
lq.loc[region].sort_values(ascending=False).head(10)

# %% [markdown]
# ## 3. Related and unrelated variety (needs a hierarchy)

# %%
if one.hierarchy is not None:
    var = related_unrelated_variety(one)
    out.table(var, f"{label}_variety", section="3")
    fig = rv_uv_scatter(var, highlight=region, title=f"Related vs unrelated variety ({year})")
    out.figure(fig, f"{label}_rv_uv", section="3")
    out.key("related_variety", float(var.loc[region, "related"]), section="3")
    out.key("unrelated_variety", float(var.loc[region, "unrelated"]), section="3")
    display_var = var.loc[[region]]
else:
    display_var = "no hierarchy given: variety decomposition skipped"
display_var

# %% [markdown]
# ## 4. The industry space and the region's footprint
#
# Proximity between industries from co-specialisation across all regions; backbone = maximum
# spanning tree plus links above 0.55 (Hidalgo et al. 2007); seeded layout.

# %%
phi = proximity(one)
attrs = pd.DataFrame({"size": one.values[0].sum(axis=0)}, index=one.industries)
if one.hierarchy is not None:
    attrs["group"] = one.hierarchy.iloc[:, 0]
graph = industry_space(phi, attributes=attrs)
bb = backbone(graph, threshold=0.55)
layout = compute_layout(bb, seed=seed)
spec = lq.columns[(lq.loc[region] >= 1).to_numpy()]
fig = industry_space_plot(bb, layout=layout, highlight=spec, seed=seed,
                          title=f"Industry space: {region}'s specialisations ({year})")
out.figure(fig, f"{label}_industry_space", section="4")
metrics = node_metrics(bb, seed=seed)
out.table(metrics, f"{label}_node_metrics", section="4")
out.key("backbone_edges", bb.number_of_edges(), section="4")

# %% [markdown]
# ## 5. Target selection: relatedness density vs complexity

# %%
targets = target_selection(one, region)
out.table(targets, f"{label}_targets", section="5")
fig = density_complexity_scatter(targets["density"], targets["pci"],
                                 title=f"{region}: candidate industries ({year})")
out.figure(fig, f"{label}_targets", section="5")
out.key("n_priority_candidates", int((targets["quadrant"] == "priority").sum()), section="5")
targets.head(10)

# %%
out.save_keys()
