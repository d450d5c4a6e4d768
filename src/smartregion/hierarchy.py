"""Industry code hierarchies and concordances.

A *hierarchy* here is what :class:`~smartregion.panel.Panel` accepts: a DataFrame indexed by
the finest codes whose columns hold the parent code at each coarser level, ordered fine to
coarse. This module builds such frames from

* the codes themselves, by truncation rules (``"2511" -> "251" -> "25"``):
  :func:`hierarchy_from_codes`;
* a table of parent links (one row per code with its parent), as published code lists are
  usually shaped: :func:`hierarchy_from_parent_table`;

checks that levels nest (:func:`validate_nested`), and maps a long table from one
classification to another through a concordance, reporting every code that cannot be mapped
and checking split weights (:func:`apply_concordance`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = [
    "HierarchyError",
    "ConcordanceError",
    "hierarchy_from_codes",
    "hierarchy_from_parent_table",
    "validate_nested",
    "nesting_violations",
    "apply_concordance",
]

_MAX_SHOWN = 10

LevelRule = int | Mapping[Hashable, Hashable] | pd.Series | Callable[[Any], Hashable]


class HierarchyError(ValueError):
    """A code hierarchy is inconsistent (levels not nested, parents unknown, cycles ...).

    The message lists (up to ten of) the offending codes.
    """


class ConcordanceError(ValueError):
    """A concordance cannot be applied as asked (unmapped codes, bad weights ...)."""


def _shown(items: Iterable[Any]) -> str:
    items = list(items)
    more = f" ... and {len(items) - _MAX_SHOWN} more" if len(items) > _MAX_SHOWN else ""
    return f"{items[:_MAX_SHOWN]}{more}"


def _is_root(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------------------------
# building hierarchies
# --------------------------------------------------------------------------------------------


def hierarchy_from_codes(
    codes: Iterable[Hashable],
    levels: Mapping[str, LevelRule],
    *,
    validate: bool = True,
) -> pd.DataFrame:
    """Build a hierarchy frame from codes by truncation, lookup or a function.

    Parameters
    ----------
    codes : iterable of str
        The finest codes (duplicates are not allowed). Codes are used as strings.
    levels : dict of level name -> rule
        One entry per coarser level, in order fine to coarse. A rule is

        * an ``int`` *n*: the parent is the first *n* characters of the code (the code must
          have more than *n* characters);
        * a mapping or Series: the parent is looked up with the *previous* level's label (the
          code itself for the first level), which allows steps that are not prefixes, such as
          GB/T 4754 division ``"39"`` -> section ``"C"``;
        * a callable: applied to the code itself.
    validate : bool, default True
        Check that the levels nest (see :func:`validate_nested`).

    Returns
    -------
    DataFrame
        Indexed by code (index name ``"industry"``), one column per level, fine to coarse.

    Raises
    ------
    HierarchyError
        Codes too short for a truncation, codes absent from a lookup, or levels not nested.

    Examples
    --------
    >>> h = hierarchy_from_codes(["2511", "2512", "2611"], {"group": 3, "division": 2})
    >>> h.columns.tolist(), h.loc["2611"].tolist()
    (['group', 'division'], ['261', '26'])
    >>> section = {"25": "C", "26": "C"}
    >>> h2 = hierarchy_from_codes(["251", "261"], {"division": 2, "section": section})
    >>> h2["section"].tolist()
    ['C', 'C']
    """
    codes_idx = pd.Index([str(c) for c in codes], dtype=object, name="industry")
    if not codes_idx.is_unique:
        dup = codes_idx[codes_idx.duplicated()].unique()
        raise HierarchyError(f"codes are listed more than once: {_shown(dup)}.")
    if not levels:
        raise HierarchyError("levels is empty; give at least one coarser level.")
    out = pd.DataFrame(index=codes_idx)
    previous = pd.Series(codes_idx, index=codes_idx, dtype=object)
    for name, rule in levels.items():
        if isinstance(rule, bool) or not isinstance(rule, (int, np.integer, Mapping, pd.Series)) \
                and not callable(rule):
            raise HierarchyError(
                f"level {name!r}: rule must be an int (prefix length), a mapping/Series (lookup "
                f"of the previous level) or a callable; got {type(rule)!r}."
            )
        if isinstance(rule, (int, np.integer)):
            n = int(rule)
            too_short = codes_idx[codes_idx.str.len() <= n]
            if len(too_short):
                raise HierarchyError(
                    f"level {name!r} truncates to {n} character(s) but {len(too_short)} code(s) "
                    f"are not longer than that: {_shown(too_short)}."
                )
            parent = pd.Series(codes_idx.str[:n], index=codes_idx, dtype=object)
        elif isinstance(rule, (Mapping, pd.Series)):
            lookup = pd.Series(rule, dtype=object) if isinstance(rule, Mapping) else rule
            lookup = lookup.copy()
            lookup.index = lookup.index.map(str)
            parent = previous.map(lookup)
            absent = previous[parent.isna()]
            if len(absent):
                raise HierarchyError(
                    f"level {name!r}: {absent.nunique()} label(s) of the previous level are "
                    f"missing from the lookup: {_shown(absent.unique())} (codes "
                    f"{_shown(absent.index)})."
                )
            parent = parent.astype(object)
        else:
            parent = pd.Series([rule(c) for c in codes_idx], index=codes_idx, dtype=object)
            bad = codes_idx[parent.map(_is_root).to_numpy(dtype=bool)]
            if len(bad):
                raise HierarchyError(
                    f"level {name!r}: the function gave no parent for {_shown(bad)}."
                )
        out[name] = parent.astype(str).astype(object)
        previous = out[name]
    if validate:
        validate_nested(out)
    return out


def hierarchy_from_parent_table(
    df: pd.DataFrame,
    *,
    child: str = "code",
    parent: str = "parent",
    level: str | None = None,
    leaves: str | Iterable[Hashable] | None = None,
) -> pd.DataFrame:
    """Build a multi-level ancestor frame from a table of parent links.

    Parameters
    ----------
    df : DataFrame
        One row per code. Codes at the top level have an empty parent (``None``, NaN or ``""``).
    child, parent : str
        Column names of the code and of its parent code.
    level : str, optional
        Column naming each code's level (``"division"``, ``"group"`` ...). When given, the output
        columns are these level names; otherwise they are ``"depth_k"`` (``depth_0`` = top).
    leaves : str or iterable of codes, optional
        Which codes form the index. A level name (needs ``level``) selects the codes of that
        level; an iterable selects those codes; ``None`` (default) takes the codes that are
        nobody's parent.

    Returns
    -------
    DataFrame
        Indexed by leaf code (index name ``"industry"``), one column per ancestor level ordered
        fine (nearest parent) to coarse (top).

    Raises
    ------
    HierarchyError
        Duplicate codes, parents that are not codes of the table, cycles, leaves whose chains do
        not reach the same levels, or levels that do not nest.

    Examples
    --------
    >>> links = pd.DataFrame({
    ...     "code": ["C", "13", "131", "132", "14", "141"],
    ...     "parent": [None, "C", "13", "13", "C", "14"],
    ...     "level": ["section", "division", "group", "group", "division", "group"],
    ... })
    >>> h = hierarchy_from_parent_table(links, level="level")
    >>> h.index.tolist(), h.columns.tolist(), h.loc["141"].tolist()
    (['131', '132', '141'], ['division', 'section'], ['14', 'C'])
    >>> hierarchy_from_parent_table(links, level="level", leaves="division")["section"].to_dict()
    {'13': 'C', '14': 'C'}
    """
    for col in (child, parent) + ((level,) if level is not None else ()):
        if col not in df.columns:
            raise HierarchyError(
                f"column {col!r} is not in the table (columns: {list(df.columns)})."
            )
    codes = df[child].map(str)
    if codes.duplicated().any():
        dup = codes[codes.duplicated()].unique()
        raise HierarchyError(f"codes are listed more than once: {_shown(dup)}.")
    parents = [None if _is_root(v) else str(v) for v in df[parent]]
    link = dict(zip(codes, parents, strict=True))
    unknown = sorted({p for p in parents if p is not None and p not in link})
    if unknown:
        bad_children = [c for c, p in zip(codes, parents, strict=True) if p in unknown]
        raise HierarchyError(
            f"{len(unknown)} parent code(s) are not codes of the table: {_shown(unknown)} "
            f"(children {_shown(bad_children)}). Add the parent rows or fix the links."
        )
    level_of = dict(zip(codes, df[level].map(str), strict=True)) if level is not None else None

    # ancestors of each code, nearest first, with cycle detection
    chains: dict[str, list[str]] = {}
    for code in codes:
        chain: list[str] = []
        seen = {code}
        p = link[code]
        while p is not None:
            if p in seen:
                raise HierarchyError(f"the parent links of {code!r} form a cycle through {p!r}.")
            seen.add(p)
            chain.append(p)
            p = link[p]
        chains[code] = chain

    if leaves is None:
        has_child = {p for p in parents if p is not None}
        leaf_codes = [c for c in codes if c not in has_child]
    elif isinstance(leaves, str) and level_of is not None and leaves in set(level_of.values()):
        leaf_codes = [c for c in codes if level_of[c] == leaves]
    elif isinstance(leaves, str):
        raise HierarchyError(
            f"leaves={leaves!r} is not a level name"
            + ("" if level is not None else " (pass level= to select leaves by level)")
            + "; give a level name or a list of codes."
        )
    else:
        leaf_codes = [str(c) for c in leaves]
        absent = [c for c in leaf_codes if c not in link]
        if absent:
            raise HierarchyError(
                f"{len(absent)} leaf code(s) are not in the table: {_shown(absent)}."
            )
    if not leaf_codes:
        raise HierarchyError("no leaf codes selected.")

    if level_of is not None:
        names = [[level_of[a] for a in chains[c]] for c in leaf_codes]
    else:
        names = [[f"depth_{len(chains[c]) - 1 - i}" for i in range(len(chains[c]))]
                 for c in leaf_codes]
    signature = pd.Series([tuple(n) for n in names], index=leaf_codes)
    if signature.nunique() > 1:
        counts = signature.value_counts()
        odd = signature[signature != counts.index[0]]
        raise HierarchyError(
            f"the leaves do not all have ancestors at the same levels: most have "
            f"{list(counts.index[0])}, but {len(odd)} differ, e.g. "
            f"{_shown([(c, list(s)) for c, s in odd.items()])}. Choose leaves of one level."
        )
    columns = list(signature.iloc[0])
    if not columns:
        raise HierarchyError("the selected leaves have no ancestors (they are top-level codes).")
    if len(set(columns)) != len(columns):
        raise HierarchyError(f"a level name repeats along the chain: {columns}.")
    out = pd.DataFrame([chains[c] for c in leaf_codes], index=pd.Index(leaf_codes, name="industry"),
                       columns=columns, dtype=object)
    validate_nested(out)
    return out


def validate_nested(hierarchy: pd.DataFrame) -> pd.DataFrame:
    """Check that a hierarchy frame's levels nest; return it unchanged.

    Each column (fine to coarse) must be filled, and every label of a level must have exactly
    one parent at the next coarser level.

    Parameters
    ----------
    hierarchy : DataFrame
        Indexed by code, one column per level ordered fine to coarse.

    Returns
    -------
    DataFrame
        The same frame.

    Raises
    ------
    HierarchyError
        Duplicate index codes, empty parents, or a label with several parents; the message names
        the offending codes.

    Examples
    --------
    >>> ok = pd.DataFrame({"group": ["251", "252"], "division": ["25", "25"]},
    ...                   index=["2511", "2521"])
    >>> validate_nested(ok).shape
    (2, 2)
    >>> bad = pd.DataFrame({"group": ["251", "251"], "division": ["25", "26"]},
    ...                    index=["2511", "2512"])
    >>> try:
    ...     validate_nested(bad)
    ... except HierarchyError as exc:
    ...     print(str(exc).split(": ", 1)[1])
    1 label(s) have several parents: {'251': ['25', '26']}.
    """
    if not isinstance(hierarchy, pd.DataFrame):
        raise HierarchyError(f"hierarchy must be a DataFrame; got {type(hierarchy)!r}.")
    if not hierarchy.index.is_unique:
        dup = hierarchy.index[hierarchy.index.duplicated()].unique()
        raise HierarchyError(f"hierarchy lists codes more than once: {_shown(dup)}.")
    for col in hierarchy.columns:
        empty = hierarchy.index[hierarchy[col].map(_is_root).to_numpy(dtype=bool)]
        if len(empty):
            raise HierarchyError(f"level {col!r} has no parent for codes {_shown(empty)}.")
    for fine, (coarse, detail) in nesting_violations(hierarchy).items():
        shown = dict(list(detail.items())[:_MAX_SHOWN])
        raise HierarchyError(
            f"level {fine!r} does not nest in level {coarse!r}: {len(detail)} label(s) have "
            f"several parents: {shown}."
        )
    return hierarchy


def nesting_violations(hierarchy: pd.DataFrame) -> dict[Hashable, tuple[Hashable, dict]]:
    """Labels of each level that have more than one parent at the next coarser level.

    This is the one nesting rule of the package: :func:`validate_nested`, :class:`Panel
    <smartregion.panel.Panel>` and the file validator of :mod:`smartregion.byod` all apply it.

    Parameters
    ----------
    hierarchy : DataFrame
        One column per level, ordered fine to coarse (the index, the finest codes, is not used).

    Returns
    -------
    dict
        ``{fine_level: (coarse_level, {label: sorted parent labels as text})}`` for every pair
        of adjacent levels that does not nest; empty when the hierarchy nests.

    Examples
    --------
    >>> h = pd.DataFrame({"group": ["251", "251", "261"], "division": ["25", "26", "26"]})
    >>> nesting_violations(h)
    {'group': ('division', {'251': ['25', '26']})}
    """
    out: dict[Hashable, tuple[Hashable, dict]] = {}
    cols = list(hierarchy.columns)
    for fine, coarse in zip(cols[:-1], cols[1:], strict=True):
        n = hierarchy.groupby(fine, sort=True, dropna=False)[coarse].nunique(dropna=False)
        multi = n[n > 1].index
        if len(multi):
            sub = hierarchy[hierarchy[fine].isin(multi)]
            detail = {k: sorted(map(str, v.unique())) for k, v in sub.groupby(fine)[coarse]}
            out[fine] = (coarse, detail)
    return out


# --------------------------------------------------------------------------------------------
# concordances
# --------------------------------------------------------------------------------------------


def apply_concordance(
    long_df: pd.DataFrame,
    concordance: pd.DataFrame,
    *,
    code: str = "industry",
    value: str | Sequence[str] = "value",
    source: str = "source",
    target: str = "target",
    weight: str | None = None,
    unmapped: Literal["raise", "drop"] = "raise",
    atol: float = 1e-9,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Map a long table's codes through a concordance, summing values per target code.

    Every other column of ``long_df`` (region, year ...) is kept as a key. One-to-many links
    split a source code's value across targets by ``weight``; many-to-one links add up.

    Parameters
    ----------
    long_df : DataFrame
        The data, one row per key and code.
    concordance : DataFrame
        One row per (source, target) link.
    code : str
        Column of ``long_df`` with the codes to map; it keeps its name in the result.
    value : str or list of str
        Value column(s) to split and add up. Missing values stay missing (a sum with a missing
        part is missing).
    source, target : str
        Columns of ``concordance``.
    weight : str, optional
        Column of ``concordance`` with split weights. Weights must be finite, non-negative and
        sum to 1 (within ``atol``) for every source code. Without it each source code must map to
        exactly one target.
    unmapped : {"raise", "drop"}
        Rows whose code is not a source of the concordance: ``"raise"`` (default) stops with the
        codes; ``"drop"`` removes them and counts them in the report.
    atol : float
        Tolerance of the weight-sum check.

    Returns
    -------
    data : DataFrame
        The mapped long table (same columns as ``long_df``).
    report : dict
        ``rows_in``, ``rows_out``, ``unmapped_codes`` (sorted list), ``unmapped_rows``,
        ``unmapped_value`` (per value column, the total dropped), ``split_sources`` (number of
        source codes split across several targets).

    Raises
    ------
    ConcordanceError
        Unmapped codes with ``unmapped="raise"``, duplicate links, bad weights, one-to-many links
        without weights, or missing columns.

    Examples
    --------
    >>> data = pd.DataFrame({"region": ["a", "a", "b"], "industry": ["x1", "x2", "x1"],
    ...                      "value": [10.0, 5.0, 4.0]})
    >>> conc = pd.DataFrame({"source": ["x1", "x1", "x2"], "target": ["Y", "Z", "Z"],
    ...                      "w": [0.5, 0.5, 1.0]})
    >>> out, rep = apply_concordance(data, conc, weight="w")
    >>> out
      region industry  value
    0      a        Y    5.0
    1      a        Z   10.0
    2      b        Y    2.0
    3      b        Z    2.0
    >>> rep["split_sources"]
    1
    """
    values = [value] if isinstance(value, str) else list(value)
    for col in [code, *values]:
        if col not in long_df.columns:
            raise ConcordanceError(
                f"column {col!r} is not in the data (columns: {list(long_df.columns)})."
            )
    for col in [source, target] + ([weight] if weight is not None else []):
        if col not in concordance.columns:
            raise ConcordanceError(
                f"column {col!r} is not in the concordance (columns: {list(concordance.columns)})."
            )
    if unmapped not in ("raise", "drop"):
        raise ConcordanceError(f"unmapped must be 'raise' or 'drop'; got {unmapped!r}.")

    conc = concordance[[source, target] + ([weight] if weight is not None else [])].copy()
    if conc[[source, target]].isna().any(axis=None):
        bad = conc[conc[[source, target]].isna().any(axis=1)]
        raise ConcordanceError(
            f"the concordance has empty source/target cells:\n{bad.head(_MAX_SHOWN)}"
        )
    dup = conc.duplicated([source, target], keep=False)
    if dup.any():
        raise ConcordanceError(
            f"the concordance repeats {int(dup.sum())} (source, target) link(s), e.g.\n"
            f"{conc[dup].head(_MAX_SHOWN)}\nKeep one row per link."
        )
    n_targets = conc.groupby(source)[target].nunique()
    split = n_targets[n_targets > 1]
    if weight is None:
        if len(split):
            raise ConcordanceError(
                f"{len(split)} source code(s) map to several targets ({_shown(split.index)}); give "
                "a weight column to split their values, or make the links one-to-one."
            )
        conc["_w"] = 1.0
    else:
        w = pd.to_numeric(conc[weight], errors="coerce")
        bad = conc[~np.isfinite(w.to_numpy(dtype=float)) | (w < 0).to_numpy()]
        if len(bad):
            raise ConcordanceError(
                f"weights must be finite and non-negative; bad rows:\n{bad.head(_MAX_SHOWN)}"
            )
        sums = w.groupby(conc[source]).sum()
        off = sums[(sums - 1.0).abs() > atol]
        if len(off):
            raise ConcordanceError(
                f"weights of {len(off)} source code(s) do not sum to 1: "
                f"{dict(list(off.round(12).items())[:_MAX_SHOWN])}."
            )
        conc["_w"] = w.astype(float)

    data = long_df.copy()
    mapped_mask = data[code].isin(conc[source])
    missing_codes = sorted(map(str, data.loc[~mapped_mask, code].unique()))
    report: dict[str, Any] = {
        "rows_in": int(len(data)),
        "unmapped_codes": missing_codes,
        "unmapped_rows": int((~mapped_mask).sum()),
        "unmapped_value": {v: float(data.loc[~mapped_mask, v].sum()) for v in values},
        "split_sources": int(len(split)),
    }
    if missing_codes and unmapped == "raise":
        raise ConcordanceError(
            f"{len(missing_codes)} code(s) in column {code!r} are not sources of the concordance "
            f"({report['unmapped_rows']} row(s)): {_shown(missing_codes)}. Extend the "
            "concordance, or pass unmapped='drop' to drop them (they are then counted in the "
            "report)."
        )
    data = data[mapped_mask]
    keys = [c for c in data.columns if c not in (code, *values)]
    links = pd.DataFrame({"_src": conc[source].to_numpy(), "_tgt": conc[target].to_numpy(),
                          "_w": conc["_w"].to_numpy()})
    merged = data.merge(links, left_on=code, right_on="_src", how="inner")
    for v in values:
        merged[v] = merged[v].astype(float) * merged["_w"]
    merged = merged.drop(columns=[code, "_src", "_w"]).rename(columns={"_tgt": code})
    group_cols = [*keys, code]
    out = (merged.groupby(group_cols, sort=True, dropna=False)[values]
           .sum(skipna=False).reset_index())
    out = out[list(long_df.columns)]
    report["rows_out"] = int(len(out))
    return out, report
