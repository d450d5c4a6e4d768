"""The public API imports as documented: submodules stay modules, functions keep their names."""

from __future__ import annotations

import importlib
import types

import smartregion as sr


def test_submodules_are_modules_not_functions():
    from smartregion import complexity, relatedness, shiftshare, structure, variety

    for mod in (complexity, relatedness, shiftshare, structure, variety):
        assert isinstance(mod, types.ModuleType), mod
    assert callable(relatedness.relatedness_density)
    assert callable(complexity.eci)
    m = importlib.import_module("smartregion.complexity")
    assert isinstance(m, types.ModuleType)
    import smartregion.complexity as m2

    assert m2 is m


def test_package_level_functions():
    for name in ("economic_complexity", "eci", "pci", "reflections", "fitness_complexity",
                 "complexity_outlook", "relatedness_matrix", "relatedness_density", "proximity"):
        assert callable(getattr(sr, name)), name
    for name in sr.__all__:
        assert hasattr(sr, name), name
