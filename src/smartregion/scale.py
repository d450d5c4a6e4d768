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


def _finish(long: pd.DataFrame, unknown_tab: pd.DataFrame, n_rows: int, n_missing: int, *,
            time: str | None, value: str, unknown: Unknown, missing: str,
            hierarchy: Any, meta: dict[str, Any] | None) -> Panel:
    """Shared tail of every engine: unknown codes, missing values, then the Panel."""
    report = AggregationReport(rows_read=int(n_rows), rows_missing_value=int(n_missing))
    if n_missing:
        if missing == "raise":
            raise PanelError(
                f"{n_missing} record(s) have a missing {value!r}. Clean them, or pass "
                "missing='drop' to leave them out (counted in the report)."
            )
        warnings.warn(f"{n_missing} record(s) with missing {value!r} were left out "
                      "(missing='drop').", DroppedDataWarning, stacklevel=3)
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
    if long.empty:
        raise PanelError("no records are left to aggregate: the input is empty (or every record "
                         "was dropped).")
    info = dict(meta or {})
    info["aggregation"] = report
    return Panel.from_long(long, region="region", industry="industry", value=value,
                           time="time" if time is not None else None, hierarchy=hierarchy,
                           meta=info)


# --------------------------------------------------------------------------- pandas engine
def _pandas_engine(df: pd.DataFrame, *, region: str, industry: str, value: str, time: str | None,
                   level: int | None, industry_map: pd.DataFrame | None,
                   region_map: pd.DataFrame | None, unknown: Unknown
                   ) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    n_rows = len(df)
    vals = pd.to_numeric(df[value], errors="raise").astype("float64")
    miss = vals.isna()
    n_missing = int(miss.sum())
    work = pd.DataFrame({"region": df[region].astype(str), "industry": df[industry].astype(str),
                         value: vals})
    if time is not None:
        work["time"] = df[time].to_numpy()
    work = work.loc[~miss.to_numpy()]
    if level is not None:
        work["industry"] = work["industry"].str.slice(0, level)
    unknown_parts = []
    keep = np.ones(len(work), dtype=bool)
    for kind, mp in (("industry", industry_map), ("region", region_map)):
        if mp is None:
            continue
        mapped = work[kind].map(pd.Series(mp["dst"].to_numpy(), index=mp["src"].to_numpy()))
        bad = mapped.isna().to_numpy()
        if bad.any():
            tab = (work.loc[bad].groupby(kind, sort=True)[value].agg(["size", "sum"])
                   .reset_index())
            unknown_parts.append(pd.DataFrame({"kind": kind, "code": tab[kind].astype(str),
                                               "rows": tab["size"].astype("int64"),
                                               "value": tab["sum"].astype("float64")}))
        if unknown == "keep":
            mapped = mapped.where(~bad, work[kind])
        else:
            keep &= ~bad
        work[kind] = mapped
    work = work.loc[keep]
    keys = (["time"] if time is not None else []) + ["region", "industry"]
    long = work.groupby(keys, sort=True, observed=True)[value].sum().reset_index()
    unknown_tab = (pd.concat(unknown_parts, ignore_index=True) if unknown_parts else
                   pd.DataFrame(columns=["kind", "code", "rows", "value"]))
    return long, unknown_tab, n_rows, n_missing


# --------------------------------------------------------------------------- duckdb engine
def _duckdb_engine(source: Any, *, region: str, industry: str, value: str, time: str | None,
                   level: int | None, industry_map: pd.DataFrame | None,
                   region_map: pd.DataFrame | None, unknown: Unknown,
                   memory_limit: str | None, threads: int | None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    import duckdb

    con = duckdb.connect(database=":memory:")
    try:
        if memory_limit:
            con.execute(f"SET memory_limit='{memory_limit}'").fetchall()
        if threads:
            con.execute(f"SET threads={int(threads)}").fetchall()
        con.execute("SET preserve_insertion_order=false").fetchall()
        if isinstance(source, pd.DataFrame):
            con.register("src_df", source)
            rel = "src_df"
        else:
            paths = _expand_paths(source)
            plist = "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"
            if paths[0].lower().endswith(".parquet"):
                rel = f"read_parquet({plist})"
            else:
                rel = f"read_csv({plist}, header=true, all_varchar=false)"

        def q(name: str) -> str:
            return '"' + name.replace('"', '""') + '"'

        ind_expr = f"CAST({q(industry)} AS VARCHAR)"
        if level is not None:
            ind_expr = f"substr({ind_expr}, 1, {int(level)})"
        reg_expr = f"CAST({q(region)} AS VARCHAR)"
        time_sel = f", {q(time)} AS time" if time is not None else ""
        val = f"CAST({q(value)} AS DOUBLE)"
        con.execute(
            f"CREATE TEMP VIEW base AS SELECT {reg_expr} AS region, {ind_expr} AS industry"
            f"{time_sel}, {val} AS v FROM {rel}"
        ).fetchall()
        counts = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE v IS NULL OR isnan(v)) FROM base"
        ).fetchall()[0]
        n_rows, n_missing = int(counts[0]), int(counts[1])
        joins, unknown_sql = [], []
        reg_out, ind_out = "b.region", "b.industry"
        for kind, mp, alias in (("industry", industry_map, "im"), ("region", region_map, "rm")):
            if mp is None:
                continue
            con.register(f"{alias}_tab", mp)
            joins.append(f"LEFT JOIN {alias}_tab {alias} ON b.{kind} = {alias}.src")
            unknown_sql.append(
                f"SELECT '{kind}' AS kind, b.{kind} AS code, count(*) AS rows, sum(b.v) AS value "
                f"FROM base b LEFT JOIN {alias}_tab {alias} ON b.{kind} = {alias}.src "
                f"WHERE {alias}.dst IS NULL AND NOT (b.v IS NULL OR isnan(b.v)) GROUP BY b.{kind}"
            )
            out = f"{alias}.dst" if unknown != "keep" else f"coalesce({alias}.dst, b.{kind})"
            if kind == "industry":
                ind_out = out
            else:
                reg_out = out
        where = ["NOT (b.v IS NULL OR isnan(b.v))"]
        if unknown != "keep":
            where += [f"{a}.dst IS NOT NULL" for k, m, a in (("industry", industry_map, "im"),
                                                              ("region", region_map, "rm"))
                      if m is not None]
        tsel = "b.time AS time, " if time is not None else ""
        tgrp = "b.time, " if time is not None else ""
        sql = (f"SELECT {tsel}{reg_out} AS region, {ind_out} AS industry, sum(b.v) AS {q(value)} "
               f"FROM base b {' '.join(joins)} WHERE {' AND '.join(where)} "
               f"GROUP BY {tgrp}{reg_out}, {ind_out}")
        long = con.execute(sql).df()
        if unknown_sql:
            unknown_tab = con.execute(" UNION ALL ".join(unknown_sql)).df()
        else:
            unknown_tab = pd.DataFrame(columns=["kind", "code", "rows", "value"])
        unknown_tab["rows"] = unknown_tab["rows"].astype("int64")
    finally:
        con.close()
    return long, unknown_tab, n_rows, n_missing


# --------------------------------------------------------------------------- dask engine
def _dask_engine(source: Any, *, region: str, industry: str, value: str, time: str | None,
                 level: int | None, industry_map: pd.DataFrame | None,
                 region_map: pd.DataFrame | None, unknown: Unknown, scheduler: Any
                 ) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    import dask
    import dask.dataframe as dd

    if isinstance(source, dd.DataFrame):
        ddf = source
    elif isinstance(source, pd.DataFrame):
        ddf = dd.from_pandas(source, npartitions=max(1, min(8, len(source) // 100_000 + 1)))
    else:
        paths = _expand_paths(source)
        ddf = dd.read_parquet(paths) if paths[0].lower().endswith(".parquet") else \
            dd.read_csv(paths, dtype={region: str, industry: str})
    cols = {"region": ddf[region].astype(str), "industry": ddf[industry].astype(str),
            "v": ddf[value].astype("float64")}
    if time is not None:
        cols["time"] = ddf[time]
    work = dd.concat([c.rename(k) for k, c in cols.items()], axis=1)
    miss = work["v"].isna()
    n_rows_d, n_missing_d = work.shape[0], miss.sum()
    work = work[~miss]
    if level is not None:
        work["industry"] = work["industry"].str.slice(0, level)
    unknown_frames = []
    keep = None
    for kind, mp in (("industry", industry_map), ("region", region_map)):
        if mp is None:
            continue
        lookup = pd.Series(mp["dst"].to_numpy(), index=mp["src"].to_numpy())
        mapped = work[kind].map(lookup, meta=(kind, "object"))
        bad = mapped.isna()
        unknown_frames.append((kind, work[bad].groupby(kind)["v"].agg(["count", "sum"])))
        if unknown == "keep":
            mapped = mapped.where(~bad, work[kind])
        else:
            keep = ~bad if keep is None else (keep & ~bad)
        work = work.assign(**{kind: mapped})
    if keep is not None:
        work = work[keep]
    keys = (["time"] if time is not None else []) + ["region", "industry"]
    grouped = work.groupby(keys)["v"].sum()
    compute_kw: dict[str, Any] = {}
    client = None
    if scheduler is not None:
        if isinstance(scheduler, str) and "://" in scheduler:
            from distributed import Client

            client = Client(scheduler)
        else:
            compute_kw["scheduler"] = scheduler
    try:
        res = dask.compute(grouped, n_rows_d, n_missing_d, *[u for _, u in unknown_frames],
                           **compute_kw)
    finally:
        if client is not None:
            client.close()
    long = res[0].reset_index().rename(columns={"v": value})
    parts = []
    for (kind, _), tab in zip(unknown_frames, res[3:]):
        if len(tab):
            tab = tab.reset_index()
            parts.append(pd.DataFrame({"kind": kind, "code": tab[kind].astype(str),
                                       "rows": tab["count"].astype("int64"),
                                       "value": tab["sum"].astype("float64")}))
    unknown_tab = (pd.concat(parts, ignore_index=True) if parts else
                   pd.DataFrame(columns=["kind", "code", "rows", "value"]))
    return long, unknown_tab, int(res[1]), int(res[2])


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
    kw = dict(region=region, industry=industry, value=value, time=time, level=level,
              industry_map=imap, region_map=rmap, unknown=unknown)
    if engine == "pandas":
        if not isinstance(source, pd.DataFrame):
            paths = _expand_paths(source)
            reader = pd.read_parquet if paths[0].lower().endswith(".parquet") else \
                (lambda p: pd.read_csv(p, dtype={region: str, industry: str}))
            source = pd.concat([reader(p) for p in paths], ignore_index=True)
        parts = _pandas_engine(source, **kw)
    elif engine == "duckdb":
        if is_dask:
            raise PanelError("engine='duckdb' reads pandas DataFrames or files; pass the files of "
                             "the dask DataFrame, or use engine='dask'.")
        parts = _duckdb_engine(source, memory_limit=memory_limit, threads=threads, **kw)
    else:
        parts = _dask_engine(source, scheduler=scheduler, **kw)
    long, unknown_tab, n_rows, n_missing = parts
    if n_rows == 0:
        raise PanelError("the input has no records: nothing to aggregate.")
    return _finish(long, unknown_tab, n_rows, n_missing, time=time, value=value, unknown=unknown,
                   missing=missing, hierarchy=hierarchy, meta=meta)
