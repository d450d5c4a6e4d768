"""Case studies: the indicators and figures of a region's case, as its notebook reads them.

* :mod:`~smartregion.cases.shenzhen` computes each section of the Shenzhen case (notebook 03)
  and returns a :class:`smartregion.policy.Indicator` (table, parts a figure draws, key
  numbers a reading quotes);
* :mod:`~smartregion.cases.kyoto` does the same for the Kyoto case (notebook 02);
* :mod:`~smartregion.cases.figures` draws one figure per finding from an indicator.

Every public name imports from ``smartregion.cases``.
"""

from .figures import *  # noqa: F403
from .figures import __all__ as _figures_all
from .kyoto import *  # noqa: F403
from .kyoto import __all__ as _kyoto_all
from .shenzhen import *  # noqa: F403
from .shenzhen import __all__ as _shenzhen_all

__all__ = [*_shenzhen_all, *_figures_all]
__all__.extend(_kyoto_all)
