"""Tests of the Shenzhen district loader (cn_shenzhen_districts_2016).

The parser tests use small byte strings written here. The data tests assert facts of the
published tables: printed totals (4,425,477 workers; GDP 194,926,012 x 10,000 yuan; year-end
population 1,190.84 x 10,000), printed cells read off the upstream files, and the 2016 value of
Shenzhen's GDP in the separate NBS major-city series (19,492.60 x 100 million yuan).
"""

from __future__ import annotations

import csv
import io
import math

import pandas as pd
import pytest

from smartregion.datasets.shenzhen import (
    DISTRICT_TYPES,
    DISTRICTS,
    FORMER_DISTRICTS,
    FORMER_SEZ,
    NEW_DISTRICTS,
    OUTER_DISTRICTS,
    SECTION_LETTERS,
    SERVICE_CORE,
    _FILES,
    ShenzhenParseError,
    _Checks,
    _check_employment,
    _check_enterprises,
    _check_gdp,
    _check_population,
    _check_units,
    _district_employment,
    _district_name,
    _employment_panel,
    _output_tables,
    blank_treatments,
    load_cn_shenzhen_districts_2016,
    parse_number,
    parse_table,
    section_letters,
)
from smartregion.panel import ZeroLineWarning

GDP_HEADER = b"District,GDP\r\n"


# ----------------------------------------------------------------------------- parser, no data


@pytest.mark.parametrize("text, expected", [
    ("154 480", 154480.0), ("2 875.63", 2875.63), ("77663", 77663.0), ("1 234 567", 1234567.0),
    ("0.5", 0.5), ("3", 3.0),
])
def test_parse_number_accepts_the_file_formats(text, expected):
    assert parse_number(text) == expected


def test_parse_number_blank_is_missing():
    assert math.isnan(parse_number(""))


@pytest.mark.parametrize("text", ["1 23", "12 3456", "1,234", "1.2.3", "-5", "abc", "1  234",
                                  " 12", "1 234 ", "１２"])
def test_parse_number_rejects_other_formats(text):
    with pytest.raises(ShenzhenParseError, match="f.csv, line 3, column 2"):
        parse_number(text, where="f.csv, line 3, column 2")


def _gdp_bytes(rows: list[str]) -> bytes:
    names = ["Total", *DISTRICTS]
    body = rows or [f"{n},1" for n in names]
    return GDP_HEADER + "\r\n".join(body).encode("utf-8") + b"\r\n"


def test_parse_table_bad_cell_names_file_line_column():
    rows = [f"{n},1" for n in ["Total", *DISTRICTS]]
    rows[3] = "Yantian,12 34"  # line 5 of the file
    with pytest.raises(ShenzhenParseError) as exc:
        parse_table(_gdp_bytes(rows), "gdp")
    msg = str(exc.value)
    assert "GDP_by_district_10k_yuan.csv" in msg and "line 5" in msg and "column 2 (GDP)" in msg


def test_parse_table_unknown_district_and_header():
    rows = [f"{n},1" for n in ["Total", *DISTRICTS]]
    rows[1] = "Shekou,1"
    with pytest.raises(ShenzhenParseError, match="line 3, column 1.*unknown district 'Shekou'"):
        parse_table(_gdp_bytes(rows), "gdp")
    with pytest.raises(ShenzhenParseError, match="line 1: header"):
        parse_table(b"District,GDP (yuan)\r\nTotal,1\r\n", "gdp")


def test_parse_table_missing_district_and_repeated_row():
    rows = [f"{n},1" for n in ["Total", *DISTRICTS[:-1]]]
    with pytest.raises(ShenzhenParseError, match="Dapeng"):
        parse_table(_gdp_bytes(rows), "gdp")
    rows = [f"{n},1" for n in ["Total", *DISTRICTS, "Futian"]]
    with pytest.raises(ShenzhenParseError, match="twice"):
        parse_table(_gdp_bytes(rows), "gdp")


def test_parse_table_counts_blanks_and_crlf():
    rows = [f"{n},1" for n in ["Total", *DISTRICTS]]
    rows[2] = "Luohu,"
    df, rep = parse_table(_gdp_bytes(rows), "gdp")
    assert rep["blank_cells_not_reported"] == 1
    assert rep["blank_cells"] == [{"district": "Luohu", "column": "GDP", "line": 4}]
    assert df.set_index("district").loc["Luohu", "GDP"] != df.set_index("district").loc[
        "Luohu", "GDP"]  # NaN, not 0
    assert rep["crlf_lines"] == 12 and rep["lf_only_lines"] == 0


def test_cp1252_file_is_decoded_and_a_utf8_copy_is_refused():
    header = ("Region,Number of Enterprises (unit),Total Assets (100 million yuan),Business "
              "Revenue (100 million yuan),Employee Compensation Payable (100 million yuan),"
              "Average Number of Employed Persons (person)\r\n")
    names = ["Total", "Futian", "Luohu", "Yantian", "Nanshan", "Bao\x92an", "Longgang",
             "Longhua", "Pingshan", "Guangming", "Dapeng"]
    body = "".join(f"{n},1,2 875.63,3,4,5\r\n" for n in names)
    raw = header.encode("ascii") + body.encode("latin-1")  # 0x92 byte kept as is
    df, rep = parse_table(raw, "enterprises")
    assert "Bao'an" in set(df["district"])
    assert rep["district_spellings_mapped"] == {"Bao\u2019an": "Bao'an"}
    assert df["Total Assets (100 million yuan)"].eq(2875.63).all()
    utf8 = (header + body.replace("\x92", "'")).encode("utf-8")
    with pytest.raises(ShenzhenParseError, match="decodes as UTF-8"):
        parse_table(utf8, "enterprises")


def test_utf8_file_with_a_cp1252_byte_names_offset_and_line():
    rows = [f"{n},1" for n in ["Total", *DISTRICTS]]
    raw = _gdp_bytes(rows).replace(b"Bao'an", b"Bao\x92an")
    with pytest.raises(ShenzhenParseError, match=r"byte 0x92 .*line 7.*utf-8"):
        parse_table(raw, "gdp")


# ------------------------------------------------------------------ loader steps, no data
# Small hand-made files in the layout of each upstream file. District number i (1 = Futian ...
# 10 = Dapeng, the order of DISTRICTS) sets the values, so every expected total below is a sum
# of 1..10 worked out by hand: sum(i) = 55.

SECTIONS = pd.DataFrame({"section_en": list(SECTION_LETTERS),
                         "section": [v[0] for v in SECTION_LETTERS.values()],
                         "name_zh": [v[1] for v in SECTION_LETTERS.values()]}).astype("string")


def _raw(key: str, rows: list[str]) -> bytes:
    spec = _FILES[key]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(spec.header)  # quotes "(10,000)"
    return (buf.getvalue() + "".join(r + "\r\n" for r in rows)).encode(spec.encoding)


def _employment_rows(blank: str = "Mining") -> list[str]:
    """District i: 18 sections of i workers, one blank section, Total 18 i (all: 990)."""
    rows = []
    for i, d in enumerate(DISTRICTS, start=1):
        cells = ["" if s == blank else str(i) for s in SECTION_LETTERS]
        rows.append(",".join([d, str(18 * i), *cells]))
    return rows


def _gdp_rows() -> list[str]:
    # Original_Bao'an = Bao'an 5 + Longhua 7 + Guangming 9; Original_Longgang = 6 + 8 + 10
    return ["Total,55", *[f"{d},{i}" for i, d in enumerate(DISTRICTS, 1)],
            "Original_Bao'an,21", "Original_Longgang,24"]


def _units_rows() -> list[str]:
    # six sectors of i units each, Survey Units 6 i; Total 330 and 55 per sector
    return ["Total,330" + ",55" * 6, *[f"{d},{6 * i}" + f",{i}" * 6
                                       for i, d in enumerate(DISTRICTS, 1)]]


def _enterprise_rows(total_assets: str = "5.5") -> list[str]:
    # i enterprises, 0.1 i assets, i revenue, 0.1 compensation, 1 000 i persons
    names = [d.replace("'", "\u2019") for d in DISTRICTS]  # the cp1252 spelling of Bao'an
    return [f"Total,55,{total_assets},55,1,55 000",
            *[f"{d},{i},{i / 10},{i},0.1,{i} 000" for i, d in enumerate(names, 1)]]


def _land_rows() -> list[str]:
    # area 10 i, permanent 2 i = registered i + non-registered i, density 100 (not summed)
    return ["Total,550,110,55,55,100",
            *[f"{d},{10 * i},{2 * i},{i},{i},100" for i, d in enumerate(DISTRICTS, 1)]]


def _household_rows() -> list[str]:
    # registered 2 i = men i + women i, sex ratio 100
    return [f"{d},{2 * i},{i},{i},100" for i, d in enumerate(DISTRICTS, 1)]


def _parsed(rows: dict[str, list[str]]) -> tuple[dict[str, pd.DataFrame], dict]:
    tables, report = {}, {}
    for key, r in rows.items():
        tables[key], report[key] = parse_table(_raw(key, r), key)
    return tables, report


def _all_rows() -> dict[str, list[str]]:
    return {"employment": _employment_rows(), "gdp": _gdp_rows(), "units": _units_rows(),
            "enterprises": _enterprise_rows(), "land_population": _land_rows(),
            "household_population": _household_rows()}


def test_district_name_maps_the_three_spellings_and_refuses_others():
    assert _district_name("Bao'an") == _district_name("Bao\u2019an") == "Bao'an"
    assert _district_name("Baoan") == "Bao'an"
    assert _district_name("Original_Longgang") == "Original_Longgang"
    assert _district_name("Total") == "Total"
    for bad in ("Bao an", "futian", "Futian ", "Shekou"):
        with pytest.raises(ShenzhenParseError, match=r"f.csv, line 4, column 1 \(District\)"):
            _district_name(bad, where="f.csv, line 4, column 1 (District)")


def test_employment_file_blank_is_missing_and_counted():
    df, rep = parse_table(_raw("employment", _employment_rows()), "employment")
    assert df["district"].dtype == "string" and df["Mining"].dtype == "float64"
    assert df["Mining"].isna().all() and rep["blank_cells_not_reported"] == 10
    assert rep["blank_cells"][0] == {"district": "Futian", "column": "Mining", "line": 2}
    assert rep["crlf_lines"] == 11 and rep["lf_only_lines"] == 0


@pytest.mark.parametrize("cell", ["1 2345", "1.2.3", "12 34", "x"])
def test_malformed_employment_cell_names_file_line_and_column(cell):
    rows = _employment_rows()
    cells = rows[2].split(",")  # Yantian, line 4 of the file
    cells[4] = cell  # column 5: the third section, Manufacturing
    rows[2] = ",".join(cells)
    with pytest.raises(ShenzhenParseError) as exc:
        parse_table(_raw("employment", rows), "employment")
    msg = str(exc.value)
    assert msg.startswith("number_of_fully_employed_workers_at_year_end_by_district.csv, "
                          "line 4, column 5 (Manufacturing):")
    assert repr(cell) in msg


def test_short_row_and_empty_line_name_the_line():
    rows = _gdp_rows()
    rows[4] = "Yantian"
    with pytest.raises(ShenzhenParseError, match=r"line 6: 1 cells, the header has 2"):
        parse_table(_raw("gdp", rows), "gdp")
    rows = _gdp_rows()
    rows[4] = ""
    with pytest.raises(ShenzhenParseError, match=r"line 6: empty line inside the table"):
        parse_table(_raw("gdp", rows), "gdp")


def test_district_employment_follows_the_districts_order():
    df, _ = parse_table(_raw("employment", _employment_rows()[::-1]), "employment")
    emp = _district_employment(df)
    assert list(emp.index) == list(DISTRICTS)
    assert emp.loc["Dapeng", "Total"] == 180


def test_employment_checks_pass_and_name_the_line_of_a_wrong_total():
    tables, report = _parsed({"employment": _employment_rows()})
    checks = _Checks(report)
    _check_employment(_district_employment(tables["employment"]), checks, total=990)
    assert len(checks.rows) == 11 and all(r["passed"] for r in checks.rows)
    checks.raise_failures()  # nothing failed: no error
    rows = _employment_rows()
    rows[1] = rows[1].replace("Luohu,36,", "Luohu,37,")  # line 3
    tables, report = _parsed({"employment": rows})
    checks = _Checks(report)
    _check_employment(_district_employment(tables["employment"]), checks, total=990)
    assert [r["passed"] for r in checks.rows].count(False) == 2
    with pytest.raises(ValueError) as exc:
        checks.raise_failures()
    msg = str(exc.value)
    assert ("number_of_fully_employed_workers_at_year_end_by_district.csv, line 3: employment: "
            "19 sections of Luohu sum to its Total (blanks as 0): computed 36.0, expected 37.0"
            in msg)
    assert "district totals sum: computed 991.0, expected 990.0" in msg


def test_gdp_checks_total_and_former_districts():
    tables, report = _parsed({"gdp": _gdp_rows()})
    checks = _Checks(report)
    _check_gdp(tables["gdp"], checks, total=55)
    assert [r["passed"] for r in checks.rows] == [True] * 4
    # the real total (194,926,012 x 10,000 yuan) is the default: the toy Total row fails it
    checks = _Checks(report)
    _check_gdp(tables["gdp"], checks)
    assert checks.failures == ["GDP_by_district_10k_yuan.csv, line 2: GDP: Total row "
                               "(10,000 yuan): computed 55.0, expected 194926012.0"]
    rows = _gdp_rows()
    rows[-1] = "Original_Longgang,25"  # line 14
    tables, report = _parsed({"gdp": rows})
    checks = _Checks(report)
    _check_gdp(tables["gdp"], checks, total=55)
    assert checks.failures == ["GDP_by_district_10k_yuan.csv, line 14: GDP: Original_Longgang "
                               "equals Longgang + Pingshan + Dapeng: computed 24.0, "
                               "expected 25.0"]


def test_units_checks_rows_and_columns():
    tables, report = _parsed({"units": _units_rows()})
    checks = _Checks(report)
    _check_units(tables["units"], checks)
    assert len(checks.rows) == 11 + 7 and not checks.failures
    rows = _units_rows()
    rows[4] = "Nanshan,24,5,4,4,4,4,4"  # line 6: one more industry unit than printed
    tables, report = _parsed({"units": rows})
    checks = _Checks(report)
    _check_units(tables["units"], checks)
    assert checks.failures == [
        "economy_sector_proportions_by_district_by_unit.csv, line 6: units: six sectors of "
        "Nanshan sum to Survey Units: computed 25.0, expected 24.0",
        "economy_sector_proportions_by_district_by_unit.csv, line 2: units: districts sum to "
        "Total (Industry): computed 56.0, expected 55.0"]


def test_enterprise_checks_counts_exact_money_to_five_hundredths():
    tables, report = _parsed({"enterprises": _enterprise_rows("5.54")})
    checks = _Checks(report)
    _check_enterprises(tables["enterprises"], checks)
    assert len(checks.rows) == 5 and not checks.failures  # 5.54 vs 5.5: within 0.05
    assert [r["tolerance"] for r in checks.rows] == [0.0, 0.05, 0.05, 0.05, 0.0]
    tables, report = _parsed({"enterprises": _enterprise_rows("5.56")})
    checks = _Checks(report)
    _check_enterprises(tables["enterprises"], checks)
    assert len(checks.failures) == 1
    assert checks.failures[0].startswith(
        "enterprise_financial_indicators_by_district.csv, line 2: enterprises: districts sum "
        "to Total (Total Assets (100 million yuan))")


def test_population_checks():
    tables, report = _parsed({"land_population": _land_rows(),
                              "household_population": _household_rows()})
    checks = _Checks(report)
    _check_population(tables["land_population"], tables["household_population"], checks,
                      total=110)
    # Total row, four summed columns (density is not summed), two identities
    assert len(checks.rows) == 7 and not checks.failures
    checks = _Checks(report)
    _check_population(tables["land_population"], tables["household_population"], checks)
    assert checks.failures == [
        "total_land_area_population_and_density_by_district.csv, line 2: population: "
        "year-end permanent population, Total row (10,000): computed 110.0, expected 1190.84"]
    hh = _household_rows()
    hh[0] = "Futian,2,1,1.02,100"  # men + women - total = 0.02 > 0.015
    tables, report = _parsed({"land_population": _land_rows(), "household_population": hh})
    checks = _Checks(report)
    _check_population(tables["land_population"], tables["household_population"], checks,
                      total=110)
    assert len(checks.failures) == 1
    assert checks.failures[0].startswith(
        "household_population_with_gender_by_district.csv: household population: men + women "
        "= total (max abs gap, 10,000): computed 0.02")


def test_employment_panel_enters_blanks_as_zero_and_counts_them():
    tables, _ = _parsed({"employment": _employment_rows()})
    with pytest.warns(ZeroLineWarning, match="'B'"):  # kept, with a warning
        panel, n_blank = _employment_panel(_district_employment(tables["employment"]),
                                           SECTIONS)
    assert n_blank == 10 and panel.meta["blank_cells_entered_as_zero"] == 10
    assert panel.shape == (1, 10, 19) and list(panel.times) == [2016]
    m = panel.matrix()
    assert list(m.columns) == list("ABCDEFGHIJKLMNOPQRS")
    assert (m["B"] == 0).all()  # Mining: blank everywhere
    assert m.loc["Dapeng", "C"] == 10 and m.loc["Futian", "S"] == 1
    assert m.to_numpy().sum() == 990
    sector = panel.hierarchy["sector"]
    assert sector["A"] == "primary" and set(sector[list("BCDE")]) == {"secondary"}
    assert set(sector[list("FGHIJKLMNOPQRS")]) == {"tertiary"}
    assert panel.hierarchy.loc["C", "section_en"] == "Manufacturing"


def test_output_tables_keep_blanks_missing_and_counts_integer():
    tables, report = _parsed(_all_rows())
    emp = _district_employment(tables["employment"])
    out = _output_tables(tables, emp, SECTIONS, [{"check": "x", "passed": True}])
    assert list(out) == ["employment", "sections", "gdp", "units", "enterprises",
                         "land_population", "household_population", "checks"]
    assert out["employment"]["Mining"].dtype == "Int64"
    assert out["employment"]["Mining"].isna().all()  # blank stays missing, not 0
    gdp = out["gdp"].set_index("district")
    assert gdp["gdp_10k_yuan"].dtype == "Int64" and gdp.loc["Total", "gdp_10k_yuan"] == 55
    assert gdp.loc["Total", "level"] == "city"
    assert gdp.loc["Original_Bao'an", "level"] == "former district"
    assert gdp.loc["Dapeng", "level"] == "district"
    ent = out["enterprises"].set_index("district")
    assert ent["average_employed_persons"].dtype == "Int64"
    assert ent.loc["Total", "average_employed_persons"] == 55_000  # printed "55 000"
    assert ent["total_assets_100m_yuan"].dtype == "float64"
    assert out["units"]["survey_units"].dtype == "Int64"
    assert list(out["land_population"].columns) == [
        "district", "land_area_km2", "permanent_population_10k", "registered_population_10k",
        "non_registered_population_10k", "density_per_km2"]
    assert out["checks"].to_dict("records") == [{"check": "x", "passed": True}]


# ----------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def sz(load_or_skip):
    return load_or_skip(load_cn_shenzhen_districts_2016, "cn_shenzhen_districts_2016")


@pytest.mark.data
def test_panel_shape_and_sections(sz):
    p = sz.panel
    assert p.shape == (1, 10, 19)
    assert list(p.times) == [2016]
    assert set(p.regions) == set(DISTRICTS)
    assert list(p.industries) == list("ABCDEFGHIJKLMNOPQRS")


@pytest.mark.data
def test_sections_sum_to_printed_totals(sz):
    emp = sz.tables["employment"].set_index("district")
    m = sz.panel.matrix()
    for d in DISTRICTS:
        assert m.loc[d].sum() == emp.loc[d, "Total"]
    assert int(emp["Total"].sum()) == 4_425_477
    assert m.to_numpy().sum() == 4_425_477


@pytest.mark.data
def test_printed_cells(sz):
    m = sz.panel.matrix()
    # cells read off number_of_fully_employed_workers_at_year_end_by_district.csv
    assert m.loc["Futian", "E"] == 154_480  # printed "154 480"
    assert m.loc["Futian", "C"] == 77_663  # printed without a separator
    assert m.loc["Bao'an", "C"] == 646_247
    assert m.loc["Nanshan", "I"] == 120_245
    assert m.loc["Pingshan", "I"] == 3
    emp = sz.tables["employment"].set_index("district")
    assert pd.isna(emp.loc["Futian", "Mining"])  # blank = not reported, kept missing
    assert sz.report["employment_blank_cells_entered_as_zero"] == 20
    assert sz.report["employment"]["blank_cells_not_reported"] == 20


@pytest.mark.data
def test_gdp_total_and_cross_check_with_nbs(sz, load_or_skip):
    from smartregion.datasets.china import load_cn_major_cities

    gdp = sz.tables["gdp"].set_index("district")["gdp_10k_yuan"]
    assert gdp["Total"] == 194_926_012
    assert int(gdp.loc[list(DISTRICTS)].sum()) == 194_926_012
    assert gdp["Original_Bao'an"] == gdp["Bao'an"] + gdp["Longhua"] + gdp["Guangming"]
    assert gdp["Original_Longgang"] == gdp["Longgang"] + gdp["Pingshan"] + gdp["Dapeng"]
    major = load_or_skip(load_cn_major_cities, "cn_major_cities")
    nbs = major.tables["gdp"].set_index(["city", "year"])["gdp"]
    # 10,000 yuan -> 100 million yuan: divide by 10,000
    assert nbs[("Shenzhen", 2016)] == pytest.approx(19_492.60, abs=0.005)
    assert gdp["Total"] / 10_000 == pytest.approx(nbs[("Shenzhen", 2016)], abs=0.005)


@pytest.mark.data
def test_population_and_side_tables(sz):
    land = sz.tables["land_population"].set_index("district")
    assert land.loc["Total", "permanent_population_10k"] == 1190.84
    assert land.loc["Total", "land_area_km2"] == 1997.27
    ent = sz.tables["enterprises"].set_index("district")
    assert ent.loc["Nanshan", "business_revenue_100m_yuan"] == 2875.63  # printed "2 875.63"
    assert ent.loc["Bao'an", "business_revenue_100m_yuan"] == 759.97  # the cp1252 row
    assert ent.loc["Total", "average_employed_persons"] == 1_451_077
    units = sz.tables["units"].set_index("district")
    assert units.loc["Total", "survey_units"] == 18_839
    hh = sz.tables["household_population"].set_index("district")
    assert hh.loc["Bao'an", "household_registered_10k"] == 50.94  # spelled "Baoan" upstream
    assert sz.tables["checks"]["passed"].all()
    assert sz.report["enterprises"]["encoding"] == "cp1252"
    assert sz.report["enterprises"]["crlf_lines"] == 12


@pytest.mark.data
def test_section_letters_match_the_code_tree(load_or_skip):
    from smartregion.datasets.codes import load_gbt4754

    codes = load_or_skip(load_gbt4754, "cn_gbt4754_2017").tables["codes"]
    m = section_letters(codes).set_index("section_en")
    assert len(m) == 19 and m["section"].is_unique
    assert m.loc["Manufacturing", "section"] == "C"
    assert m.loc["Information Transmission/Software and Information Technology",
                 "section"] == "I"
    assert m.loc["Public Management/Social Security and Social Organization", "section"] == "S"
    assert m.loc["Financial Intermediation", "name_zh"] == "金融业"
    assert "T" not in set(m["section"])  # international organisations: not in the table
    assert set(m["section"]) == set("ABCDEFGHIJKLMNOPQRS")


def test_section_letters_refuse_a_wrong_mapping():
    codes = pd.DataFrame({"code": list("ABCDEFGHIJKLMNOPQRS"),
                          "name": ["农、林、牧、渔业", "采矿业", "制造业", "电力、热力、燃气及水生产和供应业",
                                   "建筑业", "批发和零售业", "交通运输、仓储和邮政业", "住宿和餐饮业",
                                   "信息传输、软件和信息技术服务业", "金融业", "房地产业",
                                   "租赁和商务服务业", "科学研究和技术服务业",
                                   "水利、环境和公共设施管理业", "居民服务、修理和其他服务业", "教育",
                                   "卫生和社会工作", "文化、体育和娱乐业",
                                   "公共管理、社会保障和社会组织"],
                          "level": "section"})
    assert len(section_letters(codes)) == len(SECTION_LETTERS)
    swapped = codes.copy()
    swapped.loc[2, "name"], swapped.loc[4, "name"] = "建筑业", "制造业"
    with pytest.raises(ValueError, match="Manufacturing"):
        section_letters(swapped)


def test_failed_total_check_names_file_and_line(tmp_path, monkeypatch, require_dataset):
    """A copy of the cache with one changed cell fails with the file and line of the row."""
    import shutil

    from smartregion.datasets import _registry

    for dataset in ("cn_shenzhen_districts_2016", "cn_gbt4754_2017"):  # loader needs the tree
        (tmp_path / dataset).mkdir()
        for name, path in require_dataset(dataset).items():
            shutil.copy(path, tmp_path / dataset / name)
    root = tmp_path / "cn_shenzhen_districts_2016"
    emp = root / "number_of_fully_employed_workers_at_year_end_by_district.csv"
    raw = emp.read_bytes().replace(b"Luohu,394 900,", b"Luohu,394 901,")
    emp.write_bytes(raw)
    monkeypatch.setenv("SMARTREGION_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(_registry, "verify_file",
                        lambda dataset, file_name: tmp_path / dataset / file_name)
    with pytest.raises(ValueError) as exc:
        load_cn_shenzhen_districts_2016(download=False)
    msg = str(exc.value)
    assert "number_of_fully_employed_workers_at_year_end_by_district.csv, line 3" in msg
    assert "Luohu" in msg and "4425478" in msg.replace(",", "").replace(".0", "")


def test_district_types_follow_the_administrative_history():
    # the former special economic zone (1980-2010) is Futian, Luohu, Nanshan and Yantian;
    # Bao'an and Longgang are the outer districts (since 1993), not new districts; the new
    # districts are the four carved out of them in 2007-2011
    assert set(FORMER_SEZ) == {"Futian", "Luohu", "Nanshan", "Yantian"}
    assert set(SERVICE_CORE) == {"Futian", "Luohu", "Nanshan"}
    assert set(OUTER_DISTRICTS) == {"Bao'an", "Longgang"}
    assert set(NEW_DISTRICTS) == {"Longhua", "Pingshan", "Guangming", "Dapeng"}
    assert "Bao'an" not in NEW_DISTRICTS and "Longgang" not in NEW_DISTRICTS
    assert set(DISTRICT_TYPES) == set(DISTRICTS)
    assert DISTRICT_TYPES["Yantian"] == "former SEZ port"
    assert {DISTRICT_TYPES[d] for d in ("Bao'an", "Longgang")} == {"outer district"}
    # every new district lies inside one of the two pre-split outer districts
    parts = {d for ds in FORMER_DISTRICTS.values() for d in ds}
    assert set(NEW_DISTRICTS) | set(OUTER_DISTRICTS) == parts


def test_blank_treatments_leave_out_sections_with_blanks(sz):
    both = blank_treatments(sz)
    assert both["zero"] is sz.panel
    dropped = both["missing"].meta["sections_with_blanks"]
    # finance is blank in Bao'an, Longgang, Pingshan and Dapeng; information in Dapeng
    assert dropped == ["A", "B", "D", "I", "J", "R"]
    assert list(both["missing"].industries) == [s for s in sz.panel.industries
                                                if s not in dropped]
    emp = sz.tables["employment"].set_index("district")
    assert emp.loc[["Bao'an", "Longgang"], "Financial Intermediation"].isna().all()
