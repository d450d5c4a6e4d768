"""Writing results the same way everywhere: figures (PNG + PDF), tables (CSV), key numbers (JSON).

Notebooks stay thin: they compute with the library and hand every artefact to an
:class:`OutputWriter`, which names files predictably under ``output_dir`` and records what was
written (a manifest a reviewer can follow from file back to notebook and section).

Examples
--------
>>> import tempfile, pandas as pd
>>> with tempfile.TemporaryDirectory() as d:
...     out = OutputWriter(d, notebook="00_demo")
...     _ = out.table(pd.DataFrame({"a": [1, 2]}), "demo_table", section="1")
...     _ = out.key("total", 3, section="1")
...     path = out.save_keys()
...     sorted(p.name for p in out.written)
['00_demo.json', 'demo_table.csv']
"""

from __future__ import annotations

import json
import math
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["OutputWriter", "find_project_root"]


def find_project_root(start: str | Path | None = None) -> Path:
    """The nearest folder above ``start`` (default: the working directory) with pyproject.toml.

    Notebooks resolve paths from this marker, never from the working directory alone.
    """
    here = Path(start or Path.cwd()).resolve()
    for cand in (here, *here.parents):
        if (cand / "pyproject.toml").is_file() and (cand / "src" / "smartregion").is_dir():
            return cand
    raise FileNotFoundError(
        f"no smartregion project root (a folder with pyproject.toml and src/smartregion) above "
        f"{here}; pass explicit paths instead."
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return None if math.isnan(v) else v
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, pd.Series):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _execution_count() -> int | None:
    """Execution count (``In [n]``) of the running IPython cell, or None outside IPython.

    IPython advances ``shell.execution_count`` before the cell's code runs, so the count of
    the running cell is read from the result object the display hook holds for it.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the notebook extra
        return None
    shell = get_ipython()
    result = getattr(getattr(shell, "displayhook", None), "exec_result", None)
    count = getattr(result, "execution_count", None)
    return int(count) if isinstance(count, int) else None


@dataclass
class OutputWriter:
    """Write a notebook's artefacts under ``output_dir`` and keep a manifest of them.

    Parameters
    ----------
    output_dir : path
        Root of the outputs (``figures/``, ``tables/``, ``key_numbers/`` are created below it).
    notebook : str
        Name of the producing notebook; recorded in the manifest and used for the key-number file.
    """

    output_dir: str | Path
    notebook: str
    written: list[Path] = field(default_factory=list)
    keys: dict[str, Any] = field(default_factory=dict)
    manifest: list[dict[str, str]] = field(default_factory=list)
    prose: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.output_dir = Path(self.output_dir)
        for sub in ("figures", "tables", "key_numbers"):
            (self.output_dir / sub).mkdir(parents=True, exist_ok=True)

    def _record(self, path: Path, kind: str, section: str, note: str, *, title: str = "",
                source: str = "") -> None:
        self.written.append(path)
        self.manifest.append({"file": path.relative_to(self.output_dir).as_posix(), "kind": kind,
                              "notebook": self.notebook, "section": section, "note": note,
                              "title": title, "source": source})

    def figure(self, fig: Any, name: str, *, section: str = "", note: str = "") -> Path:
        """Save a matplotlib figure as ``figures/<name>.png`` and ``.pdf`` (deterministic bytes).

        The figure must carry a source line (:func:`smartregion.plots.style.add_source`) that
        says whether its numbers are computed or quoted; its title and source line are written
        into the PNG's text chunks (``Title``, ``Source``) and the PDF's ``Title``/``Subject``,
        and into the manifest, so the index page and a reviewer can read them from the file.

        Raises
        ------
        ValueError
            The figure has no source line, or its source line does not say "computed",
            "quoted" or "illustrative".
        """
        from .plots.style import figure_title, source_text

        source = source_text(fig)
        if not source:
            raise ValueError(f"figure {name!r} has no source line: add one with "
                             "smartregion.plots.add_source(fig, Source(dataset, years, kind)).")
        if not any(word in source for word in ("computed", "quoted", "illustrative")):
            raise ValueError(f"the source line of figure {name!r} does not say whether its "
                             f"numbers are computed, quoted or illustrative: {source!r}")
        title = figure_title(fig)
        base = self.output_dir / "figures" / name
        fig.savefig(base.with_suffix(".png"), dpi=150, bbox_inches="tight",
                    metadata={"Software": None, "Title": title, "Source": source})
        fig.savefig(base.with_suffix(".pdf"), bbox_inches="tight",
                    metadata={"Creator": None, "Producer": None, "CreationDate": None,
                              "Title": title, "Subject": source})
        self._record(base.with_suffix(".png"), "figure", section, note, title=title,
                     source=source)
        return base.with_suffix(".png")

    def table(self, df: pd.DataFrame | pd.Series, name: str, *, section: str = "",
              note: str = "", index: bool = True, float_format: str = "%.10g") -> Path:
        """Save a table as ``tables/<name>.csv``."""
        path = self.output_dir / "tables" / f"{name}.csv"
        df.to_csv(path, index=index, float_format=float_format)
        self._record(path, "table", section, note)
        return path

    def regression_table(self, table: Any, name: str, *, section: str = "", note: str = ""
                         ) -> list[Path]:
        """Save a :class:`~smartregion.models.RegressionTable` as CSV, Markdown and LaTeX."""
        paths = table.write(self.output_dir / "tables" / name)
        for path in paths:
            self._record(path, "regression table", section, note)
        return paths

    def key(self, name: str, value: Any, *, section: str = "") -> Any:
        """Record a key number (written by :meth:`save_keys`).

        When run inside IPython (a notebook), the execution count of the cell that records the
        number is kept as ``cell``, so the index page can point from the number to that cell.
        """
        self.keys[name] = {"value": _jsonable(value), "section": section}
        cell = _execution_count()
        if cell is not None:
            self.keys[name]["cell"] = cell
        return value

    def record(self, numbers: Any, *, section: str = "", prefix: str = "",
               table: str | None = None, index: bool = True, note: str = "") -> dict[str, Any]:
        """Record several key numbers at once, as :meth:`key` does for one.

        ``numbers`` is a mapping of names to values, or a result object with a
        ``key_numbers`` mapping (e.g. :class:`smartregion.policy.Indicator`), so that the call
        that computes an indicator and the call that records its numbers sit in one cell. Each
        name is recorded as ``prefix + name`` with the execution count of the recording cell.
        With ``table``, the result's ``table`` is also saved under that name (as
        :meth:`table` does, with ``index`` and ``note``), after the numbers.
        Returns the mapping recorded (with the prefixed names).

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     out = OutputWriter(d, notebook="00_demo")
        ...     sorted(out.record({"n": 3, "share": 0.5}, section="1", prefix="x_"))
        ['x_n', 'x_share']
        """
        mapping = getattr(numbers, "key_numbers", numbers)
        if not hasattr(mapping, "items"):
            raise TypeError("record() needs a mapping of names to values or an object with a "
                            f"key_numbers mapping; got {type(numbers).__name__}.")
        if table is not None and not isinstance(getattr(numbers, "table", None),
                                                (pd.DataFrame, pd.Series)):
            raise TypeError(f"record(table={table!r}) needs a result with a `table` frame; "
                            f"got {type(numbers).__name__}. Save a mapping's table with "
                            "OutputWriter.table instead.")
        recorded = {f"{prefix}{name}": value for name, value in mapping.items()}
        for name, value in recorded.items():
            self.key(name, value, section=section)
        if table is not None:
            self.table(numbers.table, table, section=section, index=index, note=note)
        return recorded

    def say(self, text: str, *, section: str = "") -> Any:
        """Markdown prose whose numbers are key numbers recorded with :meth:`key`.

        Placeholders ``{name}`` or ``{name:format}`` (Python format mini-language, e.g.
        ``{share:.1%}``) are filled from the recorded keys and nothing else, so every number in
        the text can be traced to ``key_numbers/<notebook>.json``. The rendered text is kept and
        written beside the key numbers by :meth:`save_keys`.

        Returns an ``IPython.display.Markdown`` object when IPython is installed (so a notebook
        cell renders it), else the string.

        Raises
        ------
        KeyError
            A placeholder names no recorded key.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     out = OutputWriter(d, notebook="00_demo")
        ...     _ = out.key("share", 0.4567)
        ...     str(getattr(out.say("A share of {share:.1%}."), "data", ""))
        'A share of 45.7%.'
        """
        values = {k: v["value"] for k, v in self.keys.items()}
        for _, field_name, _, _ in string.Formatter().parse(text):
            if field_name is None:
                continue
            name = field_name.split(".")[0].split("[")[0]
            if name not in values:
                raise KeyError(f"the text uses {{{field_name}}} but no key number {name!r} was "
                               "recorded; record it with out.key(name, value) first.")
        rendered = text.format(**values)
        self.prose.append({"section": section, "text": rendered})
        try:
            from IPython.display import Markdown
        except ImportError:  # pragma: no cover - IPython ships with the notebook extra
            return rendered
        return Markdown(rendered)

    def save_keys(self) -> Path:
        """Write ``key_numbers/<notebook>.json`` and ``tables/<notebook>_manifest.csv``."""
        path = self.output_dir / "key_numbers" / f"{self.notebook}.json"
        path.write_text(json.dumps(self.keys, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        self.written.append(path)
        if self.prose:
            text = "\n\n".join(
                (f"<!-- section {p['section']} -->\n" if p["section"] else "") + p["text"]
                for p in self.prose)
            prose_path = self.output_dir / "key_numbers" / f"{self.notebook}_prose.md"
            prose_path.write_text(text + "\n", encoding="utf-8")
            self.written.append(prose_path)
        if self.manifest:
            man = self.output_dir / "tables" / f"{self.notebook}_manifest.csv"
            pd.DataFrame(self.manifest).to_csv(man, index=False)
        return path
