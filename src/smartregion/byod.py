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

import csv
import gzip
import importlib
import importlib.util
import io
import re
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


def _file_error(path: Path, what: str) -> BYODError:
    return BYODError(f"{path}: {what}")


_MAGIC_GZIP = b"\x1f\x8b"
_MAGIC_ZIP = b"PK\x03\x04"
_MAGIC_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC_PARQUET = b"PAR1"


def _sniff(path: Path) -> str:
    """The file format from its first bytes (not its name): csv, gzip, xlsx, xls or parquet."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(_MAGIC_GZIP):
        return "gzip"
    if head.startswith(_MAGIC_ZIP):
        return "xlsx"
    if head.startswith(_MAGIC_OLE):
        return "xls"
    if head.startswith(_MAGIC_PARQUET):
        return "parquet"
    return "csv"


def _read_excel(path: Path, kind: str, sheet: str | int | None) -> pd.DataFrame:
    engine = "openpyxl" if kind == "xlsx" else "xlrd"
    if importlib.util.find_spec(engine) is None:
        raise _file_error(path, (
            f"the file is an Excel workbook (.{kind}), and reading .{kind} files needs the "
            f"{engine} package, which is not installed. Install it (pip install {engine}), or "
            "save the sheet as CSV (UTF-8) and pass that file."))
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*xlrd engine is deprecated")
            return pd.read_excel(path, sheet_name=0 if sheet is None else sheet, dtype=str,
                                 keep_default_na=False, na_filter=False, engine=engine)
    except Exception as exc:  # each Excel engine raises its own error types; report any of them
        raise _file_error(path, f"the file looks like an Excel workbook (.{kind}) but could not "
                          f"be read as one ({type(exc).__name__}: {exc}). Open it in a "
                          "spreadsheet program and save the sheet as CSV (UTF-8).") from exc


def _decode(path: Path, raw: bytes, encoding: str | None) -> str:
    """Text of the file; a clear error naming line and column when it is not in ``encoding``."""
    if encoding is None and (raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff")):
        raise _file_error(path, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                          "pass --encoding utf-16 (Python: encoding='utf-16') or re-save it as "
                          "UTF-8.")
    enc = encoding or "utf-8-sig"
    try:
        return raw.decode(enc)
    except LookupError as exc:
        raise _file_error(path, f"unknown encoding {encoding!r}; use e.g. utf-8, cp1252, "
                          "latin-1, shift_jis or gb18030.") from exc
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start:exc.start + 1].hex()
        name = "UTF-8" if encoding is None else repr(encoding)
        raise _file_error(path, (
            f"file is not {name}: byte 0x{byte} on line {line}, character {col} cannot be "
            f"decoded. Pass --encoding with the file's encoding (Python: encoding=...), e.g. "
            "--encoding cp1252 for Windows/Excel files from Western Europe or the Americas, "
            "latin-1, shift_jis (Japan) or gb18030 (China); or re-save the file as UTF-8."
        )) from exc


_SEPARATORS = (",", ";", "\t", "|")


def _separator(text: str, suffix: str) -> str:
    """Field separator read from the header line.

    ``.tsv``/``.tab`` files are tab-separated. Otherwise a comma, unless the header holds no
    comma but one of ``;``, tab or ``|`` (semicolon files are what spreadsheet programs write
    where the comma is the decimal mark; their numbers like ``1,5`` are then reported as not
    numeric rather than misread).
    """
    if suffix in (".tsv", ".tab"):
        return "\t"
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if "," in first:
        return ","
    found = [c for c in _SEPARATORS[1:] if c in first]
    return found[0] if len(found) == 1 else ","


def _header_names(text: str, sep: str) -> list[str]:
    first = text.split("\n", 1)[0].rstrip("\r")
    return next(csv.reader([first], delimiter=sep), [])


def read_table(path: str | Path, *, encoding: str | None = None,
               sheet: str | int | None = None) -> pd.DataFrame:
    """Read a user table with every column as text (nothing converted or dropped yet).

    The format is recognised from the file's first bytes, not its name: CSV/TSV text (``.tsv``
    and ``.tab`` are read tab-separated; other text files by the separator of their header
    line: comma, or ``;``, tab or ``|`` when the header has no comma), gzip-compressed CSV
    (whatever its name), Excel ``.xlsx``/``.xls`` (needs ``openpyxl``/``xlrd``; first sheet
    unless ``sheet`` is given) and Parquet. Text is decoded as UTF-8 unless ``encoding`` is
    given; a file in another encoding stops with the line and character of the first byte that
    does not decode. Cells are kept as written: ``"NA"`` stays the text ``NA`` (a code, e.g.
    Namibia) and ``"01"`` keeps its leading zero. Blank lines are kept as rows, so row
    positions match file lines.

    Raises
    ------
    FileNotFoundError
        The path does not exist.
    BYODError
        The path is a directory, the file cannot be decoded, an Excel reader is missing, or
        the header names a column twice.
    """
    path = Path(path)
    if path.is_dir():
        raise _file_error(path, "this is a directory, not a file; give the path of the data "
                          "file (CSV, TSV, Excel or Parquet) inside it.")
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    kind = _sniff(path)
    if kind == "parquet":
        df = pd.read_parquet(path)
        return df.astype(str).where(df.notna(), "")
    if kind in ("xlsx", "xls"):
        df = _read_excel(path, kind, sheet)
        names = [str(c) for c in df.columns]
    else:
        raw = path.read_bytes()
        if kind == "gzip":
            raw = gzip.decompress(raw)
        if not raw.strip():
            raise _file_error(path, "the file is empty (no header and no rows). Write a header "
                              "line (e.g. region,industry,year,value) and one row per cell.")
        text = _decode(path, raw, encoding)
        inner = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
        sep = _separator(text, Path(inner).suffix.lower())
        names = _header_names(text, sep)
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                         na_filter=False, skip_blank_lines=False)
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise _file_error(path, f"the header (line 1) names column(s) {twice} more than once; "
                          "give every column its own name (e.g. employment, establishments) "
                          "and choose the value column with --value.")
    return df


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


def read_hierarchy(path: str | Path, *, encoding: str | None = None) -> pd.DataFrame:
    """Read a hierarchy file: first column the industry, then parent levels fine to coarse.

    Returns the raw table (text columns); :func:`check_table` validates it.
    """
    h = read_table(path, encoding=encoding)
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
    raw = h.astype(str)
    h = raw.apply(lambda c: c.str.strip())
    padded = (raw != h).any(axis=1)
    if padded.any():
        problems.append(Problem("hierarchy_padded_label", f"{int(padded.sum())} hierarchy "
                                "row(s) with spaces around a code; the spaces were removed. "
                                "Remove them in the file to silence this warning.", None,
                                _lines(padded.reindex(hier.index, fill_value=False)),
                                "warning"))
    no_key = _blank(h[key])
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
        miss = _blank(h[lev]) & ~no_key
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
    unknown = ~industries.isin(known) & ~_blank(industries)
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


_INT_RE = re.compile(r"^[+-]?\d+$")
_TOTAL_RE = re.compile(
    r"^(grand[\s_-]*)?totals?([\s,:_-].*)?$|^all([\s_-]+(industries|sectors|regions|areas))?$"
    r"|^sum$|^合計$|^総数$|^総計$|^全産業$|^计$|^合计$|^总计$",
    re.IGNORECASE)


def _blank(s: pd.Series) -> pd.Series:
    """Empty label cells (only whitespace). ``"NA"``, ``"None"`` ... are labels, not missing."""
    return s.isna() | (s.astype(str).str.strip() == "")


def _check_labels(df: pd.DataFrame, keys: list[str], skip: pd.Series
                  ) -> tuple[list[Problem], pd.DataFrame]:
    """NUL bytes (error) and padding (stripped, counted) in the label columns."""
    problems: list[Problem] = []
    out = df.copy()
    for col in keys:
        s = df[col].astype(str)
        nul = s.str.contains("\x00", regex=False) & ~skip
        if nul.any():
            problems.append(Problem(
                "nul_byte", "labels containing a NUL byte (\\x00), usually a sign of a binary "
                "or UTF-16 file or a corrupted export; remove the byte or re-export the file as "
                "UTF-8 text.", col, _lines(nul)))
        stripped = s.str.strip()
        padded = (stripped != s) & ~skip & (stripped != "")
        if padded.any():
            examples = sorted(set(s[padded].map(repr)))[:3]
            problems.append(Problem(
                "padded_label", f"{int(padded.sum())} label(s) with leading or trailing spaces, "
                f"e.g. {', '.join(examples)}; the spaces were removed (so ' A01' and 'A01' are "
                "one code). Remove them in the file to silence this warning.", col,
                _lines(padded), "warning"))
            out[col] = df[col].where(~padded, stripped)
    return problems, out


def _check_time(s: pd.Series, column: str, skip: pd.Series) -> list[Problem]:
    """Periods are integers (years). Mixed integer / non-integer entries are an error."""
    text = s.astype(str).str.strip()
    is_int = text.str.match(_INT_RE) & ~skip
    bad = ~is_int & ~skip
    if not bad.any():
        return []
    if is_int.any():
        examples = sorted(set(text[bad]))[:5]
        return [Problem(
            "non_integer_year", f"period values that are not whole numbers, e.g. {examples}; "
            "periods must be integers such as 2013 (check for typed letters such as 'l' for "
            "'1', or decimals such as 2012.5).", column, _lines(bad))]
    return [Problem(
        "text_period", f"the period column holds text, not years (e.g. "
        f"{sorted(set(text[bad]))[:3]}); periods are ordered as text. Write years as integers "
        "if they are years.", column, [], "warning")]


def _check_totals(df: pd.DataFrame, nums: pd.Series, *, region: str, industry: str,
                  time: str | None, skip: pd.Series) -> list[Problem]:
    """Rows that are totals of other rows: total codes (error) or row = sum of the others."""
    problems: list[Problem] = []
    for col, other in ((industry, region), (region, industry)):
        marker = df[col].astype(str).str.strip().str.match(_TOTAL_RE) & ~skip
        if marker.any():
            codes = sorted(set(df.loc[marker, col].astype(str).str.strip()))[:5]
            problems.append(Problem(
                "total_row", f"{int(marker.sum())} row(s) whose {col} code looks like a total "
                f"({codes}). Every row is added up, so a total row counts its parts twice. "
                "Delete these rows; if the code is a real unit, rename it.", col,
                _lines(marker)))
        groups = ([time] if time is not None else []) + [other]
        v = nums.where(~skip & nums.notna(), 0.0)
        key = [df[g].astype(str).str.strip() for g in groups]
        total = v.groupby(key).transform("sum")
        n_pos = (v > 0).groupby(key).transform("sum")
        scale = np.maximum(total.abs(), 1.0)
        is_sum = (v > 0) & (n_pos >= 3) & ((2.0 * v - total).abs() <= 1e-9 * scale) & ~marker
        # A total is a code that sums the others wherever it appears; one coincidence (a town
        # where one industry employs as many as all others together) is not reported.
        code = df[col].astype(str).str.strip()
        hits = is_sum.groupby(code).transform("sum")
        seen = (~skip).groupby(code).transform("sum")
        n_groups = len(set(zip(*key))) if len(df) else 0
        is_sum &= ((hits >= 2) & (2 * hits >= seen)) | (n_groups == 1)
        if is_sum.any():
            problems.append(Problem(
                "possible_total_row", f"{int(is_sum.sum())} row(s) equal the sum of all other "
                f"rows of their {' x '.join(groups)} (e.g. {col} "
                f"{sorted(set(df.loc[is_sum, col].astype(str)))[:3]}), in at least half of "
                "the places where the code occurs: these look like total rows, which would count "
                "everything twice. Delete them if they are totals.", col, _lines(is_sum),
                "warning"))
    return problems


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

    Labels are text: an empty cell is a missing label, but ``"NA"`` or ``"None"`` are codes.
    Leading/trailing spaces of labels are removed (a counted warning). Errors: missing columns
    or labels, NUL bytes, non-integer years, non-numeric, missing, infinite or negative values,
    values whose total overflows, duplicate keys, total rows (codes such as ``TOTAL`` or
    ``All industries``), hierarchy problems. Warnings: padding, unused columns, rows equal to
    the sum of the other rows of their region (or industry), likely totals.

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
    spare = [c for c in df.columns if c not in needed.values()]
    for role, col in needed.items():
        if col not in df.columns:
            hint = ""
            if spare:
                hint = (f" Unused columns that could be meant: {spare[:5]}, e.g. "
                        f"--{role} {spare[0]}.")
            problems.append(Problem(
                "missing_column", f"the {role} column {col!r} is not in the file (columns: "
                f"{list(df.columns)}). Rename it, or pass --{role} <column>.{hint}", col))
    if absent:
        return problems, None, None
    if len(df) == 0:
        problems.append(Problem("empty", "the file has a header but no data rows."))
        return problems, None, None
    if spare:
        problems.append(Problem(
            "unused_column", f"column(s) {spare} are not used: only {value!r} is read as the "
            "value. To analyse another column pass --value <column> (one value column per "
            "run); delete columns you do not need to silence this warning.", None, [],
            "warning"))

    keys = [c for c in (time, region, industry) if c is not None]
    label_blank = df[keys].apply(_blank)
    blank_row = label_blank.all(axis=1) & _is_missing(df[value])
    if blank_row.any():
        problems.append(Problem("blank_row", "blank or empty rows; delete them.", None,
                                _lines(blank_row)))
    label_problems, df = _check_labels(df, keys, blank_row)
    problems.extend(label_problems)
    for col in keys:
        miss = label_blank[col] & ~blank_row
        if miss.any():
            problems.append(Problem("missing_label", "rows without a label; every row needs a "
                                    "region, an industry (and a year if used).", col,
                                    _lines(miss)))
    if time is not None:
        problems.extend(_check_time(df[time], time, label_blank[time] | blank_row))
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
    arr = nums.to_numpy()
    inf = np.isinf(arr)
    if inf.any():
        problems.append(Problem("infinite", "infinite values; replace them with finite ones.",
                                value, _lines(inf)))
    neg = (nums < 0).to_numpy()
    if neg.any():
        problems.append(Problem("negative", "negative values; the indices need counts or "
                                "amounts >= 0. Correct or remove these rows.", value,
                                _lines(neg)))
    finite = np.where(np.isfinite(arr), np.abs(arr), 0.0)
    with np.errstate(over="ignore"):
        grand = float(np.sum(finite))
    if not np.isfinite(grand) or grand * max(float(finite.max(initial=0.0)), 1.0) > 1e300:
        big = finite >= min(1e150, float(np.sort(finite)[-1]))
        problems.append(Problem(
            "overflow", "values so large that their totals (or the products the location "
            "quotient needs) overflow floating point (largest value "
            f"{float(finite.max()):.3g}). Rescale the column (e.g. to thousands or millions).",
            value, _lines(big)))
    labelled = ~label_blank.any(axis=1)
    dup = df[keys].duplicated(keep=False) & labelled
    if dup.any():
        problems.append(Problem(
            "duplicate", f"repeated keys: each combination of the columns {keys} must appear "
            "once. Aggregate the rows first (sum them) or remove the repeats.", ", ".join(keys),
            _lines(dup)))
    problems.extend(_check_totals(df, nums, region=region, industry=industry, time=time,
                                  skip=~labelled | blank_row))

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
    encoding: str | None = None,
    sheet: str | int | None = None,
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
    encoding : str, optional
        Text encoding of CSV/TSV files (default UTF-8), e.g. ``"cp1252"``, ``"shift_jis"``.
    sheet : str or int, optional
        Excel sheet (default: the first).

    Returns
    -------
    ValidationReport
        ``report.ok`` is False when any error was found; ``report.panel`` is the panel
        otherwise. Panel warnings (e.g. all-zero regions) are listed as warnings.
    """
    df = read_table(path, encoding=encoding, sheet=sheet)
    if time == "auto":
        time = next((c for c in ("year", "time") if c in df.columns), None)
    hier_raw = (read_hierarchy(hierarchy, encoding=encoding) if hierarchy is not None
                else None)
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
    """What :func:`write_indices` wrote (name -> path), skipped (name -> reason) and notes
    about how (name -> text, e.g. the backbone rule used)."""

    written: dict[str, Path] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def input_warnings(panel: Panel, *, threshold: float = 1.0, relatedness: str | None = None,
                   notes: dict[str, str] | None = None) -> list[str]:
    """Why the relatedness and complexity results of a panel may not be usable, in words.

    Checks the last period: :func:`smartregion.stability.complexity_diagnostics` (too few
    regions, with the minimum and why; a small spectral gap; a PCI that rises with ubiquity;
    a disconnected matrix) and the share of industries the relatedness leaves without any
    link. Nothing is raised: the caller writes its results and shows these lines. With
    ``notes``, ``notes["relatedness"]`` receives the method and its first-axis diagnostic.
    """
    from .relatedness import (
        DEFAULT_METHOD,
        describe_relatedness,
        relatedness_diagnostics,
        relatedness_weights,
    )
    from .stability import complexity_diagnostics

    method = DEFAULT_METHOD if relatedness is None else relatedness
    last = panel.select(times=[panel.times[-1]]) if panel.has_time else panel
    last = Panel(last.values, last.regions, last.industries, None, value_name=last.value_name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmartRegionWarning)
        out = list(complexity_diagnostics(last, threshold=threshold, warn=False)["problems"])
        w = relatedness_weights(last, method=method, threshold=threshold)
    arr = w.to_numpy(dtype=float).copy()
    np.fill_diagonal(arr, 0.0)
    unlinked = float((arr.sum(axis=1) == 0).mean())
    if unlinked > 0.5:
        out.append(f"the {method} relatedness links no other industry to {unlinked:.0%} of "
                   "the industries (too few regions for a co-specialisation to be "
                   "significant); their relatedness density is undefined")
    if notes is not None:
        try:
            notes["relatedness"] = describe_relatedness(method, relatedness_diagnostics(
                w, last, threshold=threshold))
        except ValueError as exc:
            notes["relatedness"] = f"relatedness: {method}; no diagnostic ({exc})"
    return out


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


def write_indices(panel: Panel, outdir: str | Path, *, threshold: float = 1.0,
                  backbone_avg_degree: float = 4.0,
                  relatedness: str | None = None) -> IndicesResult:
    """Write the main indices of a panel as CSV files into ``outdir``.

    Always (from :mod:`smartregion.structure`): location quotients (long table), binary
    specialisation, diversity, ubiquity, and the Herfindahl index when available. When the
    modules are installed: entropy and related/unrelated variety (needs a hierarchy;
    :mod:`smartregion.variety`), proximity, the relatedness used for density and the
    backbone (``relatedness``) and relatedness density (:mod:`smartregion.relatedness`), ECI
    and PCI (:mod:`smartregion.complexity`). Anything not available or not computable is
    listed in ``skipped`` with the reason.

    The results are written whatever the size of the panel, but ``warnings`` lists, in words,
    why some of them may not be usable: fewer regions than
    :data:`smartregion.stability.MIN_REGIONS` (the minimum and its reason are in the text),
    an ill-conditioned complexity axis (:func:`smartregion.stability.complexity_diagnostics`)
    or a relatedness that leaves industries unlinked. ``notes["relatedness"]`` gives the
    method and its first-axis diagnostic (:func:`smartregion.relatedness.describe_relatedness`).

    Parameters
    ----------
    panel : Panel
    outdir : path
        Created if needed. Files are named ``<index>.csv``.
    threshold : float, default 1.0
        LQ threshold of the binary specialisation matrix.
    backbone_avg_degree : float, default 4.0
        Target mean degree of the industry-space backbone.
    relatedness : {"cospecialisation", "proximity"}, optional
        Relatedness of the density and the backbone; default
        :data:`smartregion.relatedness.DEFAULT_METHOD`. (Before co-specialisation became the
        package default, density and backbone used the proximity, which is still written as
        ``proximity.csv``.)

    Returns
    -------
    IndicesResult
    """
    from .relatedness import DEFAULT_METHOD, RELATEDNESS_METHODS

    method = DEFAULT_METHOD if relatedness is None else relatedness
    if method not in RELATEDNESS_METHODS:
        raise ValueError(f"relatedness must be one of {RELATEDNESS_METHODS}; got {method!r}.")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    result = IndicesResult()
    result.warnings.extend(input_warnings(panel, threshold=threshold, relatedness=method,
                                          notes=result.notes))
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
        ("relatedness", "relatedness", "relatedness_weights",
         lambda f: f(panel, method=method, threshold=threshold).reset_index()),
        ("relatedness_density", "relatedness", "relatedness_density",
         lambda f: cell(lambda: f(panel, _weights(), threshold=threshold), "density")),
        ("eci", "complexity", "eci", lambda f: frame(lambda: f(panel, threshold=threshold), "eci")),
        ("pci", "complexity", "pci", lambda f: frame(lambda: f(panel, threshold=threshold), "pci")),
        ("industry_space_backbone", "network", "backbone", lambda f: backbone_edges(f)),
    ]

    def _weights() -> pd.DataFrame:
        from .relatedness import relatedness_weights

        return relatedness_weights(panel, method=method, threshold=threshold)

    def backbone_edges(f: Callable[..., Any]) -> pd.DataFrame:
        from .network import edge_list
        from .relatedness import relatedness_weights

        last = panel.select(times=[panel.times[-1]]) if panel.has_time else panel
        phi = relatedness_weights(last, method=method, threshold=threshold)
        if isinstance(phi.index, pd.MultiIndex):
            phi = phi.droplevel(0)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SmartRegionWarning)
            bb = f(phi, avg_degree=backbone_avg_degree)
        result.notes["backbone"] = bb.graph["rule"] + "".join(
            f" Note: {w.message}" for w in caught)
        return edge_list(bb)
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
