"""Former home of the house figure style, kept so that old imports keep working.

The style now lives in :mod:`smartregion.plots.style`; import it from there (or from
:mod:`smartregion.plots`, which re-exports every name). Nothing inside smartregion imports
this module.
"""

from __future__ import annotations

from .plots import style as _style
from .plots.style import *  # noqa: F403  (the shim re-exports exactly the style's public names)

__all__ = list(_style.__all__)
