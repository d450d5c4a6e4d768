r"""Published numbers against computed ones, at the precision they were printed with.

A replication checks each number of a published table against the number the package
computes on the same data. A number printed with :math:`d` decimals stands for every value
within half a unit of its last digit, so it is **reproduced** when

.. math::

    |\hat x - x| \le \tfrac12 10^{-d},

with :math:`\hat x` computed and :math:`x` published (plus :math:`10^{-12}` for binary floating
point). The gap is also expressed in units of the last printed digit,
:math:`(\hat x - x)\,10^{d}`: if the computed values are the unrounded values behind the
published ones, these gaps spread evenly over :math:`[-\tfrac12, \tfrac12]`, whose mean absolute
value is :math:`\tfrac14`; a systematic difference in method piles them up at one edge.

* :func:`significance_stars` and :func:`estimates_table`: fitted models laid out as a published
  regression table is (one row per coefficient, standard error, observation count and
  R-squared, with the stars of stargazer's default thresholds);
* :func:`match_published`: one published table merged one-to-one with the computed numbers,
  with the gap and the verdict of each number;
* :func:`benchmark_readings`: the counts a reading of the comparison quotes.

``notebooks/08_published_benchmark`` applies them to Davies & Maré (2021), Tables 2 and 3.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..policy import Indicator
from .results import RegressionResult
from .tables import significance_stars

__all__ = ["FLOAT_SLACK", "significance_stars", "estimates_table", "within_printed_precision",
           "match_published", "benchmark_readings"]

#: Slack added to the half unit of the last printed digit, for binary floating point.
FLOAT_SLACK = 1e-12


def estimates_table(fits: Mapping[Hashable, RegressionResult], *, table: str = "estimates",
                    intercept: str = "Intercept") -> pd.DataFrame:
    """Fitted models in the long layout of a published regression table.

    For each model (in the order of ``fits``) one ``coef`` and one ``se`` row per term (the
    intercept left out, as regression tables print it), then one ``nobs`` and one ``r2`` row.

    Parameters
    ----------
    fits : mapping
        Model label (the column of the published table) -> fitted result.
    table : str, default "estimates"
        Value of the ``table`` column (the name of the published table).
    intercept : str, default "Intercept"

    Returns
    -------
    DataFrame
        ``table, model, term, statistic, computed, computed_stars`` (stars of the coefficient's
        p-value by :func:`significance_stars`, empty on the other rows; ``term`` empty on the
        ``nobs`` and ``r2`` rows).
    """
    rows = []
    for k, res in fits.items():
        for term in res.params.index.drop(intercept, errors="ignore"):
            rows.append({"table": table, "model": k, "term": term, "statistic": "coef",
                         "computed": res.params[term],
                         "computed_stars": significance_stars(res.pvalues[term])})
            rows.append({"table": table, "model": k, "term": term, "statistic": "se",
                         "computed": res.bse[term], "computed_stars": ""})
        rows.append({"table": table, "model": k, "term": "", "statistic": "nobs",
                     "computed": res.nobs, "computed_stars": ""})
        rows.append({"table": table, "model": k, "term": "", "statistic": "r2",
                     "computed": res.r2, "computed_stars": ""})
    return pd.DataFrame(rows)


def within_printed_precision(difference: float | np.ndarray | pd.Series,
                             decimals: int | np.ndarray | pd.Series) -> bool | np.ndarray:
    r"""Whether a gap is at most half a unit of the last printed digit (:math:`10^{-d}/2`).

    >>> within_printed_precision(0.0005, 3), within_printed_precision(-0.0006, 3)
    (True, False)
    """
    return abs(difference) <= 0.5 * 10.0 ** (-decimals) + FLOAT_SLACK


def match_published(published: pd.DataFrame, computed: pd.DataFrame, *, on: Sequence[str],
                    value: str = "value", decimals: str = "decimals",
                    computed_value: str = "computed") -> pd.DataFrame:
    r"""Each published number beside its computed one, with the gap and the verdict.

    Parameters
    ----------
    published : DataFrame
        One row per published number: the keys ``on``, the number ``value`` and the number
        of ``decimals`` it was printed with (other columns are kept).
    computed : DataFrame
        The keys ``on`` and ``computed_value`` (other columns are kept), at most one row per
        key; a published number without a computed one gets a missing value and is not
        reproduced.
    on : sequence of str
        Columns that name a number (e.g. table, model, term, statistic).

    Returns
    -------
    DataFrame
        The rows of ``published`` in their order, ``value`` renamed ``published``, with the
        computed columns and ``difference`` (computed - published), ``half_unit``
        (:math:`10^{-d}/2`), ``in_units_of_last_digit`` (difference / :math:`10^{-d}`) and
        ``reproduced`` (:func:`within_printed_precision`).

    Raises
    ------
    pandas.errors.MergeError
        A key names more than one published or computed number.

    Examples
    --------
    >>> pub = pd.DataFrame({"k": ["a", "b"], "value": [0.12, 3.0], "decimals": [2, 0]})
    >>> got = pd.DataFrame({"k": ["a", "b"], "computed": [0.1249, 3.6]})
    >>> match_published(pub, got, on=["k"])[["k", "reproduced"]].to_dict("list")
    {'k': ['a', 'b'], 'reproduced': [True, False]}
    """
    cmp = published.merge(computed, on=list(on), how="left", validate="one_to_one")
    cmp["difference"] = cmp[computed_value] - cmp[value]
    cmp["half_unit"] = 0.5 * 10.0 ** (-cmp[decimals])
    cmp["in_units_of_last_digit"] = cmp["difference"] / (2 * cmp["half_unit"])
    cmp["reproduced"] = cmp["difference"].abs() <= cmp["half_unit"] + FLOAT_SLACK
    return cmp.rename(columns={value: "published"})


def benchmark_readings(
    comparison: pd.DataFrame,
    *,
    labels: Sequence[str],
    by_construction: pd.Series | np.ndarray | None = None,
    group: str = "table",
    stars: tuple[str, str] = ("stars", "computed_stars"),
    starred_statistic: str = "coef",
    extra: Sequence[str] = (),
) -> Indicator:
    r"""The counts a reading of a published-versus-computed table quotes.

    Parameters
    ----------
    comparison : DataFrame
        Rows of :func:`match_published` (several tables concatenated).
    labels : sequence of str
        Columns that name a number (written first in the table and in ``not_reproduced``).
    by_construction : boolean array, optional
        Rows that hold by construction once the sample is right (e.g. the mean of a
        standardised variable); they are left out of ``mean_abs_gap_other_numbers``.
    group : str, default "table"
        Column whose values get their own counts (``<value>_published``,
        ``<value>_reproduced``).
    stars : (str, str), default ("stars", "computed_stars")
        Published and computed significance marks, compared on the rows whose ``statistic``
        is ``starred_statistic`` (the marks are compared, not counted as numbers).
    extra : sequence of str
        Further columns written at the end of the table.

    Returns
    -------
    Indicator
        ``table``: ``labels``, ``published, computed, difference, in_units_of_last_digit,
        reproduced`` and ``extra``. ``key_numbers``: ``published_numbers``,
        ``reproduced_numbers``, ``<group>_published`` and ``<group>_reproduced`` per group,
        ``largest_gap_in_last_digits`` (largest absolute gap in units of the last digit),
        ``stars_published``, ``stars_matched``, ``numbers_by_construction``,
        ``mean_abs_gap_other_numbers`` (mean absolute gap in last digits over the other
        rows), ``mean_abs_gap_if_exact`` (0.25, its expectation when the computed values are
        the unrounded published ones) and ``not_reproduced`` (records of ``labels``,
        ``published``, ``computed``).
    """
    reproduced = comparison["reproduced"].astype(bool)
    gap = comparison["in_units_of_last_digit"].abs()
    mask = (np.zeros(len(comparison), dtype=bool) if by_construction is None
            else np.asarray(by_construction, dtype=bool))
    keys: dict[str, object] = {"published_numbers": int(len(comparison)),
                               "reproduced_numbers": int(reproduced.sum())}
    for name, rows in comparison.groupby(group, sort=False).groups.items():
        keys[f"{name}_published"] = int(len(rows))
        keys[f"{name}_reproduced"] = int(reproduced.loc[rows].sum())
    starred = comparison[comparison["statistic"] == starred_statistic]
    keys |= {"largest_gap_in_last_digits": float(gap.max()),
             "stars_published": int(len(starred)),
             "stars_matched": int((starred[stars[0]] == starred[stars[1]]).sum()),
             "numbers_by_construction": int(mask.sum()),
             "mean_abs_gap_other_numbers": float(gap[~mask].mean()),
             "mean_abs_gap_if_exact": 0.25}
    keys["not_reproduced"] = comparison.loc[~reproduced, [*labels, "published", "computed"]
                                            ].to_dict("records")
    columns = [*labels, "published", "computed", "difference", "in_units_of_last_digit",
               "reproduced", *extra]
    return Indicator(comparison[columns], keys, {"comparison": comparison})
