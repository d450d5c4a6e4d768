"""US commuting-zone Bartik shares loader."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion import PanelError
from smartregion.datasets import us_cz
from smartregion.datasets.loaders import load

pytestmark = pytest.mark.data

NAME = "us_cz_bartik"


@pytest.fixture(scope="module")
def bar(request):
    request.getfixturevalue("require_dataset")(
        NAME, ["BAR_local.rda", "BAR_global.rda", "BAR_master.rda"])
    return load(NAME)


@pytest.fixture(scope="module")
def adh(request):
    request.getfixturevalue("require_dataset")(
        NAME, ["ADH_local.rda", "ADH_global.rda", "ADH_master.rda", "sic_code_desc.dta"])
    return load(NAME, variant="ADH")


def test_bar_counts(bar):
    p = bar.panel
    assert p.shape == (3, 722, 228)
    assert p.times.tolist() == [1980, 1990, 2000]
    assert "SHARES, NOT LEVELS" in bar.descr


def test_adh_counts(adh):
    p = adh.panel
    assert p.shape == (2, 722, 390)
    assert p.times.tolist() == [1990, 2000]
    assert adh.tables["industries"]["description"].notna().all()


def test_bar_shares_sum_to_about_one_and_deviation_is_reported(bar):
    sums = bar.panel.values.sum(axis=2)
    deviation = np.abs(sums - 1).max()
    assert deviation < 0.05
    assert bar.report["share_sum_max_abs_deviation"] == pytest.approx(deviation)
    assert np.abs(sums - 1).min() < 1e-9  # some CZ-years add up exactly


def test_adh_share_sums_are_reported_not_rescaled(adh):
    sums = adh.panel.values.sum(axis=2)
    assert adh.report["share_sum_median"] == pytest.approx(np.median(sums))
    assert sums.max() <= 1 + 1e-9


def test_no_share_is_zero_filled(bar, monkeypatch, request):
    import pyreadr

    paths = request.getfixturevalue("require_dataset")(NAME, ["BAR_local.rda"])
    raw = pyreadr.read_r(str(paths["BAR_local.rda"]))["BAR_local"]
    assert bar.report["n_missing_shares"] == int(raw["sh_ind_"].isna().sum()) == 0
    assert (bar.panel.values > 0).sum() == (raw["sh_ind_"] > 0).sum()
    assert bar.panel.values.sum() == pytest.approx(raw["sh_ind_"].sum())
    real = us_cz._read_rda

    def with_nan(file_name, *, download):
        frame = real(file_name, download=download)
        if file_name.endswith("_local.rda"):
            frame = frame.copy()
            frame.loc[frame.index[5], "sh_ind_"] = np.nan
        return frame

    monkeypatch.setattr(us_cz, "_read_rda", with_nan)
    with pytest.raises(PanelError, match="missing"):
        load(NAME)


def test_population_weights_give_share_times_pop1980(bar, request):
    weighted = load(NAME, weights="population")
    outcomes = bar.tables["outcomes"]
    pop = outcomes.groupby("czone")["pop1980"].first()
    for t in range(3):
        expected = bar.panel.values[t] * pop.loc[bar.panel.regions].to_numpy()[:, None]
        np.testing.assert_allclose(weighted.panel.values[t], expected)
    assert weighted.panel.value_name == "employment_approx"


def test_outcomes_table(bar):
    out = bar.tables["outcomes"]
    assert {"czone", "year", "wage_ch", "emp_ch", "pop1980"} <= set(out.columns)
    assert len(out) == 722 * 3
    assert isinstance(out, pd.DataFrame)
