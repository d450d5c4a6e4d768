# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Industry structure, variety and networks
#
# **What this notebook does.** It reads the 2014 Economic Census (persons engaged in 42
# prefectures by JSIC Rev.13 minor group, 3-digit) and asks how one prefecture's industries
# (the `region` parameter, Kyoto by default) sit in the national web of related activities.
# It builds the *industry space* (relatedness of industries
# that tend to be over-represented in the same prefectures), reduces it to a readable backbone,
# measures the position of every industry in it, places the region's specialisations on it
# next to comparison prefectures, and sets the region against the other prefectures on
# related and unrelated variety, on network structure and on economic complexity. Network
# measures are read against a null model (random portfolios of the same size and the same
# industries' prevalence) and complexity ranks come with bootstrap intervals, so that only
# what survives the noise of a few dozen regions is called a finding. Every statement about the region
# is rendered from key numbers, so the notebook reads correctly for any prefecture in the
# census file.
#
# Outputs (`<region>` is the lower-case region name, `kyoto` by default):
# `figures/04_industry_space_<region>.png`, `figures/04_footprint_null.png`,
# `figures/04_footprints.png`, `figures/04_rv_uv.png`, `figures/04_eci_ranking.png`;
# `tables/04_relatedness_diagnostics.csv`, `tables/04_backbone.csv`,
# `tables/04_node_metrics.csv`, `tables/04_central_industries.csv`, `tables/04_communities.csv`,
# `tables/04_<region>_specialisations.csv`, `tables/04_footprints.csv`,
# `tables/04_footprint_null.csv`, `tables/04_backbone_sensitivity.csv`,
# `tables/04_variety.csv`, `tables/04_related_variety_by_major_group.csv`, `tables/04_eci.csv`,
# `tables/04_eci_noise_filter.csv`;
# `key_numbers/04_structure_variety_networks.json` and its rendered prose.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed: layout, Louvain communities, null draws and bootstrap
region = "Kyoto"  # prefecture of interest
comparison_regions = ["Osaka", "Aichi"]  # drawn on the same layout as `region`
backbone_avg_degree = 4.0  # target mean degree of the backbone (MST + strongest links)
rca_threshold = 1.0  # specialisation: LQ >= threshold
layout_iterations = 50  # spring-layout iterations (the layout is seeded)
n_draws = 200  # curveball null draws and bootstrap draws (each)
min_industry_size = 5000  # noise filter: persons engaged in Japan (robustness of the ECI)
min_ubiquity = 3  # noise filter: prefectures specialised in the industry

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from smartregion import ZeroLineWarning
from smartregion import network as nw
from smartregion.complexity import economic_complexity
from smartregion.datasets.codes import load_jsic
from smartregion.datasets.jp_census import (
    JSIC13_DIVISIONS,
    load_jp_economic_census_2014,
    minor_group_labels,
)
from smartregion.nullmodel import backbone_sensitivity, curveball_draws, null_network_measures
from smartregion.outputs import OutputWriter
from smartregion.plots import (
    PALETTE,
    Source,
    add_source,
    color_for,
    compute_layout,
    industry_space_plot,
    null_distribution_plot,
    rank_interval_plot,
    rv_uv_scatter,
    use_style,
)
from smartregion.relatedness import (
    DEFAULT_METHOD,
    describe_relatedness,
    proximity,
    regional_network_measures,
    relatedness_diagnostics,
    relatedness_weights,
)
from smartregion.stability import (
    bootstrap_complexity,
    complexity_agreement,
    complexity_diagnostics,
    noise_filter,
    rank_intervals,
)
from smartregion.structure import location_quotient, specialisation
from smartregion.variety import related_unrelated_variety, variety_decomposition

rng = np.random.default_rng(seed)  # the one generator of the null draws and the bootstrap
use_style()
out = OutputWriter(output_dir, notebook="04_structure_variety_networks")
CENSUS = "MIC Economic Census for Business Frame (Fukui 2024 compilation), persons engaged"


def source(note: str = "") -> Source:
    """The source line of every figure here: the census, 2014, computed, plus a note."""
    return Source(f"{CENSUS}, {len(panel.regions)} prefectures x {len(panel.industries)} JSIC "
                  "minor groups", "2014", "computed", note)

# %% [markdown]
# ## 1. Data: prefectures x minor groups, 2014
#
# The census file does not cover every prefecture (Ishikawa, Fukui, Nara, Tottori and Okinawa
# are not in it; see notebook 00; the counts are given below the next cell). Relatedness is
# therefore estimated on one observation per prefecture for each industry pair, which makes
# it coarse: with so few regions many pairs co-occur by chance. Industry names are the JSIC Rev.14 names of the
# same 3-digit code (the Rev.13 list used by the census is not in the package); the code
# `12A` of the census stands for minor groups 121-122 together.

# %%
census = load_jp_economic_census_2014(measure="employment", regions="prefectures")
panel = census.panel
if region not in panel.regions:
    raise ValueError(f"region {region!r} is not one of the prefectures in the census file: "
                     f"{sorted(panel.regions)}")
slug = region.lower().replace(" ", "_")
comparison = [r for r in comparison_regions if r != region and r in panel.regions]
out.key("region", region, section="1")
hier = panel.hierarchy.copy()
hier["name"] = minor_group_labels(hier.index)
codes = load_jsic().tables["codes"]
major_names = (codes.loc[codes["level"] == "major_group"].set_index("code")["name_en"]
               .str.capitalize().to_dict())
hier["division_name"] = hier["division"].map({k: v[2] for k, v in JSIC13_DIVISIONS.items()})
# eleven broad sectors for the colour legend of the network figures
SECTORS = {"A": "Primary (A-C)", "B": "Primary (A-C)", "C": "Primary (A-C)",
           "D": "Construction (D)", "E": "Manufacturing (E)",
           "F": "Utilities, transport (F, H)", "H": "Utilities, transport (F, H)",
           "G": "Information, communications (G)", "I": "Wholesale, retail (I)",
           "J": "Finance, real estate (J, K)", "K": "Finance, real estate (J, K)",
           "L": "Research, professional (L)", "M": "Consumer services (M, N)",
           "N": "Consumer services (M, N)", "O": "Education, health (O, P)",
           "P": "Education, health (O, P)", "Q": "Other services (Q-T)",
           "R": "Other services (Q-T)", "S": "Other services (Q-T)", "T": "Other services (Q-T)"}
hier["sector"] = hier["division"].map(SECTORS)
national = panel.matrix().sum(axis=0)
out.key("n_prefectures", len(panel.regions), section="1")
out.key("n_industries", len(panel.industries), section="1")
out.key("persons_engaged_in_panel", float(national.sum()), section="1")
out.key("n_prefectures_japan", 47, section="1")
print(panel)
out.say("The file holds {n_prefectures} of the {n_prefectures_japan} prefectures and "
        "{n_industries} minor groups ({persons_engaged_in_panel:,.0f} persons engaged); "
        "relatedness is estimated on {n_prefectures} observations per industry pair.",
        section="1")

# %% [markdown]
# ## 2. The industry space and its backbone
#
# **Relatedness.** The package default (`relatedness.DEFAULT_METHOD`) is co-specialisation
# over its expectation under independence: for two industries specialised in $u_i$ and $u_j$
# of the $R$ prefectures, the observed number of joint specialisations $C_{ij}$ over the
# $u_i u_j / R$ expected by chance, mapped to $(a-1)/(a+1)$, and kept only where the
# hypergeometric probability of at least $C_{ij}$ joint specialisations is below $5\%$
# (`relatedness_weights`). It replaced the proximity of Hidalgo et al. (2007) as the
# default after the diagnostic below: proximity puts a large share of the variance of the
# industries' relatedness profiles on one axis, along which an industry's mean relatedness
# rises with its ubiquity, so it mostly says how common an industry is. Proximity is kept as
# a named robustness row of the diagnostics table.
#
# **Backbone rule.** The complete graph has an edge for every pair with positive
# relatedness, far too many to read or to compute path-based centralities on. Keep the
# maximum spanning tree (the strongest links that still connect the industries; a forest
# where some industry has no link at all) and add every other link whose relatedness is
# above a threshold $\tau$, raised in steps of $0.05$ from $0$ until the mean degree is at
# most `backbone_avg_degree` (the rule of the `economiccomplexity` R package). Section 5
# checks the footprint readings over mean degrees from three to six.

# %%
m = specialisation(panel, threshold=rca_threshold)
phi = relatedness_weights(panel, threshold=rca_threshold)  # the package default
prox = proximity(panel, threshold=rca_threshold)  # robustness row
rel_diag = pd.DataFrame({
    f"{DEFAULT_METHOD} (default)": relatedness_diagnostics(phi, panel, threshold=rca_threshold),
    "proximity": relatedness_diagnostics(prox, panel, threshold=rca_threshold)}).T
for name, row in rel_diag.iterrows():
    print(describe_relatedness(str(name), row.to_dict()))
off = ~np.eye(len(phi), dtype=bool)
rel_diag["share_linked_pairs"] = [float((phi.to_numpy()[off] > 0).mean()),
                                  float((prox.to_numpy()[off] > 0).mean())]
out.table(rel_diag, "04_relatedness_diagnostics", section="2")
default_row = rel_diag.iloc[0]
out.key("relatedness_default", DEFAULT_METHOD, section="2")
out.key("first_axis_share_default", float(default_row["first_axis_share"]), section="2")
out.key("first_axis_share_proximity", float(rel_diag.loc["proximity", "first_axis_share"]),
        section="2")
out.key("corr_strength_ubiquity_default", float(default_row["corr_strength_ubiquity"]),
        section="2")
out.key("corr_strength_ubiquity_proximity",
        float(rel_diag.loc["proximity", "corr_strength_ubiquity"]), section="2")
out.key("share_linked_pairs_default", float(default_row["share_linked_pairs"]), section="2")
out.key("share_linked_pairs_proximity", float(rel_diag.loc["proximity", "share_linked_pairs"]),
        section="2")
out.say("First-axis diagnostic: {first_axis_share_proximity:.0%} of the variance of the "
        "industries' proximity profiles lies on one axis, and an industry's mean proximity "
        "has a rank correlation of {corr_strength_ubiquity_proximity:.2f} with its ubiquity; "
        "with the default relatedness ({relatedness_default}) the first axis holds "
        "{first_axis_share_default:.0%} and the rank correlation is "
        "{corr_strength_ubiquity_default:.2f}. The default links "
        "{share_linked_pairs_default:.0%} of the industry pairs (proximity: "
        "{share_linked_pairs_proximity:.0%}).", section="2")

space = nw.industry_space(phi, attributes=hier.assign(size=national))
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ZeroLineWarning)
    bb = nw.backbone(space, avg_degree=backbone_avg_degree)
upper = phi.to_numpy()[np.triu_indices(len(phi), k=1)]
backbone_summary = pd.Series({
    "nodes": bb.number_of_nodes(),
    "links_complete_space": int((upper > 0).sum()),
    "mean_relatedness_complete_space": float(upper.mean()),
    "threshold_tau": round(float(bb.graph["threshold"]), 4),
    "links_backbone": bb.number_of_edges(),
    "links_spanning_tree": sum(1 for *_, d in bb.edges(data=True) if d["mst"]),
    "mean_degree_backbone": float(bb.graph["mean_degree"]),
}, name="value")
out.table(backbone_summary.to_frame(), "04_backbone", section="2")
out.key("backbone_nodes", int(backbone_summary["nodes"]), section="2")
out.key("backbone_edges", int(backbone_summary["links_backbone"]), section="2")
out.key("backbone_threshold", float(backbone_summary["threshold_tau"]), section="2")
out.key("backbone_mean_degree", float(backbone_summary["mean_degree_backbone"]), section="2")
out.key("links_complete_space", int(backbone_summary["links_complete_space"]), section="2")
out.say("The complete space of the default relatedness has {links_complete_space:,} links; "
        "the backbone keeps {backbone_edges:,} (mean degree {backbone_mean_degree:.2f}, "
        "threshold {backbone_threshold:.2f}).", section="2")
backbone_summary

# %% [markdown]
# ## 3. Node centralities and communities
#
# On the backbone: degree (links), strength (sum of proximities), betweenness and closeness
# (shortest paths with length $1/\varphi$), k-core position, and weighted Louvain
# communities (seeded). The backbone keeps only the strongest links (the spanning tree plus
# the strongest of the rest), so its shortest paths run along a sparse skeleton. Betweenness
# there counts how many of those paths pass through an industry: the industries listed below
# are *connectors of the backbone*, not bridges between parts of the full industry space
# that would otherwise be separate (in the full space most pairs of industries are linked,
# see the key numbers).
#
# Eigenvector centrality is not taken on the backbone: on so sparse a graph the leading
# eigenvector concentrates on one hub and its neighbours and is numerically zero almost
# everywhere else (its median on the backbone is given below). The column
# `eigenvector_full_space` of the tables is the eigenvector centrality of the *full* weighted
# relatedness graph; there it is not degenerate, but it ranks industries almost exactly as
# their strength on the full space does (rank correlation below), so it says how strongly an
# industry is tied to the rest of the space rather than anything the backbone measures add.

# %%
metrics = nw.node_metrics(bb, seed=seed)
out.key("backbone_eigenvector_median", float(metrics["eigenvector"].median()), section="3")
out.key("backbone_share_tree_links",
        float(backbone_summary["links_spanning_tree"] / backbone_summary["links_backbone"]),
        section="3")
out.key("complete_space_link_share", float((upper > 0).mean()), section="3")
metrics = metrics.drop(columns=["eigenvector"])
eig_full = nw.centrality(space, measures=["eigenvector"])["eigenvector"].reindex(metrics.index)
strength_full = pd.Series(dict(space.degree(weight="weight"))).reindex(metrics.index)
metrics["eigenvector_full_space"] = eig_full
metrics["persons_engaged_japan"] = national.reindex(metrics.index).to_numpy()
metrics[f"lq_{region}"] = location_quotient(panel).loc[region].reindex(metrics.index).to_numpy()
metrics[f"specialised_{region}"] = m.loc[region].reindex(metrics.index).astype(bool).to_numpy()
metrics = metrics.drop(columns=["label"])
out.table(metrics, "04_node_metrics", section="3")
out.key("full_space_eigenvector_min", float(eig_full.min()), section="3")
out.key("full_space_eigenvector_median", float(eig_full.median()), section="3")
out.key("full_space_eigenvector_max", float(eig_full.max()), section="3")
rho_eig = float(eig_full.rank().corr(strength_full.rank()))
out.key("full_space_eigenvector_rank_corr_strength", rho_eig, section="3")
out.key("full_space_eigenvector_reading",
        "nearly the same ranking as its strength" if rho_eig >= 0.9 else
        "a ranking that differs from its strength", section="3")

central = (metrics.sort_values("betweenness", ascending=False).head(15)
           [["name", "division", "degree", "betweenness", "eigenvector_full_space",
             "community", f"specialised_{region}"]])
out.table(central, "04_central_industries", section="3",
          note="degree and betweenness on the backbone; eigenvector_full_space: eigenvector "
               "centrality on the full weighted relatedness graph (on the backbone it is "
               "numerically zero for most industries), which ranks industries like their "
               "strength on the full space (see key numbers full_space_eigenvector_*)")

comm = metrics.groupby("community").agg(
    industries=("name", "size"),
    persons_engaged=("persons_engaged_japan", "sum"),
    main_division=("division_name", lambda s: s.value_counts().index[0]),
    share_main_division=("division", lambda s: s.value_counts(normalize=True).iloc[0]),
    largest_industries=("persons_engaged_japan",
                        lambda s: "; ".join(metrics.loc[s.nlargest(3).index, "name"])),
    region_specialised=(f"specialised_{region}", "sum"),
)
comm["region_share_specialised"] = comm["region_specialised"] / comm["industries"]
out.table(comm, "04_communities", section="3")
out.key("n_communities", int(comm.shape[0]), section="3")
out.key("community_sizes", comm["industries"].tolist(), section="3")
out.say("The backbone's median eigenvector centrality is {backbone_eigenvector_median:.1e}; "
        "{backbone_share_tree_links:.0%} of its links are spanning-tree links, while "
        "{complete_space_link_share:.0%} of all industry pairs have a positive relatedness. "
        "Betweenness on the backbone therefore describes the backbone's own paths. On the "
        "full space the eigenvector centrality runs from {full_space_eigenvector_min:.3f} to "
        "{full_space_eigenvector_max:.3f} (median {full_space_eigenvector_median:.3f}) and its "
        "rank correlation with strength is {full_space_eigenvector_rank_corr_strength:.2f}: "
        "the column of `tables/04_central_industries.csv` is a measure of how tied an "
        "industry is to the whole space, {full_space_eigenvector_reading}.",
        section="3")

# %%
comm

# %% [markdown]
# ## 4. The region's specialisations on the industry space
#
# One seeded spring layout is computed on the backbone and reused for every figure, so an
# industry sits in the same place whichever prefecture is highlighted. The prefecture's
# specialisations ($LQ \ge 1$) are coloured by broad sector (JSIC divisions grouped) and
# sized by national persons engaged (the size key gives three values); all other industries
# are drawn small and grey. The largest specialisations are labelled. The largest location
# quotients of Kyoto, as bars, are in notebook 02 (`figures/02_kyoto_top_lq.png`); for any
# region they are listed in `tables/04_<region>_specialisations.csv` (shown below the figure).

# %%
layout = compute_layout(bb, seed=seed, iterations=layout_iterations)
for v in bb.nodes:  # short labels for the figures: code and the start of the name
    name = str(hier.loc[v, "name"])
    bb.nodes[v]["label"] = f"{v} {name if len(name) <= 26 else name[:24] + '...'}"
out.key("region_n_specialisations", int(m.loc[region].sum()), section="4")
SIZE_LABEL = "Persons engaged in Japan, 2014 (node area)"

fig = industry_space_plot(
    bb, layout=layout, highlight=m.loc[region].astype(bool), color_by="sector",
    size_by="size", max_labels=12, max_legend=12, figsize=(10.5, 8.5),
    legend_title="Sector (JSIC divisions)", size_label=SIZE_LABEL,
    title=f"{region}'s {int(m.loc[region].sum())} specialisations (LQ >= 1) on the industry "
          f"space of {len(panel.industries)} minor groups, Japan 2014",
    source=source(nw.describe_backbone(bb) + " Layout: seeded spring layout of the backbone."))
out.figure(fig, f"04_industry_space_{slug}", section="4")

# %%
lq = location_quotient(panel).loc[region]
spec = (pd.DataFrame({"name": hier["name"], "division": hier["division_name"], "lq": lq,
                      "persons_engaged": panel.matrix().loc[region],
                      "community": metrics["community"], "degree": metrics["degree"]})
        .loc[m.loc[region].astype(bool)]
        .sort_values("lq", ascending=False))
out.table(spec, f"04_{slug}_specialisations", section="4")
top = spec.loc[spec["persons_engaged"] >= 1000].head(20)
by_div = spec.groupby("division").size().sort_values(ascending=False)
out.key("region_specialisations_by_division", by_div.head(8), section="4")
top[["name", "lq", "persons_engaged"]].round(2)

# %% [markdown]
# ## 5. Regional footprints: the region against the other prefectures
#
# For every prefecture, on the full weighted relatedness (never on the backbone, so no
# pruning rule enters): the number of specialisations; *coherence*, the mean relatedness
# density of its specialised industries (how strongly each specialisation is embedded in the
# rest of the portfolio); *footprint density*, the mean relatedness between pairs of
# specialisations; *footprint centrality*, the mean connectedness of its specialisations on
# the industry space; and *candidate density*, the mean density of the industries it is
# *not* specialised in. From the backbone (`network.footprint_table`): the mean degree of the
# specialisations, the largest connected group they form and the share of the
# specialisations in that group. Ranks count from the highest value among the prefectures.
#
# **Null model.** Each of these numbers grows mechanically with the number of
# specialisations and with how common the specialised industries are. Each prefecture's
# observed value is therefore set against random portfolios that keep every prefecture's
# number of specialisations and every industry's number of specialised prefectures exactly
# (curveball randomisation of the specialisation matrix, Strona et al. 2014; `n_draws`
# draws, seeded). Relatedness learnt from the same matrix would favour the observed
# portfolios (a prefecture's own joint specialisations are part of what makes its industries
# related), so each prefecture's observed and random portfolios are evaluated on the
# relatedness, and for the largest linked share on the backbone, estimated from the *other*
# prefectures (leave one out). The z-score (observed minus null mean, over the null standard
# deviation) is the footprint measure net of size and prevalence; the percentile says where
# the observed value falls among the draws.

# %%
fp = regional_network_measures(panel, phi, threshold=rca_threshold)
mm = m.to_numpy(dtype=float)
fp["mean_degree_backbone"] = mm @ metrics["degree"].reindex(m.columns).to_numpy() / mm.sum(1)
on_bb = nw.footprint_table(bb, m, relatedness=phi).reindex(fp.index)
fp["largest_cluster_backbone"] = on_bb["largest_cluster"]
fp["share_in_largest_cluster"] = on_bb["largest_cluster"] / on_bb["n_specialised"]
draws = curveball_draws(m.to_numpy(bool), n_draws, rng)
shown = [region, *comparison]
null_fp = null_network_measures(m, draws=draws, rng=rng, leave_one_out=True,
                                method=DEFAULT_METHOD, backbone_degree=backbone_avg_degree,
                                backbone_regions=shown)
for c in ("coherence", "footprint_density", "footprint_centrality"):
    fp[f"{c}_z"] = null_fp[f"{c}_z"]
    fp[f"{c}_percentile"] = null_fp[f"{c}_percentile"]
cols = ["n_specialised", "coherence", "coherence_z", "footprint_density", "footprint_density_z",
        "footprint_centrality", "footprint_centrality_z", "candidate_density",
        "mean_degree_backbone", "largest_cluster_backbone", "share_in_largest_cluster"]
ranks = fp[cols].rank(ascending=False, method="min").astype(int).add_prefix("rank_")
footprints = pd.concat([fp[cols], fp.filter(like="_percentile"), ranks], axis=1).sort_values(
    "coherence_z", ascending=False)
out.table(footprints, "04_footprints", section="5")
out.table(null_fp.drop(columns=[c for c in null_fp.columns if c.startswith("largest")]),
          "04_footprint_null", section="5",
          note="leave-one-out relatedness; curveball draws keep both margins of M")
out.key("n_null_draws", int(null_fp.attrs["n_draws"]), section="5")
for r in shown:
    pre = "region" if r == region else f"cmp_{r.lower().replace(' ', '_')}"
    for c in cols:
        out.key(f"{pre}_{c}", float(fp.loc[r, c]), section="5")
        out.key(f"{pre}_rank_{c}", int(ranks.loc[r, f"rank_{c}"]), section="5")
    for c in ("coherence", "footprint_density", "footprint_centrality",
              "largest_linked_share"):
        out.key(f"{pre}_{c}_percentile", float(null_fp.loc[r, f"{c}_percentile"]),
                section="5")
    out.key(f"{pre}_largest_linked_share_loo", float(null_fp.loc[r, "largest_linked_share"]),
            section="5")
    out.key(f"{pre}_largest_linked_share_null_mean",
            float(null_fp.loc[r, "largest_linked_share_null_mean"]), section="5")
for c in ("coherence", "footprint_density", "footprint_centrality"):
    out.key(f"n_beyond_null_{c}", int((null_fp[f"{c}_percentile"] > 97.5).sum()),
            section="5")
    out.key(f"n_below_null_{c}", int((null_fp[f"{c}_percentile"] < 2.5).sum()), section="5")
out.key("corr_coherence_n_specialised",
        float(fp["coherence"].corr(fp["n_specialised"])), section="5")
out.key("corr_coherence_z_n_specialised",
        float(fp["coherence_z"].corr(fp["n_specialised"])), section="5")
out.key("corr_degree_footprint_density",
        float(fp["mean_degree_backbone"].corr(fp["footprint_density"])), section="5")
out.key("corr_share_largest_n_specialised",
        float(fp["share_in_largest_cluster"].corr(fp["n_specialised"])), section="5")

# backbone sensitivity: the largest linked share over backbone mean degrees 3-6
sens = backbone_sensitivity(space, m, degrees=(3.0, 4.0, 5.0, 6.0), regions=shown,
                            draws=draws, leave_one_out=True, method=DEFAULT_METHOD)
out.table(sens, "04_backbone_sensitivity", section="5")
sr_ = sens.loc[sens["region"] == region]
out.key("region_share_rank_min_over_degrees", int(sr_["rank"].min()), section="5")
out.key("region_share_rank_max_over_degrees", int(sr_["rank"].max()), section="5")
out.key("region_share_percentile_min_over_degrees", float(sr_["percentile"].min()),
        section="5")
out.key("region_share_percentile_max_over_degrees", float(sr_["percentile"].max()),
        section="5")
out.say("Against {n_null_draws} random portfolios of the same size, {n_beyond_null_coherence} "
        "of the {n_prefectures} prefectures have a coherence above the central 95% of the "
        "null and {n_below_null_coherence} below it; for footprint density the counts are "
        "{n_beyond_null_footprint_density} and {n_below_null_footprint_density}. Across "
        "prefectures, coherence correlates {corr_coherence_n_specialised:.2f} with the number "
        "of specialisations, its z-score {corr_coherence_z_n_specialised:.2f}.", section="5")
footprints.loc[shown, ["n_specialised", "coherence", "coherence_z", "coherence_percentile",
                       "footprint_density_z", "share_in_largest_cluster"]].T

# %% [markdown]
# ### 5a. Is the region's footprint more linked than random portfolios?
#
# The share of each prefecture's specialisations in their largest linked group on the
# backbone, the measure behind the phrase "scattered footprint", for the region and the
# comparison prefectures: grey, the same share for each of the random portfolios of the same
# size (every draw on the backbone of the relatedness estimated without that prefecture);
# the coloured line, the observed share. A footprint is called scattered only if the
# observed share falls in the lower tail of its own null distribution; its rank among the
# prefectures alone mixes the portfolio with its size. The full industry-space map of the
# region is in section 4.

# %%
pos = [list(m.index).index(r) for r in shown]
null_share = {r: null_fp.attrs["null"]["largest_linked_share"][:, p] for r, p in zip(shown, pos)}
obs_share = {r: float(null_fp.loc[r, "largest_linked_share"]) for r in shown}
pct_share = {r: float(null_fp.loc[r, "largest_linked_share_percentile"]) for r in shown}
n_pref = len(panel.regions)
region_pct = pct_share[region]
share_reading = ("more linked than random portfolios of its size" if region_pct > 97.5 else
                 "less linked than random portfolios of its size" if region_pct < 2.5 else
                 "no different from random portfolios of its size")
out.key("region_footprint_reading", share_reading, section="5a")


def _tail(p: float) -> int:
    return 1 if p > 97.5 else -1 if p < 2.5 else 0


same = {_tail(v) for v in sens.loc[sens["region"] == region, "percentile"]} == {_tail(region_pct)}
out.key("region_share_reading_over_degrees", "the reading holds" if same else
        "the reading depends on the backbone rule", section="5a")
fig = null_distribution_plot(
    null_share, obs_share, percentiles=pct_share, bins=30,
    xlabel="Share of the prefecture's specialisations in their largest linked group on the "
           "backbone (0-1)",
    title=f"{region}'s footprint is {share_reading} (2014)",
    source=source("Grey: curveball draws keeping every prefecture's number of "
                  "specialisations and every industry's ubiquity; shaded: central 95% of the "
                  "draws. Backbone (mean degree "
                  f"{backbone_avg_degree:g}) of the default relatedness estimated without "
                  "the prefecture shown."))
out.figure(fig, "04_footprint_null", section="5a")
cmp_text = "; ".join(
    f"{r}: {{cmp_{r.lower().replace(' ', '_')}_largest_linked_share_loo:.0%}} against "
    f"{{cmp_{r.lower().replace(' ', '_')}_largest_linked_share_null_mean:.0%}}, percentile "
    f"{{cmp_{r.lower().replace(' ', '_')}_largest_linked_share_percentile:.0f}}"
    for r in comparison)
out.say("On the backbone of all prefectures, {region_share_in_largest_cluster:.0%} of "
        "{region}'s {region_n_specialisations} specialisations sit in their largest linked "
        "group (rank {region_rank_share_in_largest_cluster} of {n_prefectures}). On the "
        "backbone estimated without {region} the share is "
        "{region_largest_linked_share_loo:.0%}, against a mean of "
        "{region_largest_linked_share_null_mean:.0%} for random portfolios of the same size "
        "(percentile {region_largest_linked_share_percentile:.0f}), so the footprint is "
        "{region_footprint_reading}. " + cmp_text + ". Over backbone mean degrees from three "
        "to six, {region}'s rank runs from {region_share_rank_min_over_degrees} to "
        "{region_share_rank_max_over_degrees} and its percentile from "
        "{region_share_percentile_min_over_degrees:.0f} to "
        "{region_share_percentile_max_over_degrees:.0f} "
        "(`tables/04_backbone_sensitivity.csv`).", section="5a")

# %% [markdown]
# ### 5b. All prefectures: coherence net of the null model
#
# The three weighted measures can disagree. Footprint density counts the links *between* a
# prefecture's specialisations; coherence asks, for each specialisation, what share of *its*
# related industries the prefecture holds. Specialisations that are linked to each other but
# also to many industries the prefecture lacks give a high footprint density and a low
# coherence; footprint centrality says whether they sit in the well-connected part of the
# space.
#
# Every prefecture as a point: its number of specialisations against the z-score of its
# coherence under the null model (zero: as coherent as random portfolios of the same size;
# the dashed lines mark the central $95\%$ band of a normal null). The raw coherence rises
# with the number of specialisations almost by construction; the z-score removes that
# part. The region and the comparison prefectures in their colours, the most extreme others
# labelled.

# %%
z_rank = int(ranks.loc[region, "rank_coherence_z"])
fig = rv_uv_scatter(
    fp, x="n_specialised", y="coherence_z", highlight=shown, max_labels=6,
    xlabel=f"Number of specialisations (minor groups with LQ >= 1, of {len(panel.industries)})",
    ylabel="Coherence, z-score against random portfolios",
    title=f"Net of size, {region}'s coherence ranks {z_rank} of {n_pref} prefectures "
          f"(z = {fp.loc[region, 'coherence_z']:.1f} against random portfolios), 2014",
    figsize=(7.0, 5.2))
ax = fig.axes[0]
for yv in (-1.96, 1.96):
    ax.axhline(yv, color="grey", ls="--", lw=0.8)
ax.axhline(0, color="black", lw=0.6)
add_source(fig, source(f"Relatedness: {DEFAULT_METHOD} (package default), estimated without "
                       f"the prefecture itself; {n_draws} curveball draws."))
out.figure(fig, "04_footprints", section="5b")
out.say("Net of the null model, {region}'s coherence has z = {region_coherence_z:.1f} (rank "
        "{region_rank_coherence_z} of {n_prefectures}, percentile "
        "{region_coherence_percentile:.1f} of its own null draws); its footprint density "
        "lies at percentile {region_footprint_density_percentile:.1f} and its footprint "
        "centrality at {region_footprint_centrality_percentile:.1f}.", section="5b")

# %% [markdown]
# ## 6. Related and unrelated variety
#
# Entropy of the employment distribution over minor groups, split into *unrelated variety* (between
# the 2-digit major groups) and *related variety* (within them), in bits (Frenken, Van Oort &
# Verburg 2007). High related variety means many distinct minor groups inside the same broad
# branches, the configuration associated with knowledge spillovers between neighbouring
# activities.

# %%
variety = related_unrelated_variety(panel, level="major_group", base=2)
vranks = variety.rank(ascending=False, method="min").astype(int).add_prefix("rank_")
nested = variety_decomposition(panel, levels=["major_group", "division"], base=2)
variety_table = pd.concat([variety, vranks, nested.drop(columns="total")], axis=1)
variety_table = variety_table.sort_values("related", ascending=False)
out.table(variety_table, "04_variety", section="6")

# Which major groups carry the region's related variety? Contribution P_g * H_g of each
# major group, the region minus the mean over prefectures (bits).
shares = panel.matrix().div(panel.matrix().sum(axis=1), axis=0)
group_of = hier["major_group"]
p_g = shares.T.groupby(group_of).sum().T
plogp = -(shares * np.log2(shares.where(shares > 0))).fillna(0.0)
within = (plogp.T.groupby(group_of).sum().T
          + p_g * np.log2(p_g.where(p_g > 0))).fillna(0.0)  # P_g H_g by major group
rv_table = pd.DataFrame({"name": pd.Series(major_names).reindex(within.columns),
                         "contribution_region": within.loc[region],
                         "contribution_mean": within.mean(),
                         "difference": within.loc[region] - within.mean()})
rv_table = rv_table.sort_values("difference", ascending=False)
out.table(rv_table, "04_related_variety_by_major_group", section="6")
assert np.isclose(within.loc[region].sum(), variety.loc[region, "related"])
for c in ["total", "related", "unrelated"]:
    out.key(f"region_{c}_variety", float(variety.loc[region, c]), section="6")
    out.key(f"region_rank_{c}_variety", int(vranks.loc[region, f"rank_{c}"]), section="6")
out.key("corr_related_unrelated", float(variety["related"].corr(variety["unrelated"])),
        section="6")

fig, axes = plt.subplots(1, 3, figsize=(14, 4.8), gridspec_kw={"width_ratios": [1.6, 1, 1]},
                         layout="constrained")
rv_uv_scatter(variety, highlight=[region, *comparison], labels=True, max_labels=8, ax=axes[0],
              title="Each prefecture: related against unrelated variety")
for ax, c in zip(axes[1:], ["related", "unrelated"]):
    ax.hist(variety[c], bins=12, color=PALETTE[f"{c} variety"], alpha=0.85)
    for r in [region, *comparison]:
        ax.axvline(variety.loc[r, c], color=color_for(r, PALETTE["highlight"]),
                   lw=2 if r == region else 1.2)
    ax.text(variety.loc[region, c], 1.0, f" {region}: rank {vranks.loc[region, f'rank_{c}']}",
            transform=ax.get_xaxis_transform(), ha="left", va="bottom", fontsize=8,
            color=color_for(region, PALETTE["highlight"]), fontweight="bold")
    ax.set_xlabel(f"{c.capitalize()} variety (entropy, bits)")
    ax.set_ylabel("Prefectures (count)")
fig.suptitle(f"Related and unrelated variety across {len(variety)} prefectures, 2014: "
             f"{region} ranks {vranks.loc[region, 'rank_related']} and "
             f"{vranks.loc[region, 'rank_unrelated']} of {len(variety)}")
add_source(fig, source("Entropy of persons engaged over minor groups (log base 2): related "
                       "within, unrelated between JSIC major groups. Vertical lines: "
                       + ", ".join([region, *comparison]) + " (colours as in the left panel)."))
out.figure(fig, "04_rv_uv", section="6")
variety_table.loc[[region, *comparison_regions]]

# %% [markdown]
# ## 7. Economic complexity of the prefectures
#
# ECI from the eigenvector method (Hidalgo & Hausmann 2009) on the binary specialisation
# matrix, z-scored across the prefectures; PCI is its industry counterpart. With minor
# groups of a national census, large metropolitan prefectures whose specialisations are rare
# (finance, information services, head offices) score high, so the index reads as
# "specialised in what few prefectures do", not as a technology ranking.
#
# **Is the axis well defined, and how stable is the rank?** Four checks: (i) the
# conditioning of the complexity axis (`stability.complexity_diagnostics`: number of
# prefectures against the package minimum, the relative gap between the second and third
# eigenvalues, and the sign of the PCI-ubiquity correlation, which should be negative);
# (ii) a bootstrap over prefectures: the prefectures are resampled with replacement, the PCI
# re-estimated on each sample and every prefecture's ECI recomputed from it, giving an
# interval for each rank (central $90\%$ of `n_draws` draws); (iii) the rank agreement of the
# eigenvector method with fitness-complexity (Tacchella et al. 2012); (iv) the ECI after the
# noise filter of the Atlas practice: minor groups with fewer than `min_industry_size`
# persons engaged nationally or fewer than `min_ubiquity` specialised prefectures left out.
# The census has a single year, so the multi-period averaging of the location quotient
# (`stability.averaged_specialisation`) does not apply here.

# %%
cx = economic_complexity(panel, threshold=rca_threshold)
eci_table = pd.DataFrame({"eci": cx.eci, "diversity": m.sum(axis=1)})
eci_table["rank"] = eci_table["eci"].rank(ascending=False, method="min").astype(int)
cdiag = complexity_diagnostics(panel, threshold=rca_threshold)
print("complexity axis:", {k: v for k, v in cdiag.items() if k != "problems"},
      "problems:", cdiag["problems"] or "none")
boot = bootstrap_complexity(panel, n_draws=n_draws, rng=rng, threshold=rca_threshold)
intervals = rank_intervals(boot.ranks, eci_table["rank"], level=0.9)
agree = complexity_agreement(panel, threshold=rca_threshold)
filt = noise_filter(panel, min_industry_size=min_industry_size, min_ubiquity=min_ubiquity,
                    threshold=rca_threshold)
eci_f = economic_complexity(filt.panel, threshold=rca_threshold).eci
eci_table["rank_noise_filtered"] = eci_f.rank(ascending=False, method="min").astype(int)
eci_table = pd.concat([eci_table, intervals.drop(columns="rank")], axis=1).sort_values(
    "eci", ascending=False)
out.table(eci_table, "04_eci", section="7")
out.table(filt.industries.loc[~filt.industries["kept"]], "04_eci_noise_filter", section="7",
          note="minor groups left out of the noise-filtered ECI, with the reason")
out.key("region_eci", float(eci_table.loc[region, "eci"]), section="7")
out.key("region_eci_rank", int(eci_table.loc[region, "rank"]), section="7")
out.key("region_eci_rank_low", int(eci_table.loc[region, "rank_low"]), section="7")
out.key("region_eci_rank_high", int(eci_table.loc[region, "rank_high"]), section="7")
out.key("region_eci_rank_noise_filtered", int(eci_table.loc[region, "rank_noise_filtered"]),
        section="7")
out.key("n_bootstrap_draws", int(len(boot.ranks)), section="7")
out.key("median_eci_rank_interval_width", float(eci_table["width"].median()), section="7")
out.key("corr_eci_diversity", float(eci_table["eci"].corr(eci_table["diversity"])), section="7")
out.key("eci_gap_ratio", float(cdiag["gap_ratio"]), section="7")
out.key("corr_pci_ubiquity", float(cdiag["corr_pci_ubiquity"]), section="7")
out.key("n_complexity_problems", len(cdiag["problems"]), section="7")
out.key("complexity_axis_reading", "well conditioned on these checks" if not cdiag["problems"]
        else "ill-conditioned (" + "; ".join(cdiag["problems"]) + ")", section="7")
out.key("rank_agreement_eci_fitness", agree["regions"], section="7")
out.key("rank_agreement_pci_fitness", agree["industries"], section="7")
out.key("n_industries_noise_filtered_out", int((~filt.industries["kept"]).sum()), section="7")
out.key("min_industry_size", min_industry_size, section="7")
out.key("min_ubiquity", min_ubiquity, section="7")
out.say("The complexity axis is {complexity_axis_reading}: the relative gap between the "
        "second and third eigenvalues is {eci_gap_ratio:.2f} and the PCI correlates "
        "{corr_pci_ubiquity:.2f} (Spearman) with ubiquity. {region} ranks {region_eci_rank} "
        "of {n_prefectures}; over {n_bootstrap_draws} bootstrap samples of prefectures its rank "
        "stays between {region_eci_rank_low} and {region_eci_rank_high} (central 90%; the "
        "median width of the prefectures' intervals is {median_eci_rank_interval_width:.0f} "
        "ranks). Eigenvector and fitness ranks agree at {rank_agreement_eci_fitness:.2f} "
        "for prefectures and {rank_agreement_pci_fitness:.2f} for industries; without the "
        "{n_industries_noise_filtered_out} minor groups below {min_industry_size:,} persons "
        "or {min_ubiquity} specialised prefectures, {region} ranks "
        "{region_eci_rank_noise_filtered}.", section="7")

fig = rank_interval_plot(
    intervals, highlight=shown, xlabel="ECI rank (1 = most complex); line: central 90% of "
                                       "the bootstrap ranks",
    title=f"{region} ranks {int(eci_table.loc[region, 'rank'])} of {len(eci_table)} "
          f"prefectures by economic complexity; bootstrap interval "
          f"{int(eci_table.loc[region, 'rank_low'])}-{int(eci_table.loc[region, 'rank_high'])}"
          ", 2014",
    source=source(f"ECI: eigenvector method (Hidalgo & Hausmann 2009) on LQ >= 1; "
                  f"{n_draws} bootstrap samples of prefectures, PCI re-estimated on each."))
out.figure(fig, "04_eci_ranking", section="7")
pci_top = (pd.DataFrame({"name": hier["name"], "pci": cx.pci,
                         "specialised": m.loc[region].astype(bool)})
           .sort_values("pci", ascending=False))
out.key("region_share_specialised_in_top_decile_pci",
        float(pci_top.head(len(pci_top) // 10)["specialised"].mean()), section="7")
eci_table.head(10)

# %% [markdown]
# ## 8. Reading
#
# The statements below are rendered from the key numbers of this run, so they hold for
# whichever prefecture `region` names. None of them is causal: they describe co-location
# across the prefectures in one year, and relatedness estimated from so few regions is noisy.

# %%
out.key("region_share_specialised_all", float(m.loc[region].mean()), section="8")
pc, pd_ = (float(null_fp.loc[region, f"{c}_percentile"])
           for c in ("coherence", "footprint_density"))
out.key("region_footprint_contrast",
        f" Its specialisations are more linked to each other than chance would make them, "
        f"yet each is related to many industries {region} does not have, so its share of "
        "each specialisation's related industries (coherence) is below chance."
        if pc < 2.5 and pd_ > 97.5 else "", section="8")
out.key("region_rv_top_groups", "; ".join(rv_table["name"].head(3).astype(str)), section="8")
empty = comm.loc[comm["region_specialised"] == 0].sort_values("industries", ascending=False)
out.key("region_n_communities_without_specialisation", int(len(empty)), section="8")
out.key("region_largest_community_without_specialisation_size",
        int(empty["industries"].iloc[0]) if len(empty) else 0, section="8")
out.key("region_largest_community_without_specialisation_examples",
        str(empty["largest_industries"].iloc[0]) if len(empty) else "none", section="8")
out.key("eci_top5", ", ".join(map(str, eci_table.index[:5])), section="8")
out.say(
    "* **Variety.** {region} is specialised in {region_n_specialisations} of the "
    "{n_industries} minor groups (rank {region_rank_n_specialised} of {n_prefectures}). Its "
    "related variety ranks {region_rank_related_variety} and its unrelated variety "
    "{region_rank_unrelated_variety}. The major groups that add most to its related variety "
    "relative to the average prefecture are: {region_rv_top_groups} "
    "(`tables/04_related_variety_by_major_group.csv`).\n"
    "* **Footprint.** Raw coherence (mean relatedness density of its specialisations) "
    "ranks {region_rank_coherence} of {n_prefectures}, but raw coherence grows with the "
    "number of specialisations (correlation {corr_coherence_n_specialised:.2f}). Against "
    "random portfolios of the same size and the same industries' prevalence, its coherence "
    "lies at percentile {region_coherence_percentile:.1f} (z = {region_coherence_z:.1f}, "
    "rank {region_rank_coherence_z}), its footprint density at percentile "
    "{region_footprint_density_percentile:.1f} and the share of its specialisations in one "
    "linked group on the backbone ({region_share_in_largest_cluster:.0%}, rank "
    "{region_rank_share_in_largest_cluster}) at percentile "
    "{region_largest_linked_share_percentile:.0f}: the footprint is "
    "{region_footprint_reading}; over backbone mean degrees three to six "
    "{region_share_reading_over_degrees} (percentiles "
    "{region_share_percentile_min_over_degrees:.0f} to "
    "{region_share_percentile_max_over_degrees:.0f}). On coherence, "
    "{n_below_null_coherence} of the {n_prefectures} prefectures fall below the central 95% "
    "of their null and {n_beyond_null_coherence} above it.{region_footprint_contrast}\n"
    "* **Gaps.** {region} has no specialisation in {region_n_communities_without_specialisation} "
    "of the {n_communities} communities of the backbone; the largest of them has "
    "{region_largest_community_without_specialisation_size} industries (largest: "
    "{region_largest_community_without_specialisation_examples}). It holds "
    "{region_share_specialised_in_top_decile_pci:.0%} of the top-decile PCI industries, "
    "against {region_share_specialised_all:.0%} of all industries.\n"
    "* **Related capabilities for what is missing.** The mean relatedness density of the "
    "industries {region} is not specialised in ranks {region_rank_candidate_density}: how "
    "close the existing base is to the untapped industries, the starting point of proposal 1 "
    "(notebook 06).\n"
    "* **Complexity.** {region} ranks {region_eci_rank} of {n_prefectures} by ECI (top five: "
    "{eci_top5}); the bootstrap over prefectures puts its rank between "
    "{region_eci_rank_low} and {region_eci_rank_high}: an interval, not a single place, is "
    "what the data support. Across prefectures the ECI correlates at {corr_eci_diversity:.2f} with "
    "diversity; with minor groups of a national census it reads as \"does what few "
    "prefectures do\", not as a technology ranking.", section="8")

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))

# %% [markdown]
# ## 9. Maps of the prefectures
#
# The indices above, drawn on the map of Japan's prefectures: related and unrelated variety
# (section 6), economic complexity (section 7) and the location quotient of one industry. The
# boundaries are MLIT's administrative areas (N03, as of January 2021, simplified), joined
# to the census by the prefecture's JIS code; every prefecture of the census finds its polygon
# (the join stops otherwise), and the prefectures the census file does not cover are drawn
# hatched and named as "no data", never dropped. Okinawa is moved north-east into a box so
# that the main islands are drawn larger. Variety is binned in quintiles of the prefectures
# shown (mapclassify), so a colour means "in the top fifth", not a fixed value; so is ECI,
# whose distribution is skewed by a few metropolitan prefectures; the LQ is drawn on a log2
# scale centred at one (the same scale as the LQ heat maps of the study).

# %%
from smartregion.datasets.boundaries import load_jp_boundaries
from smartregion.plots import choropleth, map_source, wrap_label

map_industry = None  # JSIC minor group to map; None: the region's top LQ with >= 1,000 persons
OKINAWA_MOVE = {"47": (5.0, 14.0)}  # degrees east and north, so the main islands fill the frame

jp_bounds = load_jp_boundaries()
prefs = jp_bounds.tables["prefectures"]
code_of = dict(zip(prefs["name_en"], prefs["region_id"]))
not_found = [r for r in panel.regions if r not in code_of]
if not_found:
    raise ValueError(f"census regions without a prefecture polygon: {not_found}")
region_code = code_of[region]


def by_code(series: pd.Series) -> pd.Series:
    """A value per census prefecture, re-keyed by the JIS code of its polygon."""
    return series.rename(index=code_of)


def map_note(note: str) -> Source:
    """The census source line of a map, with what the hatching and the box mean."""
    return source(note + " Hatched: not in the census file. Okinawa moved (boxed).")


# %% [markdown]
# ### 9a. Related and unrelated variety

# %%
fig_v, axes_v = plt.subplots(1, 2, figsize=(13, 6.6), layout="constrained")
for ax, c in zip(axes_v, ["related", "unrelated"]):
    choropleth(prefs, by_code(variety[c]), kind="binned", scheme="quantiles", k=5,
               cmap="Blues" if c == "related" else "Oranges", fmt="{:.2f}",
               highlight=region_code, name_col="name_en", move=OKINAWA_MOVE, ax=ax,
               legend_title=f"{c.capitalize()} variety (bits), quintiles",
               title=f"{c.capitalize()} variety: {region} ranks "
                     f"{vranks.loc[region, f'rank_{c}']} of {len(variety)}")
fig_v.suptitle(f"Related and unrelated variety by prefecture, 2014 ({region} outlined)")
add_source(fig_v, map_source(map_note("Entropy of persons engaged over minor groups (bits), "
                                      "within (related) and between (unrelated) JSIC major "
                                      "groups; classes are quintiles of the prefectures "
                                      "shown."), "jp_boundaries"))
out.figure(fig_v, "04_map_variety", section="9a")

# %% [markdown]
# ### 9b. Economic complexity and the location quotient of one industry

# %%
fig_e = choropleth(
    prefs, by_code(eci_table["eci"]), kind="binned", scheme="quantiles", k=5, cmap="Purples",
    highlight=region_code, name_col="name_en", move=OKINAWA_MOVE, figsize=(7.5, 7),
    legend_title="ECI (z-score), quintiles of the prefectures",
    title=f"Economic complexity by prefecture, 2014: {region} ranks "
          f"{int(eci_table.loc[region, 'rank'])} of {len(eci_table)}",
    source=map_note("ECI: eigenvector method (Hidalgo & Hausmann 2009) on LQ >= 1, "
                    "z-scored; classes are quintiles (the distribution is skewed: the highest, "
                    f"{eci_table.index[0]}, is {eci_table['eci'].iloc[0]:.1f} standard "
                    "deviations above the mean)."),
    boundary_credit="jp_boundaries")
out.figure(fig_e, "04_map_eci", section="9b")

# %%
lq_all = location_quotient(panel)
industry = map_industry if map_industry is not None else str(top.index[0])
if industry not in lq_all.columns:
    raise ValueError(f"map_industry {industry!r} is not a minor group of the census panel")
industry_name = str(hier.loc[industry, "name"])
lq_ind = lq_all[industry]
n_above = int((lq_ind >= 1).sum())
fig_l = choropleth(
    prefs, by_code(lq_ind), kind="log2", highlight=region_code, name_col="name_en",
    move=OKINAWA_MOVE, figsize=(7.5, 7), legend_title="Location quotient (log2 scale)",
    title=f"{industry} {wrap_label(industry_name, 45, 1)}: {region}'s LQ "
          f"{lq_ind[region]:.1f}, {n_above} of {len(lq_ind)} prefectures have LQ >= 1",
    source=map_note(f"LQ of minor group {industry} = the prefecture's share of persons "
                      "engaged in it / Japan's share (the prefectures in the file); log2 "
                      "scale clipped at LQ 1/16 and 16."),
    boundary_credit="jp_boundaries")
out.figure(fig_l, "04_map_lq", section="9b")

out.key("map_n_prefectures_boundaries", len(prefs), section="9b")
out.key("map_n_prefectures_matched", len(fig_l.map_join.matched), section="9b")
out.key("map_prefectures_no_data", ", ".join(
    prefs.set_index("region_id").loc[fig_l.map_join.no_data, "name_en"]), section="9b")
out.key("map_n_prefectures_no_data", len(fig_l.map_join.no_data), section="9b")
out.key("map_geometries_repaired", len(jp_bounds.report["prefectures_made_valid"]), section="9b")
out.key("map_industry", f"{industry} ({industry_name})", section="9b")
out.key("map_industry_region_lq", float(lq_ind[region]), section="9b")
out.key("map_industry_n_lq_above_1", n_above, section="9b")
out.say("Of the {map_n_prefectures_boundaries} prefecture polygons, "
        "{map_n_prefectures_matched} carry census values and {map_n_prefectures_no_data} are "
        "drawn as no data ({map_prefectures_no_data}); {map_geometries_repaired} geometries "
        "needed repair. The industry mapped is {map_industry}: {region}'s LQ is "
        "{map_industry_region_lq:.2f}, and {map_industry_n_lq_above_1} prefectures have an LQ "
        "of at least one. The maps show where the indices sit, not why: neighbouring "
        "prefectures with similar colours share a regional economy, and the administrative "
        "boundaries cut through the commuting areas of the large cities.", section="9b")

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))
