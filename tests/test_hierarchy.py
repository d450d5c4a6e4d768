"""Tests of smartregion.hierarchy on hand-made code lists (no data files needed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartregion.hierarchy import (
    ConcordanceError,
    HierarchyError,
    apply_concordance,
    hierarchy_from_codes,
    hierarchy_from_parent_table,
    validate_nested,
)
from smartregion.panel import Panel

# ----------------------------------------------------------------------------- from codes


def test_truncation_levels_fine_to_coarse():
    h = hierarchy_from_codes(["2511", "2512", "2611", "3011"], {"group": 3, "division": 2})
    assert list(h.columns) == ["group", "division"]
    assert h.loc["2512"].tolist() == ["251", "25"]
    assert h.loc["3011"].tolist() == ["301", "30"]
    assert h.index.name == "industry"


def test_lookup_step_uses_previous_level():
    section = {"25": "C", "26": "C", "44": "D"}
    h = hierarchy_from_codes(["251", "261", "441"], {"division": 2, "section": section})
    assert h["section"].tolist() == ["C", "C", "D"]


def test_callable_rule_and_integer_codes_are_strings():
    h = hierarchy_from_codes([111, 112, 211], {"first": lambda c: c[0]})
    assert h.index.tolist() == ["111", "112", "211"]
    assert h["first"].tolist() == ["1", "1", "2"]


def test_too_short_code_is_named():
    with pytest.raises(HierarchyError, match=r"'25'"):
        hierarchy_from_codes(["251", "25"], {"division": 2})


def test_lookup_gap_is_named():
    with pytest.raises(HierarchyError, match=r"'26'"):
        hierarchy_from_codes(["251", "261"], {"division": 2, "section": {"25": "C"}})


def test_duplicate_codes_rejected():
    with pytest.raises(HierarchyError, match="more than once"):
        hierarchy_from_codes(["251", "251"], {"division": 2})


def test_non_nesting_lookup_detected():
    # group 251 lies under division 25, but the lookup for the last level is keyed by the code
    # itself through a callable, sending one child of 251 to another section
    rule = {"2511": "C", "2512": "D"}
    with pytest.raises(HierarchyError, match="does not nest"):
        hierarchy_from_codes(["2511", "2512"], {"group": 3, "section": lambda c: rule[c]})


# ----------------------------------------------------------------------------- parent table

LINKS = pd.DataFrame({
    "code": ["C", "13", "131", "132", "14", "141", "D", "44", "441"],
    "parent": [None, "C", "13", "13", "C", "14", "", "D", "44"],
    "level": ["section", "division", "group", "group", "division", "group", "section",
              "division", "group"],
})


def test_parent_table_leaves_default_to_childless_codes():
    h = hierarchy_from_parent_table(LINKS, level="level")
    assert h.index.tolist() == ["131", "132", "141", "441"]
    assert list(h.columns) == ["division", "section"]
    assert h.loc["441"].tolist() == ["44", "D"]


def test_parent_table_leaves_by_level_and_by_list():
    by_level = hierarchy_from_parent_table(LINKS, level="level", leaves="division")
    assert by_level["section"].to_dict() == {"13": "C", "14": "C", "44": "D"}
    by_list = hierarchy_from_parent_table(LINKS, level="level", leaves=["14", "13"])
    assert by_list.index.tolist() == ["14", "13"]


def test_parent_table_without_level_column_names_depths():
    h = hierarchy_from_parent_table(LINKS)
    assert list(h.columns) == ["depth_1", "depth_0"]
    assert h.loc["132"].tolist() == ["13", "C"]


def test_parent_table_unknown_parent_named():
    bad = pd.concat([LINKS, pd.DataFrame({"code": ["151"], "parent": ["15"], "level": ["group"]})])
    with pytest.raises(HierarchyError, match=r"\['15'\].*\['151'\]"):
        hierarchy_from_parent_table(bad, level="level")


def test_parent_table_cycle_detected():
    cyc = pd.DataFrame({"code": ["a", "b", "c"], "parent": ["b", "a", "a"]})
    with pytest.raises(HierarchyError, match="cycle"):
        hierarchy_from_parent_table(cyc)


def test_parent_table_unbalanced_leaves_rejected():
    # 14 has no children, so by default it is a leaf one level above the groups
    links = LINKS[LINKS["code"] != "141"]
    with pytest.raises(HierarchyError, match=r"'14'"):
        hierarchy_from_parent_table(links, level="level")


def test_parent_table_duplicates_rejected():
    with pytest.raises(HierarchyError, match="more than once"):
        hierarchy_from_parent_table(pd.concat([LINKS, LINKS.iloc[[1]]]), level="level")


# ----------------------------------------------------------------------------- validate


def test_validate_nested_names_offending_label():
    bad = pd.DataFrame({"group": ["251", "251", "261"], "division": ["25", "26", "26"]},
                       index=["2511", "2512", "2611"])
    with pytest.raises(HierarchyError, match=r"'251': \['25', '26'\]"):
        validate_nested(bad)


def test_validate_nested_empty_parent():
    bad = pd.DataFrame({"group": ["251", ""]}, index=["2511", "2611"])
    with pytest.raises(HierarchyError, match="2611"):
        validate_nested(bad)


def test_hierarchy_works_as_panel_hierarchy():
    codes = ["2511", "2512", "2611"]
    h = hierarchy_from_codes(codes, {"group": 3, "division": 2})
    long = pd.DataFrame({"region": ["r1"] * 3 + ["r2"] * 3, "industry": codes * 2,
                         "value": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    panel = Panel.from_long(long, hierarchy=h)
    agg = panel.aggregate("division")
    assert agg.matrix().loc["r1", "25"] == 3.0
    assert agg.matrix().loc["r2", "26"] == 6.0


# ----------------------------------------------------------------------------- concordance

DATA = pd.DataFrame({
    "region": ["a", "a", "a", "b", "b"],
    "industry": ["x1", "x2", "x3", "x1", "x3"],
    "value": [10.0, 5.0, 1.0, 4.0, 2.0],
})


def test_many_to_one_sums():
    conc = pd.DataFrame({"source": ["x1", "x2", "x3"], "target": ["Y", "Y", "Z"]})
    out, rep = apply_concordance(DATA, conc)
    got = out.set_index(["region", "industry"])["value"].to_dict()
    assert got == {("a", "Y"): 15.0, ("a", "Z"): 1.0, ("b", "Y"): 4.0, ("b", "Z"): 2.0}
    assert rep["unmapped_rows"] == 0 and rep["rows_in"] == 5 and rep["rows_out"] == 4


def test_weighted_split():
    conc = pd.DataFrame({"source": ["x1", "x1", "x2", "x3"], "target": ["Y", "Z", "Z", "Z"],
                         "w": [0.25, 0.75, 1.0, 1.0]})
    out, rep = apply_concordance(DATA, conc, weight="w")
    got = out.set_index(["region", "industry"])["value"].to_dict()
    assert got[("a", "Y")] == 2.5
    assert got[("a", "Z")] == 7.5 + 5.0 + 1.0
    assert got[("b", "Y")] == 1.0
    assert rep["split_sources"] == 1


def test_weights_must_sum_to_one_per_source():
    conc = pd.DataFrame({"source": ["x1", "x1", "x2", "x3"], "target": ["Y", "Z", "Z", "Z"],
                         "w": [0.5, 0.4, 1.0, 1.0]})
    with pytest.raises(ConcordanceError, match=r"x1"):
        apply_concordance(DATA, conc, weight="w")


def test_negative_weight_rejected():
    conc = pd.DataFrame({"source": ["x1", "x1", "x2", "x3"], "target": ["Y", "Z", "Z", "Z"],
                         "w": [1.5, -0.5, 1.0, 1.0]})
    with pytest.raises(ConcordanceError, match="non-negative"):
        apply_concordance(DATA, conc, weight="w")


def test_split_without_weights_rejected():
    conc = pd.DataFrame({"source": ["x1", "x1", "x2", "x3"], "target": ["Y", "Z", "Z", "Z"]})
    with pytest.raises(ConcordanceError, match=r"x1.*weight"):
        apply_concordance(DATA, conc)


def test_duplicate_links_rejected():
    conc = pd.DataFrame({"source": ["x1", "x1", "x2", "x3"], "target": ["Y", "Y", "Z", "Z"]})
    with pytest.raises(ConcordanceError, match="repeats"):
        apply_concordance(DATA, conc)


def test_unmapped_raise_names_codes():
    conc = pd.DataFrame({"source": ["x1", "x2"], "target": ["Y", "Y"]})
    with pytest.raises(ConcordanceError, match=r"\['x3'\]"):
        apply_concordance(DATA, conc)


def test_unmapped_drop_is_counted():
    conc = pd.DataFrame({"source": ["x1", "x2"], "target": ["Y", "Y"]})
    out, rep = apply_concordance(DATA, conc, unmapped="drop")
    assert rep["unmapped_codes"] == ["x3"]
    assert rep["unmapped_rows"] == 2
    assert rep["unmapped_value"] == {"value": 3.0}
    assert out["value"].sum() == DATA["value"].sum() - 3.0


def test_missing_value_stays_missing():
    data = DATA.assign(value=[10.0, np.nan, 1.0, 4.0, 2.0])
    conc = pd.DataFrame({"source": ["x1", "x2", "x3"], "target": ["Y", "Y", "Z"]})
    out, _ = apply_concordance(data, conc)
    got = out.set_index(["region", "industry"])["value"]
    assert np.isnan(got[("a", "Y")])
    assert got[("b", "Y")] == 4.0


def test_several_value_columns_and_same_column_names():
    data = DATA.assign(estab=[1.0, 1.0, 1.0, 2.0, 2.0])
    conc = pd.DataFrame({"industry": ["x1", "x2", "x3"], "target": ["Y", "Y", "Z"]})
    out, _ = apply_concordance(data, conc, value=["value", "estab"], source="industry")
    assert list(out.columns) == ["region", "industry", "value", "estab"]
    assert out.set_index(["region", "industry"]).loc[("a", "Y"), "estab"] == 2.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0.01, 1.0), min_size=2, max_size=5),
       st.lists(st.floats(0.0, 1e6), min_size=3, max_size=3))
def test_weighted_split_preserves_totals(raw_w, vals):
    w = np.array(raw_w) / np.sum(raw_w)
    targets = [f"T{i}" for i in range(len(w))]
    conc = pd.DataFrame({"source": ["s"] * len(w) + ["u", "v"],
                         "target": targets + ["T0", "T1"],
                         "w": list(w) + [1.0, 1.0]})
    conc.loc[len(w) - 1, "w"] = 1.0 - w[:-1].sum()  # exact unit sum in floating point
    data = pd.DataFrame({"region": ["r"] * 3, "industry": ["s", "u", "v"], "value": vals})
    out, _ = apply_concordance(data, conc, weight="w", atol=1e-12)
    assert out["value"].sum() == pytest.approx(sum(vals), rel=1e-12, abs=1e-9)
