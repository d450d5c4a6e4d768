"""Time and memory benchmark of the core pipeline (run by ``make bench``; not a test).

Pipeline, for every year of a synthetic long table:
long table -> Panel -> RCA -> M -> proximity -> density -> ECI/PCI.

It is timed two ways for smartregion:

* ``public``: what a user writes - ``Panel.from_long`` then ``location_quotient``,
  ``specialisation``, ``proximity``, ``relatedness_density`` and ``economic_complexity`` on the
  panel, each returning labelled pandas objects;
* ``internal``: the array functions underneath (``lq_array``, ``proximity_array``,
  ``density_array``) on the panel's array.

Both paths keep what a user keeps at the end - the panel, the proximity matrix, the density
matrix and ECI/PCI - and let go of the intermediate LQ; the internal path also holds M because
its density call takes M as input, the public path computes M (timed) and drops it, because
its density call reads the panel.

and with the key columns (region, industry) as Python objects (``object`` dtype) and as
pyarrow-backed strings (pandas 3's default ``str``). Each run happens in a fresh subprocess;
the peak memory is the high-water mark of the resident set *after* the input table is held
(``/proc/self/clear_refs`` resets it), so building the input does not count. When the Python
peers ``ecomplexity`` (py-ecomplexity) and ``economic_complexity`` (Datawheel) are importable -
in this interpreter or in the one given with ``--peer-python`` - the same work is timed with
them, on the same key dtypes, and every row says which pandas ran it.

Usage::

    python benchmarks/bench_pipeline.py                 # all sizes
    python benchmarks/bench_pipeline.py --sizes large   # the target size only
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


def reset_peak() -> bool:
    """Reset the resident-set high-water mark (Linux); False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def peak_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def with_keys(df: pd.DataFrame, keys: str) -> pd.DataFrame:
    """The table with region and industry as ``object`` or as pyarrow-backed strings."""
    if keys == "object":
        dtype: object = object
    else:
        dtype = pd.StringDtype("pyarrow") if hasattr(pd, "StringDtype") else "string[pyarrow]"
    return df.astype({"region": dtype, "industry": dtype})


# ------------------------------------------------------------------------------ workers
def run_internal(df: pd.DataFrame) -> dict[str, float]:
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
    mpanel = Panel(m, panel.regions, panel.industries, panel.times, _take=True)
    res = economic_complexity(mpanel, binary=True)
    t6 = time.perf_counter()
    times.update({"from_long": t1 - t0, "rca": t2 - t1, "M": t3 - t2, "proximity": t4 - t3,
                  "density": t5 - t4, "eci_pci": t6 - t5, "total": t6 - t0})
    assert np.isfinite(dens).any() and res.eci.notna().any()
    return times


def run_public(df: pd.DataFrame) -> dict[str, float]:
    import warnings

    import smartregion as sr

    times: dict[str, float] = {}
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sr.ZeroLineWarning)
        panel = sr.Panel.from_long(df, region="region", industry="industry",
                                   value="employment", time="year")
    t1 = time.perf_counter()
    lq = sr.location_quotient(panel)
    del lq  # as the internal path, which keeps M, not the LQ
    t2 = time.perf_counter()
    m = sr.specialisation(panel)
    m_shape = m.shape
    del m  # intermediate: density and ECI read the panel (M is cached there as a bool mask)
    t3 = time.perf_counter()
    phi = sr.proximity(panel)
    t4 = time.perf_counter()
    dens = sr.relatedness_density(panel)
    t5 = time.perf_counter()
    res = sr.economic_complexity(panel)
    t6 = time.perf_counter()
    times.update({"from_long": t1 - t0, "rca": t2 - t1, "M": t3 - t2, "proximity": t4 - t3,
                  "density": t5 - t4, "eci_pci": t6 - t5, "total": t6 - t0})
    assert m_shape == dens.shape and phi.shape[1] == m_shape[1] and res.eci.notna().any()
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


WORKERS = {"internal": run_internal, "public": run_public, "ecomplexity": run_ecomplexity,
           "datawheel": run_datawheel}
MODULES = {"internal": "smartregion", "public": "smartregion", "ecomplexity": "ecomplexity",
           "datawheel": "economic_complexity"}


def worker(tool: str, size: str, keys: str, repeats: int) -> None:
    """Child process: build the data, time ``repeats`` runs, print one JSON line."""
    n_r, n_i, n_t = SIZES[size]
    base = rss_mb()
    df = with_keys(make_long(n_r, n_i, n_t), keys)
    holding = rss_mb() - base
    after_input = rss_mb()
    exact = reset_peak()
    runs = [WORKERS[tool](df) for _ in range(repeats)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(json.dumps({"tool": tool, "size": size, "keys": keys, "key_dtype": str(df["region"].dtype),
                      "pandas": pd.__version__, "rows": len(df), "median_s": med,
                      "input_mb": holding, "peak_above_input_mb": peak_mb() - after_input,
                      "peak_is_exact": exact}))


def importable(python: str, module: str) -> bool:
    code = f"import importlib.util,sys; sys.exit(importlib.util.find_spec({module!r}) is None)"
    return subprocess.run([python, "-c", code], capture_output=True).returncode == 0


def spawn(python: str, tool: str, size: str, keys: str, repeats: int) -> dict | None:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    if tool in ("internal", "public"):
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([python, __file__, "--worker", tool, "--size", size, "--keys", keys,
                           "--repeats", str(repeats)], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        print(f"  {tool} {size} {keys}: failed\n{proc.stderr[-2000:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


STAGES = ["from_long", "rca", "M", "proximity", "density", "eci_pci", "total"]
TARGET_S, TARGET_MB, TARGET_PUBLIC = 2.5, 500.0, 1.10


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    ap.add_argument("--keys", nargs="+", default=["object", "arrow"],
                    choices=["object", "arrow"])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--peer-python", default=None,
                    help="interpreter with ecomplexity / economic-complexity installed")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--worker", choices=list(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--size", choices=list(SIZES), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.size, args.keys[0], args.repeats)
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
    head = (f"{'size':7s} {'path':8s} {'keys':7s} {'pandas':7s} {'rows':>9s} "
            + " ".join(f"{s:>9s}" for s in STAGES) + f" {'input MB':>9s} {'peak+ MB':>9s}")
    print(head)
    results: dict[tuple[str, str, str], dict] = {}
    for size in args.sizes:
        for keys in args.keys:
            for tool in ("internal", "public"):
                res = spawn(sys.executable, tool, size, keys, args.repeats)
                if res is None:
                    continue
                results[(size, keys, tool)] = res
                print(f"{size:7s} {tool:8s} {keys:7s} {res['pandas']:7s} {res['rows']:>9d} "
                      + " ".join(f"{res['median_s'][s]:9.3f}" for s in STAGES)
                      + f" {res['input_mb']:9.0f} {res['peak_above_input_mb']:9.0f}"
                      + ("" if res.get("peak_is_exact", True) else
                         "  (peak from ru_maxrss: includes building the input)"))
    if "large" in args.sizes:
        print(f"\ntargets on the large panel: public path <= {TARGET_S} s, peak <= "
              f"{TARGET_MB:.0f} MB above the input, public / internal <= {TARGET_PUBLIC:.2f}")
        for keys in args.keys:
            pub = results.get(("large", keys, "public"))
            inn = results.get(("large", keys, "internal"))
            if not (pub and inn):
                continue
            ps, pi = pub["median_s"]["total"], inn["median_s"]["total"]
            pm = pub["peak_above_input_mb"]
            print(f"  {keys:7s} public {ps:6.2f} s [{'met' if ps <= TARGET_S else 'MISSED'}]  "
                  f"peak+ {pm:5.0f} MB [{'met' if pm <= TARGET_MB else 'MISSED'}]  "
                  f"public/internal {ps / pi:5.2f} "
                  f"[{'met' if ps / pi <= TARGET_PUBLIC else 'MISSED'}]")
    for tool, py in peers.items():
        print(f"\n{tool} (interpreter {py}): whole pipeline, seconds")
        for size in args.sizes:
            for keys in args.keys:
                ours = results.get((size, keys, "public"))
                if ours is None:
                    continue
                res = spawn(py, tool, size, keys, args.repeats)
                if res is None:
                    continue
                theirs = res["median_s"]["total"]
                print(f"  {size:7s} keys {keys:7s} ({res['key_dtype']}, pandas {res['pandas']}) "
                      f"{theirs:9.3f} s   peak+ {res['peak_above_input_mb']:7.0f} MB   "
                      f"peer / smartregion (pandas {ours['pandas']}) = "
                      f"{theirs / ours['median_s']['total']:6.1f}")


if __name__ == "__main__":
    main()
