"""The numbered notebooks: paired with their .py source, stripped, and executable end to end.

The notebooks are executed once per test session, by ``scripts/reproduce.py`` into a temporary
output folder (the ``reproduced`` fixture in conftest.py); the per-notebook checks read that
folder. Where a notebook records a number that is a fact of the data (a published total, a
check figure named in the data documentation), the test asserts it; numbers that are results
of the analysis are not pinned to a previous run. Runs with other parameters or other input
files (notebook 04 for another region, notebook 07 on other panels) execute their own copy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
SOURCES = sorted(NB_DIR.glob("[0-9][0-9]_*.py"))

pytestmark = pytest.mark.notebooks

# Facts of the data that notebooks record as key numbers: (notebook stem, key) -> value.
FACTS = {
    ("02_kyoto_case", "kyoto_prefecture_persons_engaged_2014"): 1_241_077,
    ("02_kyoto_case", "japan_persons_engaged_2014"): 61_718_550,
    ("02_kyoto_case", "kyoto_city_manufacturing_employees_2001"): 82_207,
    ("02_kyoto_case", "kyoto_city_manufacturing_employees_2012"): 62_201,
    ("03_shenzhen_case", "shenzhen_gdp_2001"): 1954.17,
    ("03_shenzhen_case", "shenzhen_gdp_2017"): 22490.06,
    ("03_shenzhen_case", "shenzhen_district_workers_total"): 4_425_477,
    ("03_shenzhen_case", "shenzhen_district_gdp_total_10k_yuan"): 194_926_012,
    ("03_shenzhen_case", "shenzhen_population_2016_10k"): 1190.84,
    ("03_shenzhen_case", "district_data_year"): 2016,
    ("03_shenzhen_case", "district_gdp_matches_nbs_2016"): True,
    ("05_quantitative_tests", "nz_total_employment_1976"): 1_116_735,
    ("05_quantitative_tests", "nz_total_employment_2013"): 1_632_342,
}


def _manifest(out: Path, stem: str) -> list[dict[str, str]]:
    import csv

    path = out / "tables" / f"{stem}_manifest.csv"
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_notebook_has_a_stripped_pair():
    import jupytext
    import nbformat

    assert SOURCES, "no notebooks found"
    for src in SOURCES:
        ipynb = src.with_suffix(".ipynb")
        assert ipynb.exists(), f"{ipynb.name} missing: run `jupytext --sync {src.name}`"
        nb = nbformat.read(ipynb, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.get("outputs"), f"{ipynb.name} holds outputs: strip it"
                assert cell.get("execution_count") is None, f"{ipynb.name} holds counts"
        from_py = jupytext.read(src)
        a = [(c.cell_type, c.source.strip()) for c in from_py.cells]
        b = [(c.cell_type, c.source.strip()) for c in nb.cells]
        assert a == b, f"{src.name} and {ipynb.name} are out of sync: run `jupytext --sync`"


def test_nbstripout_verify():
    ipynbs = [str(s.with_suffix(".ipynb")) for s in SOURCES]
    res = subprocess.run([sys.executable, "-m", "nbstripout", "--verify", "--keep-id", *ipynbs],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


#: Upper bounds on the code of the case and analysis notebooks (lines that are neither blank nor
#: comments; in the percent format markdown cells are comments). Indicators, figures and the
#: key numbers of readings live in the library (smartregion.proposals, smartregion.cases,
#: smartregion.models.readings), so a notebook holds data, one call per indicator and figure,
#: and the readings.
CODE_LINE_BUDGET = {"02_kyoto_case": 400, "03_shenzhen_case": 700,
                    "04_structure_variety_networks": 300, "05_quantitative_tests": 700,
                    "06_policy_proposals": 600, "07_bring_your_own_data": 300,
                    "08_published_benchmark": 180}
#: Calls of the output writer that only record or write key numbers.
RECORDING_CALLS = {"key", "record", "save_keys"}


def _code_cells(src: Path) -> list[str]:
    import re

    cells = re.split(r"^# %%", src.read_text(encoding="utf-8"), flags=re.M)[1:]
    return [body for head, _, body in (c.partition("\n") for c in cells)
            if "[markdown]" not in head]


def _only_records(code: str) -> bool:
    """True when every statement of a cell is an ``out.key/record/save_keys(...)`` call."""
    import ast

    stmts = ast.parse(code).body
    calls = [getattr(st, "value", None) for st in stmts]
    return bool(stmts) and all(
        isinstance(st, (ast.Expr, ast.Assign)) and isinstance(c, ast.Call)
        and isinstance(c.func, ast.Attribute) and c.func.attr in RECORDING_CALLS
        for st, c in zip(stmts, calls, strict=True))


@pytest.mark.parametrize("stem", sorted(CODE_LINE_BUDGET))
def test_notebook_code_stays_under_its_line_budget(stem):
    lines = (NB_DIR / f"{stem}.py").read_text(encoding="utf-8").splitlines()
    code = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    assert len(code) < CODE_LINE_BUDGET[stem], (
        f"{stem}.py has {len(code)} code lines (limit {CODE_LINE_BUDGET[stem]}): move "
        "computation or figure code into the library")


def test_no_cell_only_records_numbers():
    # key numbers are recorded by the call that computes them (OutputWriter.record of an
    # Indicator), never by a cell of bookkeeping; the closing cell may write the keys file
    bad = []
    for src in SOURCES:
        cells = _code_cells(src)
        for i, code in enumerate(cells):
            closing = i == len(cells) - 1 and "save_keys" in code
            if _only_records(code) and not closing:
                bad.append(f"{src.name}: code cell {i + 1}: {code.strip()[:60]!r}")
    assert not bad, "cells that only record numbers:\n" + "\n".join(bad)


def test_record_only_check_flags_bookkeeping():
    # the check itself: a cell of out.key calls is flagged, a cell that computes is not
    assert _only_records('out.key("a", 1, section="1")\nout.record({"b": 2})\n')
    assert not _only_records('x = f()\nout.key("a", x)\n')
    assert not _only_records("")


def test_each_notebook_has_one_parameters_cell():
    import jupytext

    for src in SOURCES:
        nb = jupytext.read(src)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{src.name}: expected one cell tagged 'parameters'"
        assert "output_dir" in tagged[0].source and "seed" in tagged[0].source


@pytest.mark.slow
@pytest.mark.parametrize("src", SOURCES, ids=[s.stem for s in SOURCES])
def test_notebook_executes(src, reproduced):
    # notebooks that need the real data are not run without it: the test says why
    out = reproduced.require(src.stem)
    keys_file = out / "key_numbers" / f"{src.stem}.json"
    assert keys_file.exists(), f"{src.stem} wrote no key numbers"
    keys = json.loads(keys_file.read_text(encoding="utf-8"))
    for (stem, key), value in FACTS.items():
        if stem == src.stem:
            assert key in keys, f"{stem} does not record {key}"
            assert keys[key]["value"] == pytest.approx(value, rel=1e-9), key
    tables = [r["file"] for r in _manifest(out, src.stem) if "table" in r["kind"]]
    assert tables, f"{src.stem} wrote no tables"
    assert all((out / f).exists() for f in tables), f"{src.stem}: a listed table is missing"
    # every quoted figure the run recorded (q_<key>) is the value of data/raw/case_figures.csv
    from smartregion.datasets.facts import QUOTED_PREFIX, case_figure_rows

    table = case_figure_rows()
    for key, rec in keys.items():
        name = key[len(QUOTED_PREFIX):]
        if not key.startswith(QUOTED_PREFIX) or (name not in table.index
                                                 and name.endswith("_rank")):
            continue
        assert name in table.index, f"{src.stem} records {key}, which is not in the table"
        assert rec["value"] == pytest.approx(float(table.loc[name, "value"]), rel=1e-12), key


def _byod_panel(name: str, tmp_path: Path) -> tuple[Path, Path, str, dict]:
    """A real or synthetic panel written to CSV files as a user would have them."""
    from smartregion.datasets import DataNotAvailableError

    if name == "example":
        return (ROOT / "data" / "example" / "example_panel.csv",
                ROOT / "data" / "example" / "example_hierarchy.csv", "Example City", {})
    try:
        if name == "nz":
            from smartregion.datasets.nz import load_nz_urban_employment

            ds = load_nz_urban_employment(download=False)
        else:
            from smartregion.datasets.jp_census import load_jp_economic_census_2014

            ds = load_jp_economic_census_2014(download=False)
    except DataNotAvailableError:
        pytest.skip(f"{name} data not cached; set SMARTREGION_DATA_DIR")
    long = ds.panel.to_long(drop_zeros=True)
    # the real-size runs check what is drawn and written, not the null-model statistics: 50
    # draws (against the notebook's default 200) keep their run time down
    params: dict = {"value_col": ds.panel.value_name, "n_draws": 50}
    if ds.panel.has_time:
        long = long.rename(columns={"time": "year"})
    else:
        long = long.drop(columns=[c for c in ("time",) if c in long.columns])
        params["time_col"] = ""
    data = tmp_path / f"{name}_panel.csv"
    long.to_csv(data, index=False)
    hpath = tmp_path / f"{name}_hierarchy.csv"
    ds.panel.hierarchy.reset_index().to_csv(hpath, index=False)
    region = {"nz": "Wellington Zone", "census": "Kyoto"}[name]
    assert region in set(long["region"])
    return data, hpath, region, params


@pytest.mark.slow
@pytest.mark.parametrize("name", ["example", "nz", "census"])
def test_bring_your_own_data_on_real_size_panels(name, tmp_path):
    """Notebook 07 on the synthetic example, the NZ panel and the 42 x 522 census panel.

    Checks that figures are written and readable: at most `max_labels` labels, a capped
    legend, a backbone between the spanning tree and the target mean degree, no "(None)",
    no warning printed by the run, and the analyses of the number of periods.
    """
    import matplotlib.image as mpimg
    import papermill as pm

    data, hier, region, params = _byod_panel(name, tmp_path)
    out = tmp_path / "outputs"
    executed = tmp_path / "07.ipynb"
    pm.execute_notebook(str(NB_DIR / "07_bring_your_own_data.ipynb"), str(executed),
                        parameters={"output_dir": str(out), "data_path": str(data),
                                    "hierarchy_path": str(hier), "region": region,
                                    "label": f"07_{name}", **params},
                        cwd=str(NB_DIR), progress_bar=False, kernel_name="python3")
    keys = {k: v["value"] for k, v in
            json.loads((out / "key_numbers" / "07_bring_your_own_data.json").read_text()).items()}
    n = keys["n_industries"]
    assert 0 < keys["n_labels"] <= 20
    assert 0 < keys["n_legend_entries"] <= 10
    # the spanning tree is a forest when the relatedness leaves industries unlinked
    forest = n - keys["space_components"]
    assert forest <= keys["backbone_edges"] <= max(2 * n, forest)
    assert keys["backbone_mean_degree"] <= 4.0 or keys["backbone_edges"] == forest
    assert "maximum spanning tree" in keys["backbone_rule"]
    for fig in ("lq", "rv_uv", "eci", "industry_space", "targets"):
        img = mpimg.imread(out / "figures" / f"07_{name}_{fig}.png")
        assert img.ndim == 3 and min(img.shape[:2]) > 300, fig
        assert img[..., :3].std() > 0.01, f"{fig} is blank"
    for table in ("lq", "variety", "eci", "pci", "footprint", "targets"):
        assert (out / "tables" / f"07_{name}_{table}.csv").stat().st_size > 0, table
    multi = keys["n_periods"] >= 2
    for table in ("shift_share", "growth", "churn"):
        assert (out / "tables" / f"07_{name}_{table}.csv").exists() == multi, table
    assert isinstance(keys["eci_rank"], int) and 1 <= keys["eci_rank"] <= keys["n_regions"]
    nb = json.loads(executed.read_text(encoding="utf-8"))
    text = json.dumps([c.get("outputs", []) for c in nb["cells"]])
    assert "(None)" not in text
    assert "Warning" not in text, "the run printed a warning"
    if name == "nz":
        assert keys["n_regions"] == 143 and keys["period_shown"] == 2013
    if name == "census":
        assert (keys["n_regions"], n, keys["n_periods"]) == (42, 522, 1)
        assert keys["period_shown"] is None


@pytest.mark.slow
@pytest.mark.slow
def test_bring_your_own_data_warns_on_a_ten_region_panel_and_still_writes(tmp_path):
    """Ten districts x nineteen sections (Shenzhen's shape): results written, warnings shown."""
    import numpy as np
    import pandas as pd
    import papermill as pm

    from smartregion.stability import MIN_REGIONS

    rng = np.random.default_rng(0)
    rows = [(f"D{r:02d}", f"S{i:02d}", int(rng.integers(50, 5000)))
            for r in range(10) for i in range(19)]
    data = tmp_path / "ten.csv"
    pd.DataFrame(rows, columns=["region", "industry", "value"]).to_csv(data, index=False)
    out = tmp_path / "outputs"
    executed = tmp_path / "07.ipynb"
    pm.execute_notebook(str(NB_DIR / "07_bring_your_own_data.ipynb"), str(executed),
                        parameters={"output_dir": str(out), "data_path": str(data),
                                    "hierarchy_path": "", "region": "D03", "time_col": "",
                                    "label": "07_ten", "n_draws": 20},
                        cwd=str(NB_DIR), progress_bar=False, kernel_name="python3")
    keys = {k: v["value"] for k, v in
            json.loads((out / "key_numbers" / "07_bring_your_own_data.json").read_text()).items()}
    assert keys["n_input_warnings"] >= 1
    assert f"only 10 regions (fewer than {MIN_REGIONS})" in keys["input_warnings"]
    text = json.dumps([c.get("outputs", []) for c in
                       json.loads(executed.read_text(encoding="utf-8"))["cells"]])
    assert "warning: only 10 regions" in text
    for table in ("lq", "eci", "pci", "footprint", "targets"):
        assert (out / "tables" / f"07_ten_{table}.csv").exists(), table


def test_bring_your_own_data_never_writes_over_the_package_outputs(tmp_path):
    """A user's file pointed at the package's outputs/ goes to outputs/byod/<file>_<region>."""
    import shutil
    import uuid

    import papermill as pm

    stem = f"user_{uuid.uuid4().hex[:8]}"
    data = tmp_path / f"{stem}.csv"
    shutil.copy(ROOT / "data" / "example" / "example_panel.csv", data)
    target = ROOT / "outputs" / "byod" / f"{stem}_Example_City"
    package_keys = ROOT / "outputs" / "key_numbers" / "07_bring_your_own_data.json"
    before = package_keys.read_bytes() if package_keys.exists() else None
    try:
        pm.execute_notebook(str(NB_DIR / "07_bring_your_own_data.ipynb"),
                            str(tmp_path / "07.ipynb"),
                            parameters={"output_dir": str(ROOT / "outputs"),
                                        "data_path": str(data)},
                            cwd=str(NB_DIR), progress_bar=False, kernel_name="python3")
        assert (target / "key_numbers" / "07_bring_your_own_data.json").exists()
        assert (target / "figures" / f"07_{stem}_industry_space.png").exists()
        after = package_keys.read_bytes() if package_keys.exists() else None
        assert after == before
    finally:
        shutil.rmtree(target, ignore_errors=True)
        for folder in (target.parent, target.parent.parent):  # only if the test made them
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


# Two runs of notebook 07 on its default input writing identical files: checked with every other
# notebook by test_outputs_review.test_a_second_run_writes_identical_bytes.


# ----------------------------------------------------------------------------- notebooks 04, 05
def _run(name: str, tmp_path: Path, **params) -> Path:
    import papermill as pm

    out = tmp_path / "outputs"
    pm.execute_notebook(str(NB_DIR / f"{name}.ipynb"), str(tmp_path / f"{name}.ipynb"),
                        parameters={"output_dir": str(out), **params}, cwd=str(NB_DIR),
                        progress_bar=False, kernel_name="python3")
    return out


def _tables_are_plain(out: Path, pattern: str = "*.csv") -> None:
    import pandas as pd

    csvs = sorted((out / "tables").glob(pattern))
    assert csvs
    for path in csvs:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert not first.startswith("#"), f"{path.name} starts with a comment line"
        frame = pd.read_csv(path)
        header = next(__import__("csv").reader([first]))
        got = ["" if str(c).startswith("Unnamed: ") else str(c) for c in frame.columns]
        assert got == header, path.name


@pytest.mark.slow
@pytest.mark.usefixtures("needs_data")
def test_notebook_04_region_parameter_works_end_to_end(tmp_path):
    out = _run("04_structure_variety_networks", tmp_path, region="Osaka")
    keys = json.loads((out / "key_numbers" / "04_structure_variety_networks.json").read_text())
    assert keys["region"]["value"] == "Osaka"
    assert (out / "figures" / "04_industry_space_osaka.png").stat().st_size > 0
    assert (out / "tables" / "04_osaka_specialisations.csv").exists()
    assert not (out / "tables" / "04_kyoto_specialisations.csv").exists()
    prose = (out / "key_numbers" / "04_structure_variety_networks_prose.md").read_text()
    assert "Osaka" in prose and "Kyoto" not in prose
    import pandas as pd

    central = pd.read_csv(out / "tables" / "04_central_industries.csv")
    assert "eigenvector" not in central.columns  # not on the backbone
    assert central["eigenvector_full_space"].min() > 1e-6
    _tables_are_plain(out)


@pytest.mark.slow
@pytest.mark.reproduce_notebooks("05_quantitative_tests")
def test_notebook_05_tables_plain_and_figure_models_match_caption(reproduced):
    import pandas as pd

    out = reproduced.require("05_quantitative_tests",
                             "real datasets are not cached; set SMARTREGION_DATA_DIR")
    _tables_are_plain(out, "05_*.csv")
    keys = json.loads((out / "key_numbers" / "05_quantitative_tests.json").read_text())
    rows = pd.read_csv(out / "tables" / "05_variety_coefficients.csv")
    models = keys["coefficients_figure_models"]["value"]
    assert list(dict.fromkeys(rows["model_id"])) == models
    caption = keys["coefficients_figure_caption"]["value"]
    assert set(caption.split("Models shown: ")[1].rstrip(".").split("; ")) == set(models)
    samples = pd.read_csv(out / "tables" / "05_samples.csv").set_index("panel")
    assert samples.loc["Japan manufactures (main)", "period"] == "2004-2012"
    assert samples.loc["Japan manufactures (main)", "suppressed_cells_set_to_zero"] == 0
    assert (out / "tables" / "05_jp_variety_growth.csv.json").exists()


def test_notebook_06_case_is_fixed_not_a_parameter():
    # the prose, ward names and quoted facts of notebook 06 are Kyoto's: a region parameter
    # would change some tables and not the text, so the notebook offers none
    import papermill as pm

    declared = pm.inspect_notebook(str(NB_DIR / "06_policy_proposals.ipynb"))
    assert set(declared) == {"output_dir", "seed"}
