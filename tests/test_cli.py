"""The ``smartregion`` command: data list/fetch/verify, validate and indices."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smartregion.cli import main
from smartregion.datasets import _registry

ROOT = Path(__file__).resolve().parents[1]
GOOD = b"region,industry,value\nA,x,1\n"


@pytest.fixture
def toy_cache(monkeypatch, tmp_path):
    """Registry of two files of dataset 'toy' in an empty temporary cache; no network."""
    import pooch

    rows = []
    for name, content in (("a.csv", GOOD), ("b.csv", b"region,industry,value\nB,y,2\n")):
        rows.append({"dataset": "toy", "file_name": name, "url": f"https://example.invalid/{name}",
                     "sha256": hashlib.sha256(content).hexdigest(), "bytes": len(content),
                     "licence": "CC0 (toy)", "source": "made up"})
    monkeypatch.setattr(_registry, "registry", lambda: pd.DataFrame(rows))

    def offline(*args, **kwargs):
        raise ConnectionError("simulated: no network")

    monkeypatch.setattr(pooch, "retrieve", offline)
    cache = tmp_path / "cache"
    (cache / "toy").mkdir(parents=True)
    monkeypatch.setenv(_registry.ENV_VAR, str(cache))
    return cache


def test_data_list_shows_files_sizes_licence_and_cache_status(toy_cache, capsys):
    (toy_cache / "toy" / "a.csv").write_bytes(GOOD)
    assert main(["data", "list"]) == 0
    out = capsys.readouterr().out
    assert "toy: 2 file(s)" in out and "cached 1/2" in out
    assert "CC0 (toy)" in out
    lines = {ln.split()[0]: ln for ln in out.splitlines() if ln.startswith("    ")}
    assert lines["a.csv"].rstrip().endswith("cached") and "not cached" not in lines["a.csv"]
    assert lines["b.csv"].rstrip().endswith("not cached")


def test_data_verify_ok_then_mismatch(toy_cache, capsys):
    (toy_cache / "toy" / "a.csv").write_bytes(GOOD)
    (toy_cache / "toy" / "b.csv").write_bytes(b"region,industry,value\nB,y,2\n")
    assert main(["data", "verify"]) == 0
    assert "2 file(s) checked, 0 mismatch(es), 0 missing" in capsys.readouterr().out
    (toy_cache / "toy" / "b.csv").write_bytes(b"tampered\n")
    assert main(["data", "verify"]) == 1
    captured = capsys.readouterr()
    assert "MISMATCH toy/b.csv" in captured.err
    assert "smartregion data fetch toy" in captured.err


def test_data_verify_names_each_missing_file_and_fails(toy_cache, capsys):
    (toy_cache / "toy" / "a.csv").write_bytes(GOOD)
    assert main(["data", "verify"]) == 1
    captured = capsys.readouterr()
    assert "MISSING  toy/b.csv" in captured.err
    assert "toy/a.csv" not in captured.err
    assert "1 file(s) checked, 0 mismatch(es), 1 missing" in captured.out


def test_data_verify_fails_when_the_cache_does_not_exist(toy_cache, monkeypatch, tmp_path,
                                                         capsys):
    monkeypatch.setenv(_registry.ENV_VAR, str(tmp_path / "no_such_cache"))
    assert main(["data", "verify"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "no_such_cache" in err


def test_data_fetch_reports_failure_without_network(toy_cache, capsys):
    (toy_cache / "toy" / "a.csv").write_bytes(GOOD)
    assert main(["data", "fetch", "toy"]) == 1
    captured = capsys.readouterr()
    assert "ok     toy/a.csv" in captured.out
    assert "FAILED toy/b.csv" in captured.err
    assert main(["data", "fetch", "no_such_dataset"]) == 1


def test_validate_exit_codes_and_lines(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("region,industry,value\nA,x,1\nB,y,2\n")
    assert main(["validate", str(good)]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("place,sector,emp,yr\nA,x,1,2020\nA,x,-1,2020\nB,y,,2020\n")
    assert main(["validate", str(bad), "--region", "place", "--industry", "sector",
                 "--value", "emp", "--time", "yr"]) == 1
    out = capsys.readouterr().out
    assert "duplicate" in out and "line(s) 2, 3" in out
    assert "negative" in out and "missing_value" in out and "line(s) 4" in out
    assert main(["validate", str(bad)]) == 1  # default names are absent
    assert "missing_column" in capsys.readouterr().out


def test_validate_with_unknown_industry_in_hierarchy(tmp_path, capsys):
    data = tmp_path / "d.csv"
    data.write_text("region,industry,value\nA,x,1\nA,q,2\n")
    hier = tmp_path / "h.csv"
    hier.write_text("industry,group\nx,G\n")
    assert main(["validate", str(data), "--hierarchy", str(hier)]) == 1
    assert "unknown_industry" in capsys.readouterr().out


def test_indices_on_example_data(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["indices", str(ROOT / "data" / "example" / "example_panel.csv"),
                 "--hierarchy", str(ROOT / "data" / "example" / "example_hierarchy.csv"),
                 "-o", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "location_quotient" in printed
    lq = pd.read_csv(out / "location_quotient.csv")
    data = pd.read_csv(ROOT / "data" / "example" / "example_panel.csv")
    merged = lq.merge(data, left_on=["time", "region", "industry"],
                      right_on=["year", "region", "industry"])
    assert len(merged) == len(data) == 3600
    # identity: the employment-weighted mean LQ over regions is 1 for every industry and year
    merged["w"] = merged["value"] / merged.groupby(["year", "region"])["value"].transform("sum")
    region_total = merged.groupby(["year", "region"])["value"].transform("sum")
    year_total = merged.groupby("year")["value"].transform("sum")
    merged["wlq"] = merged["lq"] * region_total / year_total
    np.testing.assert_allclose(merged.groupby(["year", "industry"])["wlq"].sum(), 1.0)
    spec = pd.read_csv(out / "specialisation.csv")
    div = pd.read_csv(out / "diversity.csv").set_index(["time", "region"])["diversity"]
    counted = spec.groupby(["time", "region"])["specialised"].sum()
    pd.testing.assert_series_equal(counted.astype(float), div.astype(float), check_names=False)
    if (out / "related_unrelated_variety.csv").exists():
        rv = pd.read_csv(out / "related_unrelated_variety.csv")
        np.testing.assert_allclose(rv["total"], rv["related"] + rv["unrelated"])


def test_indices_writes_an_adaptive_backbone_and_says_which_rule(tmp_path, capsys):
    out = tmp_path / "out"
    # proximity links every pair that co-occurs once, so its space is connected and the
    # spanning tree spans all industries (the default relatedness can leave several parts)
    assert main(["indices", str(ROOT / "data" / "example" / "example_panel.csv"), "-o", str(out),
                 "--backbone-degree", "3", "--relatedness", "proximity"]) == 0
    printed = capsys.readouterr().out
    assert "backbone: Backbone: maximum spanning tree + links" in printed
    assert "mean degree <= 3" in printed
    edges = pd.read_csv(out / "industry_space_backbone.csv", dtype={"source": str,
                                                                     "target": str})
    n = pd.read_csv(ROOT / "data" / "example" / "example_panel.csv")["industry"].nunique()
    assert int(edges["mst"].sum()) == n - 1  # the spanning tree is always kept
    assert n - 1 <= len(edges) and 2 * len(edges) / n <= 3


def test_indices_refuses_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("region,industry,value\nA,x,-1\n")
    assert main(["indices", str(bad), "-o", str(tmp_path / "out")]) == 1
    assert "no indices written" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_console_entry_point_runs():
    done = subprocess.run([sys.executable, "-m", "smartregion.cli", "--help"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    for word in ("data", "validate", "indices"):
        assert word in done.stdout


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as info:
        main(["indices", "file.csv"])  # -o is required
    assert info.value.code == 2


def _ten_region_file(tmp_path):
    """Ten regions x nineteen sections, like Shenzhen's districts: too few regions."""
    rng = np.random.default_rng(0)
    rows = [(f"D{r:02d}", f"S{i:02d}", int(v)) for r in range(10) for i in range(19)
            for v in [rng.integers(50, 5000)]]
    path = tmp_path / "ten.csv"
    pd.DataFrame(rows, columns=["region", "industry", "value"]).to_csv(path, index=False)
    return path


def test_indices_warn_on_too_few_regions_but_write_everything(tmp_path, capsys):
    from smartregion.stability import MIN_REGIONS

    out = tmp_path / "out"
    assert main(["indices", str(_ten_region_file(tmp_path)), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"warning: only 10 regions (fewer than {MIN_REGIONS})" in err
    assert "sampling sd" in err  # the reason for the minimum is given
    for name in ("location_quotient", "eci", "pci", "relatedness", "relatedness_density"):
        assert (out / f"{name}.csv").is_file(), name


def test_indices_relatedness_option_chooses_the_density_weights(tmp_path, capsys):
    from smartregion.relatedness import DEFAULT_METHOD

    data = ROOT / "data" / "example" / "example_panel.csv"
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["indices", str(data), "-o", str(a)]) == 0
    printed = capsys.readouterr().out
    assert f"relatedness: {DEFAULT_METHOD}; first-axis share" in printed
    assert main(["indices", str(data), "-o", str(b), "--relatedness", "proximity"]) == 0
    assert "relatedness: proximity; first-axis share" in capsys.readouterr().out
    prox = pd.read_csv(b / "relatedness.csv")
    pd.testing.assert_frame_equal(prox, pd.read_csv(b / "proximity.csv"))
    assert not pd.read_csv(a / "relatedness.csv").equals(prox)
    with pytest.raises(SystemExit):
        main(["indices", str(data), "-o", str(b), "--relatedness", "nope"])
