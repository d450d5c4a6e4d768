r"""Key numbers of fitted models: the numbers a written reading of a table quotes.

A reading of a regression table quotes coefficients, their p-values (conventional, wild
bootstrap, adjusted across the table), the sign of each estimate in words, joint Wald tests
and counts of coefficients that survive an adjustment. The functions here name those numbers
by one convention, so that the same specification reads the same way across samples, and
return plain mappings (or a :class:`smartregion.policy.Indicator` when a table goes with
them) that :meth:`smartregion.outputs.OutputWriter.record` stores in one call.

Naming. A coefficient is ``{term}_{model}`` where ``model`` is the label's identifier in
parentheses (``"(2)"`` gives ``2``, ``"income (R)"`` gives ``R``); statistics add a suffix:
``_p`` (conventional p-value), ``_se``, ``_pb`` (wild cluster bootstrap p-value of an
:func:`~smartregion.models.adjusted_pvalues` table), ``_p_wcr``, ``_p_holm``, ``_p_rw``,
``_sign`` (``positive``/``negative``), ``_dir`` (``higher``/``lower``) and ``_signif``
(whether the chosen p-value is below ``alpha``). The words follow the numbers, so prose never
states a sign the estimate does not have.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from ..policy import Indicator
from .estimators import fe_ols
from .inference import wald_test
from .results import ModelError, RegressionResult
from .specifications import nickell_bias

__all__ = ["LADDER_NOTES", "SIGN_WORDS", "adjusted_readings", "caveat_readings",
           "coefficient_comparison", "coefficient_comparison_figure", "coefficient_readings",
           "correlations", "coverage_table", "decomposition_readings", "direction_word",
           "diversification_table", "interval_counts", "ladder_table", "lagged_outcome_check",
           "model_readings", "nested_models", "placement_figure", "placement_readings",
           "sample_readings", "series_break", "signif_word", "start_shares", "wald_readings",
           "wald_rows", "within_spread_ratio"]

#: Words for the direction of an estimate: (word when > 0, word otherwise).
SIGN_WORDS: dict[str, tuple[str, str]] = {"sign": ("positive", "negative"),
                                          "dir": ("higher", "lower")}
#: Suffix of each statistic in a key name; adjusted-table columns are read from ``adjusted``.
_SUFFIX = {"coef": "", "se": "_se", "p": "_p", "pb": "_pb", "p_wcr": "_p_wcr",
           "p_holm": "_p_holm", "p_rw": "_p_rw", "sign": "_sign", "dir": "_dir",
           "signif": "_signif"}
_ADJUSTED = {"pb": "p_wcr", "p_wcr": "p_wcr", "p_holm": "p_holm", "p_rw": "p_rw"}

Row = tuple[Sequence[Hashable] | Mapping[Hashable, str], Sequence[str] | Mapping[str, str],
            Sequence[str]]


def direction_word(x: float, positive: str = "positive", negative: str = "negative") -> str:
    """``positive`` when ``x > 0``, else ``negative`` (zero reads as the second word).

    >>> direction_word(0.2), direction_word(-1.0, "faster", "more slowly")
    ('positive', 'more slowly')
    """
    return positive if x > 0 else negative


def signif_word(p: float, alpha: float = 0.05) -> str:
    """Words for a p-value at level ``alpha`` (prose follows the numbers).

    >>> signif_word(0.01), signif_word(0.2)
    ('distinguishable from zero at 5%', 'not distinguishable from zero')
    """
    if p < alpha:
        return f"distinguishable from zero at {alpha:.0%}"
    return "not distinguishable from zero"


def _model_parts(label: Hashable) -> tuple[str, str]:
    """``(identifier, text)`` of a model label: ``"y (2)"`` -> ``("2", "y")``."""
    m = re.fullmatch(r"\s*(.*?)\s*\(([^()]*)\)\s*", str(label))
    if m is None:
        return str(label), str(label)
    return m.group(2), m.group(1)


def _statistic(r: RegressionResult, col: str, stat: str, adj: pd.DataFrame | None,
               label: Hashable, signif_from: str, alpha: float) -> Any:
    """One statistic of one coefficient (see :func:`coefficient_readings`)."""
    coef = float(r.params[col])
    if stat == "coef":
        return coef
    if stat == "se":
        return float(r.bse[col])
    if stat in SIGN_WORDS:
        return direction_word(coef, *SIGN_WORDS[stat])
    if stat == "signif":
        return signif_word(_statistic(r, col, signif_from, adj, label, "p", alpha), alpha)
    if stat == "p":
        return float(r.pvalues[col])
    if adj is None or (label, col) not in adj.index:
        raise ModelError(f"no adjusted p-value for {col!r} in {label!r}: pass the table's "
                         "adjusted_pvalues() as `adjusted`.")
    return float(adj.loc[(label, col), _ADJUSTED[stat]])


def coefficient_readings(results: Mapping[Hashable, RegressionResult], rows: Iterable[Row], *,
                         adjusted: pd.DataFrame | None = None, signif_from: str = "p",
                         alpha: float = 0.05, key: str = "{term}_{model}") -> dict[str, Any]:
    """Named coefficients and statistics of the models of a table.

    Each row ``(models, terms, stats)`` reads every statistic of ``stats`` for every term of
    ``terms`` in every model of ``models``; a term a model does not have is skipped. The
    name is ``key`` (fields ``{term}``, ``{model}`` - the identifier in the label's
    parentheses - and ``{label}`` - the label's text outside them) plus the statistic's
    suffix (module docstring). ``models`` may map labels to the name used for ``{model}`` and
    ``{label}``; ``terms`` may map columns to the name used for ``{term}``.

    Statistics: ``coef``, ``se``, ``p`` from the model; ``pb``/``p_wcr``, ``p_holm``, ``p_rw``
    from ``adjusted`` (an :func:`~smartregion.models.adjusted_pvalues` table, rows matched on
    model label and term); ``sign`` and ``dir`` (:data:`SIGN_WORDS`); ``signif``:
    :func:`signif_word` of the p-value named by ``signif_from`` (``p`` or an adjusted one).

    Raises
    ------
    ModelError
        A statistic is unknown, or an adjusted p-value is asked for without ``adjusted`` or is
        not in it.
    """
    if signif_from not in ("p", *_ADJUSTED):
        raise ModelError(f"signif_from must be 'p' or one of {sorted(_ADJUSTED)}; got "
                         f"{signif_from!r}.")
    adj = None if adjusted is None else adjusted.set_index(["model", "term"])
    out: dict[str, Any] = {}
    for models, terms, stats in rows:
        unknown = set(stats) - set(_SUFFIX)
        if unknown:
            raise ModelError(f"unknown statistics {sorted(unknown)}; use {sorted(_SUFFIX)}.")
        mnames = models if isinstance(models, Mapping) else {m: None for m in models}
        tnames = terms if isinstance(terms, Mapping) else {t: t for t in terms}
        for label, alias in mnames.items():
            r = results[label]
            mid, text = (alias, alias) if alias is not None else _model_parts(label)
            for col, tname in tnames.items():
                if col not in r.params.index:
                    continue
                name = key.format(term=tname, model=mid, label=text)
                for stat in stats:
                    out[name + _SUFFIX[stat]] = _statistic(r, col, stat, adj, label,
                                                           signif_from, alpha)
    return out


def model_readings(results: Mapping[Hashable, RegressionResult], models: Iterable[Hashable],
                   stats: Sequence[str] = ("n",)) -> dict[str, Any]:
    """Per-model numbers: ``n_{model}`` (observations), ``r2_{model}``, ``r2_within_{model}``.

    ``model`` is the identifier in the label's parentheses, as in
    :func:`coefficient_readings`. A missing :math:`R^2` is recorded as ``None``.
    """
    attr = {"n": "nobs", "r2": "r2", "r2_within": "r2_within"}
    out: dict[str, Any] = {}
    for label in models:
        mid = _model_parts(label)[0]
        for stat in stats:
            if stat not in attr:
                raise ModelError(f"unknown model statistic {stat!r}; use {sorted(attr)}.")
            out[f"{stat}_{mid}"] = getattr(results[label], attr[stat])
    return out


def wald_readings(results: Mapping[Hashable, RegressionResult],
                  tests: Mapping[str, Sequence[str]], *, models: Iterable[Hashable]
                  ) -> dict[str, float]:
    """Joint Wald p-values ``wald_{test}_{model}_p`` for every model holding all the terms.

    ``tests`` maps a short name to the terms tested jointly (:func:`wald_test`, clustered
    covariance, F(m, G-1)); a model without every term of a test is skipped.
    """
    out: dict[str, float] = {}
    for label in models:
        r = results[label]
        for name, terms in tests.items():
            if set(terms) <= set(r.params.index):
                out[f"wald_{name}_{_model_parts(label)[0]}_p"] = wald_test(r, list(terms))["p"]
    return out


def _survivor_label(model: str, term: str) -> str:
    return f"{term.replace('_', ' ')} in {model}"


def adjusted_readings(adjusted: pd.DataFrame, *, counts: Sequence[str] = ("p", "p_wcr",
                                                                          "p_holm", "p_rw"),
                      survivors: Sequence[str] = ("p_rw",), alpha: float = 0.05,
                      label: Callable[[str, str], str] = _survivor_label) -> dict[str, Any]:
    """How many coefficients of a table pass ``alpha`` by each p-value, and which survive.

    ``adjusted`` is an :func:`~smartregion.models.adjusted_pvalues` table. Keys:
    ``hypotheses`` (rows of the table); ``n_{c}05`` for each column ``c`` of ``counts``
    (``p`` -> ``n_p05``, ``p_wcr`` -> ``n_wcr05``, ``p_holm`` -> ``n_holm05``, ``p_rw`` ->
    ``n_rw05``; the digits are ``alpha`` in per cent); ``{c}_survivors`` for each column of
    ``survivors`` (``p_rw`` -> ``rw_survivors``): the passing rows as ``label(model, term)``
    joined by "; ", or ``"none"``.
    """
    pct = f"{alpha * 100:02.0f}"
    out: dict[str, Any] = {"hypotheses": len(adjusted)}
    for c in counts:
        out[f"n_{c.removeprefix('p_')}{pct}"] = int((adjusted[c] < alpha).sum())
    for c in survivors:
        ok = adjusted.loc[adjusted[c] < alpha]
        names = [label(m, t) for m, t in zip(ok["model"], ok["term"], strict=True)]
        out[f"{c.removeprefix('p_')}_survivors"] = "; ".join(names) or "none"
    return out


def correlations(table: pd.DataFrame, columns: Sequence[str],
                 pairs: Mapping[str, tuple[str, str]]) -> Indicator:
    """Pearson correlations of ``columns`` (pairwise complete), with named pairs.

    Returns an Indicator: ``table`` the correlation matrix, ``key_numbers`` ``{name: r}``
    for each ``name: (a, b)`` of ``pairs``.
    """
    corr = table[list(columns)].corr()
    return Indicator(corr, {k: float(corr.loc[a, b]) for k, (a, b) in pairs.items()})


def within_spread_ratio(table: pd.DataFrame, terms: Sequence[str], *, unit: str = "region",
                        time: str = "start") -> dict[str, float]:
    r"""Spread of the change of each term between the first and last period, over its spread.

    .. math:: \frac{\operatorname{sd}_u(x_{u,T} - x_{u,1})}{\operatorname{sd}_{ut}(x_{ut})}

    (population standard deviations), keyed ``{term}_within_sd_ratio``: how much variation
    unit fixed effects leave in a two-period panel.
    """
    wide = table.pivot(index=unit, columns=time, values=list(terms))
    times = sorted(table[time].unique())
    return {f"{t}_within_sd_ratio": float((wide[(t, times[-1])] - wide[(t, times[0])])
                                          .std(ddof=0) / table[t].std(ddof=0))
            for t in terms}


def series_break(totals: Mapping[Hashable, float], before: Hashable, after: Hashable
                 ) -> dict[str, float]:
    """Totals on each side of a break and the jump between them (``after / before - 1``)."""
    return {f"total_{before}": totals[before], f"total_{after}": totals[after],
            "break_jump": totals[after] / totals[before] - 1}


def start_shares(panel: Any, table: pd.DataFrame, industries: Mapping[str, Hashable], *,
                 start: str = "start", region: str = "region") -> pd.DataFrame:
    """``table`` with each region's share of employment in some industries at ``start``.

    ``industries`` maps a new column name to an industry of ``panel``; shares are of the
    region's total at the period's start year. One row in, one row out (merge validated).
    """
    parts = []
    for t0 in sorted(table[start].unique()):
        j = list(panel.times).index(t0)
        emp = pd.DataFrame(panel.values[j], index=panel.regions, columns=panel.industries)
        share = emp.div(emp.sum(axis=1), axis=0)
        parts.append(pd.DataFrame({region: panel.regions, start: t0,
                                   **{c: share[i].to_numpy() for c, i in industries.items()}}))
    return table.merge(pd.concat(parts), on=[region, start], validate="one_to_one")


def lagged_outcome_check(table: pd.DataFrame, outcome: str, regressors: Sequence[str], *,
                         lag: str, period: str, unit: str, cluster: str) -> dict[str, Any]:
    """Pooled against within estimate of a lagged outcome, beside the Nickell bias.

    Fits ``outcome ~ regressors`` (raw units) with ``period`` effects (pooled) and with
    ``period`` and ``unit`` effects (within). Keys: ``lag_periods`` (periods with a lag),
    ``lag_pooled``, ``lag_within``, ``lag_gap`` (within - pooled), ``lag_dropped`` (rows the
    within model drops) and ``nickell_bias`` (:func:`nickell_bias` at the pooled estimate).
    """
    pooled = fe_ols(table, outcome, list(regressors), fe=period, cluster=cluster)
    within = fe_ols(table, outcome, list(regressors), fe=(period, unit), cluster=cluster)
    periods = int(table.dropna(subset=[lag])[period].nunique())
    rho = float(pooled.params[lag])
    return {"lag_periods": periods, "lag_pooled": rho, "lag_within": float(within.params[lag]),
            "lag_dropped": within.n_dropped, "lag_gap": float(within.params[lag] - rho),
            "nickell_bias": nickell_bias(rho, periods)}


def sample_readings(sample: Any, facts: Sequence[str] = (), resolution: Sequence[str] = ()
                    ) -> dict[str, Any]:
    """Named facts and resolution entries of a :class:`~smartregion.models.samples.Sample`."""
    return {**{k: sample.facts[k] for k in facts},
            **{k: sample.resolution[k] for k in resolution}}


def coverage_table(entries: Iterable[tuple[str, Any, str, str]]) -> pd.DataFrame:
    """One row per sample: unit, period, observations, resolution and zero-filled cells.

    ``entries`` are ``(panel label, Sample, unit, period)``; ``observations`` is the number of
    rows of the sample's table, ``max_uv_bits`` is rounded to three decimals.
    """
    rows = [{"panel": label, "unit": unit, "period": period, "observations": len(s.table),
             "industries": s.resolution["industries"], "groups": s.resolution["groups"],
             "max_uv_bits": round(s.resolution["max_uv_bits"], 3),
             "resolution": s.resolution["label"],
             "suppressed_cells_set_to_zero": s.facts.get("suppressed_cells_set_to_zero", 0)}
            for label, s, unit, period in entries]
    return pd.DataFrame(rows)


def caveat_readings(caveats: pd.DataFrame, *, early: Sequence[int], first_full: int
                    ) -> dict[str, Any]:
    """Suppression and size cut-off numbers of a caveats table, by year.

    ``caveats`` has one row per ``year`` with ``suppressed_persons_engaged``,
    ``suppressed_value_added``, ``min_persons_per_establishment`` and ``establishments``.
    Keys: ``emp_suppressed_{y}`` for each year of ``early``; from ``first_full`` on the total
    of suppressed employment cells (``emp_suppressed_after_{first_full}``) and the fewest
    suppressed value-added cells in a year (``va_suppressed_min_after_{first_full}``);
    ``min_persons_per_establishment`` over all years; ``establishments_{first_full}``.
    """
    by_year = caveats.set_index("year")
    late = by_year.loc[by_year.index >= first_full]
    return {**{f"emp_suppressed_{y}": int(by_year.at[y, "suppressed_persons_engaged"])
               for y in early},
            f"emp_suppressed_after_{first_full}": int(late["suppressed_persons_engaged"].sum()),
            f"va_suppressed_min_after_{first_full}": int(late["suppressed_value_added"].min()),
            "min_persons_per_establishment": float(by_year["min_persons_per_establishment"]
                                                   .min()),
            f"establishments_{first_full}": int(by_year.at[first_full, "establishments"])}


def decomposition_readings(change: Mapping[str, Any], labels: Mapping[str, str] | None = None
                           ) -> dict[str, Any]:
    """Key numbers of a within/between change decomposition and its largest parts.

    ``change`` is :func:`~smartregion.models.samples.jp_va_per_worker_change` output:
    ``summary`` (``change_fixed``, ``within``, ``between``, ``cells_fixed``), ``by_group``
    and ``by_cell`` (``total`` contributions, largest first). Keys: ``change``, ``within``,
    ``between``, ``cells``; ``top_group`` (underscores as spaces) and ``top_group_share`` of
    the change; ``top_cell_region`` (through ``labels`` when given), ``top_cell_share``,
    ``top_cell_start`` and ``top_cell_end`` (the cell's level in the two years).
    """
    s, top = change["summary"], change["by_cell"].iloc[0]
    labels = labels or {}
    return {"change": s["change_fixed"], "within": s["within"], "between": s["between"],
            "cells": s["cells_fixed"],
            "top_group": str(change["by_group"].index[0]).replace("_", " "),
            "top_group_share": float(change["by_group"]["total"].iloc[0] / s["change_fixed"]),
            "top_cell_region": labels.get(str(top["region"]), str(top["region"])),
            "top_cell_share": float(top["total"] / s["change_fixed"]),
            "top_cell_start": float(top["va_per_worker_start"]),
            "top_cell_end": float(top["va_per_worker_end"])}


def placement_readings(place: pd.DataFrame, groups: Mapping[str, str], *, unit: str = "unit",
                       counted: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Key numbers of a :func:`~smartregion.models.cases.residual_placement` table.

    For each group ``name: alias`` of ``groups``: ``{alias}_residual``, ``_percentile``,
    ``_n_{counted}`` (units averaged; ``counted`` maps an alias to the word for its units,
    default ``units``), ``_n_compared`` and ``_dir`` (``less`` when the residual is negative, else
    ``more``: growth against the structure's prediction). Over the rows of kind ``unit``
    (labelled by the ``label`` column): ``{unit}_lowest`` and ``{unit}_highest`` with their
    percentiles (``_pct``) and ``{unit}s_above_median`` (percentile above 50).
    """
    gp = place.set_index("name")
    out: dict[str, Any] = {}
    for name, alias in groups.items():
        res = float(gp.at[name, "residual"])
        out |= {f"{alias}_residual": res, f"{alias}_percentile": float(gp.at[name, "percentile"]),
                f"{alias}_n_{(counted or {}).get(alias, 'units')}": int(gp.at[name, "n_units"]),
                f"{alias}_n_compared": int(gp.at[name, "n_compared"]),
                f"{alias}_dir": "less" if res < 0 else "more"}
    units = place.loc[place["kind"] == "unit"].sort_values("percentile")
    if units.empty:
        raise ModelError("the placement table has no unit rows.")
    return out | {f"{unit}_lowest": str(units["label"].iloc[0]),
                  f"{unit}_lowest_pct": float(units["percentile"].iloc[0]),
                  f"{unit}_highest": str(units["label"].iloc[-1]),
                  f"{unit}_highest_pct": float(units["percentile"].iloc[-1]),
                  f"{unit}s_above_median": int((units["percentile"] > 50).sum())}


def interval_counts(rows: pd.DataFrame, adjusted: Iterable[pd.DataFrame], *,
                    models: Sequence[str], terms: Sequence[str], alpha: float = 0.05
                    ) -> dict[str, int]:
    """How many coefficients of some rungs are distinguishable from zero, before and after.

    ``rows`` is :func:`~smartregion.models.coefficient_rows` output (``model``, ``low``,
    ``high``); ``adjusted`` the :func:`~smartregion.models.adjusted_pvalues` tables of the
    same samples. Keys: ``rows`` (rows of ``models``), ``significant`` (of those, intervals
    excluding zero) and ``rw`` (rows of the adjusted tables for ``models`` and ``terms`` with
    a Romano-Wolf p-value below ``alpha``).
    """
    keep = rows["model"].isin(models)
    excludes = (rows["low"] > 0) | (rows["high"] < 0)
    adj = pd.concat(list(adjusted))
    rw = (adj["p_rw"] < alpha) & adj["model"].isin(models) & adj["term"].isin(terms)
    return {"significant": int((excludes & keep).sum()), "rows": int(keep.sum()),
            "rw": int(rw.sum())}


# --------------------------------------------------------------------------------------------
# tables and figures of a ladder
# --------------------------------------------------------------------------------------------

#: Notes of a standardised ladder table (what a coefficient and a Wald row mean).
LADDER_NOTES = ("all variables z-scored on each model's estimation sample: coefficients are "
                "SDs of the outcome per SD of the regressor; variety in bits (log2); Wald "
                "tests use the clustered covariance, F(m, G-1)")


def wald_rows(results: Mapping[str, RegressionResult], tests: Mapping[str, Sequence[str]]
              ) -> dict[str, dict[str, str]]:
    """Rows ``Wald p: {name} = 0`` of a regression table: the joint p-value per model.

    ``tests`` maps a row name (e.g. ``"RV = UV"``) to the terms tested jointly
    (:func:`wald_test`); a model without every term gets no cell. p-values have three
    decimals.
    """
    return {f"Wald p: {what} = 0": {k: f"{wald_test(r, list(terms))['p']:.3f}"
                                    for k, r in results.items()
                                    if set(terms) <= set(r.params.index)}
            for what, terms in tests.items()}


def ladder_table(results: Mapping[str, RegressionResult], sample: Any, *, terms: Sequence[str],
                 outcome: str, units: str, tests: Mapping[str, Sequence[str]],
                 notes: str = LADDER_NOTES) -> Any:
    """The regression table of a standardised ladder, with its outcome, resolution and tests.

    Shows the terms of ``terms`` that some model has, in that order; extra rows state the
    outcome (``"{outcome} ({units}), z-scored"``), the RV/UV resolution of ``sample`` (a
    :class:`~smartregion.models.samples.Sample`), each model's rung (``spec["rung"]``) and the
    joint Wald tests of ``tests`` (:func:`wald_rows`). Returns a
    :class:`~smartregion.models.RegressionTable`.
    """
    from .tables import regression_table

    return regression_table(
        results, terms=[t for t in terms if any(t in r.params.index for r in results.values())],
        source=sample.source, filters=sample.filters, extra_rows={
            "Outcome": f"{outcome} ({units}), z-scored",
            "RV/UV resolution": sample.resolution["label"],
            "Rung": {k: r.spec.get("rung", "") for k, r in results.items()},
            **wald_rows(results, tests)},
        notes=notes)


def coefficient_comparison(ladders: Mapping[str, Mapping[str, RegressionResult]],
                           adjusted: Iterable[pd.DataFrame], *, what: str,
                           controlled: Sequence[str], terms: Sequence[str],
                           alpha: float = 0.05) -> Indicator:
    """The same rungs of several samples side by side, with what their intervals say.

    ``ladders`` maps a sample label to its models (the rungs shown); ``adjusted`` are the
    samples' :func:`~smartregion.models.adjusted_pvalues` tables. Returns an Indicator:
    ``table`` the :func:`~smartregion.models.coefficient_rows` of the variety terms;
    ``parts["caption"]`` the :func:`~smartregion.models.coefficient_caption` (``what`` first);
    ``key_numbers`` the :func:`interval_counts` of the ``controlled`` rungs as
    ``controlled_significant``, ``controlled_rows``, ``controlled_rw``, then
    ``figure_models`` (model ids in drawing order) and ``figure_caption``;
    ``parts["controlled"]`` names the controlled rungs for a title (``"2-3"``).
    """
    from .tables import coefficient_caption, coefficient_rows

    rows = coefficient_rows(dict(ladders))
    caption = coefficient_caption(rows, what=what)
    counts = interval_counts(rows, adjusted, models=controlled, terms=terms, alpha=alpha)
    ids = [_model_parts(m)[0] for m in controlled]
    return Indicator(rows, {**{f"controlled_{k}": v for k, v in counts.items()},
                            "figure_models": list(dict.fromkeys(rows["model_id"])),
                            "figure_caption": caption},
                     {"caption": caption,
                      "controlled": "-".join(dict.fromkeys(ids[:1] + ids[-1:]))})


def coefficient_comparison_figure(comparison: Indicator, *, topic: str,
                                  panel_notes: Mapping[str, str], source: Any) -> Any:
    """Draw a :func:`coefficient_comparison` with a title stated from its counts.

    The title reads ``"{topic}: {k} of {n} variety coefficients with controls (rungs 2-3)
    have an interval excluding zero, {r} survive(s) Romano-Wolf adjustment"`` (the rungs of
    ``parts["controlled"]``).
    """
    from ..plots import coefficient_plot

    k = comparison.key_numbers
    rw = k["controlled_rw"]
    return coefficient_plot(
        comparison.table, caption=comparison.parts["caption"],
        title=f"{topic}: {k['controlled_significant']} of {k['controlled_rows']} variety "
              f"coefficients with controls (rungs {comparison.parts['controlled']}) have an "
              "interval excluding zero, "
              f"{rw} survive{'s' if rw == 1 else ''} Romano-Wolf adjustment",
        panel_notes=dict(panel_notes), source=source)


def nested_models(table: pd.DataFrame, outcomes: Mapping[str, str],
                  rungs: Mapping[str, tuple[Sequence[str], str]], *, units: str = "z-scored"
                  ) -> dict[str, RegressionResult]:
    """Standardised OLS of every outcome on every rung of regressors (no fixed effects).

    ``outcomes`` maps an outcome column to its label, ``rungs`` a rung id to ``(regressors,
    what the rung is)``. Models are :func:`~smartregion.models.ladder_model` fits named
    ``"{outcome} ({rung})"``, outcome by outcome, rungs in order.
    """
    from .specifications import ladder_model

    return {f"{y} ({rung})": ladder_model(table, y, list(regs), outcome_label=lab, units=units,
                                          spec={"rung": what})
            for y, lab in outcomes.items() for rung, (regs, what) in rungs.items()}


def placement_figure(result: RegressionResult, placement: pd.DataFrame,
                     compared: Mapping[str, str], *, beyond: str, xlabel: str, source: Any
                     ) -> Any:
    """The residual distribution of a model with the placed groups, titled by percentiles.

    ``placement`` is a :func:`~smartregion.models.cases.residual_placement` table; ``compared``
    maps each group to what it was ranked among (``{"Kyoto City": "cities"}``); the title
    reads ``"A at percentile p of cities and B at q of prefectures in {beyond}"`` (percentiles
    rounded). Drawn by :func:`smartregion.plots.residual_distribution`.
    """
    from ..plots import residual_distribution
    from .cases import model_residuals

    pct = placement.set_index("name")["percentile"]
    parts = [f"{g} at {'percentile ' if i == 0 else ''}{pct[g]:.0f} of {what}"
             for i, (g, what) in enumerate(compared.items())]
    return residual_distribution(model_residuals(result), placement,
                                 title=f"{' and '.join(parts)} in {beyond}", xlabel=xlabel,
                                 source=source)


def diversification_table(models: Mapping[str, RegressionResult], sample: Any, *,
                          periods: Mapping[str, str], filters: Sequence[str] = (),
                          terms: Sequence[str] = ("density", "density_default", "complexity",
                                                  "density:complexity"),
                          notes: str = "") -> Any:
    """Entry and exit models side by side, with outcome, resolution, LQ bands and periods rows.

    ``models`` are :func:`~smartregion.models.entry_model` / :func:`exit_model` fits; the
    table shows ``terms`` then every LQ band of any model; extra rows state each model's
    outcome (``"<entry|exit> (0/1), linear probability"``), the resolution of ``sample``,
    whether it has LQ bands and its ``periods`` text. ``filters`` extend the sample's.
    """
    from .tables import regression_table

    bands = list(dict.fromkeys(b for r in models.values() for b in r.spec.get("lq_bands", [])))
    return regression_table(
        models, terms=[*terms, *bands], source=sample.source,
        filters=[*sample.filters, *filters], notes=notes,
        extra_rows={"Outcome": {k: f"{r.outcome} (0/1), linear probability"
                                for k, r in models.items()},
                    "RV/UV resolution": sample.resolution["label"],
                    "LQ bands": {k: ("yes" if r.spec.get("lq_bands") else "no")
                                 for k, r in models.items()},
                    "Periods": dict(periods)})
