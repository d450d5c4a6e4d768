"""The :class:`Panel`: one validated door for region x industry (x time) data.

Every index in smartregion takes a :class:`Panel` (or something :func:`as_panel` can turn into
one). A panel is validated once, when it is built, and holds

* ``regions``, ``industries``, ``times``: label indexes (``times`` has one entry, ``None``, for a
  single-period panel built without a time column);
* ``values``: a dense ``float64`` array of shape ``(T, R, I)``;
* ``hierarchy``: an optional :class:`pandas.DataFrame` indexed by industry whose columns are the
  parent codes at one or more coarser levels, ordered fine to coarse.

Results of the index functions are tidy pandas objects labelled by the panel's labels. For a
panel without a time column the time level is left out of result indexes.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = [
    "Panel",
    "PanelError",
    "SmartRegionWarning",
    "ZeroLineWarning",
    "DroppedDataWarning",
    "LabelWarning",
    "as_panel",
    "to_long",
]

MissingPolicy = Literal["raise", "zero", "drop"]
DuplicatePolicy = Literal["raise", "sum"]

_MAX_SHOWN = 5


class PanelError(ValueError):
    """Raised when input data cannot become a valid :class:`Panel`.

    The message names the offending column, shows up to five offending rows and says how to
    fix the problem.
    """


class SmartRegionWarning(UserWarning):
    """Base class of the warnings smartregion issues."""


class ZeroLineWarning(SmartRegionWarning):
    """A region or an industry is zero everywhere in some period.

    Such lines are kept; every index handles them without NaN leaking into other rows (their own
    entries are 0 or NaN as each function documents).
    """


class DroppedDataWarning(SmartRegionWarning):
    """Rows or lines were removed because the caller asked for it; the message counts them."""


def _show_rows(df: pd.DataFrame, mask: np.ndarray | pd.Series) -> str:
    mask = np.asarray(mask, dtype=bool)
    n = int(mask.sum())
    shown = df.loc[mask].head(_MAX_SHOWN)
    text = shown.to_string()
    more = f"\n... and {n - _MAX_SHOWN} more row(s)" if n > _MAX_SHOWN else ""
    return f"{n} row(s); first {min(n, _MAX_SHOWN)} (row labels from the input):\n{text}{more}"


class LabelWarning(SmartRegionWarning):
    """Key labels were normalised (padding stripped) or look alike (differ only in case)."""


def _codes_and_labels(values: pd.Series, what: str, *, strip: bool = True
                      ) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and sorted unique labels of a key column.

    One hash pass (``pd.factorize`` without sorting) over the rows; only the unique labels are
    sorted (labels that cannot be ordered, mixed types, keep their order of appearance) and the
    codes are remapped. Missing labels get code -1. With ``strip`` leading and trailing white
    space is removed from text labels (counted in a :class:`LabelWarning`); text labels that
    differ only in case are kept apart and reported.
    """
    codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=True)
    codes = np.asarray(codes, dtype=np.intp)
    uniq = pd.Index(uniques)
    if strip and len(uniq) and (uniq.dtype == object or pd.api.types.is_string_dtype(uniq)):
        text = pd.Series(uniq, dtype=object)
        is_text = text.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        stripped = text.where(~is_text, text[is_text].str.strip()) if is_text.any() else text
        changed = (stripped != text).to_numpy(dtype=bool)
        if changed.any():
            n_rows = int(np.bincount(codes[codes >= 0], minlength=len(uniq))[changed].sum())
            shown = [f"{a!r} -> {b!r}" for a, b in zip(text[changed], stripped[changed])]
            warnings.warn(
                f"{what}: {int(changed.sum())} label(s) in {n_rows} row(s) had leading or "
                f"trailing spaces, which were stripped (e.g. {', '.join(shown[:3])}). Pass "
                "strip_labels=False to keep labels exactly as given.",
                LabelWarning, stacklevel=4)
            merged, uniq2 = pd.factorize(pd.Series(stripped, dtype=object), sort=False)
            codes = np.where(codes >= 0, np.asarray(merged, dtype=np.intp)[codes], -1)
            uniq = pd.Index(uniq2, dtype=uniq.dtype if uniq.dtype != object else None)
    try:
        order = np.asarray(uniq.argsort(), dtype=np.intp)
    except TypeError:  # mixed label types cannot be ordered; keep order of appearance
        order = np.arange(len(uniq), dtype=np.intp)
    if not np.array_equal(order, np.arange(len(uniq))):
        rank = np.empty(len(uniq) + 1, dtype=np.intp)
        rank[order] = np.arange(len(uniq))
        rank[-1] = -1  # code -1 (missing label) wraps to this last entry and stays -1
        np.take(rank, codes, out=codes, mode="wrap")  # in place: no second array of codes
        uniq = uniq.take(order)
    _warn_case_collisions(uniq, what)
    return codes, uniq


def _warn_case_collisions(labels: pd.Index, what: str) -> None:
    if not len(labels) or not (labels.dtype == object or pd.api.types.is_string_dtype(labels)):
        return
    text = [v for v in labels if isinstance(v, str)]
    if len(text) < 2:
        return
    folded = pd.Series(text, dtype=object).str.casefold()
    dup = folded.duplicated(keep=False).to_numpy()
    if dup.any():
        groups = pd.Series(text, dtype=object)[dup].groupby(folded[dup].to_numpy()).agg(list)
        shown = groups.tolist()[:_MAX_SHOWN]
        warnings.warn(
            f"{what}: {len(groups)} group(s) of labels differ only in upper/lower case, e.g. "
            f"{shown}. They are kept as different {what} labels; if they mean the same thing, "
            "write them the same way before building the panel.",
            LabelWarning, stacklevel=4)


def _sorted_labels(values: Iterable[Hashable]) -> pd.Index:
    idx = pd.Index(pd.unique(pd.Series(list(values), dtype=object)))
    try:
        return idx.sort_values()
    except TypeError:  # mixed label types cannot be ordered; keep order of appearance
        return idx


def _compact(codes: np.ndarray, labels: pd.Index) -> tuple[np.ndarray, pd.Index]:
    """Drop labels no code refers to any more and renumber the codes (order kept)."""
    used = np.zeros(len(labels), dtype=bool)
    used[codes] = True
    if used.all():
        return codes, labels
    new = np.cumsum(used) - 1
    return new[codes], labels[used]


def _infer_value_column(df: pd.DataFrame, keys: list[str]) -> str:
    """The value column when none is named: ``"value"``, else the one numeric non-key column."""
    if "value" in df.columns:
        return "value"
    numeric = [c for c in df.columns if c not in keys
               and pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    if len(numeric) == 1:
        return numeric[0]
    if not numeric:
        raise PanelError(
            f"no value column: the table has no column 'value' and no numeric column besides "
            f"the keys {keys} (columns are {list(df.columns)}). Name it with value=<column>.")
    raise PanelError(
        f"several numeric columns could hold the values: {numeric}. Name the one to use with "
        "value=<column> (a panel holds one quantity; build one panel per column).")


def _check_labels(labels: pd.Index, what: str) -> pd.Index:
    if labels.hasnans:
        raise PanelError(f"{what} labels contain missing values; every {what} needs a label.")
    if not labels.is_unique:
        dup = labels[labels.duplicated()].unique().tolist()[:_MAX_SHOWN]
        raise PanelError(f"{what} labels are not unique: {dup}. Give each {what} one label.")
    return labels


def _normalise_hierarchy(
    hierarchy: Mapping[Hashable, Hashable] | pd.Series | pd.DataFrame | None,
    industries: pd.Index,
) -> pd.DataFrame | None:
    """Turn the accepted hierarchy forms into a DataFrame indexed by industry."""
    if hierarchy is None:
        return None
    if isinstance(hierarchy, pd.DataFrame):
        frame = hierarchy.copy()
    elif isinstance(hierarchy, pd.Series):
        frame = hierarchy.to_frame(name=hierarchy.name if hierarchy.name is not None else "group")
    elif isinstance(hierarchy, Mapping):
        frame = pd.Series(dict(hierarchy), dtype=object).to_frame(name="group")
    else:
        raise PanelError(
            "hierarchy must be a mapping industry -> parent, a Series indexed by industry, or a "
            f"DataFrame indexed by industry with one column per level; got {type(hierarchy)!r}."
        )
    if frame.shape[1] == 0:
        raise PanelError("hierarchy has no level columns; give at least one parent level.")
    if not frame.index.is_unique:
        dup = frame.index[frame.index.duplicated()].unique().tolist()[:_MAX_SHOWN]
        raise PanelError(f"hierarchy lists industries more than once: {dup}. Keep one row each.")
    missing = industries.difference(frame.index)
    if len(missing):
        raise PanelError(
            f"{len(missing)} industr(y/ies) of the data are missing from the hierarchy, e.g. "
            f"{missing.tolist()[:_MAX_SHOWN]}. Add a parent for each, or aggregate them first."
        )
    frame = frame.loc[industries]
    for col in frame.columns:
        if frame[col].isna().any():
            bad = frame.index[frame[col].isna()].tolist()[:_MAX_SHOWN]
            raise PanelError(
                f"hierarchy level {col!r} has no parent for industries {bad}. Fill every parent."
            )
    frame.index.name = "industry"
    from .hierarchy import nesting_violations  # the package's one nesting rule

    bad = nesting_violations(frame)
    if bad:
        fine, (coarse, detail) = next(iter(bad.items()))
        shown = dict(list(detail.items())[:_MAX_SHOWN])
        raise PanelError(
            f"hierarchy level {fine!r} does not nest in level {coarse!r}: {len(detail)} "
            f"label(s) have several parents, e.g. {shown}. Give each label one parent."
        )
    return frame


# ----------------------------------------------------------------------------- from_long steps
# Panel.from_long in four named steps: check the arguments and columns, read the value column
# (missing / infinite / negative values), fold the key columns into one flat cell index, and
# scatter the values into the cube (repeated keys raise or are summed).
def _check_long_arguments(df: Any, missing: str, duplicates: str) -> None:
    """Refuse a non-DataFrame input and unknown ``missing``/``duplicates`` policies."""
    if not isinstance(df, pd.DataFrame):
        raise PanelError(f"from_long needs a pandas DataFrame; got {type(df)!r}.")
    if missing not in ("raise", "zero", "drop"):
        raise PanelError(f"missing must be 'raise', 'zero' or 'drop'; got {missing!r}.")
    if duplicates not in ("raise", "sum"):
        raise PanelError(f"duplicates must be 'raise' or 'sum'; got {duplicates!r}.")


def _check_long_columns(df: pd.DataFrame, *, region: str, industry: str, value: str,
                        time: str | None) -> None:
    """Every role names its own existing column, and the table has rows."""
    needed = {"region": region, "industry": industry, "value": value}
    if time is not None:
        needed["time"] = time
    absent = {k: c for k, c in needed.items() if c not in df.columns}
    if absent:
        hint = ", ".join(f"{k}=<column>" for k in absent)
        raise PanelError(
            f"column(s) {list(absent.values())} not found in the table (columns are "
            f"{list(df.columns)}). Name the right columns with {hint}."
        )
    if len(set(needed.values())) < len(needed):
        raise PanelError(f"one column is used for two roles: {needed}. Each of region, "
                         "industry, value (and time) needs its own column.")
    if len(df) == 0:
        raise PanelError("the table is empty: a panel needs at least one row.")


def _long_values(df: pd.DataFrame, keys: list[str], value: str, missing: str
                 ) -> tuple[np.ndarray, np.ndarray | None, int]:
    """The value column as float64 after the ``missing`` policy.

    Returns the values, the mask of rows kept (None when every row is kept) and the number
    of missing values found. Non-numeric text, infinite and negative values raise with the
    offending rows.
    """
    raw = df[value]
    if pd.api.types.is_bool_dtype(raw) or not pd.api.types.is_numeric_dtype(raw):
        vals = pd.to_numeric(raw, errors="coerce")
        bad = vals.isna() & raw.notna()
        if bad.any():
            raise PanelError(
                f"column {value!r} has non-numeric values in "
                f"{_show_rows(df[keys + [value]], bad)}\nConvert them to numbers (or to "
                "NaN with an explicit missing= policy) before building the panel."
            )
        v = vals.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        v = raw.to_numpy(dtype=np.float64, na_value=np.nan)
    isnan = np.isnan(v)
    keep = None
    n_nan = int(isnan.sum())
    if n_nan:
        if missing == "raise":
            raise PanelError(
                f"column {value!r} has missing values in "
                f"{_show_rows(df[keys + [value]], isnan)}\nFill them, or pass "
                "missing='zero' (treat as 0) or missing='drop' (leave the rows out)."
            )
        if missing == "zero":
            v = np.where(isnan, 0.0, v)
        else:
            keep = ~isnan
            v = v[keep]
    del isnan
    shown_rows = df if keep is None else df.loc[keep]
    if np.isinf(v).any():
        raise PanelError(
            f"column {value!r} has infinite values in "
            f"{_show_rows(shown_rows[keys + [value]], np.isinf(v))}\nReplace them with "
            "finite values."
        )
    if (v < 0).any():
        raise PanelError(
            f"column {value!r} has negative values in "
            f"{_show_rows(shown_rows[keys + [value]], v < 0)}\nThe indices need counts or "
            "amounts >= 0; correct or remove these rows."
        )
    return v, keep, n_nan


def _flat_cell_index(df: pd.DataFrame, keys: list[str], value: str, keep: np.ndarray | None,
                     *, roles: tuple[tuple[str, str | None], ...], strip_labels: bool
                     ) -> tuple[np.ndarray, dict[str, pd.Index | None], str]:
    """Fold the key columns into one flat cell index ``(t * n_r + r) * n_i + i``.

    Key columns are read one at a time, each folded into the flat index at once, so that only
    one column's codes are held beside it (memory stays near two int64 columns). Returns the
    flat index of the kept rows, the sorted labels of each role (``None`` for an absent time)
    and a note naming the regions/industries that had only missing values (dropped rows).
    """
    labels_of: dict[str, pd.Index | None] = {"time": None}
    lost = ""
    flat: np.ndarray | None = None
    for role, col in roles:
        if col is None:
            continue
        codes, labels = _codes_and_labels(df[col], f"{role} column {col!r}",
                                          strip=strip_labels)
        na = codes < 0
        if na.any():
            raise PanelError(
                f"key column {col!r} has missing labels in {_show_rows(df[keys + [value]], na)}"
                "\nEvery row needs a label; drop or fill these rows first."
            )
        del na
        if keep is not None:
            gone = np.setdiff1d(np.unique(codes[~keep]), np.unique(codes[keep]))
            if len(gone) and role != "time":
                lost += (f" {len(gone)} {role}(s) had only missing values and are absent "
                         f"from the panel: {labels[gone].tolist()[:_MAX_SHOWN]}.")
            # labels whose every row was dropped leave the panel (named in the warning)
            codes, labels = _compact(codes[keep], labels)
        labels_of[role] = labels
        if flat is None:
            flat = codes.astype(np.int64, copy=False)
        else:
            flat *= len(labels)
            flat += codes
        del codes
    assert flat is not None
    return flat, labels_of, lost


def _scatter_cells(flat: np.ndarray, v: np.ndarray, size: int, df: pd.DataFrame,
                   keys: list[str], value: str, keep: np.ndarray | None, *, duplicates: str,
                   strip_labels: bool) -> np.ndarray:
    """Add the values into a flat array of ``size`` cells; repeated keys raise or are summed.

    One scatter pass builds the array (bincount adds rows that share a cell); repeated keys
    are found without a second pass over the cells: sorted input (the usual case) has them
    next to each other, otherwise a one-byte mark per cell counts distinct keys.
    """
    arr = np.bincount(flat, weights=v, minlength=size)
    if len(flat) > 1 and not bool(np.all(flat[1:] > flat[:-1])):
        seen = np.zeros(size, dtype=bool)
        seen[flat] = True
        has_dup = int(np.count_nonzero(seen)) < len(flat)
        del seen
    else:
        has_dup = False
    if not has_dup:
        return arr
    dup_mask = np.bincount(flat, minlength=size)[flat] > 1
    if keep is not None:
        full = np.zeros(len(df), dtype=bool)
        full[np.flatnonzero(keep)[dup_mask]] = True
        dup_mask = full
    if duplicates == "raise":
        raise PanelError(
            f"duplicate keys {keys}: rows repeat the same values of these columns in "
            f"{_show_rows(df[keys + [value]], dup_mask)}\nEach (region, industry"
            "[, time]) must appear once. Aggregate first, or pass duplicates='sum' to "
            "add the repeated rows."
            + (" Labels were stripped of spaces first (strip_labels=True), which can "
               "make two spellings one key." if strip_labels else "")
        )
    warnings.warn(
        f"{int(dup_mask.sum())} rows shared their keys ({', '.join(keys)}) with another "
        "row and were summed (duplicates='sum').",
        DroppedDataWarning,
        stacklevel=3,
    )
    return arr


class Panel:
    """Validated region x industry x time data held as a dense ``(T, R, I)`` array.

    Build it with :meth:`from_long` (a long table with named columns) or :meth:`from_wide` (a
    region x industry table for one period). Direct construction from an array is for internal
    use and does light checks only.

    Parameters
    ----------
    values : ndarray of shape (T, R, I)
        Non-negative finite values.
    regions, industries : sequence of labels
    times : sequence of labels or None
        ``None`` gives a single-period panel without a time dimension in its results.
    hierarchy : mapping, Series or DataFrame, optional
        Parent codes of each industry at one or more coarser levels (columns fine to coarse).
    value_name : str
        Name of the measured quantity (``"employment"``, ``"value_added"`` ...).
    meta : dict, optional
        Provenance notes (source, citation, filters). Copied to derived panels.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A", "A", "B"], "industry": ["x", "y", "x"],
    ...                    "employment": [3, 1, 2]})
    >>> p = Panel.from_long(df, value="employment")
    >>> p.shape
    (1, 2, 2)
    >>> p.matrix()
    industry    x    y
    region
    A         3.0  1.0
    B         2.0  0.0
    """

    __slots__ = ("values", "regions", "industries", "times", "has_time", "hierarchy",
                 "value_name", "meta", "names", "_cache")

    def __init__(
        self,
        values: np.ndarray,
        regions: Sequence[Hashable],
        industries: Sequence[Hashable],
        times: Sequence[Hashable] | None = None,
        hierarchy: Mapping[Hashable, Hashable] | pd.Series | pd.DataFrame | None = None,
        value_name: str = "value",
        meta: dict[str, Any] | None = None,
        names: Mapping[str, str | None] | None = None,
        *,
        _take: bool = False,
    ) -> None:
        arr = np.asarray(values, dtype=np.float64)
        if not _take:
            arr = arr.copy()  # the panel owns its values: nobody can change them afterwards
        if arr.ndim == 2:
            arr = arr[None, :, :]
        if arr.ndim != 3:
            raise PanelError(f"values must have shape (T, R, I); got shape {arr.shape}.")
        self.regions = _check_labels(pd.Index(regions, name="region"), "region")
        self.industries = _check_labels(pd.Index(industries, name="industry"), "industry")
        self.has_time = times is not None
        if times is None:
            self.times = pd.Index([None], name="time", dtype=object)
        else:
            self.times = _check_labels(pd.Index(times, name="time"), "time")
        expected = (len(self.times), len(self.regions), len(self.industries))
        if arr.shape != expected:
            raise PanelError(f"values have shape {arr.shape} but the labels imply {expected}.")
        if arr.size == 0:
            raise PanelError("the panel is empty: it needs at least one region and one industry.")
        with np.errstate(over="ignore", invalid="ignore"):
            totals = arr.sum(axis=(1, 2))
        if not np.isfinite(totals).all():
            if not np.isfinite(arr).all():
                raise PanelError("values contain NaN or infinite entries; clean them first.")
            raise PanelError(
                "values are so large that their total overflows double precision (largest "
                f"value {arr.max():.3g}; totals must stay below {np.finfo(np.float64).max:.3g}). "
                "Rescale them (e.g. to thousands or millions of the unit) before building the "
                "panel."
            )
        if (arr < 0).any():
            raise PanelError("values contain negative entries; the indices need values >= 0.")
        arr.flags.writeable = False
        self.values = arr
        self.hierarchy = _normalise_hierarchy(hierarchy, self.industries)
        self.value_name = str(value_name)
        self.meta = dict(meta or {})
        base = {"region": "region", "industry": "industry",
                "time": "time" if self.has_time else None, "value": self.value_name}
        if names:
            unknown = set(names) - set(base)
            if unknown:
                raise PanelError(f"names has unknown roles {sorted(unknown)}; use "
                                 f"{sorted(base)}.")
            base.update({k: (None if v is None else str(v)) for k, v in names.items()})
            if not self.has_time:
                base["time"] = None
        self.names = base
        self._cache: dict[Any, Any] = {}
        self._warn_zero_lines()

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_long(
        cls,
        df: pd.DataFrame,
        *,
        region: str = "region",
        industry: str = "industry",
        value: str | None = None,
        time: str | None = None,
        hierarchy: Mapping[Hashable, Hashable] | pd.Series | pd.DataFrame | None = None,
        missing: MissingPolicy = "raise",
        duplicates: DuplicatePolicy = "raise",
        strip_labels: bool = True,
        meta: dict[str, Any] | None = None,
    ) -> Panel:
        """Build a panel from a long table with one row per (region, industry[, time]).

        Cells absent from the table are zero. Nothing is dropped or filled silently.

        Parameters
        ----------
        df : DataFrame
            The long table.
        region, industry, time : str
            Key column names. ``time=None`` builds a single-period panel. The names are kept
            (``panel.names``) so that results can be turned back into a long table with the
            caller's column names (:func:`to_long`).
        value : str, optional
            The value column. Default: ``"value"`` if present, else the only numeric column
            besides the keys (an error names the candidates when there are several).
        hierarchy : mapping, Series or DataFrame, optional
            Parents of each industry at one or more levels (see :class:`Panel`); its levels
            must nest (:func:`smartregion.hierarchy.nesting_violations`).
        missing : {"raise", "zero", "drop"}
            What to do with rows whose value is missing (NaN). ``"raise"`` (default) refuses;
            the other two act and report the count in a :class:`DroppedDataWarning`.
        duplicates : {"raise", "sum"}
            What to do with repeated (region, industry, time) keys.
        strip_labels : bool, default True
            Remove leading and trailing spaces from text labels (``" A01"`` and ``"A01"`` are
            one industry), reported in a :class:`LabelWarning`. Labels that differ only in case
            are never merged; they are reported in a :class:`LabelWarning`.
        meta : dict, optional
            Provenance notes kept with the panel.

        Raises
        ------
        PanelError
            With the offending column, up to five offending rows and the fix.

        Examples
        --------
        >>> df = pd.DataFrame({"pref": ["Kyoto", "Kyoto", "Osaka"], "jsic": ["09", "29", "09"],
        ...                    "persons": [30, 10, 50]})
        >>> p = Panel.from_long(df, region="pref", industry="jsic")  # value: the numeric column
        >>> p.names
        {'region': 'pref', 'industry': 'jsic', 'time': None, 'value': 'persons'}
        """
        _check_long_arguments(df, missing, duplicates)
        keys = [c for c in (time, region, industry) if c is not None]
        if value is None:
            value = _infer_value_column(df, keys)
        _check_long_columns(df, region=region, industry=industry, value=value, time=time)
        v, keep, n_nan = _long_values(df, keys, value, missing)
        flat, labels_of, lost = _flat_cell_index(
            df, keys, value, keep, roles=(("time", time), ("region", region),
                                          ("industry", industry)), strip_labels=strip_labels)
        if n_nan:
            what = "set to 0" if missing == "zero" else "dropped"
            warnings.warn(
                f"{n_nan} row(s) with missing {value!r} were {what} (missing={missing!r})."
                + lost, DroppedDataWarning, stacklevel=2)
            if len(v) == 0:
                raise PanelError(
                    "no rows are left after dropping missing values; the panel is empty.")
        reg_labels, ind_labels = labels_of["region"], labels_of["industry"]
        time_labels = labels_of["time"]
        n_t = 1 if time_labels is None else len(time_labels)
        arr = _scatter_cells(flat, v, n_t * len(reg_labels) * len(ind_labels), df, keys, value,
                             keep, duplicates=duplicates, strip_labels=strip_labels)
        del flat
        names = {"region": region, "industry": industry, "time": time, "value": value}
        return cls(
            arr.reshape(n_t, len(reg_labels), len(ind_labels)),
            reg_labels,
            ind_labels,
            None if time_labels is None else time_labels,
            hierarchy=hierarchy,
            value_name=value,
            meta=meta,
            names=names,
            _take=True,
        )

    @classmethod
    def from_wide(
        cls,
        df: pd.DataFrame | np.ndarray,
        *,
        hierarchy: Mapping[Hashable, Hashable] | pd.Series | pd.DataFrame | None = None,
        value_name: str = "value",
        missing: MissingPolicy = "raise",
        meta: dict[str, Any] | None = None,
    ) -> Panel:
        """Build a single-period panel from a region x industry table (rows = regions).

        Parameters
        ----------
        df : DataFrame or 2-d array
            Numeric table; the index labels regions and the columns label industries. A bare
            array gets labels ``0..R-1`` and ``0..I-1``.
        hierarchy, value_name, meta
            As in :class:`Panel`.
        missing : {"raise", "zero"}
            NaN cells are refused by default; ``"zero"`` fills them and reports the count.
        """
        if isinstance(df, np.ndarray):
            if df.ndim != 2:
                raise PanelError(f"a wide array must be 2-d (regions x industries); got {df.shape}.")
            df = pd.DataFrame(df)
        if not isinstance(df, pd.DataFrame):
            raise PanelError(f"from_wide needs a DataFrame or 2-d array; got {type(df)!r}.")
        if df.shape[0] == 0 or df.shape[1] == 0:
            raise PanelError("the table is empty: a panel needs at least one region and industry.")
        non_num = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])
                   or pd.api.types.is_bool_dtype(df[c])]
        if non_num:
            raise PanelError(
                f"column(s) {non_num[:_MAX_SHOWN]} are not numeric. A wide table holds one "
                "numeric column per industry; move labels into the index (df.set_index(...))."
            )
        arr = df.to_numpy(dtype=np.float64)
        nan = np.isnan(arr)
        if nan.any():
            rows = df.index[nan.any(axis=1)].tolist()[:_MAX_SHOWN]
            cols = df.columns[nan.any(axis=0)].tolist()[:_MAX_SHOWN]
            if missing != "zero":
                raise PanelError(
                    f"{int(nan.sum())} cell(s) are missing (NaN), in rows {rows} and columns "
                    f"{cols}. Fill them or pass missing='zero'."
                )
            warnings.warn(f"{int(nan.sum())} missing cell(s) set to 0 (missing='zero').",
                          DroppedDataWarning, stacklevel=2)
            arr = np.where(nan, 0.0, arr)
        if (arr < 0).any():
            where = np.argwhere(arr < 0)[:_MAX_SHOWN]
            cells = [(df.index[r], df.columns[c]) for r, c in where]
            raise PanelError(f"negative values at (region, industry) {cells}; values must be >= 0.")
        if np.isinf(arr).any():
            raise PanelError("the table has infinite values; replace them with finite values.")
        names = {"region": df.index.name if isinstance(df.index.name, str) else "region",
                 "industry": df.columns.name if isinstance(df.columns.name, str) else "industry"}
        return cls(np.array(arr[None], dtype=np.float64), df.index, df.columns, None,
                   hierarchy=hierarchy, value_name=value_name, meta=meta, names=names,
                   _take=True)

    # ------------------------------------------------------------------ basics
    @property
    def shape(self) -> tuple[int, int, int]:
        """``(T, R, I)``."""
        return self.values.shape  # type: ignore[return-value]

    def __repr__(self) -> str:
        t, r, i = self.shape
        levels = [] if self.hierarchy is None else list(self.hierarchy.columns)
        span = f", times {self.times[0]}..{self.times[-1]}" if self.has_time else ""
        return (f"Panel({self.value_name!r}: {t} period(s) x {r} regions x {i} industries"
                f"{span}, hierarchy levels {levels})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Panel):
            return NotImplemented
        same_h = (self.hierarchy is None and other.hierarchy is None) or (
            self.hierarchy is not None and other.hierarchy is not None
            and self.hierarchy.equals(other.hierarchy))
        return (self.has_time == other.has_time and self.regions.equals(other.regions)
                and self.industries.equals(other.industries) and self.times.equals(other.times)
                and np.array_equal(self.values, other.values) and same_h)

    __hash__ = None  # type: ignore[assignment]

    def _replace(self, **changes: Any) -> Panel:
        kw = dict(values=self.values, regions=self.regions, industries=self.industries,
                  times=self.times if self.has_time else None, hierarchy=self.hierarchy,
                  value_name=self.value_name, meta=self.meta, names=self.names)
        kw.update(changes)
        return Panel(**kw, _take=True)

    def _warn_zero_lines(self) -> None:
        zero_r = (self.values.sum(axis=2) == 0)  # T x R
        zero_i = (self.values.sum(axis=1) == 0)  # T x I
        msgs = []
        if zero_r.any():
            labs = self.regions[zero_r.any(axis=0)].tolist()
            msgs.append(f"{len(labs)} region(s) are all zero in at least one period "
                        f"(e.g. {labs[:_MAX_SHOWN]})")
        if zero_i.any():
            labs = self.industries[zero_i.any(axis=0)].tolist()
            msgs.append(f"{len(labs)} industr(y/ies) are all zero in at least one period "
                        f"(e.g. {labs[:_MAX_SHOWN]})")
        if msgs:
            warnings.warn(
                "; ".join(msgs) + ". They are kept; indices return 0 or NaN for them only. Use "
                "Panel.drop_empty() to remove them explicitly.",
                ZeroLineWarning,
                stacklevel=3,
            )

    # ------------------------------------------------------------------ views
    def matrix(self, time: Hashable | None = None) -> pd.DataFrame:
        """The region x industry table of one period (the only one by default)."""
        k = self._time_pos(time)
        out = pd.DataFrame(self.values[k], index=self.regions, columns=self.industries)
        return out

    def _time_pos(self, time: Hashable | None) -> int:
        if time is None:
            if len(self.times) != 1:
                raise PanelError(
                    f"the panel has {len(self.times)} periods; name one with time=... "
                    f"(one of {self.times.tolist()[:10]})."
                )
            return 0
        if time not in self.times:
            raise PanelError(f"time {time!r} is not in the panel; periods are {self.times.tolist()}.")
        return int(self.times.get_loc(time))

    def to_long(self, *, drop_zeros: bool = False) -> pd.DataFrame:
        """Long table ``[time], region, industry, <value_name>`` (inverse of :meth:`from_long`).

        Zero cells are kept unless ``drop_zeros=True``, so the round trip is lossless either way
        (absent cells are zero in :meth:`from_long`).
        """
        t, r, i = self.shape
        tt, rr, ii = np.meshgrid(np.arange(t), np.arange(r), np.arange(i), indexing="ij")
        data = {}
        if self.has_time:
            data["time"] = self.times.take(tt.ravel())
        data["region"] = self.regions.take(rr.ravel())
        data["industry"] = self.industries.take(ii.ravel())
        data[self.value_name] = self.values.ravel()
        out = pd.DataFrame({k: np.asarray(v) if not isinstance(v, pd.Index) else v.to_numpy()
                            for k, v in data.items()})
        if drop_zeros:
            out = out.loc[out[self.value_name] != 0].reset_index(drop=True)
        return out

    # ------------------------------------------------------------------ transformations
    def select(
        self,
        *,
        times: Sequence[Hashable] | None = None,
        regions: Sequence[Hashable] | None = None,
        industries: Sequence[Hashable] | None = None,
    ) -> Panel:
        """A sub-panel with the given labels (in the order given). Unknown labels raise."""
        def pos(index: pd.Index, wanted: Sequence[Hashable] | None, what: str) -> np.ndarray:
            if wanted is None:
                return np.arange(len(index))
            wanted = list(wanted)
            loc = index.get_indexer(wanted)
            if (loc < 0).any():
                bad = [w for w, p in zip(wanted, loc) if p < 0][:_MAX_SHOWN]
                raise PanelError(f"unknown {what} label(s) {bad}; the panel has {len(index)}.")
            return loc
        tp = pos(self.times, times if self.has_time else None, "time")
        rp = pos(self.regions, regions, "region")
        ip = pos(self.industries, industries, "industry")
        vals = self.values[np.ix_(tp, rp, ip)]
        hier = None if self.hierarchy is None else self.hierarchy.iloc[ip]
        return self._replace(values=vals, regions=self.regions[rp], industries=self.industries[ip],
                             times=self.times[tp] if self.has_time else None, hierarchy=hier)

    def drop_empty(self, *, axis: Literal["both", "regions", "industries"] = "both") -> Panel:
        """Remove regions and/or industries that are zero in every period, and say how many.

        Emits a :class:`DroppedDataWarning` naming what was removed (nothing silent).
        """
        keep_r = np.ones(len(self.regions), bool)
        keep_i = np.ones(len(self.industries), bool)
        if axis in ("both", "regions"):
            keep_r = self.values.sum(axis=(0, 2)) > 0
        if axis in ("both", "industries"):
            keep_i = self.values.sum(axis=(0, 1)) > 0
        dropped_r = self.regions[~keep_r].tolist()
        dropped_i = self.industries[~keep_i].tolist()
        if dropped_r or dropped_i:
            warnings.warn(
                f"drop_empty removed {len(dropped_r)} region(s) {dropped_r[:_MAX_SHOWN]} and "
                f"{len(dropped_i)} industr(y/ies) {dropped_i[:_MAX_SHOWN]} that are zero "
                "in every period.",
                DroppedDataWarning,
                stacklevel=2,
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ZeroLineWarning)
            return self.select(regions=self.regions[keep_r], industries=self.industries[keep_i])

    def aggregate(self, level: str | int) -> Panel:
        """Sum industries up to a coarser hierarchy level (a column name or its position).

        The new panel's hierarchy keeps the levels above ``level``.
        """
        if self.hierarchy is None:
            raise PanelError("the panel has no hierarchy; pass hierarchy= when building it.")
        cols = list(self.hierarchy.columns)
        if isinstance(level, int):
            if not 0 <= level < len(cols):
                raise PanelError(f"level position {level} out of range; levels are {cols}.")
            level = cols[level]
        if level not in cols:
            raise PanelError(f"unknown hierarchy level {level!r}; levels are {cols}.")
        parents = self.hierarchy[level]
        labels = _sorted_labels(parents)
        codes = labels.get_indexer(parents)
        onehot = np.zeros((len(self.industries), len(labels)))
        onehot[np.arange(len(codes)), codes] = 1.0
        vals = self.values @ onehot
        upper = cols[cols.index(level) + 1:]
        hier = None
        if upper:
            sub = self.hierarchy[[level] + upper].drop_duplicates().set_index(level)
            if not sub.index.is_unique:
                raise PanelError(f"hierarchy level {level!r} is not nested in {upper}: some "
                                 "parent has two grandparents.")
            hier = sub.loc[labels]
        return self._replace(values=vals, industries=labels, hierarchy=hier)

    def aggregate_regions(self, mapping: Mapping[Hashable, Hashable] | pd.Series) -> Panel:
        """Sum regions into larger units (e.g. wards -> city, municipality -> prefecture).

        Every region must be mapped; unmapped regions raise (they are never dropped).
        """
        m = pd.Series(dict(mapping) if not isinstance(mapping, pd.Series) else mapping)
        missing = self.regions.difference(m.index)
        if len(missing):
            raise PanelError(f"{len(missing)} region(s) have no target unit, e.g. "
                             f"{missing.tolist()[:_MAX_SHOWN]}. Map every region.")
        targets = m.loc[self.regions]
        labels = _sorted_labels(targets)
        codes = labels.get_indexer(targets)
        onehot = np.zeros((len(labels), len(self.regions)))
        onehot[codes, np.arange(len(codes))] = 1.0
        vals = np.einsum("ur,tri->tui", onehot, self.values)
        return self._replace(values=vals, regions=pd.Index(labels, name="region"))

    # ------------------------------------------------------------------ result builders
    def _own(self, arr: np.ndarray) -> np.ndarray:
        """``arr`` itself when it is a fresh result, a copy when it shares the panel's memory."""
        arr = np.asarray(arr)
        if not arr.flags.writeable or np.may_share_memory(arr, self.values):
            return arr.copy()  # a cached or shared array: the caller gets their own
        return arr

    def _stamp(self, obj: Any, kind: str) -> Any:
        obj.attrs["smartregion"] = {"kind": kind, "names": dict(self.names)}
        return obj

    def _time_region_index(self) -> pd.Index:
        if self.has_time:
            return pd.MultiIndex.from_product([self.times, self.regions], names=["time", "region"])
        return self.regions

    def _time_industry_index(self) -> pd.Index:
        if self.has_time:
            return pd.MultiIndex.from_product([self.times, self.industries],
                                              names=["time", "industry"])
        return self.industries

    def region_result(self, arr: np.ndarray, name: str) -> pd.Series:
        """Wrap a ``(T, R)`` array as a Series indexed by region (and time)."""
        out = pd.Series(self._own(arr).reshape(-1), index=self._time_region_index(), name=name,
                        copy=False)
        return self._stamp(out, "region")

    def industry_result(self, arr: np.ndarray, name: str) -> pd.Series:
        """Wrap a ``(T, I)`` array as a Series indexed by industry (and time)."""
        out = pd.Series(self._own(arr).reshape(-1), index=self._time_industry_index(),
                        name=name, copy=False)
        return self._stamp(out, "industry")

    def time_result(self, arr: np.ndarray, name: str) -> pd.Series | float:
        """Wrap a ``(T,)`` array: a Series by time, or a float for a single-period panel."""
        arr = np.asarray(arr).reshape(-1)
        if self.has_time:
            return self._stamp(pd.Series(arr, index=self.times, name=name), "time")
        return float(arr[0])

    def cell_result(self, arr: np.ndarray, name: str | None = None) -> pd.DataFrame:
        """Wrap a ``(T, R, I)`` array as a DataFrame: rows region (and time), columns industry."""
        arr = self._own(arr)
        out = pd.DataFrame(arr.reshape(-1, arr.shape[-1]), index=self._time_region_index(),
                           columns=self.industries, copy=False)
        out.columns.name = name or "industry"
        return self._stamp(out, "cell")

    def industry_matrix_result(self, arr: np.ndarray) -> pd.DataFrame:
        """Wrap a ``(T, I, I)`` array: rows industry (and time), columns industry."""
        arr = self._own(arr)
        out = pd.DataFrame(arr.reshape(-1, arr.shape[-1]), index=self._time_industry_index(),
                           columns=self.industries, copy=False)
        return self._stamp(out, "industry_matrix")

    def region_matrix_result(self, arr: np.ndarray) -> pd.DataFrame:
        """Wrap a ``(T, R, R)`` array: rows region (and time), columns region."""
        arr = self._own(arr)
        out = pd.DataFrame(arr.reshape(-1, arr.shape[-1]), index=self._time_region_index(),
                           columns=self.regions, copy=False)
        return self._stamp(out, "region_matrix")


def to_long(result: pd.Series | pd.DataFrame, *, value: str | None = None,
            names: Mapping[str, str | None] | None = None, dropna: bool = False
            ) -> pd.DataFrame:
    """Turn an index result into a long table whose key columns carry the caller's names.

    Every labelled result of smartregion (a Series by region or industry, a region x industry
    table, an industry x industry matrix, each with or without a time level) remembers the
    column names of the table its panel was built from (``Panel.names``). ``to_long`` returns a
    plain DataFrame with those names as columns, so the output joins back to the input with
    ``merge`` on the same keys.

    Parameters
    ----------
    result : Series or DataFrame
        A result of an index function (or anything indexed by the same labels).
    value : str, optional
        Name of the value column. Default: the Series name, or ``"value"``.
    names : mapping, optional
        Override the key names (``{"region": ..., "industry": ..., "time": ...}``); needed only
        for objects that did not come from smartregion.
    dropna : bool, default False
        Leave out rows whose value is NaN (undefined cells).

    Returns
    -------
    DataFrame
        Key columns (time first when there is one) and the value column, one row per cell.

    Examples
    --------
    >>> import smartregion as sr
    >>> df = pd.DataFrame({"pref": ["Kyoto", "Kyoto", "Osaka"], "jsic": ["09", "29", "09"],
    ...                    "persons": [30, 10, 50]})
    >>> p = sr.Panel.from_long(df, region="pref", industry="jsic", value="persons")
    >>> sr.to_long(sr.location_quotient(p), value="lq").round(3)
        pref jsic     lq
    0  Kyoto   09  0.844
    1  Kyoto   29  2.250
    2  Osaka   09  1.125
    3  Osaka   29  0.000
    >>> sr.to_long(sr.diversity(p))
        pref  diversity
    0  Kyoto        1.0
    1  Osaka        1.0
    """
    stamp = getattr(result, "attrs", {}).get("smartregion", {})
    info = dict(stamp.get("names", {}))
    info.update(dict(names or {}))
    rename = {"region": info.get("region") or "region",
              "industry": info.get("industry") or "industry",
              "time": info.get("time") or "time"}
    rename["industry_to"] = f"{rename['industry']}_to"
    rename["region_to"] = f"{rename['region']}_to"
    if isinstance(result, pd.Series):
        vname = value or (str(result.name) if result.name is not None else "value")
        frame = result.rename(vname).to_frame()
    elif isinstance(result, pd.DataFrame):
        kind = stamp.get("kind")
        col_level = {"industry_matrix": "industry_to", "region_matrix": "region_to",
                     "cell": "industry"}.get(kind, result.columns.name or "industry")
        stacked = result.stack(future_stack=True)
        stacked.index = stacked.index.set_names(list(stacked.index.names[:-1]) + [col_level])
        frame = stacked.rename(value or "value").to_frame()
    else:
        raise TypeError(f"to_long needs a pandas Series or DataFrame; got {type(result)!r}.")
    out = frame.reset_index()
    out = out.rename(columns={k: v for k, v in rename.items() if k in out.columns})
    if dropna:
        out = out.loc[out.iloc[:, -1].notna()].reset_index(drop=True)
    return out


_TIME_COLUMNS = ("year", "time", "period")


def as_panel(data: Panel | pd.DataFrame | np.ndarray) -> Panel:
    """Return ``data`` as a :class:`Panel`.

    * A :class:`Panel` is returned unchanged.
    * A DataFrame with columns named ``region`` and ``industry`` is a **long** table (whatever
      the dtypes of its codes): it goes through :meth:`Panel.from_long` with the value column
      ``value`` or the only other numeric column, and ``year`` / ``time`` / ``period`` as the
      time column when present.
    * Any other all-numeric DataFrame is a **wide** table (regions in rows, industries in
      columns) and becomes a single-period panel via :meth:`Panel.from_wide`; so does a 2-d
      array.

    Long tables with other column names must go through :meth:`Panel.from_long`, which takes
    the names.

    Examples
    --------
    >>> import pandas as pd
    >>> as_panel(pd.DataFrame({"x": [1, 2], "y": [3, 0]}, index=["a", "b"])).shape
    (1, 2, 2)
    >>> long = pd.DataFrame({"region": [1, 1, 2], "industry": [10, 20, 10],
    ...                      "year": [2012, 2012, 2012], "value": [5.0, 1.0, 2.0]})
    >>> as_panel(long).shape  # numeric codes, still read as a long table
    (1, 2, 2)
    """
    if isinstance(data, Panel):
        return data
    if isinstance(data, np.ndarray):
        return Panel.from_wide(data)
    if isinstance(data, pd.DataFrame):
        cols = [c for c in data.columns if isinstance(c, str)]
        if "region" in cols and "industry" in cols:
            time = next((c for c in _TIME_COLUMNS if c in cols), None)
            return Panel.from_long(data, region="region", industry="industry", time=time)
        if all(pd.api.types.is_numeric_dtype(data[c]) for c in data.columns):
            return Panel.from_wide(data)
        raise PanelError(
            "this DataFrame has non-numeric columns, so it looks like a long table: build the "
            "panel with Panel.from_long(df, region=..., industry=..., value=..., time=...)."
        )
    raise PanelError(f"expected a Panel, a wide DataFrame or a 2-d array; got {type(data)!r}.")
