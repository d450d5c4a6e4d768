"""Write a seeded synthetic establishment-level microdata set as Parquet partitions.

Usage::

    python scripts/make_microdata.py OUT_DIR [--rows 20000000] [--partitions 20] [--seed 42]

Columns: ``establishment`` (int64 id), ``municipality`` (5-digit code as text, e.g. "26101"),
``industry`` (4-digit JSIC-like code as text), ``year`` (int16), ``employees`` (int32, >= 1).
Municipalities belong to 47 prefectures (the first two digits); establishment sizes are
lognormal with industry- and place-specific means, so the aggregated panel has realistic
concentration. Each partition is generated and written on its own, so memory stays bounded.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd


def municipality_codes(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` distinct 5-digit codes: prefecture (01-47) + a 3-digit local number."""
    k = rng.permutation(n)
    pref = k % 47 + 1
    local = 100 + (k // 47) * 5
    if local.max() > 999:
        raise ValueError(f"too many municipalities ({n}) for 3-digit local codes")
    return np.array([f"{p:02d}{m:03d}" for p, m in zip(pref, local)])


def industry_codes(n: int) -> np.ndarray:
    # 4-digit codes spread over 2-digit groups 09..32 (manufacturing-like) and 3-digit parents
    groups = np.arange(9, 33)
    return np.array([f"{groups[k % len(groups)]:02d}{(k // len(groups)) % 100:02d}"
                     for k in range(n)])


def write(out: Path, rows: int, partitions: int, seed: int, years: tuple[int, ...] = (2012, 2016),
          n_muni: int = 1700, n_ind: int = 600) -> list[Path]:
    rng = np.random.default_rng(seed)
    munis = municipality_codes(n_muni, rng)
    inds = industry_codes(n_ind)
    muni_w = rng.pareto(1.2, n_muni) + 0.05
    muni_w /= muni_w.sum()
    ind_w = rng.pareto(1.5, n_ind) + 0.05
    ind_w /= ind_w.sum()
    ind_mu = rng.normal(1.5, 0.6, n_ind)
    out.mkdir(parents=True, exist_ok=True)
    per = int(np.ceil(rows / partitions))
    paths = []
    for k in range(partitions):
        n = min(per, rows - k * per)
        if n <= 0:
            break
        prng = np.random.default_rng([seed, k])
        ii = prng.choice(n_ind, size=n, p=ind_w)
        df = pd.DataFrame({
            "establishment": np.arange(k * per, k * per + n, dtype=np.int64),
            "municipality": munis[prng.choice(n_muni, size=n, p=muni_w)],
            "industry": inds[ii],
            "year": prng.choice(np.array(years, dtype=np.int16), size=n),
            "employees": np.maximum(1, np.round(prng.lognormal(ind_mu[ii], 1.0))).astype(np.int32),
        })
        path = out / f"part-{k:04d}.parquet"
        df.to_parquet(path, index=False)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--rows", type=int, default=20_000_000)
    ap.add_argument("--partitions", type=int, default=20)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    paths = write(args.out, args.rows, args.partitions, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {args.rows:,} rows in {len(paths)} Parquet files ({size / 1e6:.1f} MB) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
