"""Tests of the JSIC and GB/T 4754 code lists and of the JavaScript literal reader."""

from __future__ import annotations

import pandas as pd
import pytest

from smartregion.datasets.codes import (
    GBT4754_LEVELS,
    JSIC_LEVELS,
    code_hierarchy,
    load_gbt4754,
    load_jsic,
    parse_js_literal,
)
from smartregion.hierarchy import validate_nested
from smartregion.panel import Panel

# ----------------------------------------------------------------------------- JS literal


@pytest.mark.parametrize("wrapper", ["module.exports = ", "export default ", "const trade = ",
                                     "export const trade = ", ""])
def test_js_literal_wrappers(wrapper):
    text = wrapper + "[\n  {\n    code: 'A',\n    name: '农业',\n    children: [],\n  },\n];\n"
    assert parse_js_literal(text) == [{"code": "A", "name": "农业", "children": []}]


def test_js_literal_values_comments_and_escapes():
    text = """// header comment
    module.exports = {
      /* block */ "q": "say \\"hi\\"", 'n': -1.5e2, i: 3, t: true, f: false, z: null,
      s: 'it\\'s\\u00e9', nested: [[1, 2,], {}],
    };"""
    assert parse_js_literal(text) == {"q": 'say "hi"', "n": -150.0, "i": 3, "t": True,
                                      "f": False, "z": None, "s": "it'sé",
                                      "nested": [[1, 2], {}]}


@pytest.mark.parametrize("text", [
    "module.exports = require('fs')",
    "module.exports = [1 + 1]",
    "module.exports = [`template`]",
    "module.exports = [function () {}]",
    "module.exports = [{a: 1}]; console.log(1)",
    "module.exports = [{a: 1}",
])
def test_js_literal_refuses_code(text):
    with pytest.raises(ValueError):
        parse_js_literal(text)


# ----------------------------------------------------------------------------- helpers


def _check_links(codes: pd.DataFrame, levels: tuple[str, ...]) -> None:
    by_code = codes.set_index("code")
    top = codes[codes["level"] == levels[0]]
    assert top["parent"].isna().all()
    child = codes[codes["level"] != levels[0]]
    assert child["parent"].isin(by_code.index).all()
    # each parent is exactly one level up
    parent_depth = by_code.loc[child["parent"], "depth"].to_numpy()
    assert (parent_depth == child["depth"].to_numpy() - 1).all()
    # numeric codes extend their numeric parent
    num = child[child["depth"] >= 2]
    assert all(c.startswith(p) for c, p in zip(num["code"], num["parent"], strict=True))
    # digit count by level: letter, 2, 3, 4
    lengths = codes.groupby("level")["code"].agg(lambda s: sorted(set(s.str.len())))
    assert lengths.to_dict() == {levels[0]: [1], levels[1]: [2], levels[2]: [3], levels[3]: [4]}


# ----------------------------------------------------------------------------- JSIC

@pytest.fixture(scope="module")
def jsic(load_or_skip):
    return load_or_skip(load_jsic, "JSIC code list")


@pytest.fixture(scope="module")
def gbt(load_or_skip):
    return load_or_skip(load_gbt4754, "GB/T 4754 code list")


@pytest.mark.data
def test_jsic_divisions_and_known_codes(jsic):
    codes = jsic.tables["codes"].set_index("code")
    divisions = codes[codes["level"] == "division"].index.tolist()
    assert divisions == [chr(c) for c in range(ord("A"), ord("T") + 1)]  # A..T, 20 divisions
    assert codes.loc["E", "name_en"] == "MANUFACTURING"
    assert codes.loc["E", "name"] == "製造業"
    # major group 09 is food manufacturing, inside division E
    assert codes.loc["09", "parent"] == "E"
    assert codes.loc["09", "name"] == "食料品製造業"
    # the cut upstream English name of G is completed and reported
    assert codes.loc["G", "name_en"] == "INFORMATION AND COMMUNICATIONS"
    assert jsic.report["names_corrected"][0]["code"] == "G"


@pytest.mark.data
def test_jsic_parent_links(jsic):
    _check_links(jsic.tables["codes"], JSIC_LEVELS)


@pytest.mark.data
def test_jsic_hierarchy_nested_and_usable(jsic):
    h = jsic.tables["hierarchy"]
    assert list(h.columns) == ["group", "major_group", "division"]
    validate_nested(h)
    n_industries = int((jsic.tables["codes"]["level"] == "industry").sum())
    assert len(h) == n_industries
    mg = code_hierarchy(jsic.tables["codes"], leaves="major_group")
    assert mg.loc["09", "division"] == "E"


@pytest.mark.data
def test_gbt_sections_and_manufacturing(gbt):
    codes = gbt.tables["codes"].set_index("code")
    sections = codes[codes["level"] == "section"].index.tolist()
    assert sections == [chr(c) for c in range(ord("A"), ord("T") + 1)]
    assert codes.loc["C", "name"] == "制造业"
    assert codes.loc["C", "name_en"] == "Manufacturing"
    c_divs = codes[(codes["level"] == "division") & (codes["parent"] == "C")].index.tolist()
    assert c_divs == [str(d) for d in range(13, 44)]  # divisions 13-43
    assert codes.loc["39", "name"] == "计算机、通信和其他电子设备制造业"
    assert int((codes["level"] == "division").sum()) == 97
    assert int((codes["level"] == "group").sum()) == 473


@pytest.mark.data
def test_gbt_parent_links_and_hierarchy(gbt):
    _check_links(gbt.tables["codes"], GBT4754_LEVELS)
    h = gbt.tables["hierarchy"]
    assert list(h.columns) == ["group", "division", "section"]
    validate_nested(h)
    assert h.loc["3911"].tolist() == ["391", "39", "C"]


@pytest.mark.data
def test_gbt_names_cleaned_and_reported(gbt):
    codes = gbt.tables["codes"].set_index("code")
    # no name holds internal runs of whitespace or leading/trailing blanks
    assert not codes["name"].str.contains(r"^\s|\s$|\s{2,}", regex=True).any()
    assert codes.loc["3531", "name"] == "食品、酒、饮料及茶生产专用设备制造"
    assert codes.loc["37", "name"] == "铁路、船舶、航空航天和其他运输设备制造业"
    reported = {d["code"] for d in gbt.report["names_corrected"]}
    assert {"3531", "37"} <= reported


@pytest.mark.data
def test_gbt_division_hierarchy_in_a_panel(gbt):
    h = code_hierarchy(gbt.tables["codes"], leaves="division")
    long = pd.DataFrame({"region": ["Shenzhen", "Shenzhen", "Guangzhou"],
                         "industry": ["39", "44", "39"], "employment": [5.0, 1.0, 2.0]})
    panel = Panel.from_long(long, value="employment", hierarchy=h)
    sec = panel.aggregate("section").matrix()
    assert sec.loc["Shenzhen", "C"] == 5.0
    assert sec.loc["Shenzhen", "D"] == 1.0
