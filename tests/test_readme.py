"""Every Python example in README.md runs as written (from the project root).

The examples are the first thing a new user copies, so each fenced ``python`` block is
executed in a fresh namespace; a block may rely on the ones before it in the same section
(they run in order, sharing a namespace per README section).
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _sections() -> list[tuple[str, list[str]]]:
    text = README.read_text(encoding="utf-8")
    out: list[tuple[str, list[str]]] = []
    title = "(top)"
    blocks: list[str] = []
    for part in re.split(r"^(## .*)$", text, flags=re.M):
        if part.startswith("## "):
            if blocks:
                out.append((title, blocks))
            title, blocks = part[3:].strip(), []
            continue
        blocks.extend(m.group(1) for m in re.finditer(r"```python\n(.*?)```", part, re.S))
    if blocks:
        out.append((title, blocks))
    return out


SECTIONS = _sections()


def test_readme_has_python_examples():
    assert sum(len(b) for _, b in SECTIONS) >= 1


@pytest.mark.parametrize("title, blocks", SECTIONS, ids=[t for t, _ in SECTIONS])
def test_readme_examples_run(title, blocks, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace: dict = {"__name__": f"readme_{title}"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the examples' warnings are part of what they show
        for k, code in enumerate(blocks):
            try:
                exec(compile(code, f"README.md [{title}] block {k + 1}", "exec"), namespace)
            except ModuleNotFoundError as exc:  # an optional extra the example names
                pytest.skip(f"README example needs {exc.name}, not installed")
    assert os.getcwd() == str(ROOT)
