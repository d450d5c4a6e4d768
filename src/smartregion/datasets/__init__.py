"""Real public datasets: a registry of upstream files (URL + sha256), a cache, and loaders.

Each loader returns a :class:`~smartregion.panel.Panel` (or a tidy table for series that are
not region x industry) together with a description that cites the source.
"""

from ._base import Dataset
from ._registry import (
    DataIntegrityError,
    DataNotAvailableError,
    cache_dir,
    entries,
    fetch_file,
    is_cached,
    registry,
    verify_file,
)
from .loaders import list_datasets, load

__all__ = [
    "Dataset",
    "load",
    "list_datasets",
    "DataIntegrityError",
    "DataNotAvailableError",
    "cache_dir",
    "entries",
    "fetch_file",
    "is_cached",
    "registry",
    "verify_file",
]
