"""Any region of any panel (notebook 07): specialisation, variety, complexity, footprint, change.

Every function takes a panel the caller has loaded (any validated region x industry (x time)
table, see :func:`smartregion.byod.load_panel`) and the region of interest, and returns a
:class:`smartregion.policy.Indicator`: the table written out, the frames a figure draws
(``parts``) and the key numbers (``key_numbers``) that
:meth:`smartregion.outputs.OutputWriter.record` stores in one call. The measures themselves
live in :mod:`smartregion.structure`, :mod:`smartregion.variety`,
:mod:`smartregion.complexity`, :mod:`smartregion.stability`, :mod:`smartregion.network`,
:mod:`smartregion.nullmodel` and :mod:`smartregion.policy`; this module sets the region
against every other region of the file and names the numbers. Nothing here assumes a country,
a classification or a number of regions: small or degenerate panels give warnings (returned in
``parts``), not errors, except where no number can be defined.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ..byod import input_warnings
from ..complexity import economic_complexity
from ..network import backbone, footprint_table, industry_space, node_metrics
from ..nullmodel import null_network_measures
from ..panel import Panel, PanelError, SmartRegionWarning
from ..policy import Indicator, specialisation_churn, target_selection
from ..relatedness import DEFAULT_METHOD, describe_relatedness, relatedness_diagnostics
from ..shiftshare import shift_share
from ..stability import (
    MIN_REGIONS,
    averaged_specialisation,
    bootstrap_complexity,
    complexity_agreement,
    complexity_diagnostics,
    rank_intervals,
    target_stability,
)
from ..structure import location_quotient, specialisation
from ..variety import related_unrelated_variety

__all__ = [
    "file_slug",
    "output_location",
    "panel_overview",
    "region_change",
    "region_complexity",
    "region_footprint",
    "region_industry_space",
    "region_lq",
    "region_targets",
    "region_variety",
    "shown_period",
]


def file_slug(text: Any) -> str:
    """A file-name-safe version of a label: runs of other characters become one ``_``.

    >>> file_slug("My City (2020)")
    'My_City_2020'
    """
    return re.sub(r"[^0-9A-Za-z]+", "_", str(text)).strip("_") or "x"


def output_location(data_file: Path, region: Any, output_dir: str, *, root: Path,
                    is_example: bool) -> tuple[str, str]:
    """Where a run on ``data_file`` writes, and a note when the requested folder is refused.

    Empty ``output_dir``: ``<root>/outputs/byod/<file>_<region>/``. The package's own
    ``<root>/outputs`` is refused for any file but the example (a user's results never
    overwrite the package's); the note says so, else it is empty.
    """
    package_outputs = (root / "outputs").resolve()
    default_dir = package_outputs / "byod" / f"{file_slug(data_file.stem)}_{file_slug(region)}"
    if not output_dir:
        return str(default_dir), ""
    if Path(output_dir).resolve() == package_outputs and not is_example:
        return str(default_dir), (f"note: {output_dir} holds the package's own results; "
                                  f"writing to {default_dir} instead (pass another output_dir "
                                  "to choose).")
    return output_dir, ""


def shown_period(panel: Panel, year: Any = None, *, region: Hashable,
                 data_name: str = "the file") -> tuple[Panel, Any]:
    """The one-period panel a reading shows and its period (``None`` without time).

    ``year`` ``None`` takes the latest period; it is cast to the type of the panel's periods
    (a papermill parameter may arrive as text or int).

    Raises
    ------
    ValueError
        ``region`` is not a region of the panel (the first regions are listed).
    """
    if panel.has_time:
        year = panel.times[-1] if year is None else type(panel.times[0])(year)
        one = panel.select(times=[year])
        one = Panel(one.values, one.regions, one.industries, None, hierarchy=one.hierarchy,
                    value_name=one.value_name)
    else:
        one = panel
    if region not in one.regions:
        raise ValueError(f"region {region!r} is not in {data_name}; regions include "
                         f"{list(one.regions[:10])}")
    return one, year


def panel_overview(panel: Panel, one: Panel, *, region: Hashable, year: Any = None,
                   relatedness: str = DEFAULT_METHOD) -> Indicator:
    """Size of the panel, the region's share of the total, and the panel's size warnings.

    ``region_share`` is :math:`\\sum_i x_{ri} / \\sum_{r,i} x_{ri}` in the period shown
    (``one``). The warnings are those of :func:`smartregion.byod.input_warnings` (too few
    regions for relatedness and complexity, ill-conditioned complexity axis ...), kept in
    ``parts["warnings"]``. The table holds every region's total and share.
    """
    totals = pd.Series(one.values[0].sum(axis=1), index=one.regions, name="total")
    table = totals.to_frame().assign(share=totals / one.values[0].sum())
    bad = input_warnings(one, relatedness=relatedness)
    keys = {"n_regions": len(panel.regions), "n_industries": len(panel.industries),
            "n_periods": len(panel.times) if panel.has_time else 1, "period_shown": year,
            "region": str(region),
            "region_share": float(one.values[0, list(one.regions).index(region)].sum()
                                  / one.values[0].sum()),
            "min_regions": MIN_REGIONS, "n_input_warnings": len(bad),
            "input_warnings": "; ".join(bad) if bad else "none"}
    return Indicator(table, keys, {"warnings": bad})


def region_lq(one: Panel, region: Hashable) -> Indicator:
    """Location quotients of every region; the region's specialisations (LQ >= 1).

    :math:`LQ_{ri} = (x_{ri} / \\sum_i x_{ri}) / (\\sum_r x_{ri} / \\sum_{r,i} x_{ri})`
    (Hoover 1936), against every region of the panel. ``parts["specialised"]``: the
    industries with :math:`LQ_{ri} \\ge 1`.
    """
    lq = location_quotient(one)
    row = lq.loc[region]
    return Indicator(lq, {"n_specialisations": int((row >= 1).sum()),
                          "top_lq_industry": str(row.idxmax()), "top_lq": float(row.max())},
                     {"specialised": lq.columns[(row >= 1).to_numpy()]})


def region_variety(one: Panel, region: Hashable) -> Indicator:
    """Related and unrelated variety of every region and the region's ranks (1 = highest).

    Entropy decomposition of Frenken, Van Oort & Verburg (2007): unrelated variety
    :math:`UV = \\sum_g P_g \\log_2(1/P_g)` between the groups of the first coarser
    hierarchy level, related variety :math:`RV = \\sum_g P_g H_g` within them. The
    unrelated-variety rank is in ``parts["unrelated_rank"]``.
    """
    var = related_unrelated_variety(one)
    keys = {"related_variety": float(var.loc[region, "related"]),
            "unrelated_variety": float(var.loc[region, "unrelated"]),
            "related_variety_rank": int(var["related"].rank(ascending=False,
                                                            method="min")[region])}
    uv_rank = int(var["unrelated"].rank(ascending=False, method="min")[region])
    return Indicator(var, keys, {"unrelated_rank": uv_rank})


def region_complexity(one: Panel, panel: Panel, region: Hashable, *, n_draws: int,
                      rng: np.random.Generator, level: float = 0.9) -> Indicator:
    """ECI of every region, the region's rank, its bootstrap interval and checks.

    ECI and PCI: eigenvector method of Hidalgo & Hausmann (2009) on LQ >= 1, z-scored; rank
    1 = most complex. Interval: central ``level`` of the ranks over ``n_draws`` bootstrap
    samples of regions (:func:`smartregion.stability.bootstrap_complexity`, drawn from
    ``rng``). Agreement: rank correlation of ECI with fitness (Tacchella et al. 2012). With
    two or more periods in ``panel``, ``eci_rank_averaged_lq`` ranks the region on the LQ
    averaged over the periods (the Atlas practice). ``parts``: ``eci``, ``pci``,
    ``intervals``, ``notes`` (warnings of the ECI estimation, as text).
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SmartRegionWarning)
        cx = economic_complexity(one)
    eci_rank = cx.eci.rank(ascending=False, method="min")
    table = pd.DataFrame({"eci": cx.eci, "rank": eci_rank,
                          "diversity": specialisation(one).sum(axis=1)}).sort_values("rank")
    eci_region = float(cx.eci.get(region, np.nan))
    diag = complexity_diagnostics(one, warn=False)
    boot = bootstrap_complexity(one, n_draws=n_draws, rng=rng)
    iv = rank_intervals(boot.ranks, eci_rank, level=level)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmartRegionWarning)
        agree = complexity_agreement(one)
    keys = {"eci": eci_region,
            "eci_rank": None if np.isnan(eci_region) else int(eci_rank[region]),
            "n_ranked": int(cx.eci.notna().sum()), "complexity_gap_ratio": diag["gap_ratio"],
            "corr_pci_ubiquity": diag["corr_pci_ubiquity"],
            "eci_rank_low": int(iv.loc[region, "rank_low"]),
            "eci_rank_high": int(iv.loc[region, "rank_high"]), "n_bootstrap_draws": n_draws,
            "rank_agreement_eci_fitness": agree["regions"]}
    if panel.has_time and len(panel.times) >= 2:  # the Atlas practice: LQ averaged over periods
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SmartRegionWarning)
            eci_avg = economic_complexity(averaged_specialisation(panel), binary=True).eci
        keys["eci_rank_averaged_lq"] = (int(eci_avg.rank(ascending=False, method="min")[region])
                                        if pd.notna(eci_avg.get(region)) else None)
    return Indicator(table, keys, {"eci": cx.eci, "pci": cx.pci, "intervals": iv,
                                   "notes": [str(w.message) for w in caught]})


def region_industry_space(one: Panel, weights: pd.DataFrame, region: Hashable, *,
                          avg_degree: float, seed: int, method: str = DEFAULT_METHOD
                          ) -> Indicator:
    """The industry space of ``weights``, its backbone, and the node metrics on the backbone.

    The backbone (:func:`smartregion.network.backbone`) is the maximum spanning tree plus the
    strongest links, at the lowest threshold with mean degree at most ``avg_degree``. Nodes
    carry ``size`` (the industry's total) and, with a hierarchy, the coarsest level with more
    than one group (``parts["group_level"]``). The first-axis diagnostic of the relatedness
    (:func:`smartregion.relatedness.relatedness_diagnostics`) is described in
    ``parts["described"]``. Table: :func:`smartregion.network.node_metrics` (seeded).
    """
    diag = relatedness_diagnostics(weights, one)
    attrs = pd.DataFrame({"size": one.values[0].sum(axis=0)}, index=one.industries)
    group_level = None
    if one.hierarchy is not None:
        # colour by the coarsest level with more than one group (fewest legend entries)
        levels = [c for c in one.hierarchy.columns if one.hierarchy[c].nunique() > 1]
        group_level = levels[-1] if levels else one.hierarchy.columns[0]
        attrs[group_level] = one.hierarchy[group_level]
    graph = industry_space(weights, attributes=attrs)
    bb = backbone(graph, avg_degree=avg_degree)
    keys = {"relatedness": method, "first_axis_share": diag["first_axis_share"],
            "corr_strength_ubiquity": diag["corr_strength_ubiquity"],
            "backbone_rule": bb.graph["rule"], "backbone_edges": bb.number_of_edges(),
            "space_components": nx.number_connected_components(graph),
            "backbone_threshold": bb.graph["threshold"],
            "backbone_mean_degree": bb.graph["mean_degree"]}
    return Indicator(node_metrics(bb, seed=seed), keys,
                     {"space": graph, "backbone": bb, "group_level": group_level,
                      "described": describe_relatedness(method, diag),
                      "n_industries": len(one.industries)})


def region_footprint(one: Panel, space: Indicator, weights: pd.DataFrame, region: Hashable, *,
                     n_draws: int, rng: np.random.Generator, avg_degree: float,
                     method: str = DEFAULT_METHOD) -> Indicator:
    """Footprint of every region on the backbone, and the region's place among random ones.

    Footprint (:func:`smartregion.network.footprint_table`): density, coherence (mean
    relatedness between a region's specialisations) and centrality. Null: ``n_draws``
    curveball portfolios keeping every region's number of specialisations and every
    industry's ubiquity, relatedness re-estimated without the region
    (:func:`smartregion.nullmodel.null_network_measures`, drawn from ``rng``);
    ``<measure>_null_percentile`` is the region's percentile among them (50: typical).
    ``parts["null"]``: the null table.
    """
    spec = specialisation(one)
    fp = footprint_table(space.parts["backbone"], spec, relatedness=weights)
    keys: dict[str, Any] = {}
    if "coherence" in fp.columns:
        keys["coherence"] = float(fp.loc[region, "coherence"])
        keys["coherence_rank"] = (int(fp["coherence"].rank(ascending=False,
                                                           method="min")[region])
                                  if pd.notna(fp.loc[region, "coherence"]) else None)
    null = null_network_measures(spec, n_draws=n_draws, rng=rng, leave_one_out=True,
                                 method=method, backbone_degree=avg_degree,
                                 backbone_regions=[region])
    for c in ("coherence", "footprint_density", "footprint_centrality", "largest_linked_share"):
        keys[f"{c}_null_percentile"] = float(null.loc[region, f"{c}_percentile"])
    return Indicator(fp, keys, {"null": null})


def region_targets(one: Panel, region: Hashable, *, n_draws: int, rng: np.random.Generator,
                   stable_share: float = 0.8, n_named: int = 5) -> Indicator:
    """Candidate industries by relatedness density and complexity, with their stability.

    Quadrants of :func:`smartregion.policy.target_selection` (density above zero and at or
    above the candidates' median; PCI above zero). A priority candidate is *stable* when it
    stays priority in at least ``stable_share`` of ``n_draws`` bootstrap samples of regions
    (:func:`smartregion.stability.target_stability`, drawn from ``rng``) and its fitness
    percentile exceeds 50. ``parts["named"]``: the first ``n_named`` stable candidates in
    the table's order (densest first). When no candidate has a defined density the table is
    empty and ``parts["warning"]`` says why.
    """
    warning = ""
    try:
        targets = target_selection(one, region)
    except PanelError as exc:  # no candidate with a defined density: say so, name no target
        warning = str(exc)
        targets = pd.DataFrame(columns=["density", "pci", "specialised", "quadrant"])
    if len(targets):
        stab = target_stability(one, region, n_draws=n_draws, rng=rng)
        targets = targets.join(stab[["share_priority", "fitness_percentile"]])
        targets["stable"] = ((targets["quadrant"] == "priority")
                             & (targets["share_priority"] >= stable_share)
                             & (targets["fitness_percentile"] > 50))
    named = targets.loc[targets["stable"]].head(n_named) if len(targets) else targets
    keys = {"n_candidates": len(targets),
            "n_priority_candidates": int((targets["quadrant"] == "priority").sum()),
            "n_stable_candidates": int(targets["stable"].sum()) if len(targets) else 0,
            "n_candidates_zero_density": int((targets["density"] == 0).sum()),
            "stable_share": stable_share,
            "stable_candidates": ", ".join(map(str, named.index)) if len(named) else "none"}
    return Indicator(targets, keys, {"named": named, "warning": warning})


def region_change(panel: Panel, region: Hashable) -> Indicator:
    """Change of the region between the first and the last period of ``panel``.

    Growth table: per industry :math:`g_i = x_{i1}/x_{i0} - 1` for the region and for all
    regions together, and the gap between them (sorted by change, largest gain first).
    ``parts["shift_share"]``: the decomposition of Dunn (1960) (national share, industry
    mix, regional share); ``parts["churn"]``: entries and exits of specialisations (LQ >= 1)
    of every region (:func:`smartregion.policy.specialisation_churn`).
    """
    t0, t1 = panel.times[0], panel.times[-1]
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
    churn = specialisation_churn(panel, start=t0, end=t1)
    keys = {"first_period": t0, "last_period": t1,
            "region_growth": float(x1.sum() / x0.sum() - 1) if x0.sum() > 0 else None,
            "national_growth": float(panel.values[-1].sum() / panel.values[0].sum() - 1),
            "entries": int(churn.loc[region, "entries"]),
            "exits": int(churn.loc[region, "exits"])}
    return Indicator(growth, keys, {"shift_share": shift_share(panel, start_time=t0,
                                                               end_time=t1),
                                    "churn": churn})
