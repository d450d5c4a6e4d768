"""Japan, Economic Census 2014: persons engaged and establishments by JSIC minor group.

The upstream file ``ExplanatoryVariablesBase.csv`` (Fukui 2024, repository
``sfukui/ReagionalIOTables``) holds one row per area: Japan, 42 of the 47 prefectures and 7
cities. Its columns ``SEmp_<code>`` (persons engaged) and ``SFirm_<code>`` (establishments)
come from the 2014 Economic Census for Business Frame, by JSIC Rev.13 minor group (3-character
code: the 2-digit major group followed by one character). The same folder holds
``IOTable.csv``, the 2015 input-output tables of Japan, the prefectures and seven cities at 12
sectors, read by :func:`load_jp_io_tables_2015`; :func:`io_sector_of_minor_group` maps the
census's minor groups to those sectors.

How the file is read, and why
-----------------------------
* **Letter-suffixed codes.** Some minor groups are followed by codes such as ``85A``, ``85B``:
  these are finer splits of the numeric code just before them (``853``) and add up to it
  exactly in every area. The panel uses the numeric minor group and leaves the splits out, so
  every industry sits at the same level of the classification and nothing is counted twice;
  the splits are kept in ``tables["splits"]`` and the check that each set adds up to its
  parent is recorded in ``report``. A letter code that does *not* add up to the code before it
  is a group in its own right and stays in the panel: this is ``12A``, which appears in place
  of the minor groups 121 and 122 (it is much larger than ``120``, the code it follows).
* **Minor group 982.** The persons-engaged column of group 982 is spelled ``Semp_982``
  upstream (lower-case ``m``), unlike every other ``SEmp_`` column. It is read as the
  persons engaged of 982 (its establishments are the regular ``SFirm_982``); the renaming is
  recorded in ``report["renamed_columns"]``. With it, Japan's persons engaged add up to
  61,718,550.
* ``SFirm_350`` is written as ``True``/``False`` upstream; it is read as 1/0 establishments
  (the persons engaged in 350 are positive exactly where it is ``True``).
* Japan is not a region of the panel (it would double count); its figures are in
  ``tables["japan"]``. Cities lie inside prefectures, so ``regions="all"`` mixes two levels:
  use it for look-ups, not for indices that compare a region with the sum of all regions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from ..panel import Panel
from ._base import Dataset
from ._registry import fetch_file

__all__ = ["load_jp_economic_census_2014", "JSIC13_DIVISIONS", "division_of_major_group",
           "minor_group_labels", "minor_group_label_table", "MINOR_GROUP_LABEL_CORRECTIONS",
           "TRADE_MAJOR_GROUPS", "load_jp_io_tables_2015", "io_flow_matrix", "IO_SECTORS",
           "IO_SECTOR_OF_DIVISION", "IO_SECTOR_MAJOR_GROUP_EXCEPTIONS",
           "io_sector_of_minor_group"]

DATASET = "jp_economic_census_2014"

#: JSIC Rev.13 divisions: letter -> (first major group, last major group, name).
JSIC13_DIVISIONS: dict[str, tuple[int, int, str]] = {
    "A": (1, 2, "Agriculture and forestry"),
    "B": (3, 4, "Fisheries"),
    "C": (5, 5, "Mining and quarrying of stone and gravel"),
    "D": (6, 8, "Construction"),
    "E": (9, 32, "Manufacturing"),
    "F": (33, 36, "Electricity, gas, heat supply and water"),
    "G": (37, 41, "Information and communications"),
    "H": (42, 49, "Transport and postal activities"),
    "I": (50, 61, "Wholesale and retail trade"),
    "J": (62, 67, "Finance and insurance"),
    "K": (68, 70, "Real estate and goods rental and leasing"),
    "L": (71, 74, "Scientific research, professional and technical services"),
    "M": (75, 77, "Accommodations, eating and drinking services"),
    "N": (78, 80, "Living-related and personal services and amusement services"),
    "O": (81, 82, "Education, learning support"),
    "P": (83, 85, "Medical, health care and welfare"),
    "Q": (86, 87, "Compound services"),
    "R": (88, 96, "Services, n.e.c."),
    "S": (97, 98, "Government, except elsewhere classified"),
    "T": (99, 99, "Industries unable to classify"),
}

# The 17 "large classification" groups of the 2012 columns (VA_, Sales_, Firm_) and the JSIC
# divisions each covers (group 1 joins agriculture/forestry and fisheries).
_ACTIVITY_GROUPS: dict[int, tuple[str, str]] = {
    1: ("A+B", "Agriculture, forestry and fisheries"),
    2: ("C", "Mining and quarrying of stone and gravel"),
    3: ("D", "Construction"),
    4: ("E", "Manufacturing"),
    5: ("F", "Electricity, gas, heat supply and water"),
    6: ("G", "Information and communications"),
    7: ("H", "Transport and postal services"),
    8: ("I", "Wholesale and retail trade"),
    9: ("J", "Finance and insurance"),
    10: ("K", "Real estate and goods rental and leasing"),
    11: ("L", "Scientific research, professional and technical services"),
    12: ("M", "Accommodations, eating and drinking services"),
    13: ("N", "Living-related and personal services and amusement services"),
    14: ("O", "Education, learning support"),
    15: ("P", "Medical, health care and welfare"),
    16: ("Q", "Compound services"),
    17: ("R", "Services, n.e.c."),
}

_AREA_VARIABLES = {
    "Income": "taxable_income_thousand_yen",
    "TP": "taxpayers",
    "PopLF": "labour_force",
    "Unemp": "unemployed",
    "Pop15": "population_15_plus",
}

CITATION = (
    "Ministry of Internal Affairs and Communications (MIC), Statistics Bureau: 2014 Economic "
    "Census for Business Frame and 2012 Economic Census for Business Activity, via e-Stat "
    "(https://www.e-stat.go.jp/). Compiled in Fukui, S. (2024), 'Estimating Input Coefficients "
    "for Regional Input-Output Tables Using Deep Learning with Mixup', Computational Economics, "
    "https://doi.org/10.1007/s10614-024-10641-1; files from https://github.com/sfukui/"
    "ReagionalIOTables at commit 5f72c3798262d1d58b88115f2d924a0cce295ba5 (Data/"
    "ExplanatoryVariablesBase.csv, Data/AreaID.csv)."
)

LICENCE = (
    "e-Stat data: Government of Japan Standard Terms of Use (Ver. 2.0), compatible with CC BY "
    "4.0 (credit the source). The compiling repository states no licence of its own; see its "
    "Notice.txt for the sources and modifications."
)

_CODE = re.compile(r"^\d{2}[0-9A-Z]$")


def division_of_major_group(major: str | int) -> str:
    """The JSIC Rev.13 division letter of a 2-digit major group (``"26"`` -> ``"E"``).

    Examples
    --------
    >>> division_of_major_group("26"), division_of_major_group(85)
    ('E', 'P')
    """
    m = int(major)
    for letter, (lo, hi, _name) in JSIC13_DIVISIONS.items():
        if lo <= m <= hi:
            return letter
    raise KeyError(f"major group {major!r} is outside the JSIC Rev.13 range 01-99.")


def _read_base(path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype={"AreaID": str})
    for col in df.columns:
        if col == "AreaID":
            continue
        if pd.api.types.is_bool_dtype(df[col]):
            df[col] = df[col].astype(np.int64)  # True/False written for 1/0 (SFirm_350)
        elif not pd.api.types.is_numeric_dtype(df[col]):
            raise ValueError(
                f"{path}: column {col!r} is not numeric ({df[col].dtype}); the upstream file "
                "changed. Delete it and run `smartregion data fetch jp_economic_census_2014`."
            )
    if df.isna().any().any():
        bad = df.columns[df.isna().any()].tolist()[:5]
        raise ValueError(f"{path}: missing values in columns {bad}; the upstream file changed.")
    return df.set_index("AreaID")


def _columns(df: pd.DataFrame, prefix: str) -> dict[str, str]:
    """code -> column for ``<prefix><code>`` (exact case), in file order."""
    out = {}
    for col in df.columns:
        if col.startswith(prefix):
            code = col[len(prefix):]
            if not _CODE.match(code):
                raise ValueError(f"unexpected industry code {code!r} in column {col!r}.")
            out[code] = col
    return out


def _split_sets(codes: list[str]) -> dict[str, list[str]]:
    """Letter codes grouped under the numeric code that precedes them (same major group)."""
    sets: dict[str, list[str]] = {}
    last_numeric: str | None = None
    for code in codes:
        if code.isdigit():
            last_numeric = code
        elif last_numeric is not None and last_numeric[:2] == code[:2]:
            sets.setdefault(last_numeric, []).append(code)
        else:
            sets.setdefault("", []).append(code)  # a letter code with no numeric predecessor
    return sets


def load_jp_economic_census_2014(
    measure: Literal["employment", "establishments"] = "employment",
    regions: Literal["prefectures", "cities", "all"] = "prefectures",
    *,
    download: bool = True,
) -> Dataset:
    """Load persons engaged or establishments by JSIC Rev.13 minor group, Japan 2014.

    Parameters
    ----------
    measure : {"employment", "establishments"}
        ``"employment"``: persons engaged (``SEmp_*``); ``"establishments"``: number of
        establishments (``SFirm_*``).
    regions : {"prefectures", "cities", "all"}
        The 42 prefectures in the file, the 7 cities, or both (levels mixed; see module notes).
    download : bool, default True
        Download missing files (False: use the cache only).

    Returns
    -------
    Dataset
        ``panel``: single period (2014), regions named as in ``AreaID.csv`` (``"Kyoto"``),
        industries the 3-character minor-group codes, hierarchy columns ``major_group``
        (2 digits) and ``division`` (JSIC letter). Tables: ``japan`` (national figures by minor
        group, both measures), ``splits`` (letter sub-splits, both measures), ``activity_2012``
        (sales, value added and establishments by division group, 2012), ``areas`` (area
        codes, names, kinds) and ``area_variables`` (income, taxpayers, labour force,
        unemployed, population 15+).
    """
    if measure not in ("employment", "establishments"):
        raise ValueError(f"measure must be 'employment' or 'establishments'; got {measure!r}.")
    if regions not in ("prefectures", "cities", "all"):
        raise ValueError(f"regions must be 'prefectures', 'cities' or 'all'; got {regions!r}.")
    base = _read_base(fetch_file(DATASET, "ExplanatoryVariablesBase.csv", download=download))
    areas = _read_areas(fetch_file(DATASET, "AreaID.csv", download=download), base)
    names = areas.set_index("AreaID")["AreaName"]
    report: dict = {"measure": measure, "regions": regions}
    emp, est, report["renamed_columns"] = _measure_tables(base)
    splits, standalone, deviation = _letter_code_sets(emp, est)
    split_codes = [c for ch in splits.values() for c in ch]
    keep = [c for c in emp.columns if c not in set(split_codes)]
    report["split_sets"] = {p: list(ch) for p, ch in splits.items()}
    report["n_split_codes_excluded"] = len(split_codes)
    report["split_max_abs_deviation"] = 0.0  # verified by _letter_code_sets: sets add up
    report["letter_codes_kept_as_groups"] = standalone
    report["letter_codes_not_splits"] = deviation

    hierarchy = pd.DataFrame(
        {"major_group": [c[:2] for c in keep],
         "division": [division_of_major_group(c[:2]) for c in keep]},
        index=pd.Index(keep, name="industry"),
    )
    kind = areas.set_index("AreaID")["kind"]
    wanted = {"prefectures": ("prefecture",), "cities": ("city",),
              "all": ("prefecture", "city")}[regions]
    ids = [a for a in base.index if kind[a] in wanted]
    table = emp if measure == "employment" else est
    wide = table.loc[ids, keep].set_axis([names[a] for a in ids], axis=0)
    wide.index.name = "region"
    wide.columns.name = "industry"
    value_name = "persons_engaged" if measure == "employment" else "establishments"
    report["n_regions"] = len(ids)
    report["n_industries"] = len(keep)
    panel = Panel.from_wide(
        wide, hierarchy=hierarchy, value_name=value_name,
        meta={"dataset": DATASET, "year": 2014, "classification": "JSIC Rev.13 minor group",
              "source": CITATION},
    )
    tables = _census_side_tables(base, names, emp, est, keep, hierarchy, splits)
    tables["areas"] = areas

    what = "persons engaged" if measure == "employment" else "establishments"
    descr = (
        f"Japan, 2014: {what} by JSIC Rev.13 minor group (3-character code) for "
        f"{len(ids)} {regions if regions != 'all' else 'prefectures and cities'}, from the MIC "
        "2014 Economic Census for Business Frame as compiled by Fukui (2024). The file covers "
        "42 of the 47 prefectures and 7 cities; Japan as a whole is in tables['japan'], not in "
        "the panel. Hierarchy: minor group -> major group (2 digits) -> division (letter). "
        f"{len(split_codes)} letter-suffixed sub-split codes are left out (each set adds up "
        f"exactly to its numeric parent; see tables['splits']); {standalone} kept as "
        "stand-alone groups. "
        + "tables['activity_2012'] has 2012 sales and value added (million yen) and "
        "establishments by division group from the 2012 Economic Census for Business Activity."
        f"\nSource: {CITATION}"
    )
    return Dataset(
        name=DATASET,
        panel=panel,
        descr=descr,
        citation=CITATION,
        licence=LICENCE,
        tables={k: tables[k] for k in ("japan", "splits", "activity_2012", "areas",
                                       "area_variables")},
        report=report,
    )


def _read_areas(path, base: pd.DataFrame) -> pd.DataFrame:
    """``AreaID.csv`` with each area's kind (country, prefecture, city) and prefecture code.

    Raises when the data file holds an area the list does not name.
    """
    areas = pd.read_csv(path, dtype={"AreaID": str})
    areas["kind"] = np.where(areas["AreaID"] == "00000", "country",
                             np.where(areas["AreaID"].str.endswith("000"), "prefecture", "city"))
    areas["prefecture_code"] = areas["AreaID"].str[:2]
    unknown = base.index.difference(pd.Index(areas["AreaID"]))
    if len(unknown):
        raise ValueError(f"AreaID(s) {unknown.tolist()} of the data are not in AreaID.csv.")
    return areas


def _measure_tables(base: pd.DataFrame
                    ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Persons engaged and establishments, area x minor-group code (file order), float64.

    Reconciles the column names: a persons-engaged column spelled ``Semp_<code>`` (982
    upstream) is read as ``SEmp_<code>`` and listed in the returned renaming; the two measures
    must cover the same codes.
    """
    emp_cols = _columns(base, "SEmp_")
    est_cols = _columns(base, "SFirm_")
    renamed: dict[str, str] = {}
    for col in base.columns:
        if col.lower().startswith("semp_") and not col.startswith("SEmp_"):
            code = col[len("Semp_"):]
            if code in emp_cols or not _CODE.match(code):
                raise ValueError(f"column {col!r} clashes with the SEmp_ columns or has an "
                                 "unexpected code; the upstream file changed.")
            emp_cols[code] = col
            renamed[col] = f"SEmp_{code}"
    if set(emp_cols) != set(est_cols):
        diff = sorted(set(emp_cols) ^ set(est_cols))
        raise ValueError(f"persons-engaged and establishment columns differ on codes {diff}.")
    codes = list(est_cols)  # file order
    emp = base[[emp_cols[c] for c in codes]].set_axis(codes, axis=1).astype(np.float64)
    est = base[[est_cols[c] for c in codes]].set_axis(codes, axis=1).astype(np.float64)
    return emp, est, renamed


def _letter_code_sets(emp: pd.DataFrame, est: pd.DataFrame
                      ) -> tuple[dict[str, list[str]], list[str], dict[str, dict]]:
    """Tell sub-splits from stand-alone groups among the letter-suffixed codes (check totals).

    A set of letter codes is a sub-split of the numeric code before it when it adds up to that
    code exactly in every area, in both measures; it is a group in its own right when it adds up
    in neither. Adding up in one measure only raises (the file cannot be read either way).

    Returns ``(splits, standalone, deviation)``: parent -> sub-split codes, the codes kept as
    groups, and for those the largest absolute deviation from the parent in each measure.
    """
    sets = _split_sets(list(emp.columns))
    standalone: list[str] = list(sets.pop("", []))
    splits: dict[str, list[str]] = {}
    deviation = {}
    for parent, children in sets.items():
        dev_e = float((emp[children].sum(axis=1) - emp[parent]).abs().max())
        dev_f = float((est[children].sum(axis=1) - est[parent]).abs().max())
        if dev_e == 0 and dev_f == 0:
            splits[parent] = children
        elif dev_e == 0 or dev_f == 0:
            raise ValueError(
                f"codes {children} add up to {parent} in one measure but not the other "
                f"(max deviation: persons {dev_e}, establishments {dev_f}); cannot tell whether "
                "they are sub-splits. The upstream file may have changed."
            )
        else:
            standalone.extend(children)
            deviation[parent] = {"children": children, "persons_engaged": dev_e,
                                 "establishments": dev_f}
    return splits, standalone, deviation


def _census_side_tables(base: pd.DataFrame, names: pd.Series, emp: pd.DataFrame,
                        est: pd.DataFrame, keep: list[str], hierarchy: pd.DataFrame,
                        splits: dict[str, list[str]]) -> dict[str, pd.DataFrame]:
    """The tables beside the panel: ``japan``, ``splits``, ``activity_2012``, ``area_variables``."""
    japan = pd.DataFrame({"persons_engaged": emp.loc["00000", keep],
                          "establishments": est.loc["00000", keep]})
    japan.index.name = "industry"
    japan = japan.join(hierarchy)
    split_rows = []
    for parent, children in splits.items():
        for child in children:
            for a in base.index:
                split_rows.append((a, names[a], parent, child, emp.at[a, child], est.at[a, child]))
    split_table = pd.DataFrame(split_rows, columns=["area_id", "area", "parent", "code",
                                                    "persons_engaged", "establishments"])
    act_rows = []
    for a in base.index:
        for gid, (divs, gname) in _ACTIVITY_GROUPS.items():
            act_rows.append((a, names[a], gid, divs, gname, base.at[a, f"Sales_{gid}"],
                             base.at[a, f"VA_{gid}"], base.at[a, f"Firm_{gid}"]))
    activity = pd.DataFrame(act_rows, columns=[
        "area_id", "area", "group_id", "divisions", "group_name", "sales_million_yen",
        "value_added_million_yen", "establishments"])
    area_vars = base[list(_AREA_VARIABLES)].rename(columns=_AREA_VARIABLES)
    area_vars.insert(0, "area", [names[a] for a in area_vars.index])
    area_vars.index.name = "area_id"
    return {"japan": japan, "splits": split_table, "activity_2012": activity,
            "area_variables": area_vars}


#: English group names of the JSIC code list that do not translate the list's own Japanese
#: name (or carry spelling errors), with the label used instead. Checked by hand against the
#: Japanese names of all 428 numeric groups of the 2014 census (the head-office groups ``x0``
#: are labelled by rule). Each entry: code -> (label, what is wrong upstream).
MINOR_GROUP_LABEL_CORRECTIONS: dict[str, tuple[str, str]] = {
    "295": ("Batteries",
            "電池製造業 is all batteries (2951 storage, 2952 primary); upstream English gives "
            "the name of 2952 only"),
    "802": ("Theatres, performance venues and theatrical companies (n.e.c.)",
            "upstream English misspelt (PERFOMANCES, CLAASIFIED, COMRA...)"),
    "803": ("Bicycle, horse, motorcar and motorboat race tracks and racing organisations",
            "upstream English reads BYCYCLE, HOUSE (for horse)"),
    "813": ("Lower secondary schools",
            "Rev.14 adds compulsory-education schools (義務教育学校, created 2016) to the group; "
            "the 2014 census (Rev.13) has lower secondary schools only"),
    "921": ("Stenographic, word-processing and duplicating services",
            "upstream English reads ENTRÉE DOCUMENT for word-processor input (ワープロ入力)"),
}

#: Major groups whose group names in the code list name a product, not the activity: wholesale
#: (50-55) and retail (56-61) trade. Without the activity a wholesale group reads like the
#: manufacturing group of the same product (512 "Apparel" is apparel wholesale).
TRADE_MAJOR_GROUPS: dict[str, str] = {
    **{f"{k}": "Wholesale" for k in range(50, 56)},
    **{f"{k}": "Retail" for k in range(56, 62)},
}


def minor_group_label_table(codes: Iterable[str]) -> pd.DataFrame:
    """Labels of the census's 3-digit minor-group codes with their Japanese name and origin.

    One row per code: ``label`` (English, see :func:`minor_group_labels`), ``name_ja`` (the
    Japanese group name of the code list, empty for ``12A`` and unknown codes) and ``origin``:
    ``"code list"`` (the list's English name), ``"code list + trade activity"`` (wholesale or
    retail added), ``"corrected"`` (see ``MINOR_GROUP_LABEL_CORRECTIONS``), ``"head office
    rule"``, ``"merged code"`` or ``"unknown code"``.
    """
    from .codes import load_jsic

    table = load_jsic().tables["codes"]
    grp = table.loc[table["level"] == "group"].set_index("code")
    majors = table.loc[table["level"] == "major_group"].set_index("code")["name_en"]
    majors = majors.str.capitalize()
    rows = {}
    for code in codes:
        code = str(code)
        name_ja = str(grp.at[code, "name"]) if code in grp.index else ""
        if code == "12A":
            label, origin = "Sawing, planing and wood products (121-122)", "merged code"
        elif code.endswith("0"):
            label = f"Head offices and ancillary units: {majors.get(code[:2], code[:2])}"
            origin = "head office rule"
        elif code in MINOR_GROUP_LABEL_CORRECTIONS:
            label, origin = MINOR_GROUP_LABEL_CORRECTIONS[code][0], "corrected"
        elif code in grp.index:
            label, origin = str(grp.at[code, "name_en"]).capitalize(), "code list"
            activity = TRADE_MAJOR_GROUPS.get(code[:2])
            if activity and activity.lower() not in label.lower():
                label, origin = f"{activity}: {label[0].lower()}{label[1:]}", \
                    "code list + trade activity"
        else:
            label, origin = f"{code} (no Rev.14 group with this code)", "unknown code"
        rows[code] = (label, name_ja, origin)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["label", "name_ja", "origin"])


def minor_group_labels(codes: Iterable[str]) -> pd.Series:
    """Readable English labels for the census's 3-digit minor-group codes.

    The census uses JSIC Rev.13; the package ships the Rev.14 code list (dataset
    ``jsic_rev14``), which keeps the 3-digit codes of the census, so its group names serve as
    labels. The code remains the identifier; a label is a reading aid. Rules:

    * the list's English group name, capitalised;
    * wholesale and retail groups (major groups 50-61) get their activity in front
      (``"Wholesale: apparel"``), since the list names only the product there;
    * five names that do not translate the list's own Japanese name, or that describe the
      Rev.14 scope of a group, are replaced (``MINOR_GROUP_LABEL_CORRECTIONS``, with the reason
      for each; e.g. 295 is all batteries, not primary batteries only);
    * a code ending in ``0`` holds the administrative and ancillary units (head offices and
      the like) of its major group and is labelled with the major group's name;
    * ``12A`` stands for minor groups 121-122 together (see the loader's ``report``);
    * a code with no Rev.14 group of the same number is labelled as such.

    :func:`minor_group_label_table` gives the Japanese name and the origin of every label.

    Returns
    -------
    Series indexed by code, named ``"label"``.
    """
    return minor_group_label_table(codes)["label"].rename("label").astype(object)


# --------------------------------------------------------------------------- input-output
#: The 12 sectors of the regional input-output tables in ``IOTable.csv`` (Fukui 2024): code
#: (text, zero-padded so that it sorts) -> name. Sector 7 joins finance, insurance and real
#: estate; 10 is public administration (government services of the national accounts sense
#: are elsewhere); 12 holds the activities the tables do not classify.
IO_SECTORS: dict[str, str] = {
    "01": "Agriculture, forestry and fisheries",
    "02": "Mining",
    "03": "Manufacturing",
    "04": "Construction",
    "05": "Energy (electricity, gas and water)",
    "06": "Trade",
    "07": "Finance, insurance and real estate",
    "08": "Transport and postal services",
    "09": "Information and communication",
    "10": "Public administration",
    "11": "Services",
    "12": "Other (not classified)",
}

#: JSIC Rev.13 division (letter) -> input-output sector code. Two major groups do not follow
#: their division: ``70`` (goods rental and leasing, division K) belongs to the services of the
#: input-output tables, and ``88`` (waste disposal, division R) to their water-supply sector
#: (see ``IO_SECTOR_MAJOR_GROUP_EXCEPTIONS``). Division T (not classifiable) maps to 12.
IO_SECTOR_OF_DIVISION: dict[str, str] = {
    "A": "01", "B": "01", "C": "02", "D": "04", "E": "03", "F": "05", "G": "09", "H": "08",
    "I": "06", "J": "07", "K": "07", "L": "11", "M": "11", "N": "11", "O": "11", "P": "11",
    "Q": "11", "R": "11", "S": "10", "T": "12",
}

#: Major groups mapped against their division (major group -> sector code, reason).
IO_SECTOR_MAJOR_GROUP_EXCEPTIONS: dict[str, tuple[str, str]] = {
    "70": ("11", "goods rental and leasing is a business service in the input-output tables"),
    "88": ("05", "waste disposal sits with water supply in the input-output sector "
                 "aggregation"),
}

IO_CITATION = (
    "Fukui, S. (2024), 'Estimating Input Coefficients for Regional Input-Output Tables Using "
    "Deep Learning with Mixup', Computational Economics, "
    "https://doi.org/10.1007/s10614-024-10641-1; Data/IOTable.csv of "
    "https://github.com/sfukui/ReagionalIOTables at commit "
    "5f72c3798262d1d58b88115f2d924a0cce295ba5: the 2015 input-output tables of Japan (MIC), of "
    "the prefectures and of seven cities, each reclassified into 12 sectors (sources listed "
    "in the repository's Notice.txt)."
)


def io_sector_of_minor_group(code: str) -> str:
    """Input-output sector (``IO_SECTORS`` code) of a JSIC Rev.13 minor group (``"261"``).

    Examples
    --------
    >>> io_sector_of_minor_group("261"), io_sector_of_minor_group("701")
    ('03', '11')
    """
    major = str(code)[:2]
    if major in IO_SECTOR_MAJOR_GROUP_EXCEPTIONS:
        return IO_SECTOR_MAJOR_GROUP_EXCEPTIONS[major][0]
    return IO_SECTOR_OF_DIVISION[division_of_major_group(major)]


_IO_AREA = "AreaID(string)"


def _io_columns() -> list[str]:
    n = len(IO_SECTORS)
    return ([_IO_AREA] + [f"R{i}C{j}" for i in range(1, n + 1) for j in range(1, n + 1)]
            + [f"Y{i}" for i in range(1, n + 1)])


def _read_io(path) -> tuple[pd.DataFrame, list[int]]:
    """The table with declared dtypes; fully blank rows dropped (their file lines returned)."""
    expected = _io_columns()
    header = list(pd.read_csv(path, nrows=0).columns)
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        raise ValueError(f"{path}: columns differ from the 12-sector layout (missing "
                         f"{missing[:5]}, unexpected {extra[:5]}); the upstream file changed.")
    dtypes = {c: ("str" if c == _IO_AREA else "float64") for c in expected}
    df = pd.read_csv(path, dtype=dtypes)
    line = pd.Series(np.arange(len(df)) + 2, index=df.index)  # file line (header is line 1)
    blank = df.isna().all(axis=1)
    partial = df.isna().any(axis=1) & ~blank
    if partial.any():
        r = partial.idxmax()
        col = df.columns[df.loc[r].isna()][0]
        raise ValueError(f"{path}, line {line[r]}: column {col!r} is empty while the rest of "
                         "the row is filled; the upstream file changed.")
    values = df.drop(columns=_IO_AREA).loc[~blank]
    if (values < 0).any().any():
        r = (values < 0).any(axis=1).idxmax()
        col = values.columns[(values.loc[r] < 0).to_numpy()][0]
        raise ValueError(f"{path}, line {line[r]}, column {col!r}: negative flow or output "
                         f"({values.at[r, col]}).")
    return df.loc[~blank].reset_index(drop=True), line[blank].tolist()


def load_jp_io_tables_2015(*, download: bool = True) -> Dataset:
    """Intermediate flows and gross output of the 2015 input-output tables, 12 sectors.

    ``IOTable.csv`` (Fukui 2024, part of dataset ``jp_economic_census_2014``) holds, for
    Japan, 42 prefectures and the cities, the 12 x 12 intermediate transactions
    :math:`Z_{ij}` (column ``R<i>C<j>``: sales of sector :math:`i` to sector :math:`j`,
    million yen) and gross output :math:`Y_i` (``Y<i>``).

    Checks (each failure raises, naming the file line and column):

    * the header is exactly ``AreaID(string)``, ``R1C1`` ... ``R12C12``, ``Y1`` ... ``Y12``;
      the area code is read as text, every other column as float64;
    * no value is negative; a row is either complete or entirely blank;
    * every area code is in ``AreaID.csv``, once;
    * **column sums against the table's own totals**: the intermediate inputs of each sector
      do not exceed its gross output, :math:`\\sum_i Z_{ij} \\le Y_j`, and :math:`Y_j > 0`.

    Row sums are *not* bounded by output and are not checked: in these competitive-import
    tables a row records the intermediate use of a product wherever it was made, so a
    sector whose product is largely imported (mining in Japan: crude oil and gas) sells far
    more to other sectors than it produces. ``report["max_row_sum_to_output"]`` records how
    far. Fully blank rows (one upstream: the city of Gujo, listed in ``AreaID.csv`` and in
    ``Notice.txt`` but with no values) are dropped and counted in ``report``.

    Returns
    -------
    Dataset
        ``panel`` None. Tables: ``flows`` (long: ``area_id``, ``area``, ``from_sector``,
        ``to_sector``, ``million_yen``), ``output`` (``area_id``, ``area``, ``sector``,
        ``gross_output_million_yen``), ``sectors`` (code, name) and ``areas``. Use
        :func:`io_flow_matrix` for one area's square table.
    """
    path = fetch_file(DATASET, "IOTable.csv", download=download)
    df, blank_lines = _read_io(path)
    areas = pd.read_csv(fetch_file(DATASET, "AreaID.csv", download=download),
                        dtype={"AreaID": str, "AreaName": str})
    names = areas.set_index("AreaID")["AreaName"]
    ids = df[_IO_AREA]
    if ids.duplicated().any() or not ids.isin(names.index).all():
        bad = ids[ids.duplicated() | ~ids.isin(names.index)].tolist()
        raise ValueError(f"{path}: area codes {bad} are repeated or not in AreaID.csv.")
    codes = list(IO_SECTORS)
    n = len(codes)
    z = df[_io_columns()[1:1 + n * n]].to_numpy().reshape(len(df), n, n)
    y = df[[f"Y{i}" for i in range(1, n + 1)]].to_numpy()
    if (y <= 0).any():
        a, j = np.argwhere(y <= 0)[0]
        raise ValueError(f"{path}: gross output of sector {codes[j]} is not positive for area "
                         f"{ids.iloc[a]}.")
    col_ratio = z.sum(axis=1) / y
    if (col_ratio > 1).any():
        a, j = np.argwhere(col_ratio > 1)[0]
        raise ValueError(
            f"{path}, area {ids.iloc[a]}: intermediate inputs of sector {codes[j]} "
            f"({z[a, :, j].sum():,.0f}) exceed its gross output ({y[a, j]:,.0f}).")
    area_names = ids.map(names)
    flows = pd.DataFrame({
        "area_id": np.repeat(ids.to_numpy(), n * n),
        "area": np.repeat(area_names.to_numpy(), n * n),
        "from_sector": np.tile(np.repeat(codes, n), len(df)),
        "to_sector": np.tile(codes, n * len(df)),
        "million_yen": z.reshape(-1)}).astype(
        {"area_id": "str", "area": "str", "from_sector": "str", "to_sector": "str",
         "million_yen": "float64"})
    output = pd.DataFrame({
        "area_id": np.repeat(ids.to_numpy(), n), "area": np.repeat(area_names.to_numpy(), n),
        "sector": np.tile(codes, len(df)), "gross_output_million_yen": y.reshape(-1)}).astype(
        {"area_id": "str", "area": "str", "sector": "str", "gross_output_million_yen":
         "float64"})
    sectors = pd.DataFrame({"code": codes, "name": list(IO_SECTORS.values())}).astype("str")
    report = {
        "n_areas": len(df),
        "blank_rows_dropped_file_lines": blank_lines,
        "areas_without_table": sorted(set(names.index) - set(ids)),
        "max_input_share_of_output": float(col_ratio.max()),
        "max_row_sum_to_output": float((z.sum(axis=2) / y).max()),
    }
    return Dataset(
        name=DATASET, panel=None,
        descr=("Japan, 2015 input-output tables (national, prefectural and city), 12 "
               "sectors: intermediate flows and gross output in million yen, as compiled by "
               f"Fukui (2024). {len(df)} areas; areas without a table: "
               f"{report['areas_without_table']}.\nSource: {IO_CITATION}"),
        citation=IO_CITATION, licence=LICENCE,
        tables={"flows": flows, "output": output, "sectors": sectors, "areas": areas},
        report=report)


def io_flow_matrix(data: Dataset | pd.DataFrame, area: str = "Japan") -> pd.DataFrame:
    """One area's 12 x 12 intermediate flows (rows: selling sector, columns: buying sector).

    ``data`` is the Dataset of :func:`load_jp_io_tables_2015` or its ``flows`` table; ``area``
    is an area name (``"Kyoto"``) or code (``"26000"``).
    """
    flows = data.tables["flows"] if isinstance(data, Dataset) else data
    sel = flows.loc[(flows["area"] == area) | (flows["area_id"] == area)]
    if sel.empty:
        raise KeyError(f"area {area!r} has no input-output table; known areas are "
                       f"{sorted(flows['area'].unique())}.")
    z = sel.pivot(index="from_sector", columns="to_sector", values="million_yen")
    return z.loc[list(IO_SECTORS), list(IO_SECTORS)].rename_axis(
        index="from_sector", columns="to_sector")
