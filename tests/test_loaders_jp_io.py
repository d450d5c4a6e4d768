"""Input-output tables of the 2014 census folder: dtypes, checks, sector mapping, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartregion.datasets import jp_census
from smartregion.datasets.jp_census import (
    IO_SECTORS,
    io_flow_matrix,
    io_sector_of_minor_group,
    load_jp_io_tables_2015,
)

NAME = "jp_economic_census_2014"
FILES = ["IOTable.csv", "AreaID.csv"]


@pytest.fixture(scope="module")
def paths(request):
    return request.getfixturevalue("require_dataset")(NAME, FILES)


@pytest.fixture(scope="module")
def io(paths):
    return load_jp_io_tables_2015()


@pytest.mark.data
def test_cells_equal_the_raw_file(io, paths):
    raw = pd.read_csv(paths["IOTable.csv"], dtype=str).dropna(how="all")
    raw = raw.set_index("AreaID(string)")
    kyoto = io_flow_matrix(io, "Kyoto")
    assert kyoto.loc["03", "03"] == float(raw.at["26000", "R3C3"])
    assert kyoto.loc["10", "12"] == float(raw.at["26000", "R10C12"])
    assert io_flow_matrix(io, "26000").equals(kyoto)
    out = io.tables["output"].set_index(["area_id", "sector"])["gross_output_million_yen"]
    assert out[("00000", "11")] == float(raw.at["00000", "Y11"])
    assert len(io.tables["flows"]) == 49 * 144


@pytest.mark.data
def test_dtypes_codes_and_report(io):
    flows = io.tables["flows"]
    assert flows["million_yen"].dtype == np.float64
    for col in ("area_id", "from_sector", "to_sector"):
        assert pd.api.types.is_string_dtype(flows[col])
    assert sorted(flows["from_sector"].unique()) == list(IO_SECTORS)
    assert io.report["blank_rows_dropped_file_lines"] == [49]
    assert io.report["areas_without_table"] == ["21219"]  # Gujo: listed, no values
    assert io.report["max_input_share_of_output"] <= 1.0
    assert io.report["max_row_sum_to_output"] > 1.0  # imports recorded in the rows


@pytest.mark.data
def test_column_sums_below_gross_output(io):
    f = io.tables["flows"].groupby(["area_id", "to_sector"])["million_yen"].sum()
    y = io.tables["output"].set_index(["area_id", "sector"])["gross_output_million_yen"]
    assert (f.to_numpy() <= y.reindex(f.index).to_numpy()).all()


@pytest.mark.data
def test_every_census_minor_group_has_a_sector(load_or_skip):
    ds = load_or_skip(jp_census.load_jp_economic_census_2014, "2014 Economic Census")
    sec = {i: io_sector_of_minor_group(i) for i in ds.panel.industries}
    assert set(sec.values()) <= set(IO_SECTORS)
    assert sec["261"] == "03" and sec["701"] == "11" and sec["881"] == "05"
    assert sec["691"] == "07" and sec["981"] == "10" and sec["011"] == "01"


def _write(tmp_path, rows: list[list[str]]):
    header = jp_census._io_columns()
    p = tmp_path / "IOTable.csv"
    p.write_text("\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\n")
    return p


def _row(area: str, value: str = "1") -> list[str]:
    return [area] + [value] * 144 + ["500"] * 12


def test_reader_drops_blank_rows_and_keeps_codes_as_text(tmp_path):
    p = _write(tmp_path, [_row("00000"), [""] * 157, _row("01000")])
    df, blank = jp_census._read_io(p)
    assert blank == [3]
    assert df["AreaID(string)"].tolist() == ["00000", "01000"]


def test_reader_names_line_and_column_of_bad_values(tmp_path):
    bad = _row("01000")
    bad[5] = "-3"
    with pytest.raises(ValueError, match=r"line 3, column 'R1C5'"):
        jp_census._read_io(_write(tmp_path, [_row("00000"), bad]))
    part = _row("01000")
    part[7] = ""
    with pytest.raises(ValueError, match=r"line 2: column 'R1C7' is empty"):
        jp_census._read_io(_write(tmp_path, [part]))


def test_reader_rejects_another_layout(tmp_path):
    p = tmp_path / "IOTable.csv"
    p.write_text("AreaID(string),R1C1\n00000,1\n")
    with pytest.raises(ValueError, match="12-sector layout"):
        jp_census._read_io(p)


def test_loader_rejects_inputs_above_gross_output(tmp_path, monkeypatch):
    row = _row("00000", "100")  # 12 x 100 = 1,200 of inputs per sector, output 500
    p = _write(tmp_path, [row])
    areas = tmp_path / "AreaID.csv"
    areas.write_text("AreaID,AreaName\n00000,Japan\n")
    files = {"IOTable.csv": p, "AreaID.csv": areas}
    monkeypatch.setattr(jp_census, "fetch_file", lambda ds, name, download=True: files[name])
    with pytest.raises(ValueError, match="intermediate inputs of sector 01 .* exceed"):
        load_jp_io_tables_2015()
    _write(tmp_path, [_row("00000", "10")])  # 120 of inputs: fine
    assert load_jp_io_tables_2015().report["max_input_share_of_output"] == pytest.approx(0.24)
