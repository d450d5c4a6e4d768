"""Benchmark microdata aggregation engines (pandas, DuckDB, Dask): rows/s and peak memory.

Usage::

    python benchmarks/bench_scale.py [--rows 20000000] [--engines pandas duckdb dask]

Generates (once, seeded) a synthetic establishment-level data set as Parquet partitions under
``benchmarks/_data/`` (git-ignored) with ``scripts/make_microdata.py``, then aggregates it to a
prefecture x 2-digit industry x year panel with each engine, each in a fresh subprocess so that
peak resident memory (ru_maxrss) belongs to that engine alone. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "_data"

CHILD = r"""
import json, resource, sys, time
from smartregion.scale import aggregate
engine, path, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
kw = dict(region="municipality", industry="industry", value="employees", time="year", level=2)
if engine == "dask":
    p = aggregate(path, engine="dask", scheduler="threads", **kw)
elif engine == "duckdb":
    p = aggregate(path, engine="duckdb", memory_limit="1GB", **kw)
else:
    p = aggregate(path, engine="pandas", **kw)
dt = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": dt, "peak_mb": peak / 1024, "import_mb": base / 1024,
                  "total": float(p.values.sum()), "shape": list(p.shape)}))
"""


def ensure_data(rows: int) -> tuple[Path, float]:
    target = DATA / f"microdata_{rows}"
    if not (target / "_SUCCESS").exists():
        print(f"generating {rows:,} synthetic records in {target} ...", flush=True)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_microdata.py"), str(target),
                        "--rows", str(rows), "--partitions", str(max(1, rows // 1_000_000))],
                       check=True)
        (target / "_SUCCESS").write_text("ok")
        print(f"generated in {time.perf_counter() - t0:.1f} s")
    size = sum(p.stat().st_size for p in target.glob("*.parquet")) / 1e6
    return target, size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000_000)
    ap.add_argument("--engines", nargs="*", default=["duckdb", "dask", "pandas"])
    args = ap.parse_args(argv)
    path, size_mb = ensure_data(args.rows)
    glob = str(path / "*.parquet")
    # in-memory size of the records as pandas would hold them (for the memory comparison)
    mem_mb = args.rows * (8 + 8 + 2 + 4) / 1e6 + args.rows * 2 * 50 / 1e6
    print(f"\n{args.rows:,} records, {size_mb:.0f} MB of Parquet on disk "
          f"(~{mem_mb:.0f} MB as a pandas frame with Python-object strings)")
    print(f"{'engine':<8} {'seconds':>8} {'Mrows/s':>8} {'peak MB':>8}  total employees")
    results = {}
    for engine in args.engines:
        out = subprocess.run([sys.executable, "-c", CHILD, engine, glob, str(args.rows)],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{engine:<8} failed: {out.stderr.strip().splitlines()[-1]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results[engine] = r
        print(f"{engine:<8} {r['seconds']:8.2f} {args.rows / r['seconds'] / 1e6:8.2f} "
              f"{r['peak_mb']:8.0f}  {r['total']:.0f}")
    totals = {r["total"] for r in results.values()}
    print("engines agree on the grand total" if len(totals) == 1 else "ENGINES DISAGREE")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
