"""One entry point for every registered dataset: :func:`load` and :func:`list_datasets`.

Each dataset's loader lives in its own module and is imported only when asked for, so a
missing optional reader (or a loader still being written) never breaks the others.

Examples
--------
>>> sorted(LOADERS)[:3]
['cn_atlas', 'cn_gbt4754_2017', 'cn_major_cities']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd

from . import _registry
from ._base import Dataset

__all__ = ["LOADERS", "load", "get_loader", "list_datasets"]

#: dataset name -> (module inside smartregion.datasets, function name)
LOADERS: dict[str, tuple[str, str]] = {
    "jp_economic_census_2014": ("jp_census", "load_jp_economic_census_2014"),
    "jp_manufactures_municipal": ("jp_manufactures", "load_jp_manufactures_municipal"),
    "nz_urban_employment": ("nz", "load_nz_urban_employment"),
    "nz_activity_employment": ("nz_activity", "load_nz_activity_employment"),
    "nz_davies_mare_2021": ("nz_activity", "load_nz_davies_mare_2021"),
    "us_cz_bartik": ("us_cz", "load_us_cz_bartik"),
    "cn_major_cities": ("china", "load_cn_major_cities"),
    "cn_prefecture_panel": ("china", "load_cn_prefecture_panel"),
    "cn_shenzhen_districts_2016": ("shenzhen", "load_cn_shenzhen_districts_2016"),
    "cn_province_sector_employment": ("cn_provinces", "load_cn_province_sector_employment"),
    "cn_major_cities_sectors": ("cn_provinces", "load_cn_major_cities_sectors"),
    "jsic_rev14": ("codes", "load_jsic"),
    "cn_gbt4754_2017": ("codes", "load_gbt4754"),
    "jp_boundaries": ("boundaries", "load_jp_boundaries"),
    "cn_shenzhen_boundaries": ("boundaries", "load_cn_shenzhen_boundaries"),
    "cn_atlas": ("boundaries", "load_cn_atlas"),
}


def get_loader(name: str) -> Callable[..., Dataset]:
    """The loader function of a dataset (imported on first use).

    Raises
    ------
    KeyError
        Unknown dataset name (the message lists the known ones).
    ImportError
        The loader's module or function is not available in this installation.
    """
    if name not in LOADERS:
        raise KeyError(f"unknown dataset {name!r}; known datasets are {sorted(LOADERS)}.")
    module_name, func_name = LOADERS[name]
    module = importlib.import_module(f"{__package__}.{module_name}")
    try:
        return getattr(module, func_name)
    except AttributeError as exc:
        raise ImportError(
            f"smartregion.datasets.{module_name} has no function {func_name!r} (loader of "
            f"{name!r})."
        ) from exc


def load(name: str, **kwargs: Any) -> Dataset:
    """Load a registered dataset by name; keyword arguments go to its loader.

    Parameters
    ----------
    name : str
        A name from :func:`list_datasets` (e.g. ``"nz_urban_employment"``).
    **kwargs
        Options of that loader (see its docstring, e.g. ``measure="establishments"``).

    Returns
    -------
    Dataset
    """
    return get_loader(name)(**kwargs)


def _loader_available(name: str) -> bool:
    try:
        get_loader(name)
    except ImportError:
        return False
    return True


def list_datasets() -> pd.DataFrame:
    """One row per dataset: files, total size, licence, loader and whether it is cached.

    ``cached`` is ``"all"``, ``"some"`` or ``"none"`` of the dataset's files (present in the
    cache; hashes are checked by ``smartregion data verify``).
    """
    reg = _registry.registry()
    root = _registry.cache_dir()
    rows = []
    for name, group in reg.groupby("dataset", sort=False):
        present = [(root / name / f).is_file() for f in group["file_name"]]
        module, func = LOADERS.get(name, ("", ""))
        rows.append({
            "dataset": name,
            "files": len(group),
            "bytes": int(group["bytes"].sum()),
            "licence": group["licence"].iloc[0],
            "loader": f"smartregion.datasets.{module}.{func}" if module else "",
            "loader_available": _loader_available(name) if module else False,
            "cached": "all" if all(present) else ("some" if any(present) else "none"),
        })
    return pd.DataFrame(rows)
