"""Japan Economic Census 2014 loader: totals, letter sub-splits, hierarchy and tables."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from smartregion.datasets.loaders import load

pytestmark = pytest.mark.data

NAME = "jp_economic_census_2014"
FILES = ["ExplanatoryVariablesBase.csv", "AreaID.csv"]


@pytest.fixture(scope="module")
def raw(request):
    """The upstream table, read directly (not through the loader)."""
    paths = request.getfixturevalue("require_dataset")(NAME, FILES)
    df = pd.read_csv(paths["ExplanatoryVariablesBase.csv"], dtype={"AreaID": str})
    return df.set_index("AreaID")


@pytest.fixture(scope="module")
def employment(request):
    request.getfixturevalue("require_dataset")(NAME, FILES)
    return load(NAME)


def _persons(raw: pd.DataFrame) -> pd.DataFrame:
    """code -> persons engaged, case-insensitive prefix (the file spells one 'Semp_')."""
    cols = [c for c in raw.columns if c.lower().startswith("semp_")]
    return raw[cols].set_axis([c[5:] for c in cols], axis=1).astype(float)


def test_every_letter_split_set_sums_to_its_numeric_parent(raw):
    for prefix in ("SEmp_", "SFirm_"):
        table = raw[[c for c in raw.columns if c.startswith(prefix)]].astype(float)
        codes = [c[len(prefix):] for c in table.columns]
        table.columns = codes
        sets, last = {}, None
        for code in codes:
            if code.isdigit():
                last = code
            else:
                sets.setdefault(last, []).append(code)
        assert len(sets) > 20
        for parent, children in sets.items():
            if children == ["12A"]:  # 12A replaces 121/122: a group, not a split of 120
                assert (table["12A"] > table["120"]).any()
                continue
            np.testing.assert_array_equal(table[children].sum(axis=1), table[parent],
                                          err_msg=f"{prefix}{parent} vs {children}")


def test_totals_persons_engaged_splits_excluded(employment):
    ds = employment
    # facts of the source data: Japan 61,718,550 persons engaged; Kyoto prefecture 1,241,077
    assert ds.tables["japan"]["persons_engaged"].sum() == 61_718_550
    assert ds.panel.matrix().loc["Kyoto"].sum() == 1_241_077
    letter = [c for c in ds.panel.industries if not c.isdigit()]
    assert letter == ["12A"]
    assert ds.report["n_split_codes_excluded"] > 0
    assert ds.report["split_max_abs_deviation"] == 0


def test_panel_matches_raw_columns(employment, raw):
    persons = _persons(raw)
    m = employment.panel.matrix()
    kyoto = persons.loc["26000", m.columns]
    np.testing.assert_array_equal(m.loc["Kyoto"].to_numpy(), kyoto.to_numpy())


def test_regions_and_hierarchy(employment):
    p = employment.panel
    assert p.shape[1] == 42 and "Kyoto" in p.regions and "Japan" not in p.regions
    assert not p.has_time
    h = p.hierarchy
    assert list(h.columns) == ["major_group", "division"]
    assert (h["major_group"] == h.index.str[:2]).all()
    assert h.loc["261", "division"] == "E"  # 26: manufacturing
    assert h.loc["853", "division"] == "P"  # 85: social insurance and welfare
    assert all(re.fullmatch(r"\d{2}[0-9A-Z]", c) for c in p.industries)


def test_cities_establishments_and_tables(request, raw):
    request.getfixturevalue("require_dataset")(NAME, FILES)
    cities = load(NAME, measure="establishments", regions="cities")
    assert cities.panel.shape[1] == 7
    both = load(NAME, regions="all")
    assert both.panel.shape[1] == 49
    est = cities.panel.matrix()
    firms = raw[[f"SFirm_{c}" for c in est.columns]].astype(float)
    assert est.loc["Sapporo(Hokkaido)"].sum() == firms.loc["01100"].sum()
    act = cities.tables["activity_2012"]
    assert set(act["group_id"]) == set(range(1, 18))
    japan_va = act.loc[act["area_id"] == "00000"].set_index("group_id")["value_added_million_yen"]
    np.testing.assert_array_equal(japan_va.to_numpy(),
                                  raw.loc["00000", [f"VA_{k}" for k in range(1, 18)]].to_numpy())
    assert "Source:" in cities.descr and "e-Stat" in cities.citation


def test_bad_arguments():
    with pytest.raises(ValueError, match="measure"):
        load(NAME, measure="sales")
    with pytest.raises(ValueError, match="regions"):
        load(NAME, regions="towns")


@pytest.mark.data
def test_minor_group_labels_special_cases(require_dataset):
    from smartregion.datasets.jp_census import minor_group_labels

    require_dataset("jsic_rev14")
    labels = minor_group_labels(["091", "090", "12A", "99Z"])
    assert labels["12A"].endswith("(121-122)")
    assert labels["090"].startswith("Head offices and ancillary units: ")
    assert "food" in labels["090"].lower()  # major group 09 is food manufacturing
    assert labels["99Z"].endswith("(no Rev.14 group with this code)")
    assert not labels["091"].startswith("Head offices") and "no Rev.14" not in labels["091"]
