"""Small published tables, transcribed with their sources (quoted, not fetched).

Three tables ship with the package (``smartregion/datasets/facts/*.csv``, identical to
``data/raw/*.csv`` in the project tree):

``"prd9_manufacturing_2018"``
    Nine Pearl River Delta cities x ten manufacturing groups, 2018: each group's output as a
    percentage of city GDP (Kang & Liu 2020, Geographical Research, Table 2).
``"cn_national_employment"``
    China, employed persons in urban units by 19 sectors (GB/T 4754-2002 sections), 2003-2014,
    10,000 persons (NBS National Data).
``"case_figures"``
    Every published figure the Kyoto and Shenzhen cases quote, one row per figure with a stable
    ``key``, its value, unit and year, the page actually read (``source``, ``citation``), the
    primary publication behind it (``primary_source``; ``primary_seen`` says whether that
    publication itself, or a faithful copy of it, was read), the access date and notes. Many
    come from secondary sources (press, reprints, mirrors) and are flagged so.
    :func:`case_figure` returns one value by key; :func:`record_case_figures` records the
    figures a notebook uses among its key numbers (``q_<key>``) so its prose can cite them.

Every row carries ``source``, ``citation`` and ``secondary_source`` (``True`` when the figure
was read on a page other than the publication of the body that produced it).
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pandas as pd

from ..panel import Panel
from ._base import Dataset

__all__ = ["FACTS", "QUOTED_PREFIX", "case_figure", "case_figure_rows", "load_facts",
           "read_fact_table", "record_case_figures"]

QUOTED_PREFIX = "q_"
"""Prefix of the key numbers that hold quoted figures (``q_<key>`` of ``case_figures``)."""

_CASE_REQUIRED = ("key", "value", "unit", "source", "citation", "primary_source",
                  "primary_seen", "accessed")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

FACTS = {
    "prd9_manufacturing_2018": "prd9_manufacturing_2018.csv",
    "cn_national_employment": "cn_national_employment_by_sector.csv",
    "case_figures": "case_figures.csv",
}
"""Names accepted by :func:`load_facts` and their CSV files."""

_QUOTED = (
    "These numbers are transcribed from published tables and pages (quoted, not downloaded by "
    "smartregion); each row names its source and citation."
)


def read_fact_table(name: str) -> pd.DataFrame:
    """Read one transcribed table as shipped (all columns, ``secondary_source`` as bool).

    Parameters
    ----------
    name : str
        One of :data:`FACTS`.

    Returns
    -------
    DataFrame

    Raises
    ------
    KeyError
        Unknown name.
    ValueError
        A row without source or citation, or a ``secondary_source`` that is not true/false.
    """
    if name not in FACTS:
        raise KeyError(f"unknown fact table {name!r}; choose one of {sorted(FACTS)}.")
    ref = resources.files("smartregion.datasets").joinpath("facts", FACTS[name])
    with ref.open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    for col in ("source", "citation", "secondary_source"):
        if col not in df.columns:
            raise ValueError(f"{FACTS[name]}: column {col!r} is missing.")
        n_empty = int((df[col].str.strip() == "").sum())
        if n_empty:
            raise ValueError(f"{FACTS[name]}: {n_empty} row(s) have no {col}.")
    flags = df["secondary_source"].str.lower()
    if not flags.isin(["true", "false"]).all():
        raise ValueError(f"{FACTS[name]}: secondary_source must be true/false.")
    df["secondary_source"] = flags == "true"
    if name == "case_figures":
        _check_case_table(df)
        df["primary_seen"] = df["primary_seen"].str.lower() == "true"
    return df


def _check_case_table(df: pd.DataFrame) -> None:
    """Every row: a unique key, a number, a unit, a primary source and an access date."""
    fname = FACTS["case_figures"]
    for col in _CASE_REQUIRED:
        if col not in df.columns:
            raise ValueError(f"{fname}: column {col!r} is missing.")
        empty = df.index[df[col].str.strip() == ""]
        if len(empty):
            raise ValueError(f"{fname}: column {col!r} is empty on line(s) "
                             f"{[int(i) + 2 for i in empty]}.")
    bad = df.index[~df["key"].str.match(_KEY)]
    if len(bad):
        raise ValueError(f"{fname}: keys must be lower-case identifiers; line(s) "
                         f"{[int(i) + 2 for i in bad]}.")
    dup = df["key"][df["key"].duplicated()]
    if len(dup):
        raise ValueError(f"{fname}: key(s) {sorted(set(dup))} appear more than once.")
    bad = df.index[~df["accessed"].str.match(_DATE)]
    if len(bad):
        raise ValueError(f"{fname}: accessed must be YYYY-MM-DD; line(s) "
                         f"{[int(i) + 2 for i in bad]}.")
    if not df["primary_seen"].str.lower().isin(["true", "false"]).all():
        raise ValueError(f"{fname}: primary_seen must be true/false.")
    values = pd.to_numeric(df["value"], errors="coerce")
    bad = df.index[values.isna()]
    if len(bad):
        raise ValueError(f"{fname}: value is not a number on line(s) "
                         f"{[int(i) + 2 for i in bad]}.")


def case_figure_rows(keys: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Rows of the ``case_figures`` table, indexed by key (all rows, or the keys given).

    Raises
    ------
    KeyError
        A key that is not in the table (the message lists it).
    """
    df = _case().tables["figures"].set_index("key")
    if keys is None:
        return df
    unknown = [k for k in keys if k not in df.index]
    if unknown:
        raise KeyError(f"unknown case figure key(s) {unknown}; see data/raw/case_figures.csv.")
    return df.loc[list(keys)]


def case_figure(key: str) -> float:
    """The value of one quoted figure, by its key in ``data/raw/case_figures.csv``.

    Examples
    --------
    >>> case_figure("sz_pct_applications_2016")
    19647.0
    """
    return float(case_figure_rows([key])["value"].iloc[0])


def record_case_figures(out: Any, keys: list[str] | tuple[str, ...], *, section: str = "",
                        table: str | None = None) -> pd.DataFrame:
    """Record quoted figures as a notebook's key numbers and list them with their sources.

    Each key becomes the key number ``q_<key>`` (its value from the table), and
    ``q_<key>_rank`` when the table gives a national rank, so prose written with
    ``out.say("... {q_<key>:,.0f} ...")`` quotes the table and nothing else. When
    ``table`` is given, the rows used (value, unit, year, sources, access date) are written to
    ``tables/<table>.csv``.

    Parameters
    ----------
    out : OutputWriter
    keys : sequence of str
        Keys of ``case_figures``; repeated keys are recorded once.
    section : str
        Section label for the key numbers.
    table : str, optional
        Name of the table of the figures used.

    Returns
    -------
    DataFrame
        The rows used, indexed by key.
    """
    unique = list(dict.fromkeys(keys))
    rows = case_figure_rows(unique)
    for key, row in rows.iterrows():
        out.key(f"{QUOTED_PREFIX}{key}", float(row["value"]), section=section)
        if pd.notna(row["rank_in_country"]):
            out.key(f"{QUOTED_PREFIX}{key}_rank", int(row["rank_in_country"]), section=section)
    if table is not None:
        cols = ["region", "indicator", "period", "year", "value", "unit", "rank_in_country",
                "secondary_source", "citation", "source", "primary_source", "primary_seen",
                "accessed", "note"]
        out.table(rows[cols], table, section=section)
    return rows


def _prd() -> Dataset:
    df = read_fact_table("prd9_manufacturing_2018")
    df["year"] = df["year"].astype("int64")
    df["output_pct_of_gdp"] = df["output_pct_of_gdp"].astype("float64")
    panel = Panel.from_long(
        df, region="city_en", industry="sector_en", value="output_pct_of_gdp",
        meta={"year": 2018, "unit": "% of city GDP", "source": df["citation"].iloc[0]},
    )
    totals = df.groupby("city_en")["output_pct_of_gdp"].sum().round(2)
    return Dataset(
        name="prd9_manufacturing_2018",
        panel=panel,
        descr=(
            "Output of ten manufacturing groups as a percentage of city GDP, 2018, for the nine "
            "Pearl River Delta cities (Guangzhou, Shenzhen, Zhuhai, Foshan, Huizhou, Dongguan, "
            "Zhongshan, Jiangmen, Zhaoqing). The panel is single-period (2018) with English "
            "labels; the table keeps the Chinese names. The groups aggregate GB/T 4754 "
            "manufacturing divisions and do not cover all of manufacturing. The paper calls the "
            "measure output (产值) but the magnitudes fit value added better (Shenzhen "
            "electronics 23.06 % of GDP), so use the figures as relative sizes. The paper does "
            "not name its statistical source. " + _QUOTED
        ),
        citation=df["citation"].iloc[0],
        licence="Figures quoted from a journal article; cite the article.",
        tables={"prd9": df},
        report={"rows": int(len(df)), "cities": int(df["city"].nunique()),
                "sectors": int(df["sector"].nunique()),
                "manufacturing_total_pct_by_city": totals.to_dict()},
    )


def _employment() -> Dataset:
    df = read_fact_table("cn_national_employment")
    df["year"] = df["year"].astype("int64")
    df["employment_10k_persons"] = df["employment_10k_persons"].astype("float64")
    is_total = df["sector_en"] == "Total"
    sectors = df[~is_total].copy()
    total = df[is_total].set_index("year")["employment_10k_persons"]
    resid = (sectors.groupby("year")["employment_10k_persons"].sum() - total).abs()
    sectors["region"] = "China"
    panel = Panel.from_long(
        sectors, region="region", industry="section_gbt4754_2002", value="employment_10k_persons",
        time="year",
        meta={"unit": "10,000 persons", "classification": "GB/T 4754-2002 sections",
              "source": df["citation"].iloc[0]},
    )
    return Dataset(
        name="cn_national_employment",
        panel=panel,
        descr=(
            "China, employed persons in urban units by sector, 2003-2014, in 10,000 persons, "
            "from the NBS National Data database. Sectors are the 19 sections of GB/T "
            "4754-2002 (panel industries are the section letters A-S; names in the table). The "
            "jump from 2012 to 2013 (total 15,236 -> 18,108) reflects a change in survey "
            "coverage, not growth. National totals only, for use as a benchmark (e.g. the "
            "denominator of location quotients). " + _QUOTED
        ),
        citation=df["citation"].iloc[0],
        licence="Official NBS statistics; no licence stated by the compiling repository.",
        tables={"employment": df},
        report={"rows": int(len(df)), "years": sorted(int(y) for y in df["year"].unique()),
                "sectors": int(sectors["sector"].nunique()),
                "total_rows_kept_in_table_only": int(is_total.sum()),
                "max_abs_sector_sum_minus_total": round(float(resid.max()), 6)},
    )


def _case() -> Dataset:
    df = read_fact_table("case_figures")
    df["value"] = df["value"].astype("float64")
    df["year"] = pd.to_numeric(df["year"].replace("", None)).astype("Int64")
    df["rank_in_country"] = pd.to_numeric(df["rank_in_country"].replace("", None)).astype("Int64")
    return Dataset(
        name="case_figures",
        panel=None,
        descr=(
            "Published figures quoted for the Kyoto and Shenzhen cases (GDP, sector structure, "
            "R&D intensity, patents, high-tech enterprises, firms, universities, research park, "
            "venture policy). One row per figure: a stable key, region, indicator, period as "
            "stated, reference year (empty when the page states none), value, unit, national "
            "rank when quoted, the exact quote where transcribed, the page read (source, "
            "citation), the primary publication behind it (primary_source) and whether that "
            "publication was itself read (primary_seen), and the access date. secondary_source "
            "marks figures read on press pages, reprints or mirrors; these were not checked "
            "against the official bulletins and are provisional. Lower bounds ('over', 'more "
            "than') and approximations say so in the note. " + _QUOTED
        ),
        citation="See the citation column: each figure has its own source.",
        licence="Short quotations of published figures; cite each source.",
        tables={"figures": df},
        report={"rows": int(len(df)), "secondary_source_rows": int(df["secondary_source"].sum()),
                "primary_seen_rows": int(df["primary_seen"].sum()),
                "rows_without_year": int(df["year"].isna().sum())},
    )


_LOADERS = {"prd9_manufacturing_2018": _prd, "cn_national_employment": _employment,
            "case_figures": _case}


def load_facts(name: str) -> Dataset:
    """Load one transcribed table of published figures.

    Parameters
    ----------
    name : {"prd9_manufacturing_2018", "cn_national_employment", "case_figures"}

    Returns
    -------
    Dataset
        ``prd9_manufacturing_2018``: panel of 9 cities x 10 manufacturing groups (2018,
        % of GDP) and the table; ``cn_national_employment``: panel of 1 region (China) x 19
        sections x 12 years and the table with the totals; ``case_figures``: the table only.

    Raises
    ------
    KeyError
        Unknown name.

    Examples
    --------
    >>> ds = load_facts("prd9_manufacturing_2018")
    >>> ds.panel.shape
    (1, 9, 10)
    >>> bool(ds.tables["prd9"]["citation"].str.len().gt(0).all())
    True
    """
    if name not in _LOADERS:
        raise KeyError(f"unknown fact table {name!r}; choose one of {sorted(_LOADERS)}.")
    ds: Any = _LOADERS[name]()
    return ds
