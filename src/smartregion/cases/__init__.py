"""Case studies: the indicators and figures of a region's case, as its notebook reads them.

* :mod:`~smartregion.cases.kyoto` computes each section of the Kyoto case (notebook 02),
  :mod:`~smartregion.cases.shenzhen` each section of the Shenzhen case (notebook 03) and
  :mod:`~smartregion.cases.prefectures` each section of a region among Japan's prefectures
  (notebook 04, any prefecture), :mod:`~smartregion.cases.region` each section of any region
  of any panel (notebook 07); each function returns a
  :class:`smartregion.policy.Indicator` (table, parts a figure draws, key numbers a reading
  quotes);
* :mod:`~smartregion.cases.figures` (Kyoto and Shenzhen),
  :mod:`~smartregion.cases.prefecture_figures` and
  :mod:`~smartregion.cases.region_figures` draw one figure per finding from an indicator.

Every public name imports from ``smartregion.cases``.
"""

from .figures import *  # noqa: F403
from .figures import __all__ as _figures_all
from .kyoto import *  # noqa: F403
from .kyoto import __all__ as _kyoto_all
from .prefecture_figures import *  # noqa: F403
from .prefecture_figures import __all__ as _prefecture_figures_all
from .prefectures import *  # noqa: F403
from .prefectures import __all__ as _prefectures_all
from .region import *  # noqa: F403
from .region import __all__ as _region_all
from .region_figures import *  # noqa: F403
from .region_figures import __all__ as _region_figures_all
from .shenzhen import *  # noqa: F403
from .shenzhen import __all__ as _shenzhen_all

__all__ = [*_kyoto_all, *_shenzhen_all, *_prefectures_all, *_figures_all,
           *_prefecture_figures_all, *_region_all, *_region_figures_all]
