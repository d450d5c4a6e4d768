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
# It builds the *industry space* (proximity of industries
# that tend to be over-represented in the same prefectures), reduces it to a readable backbone,
# measures the position of every industry in it, places the region's specialisations on it
# next to comparison prefectures, and sets the region against the other prefectures on
# related and unrelated variety, on network structure and on economic complexity. Every
# statement about the region is rendered from key numbers, so the notebook reads correctly
# for any prefecture in the census file.
#
# Outputs (`<region>` is the lower-case region name, `kyoto` by default):
# `figures/04_industry_space_<region>.png`, `figures/04_industry_space_comparison.png`,
# `figures/04_footprints.png`, `figures/04_rv_uv.png`, `figures/04_eci_ranking.png`;
# `tables/04_backbone.csv`, `tables/04_node_metrics.csv`,
# `tables/04_central_industries.csv`, `tables/04_communities.csv`,
# `tables/04_<region>_specialisations.csv`, `tables/04_footprints.csv`,
# `tables/04_variety.csv`, `tables/04_related_variety_by_major_group.csv`, `tables/04_eci.csv`;
# `key_numbers/04_structure_variety_networks.json` and its rendered prose.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed: spring layout and Louvain communities
region = "Kyoto"  # prefecture of interest
comparison_regions = ["Osaka", "Aichi"]  # drawn on the same layout as `region`
backbone_avg_degree = 4.0  # target mean degree of the backbone (MST + strongest links)
rca_threshold = 1.0  # specialisation: LQ >= threshold
layout_iterations = 50  # spring-layout iterations (the layout is seeded)

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
from smartregion.outputs import OutputWriter
from smartregion.plots import (
    PALETTE,
    Source,
    add_source,
    color_for,
    compute_layout,
    footprint_comparison_plot,
    industry_space_plot,
    rv_uv_scatter,
    use_style,
)
from smartregion.relatedness import proximity, regional_network_measures
from smartregion.structure import location_quotient, specialisation
from smartregion.variety import related_unrelated_variety, variety_decomposition

rng = np.random.default_rng(seed)
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
# are not in it; see notebook 00; the counts are given below the next cell). Proximity is
# therefore estimated on one observation per prefecture for each industry pair, which makes
# it coarse: with so few regions many pairs co-occur by chance, and proximities run higher
# than in the product space of countries. Industry names are the JSIC Rev.14 names of the
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
        "proximity is estimated on {n_prefectures} observations per industry pair.",
        section="1")

# %% [markdown]
# ## 2. The industry space and its backbone
#
# Proximity $\varphi_{ij}$ is the smaller of the two conditional probabilities that a
# prefecture specialised in one industry ($LQ \ge 1$) is also specialised in the other
# (Hidalgo et al. 2007). The complete graph has an edge for every pair with
# $\varphi_{ij} > 0$, far too many to read or to compute path-based centralities on.
#
# **Backbone rule.** Keep the maximum spanning tree (the strongest links that still connect
# all industries) and add every other link whose proximity is above a threshold $\tau$. The
# fixed $\tau = 0.55$ of the original product space is not used: with so few regions far
# more pairs pass it than a readable map can hold (counted below). Instead $\tau$ is raised
# in steps of $0.05$ from $0$ until the mean degree is at most `backbone_avg_degree`, the
# rule of the `economiccomplexity` R package. The table records the threshold reached, the
# number of links and the mean degree.

# %%
m = specialisation(panel, threshold=rca_threshold)
phi = proximity(panel, threshold=rca_threshold)
space = nw.industry_space(phi, attributes=hier.assign(size=national))
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ZeroLineWarning)
    bb = nw.backbone(space, avg_degree=backbone_avg_degree)
upper = phi.to_numpy()[np.triu_indices(len(phi), k=1)]
backbone_summary = pd.Series({
    "nodes": bb.number_of_nodes(),
    "links_complete_space": int((upper > 0).sum()),
    "mean_proximity_complete_space": float(upper.mean()),
    "links_above_0.55": int((upper > 0.55).sum()),
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
out.key("links_above_fixed_threshold", int(backbone_summary["links_above_0.55"]), section="2")
out.key("mean_degree_above_fixed_threshold",
        2 * float(backbone_summary["links_above_0.55"]) / float(backbone_summary["nodes"]),
        section="2")
out.say("With the fixed threshold of the product space, {links_above_fixed_threshold:,} links "
        "would remain (mean degree {mean_degree_above_fixed_threshold:.0f}); the adaptive rule "
        "keeps {backbone_edges:,} (mean degree {backbone_mean_degree:.2f}, threshold "
        "{backbone_threshold:.2f}).", section="2")
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
# proximity graph; there it is not degenerate, but it ranks industries almost exactly as
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
               "centrality on the full weighted proximity graph (on the backbone it is "
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
        "{complete_space_link_share:.0%} of all industry pairs have a positive proximity. "
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
# For every prefecture, on the full weighted proximity (never on the backbone, so no pruning
# rule enters): the number of specialisations; *coherence*, the mean relatedness density of
# its specialised industries (how strongly each specialisation is embedded in the rest of
# the portfolio); *footprint density*, the mean proximity between pairs of specialisations;
# *footprint centrality*, the mean connectedness of its specialisations on the industry space;
# and *candidate density*, the mean density of the industries it is *not* specialised in (how
# close its untapped industries are to what it already does). From the backbone
# (`network.footprint_table`): the mean degree of the specialisations, the largest connected
# group they form and the share of the specialisations in that group. Ranks count from the
# highest value among the prefectures. Because footprint density falls as the number of
# specialisations grows, it is also given net of a straight-line fit on that number.

# %%
fp = regional_network_measures(panel, phi, threshold=rca_threshold)
mm = m.to_numpy(dtype=float)
fp["mean_degree_backbone"] = mm @ metrics["degree"].reindex(m.columns).to_numpy() / mm.sum(1)
on_bb = nw.footprint_table(bb, m, relatedness=phi).reindex(fp.index)
fp["largest_cluster_backbone"] = on_bb["largest_cluster"]
fp["share_in_largest_cluster"] = on_bb["largest_cluster"] / on_bb["n_specialised"]
slope, intercept = np.polyfit(fp["n_specialised"], fp["footprint_density"], 1)
fp["footprint_density_net_of_size"] = fp["footprint_density"] - (
    intercept + slope * fp["n_specialised"])
cols = ["n_specialised", "coherence", "footprint_density", "footprint_density_net_of_size",
        "footprint_centrality", "candidate_density", "mean_degree_backbone",
        "largest_cluster_backbone", "share_in_largest_cluster"]
ranks = fp[cols].rank(ascending=False, method="min").astype(int).add_prefix("rank_")
footprints = pd.concat([fp[cols], ranks], axis=1).sort_values("coherence", ascending=False)
out.table(footprints, "04_footprints", section="5")
for r in [region, *comparison]:
    pre = "region" if r == region else f"cmp_{r.lower().replace(' ', '_')}"
    for c in cols:
        out.key(f"{pre}_{c}", float(fp.loc[r, c]), section="5")
        out.key(f"{pre}_rank_{c}", int(ranks.loc[r, f"rank_{c}"]), section="5")
out.key("corr_degree_footprint_density",
        float(fp["mean_degree_backbone"].corr(fp["footprint_density"])), section="5")
out.key("corr_coherence_n_specialised",
        float(fp["coherence"].corr(fp["n_specialised"])), section="5")
out.key("corr_share_largest_n_specialised",
        float(fp["share_in_largest_cluster"].corr(fp["n_specialised"])), section="5")
out.key("r2_share_largest_n_specialised",
        float(fp["share_in_largest_cluster"].corr(fp["n_specialised"])) ** 2, section="5")
footprints.loc[[region, *comparison]].T

# %% [markdown]
# ### 5a. Footprints on one layout: the region and the comparison prefectures
#
# The same layout and colours as in section 4, one panel per prefecture (the parameter
# `comparison_regions`), each with its computed footprint numbers: footprint density on the
# full space and the share of its specialisations in their largest linked group on the
# backbone, with ranks among all prefectures. A footprint is called scattered only if that
# share ranks low among the prefectures, not from the picture alone.

# %%
n_pref = len(panel.regions)
stats = {r: (f"{int(fp.loc[r, 'n_specialised'])} specialisations; footprint density "
             f"{fp.loc[r, 'footprint_density']:.3f} (rank {ranks.loc[r, 'rank_footprint_density']}"
             f"/{n_pref})\nlargest linked group: {int(fp.loc[r, 'largest_cluster_backbone'])} "
             f"industries = {fp.loc[r, 'share_in_largest_cluster']:.0%} of them (rank "
             f"{ranks.loc[r, 'rank_share_in_largest_cluster']}/{n_pref})")
         for r in [region, *comparison]}
shares = ", ".join(f"{r} {fp.loc[r, 'share_in_largest_cluster']:.0%}"
                   for r in [region, *comparison])
fig = footprint_comparison_plot(
    bb, m.astype(bool), [region, *comparison], layout=layout, stats=stats,
    color_by="sector", size_by="size", size_label=SIZE_LABEL,
    legend_title="Sector of the specialisations (JSIC divisions)",
    title=f"Share of each prefecture's specialisations in their largest linked group on the "
          f"industry-space backbone: {shares} (2014)",
    source=source("Coloured: the prefecture's specialisations (LQ >= 1); grey: all other "
                  "minor groups. Footprint density: mean proximity between pairs of "
                  "specialisations (full space). Linked group: connected on the backbone. "
                  + nw.describe_backbone(bb)))
out.figure(fig, "04_industry_space_comparison", section="5a")
rank_share = int(ranks.loc[region, "rank_share_in_largest_cluster"])
out.key("region_footprint_reading",
        "more scattered than most prefectures" if rank_share > 0.75 * n_pref else
        "more connected than most prefectures" if rank_share <= 0.25 * n_pref else
        "neither among the most scattered nor among the most connected", section="5a")
cmp_text = "; ".join(
    f"{r}: {{cmp_{r.lower().replace(' ', '_')}_share_in_largest_cluster:.0%}} of "
    f"{{cmp_{r.lower().replace(' ', '_')}_n_specialised:.0f}} (rank "
    f"{{cmp_{r.lower().replace(' ', '_')}_rank_share_in_largest_cluster}})" for r in comparison)
out.say("On the backbone, {region_share_in_largest_cluster:.0%} of {region}'s "
        "{region_n_specialisations} specialisations sit in their largest linked group (rank "
        "{region_rank_share_in_largest_cluster} of {n_prefectures}); " + cmp_text + ". By this "
        "measure {region}'s footprint is {region_footprint_reading}. Across prefectures the "
        "share correlates {corr_share_largest_n_specialised:.2f} with the number of "
        "specialisations, which thus accounts for {r2_share_largest_n_specialised:.0%} of its "
        "variation. "
        "Footprint density on the full space ranks {region_rank_footprint_density} "
        "({region_rank_footprint_density_net_of_size} net of the number of "
        "specialisations).", section="5a")

# %% [markdown]
# ### 5b. All prefectures: number and coherence of specialisations
#
# Every prefecture as a point; the region and the comparison prefectures in their colours,
# the most extreme others labelled.

# %%
fig = rv_uv_scatter(
    fp, x="n_specialised", y="coherence", highlight=[region, *comparison], max_labels=6,
    xlabel=f"Number of specialisations (minor groups with LQ >= 1, of {len(panel.industries)})",
    ylabel="Coherence (mean relatedness density of the specialisations, 0-1)",
    title=f"More specialisations go with "
          f"{'higher' if fp['coherence'].corr(fp['n_specialised']) > 0 else 'lower'} "
          f"coherence: correlation {fp['coherence'].corr(fp['n_specialised']):.2f} across "
          f"{n_pref} prefectures, 2014",
    figsize=(7.0, 5.2))
add_source(fig, source(f"Relatedness: proximity from the {n_pref} prefectures."))
out.figure(fig, "04_footprints", section="5b")
out.say("Across prefectures, coherence and the number of specialisations correlate at "
        "{corr_coherence_n_specialised:.2f}; {region}'s coherence ranks "
        "{region_rank_coherence} of {n_prefectures}.", section="5b")

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

# %%
cx = economic_complexity(panel, threshold=rca_threshold)
eci_table = pd.DataFrame({"eci": cx.eci, "diversity": m.sum(axis=1)})
eci_table["rank"] = eci_table["eci"].rank(ascending=False, method="min").astype(int)
eci_table = eci_table.sort_values("eci", ascending=False)
out.table(eci_table, "04_eci", section="7")
out.key("region_eci", float(eci_table.loc[region, "eci"]), section="7")
out.key("region_eci_rank", int(eci_table.loc[region, "rank"]), section="7")
out.key("corr_eci_diversity", float(eci_table["eci"].corr(eci_table["diversity"])), section="7")

fig, ax = plt.subplots(figsize=(6.5, 9), layout="constrained")
shown_eci = eci_table.iloc[::-1]
colors = [color_for(r, PALETTE["highlight"]) if r in (region, *comparison)
          else PALETTE["comparison"] for r in shown_eci.index]
ax.barh(np.arange(len(shown_eci)), shown_eci["eci"], color=colors)
ax.set_yticks(np.arange(len(shown_eci)), shown_eci.index, fontsize=7)
for t in ax.get_yticklabels():
    if t.get_text() in (region, *comparison):
        t.set_color(color_for(t.get_text(), PALETTE["highlight"]))
        t.set_fontweight("bold")
ax.axvline(0, color="black", lw=0.6)
ax.set_ylim(-0.7, len(shown_eci) - 0.3)
ax.set_xlabel("Economic Complexity Index (z-score across prefectures)")
ax.set_title(f"{region} ranks {int(eci_table.loc[region, 'rank'])} of {len(eci_table)} "
             "prefectures by economic complexity, 2014")
add_source(fig, source("ECI: eigenvector method (Hidalgo & Hausmann 2009) on LQ >= 1."))
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
# across the prefectures in one year, and proximity estimated from so few regions is noisy.

# %%
out.key("region_share_specialised_all", float(m.loc[region].mean()), section="8")
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
    "* **Footprint.** Coherence (mean relatedness density of its specialisations) ranks "
    "{region_rank_coherence}; footprint density (mean proximity between pairs of "
    "specialisations) ranks {region_rank_footprint_density}, "
    "{region_rank_footprint_density_net_of_size} "
    "once the number of specialisations is allowed for; footprint centrality ranks "
    "{region_rank_footprint_centrality}. On the backbone the largest connected group of its "
    "specialisations has {region_largest_cluster_backbone:.0f} industries, "
    "{region_share_in_largest_cluster:.0%} of them (rank "
    "{region_rank_share_in_largest_cluster}), and their mean degree ranks "
    "{region_rank_mean_degree_backbone}; across prefectures mean backbone degree and "
    "footprint density correlate at {corr_degree_footprint_density:.2f}, so the two say much "
    "the same thing.\n"
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
    "{eci_top5}). Across prefectures the ECI correlates at {corr_eci_diversity:.2f} with "
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
out.figure(fig_v, "04_map_variety", section="9")

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
out.figure(fig_e, "04_map_eci", section="9")

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
out.figure(fig_l, "04_map_lq", section="9")

out.key("map_n_prefectures_boundaries", len(prefs), section="9")
out.key("map_n_prefectures_matched", len(fig_l.map_join.matched), section="9")
out.key("map_prefectures_no_data", ", ".join(
    prefs.set_index("region_id").loc[fig_l.map_join.no_data, "name_en"]), section="9")
out.key("map_n_prefectures_no_data", len(fig_l.map_join.no_data), section="9")
out.key("map_geometries_repaired", len(jp_bounds.report["prefectures_made_valid"]), section="9")
out.key("map_industry", f"{industry} ({industry_name})", section="9")
out.key("map_industry_region_lq", float(lq_ind[region]), section="9")
out.key("map_industry_n_lq_above_1", n_above, section="9")
out.say("Of the {map_n_prefectures_boundaries} prefecture polygons, "
        "{map_n_prefectures_matched} carry census values and {map_n_prefectures_no_data} are "
        "drawn as no data ({map_prefectures_no_data}); {map_geometries_repaired} geometries "
        "needed repair. The industry mapped is {map_industry}: {region}'s LQ is "
        "{map_industry_region_lq:.2f}, and {map_industry_n_lq_above_1} prefectures have an LQ "
        "of at least one. The maps show where the indices sit, not why: neighbouring "
        "prefectures with similar colours share a regional economy, and the administrative "
        "boundaries cut through commuting areas such as Kyoto-Osaka.", section="9")

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))
