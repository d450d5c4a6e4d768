"""Time and memory benchmark of the core pipeline (run by ``make bench``; not a test).

Pipeline, for every year of a synthetic long table:
long table -> Panel.from_long -> RCA -> M -> proximity -> density -> ECI/PCI.

Each size runs in a fresh subprocess so peak memory (``ru_maxrss``) of one size does not leak
into the next; the script reports the median of ``--repeats`` runs per stage, the RSS of merely
holding the input long table, and the peak RSS above it. When the Python peers ``ecomplexity``
(py-ecomplexity) and ``economic_complexity`` (Datawheel) are importable - in this interpreter or
in the one given with ``--peer-python`` - the same work is timed with them and ratios printed.

Usage::

    python benchmarks/bench_pipeline.py                 # all sizes
    python benchmarks/bench_pipeline.py --sizes small   # quick run
    python benchmarks/bench_pipeline.py --peer-python /tmp/peervenv/bin/python

The data generator only needs numpy and pandas, so the peer interpreter can import this file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

SIZES = {  # name: (regions, industries, years)
    "small": (300, 400, 10),
    "medium": (1000, 700, 5),
    "large": (3000, 1000, 5),
}
SEED = 20240601
ZERO_SHARE = 0.40


# ------------------------------------------------------------------------------ data
def make_long(n_r: int, n_i: int, n_t: int, seed: int = SEED) -> pd.DataFrame:
    """Seeded synthetic employment long table ``year, region, industry, employment``.

    Cell sizes are lognormal with a region size effect, an industry size effect, a persistent
    region x industry specialisation effect and small yearly noise; about 40 % of the cells
    are zero (a cell is absent with a probability that falls with its expected size) and zero
    cells are left out of the table, as in real establishment counts.
    """
    rng = np.random.default_rng(seed)
    reg = rng.normal(0, 1.0, (n_r, 1))
    ind = rng.normal(0, 1.0, (1, n_i))
    spec = rng.normal(0, 0.8, (n_r, n_i))
    base = reg + ind + spec
    # zero probability decreasing in the expected size; calibrated to ~ZERO_SHARE overall
    z = (base - base.mean()) / base.std()
    cut = np.quantile(z + rng.normal(0, 1.0, z.shape), ZERO_SHARE)
    frames = []
    regions = np.array([f"R{k:05d}" for k in range(n_r)])
    industries = np.array([f"I{k:04d}" for k in range(n_i)])
    for t in range(n_t):
        noise = rng.normal(0, 0.15, (n_r, n_i))
        present = z + rng.normal(0, 1.0, z.shape) > cut
        emp = np.rint(np.exp(2.0 + base + noise)) + 1
        r_idx, i_idx = np.nonzero(present)
        frames.append(pd.DataFrame({
            "year": np.full(r_idx.size, 2015 + t, dtype=np.int64),
            "region": regions[r_idx],
            "industry": industries[i_idx],
            "employment": emp[r_idx, i_idx],
        }))
    return pd.concat(frames, ignore_index=True)


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ------------------------------------------------------------------------------ workers
def run_smartregion(df: pd.DataFrame) -> dict[str, float]:
    import warnings

    from smartregion.complexity import economic_complexity
    from smartregion.panel import Panel, ZeroLineWarning
    from smartregion.relatedness import density_array, proximity_array
    from smartregion.structure import lq_array

    times: dict[str, float] = {}
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        panel = Panel.from_long(df, region="region", industry="industry", value="employment",
                                time="year")
    t1 = time.perf_counter()
    lq = lq_array(panel.values)
    t2 = time.perf_counter()
    with np.errstate(invalid="ignore"):
        m = (lq >= 1.0).astype(np.float64)
    del lq
    t3 = time.perf_counter()
    phi = proximity_array(m)
    t4 = time.perf_counter()
    dens = density_array(m, phi)
    t5 = time.perf_counter()
    mpanel = Panel(m, panel.regions, panel.industries, panel.times)
    res = economic_complexity(mpanel, binary=True)
    t6 = time.perf_counter()
    times.update({"from_long": t1 - t0, "rca": t2 - t1, "M": t3 - t2, "proximity": t4 - t3,
                  "density": t5 - t4, "eci_pci": t6 - t5, "total": t6 - t0})
    assert np.isfinite(dens).any() and res.eci.notna().any()
    return times


def run_ecomplexity(df: pd.DataFrame) -> dict[str, float]:
    import contextlib
    import io

    from ecomplexity import ecomplexity

    cols = {"time": "year", "loc": "region", "prod": "industry", "val": "employment"}
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # it prints every year
        out = ecomplexity(df, cols)
    t1 = time.perf_counter()
    assert len(out) > 0
    return {"total": t1 - t0}


def run_datawheel(df: pd.DataFrame) -> dict[str, float]:
    import economic_complexity as ec

    t0 = time.perf_counter()
    for _, g in df.groupby("year"):
        wide = g.pivot_table(index="region", columns="industry", values="employment",
                             aggfunc="sum", fill_value=0)
        rca = ec.rca(wide)
        eci, pci = ec.complexity(rca)
        phi = ec.proximity(rca)
        dens = ec.relatedness(rca, proximities=phi)
        assert eci.notna().any() and dens.shape == wide.shape
    t1 = time.perf_counter()
    return {"total": t1 - t0}


WORKERS = {"smartregion": run_smartregion, "ecomplexity": run_ecomplexity,
           "datawheel": run_datawheel}
MODULES = {"smartregion": "smartregion", "ecomplexity": "ecomplexity",
           "datawheel": "economic_complexity"}


def worker(tool: str, size: str, repeats: int) -> None:
    """Child process: build the data, time ``repeats`` runs, print one JSON line."""
    n_r, n_i, n_t = SIZES[size]
    base = rss_mb()
    df = make_long(n_r, n_i, n_t)
    holding = rss_mb() - base
    after_input = rss_mb()
    runs = [WORKERS[tool](df) for _ in range(repeats)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(json.dumps({"tool": tool, "size": size, "rows": len(df), "median_s": med,
                      "input_mb": holding, "peak_above_input_mb": peak_mb() - after_input}))


def importable(python: str, module: str) -> bool:
    code = f"import importlib.util,sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
    return subprocess.run([python, "-c", code], capture_output=True).returncode == 0


def spawn(python: str, tool: str, size: str, repeats: int) -> dict | None:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    if tool == "smartregion":
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([python, __file__, "--worker", tool, "--size", size,
                           "--repeats", str(repeats)], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        print(f"  {tool} {size}: failed\n{proc.stderr[-2000:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--peer-python", default=None,
                    help="interpreter with ecomplexity / economic-complexity installed")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--worker", choices=list(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--size", choices=list(SIZES), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.size, args.repeats)
        return

    peers: dict[str, str] = {}
    if not args.no_peers:
        for tool in ("ecomplexity", "datawheel"):
            for py in filter(None, [sys.executable, args.peer_python]):
                if importable(py, MODULES[tool]):
                    peers[tool] = py
                    break
            else:
                print(f"[skip] {MODULES[tool]} is not importable here"
                      + ("" if args.peer_python else " (pass --peer-python)")
                      + f"; {tool} is not timed.")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}, "
          f"{os.cpu_count()} cpu(s), repeats={args.repeats} (median)\n")
    stages = ["from_long", "rca", "M", "proximity", "density", "eci_pci", "total"]
    head = f"{'size':8s} {'R x I x T':>16s} {'rows':>9s} " + " ".join(f"{s:>9s}" for s in stages)
    head += f" {'input MB':>9s} {'peak+ MB':>9s}"
    print(head)
    results = {}
    for size in args.sizes:
        res = spawn(sys.executable, "smartregion", size, args.repeats)
        if res is None:
            continue
        results[size] = res
        dims = "x".join(map(str, SIZES[size]))
        print(f"{size:8s} {dims:>16s} {res['rows']:>9d} "
              + " ".join(f"{res['median_s'][s]:9.3f}" for s in stages)
              + f" {res['input_mb']:9.0f} {res['peak_above_input_mb']:9.0f}")
    for tool, py in peers.items():
        print(f"\n{tool} (interpreter {py}): whole pipeline, seconds")
        for size in args.sizes:
            if size not in results:
                continue
            res = spawn(py, tool, size, args.repeats)
            if res is None:
                continue
            ours = results[size]["median_s"]["total"]
            theirs = res["median_s"]["total"]
            print(f"  {size:8s} {theirs:9.3f} s   peak+ {res['peak_above_input_mb']:7.0f} MB   "
                  f"ratio peer/smartregion = {theirs / ours:6.1f}")


if __name__ == "__main__":
    main()
