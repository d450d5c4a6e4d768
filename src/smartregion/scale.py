"""Roll establishment- or firm-level records up to a region x industry (x time) :class:`Panel`.

The slow step with microdata (economic censuses, business registers, patent records) is the
group-by that turns tens or hundreds of millions of records into a panel at the chosen spatial
unit and classification level. :func:`aggregate` does that step with one of three engines that
return identical panels:

``"pandas"``
    In memory. Best for inputs that fit comfortably in RAM (up to a few million rows).
``"duckdb"``
    Embedded, out of core: reads CSV or Parquet files (globs allowed) in streaming fashion and
    spills to disk when needed, so peak memory stays far below the data size. The default for
    file inputs. DuckDB is used rather than hand-written chunking because its vectorised,
    multi-threaded hash aggregation is well tested and needs no server.
``"dask"``
    For a cluster: accepts a dask DataFrame or file paths and an optional scheduler address
    (``scheduler="tcp://host:8786"``); without an address the local threaded scheduler runs.

Industry codes can be truncated to a hierarchy level (``level=2`` keeps the first two
characters, e.g. JSIC 3-digit -> 2-digit) or mapped through a table (``industry_map``);
regions can be mapped through a concordance (``region_map``: municipality -> prefecture, merged
municipalities -> fixed boundaries). Codes missing from a map are never dropped silently:
``unknown="raise"`` (default) stops with the codes and their row counts, ``"drop"`` removes them
and reports the count in a :class:`~smartregion.panel.DroppedDataWarning`, ``"keep"`` keeps the
unmapped code as its own unit.

Every engine reads CSV files with declared types, never types guessed from a sample: the region
and industry columns as text (leading zeros and a code such as ``NA`` survive, wherever in the
file they first appear) and the value as float64 (cells ``""``, ``NA``, ``NaN``, ``NULL`` are
missing). Each engine scans the input once, producing per cell the sum of the values and the
counts of records with and without a value; maps, missing-value and unknown-code reports are
computed from that table. Regions or industries whose every record has a missing value are
named in the warning of ``missing="drop"`` (and in ``meta["aggregation"]``).

Values are summed as float64. Integer-valued data give bit-identical panels across engines;
fractional values may differ in the last unit of precision because the engines add in
different orders.
"""

from __future__ import annotations

import glob as _glob
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from .panel import DroppedDataWarning, Panel, PanelError

__all__ = ["aggregate", "AggregationReport"]

Engine = Literal["auto", "pandas", "duckdb", "dask"]
Unknown = Literal["raise", "drop", "keep"]


class AggregationReport(dict):
    """Counts gathered while aggregating (rows read, unknown codes, rows dropped)."""


def _as_map(mapping: Mapping[Any, Any] | pd.Series | pd.DataFrame | None, what: str
            ) -> pd.DataFrame | None:
    if mapping is None:
        return None
    if isinstance(mapping, pd.DataFrame):
        if mapping.shape[1] != 2:
            raise PanelError(f"{what} as a DataFrame needs exactly two columns (source, target); "
                             f"got {list(mapping.columns)}.")
        frame = mapping.copy()
        frame.columns = ["src", "dst"]
    else:
        s = mapping if isinstance(mapping, pd.Series) else pd.Series(dict(mapping))
        frame = pd.DataFrame({"src": s.index, "dst": s.to_numpy()})
    frame["src"] = frame["src"].astype(str)
    frame["dst"] = frame["dst"].astype(str)
    if frame["src"].duplicated().any():
        dup = frame.loc[frame["src"].duplicated(), "src"].tolist()[:5]
        raise PanelError(f"{what} maps some codes twice: {dup}. Each source code needs one target.")
    return frame.reset_index(drop=True)


def _expand_paths(source: str | os.PathLike | Sequence[str | os.PathLike]) -> list[str]:
    items = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    paths: list[str] = []
    for item in items:
        s = str(item)
        if Path(s).is_dir():
            found = sorted(_glob.glob(os.path.join(s, "**", "*.parquet"), recursive=True)) + \
                sorted(_glob.glob(os.path.join(s, "**", "*.csv"), recursive=True))
        else:
            found = sorted(_glob.glob(s)) if any(ch in s for ch in "*?[") else [s]
        paths.extend(found)
    if not paths:
        raise PanelError(f"no input files match {source!r}.")
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise PanelError(f"input file(s) not found: {missing[:5]}.")
    kinds = {Path(p).suffix.lower() for p in paths}
    if not kinds <= {".parquet", ".csv"} or len(kinds) != 1:
        raise PanelError(f"inputs must all be .parquet or all be .csv files; got {sorted(kinds)}.")
    return paths


NA_TOKENS = ["", "NA", "N/A", "NaN", "nan", "NULL", "null"]
"""Cells of the *value* column read as missing from CSV files (labels never are: ``NA`` is a
code, e.g. Namibia)."""

_FINE_COLS = ["v", "n_valid", "n_all"]


def _lost(fine: pd.DataFrame, kind: str) -> list[str]:
    """Codes of ``kind`` all of whose records have a missing value."""
    per = fine.groupby(kind, sort=True, dropna=False)["n_valid"].sum()
    return [str(c) for c in per.index[per.to_numpy() == 0]]


def _map_fine(fine: pd.DataFrame, *, industry_map: pd.DataFrame | None,
              region_map: pd.DataFrame | None, unknown: Unknown
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the maps to the per-cell table; returns (mapped table, unknown-code table)."""
    parts = []
    keep = np.ones(len(fine), dtype=bool)
    fine = fine.copy()
    for kind, mp in (("industry", industry_map), ("region", region_map)):
        if mp is None:
            continue
        mapped = fine[kind].map(pd.Series(mp["dst"].to_numpy(), index=mp["src"].to_numpy()))
        bad = mapped.isna().to_numpy()
        counted = bad & (fine["n_valid"].to_numpy() > 0)
        if counted.any():
            tab = (fine.loc[counted].groupby(kind, sort=True)[["n_valid", "v"]].sum()
                   .reset_index())
            parts.append(pd.DataFrame({"kind": kind, "code": tab[kind].astype(str),
                                       "rows": tab["n_valid"].astype("int64"),
                                       "value": tab["v"].astype("float64")}))
        if unknown == "keep":
            mapped = mapped.where(~bad, fine[kind])
        else:
            keep &= ~bad
        fine[kind] = mapped
    tab = (pd.concat(parts, ignore_index=True) if parts else
           pd.DataFrame({"kind": pd.Series(dtype=str), "code": pd.Series(dtype=str),
                         "rows": pd.Series(dtype="int64"), "value": pd.Series(dtype=float)}))
    return fine.loc[keep], tab


def _finish(fine: pd.DataFrame, *, time: str | None, value: str, industry_map: Any,
            region_map: Any, unknown: Unknown, missing: str, hierarchy: Any,
            meta: dict[str, Any] | None) -> Panel:
    """Shared tail of every engine: missing values, unknown codes, lost units, then the Panel.

    ``fine`` holds one row per (time,) region, industry cell of the input (codes truncated to
    ``level``) with the sum of its non-missing values ``v`` and the counts of records with a
    value (``n_valid``) and of all records (``n_all``), all from a single scan.
    """
    n_rows = int(fine["n_all"].sum())
    n_missing = int((fine["n_all"] - fine["n_valid"]).sum())
    if n_rows == 0:
        raise PanelError("the input has no records: nothing to aggregate.")
    report = AggregationReport(rows_read=n_rows, rows_missing_value=n_missing)
    mapped, unknown_tab = _map_fine(fine, industry_map=industry_map, region_map=region_map,
                                    unknown=unknown)
    if n_missing:
        if missing == "raise":
            raise PanelError(
                f"{n_missing} record(s) have a missing {value!r}. Clean them, or pass "
                "missing='drop' to leave them out (counted in the report)."
            )
        lost_r, lost_i = _lost(mapped, "region"), _lost(mapped, "industry")
        report["lost_regions"], report["lost_industries"] = lost_r, lost_i
        lost = ""
        for what, codes in (("region", lost_r), ("industry", lost_i)):
            if codes:
                shown = ", ".join(codes[:20]) + (f" and {len(codes) - 20} more"
                                                 if len(codes) > 20 else "")
                lost += (f" {len(codes)} {what}(s) had only missing values and are not in "
                         f"the panel: {shown}.")
        warnings.warn(f"{n_missing} record(s) with missing {value!r} were left out "
                      f"(missing='drop').{lost}", DroppedDataWarning, stacklevel=3)
    if len(unknown_tab):
        unknown_tab = unknown_tab.sort_values(["kind", "code"]).reset_index(drop=True)
        report["unknown_codes"] = unknown_tab
        n_unknown = int(unknown_tab["rows"].sum())
        if unknown == "raise":
            raise PanelError(
                f"{len(unknown_tab)} code(s) in {n_unknown} record(s) are not in the maps:\n"
                f"{unknown_tab.head(10).to_string(index=False)}\nAdd them to the map, or pass "
                "unknown='drop' (remove, counted) or unknown='keep' (keep the code as is)."
            )
        if unknown == "drop":
            warnings.warn(
                f"{n_unknown} record(s) with {len(unknown_tab)} unmapped code(s) were dropped "
                f"(value {unknown_tab['value'].sum():.6g}); see the panel's meta['aggregation'].",
                DroppedDataWarning, stacklevel=3)
            report["rows_dropped_unknown"] = n_unknown
    mapped = mapped.loc[mapped["n_valid"].to_numpy() > 0]
    if mapped.empty:
        raise PanelError("no records are left to aggregate: the input is empty (or every record "
                         "was dropped).")
    keys = (["time"] if time is not None else []) + ["region", "industry"]
    long = (mapped.groupby(keys, sort=True, observed=True)["v"].sum().rename(value)
            .reset_index())
    info = dict(meta or {})
    info["aggregation"] = report
    return Panel.from_long(long, region="region", industry="industry", value=value,
                           time="time" if time is not None else None, hierarchy=hierarchy,
                           meta=info)


# --------------------------------------------------------------------------- pandas engine
def _read_csv_pandas(path: str, *, region: str, industry: str, value: str) -> pd.DataFrame:
    """CSV with the key columns as text (leading zeros, ``NA`` kept) and the value as float64."""
    return pd.read_csv(path, dtype={region: str, industry: str, value: "float64"},
                       keep_default_na=False, na_values={value: NA_TOKENS})


def _pandas_engine(df: pd.DataFrame, *, region: str, industry: str, value: str,
                   time: str | None, level: int | None) -> pd.DataFrame:
    vals = pd.to_numeric(df[value], errors="raise").astype("float64")
    work = pd.DataFrame({"region": df[region].astype(str), "industry": df[industry].astype(str),
                         "v": vals.fillna(0.0), "n_valid": vals.notna().astype("int64"),
                         "n_all": np.ones(len(df), dtype="int64")})
    if time is not None:
        work.insert(0, "time", df[time].to_numpy())
    if level is not None:
        work["industry"] = work["industry"].str.slice(0, level)
    keys = (["time"] if time is not None else []) + ["region", "industry"]
    return work.groupby(keys, sort=False, dropna=False)[_FINE_COLS].sum().reset_index()


# --------------------------------------------------------------------------- duckdb engine
def _duckdb_engine(source: Any, *, region: str, industry: str, value: str, time: str | None,
                   level: int | None, memory_limit: str | None, threads: int | None
                   ) -> pd.DataFrame:
    import duckdb

    def q(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def lit(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    con = duckdb.connect(database=":memory:")
    try:
        con.execute("SET enable_progress_bar=false").fetchall()
        if memory_limit:
            con.execute(f"SET memory_limit={lit(memory_limit)}").fetchall()
        if threads:
            con.execute(f"SET threads={int(threads)}").fetchall()
        con.execute("SET preserve_insertion_order=false").fetchall()
        val = f"CAST({q(value)} AS DOUBLE)"
        if isinstance(source, pd.DataFrame):
            con.register("src_df", source)
            rel = "src_df"
        else:
            paths = _expand_paths(source)
            plist = "[" + ", ".join(lit(p) for p in paths) + "]"
            if paths[0].lower().endswith(".parquet"):
                rel = f"read_parquet({plist})"
            else:
                # Types are declared, not inferred from a sample: codes stay text (leading
                # zeros and the code NA kept); the value is read as text and converted here, so
                # a missing value after the sample is no surprise and junk raises an error.
                types = ", ".join(f"{lit(c)}: 'VARCHAR'" for c in (region, industry, value))
                rel = f"read_csv({plist}, header=true, types={{{types}}})"
                nulls = ", ".join(lit(t) for t in NA_TOKENS)
                val = (f"CASE WHEN {q(value)} IS NULL OR trim({q(value)}) IN ({nulls}) "
                       f"THEN NULL ELSE CAST(trim({q(value)}) AS DOUBLE) END")
        ind_expr = f"CAST({q(industry)} AS VARCHAR)"
        if level is not None:
            ind_expr = f"substr({ind_expr}, 1, {int(level)})"
        time_sel = f"{q(time)} AS time, " if time is not None else ""
        ok = "v IS NOT NULL AND NOT isnan(v)"
        sql = (f"SELECT {'time, ' if time is not None else ''}region, industry, "
               f"coalesce(sum(v) FILTER (WHERE {ok}), 0.0) AS v, "
               f"count(*) FILTER (WHERE {ok}) AS n_valid, count(*) AS n_all FROM ("
               f"SELECT {time_sel}CAST({q(region)} AS VARCHAR) AS region, {ind_expr} AS industry, "
               f"{val} AS v FROM {rel}) GROUP BY ALL")
        fine = con.execute(sql).df()
    finally:
        con.close()
    for c in ("n_valid", "n_all"):
        fine[c] = fine[c].astype("int64")
    return fine


# --------------------------------------------------------------------------- dask engine
def _dask_engine(source: Any, *, region: str, industry: str, value: str, time: str | None,
                 level: int | None, scheduler: Any) -> pd.DataFrame:
    import dask
    import dask.dataframe as dd

    if isinstance(source, dd.DataFrame):
        ddf = source
    elif isinstance(source, pd.DataFrame):
        ddf = dd.from_pandas(source, npartitions=max(1, min(8, len(source) // 100_000 + 1)))
    else:
        paths = _expand_paths(source)
        if paths[0].lower().endswith(".parquet"):
            ddf = dd.read_parquet(paths)
        else:
            # declared dtypes: a missing value after the inference sample is no longer a crash
            ddf = dd.read_csv(paths, dtype={region: str, industry: str, value: "float64"},
                              keep_default_na=False, na_values={value: NA_TOKENS})
    v = ddf[value].astype("float64")
    cols = {"region": ddf[region].astype(str), "industry": ddf[industry].astype(str),
            "v": v.fillna(0.0), "n_valid": (~v.isna()).astype("int64"),
            "n_all": v.isna().astype("int64") * 0 + 1}
    if time is not None:
        cols = {"time": ddf[time], **cols}
    work = dd.concat([c.rename(k) for k, c in cols.items()], axis=1)
    if level is not None:
        work["industry"] = work["industry"].str.slice(0, level)
    keys = (["time"] if time is not None else []) + ["region", "industry"]
    grouped = work.groupby(keys, dropna=False)[_FINE_COLS].sum()
    compute_kw: dict[str, Any] = {}
    client = None
    if scheduler is not None:
        if isinstance(scheduler, str) and "://" in scheduler:
            from distributed import Client

            client = Client(scheduler)
        else:
            compute_kw["scheduler"] = scheduler
    try:
        (fine,) = dask.compute(grouped, **compute_kw)
    finally:
        if client is not None:
            client.close()
    return fine.reset_index()


def aggregate(
    source: Any,
    *,
    region: str,
    industry: str,
    value: str,
    time: str | None = None,
    level: int | None = None,
    industry_map: Mapping[Any, Any] | pd.Series | pd.DataFrame | None = None,
    region_map: Mapping[Any, Any] | pd.Series | pd.DataFrame | None = None,
    hierarchy: Any = None,
    engine: Engine = "auto",
    unknown: Unknown = "raise",
    missing: Literal["raise", "drop"] = "raise",
    scheduler: Any = None,
    memory_limit: str | None = None,
    threads: int | None = None,
    meta: dict[str, Any] | None = None,
) -> Panel:
    r"""Aggregate records to a :class:`Panel`: :math:`x_{rit} = \sum_{e \in (r,i,t)} v_e`.

    Parameters
    ----------
    source : DataFrame, dask DataFrame, path, glob or list of paths
        The records (one row per establishment, firm, patent ...). Files must be all Parquet or
        all CSV; a directory means every Parquet/CSV file below it.
    region, industry, value, time : str
        Column names. ``time=None`` builds a single-period panel.
    level : int, optional
        Keep the first ``level`` characters of the industry code (truncation to a coarser
        level of a hierarchical code), applied before ``industry_map``.
    industry_map, region_map : mapping, Series or two-column DataFrame, optional
        Source code -> target code (compared as strings).
    hierarchy : optional
        Passed on to :meth:`Panel.from_long` for the *resulting* industry codes.
    engine : {"auto", "pandas", "duckdb", "dask"}
        ``"auto"``: dask for a dask DataFrame, duckdb for files, pandas for a pandas DataFrame.
    unknown : {"raise", "drop", "keep"}
        Codes absent from a map: stop (default), drop with a counted warning, or keep as is.
    missing : {"raise", "drop"}
        Records whose value is missing: stop (default) or leave out with a counted warning.
    scheduler : str or dask scheduler, optional
        For ``engine="dask"``: a distributed scheduler address (``"tcp://host:8786"``) or a
        scheduler name (``"threads"``, ``"processes"``, ``"synchronous"``).
    memory_limit, threads : optional
        DuckDB settings (e.g. ``memory_limit="2GB"``) for out-of-core runs.
    meta : dict, optional
        Provenance kept in the panel; ``meta["aggregation"]`` receives the counts.

    Returns
    -------
    Panel

    Examples
    --------
    >>> import pandas as pd
    >>> rec = pd.DataFrame({"muni": ["26101", "26102", "26102", "13101"],
    ...                     "jsic": ["091", "092", "291", "291"], "emp": [5, 3, 2, 7]})
    >>> p = aggregate(rec, region="muni", industry="jsic", value="emp", level=2,
    ...               region_map={"26101": "26", "26102": "26", "13101": "13"})
    >>> p.matrix()
    industry   09   29
    region
    13        0.0  7.0
    26        8.0  2.0
    """
    if engine not in ("auto", "pandas", "duckdb", "dask"):
        raise PanelError(f"engine must be 'auto', 'pandas', 'duckdb' or 'dask'; got {engine!r}.")
    if unknown not in ("raise", "drop", "keep"):
        raise PanelError(f"unknown must be 'raise', 'drop' or 'keep'; got {unknown!r}.")
    if missing not in ("raise", "drop"):
        raise PanelError(f"missing must be 'raise' or 'drop'; got {missing!r}.")
    if level is not None and (not isinstance(level, int) or level < 1):
        raise PanelError(f"level must be a positive number of code characters; got {level!r}.")
    imap = _as_map(industry_map, "industry_map")
    rmap = _as_map(region_map, "region_map")
    is_dask = type(source).__module__.startswith("dask")
    if engine == "auto":
        engine = "dask" if is_dask else ("pandas" if isinstance(source, pd.DataFrame) else "duckdb")
    if isinstance(source, pd.DataFrame):
        needed = [c for c in (region, industry, value, time) if c is not None]
        absent = [c for c in needed if c not in source.columns]
        if absent:
            raise PanelError(f"column(s) {absent} not found; the records have columns "
                             f"{list(source.columns)}.")
    kw = dict(region=region, industry=industry, value=value, time=time, level=level)
    if engine == "pandas":
        if not isinstance(source, pd.DataFrame):
            paths = _expand_paths(source)
            if paths[0].lower().endswith(".parquet"):
                frames = [pd.read_parquet(p) for p in paths]
            else:
                frames = [_read_csv_pandas(p, region=region, industry=industry, value=value)
                          for p in paths]
            source = pd.concat(frames, ignore_index=True)
        fine = _pandas_engine(source, **kw)
    elif engine == "duckdb":
        if is_dask:
            raise PanelError("engine='duckdb' reads pandas DataFrames or files; pass the files of "
                             "the dask DataFrame, or use engine='dask'.")
        fine = _duckdb_engine(source, memory_limit=memory_limit, threads=threads, **kw)
    else:
        fine = _dask_engine(source, scheduler=scheduler, **kw)
    return _finish(fine, time=time, value=value, industry_map=imap, region_map=rmap,
                   unknown=unknown, missing=missing, hierarchy=hierarchy, meta=meta)
