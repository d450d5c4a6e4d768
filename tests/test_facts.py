"""Tests of the transcribed fact tables.

Expected values are the figures as printed in the sources (Kang & Liu 2020, Table 2; the NBS
national employment series; the quoted pages), not values computed by smartregion.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smartregion.datasets.facts import (
    FACTS,
    _check_case_table,
    case_figure,
    case_figure_rows,
    load_facts,
    read_fact_table,
    record_case_figures,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(FACTS))
def test_every_row_cited_and_flagged(name):
    df = read_fact_table(name)
    assert (df["source"].str.strip() != "").all()
    assert (df["citation"].str.strip() != "").all()
    assert df["secondary_source"].dtype == bool


@pytest.mark.parametrize("name", sorted(FACTS))
def test_package_copy_equals_data_raw(name):
    raw = ROOT / "data" / "raw" / FACTS[name]
    assert raw.read_bytes() == (ROOT / "src" / "smartregion" / "datasets" / "facts" /
                                FACTS[name]).read_bytes()


def test_unknown_name():
    with pytest.raises(KeyError, match="case_figures"):
        load_facts("nope")


# ----------------------------------------------------------------------------- PRD


def test_prd_shape_and_printed_values():
    ds = load_facts("prd9_manufacturing_2018")
    t = ds.tables["prd9"]
    assert len(t) == 90
    assert t["city"].nunique() == 9 and t["sector"].nunique() == 10
    v = t.set_index(["city", "sector"])["output_pct_of_gdp"]
    assert v[("深圳", "计算机、通信和其他电子设备制造业")] == 23.06
    assert v[("惠州", "石化塑胶制造业")] == 12.64
    assert v[("江门", "烟酒食品加工业")] == 5.21
    assert v[("肇庆", "矿物及金属冶炼制造业")] == 10.38
    assert v[("佛山", "电器机械和器材制造业")] == 10.51
    # column sums printed in the table's provenance note
    sums = t.groupby("city_en")["output_pct_of_gdp"].sum()
    for city, total in {"Shenzhen": 33.10, "Guangzhou": 16.11, "Dongguan": 42.26,
                        "Foshan": 40.86, "Huizhou": 38.14}.items():
        assert sums[city] == pytest.approx(total, abs=0.005)
    assert t["secondary_source"].all()
    assert "quoted" in ds.descr


def test_prd_panel():
    p = load_facts("prd9_manufacturing_2018").panel
    assert p.shape == (1, 9, 10)
    assert p.matrix().loc["Shenzhen", "Computers, communication and other electronic equipment"] \
        == 23.06


# ----------------------------------------------------------------------------- employment


def test_national_employment_rows_and_printed_values():
    ds = load_facts("cn_national_employment")
    t = ds.tables["employment"]
    assert len(t) == 12 * 20  # 12 years x (19 sectors + total)
    v = t.set_index(["year", "sector"])["employment_10k_persons"]
    assert v[(2003, "制造业")] == pytest.approx(2980.49, abs=0.005)
    assert v[(2010, "制造业")] == pytest.approx(3637.15, abs=0.005)
    assert v[(2014, "制造业")] == pytest.approx(5243.14, abs=0.005)
    assert v[(2014, "信息传输、计算机服务和软件业")] == pytest.approx(336.27, abs=0.005)
    assert v[(2014, "合计")] == pytest.approx(18277.78, abs=0.005)


def test_national_employment_panel_sums_to_total():
    ds = load_facts("cn_national_employment")
    p = ds.panel
    assert p.shape == (12, 1, 19)
    totals = ds.tables["employment"].query("sector_en == 'Total'").set_index("year")
    for k, year in enumerate(p.times):
        assert p.values[k].sum() == pytest.approx(totals.loc[year, "employment_10k_persons"],
                                                  abs=1e-6)
    assert p.matrix(2014).loc["China", "C"] == pytest.approx(5243.14, abs=0.005)


# ----------------------------------------------------------------------------- case figures


def test_case_figures_values_and_flags():
    t = load_facts("case_figures").tables["figures"]
    assert set(t["region"]) >= {"Shenzhen", "Kyoto Prefecture", "Kyoto City"}

    def one(region, indicator, period):
        row = t[(t["region"] == region) & (t["indicator"] == indicator) & (t["period"] == period)]
        assert len(row) == 1
        return row.iloc[0]

    gdp02 = one("Shenzhen", "gdp", "2002")
    assert gdp02["value"] == 2239.41 and "2239.41億元" in gdp02["quote"]
    assert gdp02["secondary_source"]
    pct16 = one("Shenzhen", "pct_applications", "2016")
    assert pct16["value"] == 19647 and "19647" in pct16["quote"]  # CNIPA table, no commas
    rd14 = one("Shenzhen", "rd_intensity", "2014")
    assert rd14["value"] == 4.02 and not rd14["secondary_source"]  # municipal agency page
    kgdp = one("Kyoto Prefecture", "gdp", "FY2014")
    assert kgdp["value"] == 10053.8 and kgdp["rank_in_country"] == 13
    kc = one("Kyoto City", "gross_output_share_manufacturing", "2015")
    assert kc["value"] == 23.4 and not kc["secondary_source"]  # Kyoto City's own page
    assert case_figure("sz_gdp_2017_nbs") == 22490.06
    assert case_figure("sz_gdp_2017_hktdc") == 2249.01  # billion yuan, HKTDC fast facts


def test_case_quotes_contain_their_numbers():
    t = load_facts("case_figures").tables["figures"]
    quoted = t[t["quote"] != ""]
    # every quoted figure with a plain number must show it in the quote (grouping commas aside)
    plain = quoted[~quoted["note"].str.contains("quoted as|lower bound", regex=True)]
    for _, row in plain.iterrows():
        text = row["quote"].replace(",", "")
        num = f"{row['value']:g}" if row["value"] != int(row["value"]) else f"{int(row['value'])}"
        assert num in text or f"{row['value']}" in text, (row["indicator"], row["period"])


def test_case_figures_keys_dates_and_primary_sources():
    t = load_facts("case_figures").tables["figures"]
    assert t["key"].is_unique
    assert t["key"].str.match(r"^[a-z][a-z0-9_]*$").all()
    assert t["accessed"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert (t["primary_source"].str.strip() != "").all()
    assert t["primary_seen"].dtype == bool
    # the official data files and Kyoto City's own page are primary
    rows = t.set_index("key")
    assert rows.loc["sz_gdp_2001_nbs", "primary_seen"]
    assert rows.loc["kyoto_city_gross_output_2015", "primary_seen"]
    assert not rows.loc["sz_pct_applications_2015", "primary_seen"]


def test_case_figure_values_as_printed():
    # figures as printed on the pages cited in the table
    assert case_figure("sz_pct_applications_2016") == 19647
    assert case_figure("sz_sei_share_gdp_2019") == 37.7
    assert case_figure("sz_rd_business_share_2014") == 95
    assert case_figure("kyoto_u_spinouts_fy2018") == 164
    assert case_figure("krp_tenants_1989") == 34
    assert case_figure("krp_tenants_2020") == 480
    assert case_figure("sz_gdp_1980") == 270  # million yuan
    assert case_figure("kyoto_city_machinery_workers_2001") == 29929
    with pytest.raises(KeyError, match="no_such_key"):
        case_figure("no_such_key")


def test_record_case_figures_writes_keys_and_table(tmp_path):
    from smartregion.outputs import OutputWriter

    out = OutputWriter(tmp_path, notebook="99_test")
    rows = record_case_figures(out, ["krp_tenants_1989", "krp_tenants_2020", "krp_tenants_1989"],
                               section="x", table="99_quoted")
    assert list(rows.index) == ["krp_tenants_1989", "krp_tenants_2020"]
    assert out.keys["q_krp_tenants_1989"]["value"] == 34.0
    assert "q_krp_tenants_1989_rank" not in out.keys  # no rank quoted
    record_case_figures(out, ["kyoto_pref_gdp_2014"])
    assert out.keys["q_kyoto_pref_gdp_2014_rank"]["value"] == 13
    text = str(getattr(out.say("from {q_krp_tenants_1989:.0f} to {q_krp_tenants_2020:.0f}"),
                       "data", ""))
    assert text == "from 34 to 480"
    written = pd.read_csv(tmp_path / "tables" / "99_quoted.csv", dtype={"key": str})
    assert written["key"].tolist() == ["krp_tenants_1989", "krp_tenants_2020"]
    assert {"primary_source", "accessed", "citation"} <= set(written.columns)


def _case_frame(**over):
    base = {"key": ["a_1", "b_2"], "value": ["1", "2.5"], "unit": ["x", "y"],
            "source": ["s", "s"], "citation": ["c", "c"], "primary_source": ["p", "p"],
            "primary_seen": ["true", "false"], "accessed": ["2026-01-01", "2026-01-02"]}
    base.update(over)
    return pd.DataFrame(base)


@pytest.mark.parametrize("over, message", [
    ({"key": ["a_1", "a_1"]}, "more than once"),
    ({"key": ["A 1", "b_2"]}, "lower-case"),
    ({"accessed": ["2026-01-01", "Jan 2026"]}, "line.*3"),
    ({"value": ["1", "about 2"]}, "not a number"),
    ({"primary_source": ["p", " "]}, "primary_source"),
    ({"primary_seen": ["true", "yes"]}, "primary_seen"),
])
def test_case_table_validation(over, message):
    _check_case_table(_case_frame())  # the base frame is valid
    with pytest.raises(ValueError, match=message):
        _check_case_table(_case_frame(**over))


def test_case_figure_rows_subset_order():
    rows = case_figure_rows(["krp_tenants_2020", "sz_gdp_2002"])
    assert list(rows.index) == ["krp_tenants_2020", "sz_gdp_2002"]
