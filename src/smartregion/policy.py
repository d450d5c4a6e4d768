"""Policy indicators: the smart-regional-innovation framework and target selection.

The KIET report (Kim Sunbae et al., 2018) groups smart regional innovation policy into four
measure areas and ends with seven proposals. :func:`framework_table` maps each proposal to the
indicators this package computes and says where evidence can only be quoted.
:func:`target_selection` is the two-axis view used for proposal 1 (Balland et al., 2019):
industries a region is not yet specialised in, placed by relatedness density (feasibility, low
risk) and product complexity (value, high return). :func:`specialisation_churn` counts entries
and exits of specialisations between periods, a data-driven proxy for the discovery activity
behind proposal 6.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal


import numpy as np
import pandas as pd

from .panel import Panel, PanelError, as_panel
from .relatedness import DEFAULT_METHOD, first_axis_share, relatedness_weights
from .structure import binary_array, lq_array


__all__ = ["MEASURE_AREAS", "QUADRANT_NAMES", "framework_table", "target_selection",
           "specialisation_churn", "density_complexity_correlation", "first_axis_share",
           "fixed_cells", "value_added_per_worker", "churn_measurable", "pooled_churn",
           "CHURN_MIN_BASE", "CHURN_MIN_EVENTS", "KNOWLEDGE_INTENSIVE_SERVICES",
           "PLATFORM_SERVICES", "region_industry_profile", "value_added_comparison",
           "specialisation_moves", "establishment_density", "stepping_stones",
           "unit_indices", "Indicator", "value_added_blocks", "ratio_peak_cells",
           "local_shift_share", "relatedness_paths", "establishment_change",
           "profile_key_numbers", "hysteresis_churn", "churn_noise_benchmark",
           "HYSTERESIS_LOWER", "HYSTERESIS_UPPER", "churn_against_group", "matched_group_gap"]


#: ``(high relatedness density, high complexity) -> quadrant name`` used in tables and figures.
QUADRANT_NAMES = {
    (True, True): "priority",
    (True, False): "easy diversification",
    (False, True): "long shot",
    (False, False): "avoid",
}

MEASURE_AREAS = pd.DataFrame(
    [
        ("M1", "Multilateral connections and a stronger regional industry structure",
         "related and unrelated variety; coherence and centrality of specialisations on the "
         "industry space; relatedness density"),
        ("M2", "An open-innovation base for a start-up ecosystem",
         "establishment dynamics; university spin-outs and research-park tenancy (quoted)"),
        ("M3", "New-business support suited to the platform economy",
         "stock of internet-based service businesses (JSIC 401, persons engaged and "
         "establishments, location quotient); entry into them is not measurable with the "
         "packaged data (one census year; the municipal tables cover manufacturing only)"),
        ("M4", "A foundation for smartisation",
         "economic complexity (ECI) of the regional portfolio; R&D intensity (quoted)"),
    ],
    columns=["area", "measure", "indicators"],
).set_index("area")


def framework_table() -> pd.DataFrame:
    """The seven proposals, their measure area, indicators, package functions and evidence.

    Columns: ``proposal`` (number), ``title``, ``area`` (M1-M4), ``indicator``, ``computed_by``
    (smartregion functions), ``kyoto`` and ``shenzhen`` (``"computed"``, ``"quoted"`` or
    ``"missing"``: what the public data allow for each case).

    Examples
    --------
    >>> t = framework_table()
    >>> len(t), sorted(t["area"].unique())
    (7, ['M1', 'M2', 'M4'])
    """
    rows = [
        (1, "Overhaul how target industries are selected for specialisation and diversification",
         "M1", "relatedness density (co-specialisation association) vs product complexity of "
         "non-specialised industries; density-complexity correlation in every region",
         "policy.target_selection, policy.density_complexity_correlation, "
         "relatedness.cospecialisation_relatedness, complexity.pci", "computed", "missing"),
        (2, "Designate the optimal spatial unit and revitalise industrial linkages", "M1",
         "rank stability of indices across wards, city and prefecture; regression "
         "coefficients across units", "models.spatial_unit_sensitivity, "
         "models.coefficient_sensitivity",
         "computed", "missing"),
        (3, "Restructure traditional industries to add value", "M1",
         "value added per worker on cells published every year; shift-share of employment; "
         "relatedness paths from traditional groups to complex ones",
         "policy.value_added_comparison, shiftshare.shift_share, policy.stepping_stones",
         "computed", "quoted"),
        (4, "Build a market-led, innovative entrepreneurship ecosystem", "M2",
         "establishment counts and their change; business share of R&D (quoted)",
         "datasets (establishments), facts", "computed", "quoted"),
        (5, "Start-ups built on industry-academia cooperation", "M2",
         "university spin-outs, research-park tenants (quoted series)", "facts", "quoted",
         "quoted"),
        (6, "A business-development system founded on entrepreneurial discovery (EDP)", "M4",
         "entries and exits of specialisations (churn), pooled over small units where a "
         "single unit has too few events", "policy.specialisation_churn, policy.pooled_churn, "
         "policy.churn_measurable", "computed", "missing"),
        (7, "A platform-based foundation for regional innovation governance", "M4",
         "centrality of knowledge-intensive service industries on the industry space; "
         "intermediary institutions (quoted)", "network.node_metrics, network.industry_space",
         "computed", "quoted"),
    ]
    return pd.DataFrame(rows, columns=["proposal", "title", "area", "indicator", "computed_by",
                                       "kyoto", "shenzhen"]).set_index("proposal")


def _cut(values: pd.Series, rule: float | Literal["median", "mean"]) -> float:
    if rule == "median":
        return float(values.median())
    if rule == "mean":
        return float(values.mean())
    return float(rule)


def target_selection(
    data: Panel | pd.DataFrame,
    region: Hashable,
    *,
    time: Hashable | None = None,
    relatedness_matrix: pd.DataFrame | None = None,
    complexity_method: str = "eigenvector",
    density_cut: float | Literal["median", "mean"] = "median",
    complexity_cut: float | Literal["median", "mean"] = 0.0,
    include_specialised: bool = False,
    threshold: float = 1.0,
    eligible: list[Hashable] | pd.Index | None = None,
    relatedness_method: str = DEFAULT_METHOD,
) -> pd.DataFrame:
    r"""Place a region's candidate industries by relatedness density and complexity.

    For region :math:`r` and each industry :math:`i` with :math:`M_{ri} = 0`:

    .. math::

        \text{quadrant}_{ri} = \big(\omega_{ri} \ge c_\omega,\; PCI_i \ge c_{PCI}\big)

    where :math:`\omega` is relatedness density (weighted by the package's default
    relatedness, co-specialisation over its independence expectation, see
    :func:`smartregion.relatedness.relatedness_weights`) and PCI is product complexity
    (Hidalgo & Hausmann 2009), standardised over all industries. The density cut defaults to
    the median over the candidates (high = denser than half of the region's options). The
    complexity cut defaults to 0, the average industry, and whatever cut is given, an industry
    counts as high complexity only if its PCI is also positive
    (:math:`PCI_i \ge c_{PCI}` and :math:`PCI_i > 0`): a median over candidates that are
    mostly simple would otherwise call below-average industries "complex". Likewise a density
    of 0 (none of the industry's related industries is present) is never high, even when the
    median candidate also has 0, as happens with a sparse relatedness. Quadrants:
    ``"priority"`` (high density, high complexity: feasible and valuable),
    ``"easy diversification"`` (high density, low complexity), ``"long shot"`` (low density,
    high complexity), ``"avoid"`` (low, low). This operationalises the
    relatedness/complexity framework of Balland et al. (2019); their exact cut-offs are not
    used (they are not published as thresholds), so the cuts are parameters.

    Parameters
    ----------
    data : Panel or wide DataFrame
    region : label
    time : label, optional
        Required when the panel has several periods.
    relatedness_matrix : DataFrame, optional
        Industry x industry relatedness; default :func:`relatedness_weights` of the same
        period under ``relatedness_method``.
    complexity_method : str
        Passed to :func:`smartregion.complexity.pci`.
    density_cut, complexity_cut : float or {"median", "mean"}
        Cuts; "median"/"mean" are taken over the candidates. High complexity also needs
        PCI > 0 whatever the complexity cut.
    include_specialised : bool
        Also list the industries the region is already specialised in (flagged).
    threshold : float
        RCA threshold for specialisation.
    eligible : list of industries, optional
        Industries that can be targets (e.g. without head-office units). Others are left out
        of the candidates and of the cuts (density and PCI still use every industry); their
        number is in ``attrs["not_eligible"]``.
    relatedness_method : {"cospecialisation", "proximity"}, default ``DEFAULT_METHOD``
        Relatedness used when ``relatedness_matrix`` is not given. Changed default: it was the
        proximity before co-specialisation became the package default
        (:data:`smartregion.relatedness.DEFAULT_METHOD`, whose comment gives the diagnostic);
        ``relatedness_method="proximity"`` gives the former quadrants.

    Returns
    -------
    DataFrame indexed by industry: ``density``, ``pci``, ``specialised``, ``quadrant``, sorted
    by quadrant priority then density.

    References
    ----------
    Balland, P.-A., Boschma, R., Crespo, J., & Rigby, D. L. (2019). Smart specialization
    policy in the European Union: relatedness, knowledge complexity and regional
    diversification. *Regional Studies*, 53(9), 1252-1268.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> x = pd.DataFrame(rng.integers(1, 50, size=(8, 6)), index=list("abcdefgh"),
    ...                  columns=[f"i{k}" for k in range(6)])
    >>> t = target_selection(x, "a", relatedness_method="proximity")  # 8 regions: too few
    ... # for a significant co-specialisation
    >>> list(t.columns), bool((~t["specialised"]).all())
    (['density', 'pci', 'specialised', 'quadrant'], True)
    """
    from .complexity import pci as _pci
    from .relatedness import relatedness_density

    panel = as_panel(data)
    if panel.has_time:
        if time is None:
            raise PanelError("the panel has several periods; pass time=... to target_selection.")
        panel = panel.select(times=[time])
        panel = Panel(panel.values, panel.regions, panel.industries, None,
                      hierarchy=panel.hierarchy, value_name=panel.value_name, meta=panel.meta)
    if region not in panel.regions:
        raise PanelError(f"region {region!r} is not in the panel.")
    _, m = binary_array(panel, threshold=threshold)
    if relatedness_matrix is None:
        relatedness_matrix = relatedness_weights(panel, method=relatedness_method,
                                                 threshold=threshold)
    dens = relatedness_density(panel, relatedness_matrix, threshold=threshold)
    comp = _pci(panel, method=complexity_method, threshold=threshold)
    comp = comp if isinstance(comp, pd.Series) else comp.iloc[:, 0]
    r = panel.regions.get_loc(region)
    table = pd.DataFrame({
        "density": dens.loc[region].to_numpy(dtype=float),
        "pci": comp.reindex(panel.industries).to_numpy(dtype=float),
        "specialised": m[0, r].astype(bool),
    }, index=panel.industries)
    n_not_eligible = 0
    if eligible is not None:
        keep = table.index.isin(list(eligible))
        n_not_eligible = int((~keep).sum())
        table = table.loc[keep]
    cand = table.loc[~table["specialised"]].dropna()
    if cand.empty:
        raise PanelError(f"region {region!r} has no candidate industries with defined density "
                         "and complexity.")
    cd, cc = _cut(cand["density"], density_cut), _cut(cand["pci"], complexity_cut)
    hi_d = (table["density"] >= cd) & (table["density"] > 0)  # no related industry: not high
    hi_c = (table["pci"] >= cc) & (table["pci"] > 0)  # "high complexity" is above average
    table["quadrant"] = np.select(
        [hi_d & hi_c, hi_d & ~hi_c, ~hi_d & hi_c],
        [QUADRANT_NAMES[(True, True)], QUADRANT_NAMES[(True, False)],
         QUADRANT_NAMES[(False, True)]], default=QUADRANT_NAMES[(False, False)])
    table.loc[table["density"].isna() | table["pci"].isna(), "quadrant"] = "undefined"
    table.loc[table["specialised"], "quadrant"] = "specialised"
    if not include_specialised:
        table = table.loc[~table["specialised"]]
    order = {"priority": 0, "easy diversification": 1, "long shot": 2, "avoid": 3,
             "specialised": 4, "undefined": 5}
    table = table.assign(_o=table["quadrant"].map(order)).sort_values(
        ["_o", "density"], ascending=[True, False]).drop(columns="_o")
    table.attrs.update(density_cut=cd, complexity_cut=cc, region=region, time=time,
                       not_eligible=n_not_eligible)
    return table


def specialisation_churn(
    data: Panel,
    *,
    start: Hashable,
    end: Hashable,
    threshold: float = 1.0,
) -> pd.DataFrame:
    r"""Entries and exits of specialisations per region between two periods.

    .. math::

        \text{entries}_r = \sum_i (1 - M_{ri,s}) M_{ri,e}, \qquad
        \text{exits}_r = \sum_i M_{ri,s} (1 - M_{ri,e})

    with ``churn = (entries + exits) / diversity at start`` (NaN for a region with no
    specialisation at the start). Neffke, Henning & Boschma (2011) study such entries and exits.
    ``measurable`` applies :func:`churn_measurable` (enough specialisations and events for
    the rate to mean anything); where it is False, report that churn cannot be measured at
    this unit, or pool regions with :func:`pooled_churn`.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[[2., 1.], [1., 2.]], [[1., 2.], [1., 2.]]])
    >>> p = Panel(x, ["a", "b"], ["i", "j"], [2000, 2010])
    >>> c = specialisation_churn(p, start=2000, end=2010)
    >>> c[["entries", "exits"]].to_numpy().tolist(), c["measurable"].tolist()
    ([[1, 0], [1, 0]], [False, False])
    """
    panel = as_panel(data)
    if not panel.has_time:
        raise PanelError("specialisation_churn needs a panel with a time dimension.")
    _, m = binary_array(panel, threshold=threshold)
    s, e = panel._time_pos(start), panel._time_pos(end)
    ms, me = m[s], m[e]
    entries = ((1 - ms) * me).sum(axis=1)
    exits = (ms * (1 - me)).sum(axis=1)
    div = ms.sum(axis=1)
    churn = np.full(div.shape, np.nan)
    np.divide(entries + exits, div, out=churn, where=div > 0)
    events = entries + exits
    return pd.DataFrame({"diversity_start": div.astype(int), "entries": entries.astype(int),
                         "exits": exits.astype(int), "churn": churn,
                         "measurable": churn_measurable(div, events)}, index=panel.regions)


# --------------------------------------------------------------------------- proposal 1
def density_complexity_correlation(
    data: Panel | pd.DataFrame,
    *,
    relatedness_matrix: pd.DataFrame | None = None,
    complexity_method: str = "eigenvector",
    threshold: float = 1.0,
    relatedness_method: str = DEFAULT_METHOD,
) -> pd.Series:
    r"""Correlation of relatedness density and PCI over each region's candidate industries.

    .. math::

        \rho_r = \mathrm{corr}\big(\omega_{ri}, PCI_i\big)
        \quad \text{over } i \text{ with } M_{ri} = 0

    (Pearson). A single region's :math:`\rho_r` is a finding about that region only if it
    stands out from the other regions' values: a strongly negative :math:`\rho` everywhere
    says the relatedness measure itself ranks simple industries as close to everything
    (Balland et al. 2019 discuss the trade-off; Pinheiro et al. 2022 show it in country
    data). Regions with fewer than three candidates get NaN.

    Parameters
    ----------
    data : Panel or wide DataFrame (one period)
    relatedness_matrix : DataFrame, optional
        Industry x industry weights for the density (default: :func:`relatedness_weights`
        under ``relatedness_method``).
    complexity_method : str
        Passed to :func:`smartregion.complexity.pci`.
    threshold : float
    relatedness_method : {"cospecialisation", "proximity"}, default ``DEFAULT_METHOD``
        Changed default: it was the proximity before co-specialisation became the package
        default; ``relatedness_method="proximity"`` gives the former values.

    Returns
    -------
    Series indexed by region, named ``"corr_density_pci"``.

    References
    ----------
    Balland, P.-A., Boschma, R., Crespo, J., & Rigby, D. L. (2019). Smart specialization
    policy in the European Union. *Regional Studies*, 53(9), 1252-1268.

    Pinheiro, F. L., Hartmann, D., Boschma, R., & Hidalgo, C. A. (2022). The time and
    frequency of unrelated diversification. *Research Policy*, 51(8), 104323.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> x = pd.DataFrame(rng.integers(1, 60, size=(10, 7)), index=list("abcdefghij"),
    ...                  columns=[f"i{k}" for k in range(7)])
    >>> density_complexity_correlation(x, relatedness_method="proximity").between(-1, 1).all()
    np.True_
    """
    from .complexity import pci as _pci
    from .relatedness import relatedness_density

    panel = _one_period(as_panel(data))
    _, m = binary_array(panel, threshold=threshold)
    if relatedness_matrix is None:
        relatedness_matrix = relatedness_weights(panel, method=relatedness_method,
                                                 threshold=threshold)
    dens = relatedness_density(panel, relatedness_matrix, threshold=threshold).to_numpy(float)
    comp = _pci(panel, method=complexity_method, threshold=threshold)
    comp = comp if isinstance(comp, pd.Series) else comp.iloc[:, 0]
    p = comp.reindex(panel.industries).to_numpy(dtype=float)
    out = np.full(len(panel.regions), np.nan)
    for r in range(len(panel.regions)):
        ok = (m[0, r] == 0) & np.isfinite(dens[r]) & np.isfinite(p)
        if ok.sum() >= 3 and np.std(dens[r, ok]) > 0 and np.std(p[ok]) > 0:
            out[r] = np.corrcoef(dens[r, ok], p[ok])[0, 1]
    return pd.Series(out, index=panel.regions, name="corr_density_pci")


def _one_period(panel: Panel) -> Panel:
    if panel.has_time:
        if len(panel.times) != 1:
            raise PanelError("pass a single period (panel.select(times=[t])).")
        panel = Panel(panel.values, panel.regions, panel.industries, None,
                      hierarchy=panel.hierarchy, value_name=panel.value_name, meta=panel.meta)
    return panel


# --------------------------------------------------------------------------- proposal 3
def fixed_cells(long: pd.DataFrame, *, years: list[Hashable], columns: tuple[str, ...] = (
        "va", "emp"), cell: tuple[str, ...] = ("region", "industry"),
        time: str = "year") -> pd.DataFrame:
    """Rows of the cells published (finite, and > 0 for the last column) in every year.

    Published tables suppress different cells in different years, so a group total over "the
    published cells" covers a different set of plants each year (a group can cover many
    workers in one year and none in the next). Keeping only the cells (``cell`` columns) whose
    ``columns`` are published in **every** year of ``years`` gives a ratio whose changes are
    changes within a fixed set of region x industry cells. The report in ``.attrs`` counts the
    cells kept and dropped.

    Parameters
    ----------
    long : DataFrame
        One row per cell and year with the ``columns`` (NaN = not published).
    years : list
        The window; a cell missing in any of these years is dropped.
    columns : tuple of str
        Values that must be published; the last one (the denominator) must also be > 0.

    Returns
    -------
    DataFrame of the rows of kept cells in ``years``; ``attrs["cells_kept"]``,
    ``attrs["cells_dropped"]``.
    """
    cell = list(cell)
    missing = [c for c in [*cell, time, *columns] if c not in long.columns]
    if missing:
        raise PanelError(f"fixed_cells: columns {missing} not in the table "
                         f"(has {list(long.columns)}).")
    sub = long.loc[long[time].isin(years)]
    ok = np.ones(len(sub), dtype=bool)
    for c in columns:
        ok &= np.isfinite(pd.to_numeric(sub[c], errors="coerce").to_numpy(dtype=float))
    ok &= sub[columns[-1]].to_numpy(dtype=float) > 0
    n_ok = pd.Series(ok, index=sub.index).groupby([sub[c] for c in cell]).sum()
    full = n_ok.index[n_ok.to_numpy() == len(set(years))]
    key = pd.MultiIndex.from_frame(sub[cell])
    out = sub.loc[key.isin(full)].copy()
    out.attrs.update(cells_kept=int(len(full)), cells_dropped=int(len(n_ok) - len(full)))
    return out


def value_added_per_worker(
    long: pd.DataFrame,
    by: list[str],
    *,
    value: str = "va",
    workers: str = "emp",
    scale: float = 1.0,
) -> pd.DataFrame:
    r"""Value added per worker of groups of cells: a ratio of sums, and its cell count.

    .. math::

        v_g = s \, \frac{\sum_{c \in g} VA_c}{\sum_{c \in g} L_c}

    (labour productivity of the group; the employment-weighted mean of the cells' ratios).
    ``scale`` converts units (e.g. 0.01 for value added in 10,000 yen to million yen per
    worker). Use :func:`fixed_cells` first so that every group covers the same cells each
    year. Values are in current prices unless the caller deflates ``value``.

    Returns
    -------
    DataFrame indexed by ``by`` with ``value_added``, ``workers``, ``va_per_worker``,
    ``cells``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"g": ["a", "a", "b"], "va": [300., 100., 50.], "emp": [10., 30., 5.]})
    >>> value_added_per_worker(t, ["g"])["va_per_worker"].tolist()
    [10.0, 10.0]
    """
    g = long.groupby(by)
    out = pd.DataFrame({"value_added": g[value].sum(), "workers": g[workers].sum(),
                        "cells": g[value].size()})
    out["va_per_worker"] = scale * out["value_added"] / out["workers"]
    return out


# --------------------------------------------------------------------------- proposal 6
#: Least number of specialisations at the start for a churn rate to be reported.
CHURN_MIN_BASE = 30
#: Least number of events (entries + exits) for a churn rate to be reported.
CHURN_MIN_EVENTS = 10


def churn_measurable(diversity_start: pd.Series | np.ndarray | int,
                     events: pd.Series | np.ndarray | int, *,
                     min_base: int = CHURN_MIN_BASE,
                     min_events: int = CHURN_MIN_EVENTS) -> pd.Series | np.ndarray | bool:
    r"""Whether a churn rate rests on enough specialisations and events to mean anything.

    A churn rate :math:`(E + X)/D` from :math:`D = 7` specialisations and one event moves by
    1/7 with each event; its binomial standard error
    :math:`\sqrt{p(1-p)/D}` is as large as the rate itself. The rule asks for at least
    ``min_base`` specialisations at the start (so the standard error is at most
    :math:`0.5/\sqrt{30} \approx 0.09`) and at least ``min_events`` events (so one event
    changes the rate by at most a tenth). Below either, say the churn cannot be measured at
    that unit.

    Examples
    --------
    >>> churn_measurable(7, 1), churn_measurable(66, 12)
    (False, True)
    """
    return (np.asarray(diversity_start) >= min_base) & (np.asarray(events) >= min_events) \
        if not np.isscalar(diversity_start) else bool(diversity_start >= min_base
                                                       and events >= min_events)


def pooled_churn(churn: pd.DataFrame, unit_of: pd.Series | dict, *,
                 min_base: int = CHURN_MIN_BASE,
                 min_events: int = CHURN_MIN_EVENTS) -> pd.DataFrame:
    r"""Churn of specialisations pooled over the regions of each unit, with the measurability rule.

    .. math::

        \text{churn}_U = \frac{\sum_{r \in U} (E_r + X_r)}{\sum_{r \in U} D_r}

    ``churn`` is the table of :func:`specialisation_churn` (``diversity_start``, ``entries``,
    ``exits``); ``unit_of`` maps each region to its unit (e.g. wards to their city), regions
    not mapped are left out. Pooling the wards of a city gives a base of region x industry
    specialisations large enough to count, where the city itself has too few. ``churn`` is
    NaN where :func:`churn_measurable` says no.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"diversity_start": [20, 15], "entries": [4, 3], "exits": [2, 1]},
    ...                  index=["w1", "w2"])
    >>> row = pooled_churn(t, {"w1": "c", "w2": "c"}, min_base=30, min_events=10).loc["c"]
    >>> int(row["events"]), round(float(row["churn"]), 4), bool(row["measurable"])
    (10, 0.2857, True)
    """
    mp = pd.Series(dict(unit_of) if not isinstance(unit_of, pd.Series) else unit_of)
    t = churn.loc[churn.index.intersection(mp.index)]
    g = t[["diversity_start", "entries", "exits"]].groupby(mp.reindex(t.index)).sum()
    g.insert(0, "regions", t.groupby(mp.reindex(t.index)).size())
    g["events"] = g["entries"] + g["exits"]
    g["churn"] = g["events"] / g["diversity_start"]
    g["measurable"] = churn_measurable(g["diversity_start"], g["events"], min_base=min_base,
                                       min_events=min_events)
    g.loc[~g["measurable"], "churn"] = np.nan
    return g


#: Default thresholds of :func:`hysteresis_churn`: a specialisation is entered when the
#: location quotient rises from below ``HYSTERESIS_LOWER`` to at least ``HYSTERESIS_UPPER``,
#: and left on the reverse move.
HYSTERESIS_LOWER = 0.5
HYSTERESIS_UPPER = 1.0


def _hysteresis_counts(lq_s: np.ndarray, lq_e: np.ndarray, lower: float,
                       upper: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries, exits and specialisations at start per region (rows) from two LQ arrays."""
    s, e = np.nan_to_num(lq_s, nan=0.0), np.nan_to_num(lq_e, nan=0.0)
    entries = ((s < lower) & (e >= upper)).sum(axis=1)
    exits = ((s >= upper) & (e < lower)).sum(axis=1)
    return entries, exits, (s >= upper).sum(axis=1)


def _check_band(lower: float, upper: float) -> None:
    if not (0 <= lower <= upper):
        raise ValueError(f"need 0 <= lower <= upper; got lower={lower}, upper={upper}.")


def hysteresis_churn(
    data: Panel,
    *,
    start: Hashable,
    end: Hashable,
    lower: float = HYSTERESIS_LOWER,
    upper: float = HYSTERESIS_UPPER,
) -> pd.DataFrame:
    r"""Entries and exits of specialisations that cross a band, not just a line.

    With location quotients :math:`LQ_{ri}` at the start :math:`s` and end :math:`e`,

    .. math::

        \text{entries}_r = \#\{i : LQ_{ri,s} < \ell,\ LQ_{ri,e} \ge u\}, \qquad
        \text{exits}_r = \#\{i : LQ_{ri,s} \ge u,\ LQ_{ri,e} < \ell\},

    and ``churn = (entries + exits) / D_r`` with :math:`D_r = \#\{i : LQ_{ri,s} \ge u\}`.
    Defaults :math:`\ell = 0.5`, :math:`u = 1` (``HYSTERESIS_LOWER``, ``HYSTERESIS_UPPER``).
    A cell whose LQ wobbles around 1 (0.97 to 1.03) is an entry for
    :func:`specialisation_churn` but not here: with the band, only a move from clearly
    under-represented to represented counts (a hysteresis rule, as used for the "new
    products" of Hidalgo et al. 2007 and Neffke, Henning & Boschma 2011, who require a
    region to pass from clearly absent to present). ``lower = upper`` gives back
    :func:`specialisation_churn` at ``threshold = upper``. Undefined LQs count as 0.
    ``measurable`` applies :func:`churn_measurable`.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[[10., 10., 10.], [10., 10., 10.]],
    ...               [[12., 4., 10.], [8., 16., 10.]]])  # start: all LQ 1
    >>> p = Panel(x, ["a", "b"], ["i", "j", "k"], [2000, 2010])
    >>> hysteresis_churn(p, start=2000, end=2010)[["entries", "exits"]].values.tolist()
    [[0, 1], [0, 0]]

    At the end, a's LQ in j is (4/26)/(1/3) = 0.46 (an exit); b's LQs in i and k, 0.71 and
    0.88, fall below 1 but not below 0.5, so they are exits only for
    :func:`specialisation_churn`.
    """
    _check_band(lower, upper)
    panel = as_panel(data)
    if not panel.has_time:
        raise PanelError("hysteresis_churn needs a panel with a time dimension.")
    lq = lq_array(panel.values)
    ent, ext, div = _hysteresis_counts(lq[panel._time_pos(start)], lq[panel._time_pos(end)],
                                       lower, upper)
    churn = np.full(div.shape, np.nan)
    np.divide(ent + ext, div, out=churn, where=div > 0)
    return pd.DataFrame({"diversity_start": div.astype(int), "entries": ent.astype(int),
                         "exits": ext.astype(int), "churn": churn,
                         "measurable": churn_measurable(div, ent + ext)},
                        index=panel.regions)


def _noisy(x: np.ndarray, dispersion: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One draw with mean ``x`` and variance ``dispersion * x`` (Poisson where it is 1)."""
    extra = dispersion > 1
    lam = x.copy()
    if extra.any():
        k = dispersion[extra] - 1.0  # gamma-Poisson: shape x / k, scale k
        lam[extra] = rng.gamma(x[extra] / k, k)
    return rng.poisson(lam).astype(np.float64)


def churn_noise_benchmark(
    data: Panel,
    *,
    start: Hashable,
    end: Hashable,
    unit_of: pd.Series | dict | None = None,
    lower: float = HYSTERESIS_LOWER,
    upper: float = HYSTERESIS_UPPER,
    dispersion: float | pd.DataFrame = 1.0,
    n_draws: int = 200,
    seed: int = 0,
) -> pd.DataFrame:
    r"""Observed :func:`hysteresis_churn` against the churn that measurement noise alone makes.

    The benchmark holds the start-year structure fixed and draws two independent noisy
    copies of it, :math:`\tilde x^{(1)}_{ri}, \tilde x^{(2)}_{ri}` with mean :math:`x_{ri,s}`
    and variance :math:`\phi_{ri} x_{ri,s}` (Poisson for :math:`\phi = 1`; a gamma-Poisson
    mixture for :math:`\phi > 1`). The churn from copy 1 to copy 2, with the same band and
    the same location-quotient reference (all regions of ``data``), is churn that no real
    change produced. Each draw is pooled over the regions of a unit as in
    :func:`pooled_churn` when ``unit_of`` is given (regions not mapped are used in the
    location quotients but not reported).

    :math:`\phi = 1` treats each person engaged as an independent unit, the least noise
    there can be; persons come in establishments, so a cell's count moves in steps of the
    establishment size. Passing the mean establishment size of each cell as ``dispersion``
    (variance :math:`x \cdot x/n`, as if the number of establishments :math:`n` were
    Poisson) gives a noisier, establishment-level benchmark.

    Returns
    -------
    DataFrame
        Per unit (or region): ``observed_churn`` (pooled, without the measurability rule),
        ``noise_mean``, ``noise_p05``, ``noise_p95`` (over draws), ``share_draws_at_least``
        (share of draws with churn >= observed, a one-sided p-value of "no more than
        noise"), ``excess`` (observed - noise mean) and ``measurable`` (of the observed
        churn). ``attrs`` record the band, dispersion rule, draws and seed.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.full((2, 3, 4), 500.0)  # nothing changes: every LQ is 1
    >>> p = Panel(x, ["a", "b", "c"], list("ijkl"), [2000, 2010])
    >>> b = churn_noise_benchmark(p, start=2000, end=2010, n_draws=20, seed=1)
    >>> b["observed_churn"].tolist(), float(b["noise_p95"].max())
    ([0.0, 0.0, 0.0], 0.0)
    """
    _check_band(lower, upper)
    if not (isinstance(n_draws, (int, np.integer)) and n_draws >= 1):
        raise ValueError(f"n_draws must be a positive integer; got {n_draws!r}.")
    panel = as_panel(data)
    if not panel.has_time:
        raise PanelError("churn_noise_benchmark needs a panel with a time dimension.")
    x = np.nan_to_num(panel.values[panel._time_pos(start)], nan=0.0)
    if isinstance(dispersion, pd.DataFrame):
        phi = dispersion.reindex(index=panel.regions, columns=panel.industries)
        if phi.isna().any().any():
            raise ValueError("dispersion has no value for some region x industry cells; "
                             "give every cell of the panel a value (1 = Poisson).")
        phi = phi.to_numpy(np.float64)
    else:
        phi = np.full(x.shape, float(dispersion))
    if (phi < 1).any():
        raise ValueError("dispersion must be >= 1 (variance at least the Poisson variance).")
    observed = hysteresis_churn(panel, start=start, end=end, lower=lower, upper=upper)
    if unit_of is None:
        mp = pd.Series(panel.regions, index=panel.regions)
    else:
        mp = pd.Series(dict(unit_of) if not isinstance(unit_of, pd.Series) else unit_of)
        mp = mp.loc[mp.index.intersection(panel.regions)]
    pos = pd.Series(np.arange(len(panel.regions)), index=panel.regions).loc[mp.index]
    units = pd.unique(mp.to_numpy())
    member = np.zeros((len(units), len(panel.regions)))
    member[pd.Index(units).get_indexer(mp.to_numpy()), pos.to_numpy()] = 1.0
    rng = np.random.default_rng(seed)
    draws = np.empty((n_draws, len(units)))
    for d in range(n_draws):
        lq1 = lq_array(_noisy(x, phi, rng)[None])[0]
        lq2 = lq_array(_noisy(x, phi, rng)[None])[0]
        ent, ext, div = _hysteresis_counts(lq1, lq2, lower, upper)
        with np.errstate(invalid="ignore", divide="ignore"):
            draws[d] = (member @ (ent + ext)) / (member @ div)
    obs_ev = member @ (observed["entries"] + observed["exits"]).to_numpy()
    obs_div = member @ observed["diversity_start"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        obs = obs_ev / obs_div
    out = pd.DataFrame({
        "observed_churn": obs, "noise_mean": np.nanmean(draws, axis=0),
        "noise_p05": np.nanquantile(draws, 0.05, axis=0),
        "noise_p95": np.nanquantile(draws, 0.95, axis=0),
        "share_draws_at_least": (draws >= obs[None, :] - 1e-12).mean(axis=0)}, index=units)
    out["excess"] = out["observed_churn"] - out["noise_mean"]
    out["measurable"] = churn_measurable(obs_div.astype(int), obs_ev.astype(int))
    out.index.name = "unit" if unit_of is not None else "region"
    out.attrs.update(lower=lower, upper=upper, n_draws=n_draws, seed=seed,
                     dispersion="cell values" if isinstance(dispersion, pd.DataFrame)
                     else float(dispersion))
    return out


def _poisson_cdf(k: int, mu: float) -> float:
    """P(X <= k) for X ~ Poisson(mu)."""
    if k < 0:
        return 0.0
    if mu == 0:
        return 1.0
    terms = np.arange(k + 1)
    logp = -mu + terms * np.log(mu) - np.array([math.lgamma(t + 1.0) for t in terms])
    return float(min(1.0, np.exp(logp).sum()))


def churn_against_group(table: pd.DataFrame, unit: Hashable, *,
                        others: list[Hashable] | None = None) -> dict[str, float]:
    r"""A unit's churn events against the pooled churn rate of a comparison group.

    ``table`` has ``diversity_start``, ``entries`` and ``exits`` per unit (e.g. from
    :func:`pooled_churn` of :func:`hysteresis_churn`). With the group's pooled rate
    :math:`\bar c = \sum_{g} (E_g + X_g) / \sum_g D_g` over ``others`` (default: every other
    unit), the unit is expected to have :math:`\mu = D_u \bar c` events. If events were
    independent rare events at the group's rate, their number would be Poisson
    :math:`(\mu)`; ``p_at_most`` :math:`= P(N \le E_u + X_u)` and ``p_at_least``
    :math:`= P(N \ge E_u + X_u)` say how unusual the unit's count is. This works where a
    unit has too few events for its own rate to be ranked (:func:`churn_measurable`): the
    comparison uses the group's events, not the unit's rate alone. Events in neighbouring
    wards or related groups are not independent, so read the tail probabilities as a guide,
    not an exact test.

    Examples
    --------
    >>> t = pd.DataFrame({"diversity_start": [50, 100, 100], "entries": [0, 5, 3],
    ...                   "exits": [1, 5, 7]}, index=["u", "g1", "g2"])
    >>> r = churn_against_group(t, "u")
    >>> r["rate_others"], r["expected_events"], round(r["p_at_most"], 4)
    (0.1, 5.0, 0.0404)
    """
    if unit not in table.index:
        raise KeyError(f"unit {unit!r} is not in the table.")
    grp = [g for g in (others if others is not None else table.index) if g != unit]
    if not grp:
        raise ValueError("the comparison group is empty.")
    ev = table["entries"] + table["exits"]
    base_g = float(table.loc[grp, "diversity_start"].sum())
    if base_g <= 0:
        raise ValueError("the comparison group has no specialisations at the start.")
    rate = float(ev.loc[grp].sum()) / base_g
    base_u, ev_u = float(table.at[unit, "diversity_start"]), int(ev.loc[unit])
    mu = base_u * rate
    return {"events": ev_u, "diversity_start": base_u,
            "rate": ev_u / base_u if base_u > 0 else float("nan"), "rate_others": rate,
            "n_others": len(grp), "expected_events": mu,
            "p_at_most": _poisson_cdf(ev_u, mu), "p_at_least": 1.0 - _poisson_cdf(ev_u - 1, mu)}


# --------------------------------------------------------------------------- proposal 7
#: JSIC Rev.13 minor groups counted as knowledge-intensive services (2014 census), checked by
#: hand against the group names, each with the reason it is in. The core is Eurostat's
#: high-tech knowledge-intensive services (telecommunications, broadcasting, publishing and
#: film, software and information services, research) and knowledge-intensive business
#: services (legal, accounting, consulting, engineering, design, advertising). Left out on
#: purpose: finance and insurance (62-67), whose minor groups mix consumer credit, pawnbrokers
#: and insurance agents with investment services and cannot be split at this level; real
#: estate; head-office units (codes ending in 0); administrative scriveners, notaries and
#: social-insurance clerks (722, 723, 725: paperwork services); authors and artists (727);
#: veterinary (741), photography (746) and other technical services (749).
KNOWLEDGE_INTENSIVE_SERVICES: dict[str, str] = {
    "371": "fixed telecommunications: network infrastructure of information services",
    "372": "mobile telecommunications: network infrastructure of information services",
    "373": "services incidental to telecommunications (network operation and support)",
    "381": "public broadcasting: content production and distribution",
    "382": "private broadcasting: content production and distribution",
    "383": "cable broadcasting: content distribution over networks",
    "391": "software: computer programming, packaged and embedded software",
    "392": "data processing and information services (incl. market research)",
    "401": "internet-based services: portals, servers, application and content providers",
    "411": "film, video and television production",
    "412": "sound recording and radio programme production",
    "413": "newspapers: news production",
    "414": "publishers (books, magazines, databases)",
    "415": "commercial art and graphic design for media",
    "416": "news agencies and services incidental to media production",
    "711": "research institutes for the natural sciences: research and development",
    "712": "research institutes for the humanities and social sciences",
    "721": "lawyers and patent attorneys: legal and intellectual-property advice",
    "724": "certified public and tax accountants: accounting and audit",
    "726": "design services (industrial, product, interior)",
    "728": "business consultants (and pure holding companies, not separable)",
    "729": "other professional services (e.g. translation, interpretation)",
    "731": "advertising agencies",
    "742": "engineering and architectural services",
    "743": "mechanical design services",
    "744": "product inspection and non-destructive testing",
    "745": "measurement certification (technical testing)",
}

#: Minor groups whose business is run over internet platforms (JSIC 401: portal and server
#: operation, application service and content providers, internet support services). The
#: 2014 census is the only year with this detail in the package's data, so it gives a stock,
#: not new business.
PLATFORM_SERVICES: dict[str, str] = {
    "401": "services incidental to the internet: portals and servers, application service "
           "and content providers, internet support",
}


def matched_group_gap(values: pd.Series, in_group: pd.Series, strata: pd.Series
                      ) -> pd.DataFrame:
    r"""Gap between a group's mean and the others' mean within strata, and its weighted mean.

    For each stratum :math:`k` (e.g. a ubiquity quintile) with group members :math:`G_k` and
    other items :math:`O_k`, the gap is :math:`\bar v_{G_k} - \bar v_{O_k}`; the overall
    matched gap weights the strata by their number of group members,

    .. math:: \Delta = \sum_k \frac{|G_k|}{|G|} (\bar v_{G_k} - \bar v_{O_k}),

    over the strata that hold both members and others (the others leave out strata with no
    member). Rows are sorted by stratum. Compared with the raw gap
    :math:`\bar v_G - \bar v_O`, it shows how much of a group's advantage comes from the
    stratifying variable: a centrality that mostly ranks industries by ubiquity favours any
    group of rare industries. ``attrs`` hold ``raw_gap``,
    ``matched_gap`` and ``members_unmatched`` (members in strata without others).

    Examples
    --------
    >>> v = pd.Series([1., 2., 3., 4., 10., 12.])
    >>> g = pd.Series([True, False, False, True, True, False])
    >>> st = pd.Series(["a", "a", "a", "b", "b", "b"])
    >>> t = matched_group_gap(v, g, st)
    >>> t["gap"].tolist(), round(t.attrs["matched_gap"], 4)  # (1 x -1.5 + 2 x -5) / 3
    ([-1.5, -5.0], -3.8333)
    """
    idx = values.index
    g = in_group.reindex(idx).fillna(False).astype(bool)
    st = strata.reindex(idx)
    if st.isna().any():
        raise ValueError(f"{int(st.isna().sum())} items have no stratum; give every item one.")
    rows = {}
    for k in pd.unique(st.to_numpy()):
        inside = (st == k).to_numpy()
        mem, oth = values[inside & g.to_numpy()], values[inside & ~g.to_numpy()]
        rows[k] = {"n_group": len(mem), "n_other": len(oth),
                   "mean_group": float(mem.mean()) if len(mem) else np.nan,
                   "mean_other": float(oth.mean()) if len(oth) else np.nan}
    out = pd.DataFrame.from_dict(rows, orient="index").rename_axis("stratum")
    try:
        out = out.sort_index()
    except TypeError:  # strata of mixed types keep their order of appearance
        pass
    out["gap"] = out["mean_group"] - out["mean_other"]
    both = out.loc[(out["n_group"] > 0) & (out["n_other"] > 0)]
    out.attrs.update(
        raw_gap=float(values[g].mean() - values[~g].mean()),
        matched_gap=float((both["gap"] * both["n_group"]).sum() / both["n_group"].sum())
        if len(both) else float("nan"),
        members_unmatched=int(out.loc[out["n_other"] == 0, "n_group"].sum()))
    return out


def region_industry_profile(data: Panel | pd.DataFrame, region: Hashable,
                            industries: list[Hashable]) -> pd.DataFrame:
    r"""A region's size, share, location quotient and LQ rank in a few industries.

    For each industry :math:`i` in ``industries``: ``value_region`` :math:`x_{ri}`,
    ``share_region`` :math:`x_{ri}/x_r`, ``lq_region``
    :math:`LQ_{ri} = (x_{ri}/x_r)/(x_i/x)` (Florence 1939; Hoover 1936) and
    ``rank_lq`` (1 = highest LQ among all regions; ties share the lower rank). The last row,
    ``"all"``, treats the listed industries as one.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"a": [10, 30], "b": [90, 70]}, index=["r", "s"])
    >>> region_industry_profile(x, "r", ["a"]).loc["a", ["share_region", "lq_region"]].tolist()
    [0.1, 0.5]
    """
    panel = _one_period(as_panel(data))
    x = pd.DataFrame(panel.values[0], index=panel.regions, columns=panel.industries)
    missing = [i for i in industries if i not in x.columns]
    if missing:
        raise PanelError(f"industries {missing} are not in the panel.")
    if region not in x.index:
        raise PanelError(f"region {region!r} is not in the panel.")
    cols = {i: x[i] for i in industries}
    cols["all"] = x[list(industries)].sum(axis=1)
    sub = pd.DataFrame(cols)
    tot_r = x.sum(axis=1)
    share = sub.div(tot_r, axis=0)
    lq = share / (sub.sum() / tot_r.sum())
    rank = lq.rank(ascending=False, method="min")
    return pd.DataFrame({"value_region": sub.loc[region], "share_region": share.loc[region],
                         "lq_region": lq.loc[region],
                         "rank_lq": rank.loc[region].astype(int),
                         "n_regions": len(x)})


def value_added_comparison(
    cells: pd.DataFrame,
    *,
    in_region: pd.Series,
    years: list[Hashable],
    region_name: str = "region",
    reference_name: str = "reference",
    scale: float = 1.0,
) -> pd.DataFrame:
    r"""Value added per worker by industry and year for a region and a reference, on fixed cells.

    ``cells`` has one row per cell and year (``year``, ``region``, ``industry``, ``va``,
    ``emp``; NaN = not published). The cells published in every year of ``years`` are kept
    (:func:`fixed_cells`); :func:`value_added_per_worker` is computed over the region's cells
    (``in_region`` True) and over all kept cells (the reference, the region included), and
    ``relative_to_reference`` is the region's ratio over the reference's. Only industries that
    the region has on fixed cells are returned, for both units, so both compare the same
    industries.

    Returns
    -------
    DataFrame with columns ``unit, industry, year, value_added, workers, cells,
    va_per_worker, relative_to_reference``; ``attrs`` carries the fixed-cell counts and
    ``industries_without_fixed_cells`` (industries the region has cells for in some year but
    not on fixed cells).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"year": [1, 1, 2, 2], "region": ["a", "b", "a", "b"],
    ...                   "industry": "x", "va": [10., 30., 12., 30.], "emp": [1., 3., 1., 3.]})
    >>> t = value_added_comparison(c, in_region=c["region"] == "a", years=[1, 2])
    >>> t.loc[t["unit"] == "region", "relative_to_reference"].round(4).tolist()
    [1.0, 1.1429]
    """
    cells = cells.assign(_in=np.asarray(in_region, dtype=bool))
    fixed = fixed_cells(cells, years=years)
    by = ["industry", "year"]
    reg = value_added_per_worker(fixed.loc[fixed["_in"]], by, scale=scale)
    ref = value_added_per_worker(fixed, by, scale=scale).reindex(reg.index)
    reg["relative_to_reference"] = reg["va_per_worker"] / ref["va_per_worker"]
    ref["relative_to_reference"] = 1.0
    out = pd.concat({region_name: reg, reference_name: ref}, names=["unit"]).reset_index()
    seen = set(cells.loc[cells["_in"], "industry"])
    out.attrs.update(cells_kept=fixed.attrs["cells_kept"],
                     cells_dropped=fixed.attrs["cells_dropped"],
                     industries_without_fixed_cells=sorted(
                         seen - set(reg.index.get_level_values(0))))
    return out


def specialisation_moves(
    data: Panel,
    *,
    start: Hashable,
    end: Hashable,
    regions: list[Hashable] | None = None,
    threshold: float = 1.0,
) -> pd.DataFrame:
    r"""The entries and exits behind :func:`specialisation_churn`, one row per event.

    An entry is :math:`M_{ri,s} = 0, M_{ri,e} = 1`, an exit the reverse.

    Returns
    -------
    DataFrame with columns ``region, industry, move`` (``"entry"`` or ``"exit"``), sorted by
    move, industry and region.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[[2., 1.], [1., 2.]], [[1., 2.], [1., 2.]]])
    >>> p = Panel(x, ["a", "b"], ["i", "j"], [2000, 2010])
    >>> specialisation_moves(p, start=2000, end=2010).values.tolist()  # 2010: all LQs are 1
    [['b', 'i', 'entry'], ['a', 'j', 'entry']]
    """
    panel = as_panel(data)
    if not panel.has_time:
        raise PanelError("specialisation_moves needs a panel with a time dimension.")
    _, m = binary_array(panel, threshold=threshold)
    s, e = panel._time_pos(start), panel._time_pos(end)
    rows = []
    for move, mask in (("entry", (m[s] == 0) & (m[e] == 1)), ("exit", (m[s] == 1) & (m[e] == 0))):
        for r, i in zip(*np.nonzero(mask)):
            rows.append((panel.regions[r], panel.industries[i], move))
    out = pd.DataFrame(rows, columns=["region", "industry", "move"])
    if regions is not None:
        out = out.loc[out["region"].isin(list(regions))]
    return out.sort_values(["move", "industry", "region"]).reset_index(drop=True)


def establishment_density(
    establishments: Panel | pd.DataFrame,
    workers: Panel | pd.DataFrame,
    groups: dict[str, list[Hashable] | None],
    *,
    per: float = 1000.0,
) -> pd.DataFrame:
    r"""Establishments per ``per`` workers of each region in groups of industries, with ranks.

    .. math::

        d_{rG} = \text{per} \cdot \frac{\sum_{i \in G} n_{ri}}{\sum_{i \in G} x_{ri}}

    ``groups`` maps a name to its industries (``None`` = all). Columns: one per group, and
    ``rank_<group>`` (1 = the most establishments per worker). Small average establishment
    size is a stock measure of a population of small units, not of entry.

    Examples
    --------
    >>> import pandas as pd
    >>> n = pd.DataFrame({"a": [2, 1], "b": [3, 1]}, index=["r", "s"])
    >>> x = pd.DataFrame({"a": [100, 50], "b": [100, 150]}, index=["r", "s"])
    >>> d = establishment_density(n, x, {"all": None, "a": ["a"]})
    >>> d["all"].tolist(), d["rank_all"].tolist()
    ([25.0, 10.0], [1, 2])
    """
    n = _one_period(as_panel(establishments))
    x = _one_period(as_panel(workers))
    nm = pd.DataFrame(n.values[0], index=n.regions, columns=n.industries)
    xm = pd.DataFrame(x.values[0], index=x.regions, columns=x.industries).reindex(
        index=nm.index, columns=nm.columns)
    cols = {}
    for name, inds in groups.items():
        use = list(nm.columns) if inds is None else list(inds)
        cols[name] = per * nm[use].sum(axis=1) / xm[use].sum(axis=1)
    dens = pd.DataFrame(cols)
    ranks = dens.rank(ascending=False, method="min").astype("Int64").add_prefix("rank_")
    return pd.concat([dens, ranks], axis=1)


def stepping_stones(relatedness: pd.DataFrame, sources: list[Hashable],
                    targets: list[Hashable]) -> pd.DataFrame:
    r"""Direct relatedness and the best one-step detour from each source to each target.

    For a source :math:`s` and target :math:`d`, the direct link is :math:`\varphi_{sd}`; the
    best stepping stone is the intermediate industry :math:`k \ne s, d` whose weaker link is
    strongest,

    .. math::

        k^* = \arg\max_k \min(\varphi_{sk}, \varphi_{kd}), \qquad
        \text{two-step weakest link} = \min(\varphi_{sk^*}, \varphi_{k^*d})

    (a widest-path criterion with one intermediate node; Hidalgo et al. 2007 read
    diversification as moves to nearby industries on the industry space).

    Returns
    -------
    DataFrame with ``source, target, direct, stepping_stone, two_step_weakest_link``, sorted
    by ``direct`` (descending).

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[1, .1, .6, .2], [.1, 1, .5, .9], [.6, .5, 1, .3], [.2, .9, .3, 1]],
    ...                    index=list("abcd"), columns=list("abcd"))
    >>> r = stepping_stones(phi, ["a"], ["b"]).iloc[0]
    >>> r["stepping_stone"], float(r["two_step_weakest_link"])
    ('c', 0.5)
    """
    rows = []
    for s in sources:
        for d in targets:
            if s == d:
                continue
            via = pd.concat([relatedness.loc[s], relatedness.loc[d]], axis=1).min(axis=1)
            via = via.drop([s, d])
            rows.append({"source": s, "target": d, "direct": float(relatedness.loc[s, d]),
                         "stepping_stone": via.idxmax(),
                         "two_step_weakest_link": float(via.max())})
    return pd.DataFrame(rows).sort_values("direct", ascending=False, kind="stable")


def unit_indices(data: Panel | pd.DataFrame, industries: list[Hashable], *,
                 level: Hashable | pd.Series | dict | None = None) -> pd.DataFrame:
    r"""The indices compared across spatial units: related and unrelated variety and LQs.

    For each region (and period): related and unrelated variety (Frenken, Van Oort &
    Verburg 2007; groups from ``level``, see
    :func:`smartregion.variety.related_unrelated_variety`) and the location quotients
    :math:`LQ_{ri} = (x_{ri}/x_r)/(x_i/x)` of ``industries`` (columns ``lq_<industry>``). Used
    with :func:`smartregion.models.spatial_unit_sensitivity`, which recomputes them at each
    unit.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"a": [2, 1], "b": [1, 1], "c": [1, 2]}, index=["r", "s"])
    >>> t = unit_indices(x, ["c"], level={"a": "G1", "b": "G1", "c": "G2"})
    >>> list(t.columns), round(float(t.loc["r", "lq_c"]), 4)
    (['related', 'unrelated', 'lq_c'], 0.6667)
    """
    from .structure import location_quotient
    from .variety import related_unrelated_variety

    var = related_unrelated_variety(data, level=level)[["related", "unrelated"]]
    lq = location_quotient(data)[list(industries)].add_prefix("lq_")
    return pd.concat([var, lq], axis=1)


# --------------------------------------------------------------------------- indicator results
@dataclass(frozen=True)
class Indicator:
    """An indicator's table with the key numbers a reading of it quotes.

    ``table`` is the indicator as computed (written as a table); ``key_numbers`` maps short
    names to the numbers a reading cites, so that one call
    (:meth:`smartregion.outputs.OutputWriter.record`) records them all; ``parts`` holds the
    frames a figure draws (named in each function's docstring).
    """

    table: pd.DataFrame
    key_numbers: dict[str, Any]
    parts: dict[str, Any] = field(default_factory=dict)


def _slug(text: str) -> str:
    return str(text).replace(" and ", "_").replace(" ", "_").lower()


def value_added_blocks(
    cells: pd.DataFrame,
    *,
    in_region: pd.Series,
    years: list[int],
    block_of: Mapping[Hashable, str],
    set_apart: tuple[Hashable, ...] = (),
    ignore_block: str = "other",
    region_name: str = "region",
    reference_name: str = "reference",
    region_key: str = "region",
    reference_key: str = "reference",
    labels: Mapping[Hashable, str] | None = None,
    scale: float = 1.0,
) -> Indicator:
    r"""Value added per worker on fixed cells, summarised by blocks of industries.

    :func:`value_added_comparison` gives :math:`v_{ut}` per industry for the region and the
    reference on the cells published in every year of ``years``. Each block's line is the
    **median** over its industries of :math:`v_{ut}` (one extreme industry cannot drive it);
    industries in ``set_apart`` are left out of the medians and reported on their own, and
    industries of block ``ignore_block`` are not summarised.

    Returns
    -------
    Indicator
        ``table``: the comparison with ``block``. ``parts``: ``medians`` (year x
        ``"<unit>: <block>"``), ``ratios`` (year x industry: the region relative to the
        reference, every summarised industry including those set apart). ``key_numbers``:
        ``cells_kept``, ``cells_seen``, ``va_first_year``, ``va_last_year``,
        ``va_<unit key>_<block>_first``/``_last`` (block medians), ``va_<industry>_<unit
        key>_last`` (industries set apart), ``groups_without_fixed_cells`` (summarised
        industries the region has in some year but not on fixed cells; named by ``labels``,
        and joined with commas in ``groups_without_fixed_cells_text``) and
        ``workers_fixed_cells_first`` (the region's workers on fixed cells, first year).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"year": [1, 1, 2, 2], "region": ["a", "b", "a", "b"],
    ...                   "industry": "x", "va": [10., 30., 12., 30.], "emp": [1., 3., 1., 3.]})
    >>> r = value_added_blocks(c, in_region=c["region"] == "a", years=[1, 2],
    ...                        block_of={"x": "core"})
    >>> r.key_numbers["va_region_core_last"], r.key_numbers["va_reference_core_last"]
    (12.0, 10.5)
    """
    table = value_added_comparison(cells, in_region=in_region, years=years,
                                   region_name=region_name, reference_name=reference_name,
                                   scale=scale)
    table["block"] = table["industry"].map(block_of)
    summarised = table["block"] != ignore_block
    medians = (table.loc[summarised & ~table["industry"].isin(set_apart)]
               .groupby(["unit", "block", "year"])["va_per_worker"].median()
               .unstack(["unit", "block"]))
    medians.columns = [f"{u}: {b}" for u, b in medians.columns]
    ratios = table.loc[summarised & (table["unit"] == region_name)].pivot(
        index="year", columns="industry", values="relative_to_reference")
    first, last = min(years), max(years)
    unit_key = {region_name: region_key, reference_name: reference_key}
    keys: dict[str, Any] = {
        "cells_kept": table.attrs["cells_kept"],
        "cells_seen": table.attrs["cells_kept"] + table.attrs["cells_dropped"],
        "va_first_year": first, "va_last_year": last}
    for col in medians.columns:
        unit, block = col.split(": ", 1)
        keys[f"va_{unit_key[unit]}_{_slug(block)}_first"] = float(medians[col].loc[first])
        keys[f"va_{unit_key[unit]}_{_slug(block)}_last"] = float(medians[col].loc[last])
    for ind in set_apart:
        rows = table.loc[(table["industry"] == ind) & (table["year"] == last)]
        for unit, v in zip(rows["unit"], rows["va_per_worker"], strict=True):
            keys[f"va_{ind}_{unit_key[unit]}_last"] = float(v)
    labels = dict(labels or {})
    keys["groups_without_fixed_cells"] = [
        labels.get(g, g) for g in table.attrs["industries_without_fixed_cells"]
        if block_of.get(g, ignore_block) != ignore_block]
    keys["groups_without_fixed_cells_text"] = (
        ", ".join(map(str, keys["groups_without_fixed_cells"])) or "none")
    keys["workers_fixed_cells_first"] = float(table.loc[
        (table["unit"] == region_name) & (table["year"] == first), "workers"].sum())
    return Indicator(table, keys, {"medians": medians, "ratios": ratios})


def ratio_peak_cells(
    comparison: pd.DataFrame,
    cells: pd.DataFrame,
    *,
    in_region: pd.Series,
    industry: Hashable,
    unit: str,
    columns: tuple[str, ...] = ("va", "emp"),
) -> Indicator:
    r"""Which cells and years make the peak of a region's relative value added per worker.

    In ``comparison`` (:func:`value_added_comparison`), the year :math:`t^*` where
    ``relative_to_reference`` of ``industry`` for ``unit`` is largest is the peak. The
    region's fixed cells of that industry (published in every year of the comparison) are
    listed by year, and each of ``columns`` is compared between :math:`t^*` and the year
    before: :math:`\sum_c x_{c t^*} / \sum_c x_{c, t^*-1} - 1`.

    Returns
    -------
    Indicator
        ``table``: the region's fixed cells of the industry (year, region and ``columns``).
        ``key_numbers``: ``peak_year``, ``peak_ratio``, ``median_ratio_other_years``,
        ``n_cells`` (cells of the industry in the region), ``largest_cell`` and
        ``largest_cell_share`` (its share of the first of ``columns`` in the peak year),
        ``<column>_change_at_peak`` for each column.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"year": [1, 1, 2, 2], "region": ["a", "b", "a", "b"],
    ...                   "industry": "x", "va": [10., 30., 40., 30.], "emp": [1., 3., 1., 3.]})
    >>> cmp = value_added_comparison(c, in_region=c["region"] == "a", years=[1, 2])
    >>> r = ratio_peak_cells(cmp, c, in_region=c["region"] == "a", industry="x", unit="region")
    >>> r.key_numbers["peak_year"], r.key_numbers["va_change_at_peak"]
    (2, 3.0)
    """
    rel = comparison.loc[(comparison["unit"] == unit) & (comparison["industry"] == industry)]
    rel = rel.set_index("year")["relative_to_reference"].sort_index()
    if rel.empty:
        raise PanelError(f"no {industry!r} rows for unit {unit!r} in the comparison.")
    peak = rel.idxmax()
    years = list(rel.index)
    fixed = fixed_cells(cells.assign(_in=np.asarray(in_region, dtype=bool)), years=years)
    own = fixed.loc[fixed["_in"] & (fixed["industry"] == industry),
                    ["year", "region", *columns]].sort_values(["year", "region"])
    at_peak = own.loc[own["year"] == peak].set_index("region")[columns[0]]
    keys: dict[str, Any] = {
        "peak_year": peak, "peak_ratio": float(rel.loc[peak]),
        "median_ratio_other_years": float(rel.drop(peak).median()) if len(rel) > 1 else None,
        "n_cells": int(own["region"].nunique()),
        "largest_cell": at_peak.idxmax(),
        "largest_cell_share": float(at_peak.max() / at_peak.sum())}
    pos = years.index(peak)
    sums = own.groupby("year")[list(columns)].sum()
    for col in columns:
        keys[f"{col}_change_at_peak"] = (float(sums.at[peak, col] / sums.at[years[pos - 1], col]
                                               - 1) if pos > 0 else None)
    return Indicator(own.reset_index(drop=True), keys)


def local_shift_share(
    panel: Panel,
    region: Hashable,
    *,
    start: Hashable,
    end: Hashable,
    labels: Mapping[Hashable, str] | None = None,
    named: tuple[Hashable, ...] = (),
    blocks: Mapping[str, list[Hashable]] | None = None,
) -> Indicator:
    r"""Esteban-Marquillas shift-share of one region's change, by industry, with its summary.

    :func:`smartregion.shiftshare.shift_share` (``method="esteban-marquillas"``,
    ``by="cell"``) splits each cell's change :math:`\Delta e_{ri}` into national share,
    industry mix and regional share (competitive plus allocation effect); the region's rows
    are summed for the totals and each component's share of the total change,
    :math:`C / \Delta e_r`.

    Returns
    -------
    Indicator
        ``table``: the region's industries (relabelled with ``labels``), sorted by change.
        ``key_numbers``: ``shift_share_<component>`` (totals), ``ss_share_of_change_<c>`` for
        the national share, industry mix and regional share, ``ss_<industry>_<c>`` (change,
        industry mix, regional share) for each industry in ``named``, and
        ``shift_share_<block>_change`` for each block of ``blocks``.
    """
    from .shiftshare import shift_share

    labels = dict(labels or {})
    ss = shift_share(panel, start_time=start, end_time=end, method="esteban-marquillas",
                     by="cell").loc[region]
    total = ss.sum()
    keys: dict[str, Any] = {f"shift_share_{c}": float(total[c]) for c in ss.columns}
    for c in ("national_share", "industry_mix", "regional_share"):
        keys[f"ss_share_of_change_{c}"] = float(total[c] / total["change"])
    for g in named:
        for c in ("change", "industry_mix", "regional_share"):
            keys[f"ss_{g}_{c}"] = float(ss.loc[g, c])
    for name, members in (blocks or {}).items():
        keys[f"shift_share_{name}_change"] = float(ss.loc[list(members), "change"].sum())
    table = ss.rename(index=lambda i: labels.get(i, i)).sort_values("change")
    return Indicator(table, keys)


def relatedness_paths(
    relatedness: pd.DataFrame,
    sources: list[Hashable],
    targets: list[Hashable],
    *,
    lq: pd.Series | None = None,
    complexity: pd.Series | None = None,
    labels: Mapping[Hashable, str] | None = None,
) -> Indicator:
    r"""Paths from source to target industries on a relatedness matrix, with their summary.

    :func:`stepping_stones` gives the direct proximity :math:`\varphi_{sd}` of each pair and
    the best one-step detour (diversification as moves to nearby industries on the industry
    space: Hidalgo et al. 2007). The summary compares the mean direct proximity of the pairs
    with the mean over all pairs of industries (upper triangle of :math:`\varphi`), names the
    targets the sources are on average most and least related to, and (with ``complexity``)
    the best complexity rank among the targets (1 = most complex).

    Returns
    -------
    Indicator
        ``table``: columns ``from, to, direct_proximity, best_stepping_stone,
        two_step_weakest_link`` (plus ``*_lq`` with ``lq``), labelled with ``labels``.
        ``key_numbers``: ``n_groups``, ``strongest_direct_link``, ``mean_direct_proximity``,
        ``mean_proximity_all_pairs``, ``most_related_target`` (and ``_mean``),
        ``least_related_target`` (and ``_mean``), ``complexity_targets`` and
        ``complexity_rank_best_target``.

    Examples
    --------
    >>> import pandas as pd
    >>> phi = pd.DataFrame([[1, .1, .6], [.1, 1, .5], [.6, .5, 1]], index=list("abc"),
    ...                    columns=list("abc"))
    >>> r = relatedness_paths(phi, ["a"], ["b", "c"])
    >>> r.key_numbers["most_related_target"], round(r.key_numbers["mean_proximity_all_pairs"], 4)
    ('c', 0.4)
    """
    labels = dict(labels or {})
    paths = stepping_stones(relatedness, sources, targets).rename(columns={
        "source": "from", "target": "to", "direct": "direct_proximity",
        "stepping_stone": "best_stepping_stone"})
    if lq is not None:
        for col, src in (("stone_lq", "best_stepping_stone"), ("from_lq", "from"),
                         ("to_lq", "to")):
            paths[col] = paths[src].map(lq)
    for col in ("from", "to", "best_stepping_stone"):
        paths[col] = paths[col].map(lambda c: labels.get(c, c))
    by_target = paths.groupby("to")["direct_proximity"].mean().sort_values()
    upper = relatedness.to_numpy(dtype=float)[np.triu_indices(len(relatedness), 1)]
    keys: dict[str, Any] = {
        "n_groups": len(relatedness),
        "strongest_direct_link": paths.iloc[0][["from", "to", "direct_proximity"]].to_dict(),
        "mean_direct_proximity": float(paths["direct_proximity"].mean()),
        "mean_proximity_all_pairs": float(upper.mean()),
        "most_related_target": by_target.index[-1],
        "most_related_target_mean": float(by_target.iloc[-1]),
        "least_related_target": by_target.index[0],
        "least_related_target_mean": float(by_target.iloc[0])}
    if complexity is not None:
        keys["complexity_targets"] = complexity.reindex(targets).rename(
            lambda c: labels.get(c, c))
        keys["complexity_rank_best_target"] = int(
            complexity.rank(ascending=False).reindex(targets).min())
    return Indicator(paths.reset_index(drop=True), keys)


def establishment_change(
    counts: pd.DataFrame,
    region: Hashable,
    peers: Mapping[Hashable, str],
    *,
    region_key: str = "region",
    region_label: str = "region",
    peers_label: str = "peers",
    all_label: str = "all regions",
) -> Indicator:
    r"""Change of a region's establishment count between the first and last period, ranked.

    ``counts`` is time x region. For each region in ``peers`` (the region included) the
    change is :math:`n_{r,T}/n_{r,0} - 1`; the region's rank counts from the largest fall
    (1 = largest fall; ties share the lower rank). The index series (first period = 100)
    compare the region with the sum of the other peers and the sum of all regions.

    Returns
    -------
    Indicator
        ``table``: the peers' counts in the first and last period and their change (rows
        named by ``peers``, sorted by change). ``parts``: ``index`` (time x the three
        series), ``change`` (the peers' changes, sorted). ``key_numbers``:
        ``<region_key>_establishments_change``, ``<region_key>_rank_among_peers_decline``,
        ``n_peers``, ``larger_declines`` (names; ``larger_declines_text`` joins them with
        "and"), ``all_change``, ``first_year``, ``last_year``.

    Examples
    --------
    >>> import pandas as pd
    >>> n = pd.DataFrame({"a": [10, 5], "b": [10, 8], "c": [10, 2]}, index=[2001, 2002])
    >>> r = establishment_change(n, "a", {"a": "A", "b": "B", "c": "C"})
    >>> k = r.key_numbers
    >>> k["region_establishments_change"], k["region_rank_among_peers_decline"]
    (-0.5, 2)
    >>> k["larger_declines"]
    ['C']
    """
    peers = dict(peers)
    if region not in peers or region not in counts.columns:
        raise PanelError(f"region {region!r} must be among the peers and the columns of counts.")
    series = pd.DataFrame({
        region_label: counts[region],
        peers_label: counts[[c for c in peers if c != region]].sum(axis=1),
        all_label: counts.sum(axis=1)})
    index = 100 * series / series.iloc[0]
    first, last = counts.iloc[0], counts.iloc[-1]
    change = (last / first - 1).loc[list(peers)].rename(peers).sort_values()
    table = pd.DataFrame({"establishments_first": first.loc[list(peers)],
                          "establishments_last": last.loc[list(peers)]}).rename(index=peers)
    table["change"] = table["establishments_last"] / table["establishments_first"] - 1
    table = table.sort_values("change")
    rank = int(change.rank(method="min").loc[peers[region]])
    keys = {f"{region_key}_establishments_change": float(change.loc[peers[region]]),
            f"{region_key}_rank_among_peers_decline": rank,
            "n_peers": len(peers), "larger_declines": change.index[:rank - 1].tolist(),
            "larger_declines_text": " and ".join(map(str, change.index[:rank - 1])),
            "all_change": float(index[all_label].iloc[-1] / 100 - 1),
            "first_year": counts.index[0], "last_year": counts.index[-1]}
    return Indicator(table, keys, {"index": index, "change": change})


def profile_key_numbers(profile: pd.DataFrame, names: Mapping[Hashable, str]
                        ) -> dict[str, Any]:
    """Key numbers of :func:`region_industry_profile`: ``lq_<name>`` and ``rank_lq_<name>``.

    ``names`` maps industry codes of the profile to short names; ``n_regions`` is added.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"a": [10, 30], "b": [90, 70]}, index=["r", "s"])
    >>> profile_key_numbers(region_industry_profile(x, "r", ["a"]), {"a": "alpha"})
    {'lq_alpha': 0.5, 'rank_lq_alpha': 2, 'n_regions': 2}
    """
    keys: dict[str, Any] = {}
    for code, name in names.items():
        keys[f"lq_{name}"] = float(profile.loc[code, "lq_region"])
        keys[f"rank_lq_{name}"] = int(profile.loc[code, "rank_lq"])
    keys["n_regions"] = int(profile["n_regions"].iloc[0])
    return keys
