"""A region among Japan's prefectures (notebook 04): industry space, footprints, variety, ECI.

Every function takes data the caller has loaded (the 2014 Economic Census panel of
prefectures x JSIC minor groups, its specialisation matrix and relatedness) and the prefecture
of interest (``region``) as arguments, and returns a :class:`smartregion.policy.Indicator`
(or, for the closing reading, a mapping): the table written out, the frames a figure draws
(``parts``) and the key numbers (``key_numbers``) that
:meth:`smartregion.outputs.OutputWriter.record` stores in one call. The measures themselves
live in :mod:`smartregion.relatedness`, :mod:`smartregion.network`,
:mod:`smartregion.nullmodel`, :mod:`smartregion.variety`, :mod:`smartregion.complexity` and
:mod:`smartregion.stability`; this module sets the region against the other prefectures and
names the numbers. Key names that concern the region start with ``region_``; those of a
comparison prefecture with ``cmp_<name>_`` (lower case, spaces as underscores).
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .. import network as nw
from ..complexity import economic_complexity
from ..datasets.jp_census import JSIC13_DIVISIONS, minor_group_labels
from ..nullmodel import backbone_sensitivity, null_network_measures
from ..panel import Panel, ZeroLineWarning
from ..policy import Indicator
from ..relatedness import (
    describe_relatedness,
    regional_network_measures,
    relatedness_diagnostics,
)
from ..stability import (
    bootstrap_complexity,
    complexity_agreement,
    complexity_diagnostics,
    noise_filter,
    rank_intervals,
)
from ..structure import location_quotient
from ..variety import related_unrelated_variety, variety_decomposition

__all__ = [
    "SECTOR_OF_DIVISION",
    "backbone_centralities",
    "backbone_communities",
    "backbone_footprint_reading",
    "census_overview",
    "complexity_ranking",
    "footprint_sensitivity",
    "industry_backbone",
    "industry_lq_map",
    "map_join_numbers",
    "prefecture_reading",
    "prefecture_variety",
    "region_key",
    "region_specialisations",
    "regional_footprints",
    "relatedness_comparison",
    "tail_of",
]

#: Eleven broad sectors over the JSIC Rev.13 divisions A-T (the colour legend of the network
#: figures).
SECTOR_OF_DIVISION = {
    "A": "Primary (A-C)", "B": "Primary (A-C)", "C": "Primary (A-C)",
    "D": "Construction (D)", "E": "Manufacturing (E)",
    "F": "Utilities, transport (F, H)", "H": "Utilities, transport (F, H)",
    "G": "Information, communications (G)", "I": "Wholesale, retail (I)",
    "J": "Finance, real estate (J, K)", "K": "Finance, real estate (J, K)",
    "L": "Research, professional (L)", "M": "Consumer services (M, N)",
    "N": "Consumer services (M, N)", "O": "Education, health (O, P)",
    "P": "Education, health (O, P)", "Q": "Other services (Q-T)",
    "R": "Other services (Q-T)", "S": "Other services (Q-T)", "T": "Other services (Q-T)"}

#: Footprint columns of :func:`regional_footprints` (each with a rank among the prefectures).
FOOTPRINT_COLUMNS = [
    "n_specialised", "coherence", "coherence_z", "footprint_density", "footprint_density_z",
    "footprint_centrality", "footprint_centrality_z", "candidate_density",
    "mean_degree_backbone", "largest_cluster_backbone", "share_in_largest_cluster"]
NULL_MEASURES = ("coherence", "footprint_density", "footprint_centrality")


def region_key(name: str, region: str) -> str:
    """Key prefix of a prefecture: ``region`` for the region, ``cmp_<name>`` otherwise.

    >>> region_key("Kyoto", "Kyoto"), region_key("Hyogo Ken", "Kyoto")
    ('region', 'cmp_hyogo_ken')
    """
    return "region" if name == region else f"cmp_{name.lower().replace(' ', '_')}"


def tail_of(percentile: float, *, lower: float = 2.5, upper: float = 97.5) -> int:
    """Which tail of its null a percentile falls in: 1 above ``upper``, -1 below ``lower``.

    >>> tail_of(99.0), tail_of(1.0), tail_of(50.0)
    (1, -1, 0)
    """
    return 1 if percentile > upper else -1 if percentile < lower else 0


# --------------------------------------------------------------------------------------------
# 1: the census panel
# --------------------------------------------------------------------------------------------

def census_overview(panel: Panel, codes: pd.DataFrame, *, region: str,
                    n_prefectures_japan: int = 47) -> Indicator:
    """The panel of prefectures x minor groups, with names and sectors of its industries.

    ``codes`` is the JSIC code table (:func:`smartregion.datasets.codes.load_jsic`, table
    ``codes``); its major-group names label the related-variety table. ``n_prefectures_japan``
    is the number of prefectures of Japan (47), against which the census coverage is stated.

    Returns
    -------
    Indicator
        ``table``: the panel's hierarchy with ``name`` (JSIC Rev.14 name of the code),
        ``division_name`` and ``sector`` (:data:`SECTOR_OF_DIVISION`). ``parts``:
        ``"national"`` (persons engaged by industry, summed over the prefectures),
        ``"major_names"`` (major group code -> capitalised name). ``key_numbers``: ``region``,
        ``n_prefectures``, ``n_industries``, ``persons_engaged_in_panel``,
        ``n_prefectures_japan``.

    Raises
    ------
    ValueError
        ``region`` is not a prefecture of the panel.
    """
    if region not in panel.regions:
        raise ValueError(f"region {region!r} is not one of the prefectures in the census file: "
                         f"{sorted(panel.regions)}")
    hier = panel.hierarchy.copy()
    hier["name"] = minor_group_labels(hier.index)
    major_names = (codes.loc[codes["level"] == "major_group"].set_index("code")["name_en"]
                   .str.capitalize().to_dict())
    hier["division_name"] = hier["division"].map({k: v[2] for k, v in JSIC13_DIVISIONS.items()})
    hier["sector"] = hier["division"].map(SECTOR_OF_DIVISION)
    national = panel.matrix().sum(axis=0)
    keys = {"region": region, "n_prefectures": len(panel.regions),
            "n_industries": len(panel.industries),
            "persons_engaged_in_panel": float(national.sum()),
            "n_prefectures_japan": n_prefectures_japan}
    return Indicator(hier, keys, {"national": national, "major_names": major_names})


# --------------------------------------------------------------------------------------------
# 2: relatedness and the backbone
# --------------------------------------------------------------------------------------------

def _linked_share(weights: pd.DataFrame) -> float:
    """Share of the off-diagonal cells (ordered pairs) with positive relatedness."""
    off = ~np.eye(len(weights), dtype=bool)
    return float((weights.to_numpy()[off] > 0).mean())


def relatedness_comparison(panel: Panel, default: pd.DataFrame, proximity: pd.DataFrame, *,
                           method: str, threshold: float = 1.0) -> Indicator:
    """The package's default relatedness against proximity on the first-axis diagnostic.

    :func:`smartregion.relatedness.relatedness_diagnostics` of each matrix (the share of the
    variance of the industries' relatedness profiles on the first principal axis, and the
    Spearman correlation of an industry's mean relatedness with its ubiquity), plus the share
    of industry pairs with positive relatedness. ``method`` names the default in the table.

    Returns
    -------
    Indicator
        ``table``: one row per matrix (``"<method> (default)"``, ``"proximity"``).
        ``parts``: ``"descriptions"`` (one sentence per matrix). ``key_numbers``:
        ``relatedness_default`` and ``first_axis_share_*``, ``corr_strength_ubiquity_*``,
        ``share_linked_pairs_*`` (``*``: ``default``, ``proximity``).
    """
    diag = pd.DataFrame({
        f"{method} (default)": relatedness_diagnostics(default, panel, threshold=threshold),
        "proximity": relatedness_diagnostics(proximity, panel, threshold=threshold)}).T
    described = [describe_relatedness(str(name), row.to_dict()) for name, row in diag.iterrows()]
    diag["share_linked_pairs"] = [_linked_share(default), _linked_share(proximity)]
    keys: dict[str, Any] = {"relatedness_default": method}
    for c in ("first_axis_share", "corr_strength_ubiquity", "share_linked_pairs"):
        keys[f"{c}_default"] = float(diag.iloc[0][c])
        keys[f"{c}_proximity"] = float(diag.loc["proximity", c])
    return Indicator(diag, keys, {"descriptions": described})


def industry_backbone(weights: pd.DataFrame, attributes: pd.DataFrame, *,
                      avg_degree: float) -> Indicator:
    """The industry space of ``weights`` and its backbone of mean degree ``avg_degree``.

    :func:`smartregion.network.industry_space` (an edge per pair with positive relatedness,
    node attributes from ``attributes``) reduced by :func:`smartregion.network.backbone`: the
    maximum spanning tree plus every other link above a threshold raised until the mean
    degree is at most ``avg_degree``. Zero-line warnings of the space are silenced here.

    Returns
    -------
    Indicator
        ``table``: one column ``value`` (nodes, links of the complete space and of the
        backbone, the threshold, spanning-tree links, mean degree). ``parts``: ``"space"``,
        ``"backbone"`` (graphs), ``"summary"`` (the series). ``key_numbers``:
        ``backbone_nodes``, ``backbone_edges``, ``backbone_threshold``,
        ``backbone_mean_degree``, ``links_complete_space``.
    """
    space = nw.industry_space(weights, attributes=attributes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        bb = nw.backbone(space, avg_degree=avg_degree)
    upper = weights.to_numpy()[np.triu_indices(len(weights), k=1)]
    summary = pd.Series({
        "nodes": bb.number_of_nodes(),
        "links_complete_space": int((upper > 0).sum()),
        "mean_relatedness_complete_space": float(upper.mean()),
        "threshold_tau": round(float(bb.graph["threshold"]), 4),
        "links_backbone": bb.number_of_edges(),
        "links_spanning_tree": sum(1 for *_, d in bb.edges(data=True) if d["mst"]),
        "mean_degree_backbone": float(bb.graph["mean_degree"]),
    }, name="value")
    keys = {"backbone_nodes": int(summary["nodes"]),
            "backbone_edges": int(summary["links_backbone"]),
            "backbone_threshold": float(summary["threshold_tau"]),
            "backbone_mean_degree": float(summary["mean_degree_backbone"]),
            "links_complete_space": int(summary["links_complete_space"])}
    return Indicator(summary.to_frame(), keys,
                     {"space": space, "backbone": bb, "summary": summary})


# --------------------------------------------------------------------------------------------
# 3: centralities and communities
# --------------------------------------------------------------------------------------------

def backbone_centralities(backbone: Indicator, weights: pd.DataFrame, panel: Panel,
                          specialised: pd.DataFrame, *, region: str, seed: int,
                          n_central: int = 15) -> Indicator:
    """Node metrics on the backbone, and eigenvector centrality on the full space.

    :func:`smartregion.network.node_metrics` on the backbone of ``backbone`` (an
    :func:`industry_backbone` result), without its eigenvector centrality, which on so sparse
    a graph is numerically zero almost everywhere (its median is a key number). Added: the
    eigenvector centrality of the full weighted space, persons engaged in Japan, the region's
    location quotient and specialisation (``specialised``: the binary matrix). The reading of
    the full-space eigenvector centrality compares its ranks with strength (Spearman, from 0.9
    "nearly the same ranking").

    Returns
    -------
    Indicator
        ``table``: the metrics by industry. ``parts``: ``"central"`` (the ``n_central``
        industries of highest betweenness). ``key_numbers``: ``backbone_eigenvector_median``,
        ``backbone_share_tree_links``, ``complete_space_link_share``,
        ``full_space_eigenvector_{min,median,max,rank_corr_strength,reading}``.
    """
    space, bb, summary = (backbone.parts[k] for k in ("space", "backbone", "summary"))
    upper = weights.to_numpy()[np.triu_indices(len(weights), k=1)]
    metrics = nw.node_metrics(bb, seed=seed)
    keys: dict[str, Any] = {
        "backbone_eigenvector_median": float(metrics["eigenvector"].median()),
        "backbone_share_tree_links": float(summary["links_spanning_tree"]
                                           / summary["links_backbone"]),
        "complete_space_link_share": float((upper > 0).mean())}
    metrics = metrics.drop(columns=["eigenvector"])
    eig = nw.centrality(space, measures=["eigenvector"])["eigenvector"].reindex(metrics.index)
    strength = pd.Series(dict(space.degree(weight="weight"))).reindex(metrics.index)
    metrics["eigenvector_full_space"] = eig
    metrics["persons_engaged_japan"] = panel.matrix().sum(axis=0).reindex(metrics.index).to_numpy()
    metrics[f"lq_{region}"] = location_quotient(panel).loc[region].reindex(metrics.index).to_numpy()
    metrics[f"specialised_{region}"] = (specialised.loc[region].reindex(metrics.index)
                                        .astype(bool).to_numpy())
    metrics = metrics.drop(columns=["label"])
    rho = float(eig.rank().corr(strength.rank()))
    keys.update({"full_space_eigenvector_min": float(eig.min()),
                 "full_space_eigenvector_median": float(eig.median()),
                 "full_space_eigenvector_max": float(eig.max()),
                 "full_space_eigenvector_rank_corr_strength": rho,
                 "full_space_eigenvector_reading": "nearly the same ranking as its strength"
                 if rho >= 0.9 else "a ranking that differs from its strength"})
    central = (metrics.sort_values("betweenness", ascending=False).head(n_central)
               [["name", "division", "degree", "betweenness", "eigenvector_full_space",
                 "community", f"specialised_{region}"]])
    return Indicator(metrics, keys, {"central": central})


def backbone_communities(metrics: pd.DataFrame, *, region: str) -> Indicator:
    """The Louvain communities of the backbone, with the region's specialisations in each.

    ``metrics`` is the table of :func:`backbone_centralities`. Per community: its industries,
    persons engaged in Japan, the most frequent division and its share, the three largest
    industries, and the number and share of them the region is specialised in.

    Returns
    -------
    Indicator
        ``table``: one row per community. ``key_numbers``: ``n_communities``,
        ``community_sizes``.
    """
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
    return Indicator(comm, {"n_communities": int(comm.shape[0]),
                            "community_sizes": comm["industries"].tolist()})


# --------------------------------------------------------------------------------------------
# 4: the region's specialisations
# --------------------------------------------------------------------------------------------

def region_specialisations(panel: Panel, attributes: pd.DataFrame, metrics: pd.DataFrame,
                           specialised: pd.DataFrame, *, region: str, min_persons: int = 1000,
                           n_top: int = 20, n_divisions: int = 8) -> Indicator:
    """The region's specialisations (LQ at or above the threshold of ``specialised``).

    Returns
    -------
    Indicator
        ``table``: name, division, LQ, persons engaged, backbone community and degree of each
        specialisation, by LQ. ``parts``: ``"top"`` (the ``n_top`` of highest LQ with at least
        ``min_persons`` persons engaged). ``key_numbers``: ``region_n_specialisations``,
        ``region_specialisations_by_division`` (the ``n_divisions`` divisions with most).
    """
    spec = (pd.DataFrame({"name": attributes["name"], "division": attributes["division_name"],
                          "lq": location_quotient(panel).loc[region],
                          "persons_engaged": panel.matrix().loc[region],
                          "community": metrics["community"], "degree": metrics["degree"]})
            .loc[specialised.loc[region].astype(bool)]
            .sort_values("lq", ascending=False))
    by_div = spec.groupby("division").size().sort_values(ascending=False)
    keys = {"region_n_specialisations": int(specialised.loc[region].sum()),
            "region_specialisations_by_division": by_div.head(n_divisions)}
    return Indicator(spec, keys,
                     {"top": spec.loc[spec["persons_engaged"] >= min_persons].head(n_top)})


# --------------------------------------------------------------------------------------------
# 5: footprints against the null model
# --------------------------------------------------------------------------------------------

def _footprint_keys(fp: pd.DataFrame, ranks: pd.DataFrame, null: pd.DataFrame, name: str,
                    pre: str) -> dict[str, Any]:
    keys: dict[str, Any] = {}
    for c in FOOTPRINT_COLUMNS:
        keys[f"{pre}_{c}"] = float(fp.loc[name, c])
        rank = ranks.loc[name, f"rank_{c}"]
        keys[f"{pre}_rank_{c}"] = None if pd.isna(rank) else int(rank)
    for c in (*NULL_MEASURES, "largest_linked_share"):
        keys[f"{pre}_{c}_percentile"] = float(null.loc[name, f"{c}_percentile"])
    keys[f"{pre}_largest_linked_share_loo"] = float(null.loc[name, "largest_linked_share"])
    keys[f"{pre}_largest_linked_share_null_mean"] = float(
        null.loc[name, "largest_linked_share_null_mean"])
    return keys


def regional_footprints(panel: Panel, weights: pd.DataFrame, specialised: pd.DataFrame,
                        metrics: pd.DataFrame, backbone: nx.Graph, *, region: str,
                        comparison: Sequence[str], draws: np.ndarray, rng: np.random.Generator,
                        method: str, backbone_degree: float, threshold: float = 1.0
                        ) -> Indicator:
    r"""Every prefecture's footprint on the industry space, against random portfolios.

    Weighted measures of :func:`smartregion.relatedness.regional_network_measures`
    (coherence, footprint density, footprint centrality, candidate density) on ``weights``;
    from the backbone, the mean degree of the specialisations (degree from ``metrics``) and
    the share of them in their largest linked group
    (:func:`smartregion.network.footprint_table`). Against ``draws`` (curveball draws of
    ``specialised``, Strona et al. 2014),
    :func:`smartregion.nullmodel.null_network_measures` with leave-one-out relatedness of
    ``method`` gives z-scores, :math:`z = (x - \bar x_{null}) / s_{null}`, and
    percentiles; the largest linked share is computed on the null for ``region`` and
    ``comparison`` only, on backbones of mean degree ``backbone_degree``. Ranks count from the
    highest value.

    Returns
    -------
    Indicator
        ``table``: measures, percentiles and ranks by prefecture, by coherence z-score.
        ``parts``: ``"measures"``, ``"ranks"``, ``"null"`` (the null summary with its
        ``attrs``), ``"null_table"`` (without the largest-share columns), ``"shown"``,
        ``"order"`` (the prefectures in the order of the null draws' columns).
        ``key_numbers``: ``n_null_draws``; per prefecture shown (prefix
        :func:`region_key`) each measure, its rank and null percentile, the leave-one-out
        largest linked share and its null mean; ``n_beyond_null_*``, ``n_below_null_*``
        (outside the central 95%) and four correlations across prefectures.
    """
    shown = [region, *comparison]
    fp = regional_network_measures(panel, weights, threshold=threshold)
    mm = specialised.to_numpy(dtype=float)
    fp["mean_degree_backbone"] = (mm @ metrics["degree"].reindex(specialised.columns).to_numpy()
                                  / mm.sum(1))
    on_bb = nw.footprint_table(backbone, specialised, relatedness=weights).reindex(fp.index)
    fp["largest_cluster_backbone"] = on_bb["largest_cluster"]
    fp["share_in_largest_cluster"] = on_bb["largest_cluster"] / on_bb["n_specialised"]
    null = null_network_measures(specialised, draws=draws, rng=rng, leave_one_out=True,
                                 method=method, backbone_degree=backbone_degree,
                                 backbone_regions=shown)
    for c in NULL_MEASURES:
        fp[f"{c}_z"] = null[f"{c}_z"]
        fp[f"{c}_percentile"] = null[f"{c}_percentile"]
    cols = FOOTPRINT_COLUMNS
    # nullable integers: a measure without a value (a z-score of a null without spread) has
    # no rank, and the key number of that rank is None
    ranks = fp[cols].rank(ascending=False, method="min").astype("Int64").add_prefix("rank_")
    table = pd.concat([fp[cols], fp.filter(like="_percentile"), ranks], axis=1).sort_values(
        "coherence_z", ascending=False)
    keys: dict[str, Any] = {"n_null_draws": int(null.attrs["n_draws"])}
    for r in shown:
        keys.update(_footprint_keys(fp, ranks, null, r, region_key(r, region)))
    for c in NULL_MEASURES:
        keys[f"n_beyond_null_{c}"] = int((null[f"{c}_percentile"] > 97.5).sum())
        keys[f"n_below_null_{c}"] = int((null[f"{c}_percentile"] < 2.5).sum())
    for name, a, b in [("coherence_n_specialised", "coherence", "n_specialised"),
                       ("coherence_z_n_specialised", "coherence_z", "n_specialised"),
                       ("degree_footprint_density", "mean_degree_backbone", "footprint_density"),
                       ("share_largest_n_specialised", "share_in_largest_cluster",
                        "n_specialised")]:
        keys[f"corr_{name}"] = float(fp[a].corr(fp[b]))
    null_table = null.drop(columns=[c for c in null.columns if c.startswith("largest")])
    return Indicator(table, keys, {"measures": fp, "ranks": ranks, "null": null,
                                   "null_table": null_table, "shown": shown,
                                   "order": list(specialised.index)})


def footprint_sensitivity(space: nx.Graph, specialised: pd.DataFrame, *, region: str,
                          regions: Sequence[str], draws: np.ndarray, method: str,
                          degrees: Sequence[float] = (3.0, 4.0, 5.0, 6.0)) -> Indicator:
    """The largest linked share of ``regions`` over backbone mean degrees ``degrees``.

    :func:`smartregion.nullmodel.backbone_sensitivity` with leave-one-out relatedness of
    ``method`` and the same ``draws`` as :func:`regional_footprints`.

    Returns
    -------
    Indicator
        ``table``: one row per region and degree (share, rank, null percentile).
        ``key_numbers``: ``region_share_{rank,percentile}_{min,max}_over_degrees``.
    """
    sens = backbone_sensitivity(space, specialised, degrees=tuple(degrees), regions=regions,
                                draws=draws, leave_one_out=True, method=method)
    own = sens.loc[sens["region"] == region]
    keys = {"region_share_rank_min_over_degrees": int(own["rank"].min()),
            "region_share_rank_max_over_degrees": int(own["rank"].max()),
            "region_share_percentile_min_over_degrees": float(own["percentile"].min()),
            "region_share_percentile_max_over_degrees": float(own["percentile"].max())}
    return Indicator(sens, keys)


def backbone_footprint_reading(footprints: Indicator, sensitivity: Indicator, *,
                               region: str) -> dict[str, str]:
    """Is the region's largest linked share more, less or no more linked than chance?

    The observed share's percentile among the null draws (:func:`regional_footprints`) is
    read in the tails of the central 95% (:func:`tail_of`); the reading "holds" over the
    backbone degrees of :func:`footprint_sensitivity` when every degree falls in the same
    tail. Returns ``region_footprint_reading`` and ``region_share_reading_over_degrees``.

    >>> fp = Indicator(pd.DataFrame(), {}, {"null": pd.DataFrame(
    ...     {"largest_linked_share_percentile": [1.0]}, index=["A"])})
    >>> sens = Indicator(pd.DataFrame({"region": ["A", "A"], "percentile": [2.0, 40.0]}), {})
    >>> backbone_footprint_reading(fp, sens, region="A")["region_share_reading_over_degrees"]
    'the reading depends on the backbone rule'
    """
    pct = float(footprints.parts["null"].loc[region, "largest_linked_share_percentile"])
    tail = tail_of(pct)
    reading = {1: "more linked than random portfolios of its size",
               -1: "less linked than random portfolios of its size",
               0: "no different from random portfolios of its size"}[tail]
    sens = sensitivity.table
    same = {tail_of(v) for v in sens.loc[sens["region"] == region, "percentile"]} == {tail}
    return {"region_footprint_reading": reading,
            "region_share_reading_over_degrees": "the reading holds" if same else
            "the reading depends on the backbone rule"}


# --------------------------------------------------------------------------------------------
# 6: related and unrelated variety
# --------------------------------------------------------------------------------------------

def prefecture_variety(panel: Panel, major_group: pd.Series, major_names: Mapping[Any, str], *,
                       region: str) -> Indicator:
    r"""Related and unrelated variety of every prefecture, and what carries the region's.

    Entropy of persons engaged over minor groups in bits, split between the major groups
    :math:`g` (unrelated variety, :math:`UV = \sum_g P_g \log_2(1/P_g)`) and within them
    (related variety, :math:`RV = \sum_g P_g H_g`), Frenken, Van Oort & Verburg (2007), with
    the nested decomposition over major groups and divisions. The region's related variety is
    split into the contributions :math:`P_g H_g` of its major groups (``major_group``: the
    major group of each minor group; ``major_names``: their names) and set against the mean
    contribution over the prefectures.

    Returns
    -------
    Indicator
        ``table``: variety, ranks and the nested decomposition, by related variety.
        ``parts``: ``"variety"``, ``"ranks"``, ``"by_major_group"`` (contribution of each
        major group: region, mean, difference). ``key_numbers``:
        ``region_{total,related,unrelated}_variety`` and their ranks
        ``region_rank_*_variety``, ``corr_related_unrelated``.

    Raises
    ------
    ValueError
        The contributions do not add up to the region's related variety.
    """
    variety = related_unrelated_variety(panel, level="major_group", base=2)
    vranks = variety.rank(ascending=False, method="min").astype(int).add_prefix("rank_")
    nested = variety_decomposition(panel, levels=["major_group", "division"], base=2)
    table = pd.concat([variety, vranks, nested.drop(columns="total")], axis=1)
    table = table.sort_values("related", ascending=False)
    shares = panel.matrix().div(panel.matrix().sum(axis=1), axis=0)
    p_g = shares.T.groupby(major_group).sum().T
    plogp = -(shares * np.log2(shares.where(shares > 0))).fillna(0.0)
    within = (plogp.T.groupby(major_group).sum().T
              + p_g * np.log2(p_g.where(p_g > 0))).fillna(0.0)  # P_g H_g by major group
    by_group = pd.DataFrame({"name": pd.Series(major_names).reindex(within.columns),
                             "contribution_region": within.loc[region],
                             "contribution_mean": within.mean(),
                             "difference": within.loc[region] - within.mean()})
    by_group = by_group.sort_values("difference", ascending=False)
    if not np.isclose(within.loc[region].sum(), variety.loc[region, "related"]):
        raise ValueError("the major groups' contributions do not add up to the related variety "
                         f"of {region}")
    keys: dict[str, Any] = {}
    for c in ["total", "related", "unrelated"]:
        keys[f"region_{c}_variety"] = float(variety.loc[region, c])
        keys[f"region_rank_{c}_variety"] = int(vranks.loc[region, f"rank_{c}"])
    keys["corr_related_unrelated"] = float(variety["related"].corr(variety["unrelated"]))
    return Indicator(table, keys, {"variety": variety, "ranks": vranks,
                                   "by_major_group": by_group})


# --------------------------------------------------------------------------------------------
# 7: economic complexity
# --------------------------------------------------------------------------------------------

def _complexity_keys(table: pd.DataFrame, *, region: str, cdiag: Mapping[str, Any],
                     agree: Mapping[str, Any], n_filtered: int, n_boot: int) -> dict[str, Any]:
    problems = cdiag["problems"]
    return {
        "region_eci": float(table.loc[region, "eci"]),
        "region_eci_rank": int(table.loc[region, "rank"]),
        "region_eci_rank_low": int(table.loc[region, "rank_low"]),
        "region_eci_rank_high": int(table.loc[region, "rank_high"]),
        "region_eci_rank_noise_filtered": int(table.loc[region, "rank_noise_filtered"]),
        "n_bootstrap_draws": n_boot,
        "median_eci_rank_interval_width": float(table["width"].median()),
        "corr_eci_diversity": float(table["eci"].corr(table["diversity"])),
        "eci_gap_ratio": float(cdiag["gap_ratio"]),
        "corr_pci_ubiquity": float(cdiag["corr_pci_ubiquity"]),
        "n_complexity_problems": len(problems),
        "complexity_axis_reading": "well conditioned on these checks" if not problems
        else "ill-conditioned (" + "; ".join(problems) + ")",
        "rank_agreement_eci_fitness": agree["regions"],
        "rank_agreement_pci_fitness": agree["industries"],
        "n_industries_noise_filtered_out": n_filtered}


def complexity_ranking(panel: Panel, specialised: pd.DataFrame, *, region: str,
                       rng: np.random.Generator, n_draws: int, min_industry_size: float,
                       min_ubiquity: int, threshold: float = 1.0, level: float = 0.9
                       ) -> Indicator:
    """The region's ECI rank among the prefectures, with its conditioning and stability.

    ECI and PCI by the eigenvector method (Hidalgo & Hausmann 2009) on the binary
    specialisation matrix; :func:`smartregion.stability.complexity_diagnostics` (eigenvalue
    gap, PCI-ubiquity correlation); rank intervals (central ``level``) from ``n_draws``
    bootstrap samples of prefectures (:func:`smartregion.stability.bootstrap_complexity`,
    drawing from ``rng``); rank agreement with fitness-complexity (Tacchella et al. 2012);
    and the rank after the noise filter (minor groups below ``min_industry_size`` persons or
    ``min_ubiquity`` specialised prefectures left out). ``specialised`` gives diversity.

    Returns
    -------
    Indicator
        ``table``: ECI, diversity, rank, noise-filtered rank and interval, by ECI.
        ``parts``: ``"intervals"``, ``"diagnostics"``, ``"filtered_out"`` (the industries
        the filter leaves out, with the reason), ``"pci"``. ``key_numbers``: the section 7
        names of notebook 04 (``region_eci_rank`` ...), ``min_industry_size``,
        ``min_ubiquity`` and ``region_share_specialised_in_top_decile_pci``.
    """
    cx = economic_complexity(panel, threshold=threshold)
    table = pd.DataFrame({"eci": cx.eci, "diversity": specialised.sum(axis=1)})
    table["rank"] = table["eci"].rank(ascending=False, method="min").astype(int)
    cdiag = complexity_diagnostics(panel, threshold=threshold)
    boot = bootstrap_complexity(panel, n_draws=n_draws, rng=rng, threshold=threshold)
    intervals = rank_intervals(boot.ranks, table["rank"], level=level)
    agree = complexity_agreement(panel, threshold=threshold)
    filt = noise_filter(panel, min_industry_size=min_industry_size, min_ubiquity=min_ubiquity,
                        threshold=threshold)
    eci_f = economic_complexity(filt.panel, threshold=threshold).eci
    table["rank_noise_filtered"] = eci_f.rank(ascending=False, method="min").astype(int)
    table = pd.concat([table, intervals.drop(columns="rank")], axis=1).sort_values(
        "eci", ascending=False)
    dropped = filt.industries.loc[~filt.industries["kept"]]
    keys = _complexity_keys(table, region=region, cdiag=cdiag, agree=agree,
                            n_filtered=len(dropped), n_boot=len(boot.ranks))
    keys.update({"min_industry_size": min_industry_size, "min_ubiquity": min_ubiquity})
    top = (pd.DataFrame({"pci": cx.pci, "specialised": specialised.loc[region].astype(bool)})
           .sort_values("pci", ascending=False))
    keys["region_share_specialised_in_top_decile_pci"] = float(
        top.head(len(top) // 10)["specialised"].mean())
    return Indicator(table, keys, {"intervals": intervals, "diagnostics": cdiag,
                                   "filtered_out": dropped, "pci": cx.pci})


# --------------------------------------------------------------------------------------------
# 8: the reading; 9: maps
# --------------------------------------------------------------------------------------------

def prefecture_reading(specialised: pd.DataFrame, footprints: Indicator, variety: Indicator,
                       communities: Indicator, complexity: Indicator, *, region: str,
                       n_groups: int = 3, n_top: int = 5) -> dict[str, Any]:
    """The numbers the closing reading quotes beyond those of the sections.

    The share of all industries the region is specialised in; a sentence on coherence below
    and footprint density above the central 95% of the null (empty otherwise); the
    ``n_groups`` major groups adding most to its related variety; the backbone communities
    without a specialisation of the region (number, size and largest industries of the
    largest); the ``n_top`` prefectures by ECI.
    """
    null = footprints.parts["null"]
    pc, pd_ = (float(null.loc[region, f"{c}_percentile"])
               for c in ("coherence", "footprint_density"))
    comm = communities.table
    empty = comm.loc[comm["region_specialised"] == 0].sort_values("industries", ascending=False)
    rv = variety.parts["by_major_group"]
    return {
        "region_share_specialised_all": float(specialised.loc[region].mean()),
        "region_footprint_contrast":
            f" Its specialisations are more linked to each other than chance would make them, "
            f"yet each is related to many industries {region} does not have, so its share of "
            "each specialisation's related industries (coherence) is below chance."
            if pc < 2.5 and pd_ > 97.5 else "",
        "region_rv_top_groups": "; ".join(rv["name"].head(n_groups).astype(str)),
        "region_n_communities_without_specialisation": len(empty),
        "region_largest_community_without_specialisation_size":
            int(empty["industries"].iloc[0]) if len(empty) else 0,
        "region_largest_community_without_specialisation_examples":
            str(empty["largest_industries"].iloc[0]) if len(empty) else "none",
        "eci_top5": ", ".join(map(str, complexity.table.index[:n_top])),
    }


def industry_lq_map(panel: Panel, attributes: pd.DataFrame, specialisations: Indicator,
                    industry: Hashable | None, *, region: str) -> Indicator:
    """The location quotient of one industry in every prefecture, for a map.

    ``industry`` None takes the first of the region's top specialisations
    (:func:`region_specialisations`, ``parts["top"]``: highest LQ with enough persons).

    Returns
    -------
    Indicator
        ``table``: LQ of the industry by prefecture (one column ``lq``). ``parts``:
        ``"industry"``, ``"name"``, ``"lq"``. ``key_numbers``: ``map_industry``,
        ``map_industry_region_lq``, ``map_industry_n_lq_above_1``.

    Raises
    ------
    ValueError
        ``industry`` is not a minor group of the panel, or is None and the region has no
        top specialisation.
    """
    lq_all = location_quotient(panel)
    top = specialisations.parts["top"]
    if industry is None and top.empty:
        raise ValueError(f"{region} has no specialisation large enough to be mapped by default; "
                         "name the minor group to map (map_industry)")
    code = industry if industry is not None else str(top.index[0])
    if code not in lq_all.columns:
        raise ValueError(f"map_industry {code!r} is not a minor group of the census panel")
    name = str(attributes.loc[code, "name"])
    lq = lq_all[code]
    keys = {"map_industry": f"{code} ({name})", "map_industry_region_lq": float(lq[region]),
            "map_industry_n_lq_above_1": int((lq >= 1).sum())}
    return Indicator(lq.to_frame("lq"), keys, {"industry": code, "name": name, "lq": lq})


def map_join_numbers(prefs: pd.DataFrame, join: Any, repaired: Sequence[Any]) -> dict[str, Any]:
    """How the census joined the prefecture polygons: matched, no data, repaired geometries.

    ``join`` is the ``map_join`` record of a choropleth (``matched``, ``no_data``: region
    ids); ``prefs`` the polygons with ``region_id`` and ``name_en``; ``repaired`` the
    geometries the boundary loader made valid.
    """
    return {"map_n_prefectures_boundaries": len(prefs),
            "map_n_prefectures_matched": len(join.matched),
            "map_prefectures_no_data": ", ".join(
                prefs.set_index("region_id").loc[join.no_data, "name_en"]),
            "map_n_prefectures_no_data": len(join.no_data),
            "map_geometries_repaired": len(repaired)}
