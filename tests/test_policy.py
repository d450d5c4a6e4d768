"""Policy indicators: framework table, target selection quadrants, specialisation churn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel, PanelError
from smartregion.complexity import pci
from smartregion.policy import framework_table, specialisation_churn, target_selection
from smartregion.relatedness import relatedness_density


def _panel(seed: int = 3) -> Panel:
    rng = np.random.default_rng(seed)
    x = rng.lognormal(2.0, 1.2, size=(12, 9)) * (rng.random((12, 9)) > 0.3)
    return Panel.from_wide(pd.DataFrame(x, index=[f"r{k:02d}" for k in range(12)],
                                        columns=[f"i{k}" for k in range(9)]))


def test_framework_has_the_seven_proposals_in_order():
    t = framework_table()
    assert list(t.index) == [1, 2, 3, 4, 5, 6, 7]
    assert t.loc[1, "title"].startswith("Overhaul")
    assert t.loc[7, "title"].startswith("A platform-based")
    assert set(t["kyoto"]) <= {"computed", "quoted", "missing"}
    assert set(t["shenzhen"]) <= {"computed", "quoted", "missing"}


def test_target_selection_quadrants_follow_the_cuts():
    p = _panel()
    region = "r03"
    tab = target_selection(p, region, include_specialised=True)
    dens = relatedness_density(p).loc[region]
    comp = pci(p)
    spec = tab["specialised"]
    # density and pci come straight from the library functions
    np.testing.assert_allclose(tab["density"], dens.loc[tab.index], rtol=0, atol=1e-12)
    np.testing.assert_allclose(tab["pci"], comp.loc[tab.index], rtol=0, atol=1e-12)
    cand = tab.loc[~spec]
    cd, cc = cand["density"].median(), cand["pci"].median()
    assert tab.attrs["density_cut"] == pytest.approx(cd)
    for ind, row in cand.iterrows():
        hi_d, hi_c = row["density"] >= cd, row["pci"] >= cc
        expected = {(True, True): "priority", (True, False): "easy diversification",
                    (False, True): "long shot", (False, False): "avoid"}[(hi_d, hi_c)]
        assert row["quadrant"] == expected, ind
    assert (tab.loc[spec, "quadrant"] == "specialised").all()
    # default output lists candidates only, priority first
    short = target_selection(p, region)
    assert not short["specialised"].any()
    assert short["quadrant"].iloc[0] == "priority"


def test_target_selection_fixed_cuts_and_errors():
    p = _panel()
    tab = target_selection(p, "r00", density_cut=2.0)  # density never reaches 2
    assert set(tab["quadrant"]) <= {"long shot", "avoid"}
    with pytest.raises(PanelError, match="not in the panel"):
        target_selection(p, "nowhere")
    timed = Panel(np.stack([p.values[0], p.values[0]]), p.regions, p.industries, [1, 2])
    with pytest.raises(PanelError, match="time="):
        target_selection(timed, "r00")
    a = target_selection(timed, "r00", time=2)
    b = target_selection(p, "r00")
    pd.testing.assert_frame_equal(a, b, check_like=False)


def test_specialisation_churn_counts_entries_and_exits_by_hand():
    # period 1: region a specialised in i only; period 2: in j only
    x0 = np.array([[4.0, 1.0], [1.0, 4.0]])
    x1 = np.array([[1.0, 4.0], [4.0, 1.0]])
    p = Panel(np.stack([x0, x1]), ["a", "b"], ["i", "j"], [2000, 2010])
    c = specialisation_churn(p, start=2000, end=2010)
    assert c.loc["a"].tolist() == [1, 1, 1, 2.0]
    assert c.loc["b"].tolist() == [1, 1, 1, 2.0]
    with pytest.raises(PanelError, match="time dimension"):
        specialisation_churn(Panel.from_wide(pd.DataFrame(x0)), start=0, end=1)
