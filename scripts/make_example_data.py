"""Write the small synthetic example panel used by the docs, the CLI examples and the tests.

Output (default ``data/example/``):

* ``example_panel.csv`` - ``region,industry,year,value``: 30 regions x 40 industries x 3 years
  (2010, 2015, 2020) of synthetic employment counts. One region is named ``Example City``
  and is built to be specialised in the industries of group ``G3``.
* ``example_hierarchy.csv`` - ``industry,group,sector``: 40 industries in 8 groups in 3
  sectors.
* ``template.csv`` - the header and three rows to copy when preparing your own data.

The numbers are random draws, not data about any place. The random seed is set once, by
``SEED`` below (``numpy.random.default_rng(SEED)``); running the script twice writes identical
files.

Usage::

    python scripts/make_example_data.py [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240611
N_REGIONS = 30
N_GROUPS = 8
PER_GROUP = 5
YEARS = (2010, 2015, 2020)
HIGHLIGHT = "Example City"
HIGHLIGHT_GROUP = "G3"
SECTOR_OF_GROUP = {"G1": "S1", "G2": "S1", "G3": "S1", "G4": "S2", "G5": "S2", "G6": "S2",
                   "G7": "S3", "G8": "S3"}


def make(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (long panel, hierarchy) drawn with ``numpy.random.default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    groups = [f"G{g + 1}" for g in range(N_GROUPS)]
    industries = [f"I{k + 1:02d}" for k in range(N_GROUPS * PER_GROUP)]
    group_of = {ind: groups[k // PER_GROUP] for k, ind in enumerate(industries)}
    hierarchy = pd.DataFrame({
        "industry": industries,
        "group": [group_of[i] for i in industries],
        "sector": [SECTOR_OF_GROUP[group_of[i]] for i in industries],
    })
    regions = [f"Region {r + 1:02d}" for r in range(N_REGIONS - 1)] + [HIGHLIGHT]

    # region size (log-normal), national industry mix, and region x group affinities so that
    # industries of one group tend to co-locate (which gives related variety some structure)
    size = rng.lognormal(mean=9.0, sigma=0.8, size=N_REGIONS)
    mix = rng.dirichlet(np.full(len(industries), 2.0))
    affinity = rng.lognormal(mean=0.0, sigma=0.6, size=(N_REGIONS, N_GROUPS))
    g_idx = np.array([groups.index(group_of[i]) for i in industries])
    affinity[-1, groups.index(HIGHLIGHT_GROUP)] = 8.0  # Example City's specialisation
    growth = rng.normal(loc=0.05, scale=0.08, size=(len(YEARS) - 1, N_REGIONS, len(industries)))

    rows = []
    level = size[:, None] * mix[None, :] * affinity[:, g_idx]
    for t, year in enumerate(YEARS):
        if t > 0:
            level = level * np.exp(growth[t - 1])
        counts = rng.poisson(level)
        for r, region in enumerate(regions):
            for i, ind in enumerate(industries):
                rows.append((region, ind, year, int(counts[r, i])))
    panel = pd.DataFrame(rows, columns=["region", "industry", "year", "value"])
    return panel, hierarchy


def template() -> pd.DataFrame:
    """Three illustrative rows in the expected layout."""
    return pd.DataFrame({
        "region": ["Example City", "Example City", "Another Town"],
        "industry": ["I01", "I02", "I01"],
        "year": [2020, 2020, 2020],
        "value": [120, 45, 30],
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path(__file__).resolve().parents[1] / "data" / "example"
    parser.add_argument("--out", type=Path, default=default, help=f"output folder ({default})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed ({SEED})")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    panel, hierarchy = make(args.seed)
    panel.to_csv(args.out / "example_panel.csv", index=False)
    hierarchy.to_csv(args.out / "example_hierarchy.csv", index=False)
    template().to_csv(args.out / "template.csv", index=False)
    print(f"wrote {len(panel)} rows to {args.out / 'example_panel.csv'}, "
          f"{len(hierarchy)} industries to {args.out / 'example_hierarchy.csv'} and "
          f"{args.out / 'template.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
