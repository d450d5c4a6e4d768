"""The seven policy proposals: their indicators, figures and scorecard, as notebook 06 reads them.

* :mod:`~smartregion.proposals.indicators` computes each section's indicator and returns a
  :class:`smartregion.policy.Indicator` (table, parts a figure draws, key numbers a reading
  quotes);
* :mod:`~smartregion.proposals.figures` draws one figure per finding from an indicator;
* :mod:`~smartregion.proposals.scorecard` assembles the proposal-by-proposal evidence table.

Every public name imports from ``smartregion.proposals``.
"""

from .figures import *  # noqa: F403
from .figures import __all__ as _figures_all
from .indicators import *  # noqa: F403
from .indicators import __all__ as _indicators_all
from .scorecard import *  # noqa: F403
from .scorecard import __all__ as _scorecard_all

__all__ = [*_indicators_all, *_figures_all, *_scorecard_all]
