"""Registry of upstream files (URL + sha256) and the local cache that holds them.

Files are never shipped with smartregion. :func:`fetch_file` returns the path of a verified
copy in the cache, downloading it with :mod:`pooch` when it is missing. pooch is used because
it does exactly this job (download to a cache, check a known hash, retry) and is well kept; the
only thing added here is that a file already in the cache is *verified, never replaced*, so a
read-only pre-seeded cache works, and that every failure says which file, which dataset, which
hash and which command fixes it.

The cache directory is ``$SMARTREGION_DATA_DIR`` when set, otherwise the user's cache
directory (``platformdirs.user_cache_dir("smartregion")``). Its layout is
``<dataset>/<file name>``.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = [
    "DataNotAvailableError",
    "DataIntegrityError",
    "RegistryEntry",
    "cache_dir",
    "registry",
    "entries",
    "fetch_file",
    "is_cached",
    "verify_file",
]

ENV_VAR = "SMARTREGION_DATA_DIR"


class DataNotAvailableError(RuntimeError):
    """A registered file is not in the cache and could not be downloaded."""


class DataIntegrityError(RuntimeError):
    """A cached file does not have the registered sha256 (corrupted or tampered)."""


@dataclass(frozen=True)
class RegistryEntry:
    """One upstream file: where it comes from, its hash, size, licence and source."""

    dataset: str
    file_name: str
    url: str
    sha256: str
    bytes: int
    licence: str
    source: str


def cache_dir() -> Path:
    """The cache root: ``$SMARTREGION_DATA_DIR`` or the user's cache directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_cache_dir("smartregion")) / "data"


@functools.lru_cache(maxsize=1)
def registry() -> pd.DataFrame:
    """The registry table shipped with the package (one row per upstream file)."""
    with resources.files("smartregion.datasets").joinpath("registry.csv").open("r") as fh:
        return pd.read_csv(fh, dtype={"bytes": "int64"})


def entries(dataset: str | None = None) -> list[RegistryEntry]:
    """Registry entries, optionally of one dataset (unknown names raise ``KeyError``)."""
    reg = registry()
    if dataset is not None:
        if dataset not in set(reg["dataset"]):
            raise KeyError(
                f"unknown dataset {dataset!r}; registered datasets are "
                f"{sorted(reg['dataset'].unique())}."
            )
        reg = reg[reg["dataset"] == dataset]
    return [RegistryEntry(**{k: row[k] for k in RegistryEntry.__dataclass_fields__})
            for _, row in reg.iterrows()]


def _entry(dataset: str, file_name: str) -> RegistryEntry:
    for e in entries(dataset):
        if e.file_name == file_name:
            return e
    raise KeyError(f"file {file_name!r} is not registered for dataset {dataset!r}.")


@functools.lru_cache(maxsize=256)
def _sha256(path: str, mtime_ns: int, size: int) -> str:  # cache keyed on file identity
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _file_hash(path: Path) -> str:
    st = path.stat()
    return _sha256(str(path), st.st_mtime_ns, st.st_size)


def is_cached(dataset: str, file_name: str) -> bool:
    """True when the file is present in the cache (its hash is not checked here)."""
    return (cache_dir() / dataset / file_name).is_file()


def verify_file(dataset: str, file_name: str) -> Path:
    """Check the cached file's sha256 against the registry and return its path.

    Raises
    ------
    DataNotAvailableError
        The file is not in the cache.
    DataIntegrityError
        The hash differs from the registered one.
    """
    e = _entry(dataset, file_name)
    path = cache_dir() / dataset / file_name
    if not path.is_file():
        raise DataNotAvailableError(_missing_message(e, path, reason="it is not in the cache"))
    got = _file_hash(path)
    if got != e.sha256:
        raise DataIntegrityError(
            f"{path} (dataset {dataset!r}) has sha256 {got} but the registry expects {e.sha256}."
            f" The file is corrupted or was changed. Delete it and run `smartregion data fetch "
            f"{dataset}` to download it again from {e.url}."
        )
    return path


def _missing_message(e: RegistryEntry, path: Path, reason: str) -> str:
    return (
        f"{e.file_name} of dataset {e.dataset!r} is not available: {reason}. Expected at {path} "
        f"with sha256 {e.sha256}. Run `smartregion data fetch {e.dataset}` with network access "
        f"(it downloads {e.url}), or point {ENV_VAR} at a directory holding "
        f"{e.dataset}/{e.file_name}."
    )


def fetch_file(dataset: str, file_name: str, *, download: bool = True) -> Path:
    """Return the path of a verified cached copy of a registered file.

    A file already in the cache is verified and used as is (never overwritten). A missing file
    is downloaded with pooch (``download=True``) into ``<cache>/<dataset>/<file name>`` and its
    hash checked.

    Raises
    ------
    DataIntegrityError
        A cached file has the wrong hash.
    DataNotAvailableError
        The file is missing and cannot be downloaded (no network, or ``download=False``).
    """
    e = _entry(dataset, file_name)
    path = cache_dir() / dataset / file_name
    if path.is_file():
        return verify_file(dataset, file_name)
    if not download:
        raise DataNotAvailableError(_missing_message(e, path, reason="downloading is switched off"))
    import pooch

    try:
        fetched = pooch.retrieve(
            url=e.url,
            known_hash=f"sha256:{e.sha256}",
            fname=e.file_name,
            path=path.parent,
            progressbar=False,
        )
    except ValueError as exc:  # pooch raises ValueError on a hash mismatch after download
        raise DataIntegrityError(
            f"downloaded {e.url} for dataset {dataset!r} but its hash does not match "
            f"{e.sha256}: {exc}"
        ) from exc
    except OSError as exc:  # includes requests' ConnectionError and read-only caches
        raise DataNotAvailableError(_missing_message(e, path, reason=f"download failed ({exc})")
                                    ) from exc
    return Path(fetched)
