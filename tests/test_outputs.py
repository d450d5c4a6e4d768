"""OutputWriter: prose numbers come only from recorded key numbers."""

from __future__ import annotations

import json

import pytest

from smartregion.outputs import OutputWriter


def test_say_fills_only_recorded_keys(tmp_path):
    out = OutputWriter(tmp_path, notebook="99_demo")
    out.key("n_regions", 42, section="1")
    out.key("share", 0.25, section="1")
    text = out.say("{n_regions} regions, {share:.0%} of them coastal.", section="1")
    assert getattr(text, "data", text) == "42 regions, 25% of them coastal."
    with pytest.raises(KeyError, match="no key number 'missing'"):
        out.say("{missing:.2f}")
    out.save_keys()
    keys = json.loads((tmp_path / "key_numbers" / "99_demo.json").read_text())
    assert keys["n_regions"]["value"] == 42
    prose = (tmp_path / "key_numbers" / "99_demo_prose.md").read_text()
    assert "42 regions, 25% of them coastal." in prose


def test_record_takes_a_mapping_or_an_indicator_and_prefixes_names(tmp_path):
    from smartregion.policy import Indicator

    out = OutputWriter(tmp_path, notebook="99_demo")
    recorded = out.record({"n": 3, "share": 0.5}, section="1", prefix="a_")
    assert recorded == {"a_n": 3, "a_share": 0.5}
    ind = Indicator(table=None, key_numbers={"mean": 1.25})
    out.record(ind, section="2")
    assert out.keys["a_n"] == {"value": 3, "section": "1"}
    assert out.keys["mean"] == {"value": 1.25, "section": "2"}
    assert getattr(out.say("{a_n} of {mean}"), "data", None) == "3 of 1.25"
    with pytest.raises(TypeError, match="mapping"):
        out.record([1, 2], section="1")
