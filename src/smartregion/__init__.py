"""smartregion: regional industry structure, variety, relatedness, complexity and networks.

The public API is re-exported here; the implementation lives in one module per index family.
"""

from importlib.metadata import PackageNotFoundError, version

from .panel import (
    DroppedDataWarning,
    Panel,
    PanelError,
    SmartRegionWarning,
    ZeroLineWarning,
    as_panel,
)

try:
    __version__ = version("smartregion")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = [
    "Panel",
    "PanelError",
    "SmartRegionWarning",
    "ZeroLineWarning",
    "DroppedDataWarning",
    "as_panel",
    "__version__",
]
