"""United States commuting zones: local industry employment shares (Bartik instruments).

Goldsmith-Pinkham, Sorkin and Swift (2020) ship, with their R package ``bartik.weight``
(repository ``paulgp/bartik-weight``), the data of two shift-share designs on the 722
commuting zones (CZs) of the continental United States:

* ``variant="BAR"`` - the canonical Bartik setting: each CZ's employment share in 228
  industries in 1980, 1990 and 2000 (``BAR_local``), national industry growth
  (``BAR_global``) and the CZ outcomes (``BAR_master``: decadal wage and employment change,
  the 1980 population share, controls).
* ``variant="ADH"`` - the China-shock setting of Autor, Dorn and Hanson (2013): CZ shares in
  390 manufacturing industries (4-digit SIC) for the periods starting 1990 and 2000
  (``ADH_local``), industry import growth (``ADH_global``) and outcomes (``ADH_master``).

**The panel holds shares, not levels.** Indices that only compare rows with each other within a
region are unaffected, but anything that sums over regions (location quotients, RCA,
ubiquity) treats every CZ as equally large unless the shares are weighted. ``weights=
"population"`` multiplies each CZ's shares by the population weight the upstream outcome file
provides (``pop1980`` for BAR, ``timepwt48`` for ADH), giving approximate levels in units of
the national total. The ADH shares as published do not add up to one within a CZ (they cover
manufacturing industries only); the deviation is measured and reported, never rescaled.

The ``.rda`` files are read with :mod:`pyreadr`, a maintained reader of R data files written
in C (librdata) that needs no R installation; converting the files to another format first
would add a step that could drift from the upstream bytes the registry verifies.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..panel import Panel
from ._base import Dataset
from ._registry import fetch_file

__all__ = ["load_us_cz_bartik"]

DATASET = "us_cz_bartik"

CITATION = (
    "Goldsmith-Pinkham, P., Sorkin, I., & Swift, H. (2020). Bartik Instruments: What, When, "
    "Why, and How. American Economic Review, 110(8), 2586-2624. ADH data from Autor, D. H., "
    "Dorn, D., & Hanson, G. H. (2013). The China Syndrome. American Economic Review, 103(6), "
    "2121-2168. Files from https://github.com/paulgp/bartik-weight at commit "
    "722ceb85484d6a2bf77985edf2403515eacd1770 (R-code/pkg/data/*.rda, data/sic_code_desc.dta)."
)

LICENCE = "MIT (Copyright 2018 Paul Goldsmith-Pinkham), see LICENSE.md of the repository."

_WEIGHT_COLUMN = {"BAR": "pop1980", "ADH": "timepwt48"}


def _read_rda(file_name: str, *, download: bool) -> pd.DataFrame:
    import pyreadr

    path = fetch_file(DATASET, file_name, download=download)
    result = pyreadr.read_r(str(path))
    if len(result) != 1:
        raise ValueError(f"{file_name} holds {len(result)} objects {list(result)}; expected one.")
    return next(iter(result.values()))


def _as_int(s: pd.Series, what: str) -> pd.Series:
    if s.isna().any() or not np.all(np.mod(s.to_numpy(dtype=float), 1) == 0):
        raise ValueError(f"{what} holds missing or non-integer values; the upstream file changed.")
    return s.astype(np.int64)


def load_us_cz_bartik(
    variant: Literal["BAR", "ADH"] = "BAR",
    *,
    weights: Literal["population"] | None = None,
    download: bool = True,
) -> Dataset:
    """Load commuting-zone x industry employment shares (and outcomes) for the US.

    Parameters
    ----------
    variant : {"BAR", "ADH"}
        ``"BAR"``: 228 industries, 1980/1990/2000. ``"ADH"``: 390 manufacturing industries
        (4-digit SIC), 1990/2000.
    weights : {None, "population"}
        ``None`` (default): the panel holds the published shares. ``"population"``: shares times
        the CZ population weight of the outcome file (``pop1980``, the CZ's share of the 1980
        US population, for BAR - the same weight in every year; ``timepwt48``, the period
        weight of ADH), i.e. approximate levels as fractions of the national total.
    download : bool, default True
        Download missing files (False: use the cache only).

    Returns
    -------
    Dataset
        ``panel``: times (years), regions (CZ codes, int), industries (codes as published,
        str). Tables: ``outcomes`` (the master file), ``national`` (the industry-level shifts),
        ``share_sums`` (sum of shares per CZ-year) and, for ADH, ``industries`` (SIC names).
        ``report`` records the share-sum deviation from one and the cell counts.

    Raises
    ------
    PanelError
        If a share is missing or negative (nothing is zero-filled).
    """
    if variant not in ("BAR", "ADH"):
        raise ValueError(f"variant must be 'BAR' or 'ADH'; got {variant!r}.")
    if weights not in (None, "population"):
        raise ValueError(f"weights must be None or 'population'; got {weights!r}.")
    local = _read_rda(f"{variant}_local.rda", download=download)
    national = _read_rda(f"{variant}_global.rda", download=download)
    outcomes = _read_rda(f"{variant}_master.rda", download=download)

    for frame, name in ((local, "local"), (outcomes, "master")):
        frame["czone"] = _as_int(frame["czone"], f"{variant}_{name} czone")
        frame["year"] = _as_int(frame["year"], f"{variant}_{name} year")
    national["year"] = _as_int(national["year"], f"{variant}_global year")
    local["ind"] = local["ind"].astype(str)
    national["ind"] = national["ind"].astype(str)

    report: dict = {"variant": variant, "weights": weights, "n_rows": len(local),
                    "n_missing_shares": int(local["sh_ind_"].isna().sum()),
                    "n_negative_shares": int((local["sh_ind_"] < 0).sum())}
    sums = local.groupby(["czone", "year"])["sh_ind_"].sum().rename("share_sum")
    dev = (sums - 1.0).abs()
    report["share_sum_min"] = float(sums.min())
    report["share_sum_median"] = float(sums.median())
    report["share_sum_max"] = float(sums.max())
    report["share_sum_max_abs_deviation"] = float(dev.max())
    report["n_cz_years_zero_sum"] = int((sums == 0).sum())

    if variant == "BAR" and "init_sh_ind_" in local.columns:
        first = local["year"] == local["year"].min()
        report["init_shares_equal_first_year"] = bool(
            np.allclose(local.loc[first, "init_sh_ind_"], local.loc[first, "sh_ind_"]))

    value = "employment_share"
    data = local[["czone", "year", "ind", "sh_ind_"]].rename(columns={"sh_ind_": value})
    unit = "share of the CZ's employment (as published)"
    if weights == "population":
        wcol = _WEIGHT_COLUMN[variant]
        if wcol not in outcomes.columns:
            raise ValueError(f"{variant}_master has no {wcol!r} column; cannot weight shares.")
        w = outcomes[["czone", "year", wcol]]
        if variant == "BAR":  # one 1980 population share per CZ, used for every year
            w = w.groupby("czone", as_index=False)[wcol].first()
            data = data.merge(w, on="czone", how="left", validate="many_to_one")
        else:
            data = data.merge(w, on=["czone", "year"], how="left", validate="many_to_one")
        n_missing_w = int(data[wcol].isna().sum())
        if n_missing_w:
            raise ValueError(f"{n_missing_w} share rows have no {wcol!r} weight in the "
                             f"{variant}_master file; cannot weight them.")
        value = "employment_approx"
        data[value] = data["employment_share"] * data[wcol]
        data = data[["czone", "year", "ind", value]]
        unit = (f"approximate employment as a fraction of the national total (share x {wcol})")

    panel = Panel.from_long(
        data, region="czone", industry="ind", value=value, time="year",
        meta={"dataset": DATASET, "variant": variant, "unit": unit, "source": CITATION},
    )
    t, r, i = panel.shape
    report["n_times"], report["n_regions"], report["n_industries"] = t, r, i
    report["cells_expected"] = t * r * i

    tables = {"outcomes": outcomes, "national": national,
              "share_sums": sums.reset_index()}
    if variant == "ADH":
        sic = pd.read_stata(fetch_file(DATASET, "sic_code_desc.dta", download=download))
        sic["sic"] = sic["sic"].astype(str)
        names = pd.DataFrame({"ind": panel.industries.astype(str)})
        names = names.merge(sic.rename(columns={"sic": "ind"}), on="ind", how="left")
        report["n_industries_without_sic_name"] = int(names["description"].isna().sum())
        tables["industries"] = names

    what = ("228 industries, 1980/1990/2000 (Bartik setting)" if variant == "BAR"
            else "390 manufacturing industries (4-digit SIC), 1990/2000 (ADH China-shock "
            "setting)")
    descr = (
        f"US commuting zones ({r}) x {what}. VALUES ARE SHARES, NOT LEVELS: each CZ's "
        "employment share by industry as published by Goldsmith-Pinkham, Sorkin and Swift "
        f"(2020); per CZ-year the shares add up to between {report['share_sum_min']:.3f} and "
        f"{report['share_sum_max']:.3f} (median {report['share_sum_median']:.3f})"
        + ("; ADH covers manufacturing only, so its shares are far below one" if variant ==
           "ADH" else "") + ". "
        + (f"Weighted by {_WEIGHT_COLUMN[variant]} into approximate levels (fractions of the "
           "national total). " if weights else "Pass weights='population' for approximate "
           "levels. ")
        + f"Outcomes in tables['outcomes'].\nSource: {CITATION}"
    )
    return Dataset(name=DATASET, panel=panel, descr=descr, citation=CITATION,
                   licence=LICENCE, tables=tables, report=report)
