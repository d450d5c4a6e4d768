"""The registry and cache: hashes are enforced, pre-seeded files are used as is, no network."""

from __future__ import annotations

import hashlib
import os
import re
import stat

import pandas as pd
import pytest

from smartregion.datasets import (
    DataIntegrityError,
    DataNotAvailableError,
    _registry,
    fetch_file,
    registry,
    verify_file,
)
from smartregion.datasets.loaders import LOADERS

CONTENT = b"region,industry,value\nA,x,1\n"
SHA = hashlib.sha256(CONTENT).hexdigest()


@pytest.fixture
def fake_registry(monkeypatch, tmp_path):
    """A one-file registry (dataset 'toy') and an empty temporary cache."""
    table = pd.DataFrame([{
        "dataset": "toy", "file_name": "toy.csv", "url": "https://example.invalid/toy.csv",
        "sha256": SHA, "bytes": len(CONTENT), "licence": "CC0", "source": "made up",
    }])
    monkeypatch.setattr(_registry, "registry", lambda: table)
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv(_registry.ENV_VAR, str(cache))
    return cache


@pytest.fixture
def no_network(monkeypatch):
    """Any download attempt fails as it would without network; calls are counted."""
    import pooch

    calls = []

    def offline(*args, **kwargs):
        calls.append((args, kwargs))
        raise ConnectionError("simulated: network is unreachable")

    monkeypatch.setattr(pooch, "retrieve", offline)
    return calls


def test_tampered_file_raises_with_file_dataset_hash_and_fix(fake_registry, no_network):
    (fake_registry / "toy").mkdir()
    (fake_registry / "toy" / "toy.csv").write_bytes(CONTENT + b"B,y,2\n")
    with pytest.raises(DataIntegrityError) as info:
        fetch_file("toy", "toy.csv")
    msg = str(info.value)
    assert "toy.csv" in msg
    assert "'toy'" in msg
    assert SHA in msg
    assert "smartregion data fetch toy" in msg
    assert no_network == []  # a bad cached file is reported, never silently re-downloaded


def test_missing_file_without_download_raises(fake_registry, no_network):
    with pytest.raises(DataNotAvailableError, match="smartregion data fetch toy"):
        fetch_file("toy", "toy.csv", download=False)
    assert no_network == []


def test_missing_file_without_network_raises_not_available(fake_registry, no_network):
    with pytest.raises(DataNotAvailableError, match="download failed"):
        fetch_file("toy", "toy.csv")
    assert len(no_network) == 1
    assert not (fake_registry / "toy" / "toy.csv").exists()


def test_preseeded_file_used_as_is_in_read_only_cache(fake_registry, no_network):
    folder = fake_registry / "toy"
    folder.mkdir()
    path = folder / "toy.csv"
    path.write_bytes(CONTENT)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    fake_registry.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        got = fetch_file("toy", "toy.csv")
        again = verify_file("toy", "toy.csv")
        after = path.stat()
    finally:
        fake_registry.chmod(stat.S_IRWXU)
        folder.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert got == again == path
    assert path.read_bytes() == CONTENT
    assert after.st_mtime_ns == before.st_mtime_ns
    assert after.st_ino == before.st_ino
    assert no_network == []


def test_unknown_dataset_and_file_raise_keyerror(fake_registry):
    with pytest.raises(KeyError, match="unknown dataset"):
        fetch_file("nope", "toy.csv")
    with pytest.raises(KeyError, match="not registered"):
        fetch_file("toy", "other.csv")


def test_shipped_registry_is_well_formed():
    reg = registry()
    assert list(reg.columns) == ["dataset", "file_name", "url", "sha256", "bytes", "licence",
                                 "source"]
    assert not reg.duplicated(["dataset", "file_name"]).any()
    assert reg["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert (reg["bytes"] > 0).all()
    assert reg["licence"].str.len().gt(0).all()
    # every URL pins a commit (40 hex digits), so the bytes cannot change under the hash
    assert reg["url"].map(lambda u: re.search(r"/[0-9a-f]{40}/", u) is not None).all()


def test_every_registered_dataset_has_a_loader():
    assert set(registry()["dataset"]) == set(LOADERS)


def test_list_datasets_reports_cache_status(fake_registry, monkeypatch):
    from smartregion.datasets import loaders

    monkeypatch.setitem(loaders.LOADERS, "toy", ("nz", "load_nz_urban_employment"))
    table = loaders.list_datasets()
    assert table.set_index("dataset").loc["toy", "cached"] == "none"
    (fake_registry / "toy").mkdir()
    (fake_registry / "toy" / "toy.csv").write_bytes(CONTENT)
    row = loaders.list_datasets().set_index("dataset").loc["toy"]
    assert row["cached"] == "all" and row["files"] == 1 and row["bytes"] == len(CONTENT)
    assert bool(row["loader_available"])


def test_load_unknown_name_lists_known_datasets():
    from smartregion.datasets.loaders import load

    with pytest.raises(KeyError, match="nz_urban_employment"):
        load("no_such_dataset")
