"""An all-zero line changes nothing but its own row or column, in every index, with defaults.

Appending an industry that is zero in every region (or a region that is zero in every
industry) to a panel must leave every other output of every index function exactly as it was
(up to floating-point rounding): an empty line is data about nothing. The empty line's own
entries may be NaN or 0, as each function documents; they are not compared here.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from smartregion import complexity as cx
from smartregion import relatedness as rel
from smartregion import shiftshare as ss
from smartregion import structure as st_
from smartregion import variety as var
from smartregion.complexity import DegenerateComplexityWarning
from smartregion.panel import Panel, ZeroLineWarning

GROUPS = ["G1", "G2"]


def _panel(values: np.ndarray, regions, industries, hierarchy) -> Panel:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        return Panel(values, regions, industries, [2015, 2020], hierarchy=hierarchy)


def _hierarchy(industries) -> pd.DataFrame:
    return pd.DataFrame({"group": [GROUPS[k % 2] for k in range(len(industries))],
                         "sector": "S"}, index=list(industries))


def _index_functions():
    """(name, callable) for every index function of the package, default options."""
    one = lambda f, **kw: (lambda p: f(p, **kw))
    single = lambda f, **kw: (lambda p: f(p.select(times=[2020]), **kw))
    funcs = {
        "location_quotient": one(st_.location_quotient),
        "rca": one(st_.rca),
        "specialisation": one(st_.specialisation),
        "diversity": one(st_.diversity),
        "ubiquity": one(st_.ubiquity),
        "shares_region": one(st_.shares),
        "shares_industry": one(st_.shares, within="industry"),
        "herfindahl": one(st_.herfindahl),
        "krugman_index": one(st_.krugman_index),
        "specialisation_coefficient": one(st_.specialisation_coefficient),
        "theil": one(st_.theil),
        "average_location_quotient": one(st_.average_location_quotient),
        "hachman": one(st_.hachman),
        "gini": one(st_.gini),
        "hoover_gini": one(st_.hoover_gini),
        "locational_gini": one(st_.locational_gini),
        "hoover_index": one(st_.hoover_index),
        "entropy": one(var.entropy),
        "related_unrelated_variety": one(var.related_unrelated_variety),
        "variety_decomposition": one(var.variety_decomposition),
        "co_occurrence": one(rel.co_occurrence),
        "proximity": one(rel.proximity),
        "relatedness_density": one(rel.relatedness_density),
        "distance": one(rel.distance),
        "relative_relatedness_density": one(rel.relative_relatedness_density),
        "cospecialisation_relatedness": one(rel.cospecialisation_relatedness),
        "cospecialisation_relatedness_ratio": one(rel.cospecialisation_relatedness,
                                                  scale="ratio"),
        "regional_network_measures": one(rel.regional_network_measures),
        "relatedness_weights": one(rel.relatedness_weights),
        "relatedness_weights_proximity": one(rel.relatedness_weights, method="proximity"),
        "eci": lambda p: cx.economic_complexity(p).eci,
        "pci": lambda p: cx.economic_complexity(p).pci,
        "eci_reflections": lambda p: cx.economic_complexity(p, method="reflections").eci,
        "pci_reflections": lambda p: cx.economic_complexity(p, method="reflections").pci,
        "reflections_region": lambda p: cx.reflections(p).region,
        "reflections_industry": lambda p: cx.reflections(p).industry,
        "fitness": lambda p: cx.fitness_complexity(p).fitness,
        "fitness_complexity": lambda p: cx.fitness_complexity(p).complexity,
        "coi": lambda p: cx.complexity_outlook(p).coi,
        "cog": lambda p: cx.complexity_outlook(p).cog,
        "shift_share_region": lambda p: ss.shift_share(p, start_time=2015, end_time=2020),
        "shift_share_cell": lambda p: ss.shift_share(p, start_time=2015, end_time=2020,
                                                     by="cell"),
        "shift_share_em": lambda p: ss.shift_share(p, start_time=2015, end_time=2020,
                                                   method="esteban-marquillas"),
        "single_period_lq": single(st_.location_quotient),
    }
    for method in ("prob", "association", "cosine", "jaccard", "correlation", "davies_mare"):
        funcs[f"relatedness_matrix_{method}"] = one(rel.relatedness_matrix, method=method)
    funcs["relatedness_matrix_davies_mare_region"] = one(rel.relatedness_matrix,
                                                         method="davies_mare", axis="region")
    # an empty industry has no relatedness (NaN): filled with 0, as share_density requires
    funcs["share_density"] = lambda p: rel.share_density(
        p, rel.relatedness_matrix(p, method="davies_mare").fillna(0.0))
    funcs["markov_similarity"] = one(cx.markov_similarity)
    funcs["markov_similarity_region"] = one(cx.markov_similarity, axis="region")
    return funcs


FUNCTIONS = _index_functions()


def _restrict(out, regions, industries):
    """The part of a result that concerns the original regions and industries only."""
    if isinstance(out, float):
        return out
    idx = out.index
    keep = np.ones(len(idx), dtype=bool)
    for level in (idx.names if isinstance(idx, pd.MultiIndex) else [idx.name]):
        values = idx.get_level_values(level) if isinstance(idx, pd.MultiIndex) else idx
        if level == "region":
            keep &= np.asarray(values.isin(regions))
        elif level == "industry":
            keep &= np.asarray(values.isin(industries))
    out = out.loc[keep]
    if isinstance(out, pd.DataFrame):
        cols = out.columns
        if cols.isin(industries).any() and not cols.isin(regions).any():
            out = out.loc[:, cols.isin(industries)]
        elif cols.isin(regions).any() and not cols.isin(industries).any():
            out = out.loc[:, cols.isin(regions)]
    return out


def _compare(name, base, padded, regions, industries):
    a = _restrict(base, regions, industries)
    b = _restrict(padded, regions, industries)
    if isinstance(a, float):
        assert b == pytest.approx(a, rel=1e-9, abs=1e-12, nan_ok=True), name
        return
    b = b.reindex_like(a)
    np.testing.assert_allclose(np.asarray(b, dtype=float), np.asarray(a, dtype=float),
                               rtol=1e-9, atol=1e-11, equal_nan=True, err_msg=name)


cells = arrays(np.float64, (2, 5, 6), elements=st.integers(0, 12).map(float))


def _usable(x: np.ndarray) -> bool:
    return bool((x.sum(axis=2) > 0).all() and (x.sum(axis=1) > 0).all())


def _run_all(panel: Panel) -> dict:
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroLineWarning)
        warnings.simplefilter("error", DegenerateComplexityWarning)
        for name, f in FUNCTIONS.items():
            out[name] = f(panel)
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(cells, st.sampled_from(["industry", "region"]), st.integers(0, 6))
def test_appending_an_empty_line_changes_no_other_output(x, axis, position):
    assume(_usable(x))
    regions = [f"r{k}" for k in range(x.shape[1])]
    industries = [f"i{k}" for k in range(x.shape[2])]
    base = _panel(x, regions, industries, _hierarchy(industries))
    try:
        want = _run_all(base)
    except DegenerateComplexityWarning:
        assume(False)
    if axis == "industry":
        pos = min(position, x.shape[2])
        padded_x = np.insert(x, pos, 0.0, axis=2)
        inds = industries[:pos] + ["zz"] + industries[pos:]
        padded = _panel(padded_x, regions, inds, _hierarchy(industries).reindex(inds)
                        .fillna({"group": "G1", "sector": "S"}))
    else:
        pos = min(position, x.shape[1])
        padded_x = np.insert(x, pos, 0.0, axis=1)
        regs = regions[:pos] + ["zz"] + regions[pos:]
        padded = _panel(padded_x, regs, industries, _hierarchy(industries))
    got = _run_all(padded)
    for name in FUNCTIONS:
        _compare(name, want[name], got[name], regions, industries)


def test_the_property_covers_every_public_index_function():
    import smartregion as sr

    covered = {"location_quotient", "rca", "specialisation", "diversity", "ubiquity", "shares",
               "herfindahl", "krugman_index", "specialisation_coefficient", "theil",
               "average_location_quotient", "hachman", "gini", "hoover_gini",
               "locational_gini", "hoover_index", "entropy", "related_unrelated_variety",
               "variety_decomposition", "co_occurrence", "proximity", "relatedness_matrix",
               "relatedness_density", "distance", "relative_relatedness_density",
               "economic_complexity", "eci", "pci", "reflections", "fitness_complexity",
               "complexity_outlook", "shift_share", "cospecialisation_relatedness",
               "regional_network_measures", "share_density", "markov_similarity",
               "relatedness_weights",
               # on a similarity matrix, not a panel: its zero-line rule (an all-zero line is
               # left out and NaN) is tested in test_spectral_complexity.py
               "spectral_complexity"}
    not_indices = {"Panel", "PanelError", "SmartRegionWarning", "ZeroLineWarning",
                   "DroppedDataWarning", "LabelWarning", "as_panel", "to_long", "__version__",
                   "structure", "shiftshare", "variety", "relatedness", "complexity",
                   "pairwise_weighted_correlation"}  # an array helper, not a panel index
    assert set(sr.__all__) - not_indices <= covered, set(sr.__all__) - not_indices - covered
