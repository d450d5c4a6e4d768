"""Industry classification code lists with parent links: JSIC Rev.14 and GB/T 4754-2017.

Both loaders return a :class:`~smartregion.datasets._base.Dataset` without a panel whose
tables are

* ``"codes"``: one row per code with columns ``code``, ``name``, ``name_en``, ``level``,
  ``parent`` (empty for the top level) and ``depth`` (0 = top);
* ``"hierarchy"``: the finest codes with their ancestors at every coarser level (columns fine
  to coarse), ready for ``Panel.from_long(..., hierarchy=...)``.

:func:`code_hierarchy` builds the hierarchy for any level (e.g. GB/T 2-digit divisions ->
sections), for panels whose industries are coarser than the finest codes.

The GB/T 4754 tree is published upstream as a JavaScript module. It is read as *data* by a small
tokenizer for JavaScript literals (objects, arrays, strings, numbers, ``true``/``false``/
``null``); the file is never executed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ..hierarchy import hierarchy_from_parent_table, validate_nested
from ._base import Dataset
from ._registry import fetch_file

__all__ = [
    "load_jsic",
    "load_gbt4754",
    "code_hierarchy",
    "parse_js_literal",
    "JSIC_LEVELS",
    "GBT4754_LEVELS",
    "GBT4754_SECTION_NAMES_EN",
]

JSIC_LEVELS = ("division", "major_group", "group", "industry")
"""JSIC level names, top to bottom (大分類, 中分類, 小分類, 細分類)."""

GBT4754_LEVELS = ("section", "division", "group", "class")
"""GB/T 4754 level names, top to bottom (门类, 大类, 中类, 小类)."""

GBT4754_SECTION_NAMES_EN = {
    "A": "Agriculture, forestry, animal husbandry and fishery",
    "B": "Mining",
    "C": "Manufacturing",
    "D": "Production and supply of electricity, heat, gas and water",
    "E": "Construction",
    "F": "Wholesale and retail trade",
    "G": "Transport, storage and postal services",
    "H": "Accommodation and catering",
    "I": "Information transmission, software and information technology services",
    "J": "Finance",
    "K": "Real estate",
    "L": "Leasing and business services",
    "M": "Scientific research and technical services",
    "N": "Water conservancy, environment and public facilities management",
    "O": "Resident services, repair and other services",
    "P": "Education",
    "Q": "Health and social work",
    "R": "Culture, sports and entertainment",
    "S": "Public administration, social security and social organisations",
    "T": "International organisations",
}
"""English names of the 20 GB/T 4754-2017 sections (the upstream list is Chinese only)."""

# Upstream text defects corrected on load; each is counted in Dataset.report.
_JSIC_NAME_EN_FIXES = {
    # the upstream English name of division G is cut after "AND"
    "G": "INFORMATION AND COMMUNICATIONS",
}
_GBT_NAME_FIXES = {
    # the upstream name of class 3531 runs into a fragment of its explanatory note
    "3531": "食品、酒、饮料及茶生产专用设备制造",
    # upstream names cut after 16-18 characters; completed from the standard's wording
    "37": "铁路、船舶、航空航天和其他运输设备制造业",
    "306": "玻璃纤维和玻璃纤维增强塑料制品制造",
    "354": "印刷、制药、日化及日用品生产专用设备制造",
    "359": "环保、邮政、社会公共服务及其他专用设备制造",
    "3546": "玻璃、陶瓷和搪瓷制品生产专用设备制造",
    "3552": "皮革、毛皮及其制品加工专用设备制造",
    "3583": "医疗实验室及医用消毒设备和器具制造",
    "3939": "应用电视设备及其他广播电视设备制造",
    "4023": "导航、测绘、气象及海洋专用仪器制造",
}

_JSIC_CITATION = (
    "Ministry of Internal Affairs and Communications, Japan (2023). Japan Standard Industrial "
    "Classification, Revision 14. Code list with English names compiled in kobesoft-inc/jsic-data "
    "(GitHub, commit b9b5626), file jsic-en.json."
)
_GBT_CITATION = (
    "Standardization Administration of China / National Bureau of Statistics (2017). GB/T "
    "4754-2017 Industrial classification for national economic activities. Code tree as "
    "compiled in zmshe/capital (GitHub, commit 1655f7c), file src/utils/trade.js."
)


# --------------------------------------------------------------------------------------------
# JavaScript literal tokenizer (data only; nothing is executed)
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<punct>[{}\[\],:])
  | (?P<str>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<num>-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<ident>[A-Za-z_$][A-Za-z0-9_$]*)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_WRAPPER = re.compile(
    r"^\s*(?:module\.exports\s*=|export\s+default|(?:export\s+)?(?:const|let|var)\s+"
    r"[A-Za-z_$][A-Za-z0-9_$]*\s*=)\s*",
)


def _unquote(tok: str) -> str:
    body = tok[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "u":
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif nxt == "x":
            out.append(chr(int(body[i + 2:i + 4], 16)))
            i += 4
        else:
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
    return "".join(out)


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            snippet = text[pos:pos + 40].replace("\n", "\\n")
            raise ValueError(
                f"unexpected text at character {pos}: {snippet!r}; the file holds more than a "
                "plain data literal, so it is not read."
            )
        kind = m.lastgroup
        if kind != "ws":
            yield kind, m.group(), pos  # type: ignore[misc]
        pos = m.end()


def parse_js_literal(text: str) -> Any:
    """Parse a JavaScript data literal (as in ``module.exports = [...]``) without running it.

    Accepts one optional wrapper (``module.exports =``, ``export default``, ``const x =``), then
    a single literal built from objects (keys bare or quoted), arrays, single- or double-quoted
    strings, numbers, ``true``, ``false`` and ``null``, with trailing commas and comments
    allowed, and an optional final ``;``. Anything else (calls, expressions, templates) raises.

    Parameters
    ----------
    text : str
        The file's text.

    Returns
    -------
    object
        Nested lists, dicts, str, int/float, bool and None.

    Raises
    ------
    ValueError
        The text is not a plain data literal; the message gives the position.

    Examples
    --------
    >>> parse_js_literal("module.exports = [{code: 'A', name: 'x', children: [],},];")
    [{'code': 'A', 'name': 'x', 'children': []}]
    >>> parse_js_literal("export default {a: 1.5, 'b': null}")
    {'a': 1.5, 'b': None}
    """
    lead = re.match(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", text, re.DOTALL)
    text = text[lead.end():] if lead else text
    m = _WRAPPER.match(text)
    body = text[m.end():] if m else text
    body = body.rstrip()
    if body.endswith(";"):
        body = body[:-1]
    toks = list(_tokens(body))
    pos = 0

    def peek() -> tuple[str, str, int]:
        if pos >= len(toks):
            raise ValueError("the literal ends early (unbalanced brackets).")
        return toks[pos]

    def take(expected: str | None = None) -> tuple[str, str, int]:
        nonlocal pos
        tok = peek()
        if expected is not None and tok[1] != expected:
            raise ValueError(f"expected {expected!r} at character {tok[2]}, found {tok[1]!r}.")
        pos += 1
        return tok

    def value() -> Any:
        kind, tok, at = take()
        if tok == "{":
            obj: dict[str, Any] = {}
            while peek()[1] != "}":
                kkind, key, kat = take()
                if kkind == "str":
                    key = _unquote(key)
                elif kkind not in ("ident", "num"):
                    raise ValueError(f"bad object key {key!r} at character {kat}.")
                take(":")
                obj[key] = value()
                if peek()[1] == ",":
                    take(",")
                elif peek()[1] != "}":
                    raise ValueError(f"expected ',' or '}}' at character {peek()[2]}.")
            take("}")
            return obj
        if tok == "[":
            arr: list[Any] = []
            while peek()[1] != "]":
                arr.append(value())
                if peek()[1] == ",":
                    take(",")
                elif peek()[1] != "]":
                    raise ValueError(f"expected ',' or ']' at character {peek()[2]}.")
            take("]")
            return arr
        if kind == "str":
            return _unquote(tok)
        if kind == "num":
            return json.loads(tok) if re.fullmatch(r"-?\d+", tok) else float(tok)
        if kind == "ident" and tok in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[tok]
        raise ValueError(f"{tok!r} at character {at} is not a data value; refusing to read it.")

    result = value()
    if pos != len(toks):
        at, tok = toks[pos][2], toks[pos][1]
        raise ValueError(f"extra text after the literal at character {at}: {tok!r}.")
    return result


# --------------------------------------------------------------------------------------------
# code tables
# --------------------------------------------------------------------------------------------


def _finish(rows: list[dict[str, Any]], levels: tuple[str, ...]) -> pd.DataFrame:
    codes = pd.DataFrame(rows, columns=["code", "name", "name_en", "level", "parent"])
    codes["depth"] = codes["level"].map({lv: i for i, lv in enumerate(levels)}).astype("int64")
    dup = codes["code"][codes["code"].duplicated()]
    if len(dup):
        raise ValueError(f"the code list repeats codes: {dup.unique().tolist()[:10]}.")
    return codes


def _check_tree(codes: pd.DataFrame) -> None:
    """Parent exists, is one level up, and (for numeric codes) is a prefix of the child."""
    by_code = codes.set_index("code")
    child = codes[codes["parent"].notna()]
    absent = child[~child["parent"].isin(by_code.index)]
    if len(absent):
        missing = absent["parent"].unique().tolist()[:10]
        raise ValueError(f"parents missing from the code list: {missing}.")
    pdepth = by_code.loc[child["parent"], "depth"].to_numpy()
    wrong = child[pdepth != child["depth"].to_numpy() - 1]
    if len(wrong):
        raise ValueError(f"codes whose parent is not one level up: {wrong['code'].tolist()[:10]}.")
    numeric = child[child["parent"].str.fullmatch(r"\d+")]
    not_prefix = numeric[[not c.startswith(p) for c, p in zip(numeric["code"], numeric["parent"],
                                                              strict=True)]]
    if len(not_prefix):
        bad = not_prefix["code"].tolist()[:10]
        raise ValueError(f"codes that do not extend their parent code: {bad}.")


def code_hierarchy(codes: pd.DataFrame, leaves: str | None = None) -> pd.DataFrame:
    """Hierarchy frame (codes of one level -> ancestors) from a ``"codes"`` table.

    Parameters
    ----------
    codes : DataFrame
        The ``"codes"`` table of :func:`load_jsic` or :func:`load_gbt4754`.
    leaves : str, optional
        Level whose codes form the index (e.g. ``"division"``); default the finest level.

    Returns
    -------
    DataFrame
        Indexed by code, one column per coarser level (fine to coarse).
    """
    if leaves is None:
        leaves = codes.loc[codes["depth"].idxmax(), "level"]
    return hierarchy_from_parent_table(codes, child="code", parent="parent", level="level",
                                       leaves=leaves)


def _clean(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def load_jsic() -> Dataset:
    """Load the JSIC Rev.14 code list (Japanese and English names) with parent links.

    Levels: ``division`` (letter, 大分類), ``major_group`` (2 digits, 中分類), ``group``
    (3 digits, 小分類), ``industry`` (4 digits, 細分類).

    Returns
    -------
    Dataset
        ``tables["codes"]`` (code, name, name_en, level, parent, depth) and
        ``tables["hierarchy"]`` (4-digit industry -> group, major_group, division). The report
        counts codes per level and the names corrected on load.

    Raises
    ------
    DataNotAvailableError
        The file is neither cached nor downloadable.
    """
    path = fetch_file("jsic_rev14", "jsic-en.json")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    children_key = {"division": "middle_categories", "major_group": "minor_categories",
                    "group": "detail_categories", "industry": None}

    def walk(node: dict[str, Any], depth: int, parent: str | None) -> None:
        level = JSIC_LEVELS[depth]
        code = str(node["code"]).strip()
        rows.append({"code": code, "name": _clean(node["name"]), "name_en": _clean(node["name_en"]),
                     "level": level, "parent": parent})
        key = children_key[level]
        for child in node.get(key, []) if key else []:
            walk(child, depth + 1, code)

    for top in data["major_categories"]:
        walk(top, 0, None)
    codes = _finish(rows, JSIC_LEVELS)
    fixed = []
    for code, name in _JSIC_NAME_EN_FIXES.items():
        mask = codes["code"] == code
        if mask.any() and codes.loc[mask, "name_en"].iloc[0] != name:
            upstream = codes.loc[mask, "name_en"].iloc[0]
            fixed.append({"code": code, "upstream": upstream, "used": name})
            codes.loc[mask, "name_en"] = name
    _check_tree(codes)
    hierarchy = validate_nested(code_hierarchy(codes))
    return Dataset(
        name="jsic_rev14",
        panel=None,
        descr=(
            "Japan Standard Industrial Classification, Revision 14: every code with its Japanese "
            "and English name, level (division letter / 2-digit major group / 3-digit group / "
            "4-digit industry) and parent code. Codes are strings (leading zeros kept). Codes "
            "ending in 0 at the group level (e.g. 010) are the 'administrative or ancillary "
            "establishments' of their major group. Earlier revisions (Rev.10-13, used by the "
            "Japanese census files) differ in places; map them with a concordance before using "
            "this hierarchy."
        ),
        citation=_JSIC_CITATION,
        licence=("No licence stated upstream; the classification is a Government of Japan "
                 "publication."),
        tables={"codes": codes, "hierarchy": hierarchy},
        report={
            "codes_per_level": codes["level"].value_counts().reindex(list(JSIC_LEVELS)).to_dict(),
            "names_corrected": fixed,
        },
    )


def load_gbt4754() -> Dataset:
    """Load the GB/T 4754-2017 code tree (Chinese names) with parent links.

    Levels: ``section`` (letter, 门类), ``division`` (2 digits, 大类), ``group`` (3 digits,
    中类), ``class`` (4 digits, 小类). English names are given for sections only
    (:data:`GBT4754_SECTION_NAMES_EN`).

    Returns
    -------
    Dataset
        ``tables["codes"]`` (code, name, name_en, level, parent, depth) and
        ``tables["hierarchy"]`` (4-digit class -> group, division, section). The report counts
        codes per level and the names cleaned or corrected on load.

    Raises
    ------
    DataNotAvailableError
        The file is neither cached nor downloadable.
    ValueError
        The file holds something other than a plain data literal.
    """
    path = fetch_file("cn_gbt4754_2017", "trade.js")
    tree = parse_js_literal(Path(path).read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    whitespace_cleaned: list[str] = []

    def walk(node: dict[str, Any], depth: int, parent: str | None) -> None:
        if depth >= len(GBT4754_LEVELS):
            raise ValueError(
                f"the code tree is deeper than {len(GBT4754_LEVELS)} levels at {node!r}."
            )
        code = str(node["code"]).strip()
        raw = str(node["name"])
        name = _clean(raw)
        if name != raw:
            whitespace_cleaned.append(code)
        rows.append({"code": code, "name": name,
                     "name_en": GBT4754_SECTION_NAMES_EN.get(code) if depth == 0 else None,
                     "level": GBT4754_LEVELS[depth], "parent": parent})
        for child in node.get("children", []):
            walk(child, depth + 1, code)

    for top in tree:
        walk(top, 0, None)
    codes = _finish(rows, GBT4754_LEVELS)
    fixed = []
    for code, name in _GBT_NAME_FIXES.items():
        mask = codes["code"] == code
        if mask.any() and codes.loc[mask, "name"].iloc[0] != name:
            upstream = codes.loc[mask, "name"].iloc[0]
            if not name.startswith(upstream[:10]):  # guard against a changed upstream file
                raise ValueError(f"GB/T code {code}: upstream name {upstream!r} is not a cut "
                                 f"form of {name!r}; the correction table needs review.")
            fixed.append({"code": code, "upstream": codes.loc[mask, "name"].iloc[0], "used": name})
            codes.loc[mask, "name"] = name
    _check_tree(codes)
    hierarchy = validate_nested(code_hierarchy(codes))
    return Dataset(
        name="cn_gbt4754_2017",
        panel=None,
        descr=(
            "GB/T 4754-2017, China's industrial classification for national economic "
            "activities: every code with its Chinese name, level (section letter / 2-digit "
            "division / 3-digit group / 4-digit class) and parent code. Codes are strings. "
            "Manufacturing is section C, divisions 13-43. Read from a JavaScript data file by a "
            "literal parser (the file is not executed)."
        ),
        citation=_GBT_CITATION,
        licence="No licence stated upstream; the classification is a national standard of China.",
        tables={"codes": codes, "hierarchy": hierarchy},
        report={
            "codes_per_level": (codes["level"].value_counts()
                                .reindex(list(GBT4754_LEVELS)).to_dict()),
            "names_whitespace_cleaned": whitespace_cleaned,
            "names_corrected": fixed,
        },
    )
