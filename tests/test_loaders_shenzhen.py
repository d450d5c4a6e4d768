"""Tests of the Shenzhen district loader (cn_shenzhen_districts_2016).

The parser tests use small byte strings written here. The data tests assert facts of the
published tables: printed totals (4,425,477 workers; GDP 194,926,012 x 10,000 yuan; year-end
population 1,190.84 x 10,000), printed cells read off the upstream files, and the 2016 value of
Shenzhen's GDP in the separate NBS major-city series (19,492.60 x 100 million yuan).
"""

from __future__ import annotations

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
    ShenzhenParseError,
    blank_treatments,
    load_cn_shenzhen_districts_2016,
    parse_number,
    parse_table,
    section_letters,
)

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
