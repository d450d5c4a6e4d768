"""Labels of the 2014 census minor groups checked against the JSIC code list's Japanese names.

The expected labels below were read off the Japanese group names by hand (電池製造業 =
batteries; 繊維品卸売業 / 衣服卸売業 / 身の回り品卸売業 = textile / apparel / accessories
wholesale), not produced by the code under test.
"""

from __future__ import annotations

import warnings

import pytest

pytestmark = pytest.mark.data

HAND_CHECKED = {
    "295": "Batteries",
    "511": "Wholesale: textile products (except apparel, apparel accessories and notions)",
    "512": "Wholesale: apparel",
    "513": "Wholesale: apparel accessories and notions",
    "543": "Wholesale: electrical machinery, equipment and supplies",
    "591": "Retail: motor vehicles",
    "116": "Garments and shirts, except japanese style",
    "642": "Pawnbrokers",
    "803": "Bicycle, horse, motorcar and motorboat race tracks and racing organisations",
    "813": "Lower secondary schools",
    "816": "Institution of higher education",
}


@pytest.fixture(scope="module")
def census_codes(load_or_skip):
    from smartregion.datasets.jp_census import load_jp_economic_census_2014

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = load_or_skip(load_jp_economic_census_2014, "2014 Economic Census",
                          measure="employment", regions="prefectures")
    return list(ds.panel.industries)


@pytest.fixture(scope="module")
def table(census_codes, require_dataset):
    from smartregion.datasets.jp_census import minor_group_label_table

    require_dataset("jsic_rev14")
    return minor_group_label_table(census_codes)


def test_hand_checked_sample(table):
    for code, want in HAND_CHECKED.items():
        assert table.at[code, "label"] == want, code


def test_295_is_batteries_not_primary_batteries(table):
    assert table.at["295", "name_ja"] == "電池製造業"
    assert "primary" not in table.at["295", "label"].lower()


def test_every_one_of_the_522_groups_has_a_label_from_a_known_origin(table):
    assert len(table) == 522 and table.index.is_unique
    assert set(table["origin"]) <= {"code list", "code list + trade activity", "corrected",
                                    "head office rule", "merged code"}
    assert (table["origin"] == "merged code").sum() == 1  # 12A
    assert table["label"].str.len().gt(3).all()


def test_activity_in_the_label_matches_the_japanese_name(table):
    # 卸売業 = wholesale, 小売業 = retail: the label must say so; no other group may claim it
    ja = table["name_ja"]
    wholesale = ja.str.contains("卸売業")
    retail = ja.str.contains("小売業")
    assert wholesale.sum() == 20 and retail.sum() == 28
    assert table.loc[wholesale, "label"].str.lower().str.contains("wholesale").all()
    assert table.loc[retail, "label"].str.lower().str.contains("retail").all()
    other = ~(wholesale | retail) & ~table.index.str[:2].isin([f"{k}" for k in range(50, 62)])
    assert not table.loc[other, "label"].str.lower().str.contains("wholesale|retail").any()


def test_no_upstream_misspellings_left(table):
    text = " ".join(table["label"]).lower()
    for bad in ("perfomance", "claasified", "bycycle", "house, motorcar", "entrée"):
        assert bad not in text


def test_corrections_only_touch_codes_of_the_census(census_codes):
    from smartregion.datasets.jp_census import MINOR_GROUP_LABEL_CORRECTIONS

    assert set(MINOR_GROUP_LABEL_CORRECTIONS) <= set(census_codes)
    assert all(reason for _, reason in MINOR_GROUP_LABEL_CORRECTIONS.values())
