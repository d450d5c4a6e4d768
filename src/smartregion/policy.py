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

from collections.abc import Hashable
from typing import Literal

import numpy as np
import pandas as pd

from .panel import Panel, PanelError, as_panel
from .structure import binary_array

__all__ = ["MEASURE_AREAS", "QUADRANT_NAMES", "framework_table", "target_selection",
           "specialisation_churn"]

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
         "share and growth of information and platform services; shift-share of services"),
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
         "M1", "relatedness density vs product complexity of non-specialised industries; "
         "opportunity gain", "policy.target_selection, relatedness.relatedness_density, "
         "complexity.pci, complexity.complexity_outlook", "computed", "missing"),
        (2, "Designate the optimal spatial unit and revitalise industrial linkages", "M1",
         "rank stability of indices across wards, city and prefecture; regression "
         "coefficients across units", "models.spatial_unit_sensitivity, Panel.aggregate_regions",
         "computed", "missing"),
        (3, "Restructure traditional industries to add value", "M1",
         "value added per worker and its shift-share components; relatedness paths from "
         "traditional groups to complex ones", "shiftshare.shift_share, relatedness.proximity",
         "computed", "quoted"),
        (4, "Build a market-led, innovative entrepreneurship ecosystem", "M2",
         "establishment counts and their change; business share of R&D (quoted)",
         "datasets (establishments), facts", "computed", "quoted"),
        (5, "Start-ups built on industry-academia cooperation", "M2",
         "university spin-outs, research-park tenants (quoted series)", "facts", "quoted",
         "quoted"),
        (6, "A business-development system founded on entrepreneurial discovery (EDP)", "M4",
         "entries and exits of specialisations (churn); share of new specialisations that "
         "were high-density and high-complexity", "policy.specialisation_churn, "
         "policy.target_selection", "computed", "missing"),
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
    complexity_cut: float | Literal["median", "mean"] = "median",
    include_specialised: bool = False,
    threshold: float = 1.0,
) -> pd.DataFrame:
    r"""Place a region's candidate industries by relatedness density and complexity.

    For region :math:`r` and each industry :math:`i` with :math:`M_{ri} = 0`:

    .. math::

        \text{quadrant}_{ri} = \big(\omega_{ri} \ge c_\omega,\; PCI_i \ge c_{PCI}\big)

    where :math:`\omega` is relatedness density (proximity-weighted, Hidalgo et al. 2007) and
    PCI is product complexity (Hidalgo & Hausmann 2009). The cuts default to the medians over
    the candidates. Quadrants: ``"priority"`` (high density, high complexity: feasible and
    valuable), ``"easy diversification"`` (high density, low complexity), ``"long shot"``
    (low density, high complexity), ``"avoid"`` (low, low). This operationalises the
    relatedness/complexity framework of Balland et al. (2019); their exact cut-offs are not
    used (they are not published as thresholds), so the cuts are parameters.

    Parameters
    ----------
    data : Panel or wide DataFrame
    region : label
    time : label, optional
        Required when the panel has several periods.
    relatedness_matrix : DataFrame, optional
        Industry x industry relatedness; default the proximity of the same period.
    complexity_method : str
        Passed to :func:`smartregion.complexity.pci`.
    density_cut, complexity_cut : float or {"median", "mean"}
    include_specialised : bool
        Also list the industries the region is already specialised in (flagged).
    threshold : float
        RCA threshold for specialisation.

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
    >>> t = target_selection(x, "a")
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
    dens = relatedness_density(panel, relatedness_matrix, threshold=threshold)
    comp = _pci(panel, method=complexity_method, threshold=threshold)
    comp = comp if isinstance(comp, pd.Series) else comp.iloc[:, 0]
    r = panel.regions.get_loc(region)
    table = pd.DataFrame({
        "density": dens.loc[region].to_numpy(dtype=float),
        "pci": comp.reindex(panel.industries).to_numpy(dtype=float),
        "specialised": m[0, r].astype(bool),
    }, index=panel.industries)
    cand = table.loc[~table["specialised"]].dropna()
    if cand.empty:
        raise PanelError(f"region {region!r} has no candidate industries with defined density "
                         "and complexity.")
    cd, cc = _cut(cand["density"], density_cut), _cut(cand["pci"], complexity_cut)
    hi_d, hi_c = table["density"] >= cd, table["pci"] >= cc
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
    table.attrs.update(density_cut=cd, complexity_cut=cc, region=region, time=time)
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

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[[2., 1.], [1., 2.]], [[1., 2.], [1., 2.]]])
    >>> p = Panel(x, ["a", "b"], ["i", "j"], [2000, 2010])
    >>> specialisation_churn(p, start=2000, end=2010)[["entries", "exits"]].to_numpy().tolist()
    [[1, 0], [1, 0]]
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
    return pd.DataFrame({"diversity_start": div.astype(int), "entries": entries.astype(int),
                         "exits": exits.astype(int), "churn": churn}, index=panel.regions)
