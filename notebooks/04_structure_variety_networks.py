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
# what survives the noise of a few dozen regions is called a finding. Every statement about the
# region is rendered from key numbers, so the notebook reads correctly for any prefecture in the
# census file.
#
# **Where the computations live.** Each section calls one function of `smartregion.cases`
# (module `cases.prefectures`, "a region among Japan's prefectures") that takes the census
# panel, its relatedness and the `region` as arguments and returns the section's indicator: its
# table, the frames a figure draws and the key numbers the reading quotes, recorded with one
# `out.record` call. Each figure is one call of `cases.prefecture_figures`, whose title states
# the finding from the indicator's own numbers. The measures themselves are those of
# `smartregion.relatedness`, `smartregion.network`, `smartregion.nullmodel`,
# `smartregion.variety`, `smartregion.complexity` and `smartregion.stability`.
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
import numpy as np

from smartregion import cases
from smartregion.datasets.codes import load_jsic
from smartregion.datasets.jp_census import load_jp_economic_census_2014
from smartregion.nullmodel import curveball_draws
from smartregion.outputs import OutputWriter
from smartregion.plots import compute_layout, use_style
from smartregion.relatedness import DEFAULT_METHOD, proximity, relatedness_weights
from smartregion.structure import specialisation

rng = np.random.default_rng(seed)  # the one generator of the null draws and the bootstrap
use_style()
out = OutputWriter(output_dir, notebook="04_structure_variety_networks")
CENSUS = "MIC Economic Census for Business Frame (Fukui 2024 compilation), persons engaged"
YEAR = 2014  # the census year, in titles and source lines

# %% [markdown]
# ## 1. Data: prefectures x minor groups, 2014
#
# The census file does not cover every prefecture (Ishikawa, Fukui, Nara, Tottori and Okinawa
# are not in it; see notebook 00; the counts are given below the next cell). Relatedness is
# therefore estimated on one observation per prefecture for each industry pair, which makes
# it coarse: with so few regions many pairs co-occur by chance. Industry names are the JSIC
# Rev.14 names of the same 3-digit code (the Rev.13 list used by the census is not in the
# package); the code `12A` of the census stands for minor groups 121-122 together.

# %%
census = load_jp_economic_census_2014(measure="employment", regions="prefectures")
panel = census.panel
overview = cases.census_overview(panel, load_jsic().tables["codes"], region=region)
out.record(overview, section="1")
hier = overview.table  # names, divisions and broad sectors of the minor groups
slug = region.lower().replace(" ", "_")
comparison = [r for r in comparison_regions if r != region and r in panel.regions]
DATA = (f"{CENSUS}, {len(panel.regions)} prefectures x {len(panel.industries)} JSIC minor "
        "groups")  # the dataset named in every figure's source line
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
diag = cases.relatedness_comparison(panel, phi, prox, method=DEFAULT_METHOD,
                                    threshold=rca_threshold)
print("\n".join(diag.parts["descriptions"]))
out.record(diag, section="2", table="04_relatedness_diagnostics")
out.say("First-axis diagnostic: {first_axis_share_proximity:.0%} of the variance of the "
        "industries' proximity profiles lies on one axis, and an industry's mean proximity "
        "has a rank correlation of {corr_strength_ubiquity_proximity:.2f} with its ubiquity; "
        "with the default relatedness ({relatedness_default}) the first axis holds "
        "{first_axis_share_default:.0%} and the rank correlation is "
        "{corr_strength_ubiquity_default:.2f}. The default links "
        "{share_linked_pairs_default:.0%} of the industry pairs (proximity: "
        "{share_linked_pairs_proximity:.0%}).", section="2")

backbone = cases.industry_backbone(phi, hier.assign(size=overview.parts["national"]),
                                   avg_degree=backbone_avg_degree)
out.record(backbone, section="2", table="04_backbone")
space, bb = backbone.parts["space"], backbone.parts["backbone"]
out.say("The complete space of the default relatedness has {links_complete_space:,} links; "
        "the backbone keeps {backbone_edges:,} (mean degree {backbone_mean_degree:.2f}, "
        "threshold {backbone_threshold:.2f}).", section="2")
backbone.parts["summary"]

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
centrality = cases.backbone_centralities(backbone, phi, panel, m, region=region, seed=seed)
metrics = centrality.table
out.record(centrality, section="3", table="04_node_metrics")
out.table(centrality.parts["central"], "04_central_industries", section="3",
          note="degree and betweenness on the backbone; eigenvector_full_space: eigenvector "
               "centrality on the full weighted relatedness graph (on the backbone it is "
               "numerically zero for most industries), which ranks industries like their "
               "strength on the full space (see key numbers full_space_eigenvector_*)")
comm = cases.backbone_communities(metrics, region=region)
out.record(comm, section="3", table="04_communities")
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
comm.table

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
spec = cases.region_specialisations(panel, hier, metrics, m, region=region)
fig = cases.industry_space_figure(bb, layout, m.loc[region], hier, region=region, source=DATA,
                                  year=YEAR)
out.figure(fig, f"04_industry_space_{slug}", section="4")

# %%
out.record(spec, section="4", table=f"04_{slug}_specialisations")
spec.parts["top"][["name", "lq", "persons_engaged"]].round(2)

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
draws = curveball_draws(m.to_numpy(bool), n_draws, rng)
shown = [region, *comparison]
fps = cases.regional_footprints(panel, phi, m, metrics, bb, region=region, comparison=comparison,
                                draws=draws, rng=rng, method=DEFAULT_METHOD,
                                backbone_degree=backbone_avg_degree, threshold=rca_threshold)
out.record(fps, section="5", table="04_footprints")
out.table(fps.parts["null_table"], "04_footprint_null", section="5",
          note="leave-one-out relatedness; curveball draws keep both margins of M")
# backbone sensitivity: the largest linked share over backbone mean degrees 3-6
sens = cases.footprint_sensitivity(space, m, region=region, regions=shown, draws=draws,
                                   method=DEFAULT_METHOD)
out.record(sens, section="5", table="04_backbone_sensitivity")
out.say("Against {n_null_draws} random portfolios of the same size, {n_beyond_null_coherence} "
        "of the {n_prefectures} prefectures have a coherence above the central 95% of the "
        "null and {n_below_null_coherence} below it; for footprint density the counts are "
        "{n_beyond_null_footprint_density} and {n_below_null_footprint_density}. Across "
        "prefectures, coherence correlates {corr_coherence_n_specialised:.2f} with the number "
        "of specialisations, its z-score {corr_coherence_z_n_specialised:.2f}.", section="5")
fps.table.loc[shown, ["n_specialised", "coherence", "coherence_z", "coherence_percentile",
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
reading = out.record(cases.backbone_footprint_reading(fps, sens, region=region), section="5a")
fig = cases.footprint_null_figure(fps, region=region, reading=reading["region_footprint_reading"],
                                  source=DATA, year=YEAR, backbone_degree=backbone_avg_degree)
out.figure(fig, "04_footprint_null", section="5a")
# one clause per comparison prefecture, filled from its cmp_<name>_ key numbers
cmp_text = "; ".join(
    f"{r}: {{{k}_largest_linked_share_loo:.0%}} against {{{k}_largest_linked_share_null_mean:.0%}}"
    f", percentile {{{k}_largest_linked_share_percentile:.0f}}"
    for r, k in ((r, cases.region_key(r, region)) for r in comparison))
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
fig = cases.coherence_figure(fps, region=region, n_industries=len(panel.industries),
                             method=DEFAULT_METHOD, source=DATA, year=YEAR)
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
# activities. To see which branches carry the region's related variety, it is split into the
# contribution $P_g H_g$ of each major group $g$ (its share of persons engaged times the entropy
# within it), set against the mean contribution over the prefectures
# (`tables/04_related_variety_by_major_group.csv`).

# %%
variety = cases.prefecture_variety(panel, hier["major_group"], overview.parts["major_names"],
                                   region=region)
out.record(variety, section="6", table="04_variety")
out.table(variety.parts["by_major_group"], "04_related_variety_by_major_group", section="6")
out.figure(cases.variety_figure(variety, region=region, comparison=comparison, source=DATA,
                                year=YEAR), "04_rv_uv", section="6")
variety.table.loc[[region, *comparison_regions]]

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
cx = cases.complexity_ranking(panel, m, region=region, rng=rng, n_draws=n_draws,
                              min_industry_size=min_industry_size, min_ubiquity=min_ubiquity,
                              threshold=rca_threshold)
cdiag = cx.parts["diagnostics"]
print("complexity axis:", {k: v for k, v in cdiag.items() if k != "problems"},
      "problems:", cdiag["problems"] or "none")
out.record(cx, section="7", table="04_eci")
out.table(cx.parts["filtered_out"], "04_eci_noise_filter", section="7",
          note="minor groups left out of the noise-filtered ECI, with the reason")
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
out.figure(cases.eci_ranking_figure(cx, region=region, highlight=shown, source=DATA, year=YEAR),
           "04_eci_ranking", section="7")
cx.table.head(10)

# %% [markdown]
# ## 8. Reading
#
# The statements below are rendered from the key numbers of this run, so they hold for
# whichever prefecture `region` names. None of them is causal: they describe co-location
# across the prefectures in one year, and relatedness estimated from so few regions is noisy.

# %%
out.record(cases.prefecture_reading(m, fps, variety, comm, cx, region=region), section="8")
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

map_industry = None  # JSIC minor group to map; None: the region's top LQ with >= 1,000 persons
OKINAWA_MOVE = {"47": (5.0, 14.0)}  # degrees east and north, so the main islands fill the frame

jp_bounds = load_jp_boundaries()
prefs = jp_bounds.tables["prefectures"]
MAP = {"code_of": cases.prefecture_codes(prefs, panel.regions), "region": region,
       "move": OKINAWA_MOVE, "source": DATA, "year": YEAR}  # every map: same join and frame

# %% [markdown]
# ### 9a. Related and unrelated variety

# %%
out.figure(cases.variety_map_figure(variety, prefs, **MAP), "04_map_variety", section="9a")

# %% [markdown]
# ### 9b. Economic complexity and the location quotient of one industry

# %%
out.figure(cases.eci_map_figure(cx, prefs, **MAP), "04_map_eci", section="9b")

# %%
lq_map = cases.industry_lq_map(panel, hier, spec, map_industry, region=region)
fig = cases.industry_lq_map_figure(lq_map, prefs, **MAP)
out.figure(fig, "04_map_lq", section="9b")
out.record({**cases.map_join_numbers(prefs, fig.map_join,
                                     jp_bounds.report["prefectures_made_valid"]),
            **lq_map.key_numbers}, section="9b")
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
