"""Microdata aggregation: the three engines agree, truncation and maps work, nothing is lost."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smartregion import DroppedDataWarning, PanelError
from smartregion.scale import aggregate

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ["pandas", "duckdb", "dask"]


def _records(n: int = 5000, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "muni": rng.choice(["26101", "26102", "26103", "13101", "27100"], n),
        "jsic": rng.choice(["0911", "0912", "0921", "2911", "2912", "3011"], n),
        "year": rng.choice([2010, 2015], n),
        "emp": rng.integers(1, 60, n),
    })


REGION_MAP = {"26101": "Kyoto", "26102": "Kyoto", "26103": "Kyoto", "13101": "Tokyo",
              "27100": "Osaka"}


def _expected(df: pd.DataFrame, level: int) -> pd.Series:
    """Reference totals by an independent route (plain dict accumulation)."""
    acc: dict[tuple, float] = {}
    for m, j, y, e in df[["muni", "jsic", "year", "emp"]].itertuples(index=False):
        key = (y, REGION_MAP[m], j[:level])
        acc[key] = acc.get(key, 0.0) + float(e)
    return pd.Series(acc).sort_index()


@pytest.mark.parametrize("engine", ENGINES)
def test_engine_matches_independent_totals(engine):
    df = _records()
    p = aggregate(df, region="muni", industry="jsic", value="emp", time="year", level=2,
                  region_map=REGION_MAP, engine=engine)
    long = p.to_long(drop_zeros=True).set_index(["time", "region", "industry"])["emp"]
    exp = _expected(df, 2)
    assert long.sort_index().to_dict() == exp.to_dict()
    assert p.values.sum() == df["emp"].sum()


def test_engines_identical_panels_on_files(tmp_path):
    df = _records(8000, seed=3)
    for k, part in enumerate([df.iloc[:3000], df.iloc[3000:5000], df.iloc[5000:]]):
        part.to_parquet(tmp_path / f"p{k}.parquet", index=False)
        part.to_csv(tmp_path / f"c{k}.csv", index=False)
    kw = dict(region="muni", industry="jsic", value="emp", time="year", level=3,
              region_map=REGION_MAP)
    mem = aggregate(df, engine="pandas", **kw)
    for engine in ENGINES:
        assert aggregate(str(tmp_path / "p*.parquet"), engine=engine, **kw) == mem
        assert aggregate(str(tmp_path / "c*.csv"), engine=engine, **kw) == mem


@pytest.mark.parametrize("engine", ENGINES)
def test_unknown_codes_reported_not_dropped(engine):
    df = _records(300)
    partial = {k: v for k, v in REGION_MAP.items() if k != "27100"}
    n_bad = int((df["muni"] == "27100").sum())
    with pytest.raises(PanelError, match="27100"):
        aggregate(df, region="muni", industry="jsic", value="emp", region_map=partial,
                  engine=engine)
    with pytest.warns(DroppedDataWarning, match=f"{n_bad} record"):
        p = aggregate(df, region="muni", industry="jsic", value="emp", region_map=partial,
                      engine=engine, unknown="drop")
    assert p.meta["aggregation"]["rows_dropped_unknown"] == n_bad
    assert p.values.sum() == df.loc[df["muni"] != "27100", "emp"].sum()
    kept = aggregate(df, region="muni", industry="jsic", value="emp", region_map=partial,
                     engine=engine, unknown="keep")
    assert "27100" in kept.regions and kept.values.sum() == df["emp"].sum()


@pytest.mark.parametrize("engine", ENGINES)
def test_industry_map_and_missing_values(engine):
    df = _records(200)
    df["emp"] = df["emp"].astype(float)
    df.loc[[3, 7], "emp"] = np.nan
    imap = {"0911": "food", "0912": "food", "0921": "food", "2911": "elec", "2912": "elec",
            "3011": "ict"}
    with pytest.raises(PanelError, match="2 record"):
        aggregate(df, region="muni", industry="jsic", value="emp", industry_map=imap,
                  engine=engine)
    with pytest.warns(DroppedDataWarning, match="2 record"):
        p = aggregate(df, region="muni", industry="jsic", value="emp", industry_map=imap,
                      engine=engine, missing="drop")
    assert list(p.industries) == ["elec", "food", "ict"]
    assert p.values.sum() == pytest.approx(df["emp"].sum())


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_input_is_an_error(engine):
    empty = _records(10).iloc[:0]
    with pytest.raises(PanelError, match="no records"):
        aggregate(empty, region="muni", industry="jsic", value="emp", engine=engine)


def test_bad_arguments():
    df = _records(10)
    with pytest.raises(PanelError, match="not found"):
        aggregate(df, region="municipality", industry="jsic", value="emp")
    with pytest.raises(PanelError, match="engine"):
        aggregate(df, region="muni", industry="jsic", value="emp", engine="spark")
    with pytest.raises(PanelError, match="level"):
        aggregate(df, region="muni", industry="jsic", value="emp", level=0)
    with pytest.raises(PanelError, match="twice"):
        aggregate(df, region="muni", industry="jsic", value="emp",
                  region_map=pd.DataFrame({"a": ["1", "1"], "b": ["x", "y"]}))


def test_dask_local_cluster():
    distributed = pytest.importorskip("distributed")
    df = _records(2000)
    kw = dict(region="muni", industry="jsic", value="emp", time="year", region_map=REGION_MAP)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        p = aggregate(df, engine="dask", scheduler=cluster.scheduler_address, **kw)
    assert p == aggregate(df, engine="pandas", **kw)


def test_microdata_generator_is_seeded(tmp_path):
    spec = importlib.util.spec_from_file_location("make_microdata",
                                                  ROOT / "scripts" / "make_microdata.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_microdata"] = mod
    spec.loader.exec_module(mod)
    a = mod.write(tmp_path / "a", rows=3000, partitions=3, seed=5)
    b = mod.write(tmp_path / "b", rows=3000, partitions=3, seed=5)
    da = pd.concat(pd.read_parquet(p) for p in a)
    db = pd.concat(pd.read_parquet(p) for p in b)
    pd.testing.assert_frame_equal(da, db)
    assert len(da) == 3000 and (da["employees"] >= 1).all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p = aggregate(str(tmp_path / "a" / "*.parquet"), region="municipality",
                      industry="industry", value="employees", time="year", level=2)
    assert p.values.sum() == da["employees"].sum()


# ------------------------------------------------------------------ codes, dtypes, lost units
def _late_zero_csv(path: Path, n_early: int = 30_000, n_late: int = 400) -> pd.DataFrame:
    """Records whose only leading-zero codes (and missing values) come after row n_early."""
    rng = np.random.default_rng(7)
    early = pd.DataFrame({
        "muni": rng.choice(["26101", "26102", "13101"], n_early),
        "jsic": rng.choice(["2911", "2912", "3011"], n_early),
        "year": rng.choice([2010, 2015], n_early),
        "emp": rng.integers(1, 60, n_early).astype(str),
        "note": "a long free-text column that makes every record wide " * 2,
    })
    late = pd.DataFrame({
        "muni": rng.choice(["01101", "01202"], n_late),
        "jsic": rng.choice(["0912", "0921"], n_late),
        "year": rng.choice([2010, 2015], n_late),
        "emp": rng.integers(1, 60, n_late).astype(str),
        "note": "x",
    })
    late.loc[late.index[:5], "emp"] = ""  # missing values only after the inference sample
    df = pd.concat([early, late], ignore_index=True)
    df.to_csv(path, index=False)
    return df


@pytest.mark.parametrize("engine", ENGINES)
def test_leading_zero_codes_after_the_type_sample_survive(engine, tmp_path):
    path = tmp_path / "late.csv"
    df = _late_zero_csv(path)
    with pytest.warns(DroppedDataWarning, match="5 record"):
        p = aggregate(str(path), region="muni", industry="jsic", value="emp", time="year",
                      level=2, engine=engine, missing="drop")
    assert {"01101", "01202"} <= set(p.regions)
    assert "1101" not in set(p.regions)
    assert "09" in set(p.industries) and "91" not in set(p.industries)
    # totals by an independent route: plain Python over the text of the file
    total = sum(float(e) for e in df["emp"] if e != "")
    assert p.values.sum() == total
    late = df.iloc[30_000:]
    exp = sum(float(e) for m, e in zip(late["muni"], late["emp"]) if m == "01101" and e != "")
    r = list(p.regions).index("01101")
    assert p.values[:, r, :].sum() == exp


@pytest.mark.parametrize("engine", ENGINES)
def test_code_na_is_kept_in_csv_inputs(engine, tmp_path):
    path = tmp_path / "na.csv"
    path.write_text("country,industry,value\nNA,01,3\nZA,01,4\nNA,02,5\nZA,02,NA\n")
    with pytest.warns(DroppedDataWarning, match="1 record"):
        p = aggregate(str(path), region="country", industry="industry", value="value",
                      engine=engine, missing="drop")
    assert list(p.regions) == ["NA", "ZA"] and list(p.industries) == ["01", "02"]
    assert p.values[0].tolist() == [[3.0, 5.0], [4.0, 0.0]]


@pytest.mark.parametrize("engine", ENGINES)
def test_region_with_only_missing_values_is_named(engine):
    df = _records(200)
    df["emp"] = df["emp"].astype(float)
    df.loc[len(df)] = {"muni": "99999", "jsic": "0911", "year": 2010, "emp": np.nan}
    df.loc[len(df)] = {"muni": "99999", "jsic": "7777", "year": 2015, "emp": np.nan}
    with pytest.warns(DroppedDataWarning, match="2 record") as rec:
        p = aggregate(df, region="muni", industry="jsic", value="emp", time="year",
                      engine=engine, missing="drop")
    msg = str(rec[0].message)
    assert "1 region(s) had only missing values" in msg and "99999" in msg
    assert "1 industry(s) had only missing values" in msg and "7777" in msg
    assert "99999" not in p.regions
    assert p.meta["aggregation"]["lost_regions"] == ["99999"]
    assert p.meta["aggregation"]["lost_industries"] == ["7777"]


def test_duckdb_prints_nothing_and_scans_the_file_once(tmp_path, capfd, monkeypatch):
    import duckdb

    path = tmp_path / "rec.csv"
    _records(3000).to_csv(path, index=False)
    queries: list[str] = []
    settings: list[bool] = []
    real_connect = duckdb.connect

    class Recording:
        def __init__(self, con):
            self._con = con

        def execute(self, sql, *args):
            if not sql.lstrip().upper().startswith("SET"):
                queries.append(sql)
            return self._con.execute(sql, *args)

        def close(self):
            row = self._con.execute("SELECT current_setting('enable_progress_bar')").fetchone()
            settings.append(bool(row[0]))
            self._con.close()

        def __getattr__(self, name):
            return getattr(self._con, name)

    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: Recording(real_connect(*a, **k)))
    p = aggregate(str(path), region="muni", industry="jsic", value="emp", time="year",
                  region_map=REGION_MAP, engine="duckdb")
    assert len(queries) == 1 and "read_csv" in queries[0]  # one statement, one scan
    assert settings == [False]
    assert p.meta["aggregation"]["rows_read"] == 3000
    assert capfd.readouterr().out == ""
