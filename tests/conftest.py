"""Shared fixtures.

``load_or_skip(loader, what, **kwargs)`` calls a loader and skips the calling test, naming
``what``, when the loader's files are neither cached nor downloadable.

``require_dataset(name, files=None)`` returns the cached paths of a registered dataset's files,
downloading them when possible, and skips the calling test with the reason when they are
neither in the cache nor downloadable. A hash mismatch is *not* a reason to skip: it fails.
CI points ``SMARTREGION_DATA_DIR`` at a pre-seeded read-only cache, so these tests run there.

Property tests draw examples at random on a developer's machine (to keep exploring) and from a
fixed seed when ``CI`` is set, so a CI run is reproducible; a failure found locally is printed
with the ``@reproduce_failure`` line that replays it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from smartregion.datasets import DataNotAvailableError, entries, fetch_file

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def _require(name: str, files: Sequence[str] | None = None) -> dict[str, Path]:
    wanted = [e.file_name for e in entries(name)] if files is None else list(files)
    paths: dict[str, Path] = {}
    for file_name in wanted:
        try:
            paths[file_name] = fetch_file(name, file_name)
        except DataNotAvailableError as exc:
            pytest.skip(f"real data {name}/{file_name} not cached and not downloadable: {exc}")
    return paths


@pytest.fixture(scope="session")
def require_dataset() -> Callable[..., dict[str, Path]]:
    """Factory fixture: ``require_dataset("nz_urban_employment")`` -> {file name: path}."""
    return _require


def _load_or_skip(loader: Callable[..., Any], what: str, **kwargs: Any) -> Any:
    try:
        return loader(**kwargs)
    except DataNotAvailableError as exc:
        pytest.skip(f"{what} not cached and not downloadable: {exc}")


@pytest.fixture(scope="session")
def load_or_skip() -> Callable[..., Any]:
    """Factory fixture: ``load_or_skip(load_jsic, "JSIC code list")`` -> the loader's result."""
    return _load_or_skip
