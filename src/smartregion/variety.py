r"""Variety: Shannon entropy of the industry mix and its decomposition into related and
unrelated variety, over one or several nested levels of an industry classification.

All functions accept a :class:`~smartregion.panel.Panel` (or a numeric wide DataFrame, see
:func:`~smartregion.panel.as_panel`) and work on every period at once. With
:math:`p_i = x_{ri} / X_r` the industry shares of a region, entropy is
:math:`H = \sum_i p_i \log_b(1/p_i)` with :math:`0 \log 0 = 0`. The logarithm base ``base`` is
a keyword (2 as in Frenken, Van Oort & Verburg 2007, EconGeo and ReKS; ``numpy.e`` for the
natural log used by Palepu 1985 and Jacquemin & Berry 1979).

An all-zero region has no shares; every variety measure is NaN for it (only for it), as the
other region indices of smartregion.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

from .panel import Panel, PanelError, as_panel
from .structure import _safe_div

__all__ = ["entropy", "related_unrelated_variety", "variety_decomposition"]

Data = Panel | pd.DataFrame | np.ndarray
Level = str | int | Mapping[Hashable, Hashable] | pd.Series


def _check_base(base: float) -> float:
    b = float(base)
    if not np.isfinite(b) or b <= 0 or b == 1:
        raise ValueError(f"base must be a positive number other than 1; got {base!r}.")
    return b


def _plogp_inv(p: np.ndarray, q: np.ndarray | None = None) -> np.ndarray:
    """Element-wise ``p * ln(q / p)`` (``q = 1`` by default), 0 where ``p == 0``."""
    q = np.ones_like(p) if q is None else q
    out = np.zeros_like(p)
    pos = p > 0
    out[pos] = p[pos] * np.log(q[pos] / p[pos])
    return out


def _shares(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(shares, empty)`` of a (T, R, n) array; ``empty`` marks all-zero regions."""
    tot = x.sum(axis=2, keepdims=True)
    return _safe_div(x, tot, fill=0.0), tot[:, :, 0] == 0


def _group_matrix(codes: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """One-hot (n_children, n_groups) matrix of a child -> parent mapping."""
    labels = pd.Index(pd.unique(codes.to_numpy(dtype=object)))
    pos = labels.get_indexer(codes.to_numpy(dtype=object))
    onehot = np.zeros((len(codes), len(labels)))
    onehot[np.arange(len(codes)), pos] = 1.0
    return onehot, labels


def entropy(data: Data, *, base: float = 2) -> pd.Series:
    r"""Shannon entropy of the industry shares of each region.

    .. math::

        H_r = \sum_i p_{ri} \log_b \frac{1}{p_{ri}}, \qquad p_{ri} = \frac{x_{ri}}{\sum_j x_{rj}},
        \qquad 0 \log 0 = 0

    Parameters
    ----------
    data : Panel or wide DataFrame
    base : float, default 2
        Logarithm base (``numpy.e`` for nats).

    Returns
    -------
    Series
        Indexed by region (and time); NaN for an all-zero region.

    References
    ----------
    Shannon, C. E. (1948). A mathematical theory of communication. *Bell System Technical
    Journal*, 27(3), 379-423.

    Frenken, K., Van Oort, F., & Verburg, T. (2007). Related variety, unrelated variety and
    regional economic growth. *Regional Studies*, 41(5), 685-697.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame([[1, 1, 1, 1], [3, 1, 0, 0], [0, 0, 0, 0]], index=["a", "b", "c"])
    >>> entropy(x).round(4).tolist()
    [2.0, 0.8113, nan]
    """
    b = _check_base(base)
    panel = as_panel(data)
    p, empty = _shares(panel.values)
    h = _plogp_inv(p).sum(axis=2) / np.log(b)
    h[empty] = np.nan
    return panel.region_result(h, "entropy")


def _level_mapping(panel: Panel, level: Level | None) -> tuple[pd.Series, str]:
    """Parent code of every industry for ``level`` (a hierarchy column or a mapping)."""
    if isinstance(level, (Mapping, pd.Series)):
        m = pd.Series(dict(level) if not isinstance(level, pd.Series) else level, dtype=object)
        missing = panel.industries.difference(m.index)
        if len(missing):
            raise PanelError(f"the group mapping has no group for industries "
                             f"{missing.tolist()[:5]}; give every industry a group.")
        codes = m.loc[panel.industries]
        if codes.isna().any():
            bad = codes.index[codes.isna()].tolist()[:5]
            raise PanelError(f"the group mapping has missing groups for industries {bad}.")
        return codes, "group"
    if panel.hierarchy is None:
        raise PanelError(
            "related variety needs industry groups but the panel has no hierarchy. Build the "
            "panel with hierarchy=... (e.g. Panel.from_long(..., hierarchy=df.set_index("
            "'industry')['group'])) or pass level={industry: group, ...}."
        )
    cols = list(panel.hierarchy.columns)
    if level is None:
        level = cols[0]
    elif isinstance(level, (int, np.integer)) and level not in cols:
        if not 0 <= int(level) < len(cols):
            raise PanelError(f"level position {level} out of range; levels are {cols}.")
        level = cols[int(level)]
    if level not in cols:
        raise PanelError(f"unknown hierarchy level {level!r}; levels are {cols}.")
    return panel.hierarchy[level], str(level)


def related_unrelated_variety(
    data: Data,
    *,
    level: Level | None = None,
    base: float = 2,
) -> pd.DataFrame:
    r"""Related and unrelated variety (entropy decomposition within and between groups).

    With fine shares :math:`p_i`, groups :math:`S_g` and group shares
    :math:`P_g = \sum_{i \in S_g} p_i`:

    .. math::

        UV = \sum_g P_g \log_b \frac{1}{P_g}, \qquad
        RV = \sum_g P_g H_g, \quad H_g = \sum_{i \in S_g} \frac{p_i}{P_g}
             \log_b \frac{P_g}{p_i}, \qquad
        H = RV + UV

    Parameters
    ----------
    data : Panel or wide DataFrame
    level : str, int, mapping or Series, optional
        The grouping: a column of ``panel.hierarchy`` (name or position; default its first,
        finest parent level) or an explicit industry -> group mapping (needed for a wide
        DataFrame, which carries no hierarchy).
    base : float, default 2
        Logarithm base (2 as in Frenken et al. 2007; ``numpy.e`` as in Palepu 1985).

    Returns
    -------
    DataFrame
        Columns ``total``, ``related``, ``unrelated``; rows region (and time). All NaN for an
        all-zero region.

    Raises
    ------
    PanelError
        If no grouping is available or some industry has no group.

    References
    ----------
    Frenken, K., Van Oort, F., & Verburg, T. (2007). Related variety, unrelated variety and
    regional economic growth. *Regional Studies*, 41(5), 685-697.

    Palepu, K. (1985). Diversification strategy, profit performance and the entropy measure.
    *Strategic Management Journal*, 6(3), 239-255.

    Examples
    --------
    Palepu's firm with 80 % and 10 % in one group and 10 % in another (natural log):

    >>> import numpy as np
    >>> import pandas as pd
    >>> x = pd.DataFrame([[80, 10, 10]], index=["firm"], columns=["a1", "a2", "b1"])
    >>> rv = related_unrelated_variety(x, level={"a1": "A", "a2": "A", "b1": "B"}, base=np.e)
    >>> rv.round(3).to_dict("records")
    [{'total': 0.639, 'related': 0.314, 'unrelated': 0.325}]
    """
    b = _check_base(base)
    panel = as_panel(data)
    codes, _ = _level_mapping(panel, level)
    onehot, _ = _group_matrix(codes)
    p, empty = _shares(panel.values)
    pg = p @ onehot  # (T, R, G)
    pg_of_i = pg @ onehot.T  # parent share of each industry, (T, R, I)
    ln_b = np.log(b)
    total = _plogp_inv(p).sum(axis=2) / ln_b
    unrelated = _plogp_inv(pg).sum(axis=2) / ln_b
    related = _plogp_inv(p, pg_of_i).sum(axis=2) / ln_b
    out = np.stack([total, related, unrelated], axis=-1)
    out[empty] = np.nan
    return pd.DataFrame(out.reshape(-1, 3), index=panel._time_region_index(),
                        columns=pd.Index(["total", "related", "unrelated"]))


def variety_decomposition(
    data: Data,
    *,
    levels: Sequence[str] | None = None,
    base: float = 2,
) -> pd.DataFrame:
    r"""Nested (Theil-type) decomposition of entropy over several classification levels.

    Let level 0 be the industries and levels :math:`1, \dots, K` the chosen parent levels from
    fine to coarse, with shares :math:`P^{(k)}_g` of group :math:`g` at level :math:`k` and
    :math:`\pi(h)` the level-:math:`k` parent of a level-:math:`(k-1)` group :math:`h`. Then

    .. math::

        H = \underbrace{\sum_{g} P^{(K)}_g \log_b \frac{1}{P^{(K)}_g}}_{\text{between}}
            + \sum_{k=1}^{K} \underbrace{\sum_{h} P^{(k-1)}_h
              \log_b \frac{P^{(k)}_{\pi(h)}}{P^{(k-1)}_h}}_{\text{within}_k}

    ``within_k`` is the share-weighted entropy of the level-:math:`(k-1)` units inside each
    level-:math:`k` group. With one level this is :func:`related_unrelated_variety`
    (between = unrelated, within = related); with 1-, 2- and 3-digit levels it splits related
    variety into variety inside 1-digit sections, inside 2-digit divisions and inside 3-digit
    groups. The terms sum to the total entropy.

    Parameters
    ----------
    data : Panel
        With a hierarchy (columns fine to coarse).
    levels : sequence of str, optional
        Hierarchy columns to use (default all). They are taken in the hierarchy's fine-to-coarse
        order whatever order they are given in, and must be nested: every group of a level has
        one parent in the next chosen level.
    base : float, default 2

    Returns
    -------
    DataFrame
        Columns ``total``, ``between``, then ``within_<level>`` from the coarsest to the finest
        chosen level; rows region (and time). All NaN for an all-zero region.

    Raises
    ------
    PanelError
        If the panel has no hierarchy, a level is unknown, or the levels are not nested.

    References
    ----------
    Theil, H. (1972). *Statistical Decomposition Analysis*. North-Holland.

    Frenken, K., Van Oort, F., & Verburg, T. (2007). Related variety, unrelated variety and
    regional economic growth. *Regional Studies*, 41(5), 685-697.

    Examples
    --------
    >>> import pandas as pd
    >>> from smartregion.panel import Panel
    >>> h = pd.DataFrame({"d2": ["A1", "A1", "A2", "B1"], "d1": ["A", "A", "A", "B"]},
    ...                  index=["i1", "i2", "i3", "i4"])
    >>> p = Panel.from_wide(pd.DataFrame([[1, 1, 2, 4]], index=["r"],
    ...                                  columns=["i1", "i2", "i3", "i4"]), hierarchy=h)
    >>> variety_decomposition(p).round(3).to_dict("records")
    [{'total': 1.75, 'between': 1.0, 'within_d1': 0.5, 'within_d2': 0.25}]
    """
    b = _check_base(base)
    panel = as_panel(data)
    if panel.hierarchy is None:
        raise PanelError("variety_decomposition: the panel has no hierarchy; build it with "
                         "hierarchy=... (columns ordered fine to coarse).")
    cols = list(panel.hierarchy.columns)
    if levels is None:
        chosen = cols
    else:
        if isinstance(levels, str):
            levels = [levels]
        unknown = [lv for lv in levels if lv not in cols]
        if unknown:
            raise PanelError(f"unknown hierarchy level(s) {unknown}; levels are {cols}.")
        if len(set(levels)) != len(levels):
            raise PanelError(f"levels {list(levels)} repeat a level; give each once.")
        chosen = [c for c in cols if c in levels]
    if not chosen:
        raise PanelError("give at least one hierarchy level.")

    hier = panel.hierarchy
    # child codes at each step: industries, then each chosen level
    child = pd.Series(panel.industries.to_numpy(dtype=object), index=panel.industries)
    steps = []  # (industry -> child code, industry -> parent code, parent level name)
    for lv in chosen:
        parent = hier[lv]
        pairs = pd.DataFrame({"child": child.to_numpy(dtype=object),
                              "parent": parent.to_numpy(dtype=object)}).drop_duplicates()
        dup = pairs["child"].duplicated(keep=False)
        if dup.any():
            bad = pairs.loc[dup].head(6).to_string(index=False)
            raise PanelError(f"hierarchy level {lv!r} is not nested in the level below it: "
                             f"these units have more than one parent:\n{bad}\nFix the "
                             "classification or choose nested levels.")
        steps.append((child, parent, lv))
        child = parent

    p, empty = _shares(panel.values)
    ln_b = np.log(b)
    total = _plogp_inv(p).sum(axis=2) / ln_b
    terms: dict[str, np.ndarray] = {}
    # industry -> coarsest-level one-hot gives the between term
    top, _ = _group_matrix(steps[-1][1])
    terms["between"] = _plogp_inv(p @ top).sum(axis=2) / ln_b
    within: list[tuple[str, np.ndarray]] = []
    for ch, par, lv in steps:
        ch_onehot, ch_labels = _group_matrix(ch)
        pc = p @ ch_onehot  # (T, R, H) child-unit shares
        child_parent = pd.Series(par.to_numpy(dtype=object),
                                 index=ch.to_numpy(dtype=object))
        child_parent = child_parent[~child_parent.index.duplicated()].loc[ch_labels]
        up, _ = _group_matrix(child_parent)  # (H, G)
        pp_of_child = (pc @ up) @ up.T  # parent share of each child unit
        within.append((f"within_{lv}", _plogp_inv(pc, pp_of_child).sum(axis=2) / ln_b))
    for name, val in reversed(within):
        terms[name] = val
    out = np.stack([total] + list(terms.values()), axis=-1)
    out[empty] = np.nan
    return pd.DataFrame(out.reshape(-1, out.shape[-1]), index=panel._time_region_index(),
                        columns=pd.Index(["total"] + list(terms)))
