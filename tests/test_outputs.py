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
