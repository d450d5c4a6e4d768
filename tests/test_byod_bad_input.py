"""Bad user files through every door: the Python readers and the ``smartregion`` command.

Each case ends either in correct handling (and a counted warning when anything was changed) or
in an error that names the file, the line, the column and the fix. Nothing is coerced silently.
"""

from __future__ import annotations

import gzip
import importlib.util
import zipfile
from pathlib import Path

import numpy as np
import pytest

from smartregion.byod import BYODError, load_panel, read_table, validate_file
from smartregion.cli import main

HEADER = "region,industry,year,value\n"
# four regions x three industries: no row equals the sum of the others of its region/industry
BASE = [("R1", "A01", 5), ("R1", "B02", 7), ("R1", "C03", 19), ("R2", "A01", 11),
        ("R2", "B02", 2), ("R2", "C03", 3), ("R3", "A01", 13), ("R3", "B02", 29),
        ("R3", "C03", 31), ("R4", "A01", 37), ("R4", "B02", 41), ("R4", "C03", 6)]


def _rows(rows, year="2015") -> str:
    return "".join(f"{r},{i},{year},{v}\n" for r, i, v in rows)


def _write(tmp_path: Path, text: str | bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _problem(report, kind):
    found = [p for p in report.problems if p.kind == kind]
    assert found, f"no {kind!r} problem in:\n{report.format()}"
    return found[0]


# ------------------------------------------------------------------------------ years
@pytest.mark.parametrize("bad", ["20l3", "2012.5"])
def test_non_integer_year_is_an_error_with_line_and_column(tmp_path, capsys, bad):
    text = HEADER + _rows(BASE[:6], "2012") + _rows(BASE[:6], "2013").replace(
        "R1,A01,2013", f"R1,A01,{bad}")
    path = _write(tmp_path, text)
    report = validate_file(path)
    assert not report.ok
    p = _problem(report, "non_integer_year")
    assert p.column == "year" and p.lines == [8] and bad in p.message
    with pytest.raises(BYODError, match="non_integer_year"):
        load_panel(path)
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1
    assert "non_integer_year (column 'year')" in out and "line(s) 8" in out
    assert str(path) in out
    code, out = _cli(capsys, "indices", str(path), "-o", str(tmp_path / "out"))
    assert code == 1 and "no indices written" in out


# ------------------------------------------------------------------------------ codes
def test_code_na_is_a_label_and_leading_zeros_survive(tmp_path, capsys):
    rows = [("NA", "01", 5), ("NA", "02", 7), ("ZA", "01", 3), ("ZA", "02", 9), ("BW", "01", 4),
            ("BW", "02", 4)]
    path = _write(tmp_path, HEADER + _rows(rows))
    panel = load_panel(path)
    assert list(panel.regions) == ["BW", "NA", "ZA"]
    assert list(panel.industries) == ["01", "02"]
    code, out = _cli(capsys, "indices", str(path), "-o", str(tmp_path / "out"))
    assert code == 0, out
    lq = (tmp_path / "out" / "location_quotient.csv").read_text()
    assert "\n2015,NA,01," in lq and ",02," in lq


def test_padding_is_stripped_with_a_counted_warning(tmp_path, capsys):
    rows = [(r, " A01" if r == "R2" and i == "A01" else i, v) for r, i, v in BASE]
    path = _write(tmp_path, HEADER + _rows(rows))
    report = validate_file(path)
    assert report.ok
    p = _problem(report, "padded_label")
    assert p.severity == "warning" and p.column == "industry" and p.lines == [5]
    assert list(report.panel.industries) == ["A01", "B02", "C03"]
    code, out = _cli(capsys, "validate", str(path))
    assert code == 0 and "padded_label" in out


def test_padding_that_makes_a_repeat_is_a_duplicate_naming_columns(tmp_path, capsys):
    path = _write(tmp_path, HEADER + _rows(BASE) + "R1, A01,2015,4\n")
    report = validate_file(path)
    p = _problem(report, "duplicate")
    assert p.lines == [2, 14] and "year" in p.column and "industry" in p.column
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "['year', 'region', 'industry']" in out


def test_case_only_collision_is_kept_apart_and_reported(tmp_path, capsys):
    rows = [(r, "a01" if r == "R3" and i == "A01" else i, v) for r, i, v in BASE]
    path = _write(tmp_path, HEADER + _rows(rows))
    report = validate_file(path)
    assert report.ok
    assert "a01" in report.panel.industries and "A01" in report.panel.industries
    warned = [p for p in report.problems if p.kind == "LabelWarning"]
    assert warned and "a01" in warned[0].message
    code, out = _cli(capsys, "validate", str(path))
    assert code == 0 and "LabelWarning" in out and "a01" in out


def test_nul_byte_in_a_label_is_an_error(tmp_path, capsys):
    path = _write(tmp_path, HEADER + _rows(BASE).replace("R3,B02", "R3,B\x0002"))
    report = validate_file(path)
    p = _problem(report, "nul_byte")
    assert p.column == "industry" and p.lines == [9]
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "nul_byte (column 'industry')" in out and "line(s) 9" in out


# ------------------------------------------------------------------------------ values
def test_values_whose_total_overflows_are_refused(tmp_path, capsys):
    rows = [(r, i, "1e308" if (r, i) in {("R1", "A01"), ("R2", "B02")} else v)
            for r, i, v in BASE]
    path = _write(tmp_path, HEADER + _rows(rows))
    report = validate_file(path)
    p = _problem(report, "overflow")
    assert p.column == "value" and p.lines == [2, 6] and "Rescale" in p.message
    code, out = _cli(capsys, "indices", str(path), "-o", str(tmp_path / "out"))
    assert code == 1 and "overflow (column 'value')" in out
    assert not (tmp_path / "out" / "location_quotient.csv").exists()


def test_one_huge_value_that_breaks_the_lq_products_is_refused(tmp_path):
    rows = [(r, i, "1e200" if (r, i) == ("R1", "A01") else v) for r, i, v in BASE]
    report = validate_file(_write(tmp_path, HEADER + _rows(rows)))
    assert not report.ok and _problem(report, "overflow").lines == [2]


# ------------------------------------------------------------------------------ encodings
def test_latin1_file_says_not_utf8_and_reads_with_encoding(tmp_path, capsys):
    rows = [("Zürich" if r == "R1" else r, i, v) for r, i, v in BASE]
    path = _write(tmp_path, (HEADER + _rows(rows)).encode("latin-1"))
    with pytest.raises(BYODError, match=r"not UTF-8: byte 0xfc on line 2.*--encoding"):
        read_table(path)
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "file is not UTF-8" in out and "--encoding" in out and str(path) in out
    assert "Traceback" not in out
    code, out = _cli(capsys, "validate", str(path), "--encoding", "cp1252")
    assert code == 0, out
    assert "Zürich" in load_panel(path, encoding="latin-1").regions


def test_utf16_file_is_recognised(tmp_path, capsys):
    path = _write(tmp_path, (HEADER + _rows(BASE)).encode("utf-16"))
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "UTF-16" in out
    code, out = _cli(capsys, "validate", str(path), "--encoding", "utf-16")
    assert code == 0, out


# ------------------------------------------------------------------------------ formats
def test_gzip_named_csv_is_read(tmp_path, capsys):
    path = _write(tmp_path, gzip.compress((HEADER + _rows(BASE)).encode()), "data.csv")
    assert load_panel(path).values.sum() == sum(v for _, _, v in BASE)
    code, out = _cli(capsys, "validate", str(path))
    assert code == 0, out


def test_xlsx_is_read_or_said_to_need_openpyxl(tmp_path, capsys):
    if importlib.util.find_spec("openpyxl") is not None:
        import pandas as pd

        path = tmp_path / "data.xlsx"
        pd.DataFrame(BASE, columns=["region", "industry", "value"]).to_excel(path, index=False)
        assert load_panel(path).values.sum() == sum(v for _, _, v in BASE)
        return
    path = tmp_path / "data.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(BYODError, match="Excel workbook.*openpyxl"):
        read_table(path)
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "openpyxl" in out and "save the sheet as CSV" in out


def test_broken_xls_gives_a_clear_error(tmp_path, capsys):
    path = _write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "data.xls")
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "Excel workbook (.xls)" in out and "Traceback" not in out


def test_directory_is_not_reported_as_missing_file(tmp_path, capsys):
    with pytest.raises(BYODError, match="is a directory"):
        validate_file(tmp_path)
    code, out = _cli(capsys, "validate", str(tmp_path))
    assert code == 1 and "directory, not a file" in out and "no such file" not in out
    code, out = _cli(capsys, "validate", str(tmp_path / "absent.csv"))
    assert code == 1 and "no such file" in out


# ------------------------------------------------------------------------------ columns
def test_second_value_column_is_reported_not_ignored(tmp_path, capsys):
    text = "region,industry,year,value,establishments\n" + "".join(
        f"{r},{i},2015,{v},{v + 1}\n" for r, i, v in BASE)
    path = _write(tmp_path, text)
    report = validate_file(path)
    p = _problem(report, "unused_column")
    assert "establishments" in p.message and "--value" in p.message
    code, out = _cli(capsys, "validate", str(path))
    assert code == 0 and "unused_column" in out and "establishments" in out
    panel = load_panel(path, value="establishments")
    assert panel.values.sum() == sum(v + 1 for _, _, v in BASE)


def test_two_columns_with_the_same_name_are_an_error(tmp_path, capsys):
    text = "region,industry,year,value,value\n" + "".join(
        f"{r},{i},2015,{v},{v + 1}\n" for r, i, v in BASE)
    path = _write(tmp_path, text)
    with pytest.raises(BYODError, match=r"names column\(s\) \['value'\] more than once"):
        validate_file(path)
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "line 1" in out and "'value'" in out


# ------------------------------------------------------------------------------ totals
@pytest.mark.parametrize("marker", ["TOTAL", "All industries", "Grand total", "ALL"])
def test_total_marker_rows_are_refused(tmp_path, capsys, marker):
    total = sum(v for r, _, v in BASE if r == "R2")
    path = _write(tmp_path, HEADER + _rows(BASE) + f"R2,{marker},2015,{total}\n")
    report = validate_file(path)
    p = _problem(report, "total_row")
    assert p.column == "industry" and p.lines == [14] and "twice" in p.message
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "total_row (column 'industry')" in out


def test_region_total_marker_is_refused(tmp_path):
    totals = {i: sum(v for _, j, v in BASE if j == i) for i in ("A01", "B02", "C03")}
    text = HEADER + _rows(BASE) + _rows([("Total", i, v) for i, v in totals.items()])
    p = _problem(validate_file(_write(tmp_path, text)), "total_row")
    assert p.column == "region" and p.lines == [14, 15, 16]


def test_row_equal_to_the_sum_of_the_others_is_warned_with_a_count(tmp_path, capsys):
    extra = [(r, "X99", sum(v for q, _, v in BASE if q == r)) for r in ("R1", "R3")]
    path = _write(tmp_path, HEADER + _rows(BASE) + _rows(extra))
    report = validate_file(path)
    p = _problem(report, "possible_total_row")
    assert p.severity == "warning" and p.lines == [14, 15] and p.message.startswith("2 row(s)")
    code, out = _cli(capsys, "validate", str(path))
    assert code == 0 and "possible_total_row" in out and "X99" in out


def test_one_coincidental_sum_is_not_called_a_total(tmp_path):
    # in R3 only, X99 happens to equal the rest; elsewhere it is an ordinary industry
    rows = BASE + [("R3", "X99", sum(v for q, _, v in BASE if q == "R3")), ("R1", "X99", 1),
                   ("R2", "X99", 2), ("R4", "X99", 4)]
    report = validate_file(_write(tmp_path, HEADER + _rows(rows)))
    assert report.ok and [p.kind for p in report.problems] == []


def test_total_row_of_a_single_region_file_is_warned(tmp_path):
    rows = [("R1", i, v) for _, i, v in BASE[:3]] + [("R1", "X99", 31)]
    p = _problem(validate_file(_write(tmp_path, HEADER + _rows(rows))), "possible_total_row")
    assert p.lines == [5]


def test_clean_base_has_no_total_warning(tmp_path):
    report = validate_file(_write(tmp_path, HEADER + _rows(BASE)))
    assert report.ok and report.problems == []


# ------------------------------------------------------------------------------ hierarchy
def test_non_nested_hierarchy_file_is_refused_by_the_cli(tmp_path, capsys):
    path = _write(tmp_path, HEADER + _rows(BASE))
    hier = _write(tmp_path, "industry,group,sector\nA01,G1,S1\nB02,G1,S2\nC03,G2,S2\n",
                  "hier.csv")
    code, out = _cli(capsys, "validate", str(path), "--hierarchy", str(hier))
    assert code == 1 and "hierarchy_not_nested (column 'group')" in out


def test_values_are_read_exactly(tmp_path):
    """No float parsing of keys and no rounding of values on the way in."""
    rows = [(r, i, f"{v}.25") for r, i, v in BASE]
    panel = load_panel(_write(tmp_path, HEADER + _rows(rows)))
    assert panel.values.sum() == pytest.approx(sum(v + 0.25 for _, _, v in BASE))
    assert np.isfinite(panel.values).all()


def test_missing_value_column_suggests_the_unused_one(tmp_path, capsys):
    text = "region,industry,year,employment\n" + "".join(
        f"{r},{i},2015,{v}\n" for r, i, v in BASE)
    path = _write(tmp_path, text)
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "--value employment" in out
    code, out = _cli(capsys, "validate", str(path), "--value", "employment")
    assert code == 0, out


def test_hierarchy_codes_na_and_padding(tmp_path, capsys):
    rows = [(r, "NA" if i == "A01" else i, v) for r, i, v in BASE]
    path = _write(tmp_path, HEADER + _rows(rows))
    hier = _write(tmp_path, "industry,group\nNA,G1\n B02,G1\nC03,G2\n", "hier.csv")
    report = validate_file(path, hierarchy=hier)
    assert report.ok, report.format()
    assert _problem(report, "hierarchy_padded_label").lines == [3]
    assert report.panel.hierarchy["group"].to_dict() == {"B02": "G1", "C03": "G2", "NA": "G1"}
    code, out = _cli(capsys, "validate", str(path), "--hierarchy", str(hier))
    assert code == 0 and "hierarchy_padded_label" in out


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_separator_is_read_from_the_header(tmp_path, capsys, sep):
    text = (HEADER + _rows(BASE)).replace(",", sep)
    path = _write(tmp_path, text, "data.txt")
    df = read_table(path)
    assert list(df.columns) == ["region", "industry", "year", "value"]
    assert df.loc[0, "industry"] == "A01"
    code, out = _cli(capsys, "validate", str(path))
    assert code == 0, out


def test_semicolon_file_with_decimal_commas_is_not_misread(tmp_path, capsys):
    path = _write(tmp_path, "region;industry;year;value\nR1;A01;2015;1,5\nR2;A01;2015;2\n")
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1
    assert "1,5" in out and "line(s) 2" in out


def test_empty_file_is_named_with_the_fix(tmp_path, capsys):
    path = _write(tmp_path, "", "empty.csv")
    with pytest.raises(BYODError, match="empty.csv.*empty"):
        read_table(path)
    code, out = _cli(capsys, "validate", str(path))
    assert code == 1 and "empty.csv" in out and "header" in out
