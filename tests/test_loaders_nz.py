"""New Zealand urban-area employment loader."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.datasets.loaders import load

pytestmark = pytest.mark.data

NAME = "nz_urban_employment"


@pytest.fixture(scope="module")
def nz(request):
    request.getfixturevalue("require_dataset")(
        NAME, ["unsuppressed.csv", "industries.csv", "industry-classes.csv", "urban-areas.csv",
               "nzsioc-groups.csv"])
    return load(NAME)


def test_shape_and_censuses(nz):
    p = nz.panel
    assert p.shape == (8, 143, 65)
    assert p.times.tolist() == [1976, 1981, 1986, 1991, 1996, 2001, 2006, 2013]
    assert p.hierarchy["class"].nunique() == 16


def test_totals(nz):
    totals = nz.panel.values.sum(axis=(1, 2))
    # facts of the source data
    assert totals[0] == 1_116_735
    assert totals[-1] == 1_632_342


def test_random_rounding_to_base_3(nz):
    assert np.all(nz.panel.values % 3 == 0)
    assert nz.report["n_not_multiple_of_3"] == 0
    assert "base 3" in nz.descr


def test_tables_and_codes(nz, request):
    paths = request.getfixturevalue("require_dataset")(NAME, ["unsuppressed.csv"])
    raw = pd.read_csv(paths["unsuppressed.csv"])
    assert len(raw) == nz.report["cells_in_file"] == nz.report["cells_expected"]
    ua = nz.tables["urban_areas"]
    assert len(ua) == 143 and set(ua["name"]) == set(nz.panel.regions)
    codes = load(NAME, region_labels="code").panel
    np.testing.assert_array_equal(codes.values.sum(axis=(1, 2)), nz.panel.values.sum(axis=(1, 2)))
    assert codes.regions.tolist() == sorted(raw["ua"].unique().tolist())
