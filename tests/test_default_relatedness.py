"""One default relatedness across the package: library, command line and notebooks."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from smartregion import Panel
from smartregion.byod import write_indices
from smartregion.cli import build_parser
from smartregion.relatedness import DEFAULT_METHOD, RELATEDNESS_METHODS, relatedness_weights

ROOT = Path(__file__).resolve().parents[1]


def test_the_command_line_default_is_the_package_default():
    args = build_parser().parse_args(["indices", "f.csv", "-o", "out"])
    assert args.relatedness == DEFAULT_METHOD
    assert DEFAULT_METHOD in RELATEDNESS_METHODS and "proximity" in RELATEDNESS_METHODS


def test_write_indices_uses_the_package_default(tmp_path):
    rng = np.random.default_rng(1)
    x = pd.DataFrame(rng.lognormal(2, 0.5, size=(30, 8)), index=[f"r{k}" for k in range(30)],
                     columns=[f"i{k}" for k in range(8)])
    x.iloc[:15, :3] *= 4
    panel = Panel.from_wide(x)
    result = write_indices(panel, tmp_path)
    got = pd.read_csv(result.written["relatedness"]).set_index("industry")
    want = relatedness_weights(panel)
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy())
    assert result.notes["relatedness"].startswith(f"relatedness: {DEFAULT_METHOD}")


def test_notebooks_04_06_07_take_the_package_default():
    for stem in ("04_structure_variety_networks", "06_policy_proposals",
                 "07_bring_your_own_data"):
        src = (ROOT / "notebooks" / f"{stem}.py").read_text(encoding="utf-8")
        calls = re.findall(r"relatedness_weights\(([^)]*)\)", src)
        assert calls, stem
        # the main relatedness is the default: no call names another method
        assert not any("method=" in c for c in calls), stem
        assert "DEFAULT_METHOD" in src, stem  # and the prose names it from the constant
