"""CJK fonts for figure text, and the text drawn for a label when there is none.

Japanese or Chinese region and industry names need a font with those glyphs. The package
depends on ``noto-cjk-sans-otc`` (Noto Sans CJK, SIL Open Font License 1.1), which
:func:`setup_fonts` selects first; without it, it looks among the installed fonts; if there is
none, or when romanised labels are asked for (``setup_fonts(cjk=False)``), labels holding
CJK characters are romanised by :func:`display_label` (a small built-in table of place names,
a user table, and otherwise code points) and a :class:`CJKFontWarning` says so.

This module is the lowest layer of :mod:`smartregion.plots`: it imports nothing from the
rest of the package.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib import font_manager, ft2font

from ..panel import SmartRegionWarning

#: Font families tried first, in order, when looking for CJK glyphs.
CJK_FAMILIES = (
    "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK KR",
    "Noto Sans JP", "Noto Sans SC", "Source Han Sans", "Source Han Sans JP",
    "IPAexGothic", "IPAGothic", "TakaoGothic", "VL Gothic", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "Droid Sans Fallback", "Hiragino Sans", "Hiragino Maru Gothic Pro",
    "Yu Gothic", "Meiryo", "MS Gothic", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Arial Unicode MS", "AppleGothic",
)


_PROBE = "京都深圳广东産業"


#: Romanised forms of place names used in the Kyoto / Shenzhen studies.
ROMANISED = {
    "京都": "Kyoto", "京都府": "Kyoto Prefecture", "京都市": "Kyoto City",
    "深圳": "Shenzhen", "深圳市": "Shenzhen City", "广东": "Guangdong", "廣東": "Guangdong",
    "广东省": "Guangdong Province", "広東省": "Guangdong Province", "香港": "Hong Kong",
    "大阪": "Osaka", "大阪府": "Osaka Prefecture", "大阪市": "Osaka City", "東京": "Tokyo",
    "東京都": "Tokyo Metropolis", "滋賀県": "Shiga Prefecture", "奈良県": "Nara Prefecture",
    "兵庫県": "Hyogo Prefecture", "日本": "Japan", "中国": "China", "北京": "Beijing",
    "上海": "Shanghai", "广州": "Guangzhou", "東莞": "Dongguan", "东莞": "Dongguan",
    "韓国": "Korea", "韩国": "Korea", "한국": "Korea",
}


class CJKFontWarning(SmartRegionWarning):
    """No installed font has CJK glyphs: CJK labels are romanised."""


_STATE: dict[str, Any] = {"checked": False, "family": None, "romanise": {}, "warned": False}


def _has_cjk(text: str) -> bool:
    for ch in text:
        code = ord(ch)
        if (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
                or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x2FA1F):
            return True
    return False


def _covers(path: str, probe: str = _PROBE) -> bool:
    try:
        charmap = ft2font.FT2Font(path).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in probe)


def _find_cjk_font(families: Iterable[str] | None = None) -> str | None:
    """Family name of a font covering the CJK probe characters, or ``None``.

    By default the font shipped with the package's dependencies comes first (Noto Sans CJK,
    SIL Open Font License, from the ``noto-cjk-sans-otc`` distribution), so figures look the
    same on every machine; installed fonts are the fallback when it is missing.
    """
    if families is None:
        try:
            from noto_cjk_sans_otc import FONT_PATH
        except ImportError:
            FONT_PATH = None
        if FONT_PATH is not None and _covers(str(FONT_PATH)):
            font_manager.fontManager.addfont(str(FONT_PATH))
            return font_manager.FontProperties(fname=str(FONT_PATH)).get_name()
    wanted = list(families) if families is not None else list(CJK_FAMILIES)
    entries = list(font_manager.fontManager.ttflist)
    by_name: dict[str, list[Any]] = {}
    for e in entries:
        by_name.setdefault(e.name, []).append(e)
    for fam in wanted:
        for e in by_name.get(fam, []):
            if _covers(e.fname):
                return fam
    if families is not None:
        return None
    # a font installed after matplotlib built its cache: register likely files, then any family
    hints = ("cjk", "ipa", "takao", "wqy", "droid", "hansans", "han_sans", "gothic", "mincho",
             "yahei", "simhei", "noto")
    known = {e.fname for e in entries}
    for fname in sorted(font_manager.findSystemFonts()):
        low = Path(fname).name.lower().replace("-", "")
        if fname not in known and any(h in low for h in hints) and _covers(fname):
            font_manager.fontManager.addfont(fname)
            return font_manager.FontProperties(fname=fname).get_name()
    for name in sorted(by_name):
        if any(h in name.lower() for h in ("cjk", "gothic", "hei", "han", "mincho")):
            if any(_covers(e.fname) for e in by_name[name]):
                return name
    return None


def setup_fonts(
    *,
    families: Iterable[str] | None = None,
    romanise: Mapping[str, str] | None = None,
    cjk: bool = True,
    warn: bool = True,
) -> str | None:
    """Pick a font with CJK glyphs for figure text, or set up romanised labels.

    Looks through ``families`` (default :data:`CJK_FAMILIES`, then any installed font whose
    glyph table covers a few Japanese and Chinese test characters). If one is found it is
    appended to ``rcParams["font.family"]`` as a fallback: text keeps its usual font, and only
    glyphs missing from it (CJK characters) are taken from the CJK font, so figures without
    CJK text look the same with or without it. Its name is returned. Otherwise labels with
    CJK characters are romanised from now on (see :func:`display_label`), a
    :class:`CJKFontWarning` is issued and ``None`` is returned.

    Parameters
    ----------
    families : iterable of str, optional
        Font family names to try, in order.
    romanise : mapping, optional
        Extra ``{label: romanised label}`` entries, added to :data:`ROMANISED`.
    cjk : bool, default True
        ``False`` forces romanised labels even when a CJK font exists (figures then look the
        same on every machine).
    warn : bool, default True
        Warn when falling back to romanised labels.

    Returns
    -------
    str or None
        The chosen family, or ``None`` when labels are romanised.
    """
    if romanise:
        _STATE["romanise"] = {**_STATE["romanise"], **dict(romanise)}
    family = _find_cjk_font(families) if cjk else None
    _STATE.update(checked=True, family=family, warned=not cjk)  # forced: no warning
    if family is not None:
        current = [f for f in mpl.rcParams["font.family"] if f != family]
        mpl.rcParams["font.family"] = [*current, family]
    elif warn and cjk:
        _warn_romanised()
    return family


def _warn_romanised() -> None:
    if not _STATE["warned"]:
        warnings.warn(
            "no font with CJK glyphs was found, so labels with Japanese/Chinese/Korean "
            "characters are romanised. Install the package's dependency noto-cjk-sans-otc "
            "(or a system font such as fonts-noto-cjk) and call "
            "smartregion.plots.setup_fonts() to draw them as written.",
            CJKFontWarning,
            stacklevel=4,
        )
        _STATE["warned"] = True


def display_label(label: Hashable) -> str:
    """The text drawn for ``label``: as written if it can be rendered, else romanised.

    Romanisation uses the tables of :func:`setup_fonts` (longest known name first); CJK
    characters left over are written as their code points (``U+4EAC``).

    Examples
    --------
    >>> display_label("I01")
    'I01'
    """
    text = str(label)
    if not _has_cjk(text):
        return text
    if not _STATE["checked"]:
        setup_fonts(warn=False)
    if _STATE["family"] is not None:
        return text
    _warn_romanised()
    table = {**ROMANISED, **_STATE["romanise"]}
    if text in table:
        return table[text]
    for key in sorted(table, key=len, reverse=True):
        if key in text:
            text = text.replace(key, f" {table[key]} ")
    out = []
    for ch in text:
        if _has_cjk(ch):
            norm = unicodedata.normalize("NFKC", ch)
            out.append(norm if not _has_cjk(norm) else f"U+{ord(ch):04X}")
        else:
            out.append(ch)
    return " ".join("".join(out).split())
