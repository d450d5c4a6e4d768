"""Real-data checks of the estimation samples (:mod:`smartregion.models.samples`) and the model
ladder fitted on them (skipped when a dataset is not available).

Run locally with ``SMARTREGION_DATA_DIR`` pointing at a pre-seeded data cache. Expected values
are recomputed from the raw upstream files (CSV, Stata and R data files read here with
pandas/pyreadr), not taken from numbers the package produces. The only package files read
besides the data are two hand-made tables, the JSIC concordance and the municipality-code
supplement, used as data to place 2001 rows on the 20 harmonised groups and the 2020
boundaries.

No test covers a US growth model: the Bartik master file's ``emp_ch`` has no documented period
or units, so :func:`~smartregion.models.samples.us_variety_sample` attaches no outcome and the
US panel is checked for its variety measures only.
"""

from __future__ import annotations

import warnings
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from smartregion import __version__
from smartregion.complexity import pci
from smartregion.models import (
    entry_model,
    entry_pairs,
    exit_model,
    ladder_model,
    regression_table,
    samples,
    variety_ladder,
)
from smartregion.models.estimators import ModelError
from smartregion.relatedness import relatedness_density

JP = "jp_manufactures_municipal"
NZ = "nz_urban_employment"
US = "us_cz_bartik"


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def nz(require_dataset):
    require_dataset(NZ)
    return _quiet(samples.nz_growth_sample, download=False)


@pytest.fixture(scope="module")
def nz_raw(require_dataset):
    paths = require_dataset(NZ, ["unsuppressed.csv", "urban-areas.csv"])
    raw = pd.read_csv(paths["unsuppressed.csv"],
                      dtype={"ua": "int64", "ind": "str", "year": "int64", "emp": "float64"})
    names = pd.read_csv(paths["urban-areas.csv"], dtype={"ua": "int64", "ua_name": "str"})
    return raw.assign(region=raw["ua"].map(names.set_index("ua")["ua_name"]))


@pytest.fixture(scope="module")
def jp(require_dataset):
    require_dataset(JP, ["DTA_meti_manu2004.dta", "DTA_meti_manu2012.dta",
                         "municipality_converter_en.csv"])
    return _quiet(samples.jp_growth_sample, download=False)


@pytest.fixture(scope="module")
def jp01(require_dataset):
    require_dataset(JP, ["DTA_meti_manu2001.dta", "DTA_meti_manu2012.dta",
                         "municipality_converter_en.csv"])
    return _quiet(samples.jp_growth_sample, 2001, 2012, download=False)


def _read_dta(path) -> pd.DataFrame:
    """One METI file: codes as integers, persons engaged numeric (markers become NaN)."""
    df = pd.read_stata(path, convert_categoricals=False)
    return pd.DataFrame({"id_muni": df["id_muni"].astype("int64"),
                         "code": df["id_sec2d"].astype("int64"),
                         "emp_raw": df["emp"],
                         "emp": pd.to_numeric(df["emp"].astype(str).str.strip(),
                                              errors="coerce")})


def _package_csv(name: str, **kwargs) -> pd.DataFrame:
    with resources.files("smartregion.datasets").joinpath(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, comment="#", **kwargs)


def _suppressed_2001_cells(paths, regions: pd.Index) -> int:
    """Region x harmonised-group cells of 2001 with at least one suppressed component.

    Rows of the raw 2001 file (industry rows only) are placed on ``regions``: a ward or
    municipality whose own code is a region stays, a municipality later absorbed by a ward
    goes to that ward, the rest follow the municipality converter (2000 code -> 2020 code),
    with the supplement's codes the converter lacks.
    """
    raw = _read_dta(paths["DTA_meti_manu2001.dta"])
    raw = raw[raw["code"] != 0]
    conv = pd.read_csv(paths["municipality_converter_en.csv"],
                       usecols=["id_muni2000", "id_muni2020"]).dropna()
    to2020 = dict(zip(conv["id_muni2000"].astype("int64"), conv["id_muni2020"].astype("int64"),
                      strict=True))
    sup = _package_csv("jp_municipal_code_supplement.csv",
                       dtype={"code": "int64", "maps_to": "int64", "kind": "str"})
    ward = dict(zip(sup.loc[sup["kind"] == "ward", "code"],
                    sup.loc[sup["kind"] == "ward", "maps_to"], strict=True))
    gap = dict(zip(sup.loc[sup["kind"] == "converter_gap", "code"],
                   sup.loc[sup["kind"] == "converter_gap", "maps_to"], strict=True))
    regs = {int(r) for r in regions}

    def place(code: int) -> int:
        if code in regs:
            return code
        if ward.get(code) in regs:
            return ward[code]
        code = gap.get(code, code)
        return code if code in regs else to2020.get(code, -1)

    conc = _package_csv("concordance_jsic_manufacturing.csv",
                        dtype={"revision": "int64", "code": "int64"})
    group = conc.loc[conc["revision"] == 10].set_index("code")["harmonised_group"]
    raw = raw.assign(region=raw["id_muni"].map(place), group=raw["code"].map(group))
    assert raw["group"].notna().all()
    cells = raw.loc[raw["region"].isin(regs)].groupby(["region", "group"])["emp"].apply(
        lambda s: s.isna().any())
    return int(cells.sum())


# ----------------------------------------------------------------------------- New Zealand
def test_nz_growth_outcome_matches_raw_counts(nz, nz_raw):
    tot = nz_raw.groupby(["region", "year"])["emp"].sum().unstack()
    expected = np.log(tot[1981] / tot[1976]) / 5
    got = nz.table.query("period == '1976-1981'").set_index("region")["growth"]
    common = expected.index.intersection(got.index)
    assert len(common) == 143 == len(got)
    np.testing.assert_allclose(got.loc[common], expected.loc[common], rtol=1e-12)
    # log size at the start of the last period, and the national totals of the facts
    last = nz.table.query("period == '2006-2013'").set_index("region")["log_size"]
    np.testing.assert_allclose(last.loc[common], np.log(tot.loc[common, 2006]), rtol=1e-12)
    assert nz.facts["total_employment_first"] == pytest.approx(tot[1976].sum())
    assert nz.facts["total_employment_last"] == pytest.approx(tot[2013].sum())
    assert (nz.facts["first_year"], nz.facts["last_year"], nz.facts["periods"]) == (1976, 2013, 7)


def test_nz_ladder_models_and_table(nz):
    lad = variety_ladder(nz.table, period_fe="period", region_fe="region", cluster="region",
                         network=samples.NETWORK_TERMS, outcome_label="employment growth")
    assert set(lad) == {"(1)", "(2)", "(3)", "(4)", "(2) + herfindahl"}
    assert lad["(1)"].fixed_effects == ("period",)
    # the industry-mix term and the portfolio density are in rung (2), Herfindahl is not
    assert {"expected_growth", "density"} <= set(lad["(2)"].params.index)
    assert "herfindahl" not in lad["(2)"].params.index
    assert lad["(3)"].fixed_effects == ("period", "region")
    assert all(r.n_clusters == {"region": 143} for r in lad.values())
    assert all(r.nobs == 143 * 7 for r in lad.values())
    assert set(samples.NETWORK_TERMS) <= set(lad["(4)"].params.index)
    # lagged growth is missing in the first period: those rows are counted, not hidden
    lag = ladder_model(nz.table, "growth", ["related", "unrelated", "lagged_growth"],
                       fe=("region", "period"), cluster="region")
    assert lag.nobs == 143 * 6
    assert lag.dropped["missing lagged_growth"] == 143
    tab = regression_table(lad, source=nz.source, filters=nz.filters)
    assert tab.meta["smartregion_version"] == __version__
    assert "Davies" in tab.meta["source"]
    assert "rounded to base 3" in tab.meta["filters"]


def test_ladder_coefficients_equal_ols_on_standardised_variables(nz):
    """Rung (2) recomputed with numpy: z-scores, explicit period dummies, least squares."""
    lad = variety_ladder(nz.table, period_fe="period", region_fe="region", cluster="region")
    cols = ["growth", "related", "unrelated", "log_size", "expected_growth", "density"]
    d = nz.table[cols + ["period"]].dropna()
    z = (d[cols] - d[cols].mean()) / d[cols].std(ddof=0)
    dummies = pd.get_dummies(d["period"], dtype=float).to_numpy()
    x = np.column_stack([z[cols[1:]].to_numpy(), dummies])
    beta = np.linalg.lstsq(x, z["growth"].to_numpy(), rcond=None)[0]
    np.testing.assert_allclose(lad["(2)"].params[cols[1:]].to_numpy(), beta[:5], rtol=1e-8,
                               atol=1e-12)
    # the spec keeps the outcome's standard deviation, to read coefficients back in units
    assert lad["(2)"].spec["sd_outcome"] == pytest.approx(d["growth"].std(ddof=0))


def test_nz_entry_sample_and_signs(nz, nz_raw):
    panel = nz.panel
    dens = _quiet(relatedness_density, panel,
                  samples.network_relatedness(panel, "cospecialisation"))
    comp = _quiet(pci, panel)
    entries = entry_pairs(panel, dens, comp)
    exits = entry_pairs(panel, dens, comp, kind="exit")
    # location quotients recomputed from the raw counts at the start of each period
    x = nz_raw.groupby(["year", "region", "ind"])["emp"].sum()
    reg = x.groupby(level=["year", "region"]).transform("sum")
    ind = x.groupby(level=["year", "ind"]).transform("sum")
    nat = x.groupby(level="year").transform("sum")
    lq = (x / reg) / (ind / nat)
    keys = pd.MultiIndex.from_arrays([entries["start"].astype("int64"), entries["region"],
                                      entries["industry"].astype(str)])
    assert (lq.reindex(keys).to_numpy() < 1).all()
    ends = pd.MultiIndex.from_arrays([entries["end"].astype("int64"), entries["region"],
                                      entries["industry"].astype(str)])
    np.testing.assert_array_equal(entries["entry"].to_numpy().astype(bool),
                                  lq.reindex(ends).to_numpy() >= 1)
    assert (entries["M_start"] == 0).all() and (exits["M_start"] == 1).all()
    entry = _quiet(entry_model, entries, complexity=None, source=nz.source)
    exit_ = _quiet(exit_model, exits, complexity=None, source=nz.source)
    # the literature's central finding (Neffke et al. 2011): density raises entry, lowers exit
    assert entry.params["density"] > 0 and entry.pvalues["density"] < 0.01
    assert exit_.params["density"] < 0 and exit_.pvalues["density"] < 0.01


# ----------------------------------------------------------------------------- United States
def test_us_variety_from_raw_shares_and_no_outcome(require_dataset):
    pyreadr = pytest.importorskip("pyreadr")
    paths = require_dataset(US, ["BAR_local.rda", "BAR_master.rda", "BAR_global.rda"])
    us = _quiet(samples.us_variety_sample, download=False)
    local = next(iter(pyreadr.read_r(str(paths["BAR_local.rda"])).values()))
    master = next(iter(pyreadr.read_r(str(paths["BAR_master.rda"])).values()))
    tab = us.table.set_index(["time", "region"])
    for cz, year in ((100, 1990), (38300, 1980)):
        rows = local.loc[(local["czone"] == cz) & (local["year"] == year)]
        s = rows["sh_ind_"].to_numpy()
        p = s[s > 0] / s.sum()
        h = float(-(p * np.log2(p)).sum())
        row = tab.loc[(year, cz)]
        assert row["total"] == pytest.approx(h, rel=1e-9)
        assert row["related"] + row["unrelated"] == pytest.approx(h, rel=1e-9)
        assert row["herfindahl"] == pytest.approx(float((p ** 2).sum()), rel=1e-9)
        grp = rows.assign(g=[samples.ind1990_major_group(int(i)) for i in rows["ind"]])
        q = grp.groupby("g")["sh_ind_"].sum().to_numpy()
        q = q[q > 0] / q.sum()
        assert row["unrelated"] == pytest.approx(float(-(q * np.log2(q)).sum()), rel=1e-9)
    assert us.facts["regions"] == master["czone"].nunique() == 722
    assert us.facts["years"] == [1980, 1990, 2000]
    # the master file has emp_ch, and the sample leaves it out on purpose
    assert "emp_ch" in master.columns and "emp_ch" not in us.table.columns
    assert us.facts["outcome_dropped"].startswith("emp_ch")


def test_ind1990_major_groups_by_hand():
    g = samples.ind1990_major_group
    assert g(60) == g("099") == "construction"
    assert g("932") == "public_administration"
    assert g(351) == "manufacturing_durable" and g(229) == "manufacturing_nondurable"
    assert g(0) == "not_classified" and g(940) == "military"
    with pytest.raises(ValueError, match="outside"):
        g(1200)


# ----------------------------------------------------------------------------- Japan
def test_jp_main_sample_is_2004_2012_without_zero_filled_cells(jp, require_dataset):
    paths = require_dataset(JP, ["DTA_meti_manu2004.dta", "DTA_meti_manu2012.dta",
                                 "municipality_converter_en.csv"])
    assert (jp.facts["start"], jp.facts["end"]) == (2004, 2012)
    assert set(jp.table["period"]) == {"2004-2012"}
    # persons engaged is published for every row of the 2004 and 2012 files: nothing to zero
    raw = {y: _read_dta(paths[f"DTA_meti_manu{y}.dta"]) for y in (2004, 2012)}
    for y, df in raw.items():
        assert df["emp"].notna().all(), y
    assert jp.facts["suppressed_cells_set_to_zero"] == 0 == jp.facts["suppressed_cells"]
    assert any("(0 set to 0)" in f for f in jp.filters)
    # growth and size of municipalities untouched by mergers, from the raw industry rows
    conv = pd.read_csv(paths["municipality_converter_en.csv"])
    code_cols = [c for c in conv.columns if c.startswith("id_muni") and c[7:].isdigit()]
    members = conv.melt(id_vars="id_muni2020", value_vars=code_cols).dropna()
    n_codes = members.groupby("id_muni2020")["value"].nunique()
    stable = set(n_codes.index[n_codes == 1].astype("int64"))
    kept = jp.table.assign(code=jp.table["region"].astype("int64")).set_index("code")
    emp = {y: df[df["code"] != 0].groupby("id_muni")["emp"].sum() for y, df in raw.items()}
    check = sorted(c for c in kept.index if c in stable and c % 1000 >= 200
                   and c in emp[2004].index and c in emp[2012].index)
    assert len(check) > 100
    growth = np.log(emp[2012].loc[check] / emp[2004].loc[check]) / 8
    np.testing.assert_allclose(kept.loc[check, "growth"], growth.to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(kept.loc[check, "log_size"], np.log(emp[2004].loc[check]),
                               rtol=1e-12)
    assert (np.exp(jp.table["log_size"]) >= 100 - 1e-9).all()
    # all 2004 employees with a published total: the prefecture rows of the raw file
    r04 = raw[2004]
    pref_rows = r04[(r04["code"] == 0) & ((r04["id_muni"] <= 47) | (r04["id_muni"] % 1000 == 0))]
    assert jp.facts["employees_published"] == pytest.approx(pref_rows["emp"].sum())
    assert 0 < jp.facts["employment_share_kept"] < 1
    # prefecture (fixed-effect and cluster unit) is the first two digits of the code
    assert (jp.table["prefecture"].astype("int64") == kept.index.to_numpy() // 1000).all()


def test_jp_variety_and_ladder(jp):
    data = jp.table
    assert (data["related"] + data["unrelated"] - data["total"]).abs().max() < 1e-9
    # upper level has 3 METI types: unrelated variety is at most log2(3) bits
    assert data["unrelated"].max() <= np.log2(3) + 1e-12
    assert jp.resolution["groups"] == 3 and jp.resolution["industries"] == 20
    lad = variety_ladder(data, region_fe="prefecture", cluster="prefecture",
                         network=samples.NETWORK_TERMS)
    assert lad["(1)"].fixed_effects == ()
    assert lad["(3)"].fixed_effects == ("prefecture",)
    assert lad["(1)"].n_clusters["prefecture"] >= 40
    assert all(lad[k].nobs == len(data) for k in ("(1)", "(2)", "(3)"))
    # rung (4) loses the places whose network measures are undefined, and says how many
    undefined = int(data[list(samples.NETWORK_TERMS)].isna().any(axis=1).sum())
    assert lad["(4)"].nobs == len(data) - undefined
    assert sum(v for k, v in lad["(4)"].dropped.items() if k.startswith("missing")) == undefined
    tab = regression_table(lad, source=jp.source, filters=jp.filters)
    assert "growth 2004-2012" in tab.meta["filters"]


def test_jp_2001_robustness_counts_its_zero_filled_cells(jp01, require_dataset):
    paths = require_dataset(JP, ["DTA_meti_manu2001.dta", "municipality_converter_en.csv"])
    assert (jp01.facts["start"], jp01.facts["end"]) == (2001, 2012)
    raw = _read_dta(paths["DTA_meti_manu2001.dta"])
    markers = raw.loc[raw["emp"].isna(), "emp_raw"].astype(str).str.strip()
    assert set(markers) <= {"X", "χ"}  # every missing 2001 cell is a confidentiality marker
    expected = _suppressed_2001_cells(paths, jp01.panel.regions)
    assert expected > 1000
    assert jp01.facts["suppressed_cells_set_to_zero"] == expected
    assert any(f"({expected} set to 0)" in f for f in jp01.filters)


def test_jp_entry_samples(require_dataset):
    paths = require_dataset(JP, ["DTA_meti_manu2001.dta", "DTA_meti_manu2004.dta",
                                 "DTA_meti_manu2008.dta", "DTA_meti_manu2012.dta",
                                 "municipality_converter_en.csv"])
    ent = _quiet(samples.jp_entry_sample, (2004, 2008, 2012), download=False)
    pairs = ent.table
    assert (pairs["M_start"] == 0).all()
    assert set(pairs["period"]) == {"2004-2008", "2008-2012"}
    # LQ at start and end recomputed from the panel's counts with numpy
    p = ent.panel
    v = p.values
    lq = (v / v.sum(axis=2, keepdims=True)) / (v.sum(axis=1, keepdims=True)
                                                / v.sum(axis=(1, 2), keepdims=True))
    t = {y: i for i, y in enumerate(p.times)}
    r = {x: i for i, x in enumerate(p.regions)}
    k = {x: i for i, x in enumerate(p.industries)}
    ri, ki = pairs["region"].map(r).to_numpy(), pairs["industry"].map(k).to_numpy()
    lq0 = lq[pairs["start"].map(t).to_numpy(), ri, ki]
    lq1 = lq[pairs["end"].map(t).to_numpy(), ri, ki]
    assert (lq0 < 1).all()
    np.testing.assert_array_equal(pairs["entry"].to_numpy().astype(bool), lq1 >= 1)
    assert ent.facts["suppressed_cells_set_to_zero"] == 0
    assert "suppressed cells: zero (0 set to 0)" in ent.filters
    model = _quiet(entry_model, pairs, complexity=None, cluster="prefecture",
                   source=ent.source)
    assert model.params["density"] > 0 and model.pvalues["density"] < 0.01
    # the 2001 variant counts the cells it sets to zero, and they inflate 2001-04 entry
    ent01 = _quiet(samples.jp_entry_sample, (2001, 2004, 2008, 2012), download=False)
    assert ent01.facts["suppressed_cells_set_to_zero"] == _suppressed_2001_cells(
        paths, ent01.panel.regions)
    rates = ent01.table.groupby("period")["entry"].mean()
    assert rates["2001-2004"] > max(rates["2004-2008"], rates["2008-2012"])


def test_jp_caveats_persons_engaged_suppressed_only_before_2004(require_dataset):
    """Counted straight from the raw files: persons-engaged cells are missing in 2001-03
    and never after; value added is missing in every year; no municipal total has fewer than
    four persons per establishment (the tables' size cut-off)."""
    years = (2002, 2003, 2004, 2007)
    paths = require_dataset(JP, [f"DTA_meti_manu{y}.dta" for y in years]
                            + ["municipality_converter_en.csv"])
    cav = _quiet(samples.jp_manufactures_caveats, years, download=False).set_index("year")
    for y in years:
        raw = _read_dta(paths[f"DTA_meti_manu{y}.dta"])
        full = pd.read_stata(paths[f"DTA_meti_manu{y}.dta"], convert_categoricals=False)
        for c in ("va", "num_estb"):
            raw[c] = pd.to_numeric(full[c].astype(str).str.strip(), errors="coerce")
        detail = raw.loc[raw["code"] != 0]
        n_emp, n_va = int(detail["emp"].isna().sum()), int(detail["va"].isna().sum())
        assert (n_emp > 1000) == (y < 2004), y
        assert n_va > 1000
        assert cav.loc[y, "suppressed_persons_engaged"] > 0 if y < 2004 else \
            cav.loc[y, "suppressed_persons_engaged"] == 0
        tot = raw.loc[(raw["code"] == 0) & raw["num_estb"].gt(0)]
        assert (tot["emp"] / tot["num_estb"]).min() >= 4.0 - 1e-12, y
    assert (cav["min_persons_per_establishment"] >= 4.0 - 1e-12).all()


def test_jp_growth_table_has_regions_mix_and_density(jp):
    t = jp.table
    assert set(t["jp_region"]) == set(samples.JP_REGIONS.values())
    kyoto = t.loc[t["prefecture"] == "26", "jp_region"]
    assert len(kyoto) and (kyoto == "Kinki").all()
    assert t["expected_growth"].notna().all() and t["density"].between(0, 1).all()


# ----------------------------------------------------------------------------- China
def test_cn_periods_never_cross_the_coverage_break():
    """A period with start < 2013 <= end raises before any file is read."""
    for bad in ([(2010, 2014)], [(2012, 2013)], [(2009, 2012), (2011, 2017)]):
        with pytest.raises(ModelError, match="straddle the 2013 coverage break"):
            samples.cn_growth_sample(bad, download=False)


def test_cn_regions_by_hand():
    from smartregion.datasets.cn_provinces import PROVINCE_NAMES

    assert set(samples.CN_REGIONS) == set(PROVINCE_NAMES.values())
    counts = pd.Series(samples.CN_REGIONS).value_counts().to_dict()
    assert counts == {"West": 12, "East": 10, "Centre": 6, "Northeast": 3}
    got = samples.cn_region(pd.Series(["Beijing", "Henan", "Xinjiang", "Liaoning"])).tolist()
    assert got == ["East", "Centre", "West", "Northeast"]
    with pytest.raises(ModelError, match="Atlantis"):
        samples.cn_region(pd.Series(["Beijing", "Atlantis"]))


@pytest.fixture(scope="module")
def cn_raw(load_or_skip):
    from smartregion.datasets.cn_provinces import load_cn_province_sector_employment

    return load_or_skip(lambda **k: _quiet(load_cn_province_sector_employment, **k),
                        "China province panel", download=False).tables["employment"]


@pytest.fixture(scope="module")
def cn(load_or_skip):
    return load_or_skip(lambda **k: _quiet(samples.cn_growth_sample, **k),
                        "China province panel", download=False)


def test_cn_sample_periods_counts_and_resolution(cn):
    t = cn.table
    assert cn.facts["periods"] == ["2009-2012", "2013-2017"]
    assert ((t["end"] < 2013) | (t["start"] >= 2013)).all()
    assert cn.facts["coverage_break_year"] == 2013
    # Tibet and Ningxia have empty cells before 2013: out, and said so
    assert cn.facts["panel_dropped"] == {"drop_regions": ["Ningxia", "Tibet"]}
    assert not {"Tibet", "Ningxia"} & set(t["region"])
    assert cn.facts["provinces"] == 29 and len(t) == 29 * 2 == cn.facts["observations"]
    assert t.groupby("period")["region"].nunique().to_dict() == {"2009-2012": 29,
                                                                 "2013-2017": 29}
    res = cn.resolution
    assert (res["industries"], res["groups"], res["level"]) == (19, 3, "industry3")
    assert res["max_uv_bits"] == pytest.approx(np.log2(3))
    assert any("2013 coverage break" in f for f in cn.filters)
    assert "2012" in cn.facts["classification_note"]
    assert (t.loc[t["region"] == "Guangdong", "cn_region"] == "East").all()
    assert (t["province"] == t["region"].astype(str)).all()
    for c in ("expected_growth", "density", *samples.NETWORK_TERMS):
        assert t[c].notna().all(), c


def test_cn_growth_and_variety_from_the_cells(cn, cn_raw):
    """Growth, size and UV of one province recomputed from the loader's cell table."""
    cells = cn_raw[cn_raw["province"] == "Hubei"]
    tot = cells.groupby("year")["value"].sum()
    row = cn.table.set_index(["region", "period"]).loc[("Hubei", "2013-2017")]
    assert row["growth"] == pytest.approx(np.log(tot[2017] / tot[2013]) / 4, rel=1e-12)
    assert row["log_size"] == pytest.approx(np.log(tot[2013]), rel=1e-12)
    c13 = cells[cells["year"] == 2013]
    prim = c13.loc[c13["section"] == "A", "value"].sum()
    sec = c13.loc[c13["section"].isin(list("BCDE")), "value"].sum()
    share = np.array([prim, sec, tot[2013] - prim - sec]) / tot[2013]
    assert row["unrelated"] == pytest.approx(-(share * np.log2(share)).sum(), rel=1e-10)
    # the 2009 national total of the kept provinces, from the cells
    kept = cn_raw[~cn_raw["province"].isin(["Tibet", "Ningxia"]) & (cn_raw["year"] == 2009)]
    assert cn.facts["national_total"][2009] == pytest.approx(kept["value"].sum())


def test_cn_all_provinces_from_2013(load_or_skip):
    cn31 = load_or_skip(lambda **k: _quiet(samples.cn_growth_sample, **k),
                        "China province panel", periods=[(2013, 2017)],
                        incomplete="drop_years", download=False)
    assert len(cn31.table) == 31 == cn31.facts["provinces"]
    assert cn31.facts["panel_dropped"] == {"drop_years": [2009, 2010, 2011, 2012]}
    with pytest.raises(ModelError, match="not .*pairs of panel times"):
        _quiet(samples.cn_growth_sample, [(2009, 2012)], incomplete="drop_years",
               download=False)
