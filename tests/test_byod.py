"""Bring-your-own-data checks: every problem is reported with its file line numbers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smartregion import Panel
from smartregion.byod import BYODError, load_panel, validate_file, write_indices

ROOT = Path(__file__).resolve().parents[1]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _kinds(report) -> dict[str, list[int]]:
    return {p.kind: p.lines for p in report.problems}


GOOD = """region,industry,year,value
A,x,2020,3
A,y,2020,1
B,x,2020,2
B,y,2020,4
A,x,2021,5
B,y,2021,6
"""

HIER = """industry,group
x,G1
y,G2
"""


def test_clean_file_gives_the_same_panel_as_from_long(tmp_path):
    path = _write(tmp_path, "good.csv", GOOD)
    report = validate_file(path, hierarchy=_write(tmp_path, "h.csv", HIER))
    assert report.ok and report.problems == []
    expected = Panel.from_long(pd.read_csv(path), time="year",
                               hierarchy={"x": "G1", "y": "G2"})
    assert report.panel.times.tolist() == [2020, 2021]
    np.testing.assert_array_equal(report.panel.values, expected.values)
    assert report.panel.hierarchy["group"].to_dict() == {"x": "G1", "y": "G2"}


def test_missing_column_is_named_with_the_fix(tmp_path):
    path = _write(tmp_path, "bad.csv", "place,industry,value\nA,x,1\n")
    report = validate_file(path)
    assert not report.ok
    (problem,) = report.errors
    assert problem.kind == "missing_column" and problem.column == "region"
    assert "--region" in problem.message


def test_negative_nan_duplicate_and_text_all_reported_with_lines(tmp_path):
    text = (
        "region,industry,value\n"   # line 1
        "A,x,1\n"                   # 2
        "A,y,-4\n"                  # 3 negative
        "B,x,\n"                    # 4 empty value
        "B,y,NA\n"                  # 5 NA token
        "C,x,1\n"                   # 6 duplicate of 7
        "C,x,2\n"                   # 7
        "C,y,1;2\n"                 # 8 not a number
    )
    report = validate_file(_write(tmp_path, "bad.csv", text), time=None)
    kinds = _kinds(report)
    assert kinds["negative"] == [3]
    assert kinds["missing_value"] == [4, 5]
    assert kinds["duplicate"] == [6, 7]
    assert kinds["non_numeric"] == [8]
    assert report.panel is None
    assert "line(s) 3" in report.format()


def test_missing_labels_are_reported(tmp_path):
    text = "region,industry,value\nA,x,1\n,y,2\nB,,3\n"
    kinds = {(p.kind, p.column): p.lines for p in validate_file(
        _write(tmp_path, "bad.csv", text), time=None).problems}
    assert kinds[("missing_label", "region")] == [3]
    assert kinds[("missing_label", "industry")] == [4]


def test_unknown_industry_in_hierarchy(tmp_path):
    data = _write(tmp_path, "d.csv", "region,industry,value\nA,x,1\nA,z,2\nB,z,1\n")
    report = validate_file(data, hierarchy=_write(tmp_path, "h.csv", HIER))
    errors = {p.kind: p for p in report.errors}
    assert set(errors) == {"unknown_industry"}
    assert errors["unknown_industry"].lines == [3, 4]
    assert "'z'" in errors["unknown_industry"].message
    warn = {p.kind for p in report.problems if p.severity == "warning"}
    assert "hierarchy_extra_industry" in warn  # y is listed but absent from the data


def test_hierarchy_duplicates_and_non_nesting(tmp_path):
    hier = "industry,group,sector\nx,G1,S1\ny,G1,S2\nx,G1,S1\n"
    data = _write(tmp_path, "d.csv", "region,industry,value\nA,x,1\nA,y,2\n")
    kinds = _kinds(validate_file(data, hierarchy=_write(tmp_path, "h.csv", hier)))
    assert kinds["hierarchy_duplicate"] == [2, 4]
    assert kinds["hierarchy_not_nested"] == [2, 3, 4]


def test_load_panel_raises_listing_every_problem(tmp_path):
    text = "region,industry,value\nA,x,-1\nA,x,2\n"
    with pytest.raises(BYODError) as info:
        load_panel(_write(tmp_path, "bad.csv", text))
    assert "negative" in str(info.value) and "duplicate" in str(info.value)


def test_zero_region_is_a_warning_not_an_error(tmp_path):
    text = "region,industry,value\nA,x,1\nA,y,2\nB,x,0\nB,y,0\n"
    report = validate_file(_write(tmp_path, "z.csv", text))
    assert report.ok
    assert [p.kind for p in report.problems] == ["ZeroLineWarning"]


def _example_module():
    spec = importlib.util.spec_from_file_location("make_example_data",
                                                  ROOT / "scripts" / "make_example_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_data_is_reproducible_and_matches_the_committed_files(tmp_path):
    mod = _example_module()
    assert mod.main(["--out", str(tmp_path)]) == 0
    for name in ("example_panel.csv", "example_hierarchy.csv", "template.csv"):
        committed = ROOT / "data" / "example" / name
        assert committed.read_bytes() == (tmp_path / name).read_bytes(), name


def test_example_data_shape_and_highlight(tmp_path):
    mod = _example_module()
    mod.main(["--out", str(tmp_path)])
    panel = load_panel(tmp_path / "example_panel.csv",
                       hierarchy=tmp_path / "example_hierarchy.csv")
    assert panel.shape == (3, 30, 40)
    assert "Example City" in panel.regions
    assert panel.hierarchy["group"].nunique() == 8
    assert panel.hierarchy.groupby("group").size().eq(5).all()
    # the template follows the same schema
    assert validate_file(tmp_path / "template.csv").ok


def test_write_indices_identities(tmp_path):
    text = "region,industry,value\nA,x,3\nA,y,1\nB,x,2\nB,y,4\nC,x,0\nC,y,5\n"
    panel = load_panel(_write(tmp_path, "d.csv", text))
    result = write_indices(panel, tmp_path / "out")
    for name in ("location_quotient", "specialisation", "diversity", "ubiquity"):
        assert result.written[name].is_file()
    lq = pd.read_csv(result.written["location_quotient"])
    # hand values: LQ(A, x) = (3/4) / (5/15) = 2.25; LQ(C, x) = 0
    got = lq.set_index(["region", "industry"])["lq"]
    assert got[("A", "x")] == pytest.approx(2.25)
    assert got[("C", "x")] == 0
    div = pd.read_csv(result.written["diversity"]).set_index("region")["diversity"]
    # B: LQ(B, x) = (2/6)/(5/15) = 1 and LQ(B, y) = (4/6)/(10/15) = 1, both >= 1
    assert div.to_dict() == {"A": 1, "B": 2, "C": 1}
    assert "related_unrelated_variety" not in result.written  # no hierarchy given
    assert "hierarchy" in result.skipped.get("related_unrelated_variety", "")
