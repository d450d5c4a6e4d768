"""Regression tables (third layer of :mod:`smartregion.models`): several models side by
side, written as plain CSV with a JSON sidecar for provenance, Markdown and LaTeX."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .estimators import ModelError, RegressionResult


# ---------------------------------------------------------------------------------- tables
def sidecar_path(path: str | Path) -> Path:
    """The provenance sidecar of a table file: ``name.csv`` -> ``name.csv.json``."""
    path = Path(path)
    return path.with_name(path.name + ".json")


def write_sidecar(path: str | Path, meta: Mapping[str, object]) -> Path:
    """Write ``meta`` (source, filters, version, notes ...) as JSON next to the table ``path``."""
    side = sidecar_path(path)
    side.write_text(json.dumps({str(k): v for k, v in meta.items()}, indent=2, sort_keys=True,
                               ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return side


def significance_stars(p: float, thresholds: Sequence[float] = (0.01, 0.05, 0.1)) -> str:
    """One star per significance level that the p-value is below (none for a missing p).

    With the default levels (stargazer's 0.01, 0.05, 0.1): three stars below 0.01, two below
    0.05, one below 0.1.

    >>> [significance_stars(p) for p in (0.001, 0.01, 0.07, 0.5, float("nan"))]
    ['***', '**', '*', '', '']
    """
    if not np.isfinite(p):
        return ""
    return "*" * sum(p < t for t in thresholds)


def _fmt(x: float, digits: int) -> str:
    if x is None or not np.isfinite(x):
        return ""
    return f"{x:.{digits}f}"


@dataclass
class RegressionTable:
    """Several models side by side, with the record needed to reproduce them.

    Attributes
    ----------
    frame : DataFrame of str
        Display table: index = row labels (a coefficient row per term followed by its standard
        error row ``"<term> (se)"``, then fixed-effect rows ``"FE: <name>"`` with Yes/No, then
        ``N``, ``R2``, ``Within R2``, ``Clusters``, ``Dropped``); columns = model names.
    estimates : DataFrame
        Long numeric table: model, term, coef, se, p, ci_low, ci_high.
    meta : dict of str -> str
        ``source``, ``filters``, ``smartregion_version``, ``notes`` (and anything added).
    """

    frame: pd.DataFrame
    estimates: pd.DataFrame
    meta: dict[str, str]

    # ---- CSV
    def to_csv(self, path: str | Path | None = None) -> str:
        """Write the display table as a plain CSV (header first, no comment lines).

        The record (source, filters, version ...) goes to a JSON sidecar ``<path>.json`` next
        to the CSV (see :func:`sidecar_path`), so ``pandas.read_csv(path)`` reads the table as
        it is.
        """
        buf = io.StringIO()
        self.frame.to_csv(buf, index=True, index_label="term", quoting=csv.QUOTE_NONNUMERIC)
        text = buf.getvalue()
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
            write_sidecar(path, self.meta)
        return text

    @classmethod
    def read_csv(cls, path: str | Path) -> RegressionTable:
        """Read a table written by :meth:`to_csv` and its sidecar (``estimates`` is not stored)."""
        frame = pd.read_csv(path, index_col=0, dtype=str, keep_default_na=False)
        frame.index.name = None
        frame.columns.name = None
        side = sidecar_path(path)
        meta = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
        return cls(frame=frame, estimates=pd.DataFrame(), meta=meta)

    # ---- Markdown
    def to_markdown(self, path: str | Path | None = None) -> str:
        """Pipe table with the metadata as a note underneath."""
        cols = ["", *map(str, self.frame.columns)]
        out = ["| " + " | ".join(cols) + " |", "|" + "|".join(["---"] + [":---:"] *
                                                              (len(cols) - 1)) + "|"]
        for lab, row in self.frame.iterrows():
            shown = "" if str(lab).endswith(" (se)") else str(lab)
            cells = [shown, *[str(v) for v in row]]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
        out.append(self._note())
        text = "\n".join(out) + "\n"
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    # ---- LaTeX
    def to_latex(self, path: str | Path | None = None) -> str:
        """A ``tabular`` (booktabs rules) with the metadata as a table note."""
        def esc(s: str) -> str:
            for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"),
                         ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}"),
                         ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}")):
                s = s.replace(a, b)
            return s

        ncol = self.frame.shape[1]
        lines = [r"\begin{tabular}{l" + "c" * ncol + "}", r"\toprule",
                 " & ".join(["", *[esc(str(c)) for c in self.frame.columns]]) + r" \\",
                 r"\midrule"]
        for lab, row in self.frame.iterrows():
            lab = str(lab)
            shown = "" if lab.endswith(" (se)") else esc(lab)
            cells = [shown]
            for v in row:
                s = esc(str(v))
                s = s.replace("***", "$^{***}$") if "***" in s else (
                    s.replace("**", "$^{**}$") if "**" in s else s.replace("*", "$^{*}$"))
                cells.append(s)
            if lab == "N" or lab.startswith("FE: ") and not self._prev_fe(lab):
                lines.append(r"\midrule")
            lines.append(" & ".join(cells) + r" \\")
        lines += [r"\bottomrule", r"\end{tabular}", "",
                  r"\par\footnotesize " + esc(self._note())]
        text = "\n".join(lines) + "\n"
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def _prev_fe(self, lab: str) -> bool:
        labels = list(self.frame.index)
        i = labels.index(lab)
        return i > 0 and str(labels[i - 1]).startswith("FE: ")

    def _note(self) -> str:
        parts = [f"{k}: {v}" for k, v in self.meta.items() if v != ""]
        return "Note. " + "; ".join(parts) + "."

    def write(self, stem: str | Path) -> list[Path]:
        """Write ``<stem>.csv`` (plain), ``<stem>.md``, ``<stem>.tex`` and the provenance
        sidecar ``<stem>.csv.json``; return the paths in that order."""
        stem = Path(stem)
        paths = [stem.with_suffix(".csv"), stem.with_suffix(".md"), stem.with_suffix(".tex")]
        self.to_csv(paths[0])
        self.to_markdown(paths[1])
        self.to_latex(paths[2])
        return [*paths, sidecar_path(paths[0])]


def regression_table(
    results: Mapping[str, RegressionResult],
    *,
    terms: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    digits: int = 3,
    stars: Sequence[float] = (0.1, 0.05, 0.01),
    source: str | None = None,
    filters: str | Sequence[str] | None = None,
    notes: str = "",
    extra_rows: Mapping[str, str | Mapping[str, str]] | None = None,
) -> RegressionTable:
    """Side-by-side table of fitted models with standard errors, stars and model facts.

    Each coefficient cell is ``estimate`` plus one star per level in ``stars`` that its p-value
    is below (default * 10%, ** 5%, *** 1%); the row beneath gives the standard error in
    parentheses (clustered when the model was clustered). Fixed-effect rows say Yes/No per
    model; ``N``, ``R2`` (pseudo R2 for a logit), ``Within R2``, ``Clusters`` and ``Dropped``
    (observations removed before estimation) follow. The metadata records the data source and
    sample filters (taken from the models' specs unless given) and ``smartregion.__version__``.

    Parameters
    ----------
    results : dict of name -> RegressionResult
    terms : sequence of str, optional
        Terms to show, in order (default: all, in order of first appearance).
    labels : dict, optional
        Display names for terms.
    digits : int, default 3
    stars : sequence of float, default (0.1, 0.05, 0.01)
    source, filters, notes : str
        Override or extend the record.
    extra_rows : dict, optional
        Rows appended at the bottom: label -> one text for every model, or a dict model ->
        text (e.g. the outcome and its units, the resolution of the variety measures).

    Returns
    -------
    RegressionTable
    """
    from .. import __version__

    if not results:
        raise ModelError("give at least one fitted model.")
    labels = dict(labels or {})
    if terms is None:
        seen: list[str] = []
        for r in results.values():
            seen += [t for t in r.params.index if t not in seen]
        terms = seen
    rows: dict[str, dict[str, str]] = {}
    est_rows = []
    for name, r in results.items():
        sf = r.summary_frame()
        for t, e in sf.iterrows():
            est_rows.append({"model": name, "term": t, **{k: float(v) for k, v in e.items()}})
    order: list[str] = []
    for t in terms:
        lab = labels.get(t, t)
        order += [lab, f"{lab} (se)"]
        rows[lab], rows[f"{lab} (se)"] = {}, {}
        for name, r in results.items():
            if t in r.params.index:
                p = float(r.pvalues[t])
                rows[lab][name] = _fmt(float(r.params[t]), digits) + significance_stars(p, stars)
                rows[f"{lab} (se)"][name] = "(" + _fmt(float(r.bse[t]), digits) + ")"
            else:
                rows[lab][name] = rows[f"{lab} (se)"][name] = ""
    all_fe: list[str] = []
    for r in results.values():
        all_fe += [f for f in r.fixed_effects if f not in all_fe]
    for f in all_fe:
        lab = f"FE: {f}"
        order.append(lab)
        rows[lab] = {n: ("Yes" if f in r.fixed_effects else "No") for n, r in results.items()}
    facts = {
        "N": {n: str(r.nobs) for n, r in results.items()},
        "R2": {n: ("" if r.r2 is None else _fmt(r.r2, digits)) for n, r in results.items()},
        "Within R2": {n: ("" if r.r2_within is None else _fmt(r.r2_within, digits))
                      for n, r in results.items()},
        "Clusters": {n: ", ".join(f"{k}={v}" for k, v in r.n_clusters.items()) or "none"
                     for n, r in results.items()},
        "Dropped": {n: str(r.n_dropped) for n, r in results.items()},
        "Estimator": {n: r.estimator for n, r in results.items()},
    }
    for k, v in facts.items():
        if k == "Within R2" and not any(v.values()):
            continue
        order.append(k)
        rows[k] = v
    for k, v in (extra_rows or {}).items():
        order.append(k)
        rows[k] = ({n: str(v.get(n, "")) for n in results} if isinstance(v, Mapping)
                   else {n: str(v) for n in results})
    frame = pd.DataFrame([rows[k] for k in order], index=order,
                         columns=list(results)).fillna("").astype(str)
    if source is None:
        src = sorted({str(r.spec.get("source", "")) for r in results.values()} - {""})
        source = " | ".join(src)
    if filters is None:
        fl: list[str] = []
        for r in results.values():
            fl += [f for f in r.spec.get("filters", []) if f not in fl]
        filters = "; ".join(fl)
    elif not isinstance(filters, str):
        filters = "; ".join(filters)
    star_note = ", ".join(f"{'*' * (i + 1)} p<{lv:g}" for i, lv in
                          enumerate(sorted(stars, reverse=True)))
    meta = {"source": source, "filters": filters, "smartregion_version": __version__,
            "standard_errors": "; ".join(sorted({r.cov_type for r in results.values()})),
            "stars": star_note, "notes": notes}
    return RegressionTable(frame=frame, estimates=pd.DataFrame(est_rows), meta=meta)


def coefficient_rows(
    models: Mapping[str, Mapping[str, RegressionResult]],
    *,
    terms: Sequence[str] = ("related", "unrelated"),
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Long table of selected coefficients for a coefficient plot, one row per model and term.

    ``models`` maps a panel label (e.g. ``"Japan 2004-12"``) to ``{model name: result}``; the
    rows carry everything a reader needs next to the estimate: panel, model, what the rung
    adds (``spec["rung"]``), N, outcome label and units (``spec["outcome_label"]``,
    ``spec["units"]``), whether the coefficients are standardised, the estimate, its
    ``1 - alpha`` interval and p-value. ``label`` is the plotted row name and ``model_id``
    (``"<panel> <model>"``) the name a caption should use.
    """
    rows = []
    for panel, res_map in models.items():
        for name, r in res_map.items():
            ci = r.conf_int(alpha)
            for t in terms:
                if t not in r.params.index:
                    raise ModelError(f"model {panel} {name} has no term {t!r}.")
                outcome = str(r.spec.get("outcome_label", r.outcome))
                units = str(r.spec.get("units", ""))
                rows.append({
                    "model_id": f"{panel} {name}", "panel": panel, "model": name,
                    "rung": str(r.spec.get("rung", "")), "n": int(r.nobs),
                    "outcome": outcome, "units": units,
                    "standardised": bool(r.spec.get("standardised", False)), "term": t,
                    "coef": float(r.params[t]), "low": float(ci.loc[t, "low"]),
                    "high": float(ci.loc[t, "high"]), "p": float(r.pvalues[t]),
                    "label": f"{panel} {name}: {t}\nN={int(r.nobs)}; {outcome}"
                             + (f" ({units})" if units else ""),
                })
    return pd.DataFrame(rows)


def coefficient_caption(rows: pd.DataFrame, *, what: str = "") -> str:
    """A caption that names exactly the models in ``rows`` (from :func:`coefficient_rows`)."""
    ids = list(dict.fromkeys(rows["model_id"]))
    scale = ("standardised coefficients (SD of the outcome per SD of the regressor)"
             if rows["standardised"].all() else "coefficients in the outcome's units")
    terms = ", ".join(dict.fromkeys(rows["term"]))
    head = what or f"{terms}: {scale}, 95% intervals"
    return f"{head}. Models shown: " + "; ".join(ids) + "."
