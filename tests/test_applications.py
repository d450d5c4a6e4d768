"""Real-data checks of smartregion.applications (skipped when a dataset is not available).

Run locally with ``SMARTREGION_DATA_DIR=/work/shared/data``. The checks recompute pieces of
each estimation table independently from the raw upstream files rather than comparing with
numbers produced by the package.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from smartregion import __version__, applications
from smartregion.structure import location_quotient


@pytest.fixture(scope="module")
def nz_growth(require_dataset):
    require_dataset("nz_urban_employment")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return applications.nz_variety_growth(download=False)


@pytest.fixture(scope="module")
def nz_entry(require_dataset):
    require_dataset("nz_urban_employment")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return applications.nz_entry(download=False)


def test_nz_growth_outcome_matches_raw_counts(nz_growth, require_dataset):
    paths = require_dataset("nz_urban_employment", ["unsuppressed.csv", "urban-areas.csv"])
    raw = pd.read_csv(paths["unsuppressed.csv"])
    names = pd.read_csv(paths["urban-areas.csv"]).set_index("ua")["ua_name"]
    tot = raw.groupby(["ua", "year"])["emp"].sum().unstack()
    tot.index = tot.index.map(names)
    expected = np.log(tot[1981] / tot[1976]) / 5
    got = nz_growth.data.query("period == '1976-1981'").set_index("region")["growth"]
    common = expected.index.intersection(got.index)
    assert len(common) == 143
    np.testing.assert_allclose(got.loc[common], expected.loc[common], rtol=1e-12)


def test_nz_growth_models_and_table(nz_growth):
    res = nz_growth.results
    assert set(res) == {"(1)", "(2)", "(3)"}
    assert res["(2)"].fixed_effects == ("region", "period")
    assert res["(2)"].n_clusters == {"region": 143}
    assert res["(1)"].nobs == 143 * 7
    # lagged growth is missing for the first period: those rows are counted, not hidden
    assert res["(3)"].nobs == 143 * 6
    assert res["(3)"].dropped["missing lagged_growth"] == 143
    assert nz_growth.table.meta["smartregion_version"] == __version__
    assert "Davies" in nz_growth.table.meta["source"]


def test_nz_entry_sample_and_signs(nz_entry):
    pairs = nz_entry.data
    assert (pairs["M_start"] == 0).all()
    panel = nz_entry.panel
    lq = location_quotient(panel).stack().rename("lq").reset_index()
    m = pairs.merge(lq, left_on=["start", "region", "industry"],
                    right_on=["time", "region", "industry"])
    assert len(m) == len(pairs) and (m["lq"] < 1).all()
    entry = nz_entry.results["entry (1)"]
    exit_ = nz_entry.results["exit (3)"]
    # the literature's central finding (Neffke et al. 2011): density raises entry, lowers exit
    assert entry.params["density"] > 0 and entry.pvalues["density"] < 0.01
    assert exit_.params["density"] < 0 and exit_.pvalues["density"] < 0.01
    assert "complexity" in entry.absorbed


def test_us_cz_variety_from_shares(require_dataset):
    pyreadr = pytest.importorskip("pyreadr")
    paths = require_dataset("us_cz_bartik", ["BAR_local.rda", "BAR_master.rda",
                                              "BAR_global.rda"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        app = applications.us_cz_variety_growth(download=False)
    local = next(iter(pyreadr.read_r(str(paths["BAR_local.rda"])).values()))
    master = next(iter(pyreadr.read_r(str(paths["BAR_master.rda"])).values()))
    # total entropy (bits) of one CZ in 1990 recomputed from the raw shares
    cz = 100
    s = local.loc[(local["czone"] == cz) & (local["year"] == 1990), "sh_ind_"].to_numpy()
    p = s[s > 0] / s.sum()
    h = float(-(p * np.log2(p)).sum())
    row = app.data.loc[(app.data["region"] == cz) & (app.data["start"] == 1990)].iloc[0]
    assert row["total"] == pytest.approx(h, rel=1e-9)
    assert row["related"] + row["unrelated"] == pytest.approx(h, rel=1e-9)
    m = master.loc[(master["czone"] == cz) & (master["year"] == 1990), "emp_ch"].iloc[0]
    assert row["emp_ch"] == pytest.approx(m)
    assert row["period"] == "1990-2000"
    assert app.results["(2)"].nobs == 722 * 2
    assert "log_pop1980" in app.results["(3)"].absorbed


def test_jp_applications(require_dataset):
    require_dataset("jp_manufactures_municipal")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        growth = applications.jp_variety_growth(download=False)
        entry = applications.jp_entry(download=False, years=(2001, 2006, 2012))
    data = growth.data
    assert (data["related"] + data["unrelated"] - data["total"]).abs().max() < 1e-9
    # upper level has 3 METI types: unrelated variety is at most log2(3) bits
    assert data["unrelated"].max() <= np.log2(3) + 1e-12
    assert growth.results["(3)"].fixed_effects == ("prefecture",)
    assert growth.results["(1)"].n_clusters["prefecture"] >= 40
    assert (entry.data["M_start"] == 0).all()
    assert entry.results["(1)"].params["density"] > 0
    assert "suppressed cells: zero" in entry.table.meta["filters"]


def test_ind1990_groups():
    assert applications.ind1990_major_group(60) == "construction"
    assert applications.ind1990_major_group("932") == "public_administration"
    with pytest.raises(ValueError):
        applications.ind1990_major_group(1200)
