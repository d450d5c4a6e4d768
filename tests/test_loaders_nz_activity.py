"""Loader of the New Zealand activity employment (urban area x industry x occupation) and of
the published tables of Davies & Maré (2021)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.datasets.loaders import load

pytestmark = pytest.mark.data

NAME = "nz_activity_employment"
FILES = ["emp_ioct.xlsx", "occupations.csv", "urban-areas.csv"]


@pytest.fixture(scope="module")
def paths(request):
    return request.getfixturevalue("require_dataset")(NAME, FILES)


@pytest.fixture(scope="module")
def nz(paths):
    return load(NAME)


@pytest.fixture(scope="module")
def workbook(paths) -> pd.DataFrame:
    """The sheet read independently of the loader (openpyxl, every cell as text)."""
    return pd.read_excel(paths["emp_ioct.xlsx"], sheet_name="Employment", dtype=str)


def test_shape_and_censuses(nz):
    p = nz.panel
    assert p.shape == (8, 143, 65 * 9)
    assert p.times.tolist() == [1976, 1981, 1986, 1991, 1996, 2001, 2006, 2013]
    assert "CC822.1" in p.industries
    assert p.hierarchy.loc["CC822.1", "nzsioc_group"] == "CC822"


def test_national_totals_per_census(nz, workbook):
    # independent sums of the reported cells; and facts of the file (sha256 9fc5b502...)
    cols = [c for c in workbook.columns if c.startswith("emp")]
    independent = workbook[cols].apply(pd.to_numeric).sum()
    panel_totals = nz.panel.values.sum(axis=(1, 2))
    np.testing.assert_array_equal(panel_totals, independent.to_numpy())
    assert panel_totals[0] == 1_080_546 and panel_totals[-1] == 1_581_534
    assert nz.report["reported_total_by_year"][1981] == 1_129_548


def test_suppressed_cells_counted_not_silent(nz, workbook):
    blanks = workbook[[c for c in workbook.columns if c.startswith("emp")]].isna().sum()
    assert nz.report["suppressed_by_year"][1976] == int(blanks["emp76"]) == 52_194
    assert nz.report["n_suppressed"] == int(blanks.sum())
    counts = nz.tables["counts"]
    assert counts["suppressed"].sum() == nz.report["n_suppressed"]
    assert counts.loc[counts["suppressed"], "employment"].isna().all()
    assert nz.report["suppressed_treatment"] == "zero"
    assert "suppressed" in nz.descr


def test_suppressed_options(nz):
    upper = load(NAME, suppressed="upper")
    diff = upper.panel.values.sum(axis=(1, 2)) - nz.panel.values.sum(axis=(1, 2))
    np.testing.assert_array_equal(diff, 5 * np.array(list(nz.report["suppressed_by_year"]
                                                          .values())))
    with pytest.raises(ValueError, match="suppressed cells"):
        load(NAME, suppressed="raise")
    with pytest.raises(ValueError, match="suppressed must be"):
        load(NAME, suppressed="half")


def test_rounding_and_codes(nz, workbook):
    assert nz.report["n_not_multiple_of_3"] == 0
    assert nz.report["n_below_6"] == 0  # every reported count is at least 6
    counts = nz.tables["counts"]
    assert counts["industry"].dtype == "string" and counts["occupation"].dtype == "string"
    assert counts["employment"].dtype == "float64"
    assert set(counts["industry"]) == set(workbook["nzsioc_gp"])
    # absent combinations are zero, not suppressed
    assert nz.report["cells_absent"] == 8 * 143 * 585 - 8 * len(workbook)


def test_names_and_consistency_with_urban_employment(nz, request):
    named = load(NAME, region_labels="name")
    assert "Hamilton Zone" in named.panel.regions
    other = request.getfixturevalue("load_or_skip")(
        lambda: load("nz_urban_employment"), "nz_urban_employment")
    # same censuses, same urban areas; the unsuppressed file holds at least the reported cells
    # minus rounding (each of up to 9 occupations rounded independently, by at most 2)
    mine = named.panel.values.sum(axis=2)
    theirs = other.panel.values.sum(axis=2)
    pos = [list(other.panel.regions).index(r) for r in named.panel.regions]
    gap = theirs[:, pos] - mine
    assert (gap >= -2 * 9 * 65).all()
    assert (gap.sum(axis=1) > 0).all()


def test_published_tables(request):
    request.getfixturevalue("require_dataset")(
        "nz_davies_mare_2021", ["main-descriptives.tex", "main-estimates.tex"])
    pub = load("nz_davies_mare_2021")
    d, e = pub.tables["descriptives"], pub.tables["estimates"]
    assert len(d) == 48 and len(e) == 76
    row = d[(d.block == "econgeo") & (d.variable == "AC") & (d.statistic == "max")]
    assert row["value"].item() == 3.842 and row["decimals"].item() == 3
    coef = e[(e.model == 3) & (e.term == "LS") & (e.statistic == "coef")]
    assert coef["value"].item() == -0.243 and coef["stars"].item() == "***"
    assert (e.loc[e.statistic == "nobs", "value"] == 16591).all()
