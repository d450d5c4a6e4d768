"""Write an illustrative boundary file for the 30 regions of the synthetic example panel.

Output: ``data/example/example_boundaries.geojson``, one square per region on a 6 x 5 grid
(0.5 degree cells, lower-left corner at 0 E, 0 N), with the region label in the property
``region`` (text). The shapes are made up, as the panel is: they only show how notebook 07
and ``smartregion maps`` join a boundary file to a data file. Nothing is random; the file is
written with :mod:`json` (sorted keys, fixed number format), so reruns give identical bytes.

Usage::

    python scripts/make_example_boundaries.py [--panel FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

COLUMNS = 6
CELL = 0.5


def boundaries(regions: list[str]) -> dict:
    """A GeoJSON FeatureCollection of grid squares, one per region, in the order given."""
    features = []
    for k, name in enumerate(regions):
        x0, y0 = (k % COLUMNS) * CELL, (k // COLUMNS) * CELL
        ring = [[x0, y0], [x0 + CELL, y0], [x0 + CELL, y0 + CELL], [x0, y0 + CELL], [x0, y0]]
        features.append({"type": "Feature", "properties": {"region": name},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    root = Path(__file__).resolve().parents[1] / "data" / "example"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panel", default=root / "example_panel.csv", type=Path)
    parser.add_argument("--out", default=root / "example_boundaries.geojson", type=Path)
    args = parser.parse_args()
    regions = sorted(pd.read_csv(args.panel, dtype={"region": str})["region"].unique())
    feats = [json.dumps(f, sort_keys=True) for f in boundaries(regions)["features"]]
    text = '{"type": "FeatureCollection", "features": [\n' + ",\n".join(feats) + "\n]}\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(regions)} regions)")


if __name__ == "__main__":
    main()
