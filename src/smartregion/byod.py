"""Bring your own data: read, check and index a region x industry table from a file.

The expected layout (also documented in ``data/example/README.md``) is a long CSV with one row
per region, industry and (optionally) year:

=========== ========================================================================
column      content
=========== ========================================================================
region      region label (any text; e.g. a city name or code)
industry    industry code or name
year        optional period label (integers are read as integers)
value       a count or amount >= 0 (employment, establishments, value added ...)
=========== ========================================================================

Other column names can be mapped with ``region=``, ``industry=``, ``value=`` and ``time=``.
An optional hierarchy file has the industry in its first column (named ``industry`` or
anything) and one column per coarser level, fine to coarse (``industry,parent[,grandparent]``).

:func:`validate_file` reports *every* problem it finds - with the file line numbers (the header
is line 1) - instead of stopping at the first; :func:`load_panel` turns a clean file into a
:class:`~smartregion.panel.Panel`; :func:`write_indices` writes the main indices as CSV files,
using whichever index modules of smartregion are installed.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from .panel import Panel, PanelError, SmartRegionWarning

__all__ = [
    "Problem",
    "ValidationReport",
    "BYODError",
    "read_table",
    "read_hierarchy",
    "check_table",
    "validate_file",
    "load_panel",
    "write_indices",
    "IndicesResult",
]

_MISSING_TOKENS = {"", "na", "nan", "n/a", "null", "none"}
_MAX_LINES = 10
HEADER_LINES = 1  # data row k (0-based) is on file line k + 2


class BYODError(PanelError):
    """A user file cannot become a panel; the message lists every problem found."""


@dataclass
class Problem:
    """One problem found in a user file.

    Attributes
    ----------
    kind : str
        Short identifier (``"missing_column"``, ``"negative"``, ``"duplicate"`` ...).
    message : str
        What is wrong and how to fix it.
    column : str or None
        The column concerned.
    lines : list of int
        File line numbers (header = line 1) of the offending rows, all of them.
    severity : {"error", "warning"}
        Errors make the file unusable; warnings are reported only.
    """

    kind: str
    message: str
    column: str | None = None
    lines: list[int] = field(default_factory=list)
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = ""
        if self.lines:
            shown = ", ".join(map(str, self.lines[:_MAX_LINES]))
            extra = len(self.lines) - _MAX_LINES
            more = f" and {extra} more" if extra > 0 else ""
            where = f" [line(s) {shown}{more}]"
        col = f" (column {self.column!r})" if self.column is not None else ""
        return f"{self.severity.upper()} {self.kind}{col}: {self.message}{where}"


@dataclass
class ValidationReport:
    """Result of :func:`validate_file`: the problems and, when there are no errors, the panel."""

    path: str
    problems: list[Problem]
    n_rows: int
    columns: dict[str, str | None]
    panel: Panel | None = None

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the file unusable."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def format(self) -> str:
        """A readable multi-line summary."""
        cols = ", ".join(f"{k}={v!r}" for k, v in self.columns.items())
        head = f"{self.path}: {self.n_rows} data row(s); columns {cols}"
        if not self.problems:
            body = "no problems found."
        else:
            body = "\n".join(f"  {p}" for p in self.problems)
        n_err, n_warn = len(self.errors), len(self.problems) - len(self.errors)
        tail = f"{n_err} error(s), {n_warn} warning(s)."
        if self.panel is not None:
            tail += f" Panel: {self.panel!r}"
        return f"{head}\n{body}\n{tail}"


def _lines(mask: np.ndarray | pd.Series) -> list[int]:
    return (np.flatnonzero(np.asarray(mask, dtype=bool)) + HEADER_LINES + 1).tolist()


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV/TSV file with every column as text (nothing converted or dropped yet).

    Blank lines are kept as rows (so row positions match file lines); ``.tsv``/``.tab`` files
    are read tab-separated, anything else comma-separated; ``.parquet`` via pyarrow.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path).astype(str)
    sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False)


def _is_missing(s: pd.Series) -> pd.Series:
    return s.isna() | s.astype(str).str.strip().str.lower().isin(_MISSING_TOKENS)


def _to_numbers(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(numbers, missing mask, non-numeric mask) of a text column."""
    missing = _is_missing(s)
    nums = pd.to_numeric(s.where(~missing), errors="coerce")
    non_numeric = nums.isna() & ~missing
    return nums.astype(np.float64), missing, non_numeric


def _maybe_int(s: pd.Series) -> pd.Series:
    """Integer labels when every entry is an integer written as text (years)."""
    nums = pd.to_numeric(s, errors="coerce")
    if nums.notna().all() and np.all(np.mod(nums.to_numpy(dtype=float), 1) == 0):
        return nums.astype(np.int64)
    return s


def read_hierarchy(path: str | Path) -> pd.DataFrame:
    """Read a hierarchy file: first column the industry, then parent levels fine to coarse.

    Returns the raw table (text columns); :func:`check_table` validates it.
    """
    h = read_table(path)
    if h.shape[1] < 2:
        raise BYODError(
            f"{path}: a hierarchy file needs an industry column and at least one parent column "
            f"(industry,parent[,grandparent...]); found columns {list(h.columns)}."
        )
    return h


def _check_hierarchy(hier: pd.DataFrame, industries: pd.Series, column: str
                     ) -> tuple[list[Problem], pd.DataFrame | None]:
    problems: list[Problem] = []
    key = "industry" if "industry" in hier.columns else hier.columns[0]
    levels = [c for c in hier.columns if c != key]
    blank = hier.isna().all(axis=1) | hier.astype(str).apply(
        lambda c: c.str.strip() == "").all(axis=1)
    h = hier.loc[~blank]
    if blank.any():
        problems.append(Problem("hierarchy_blank_line", "blank lines in the hierarchy file are "
                                "ignored; remove them.", None, _lines(blank), "warning"))
    no_key = _is_missing(h[key])
    if no_key.any():
        problems.append(Problem("hierarchy_missing_industry", "hierarchy rows without an "
                                "industry code; fill or delete them.", key,
                                _lines(no_key.reindex(hier.index, fill_value=False))))
    dup = h[key].duplicated(keep=False) & ~no_key
    if dup.any():
        problems.append(Problem("hierarchy_duplicate", "industries listed more than once in the "
                                "hierarchy; keep one row each.", key,
                                _lines(dup.reindex(hier.index, fill_value=False))))
    for lev in levels:
        miss = _is_missing(h[lev]) & ~no_key
        if miss.any():
            problems.append(Problem("hierarchy_missing_parent", f"no parent at level {lev!r}; "
                                    "every industry needs a parent at every level.", lev,
                                    _lines(miss.reindex(hier.index, fill_value=False))))
    for fine, coarse in zip(levels[:-1], levels[1:]):
        pairs = h[[fine, coarse]].drop_duplicates()
        multi = pairs[fine][pairs[fine].duplicated(keep=False)].unique().tolist()
        if multi:
            bad = h[fine].isin(multi)
            problems.append(Problem(
                "hierarchy_not_nested", f"groups {multi[:5]} of level {fine!r} have more than "
                f"one parent in {coarse!r}; each group needs one parent.", fine,
                _lines(bad.reindex(hier.index, fill_value=False))))
    known = set(h.loc[~no_key, key])
    unknown = ~industries.isin(known) & ~_is_missing(industries)
    if unknown.any():
        names = sorted(industries[unknown].unique().tolist())
        problems.append(Problem(
            "unknown_industry", f"{len(names)} industr(y/ies) of the data are not in the "
            f"hierarchy, e.g. {names[:5]}; add them to the hierarchy file.",
            column, _lines(unknown)))
    extra = sorted(known - set(industries))
    if extra:
        problems.append(Problem(
            "hierarchy_extra_industry", f"{len(extra)} industr(y/ies) of the hierarchy do not "
            f"occur in the data, e.g. {extra[:5]}; they are ignored.", key,
            _lines(h[key].isin(extra).reindex(hier.index, fill_value=False)), "warning"))
    if any(p.severity == "error" for p in problems):
        return problems, None
    frame = h.set_index(key)[levels]
    frame.index.name = "industry"
    return problems, frame


def check_table(
    df: pd.DataFrame,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    time: str | None = None,
    hierarchy: pd.DataFrame | None = None,
) -> tuple[list[Problem], pd.DataFrame | None, pd.DataFrame | None]:
    """Check a text table (as from :func:`read_table`) against the schema.

    Returns
    -------
    problems : list of Problem
        Every problem found (errors and warnings).
    clean : DataFrame or None
        The table with numeric values and integer years, when there is no error.
    hier : DataFrame or None
        The hierarchy indexed by industry, when given and valid.
    """
    problems: list[Problem] = []
    needed = {"region": region, "industry": industry, "value": value}
    if time is not None:
        needed["time"] = time
    absent = [c for c in needed.values() if c not in df.columns]
    for role, col in needed.items():
        if col not in df.columns:
            problems.append(Problem(
                "missing_column", f"the {role} column {col!r} is not in the file (columns: "
                f"{list(df.columns)}). Rename it, or pass --{role} <column>.", col))
    if absent:
        return problems, None, None
    if len(df) == 0:
        problems.append(Problem("empty", "the file has a header but no data rows."))
        return problems, None, None

    keys = [c for c in (time, region, industry) if c is not None]
    blank_row = df[keys + [value]].apply(_is_missing).all(axis=1)
    if blank_row.any():
        problems.append(Problem("blank_row", "blank or empty rows; delete them.", None,
                                _lines(blank_row)))
    for col in keys:
        miss = _is_missing(df[col]) & ~blank_row
        if miss.any():
            problems.append(Problem("missing_label", "rows without a label; every row needs a "
                                    "region, an industry (and a year if used).", col,
                                    _lines(miss)))
    nums, missing, non_numeric = _to_numbers(df[value])
    if non_numeric.any():
        examples = df.loc[non_numeric, value].unique().tolist()[:5]
        problems.append(Problem(
            "non_numeric", f"values that are not numbers, e.g. {examples}. Write plain numbers "
            "(no thousands separators or units); leave a cell empty only if it is truly "
            "unknown, and then fill or remove it.", value, _lines(non_numeric)))
    miss_val = missing & ~blank_row
    if miss_val.any():
        problems.append(Problem(
            "missing_value", "missing values (empty, NA or NaN). The indices need a number in "
            "every row: fill them, write 0 where the true value is zero, or delete the rows.",
            value, _lines(miss_val)))
    inf = np.isinf(nums.to_numpy())
    if inf.any():
        problems.append(Problem("infinite", "infinite values; replace them with finite ones.",
                                value, _lines(inf)))
    neg = (nums < 0).to_numpy()
    if neg.any():
        problems.append(Problem("negative", "negative values; the indices need counts or "
                                "amounts >= 0. Correct or remove these rows.", value,
                                _lines(neg)))
    labelled = ~df[keys].apply(_is_missing).any(axis=1)
    dup = df[keys].duplicated(keep=False) & labelled
    if dup.any():
        problems.append(Problem(
            "duplicate", f"repeated keys {keys}: each (region, industry[, year]) must appear "
            "once. Aggregate the rows first (sum them) or remove the repeats.", None,
            _lines(dup)))

    hier = None
    if hierarchy is not None:
        hp, hier = _check_hierarchy(hierarchy, df[industry].where(labelled), industry)
        problems.extend(hp)
    if any(p.severity == "error" for p in problems):
        return problems, None, hier
    clean = df.loc[~blank_row].copy()
    clean[value] = nums.loc[~blank_row]
    if time is not None:
        clean[time] = _maybe_int(clean[time])
    return problems, clean, hier


def validate_file(
    path: str | Path,
    *,
    hierarchy: str | Path | None = None,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    time: str | None = "auto",
) -> ValidationReport:
    """Check a user file (and hierarchy file) and build the panel when it is clean.

    Parameters
    ----------
    path : path
        The long table (CSV, TSV or Parquet).
    hierarchy : path, optional
        ``industry,parent[,grandparent...]`` file.
    region, industry, value : str
        Column names.
    time : str, None or "auto"
        The period column; ``"auto"`` uses ``year`` or ``time`` when present, ``None`` none.

    Returns
    -------
    ValidationReport
        ``report.ok`` is False when any error was found; ``report.panel`` is the panel
        otherwise. Panel warnings (e.g. all-zero regions) are listed as warnings.
    """
    df = read_table(path)
    if time == "auto":
        time = next((c for c in ("year", "time") if c in df.columns), None)
    hier_raw = read_hierarchy(hierarchy) if hierarchy is not None else None
    problems, clean, hier = check_table(df, region=region, industry=industry, value=value,
                                        time=time, hierarchy=hier_raw)
    columns = {"region": region, "industry": industry, "value": value, "time": time}
    report = ValidationReport(str(path), problems, len(df), columns)
    if clean is None:
        return report
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SmartRegionWarning)
        try:
            panel = Panel.from_long(clean, region=region, industry=industry, value=value,
                                    time=time, hierarchy=hier,
                                    meta={"source": str(path),
                                          "hierarchy": None if hierarchy is None
                                          else str(hierarchy)})
        except PanelError as exc:  # anything the row checks above did not anticipate
            report.problems.append(Problem("panel", str(exc)))
            return report
    for w in caught:
        if issubclass(w.category, SmartRegionWarning):
            report.problems.append(Problem(w.category.__name__, str(w.message),
                                           severity="warning"))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    report.panel = panel
    return report


def load_panel(path: str | Path, **kwargs: Any) -> Panel:
    """Read a user file into a :class:`Panel`, or raise :class:`BYODError` listing all problems.

    Takes the keyword arguments of :func:`validate_file`.
    """
    report = validate_file(path, **kwargs)
    if not report.ok or report.panel is None:
        raise BYODError(report.format())
    return report.panel


# ---------------------------------------------------------------------------------- indices
@dataclass
class IndicesResult:
    """What :func:`write_indices` wrote (name -> path) and skipped (name -> reason)."""

    written: dict[str, Path] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


def _cell_long(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Rows (time,) region x industry columns -> long table; NaN cells are kept."""
    ids = [n if n is not None else f"level_{k}" for k, n in enumerate(df.index.names)]
    wide = df.copy()
    wide.index.names = ids
    wide.columns = list(wide.columns)
    return wide.reset_index().melt(id_vars=ids, var_name="industry", value_name=name)


def _lookup(module: str, func: str) -> Callable[..., Any] | None:
    try:
        mod = importlib.import_module(f"smartregion.{module}")
    except ImportError:
        return None
    return getattr(mod, func, None)


def write_indices(panel: Panel, outdir: str | Path, *, threshold: float = 1.0
                  ) -> IndicesResult:
    """Write the main indices of a panel as CSV files into ``outdir``.

    Always (from :mod:`smartregion.structure`): location quotients (long table), binary
    specialisation, diversity, ubiquity, and the Herfindahl index when available. When the
    modules are installed: entropy and related/unrelated variety (needs a hierarchy;
    :mod:`smartregion.variety`), proximity and relatedness density
    (:mod:`smartregion.relatedness`), ECI and PCI (:mod:`smartregion.complexity`). Anything not
    available or not computable is listed in ``skipped`` with the reason.

    Parameters
    ----------
    panel : Panel
    outdir : path
        Created if needed. Files are named ``<index>.csv``.
    threshold : float, default 1.0
        LQ threshold of the binary specialisation matrix.

    Returns
    -------
    IndicesResult
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    result = IndicesResult()
    has_h = panel.hierarchy is not None

    def cell(f: Callable[[], pd.DataFrame], name: str) -> pd.DataFrame:
        return _cell_long(f(), name)

    def frame(f: Callable[[], pd.DataFrame | pd.Series], name: str) -> pd.DataFrame:
        res = f()
        if isinstance(res, pd.Series):
            return res.rename(name).reset_index()
        return res.reset_index()

    plan: list[tuple[str, str, str, Callable[[Callable[..., Any]], pd.DataFrame]]] = [
        ("location_quotient", "structure", "location_quotient",
         lambda f: cell(lambda: f(panel), "lq")),
        ("specialisation", "structure", "specialisation",
         lambda f: cell(lambda: f(panel, threshold=threshold), "specialised")),
        ("diversity", "structure", "diversity",
         lambda f: frame(lambda: f(panel, threshold=threshold), "diversity")),
        ("ubiquity", "structure", "ubiquity",
         lambda f: frame(lambda: f(panel, threshold=threshold), "ubiquity")),
        ("herfindahl", "structure", "herfindahl", lambda f: frame(lambda: f(panel), "herfindahl")),
        ("entropy", "variety", "entropy", lambda f: frame(lambda: f(panel), "entropy")),
        ("related_unrelated_variety", "variety", "related_unrelated_variety",
         lambda f: frame(lambda: f(panel), "variety")),
        ("proximity", "relatedness", "proximity",
         lambda f: f(panel, threshold=threshold).reset_index()),
        ("relatedness_density", "relatedness", "relatedness_density",
         lambda f: cell(lambda: f(panel, threshold=threshold), "density")),
        ("eci", "complexity", "eci", lambda f: frame(lambda: f(panel, threshold=threshold), "eci")),
        ("pci", "complexity", "pci", lambda f: frame(lambda: f(panel, threshold=threshold), "pci")),
    ]
    for name, module, func, run in plan:
        if name == "related_unrelated_variety" and not has_h:
            result.skipped[name] = "needs a hierarchy (pass --hierarchy FILE)"
            continue
        f = _lookup(module, func)
        if f is None:
            result.skipped[name] = f"smartregion.{module}.{func} is not available"
            continue
        try:
            table = run(f)
        except (ValueError, TypeError, ArithmeticError) as exc:  # PanelError is a ValueError
            result.skipped[name] = f"could not be computed: {exc}"
            continue
        path = outdir / f"{name}.csv"
        table.to_csv(path, index=False)
        result.written[name] = path
    return result
