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

``reproduced`` runs ``scripts/reproduce.py`` once per test session into a temporary folder and
returns a :class:`Reproduced` (the folder, the notebooks run, their failures, the runtime).
The run starts in a background process as soon as collection ends, and the tests that read it
run last, so the notebooks execute while the rest of the suite does.
All notebooks run when the real-data cache is available, else only those that need no data.
When every selected test that uses it names its notebooks (a parametrised ``src`` notebook or
the ``reproduce_notebooks(...)`` marker), only those notebooks run, so
``pytest tests/test_notebooks.py -k 05`` executes one notebook. ``reproduced_again`` is a
second, independent run of the same notebooks (for the byte-identity check), started at the
same time as the first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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


# ----------------------------------------------------------------------- one reproduce run
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_STEMS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# notebooks that read the real datasets; the others run on files shipped with the package
NEEDS_DATA = {"02_kyoto_case", "03_shenzhen_case", "04_structure_variety_networks",
              "05_quantitative_tests", "06_policy_proposals", "08_published_benchmark"}
NO_DATA_REASON = ("real datasets are not cached and cannot be downloaded here; set "
                  "SMARTREGION_DATA_DIR or run `smartregion data fetch`")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "reproduce_notebooks(*stems): the notebooks a test reads from `reproduced`")


def data_available() -> bool:
    """True when the real datasets the notebooks read are in the cache."""
    try:
        fetch_file("jp_economic_census_2014", "ExplanatoryVariablesBase.csv", download=False)
    except DataNotAvailableError:
        return False
    return True


@pytest.fixture
def needs_data() -> None:
    """Skip the test when the real datasets are not cached."""
    if not data_available():
        pytest.skip(NO_DATA_REASON)


@dataclass
class Reproduced:
    """One run of scripts/reproduce.py."""

    out: Path
    ran: list[str]
    failures: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    not_run_reason: str = NO_DATA_REASON

    def require(self, stem: str, reason: str | None = None) -> Path:
        """The output folder, after skipping when ``stem`` was not run, failing when it failed."""
        if stem not in self.ran:
            pytest.skip(reason or self.not_run_reason)
        if stem in self.failures:
            pytest.fail(f"{stem} failed in scripts/reproduce.py: {self.failures[stem]}")
        return self.out

    @property
    def ok(self) -> list[str]:
        return [s for s in self.ran if s not in self.failures]


def _wanted_notebooks(session: pytest.Session) -> set[str]:
    wanted: set[str] = set()
    for item in session.items:
        if not {"reproduced", "reproduced_again"} & set(getattr(item, "fixturenames", ())):
            continue
        marker = item.get_closest_marker("reproduce_notebooks")
        src = getattr(getattr(item, "callspec", None), "params", {}).get("src")
        if marker is not None:
            wanted.update(marker.args)
        elif isinstance(src, Path):
            wanted.add(src.stem)
        else:
            return set(NOTEBOOK_STEMS)
    return wanted or set(NOTEBOOK_STEMS)


def _reproduce_command(out: Path, stems: Sequence[str]) -> list[str]:
    return [sys.executable, str(ROOT / "scripts" / "reproduce.py"), "--output-dir", str(out),
            "--keep-going", "--only", *sorted({s[:2] for s in stems})]


@dataclass
class _Background:
    """A reproduce run started in the background when collection ends."""

    out: Path
    stems: list[str]
    proc: subprocess.Popen
    log: Path
    t0: float

    def result(self) -> Reproduced:
        self.proc.wait()
        return _collect(self.out, self.stems, self.proc.returncode,
                        self.log.read_text(encoding="utf-8", errors="replace"),
                        time.perf_counter() - self.t0)


def _collect(out: Path, stems: Sequence[str], returncode: int, output: str,
             seconds: float) -> Reproduced:
    summary = out / "logs" / "runtime.json"
    if not summary.exists():
        raise RuntimeError(f"scripts/reproduce.py did not finish (exit {returncode}):\n"
                           f"{output[-6000:]}")
    failures = json.loads(summary.read_text(encoding="utf-8")).get("failed", {})
    ran = sorted(s for s in NOTEBOOK_STEMS if s[:2] in {x[:2] for x in stems})
    return Reproduced(out, ran, failures, seconds)


def run_reproduce(out: Path, stems: Sequence[str]) -> Reproduced:
    """Run scripts/reproduce.py for ``stems`` into ``out`` (failures recorded, not raised)."""
    t0 = time.perf_counter()
    res = subprocess.run(_reproduce_command(out, stems), capture_output=True, text=True,
                         cwd=ROOT)
    return _collect(out, stems, res.returncode, res.stdout + res.stderr,
                    time.perf_counter() - t0)


def _start(out: Path, stems: Sequence[str], env: dict[str, str]) -> _Background:
    out.mkdir(parents=True, exist_ok=True)
    log = out.parent / f"{out.name}.log"
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.Popen(_reproduce_command(out, stems), stdout=fh,
                                stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    return _Background(out, list(stems), proc, log, time.perf_counter())


def _uses(item: pytest.Item, *names: str) -> bool:
    return bool(set(names) & set(getattr(item, "fixturenames", ())))


# Started runs, by fixture name. The notebooks run in separate processes while the rest of the
# suite runs in this one: the tests that read their outputs are moved to the end of the session
# (pytest_collection_modifyitems), so on two cores the notebook runs overlap with the unit tests
# instead of following them. The second, independent run for the byte-identity check starts at
# the same time as the first.
_RUNS: dict[str, _Background] = {}


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: _uses(item, "reproduced", "reproduced_again"))  # stable


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    if not any(_uses(item, "reproduced", "reproduced_again") for item in session.items):
        return
    wanted = _wanted_notebooks(session)
    if not data_available():
        wanted -= NEEDS_DATA
    stems = sorted(wanted)
    if not stems:
        return
    base = Path(session.config._tmp_path_factory.mktemp("notebook_runs", numbered=True))
    twice = any(_uses(item, "reproduced_again") for item in session.items)
    env = dict(os.environ)
    if twice:  # two kernels side by side: one BLAS thread each, no oversubscription
        env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    _RUNS["reproduced"] = _start(base / "reproduce", stems, env)
    if twice:
        _RUNS["reproduced_again"] = _start(base / "reproduce_again", stems, env)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    for run in _RUNS.values():  # an interrupted session leaves no kernel behind
        if run.proc.poll() is None:
            run.proc.kill()
            run.proc.wait()


def _selection(request: pytest.FixtureRequest) -> list[str]:
    wanted = _wanted_notebooks(request.session)
    if not data_available():
        wanted -= NEEDS_DATA
    return sorted(wanted)


@pytest.fixture(scope="session")
def reproduced(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
               ) -> Reproduced:
    """scripts/reproduce.py run once per session (see the module docstring)."""
    if "reproduced" in _RUNS:
        return _RUNS["reproduced"].result()
    stems = _selection(request)
    if not stems:
        return Reproduced(tmp_path_factory.mktemp("reproduce"), [])
    return run_reproduce(tmp_path_factory.mktemp("reproduce"), stems)


@pytest.fixture(scope="session")
def reproduced_again(reproduced: Reproduced, tmp_path_factory: pytest.TempPathFactory
                     ) -> Reproduced:
    """A second, independent run of the same notebooks into another folder."""
    if not reproduced.ran:
        return Reproduced(tmp_path_factory.mktemp("reproduce_again"), [])
    if "reproduced_again" in _RUNS:
        return _RUNS["reproduced_again"].result()
    return run_reproduce(tmp_path_factory.mktemp("reproduce_again"), reproduced.ran)
