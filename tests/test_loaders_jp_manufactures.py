"""Loader of the METI municipal manufacturing tables: concordance, suppression, boundaries."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smartregion import DroppedDataWarning, PanelError
from smartregion.datasets import jp_manufactures as jm
from smartregion.panel import SmartRegionWarning

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "smartregion" / "datasets"
CSVS = ["concordance_jsic_manufacturing.csv", "meti_manufacturing_groups.csv",
        "jp_municipal_code_supplement.csv"]
KYOTO_WARDS = [f"{c:05d}" for c in range(26101, 26112)]


def _load(**kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmartRegionWarning)
        return jm.load_jp_manufactures_municipal(**kwargs)


@pytest.fixture(scope="module")
def full(request):
    conftest = request.getfixturevalue("require_dataset")
    conftest(jm.DATASET)
    return _load(measure="establishments")


# ----------------------------------------------------------------- package tables (no data)
@pytest.mark.parametrize("name", CSVS)
def test_data_folder_copies_match_package(name):
    assert (ROOT / "data" / name).read_bytes() == (PKG / name).read_bytes()


def test_concordance_table_is_complete_and_reasoned():
    conc = jm.jsic_concordance()
    groups = jm.meti_groups()
    assert not conc.duplicated(["revision", "code"]).any()
    assert conc["reason"].str.len().min() > 20
    mapped = set(conc["harmonised_group"]) - {"_total"}
    assert mapped == set(groups["harmonised_group"])
    # Rev.10 has 23 major groups, Rev.11 24, Rev.12 24 (plus the total row)
    assert conc.groupby("revision").size().to_dict() == {10: 24, 11: 25, 12: 25}
    # splits are aggregated: Rev.12 general-purpose, production, business-oriented machinery
    rev12 = conc[conc["revision"] == 12].set_index("code")["harmonised_group"]
    assert rev12.loc[[25, 26, 27]].nunique() == 1
    rev11 = conc[conc["revision"] == 11].set_index("code")["harmonised_group"]
    assert rev11.loc[27] == rev11.loc[28] == rev11.loc[29]


def test_meti_types_cover_three_classes():
    groups = jm.meti_groups()
    assert set(groups["meti_type"]) == {"basic_materials", "processing_assembly", "daily_life"}
    t = groups.set_index("harmonised_group")["meti_type"]
    assert t["iron_steel"] == "basic_materials"
    assert t["electrical_electronic"] == "processing_assembly"
    assert t["food"] == "daily_life"


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="unknown measure"):
        jm.load_jp_manufactures_municipal("sales_volume")
    with pytest.raises(ValueError, match="level"):
        jm.load_jp_manufactures_municipal(level="district")
    with pytest.raises(ValueError, match="suppressed"):
        jm.load_jp_manufactures_municipal(suppressed="impute")


# ----------------------------------------------------------------- real data
@pytest.mark.data
def test_concordance_covers_every_code_of_every_year(full):
    pub = full.tables["published"]
    assert sorted(pub["year"].unique()) == list(jm.YEARS)
    assert pub["harmonised_group"].notna().all()
    conc = jm.jsic_concordance()
    for year, g in pub.groupby("year"):
        listed = set(conc.loc[conc["revision"] == jm.revision_of(year), "code"])
        assert set(g["code"]) == listed, year


@pytest.mark.data
def test_kyoto_city_published_employees(full):
    pub = full.tables["published"]
    city = pub[(pub["id_muni"] == 26100) & (pub["code"] == 0)].set_index("year")["emp"]
    assert city[2001] == 82207
    assert city[2012] == 62201


@pytest.mark.data
def test_kyoto_wards_sum_to_city_in_every_year(full):
    pub = full.tables["published"]
    tot = pub[pub["code"] == 0]
    for col in ["emp", "num_estb"]:
        wards = tot[tot["id_muni"].between(26101, 26111)].groupby("year")[col].sum()
        city = tot[tot["id_muni"] == 26100].set_index("year")[col]
        assert tot[tot["id_muni"].between(26101, 26111)].groupby("year").size().eq(11).all()
        pd.testing.assert_series_equal(wards, city, check_names=False)


@pytest.mark.data
def test_fixed_boundaries_kyoto_city_and_wards(require_dataset):
    require_dataset(jm.DATASET)
    muni = _load(prefecture=26)
    city = _load(prefecture=26, level="city")
    pub = city.tables["published"]
    keihoku_2001 = pub[(pub["id_muni"] == 26381) & (pub["code"] == 0) & (pub["year"] == 2001)]
    ct = city.tables["totals"].set_index(["region", "year"])["value"]
    assert ct[("26100", 2012)] == 62201
    assert ct[("26100", 2001)] == 82207 + keihoku_2001["emp"].item()
    mt = muni.tables["totals"]
    ward_sum = mt[mt["region"].isin(KYOTO_WARDS)].groupby("year")["value"].sum()
    pd.testing.assert_series_equal(ward_sum, ct.xs("26100"), check_names=False)
    assert "26100" in muni.report["designated_cities_split_into_wards"]
    assert set(KYOTO_WARDS) <= set(muni.tables["regions"]["region"])
    assert "26100" not in set(muni.tables["long"]["region"])


@pytest.mark.data
def test_suppressed_cells_are_never_zero(require_dataset):
    require_dataset(jm.DATASET)
    ds = _load(years=[2001, 2002])
    pub = ds.tables["published"]
    for col in jm.MEASURES.values():
        hidden = pub[f"status_{col}"] != "reported"
        assert pub.loc[hidden, col].isna().all()
    # 2001 employees: 3,753 cells marked 'X' and 167 marked 'χ' in the file
    assert ds.report["suppressed_cells"][2001]["emp"] == 3920
    markers = ds.tables["suppression"].query("year == 2001 and variable == 'emp'")
    assert markers.set_index("marker")["cells"].to_dict() == {"X": 3753, "χ": 167}
    long = ds.tables["long"]
    assert ((long["n_suppressed"] > 0) == long["value"].isna()).all()
    assert long["value"].isna().sum() > 0
    assert ds.panel is None  # no silent policy
    with pytest.warns(SmartRegionWarning, match="suppressed"):
        jm.load_jp_manufactures_municipal(years=[2001])


@pytest.mark.data
def test_suppression_policies_are_explicit_and_counted(require_dataset):
    require_dataset(jm.DATASET)
    with pytest.raises(PanelError, match="suppressed"):
        _load(years=[2001], prefecture=26, level="city", suppressed="raise")
    with pytest.warns(DroppedDataWarning, match="set to 0"):
        z = jm.load_jp_manufactures_municipal(years=[2001], prefecture=26, level="city",
                                              suppressed="zero")
    n = z.report["panel_policy"]["cells_set_to_zero"]
    assert n == z.report["panel_policy"]["suppressed_cells"] > 0
    with pytest.warns(DroppedDataWarning, match="removed"):
        d = jm.load_jp_manufactures_municipal(years=[2002], prefecture=23, suppressed="drop")
    dropped = set(d.report["panel_policy"]["regions_dropped"])
    assert dropped and not dropped & set(d.panel.regions)
    assert d.report["panel_policy"]["n_regions_dropped"] == len(dropped)
    # every kept region has all its cells disclosed
    kept = d.tables["long"][d.tables["long"]["region"].isin(d.panel.regions)]
    assert kept["value"].notna().all()
    # 2004 onwards employees are never suppressed: a panel is built without any policy
    clean = _load(years=[2010, 2012], prefecture=26)
    assert clean.report["cells_suppressed"] == 0
    assert clean.panel is not None
    assert list(clean.panel.hierarchy.columns) == ["meti_type"]


@pytest.mark.data
def test_harmonised_totals_equal_raw_totals(full):
    pub = full.tables["published"]
    long = full.tables["long"]
    cov = full.tables["coverage"]
    national = pub[(pub["unit_type"] == "prefecture") & (pub["code"] == 0)].groupby("year")[
        "num_estb"].sum()
    raw_detail = pub[(pub["code"] != 0) & pub["unit_type"].isin(["municipality", "ward"])]
    for year in jm.YEARS:
        # detail rows regrouped: nothing lost between raw codes and harmonised groups
        r = raw_detail[raw_detail["year"] == year]
        assert r["num_estb"].sum() == r.groupby("harmonised_group")["num_estb"].sum().sum()
        # everything is accounted for: harmonised cells + remainders without industry detail
        c = cov[cov["year"] == year]
        kept = c["coverage"] != "insufficient"
        accounted = (long.loc[long["year"] == year, "value"].sum()
                     + c.loc[kept, "undetailed_establishments"].sum()
                     + c.loc[~kept, "establishments"].sum())
        assert accounted == national[year], year
    # complete region-years: harmonised groups add up to the published total row
    tot = full.tables["totals"].set_index(["year", "region"])["value"]
    complete = cov.loc[cov["coverage"] == "complete", ["year", "region"]]
    sums = long.merge(complete).groupby(["year", "region"])["value"].sum()
    np.testing.assert_array_equal(sums.to_numpy(), tot.loc[sums.index].to_numpy())


@pytest.mark.data
def test_value_added_2012_is_refused(require_dataset):
    require_dataset(jm.DATASET)
    with pytest.raises(ValueError, match="not available for \\[2012\\]"):
        jm.load_jp_manufactures_municipal("value_added", years=[2011, 2012])
    with pytest.warns(SmartRegionWarning, match="not available"):
        ds = jm.load_jp_manufactures_municipal("value_added", prefecture=26, suppressed="zero")
    assert 2012 not in set(ds.tables["long"]["year"])


@pytest.mark.data
def test_labels(full):
    pref = full.tables["prefectures"].set_index("prefecture")
    assert pref.loc[26, "name_ja"] == "京都府"
    assert pref.loc[26, "name_en"] == "Kyoto"
    regions = full.tables["regions"].set_index("region")
    assert regions.loc["26108", "name_ja"].endswith("右京区")
    assert regions.loc["26108", "parent_city"] == "26100"
    assert regions.loc["26201", "name_en"].startswith("Fukuchiyama")
