"""smartregion: regional industry structure, variety, relatedness, complexity and networks.

The public API is re-exported here; the implementation lives in one module per index family
(``structure``, ``shiftshare``, ``variety``, ``relatedness``, ``complexity``, ``network``,
``models``, ``policy``, ``scale``, ``datasets``). ``plots`` is imported on demand because it
loads matplotlib.
"""

from importlib.metadata import PackageNotFoundError, version

from . import complexity, relatedness, shiftshare, structure, variety
from .complexity import (
    complexity_outlook,
    eci,
    economic_complexity,
    fitness_complexity,
    markov_similarity,
    pci,
    reflections,
    spectral_complexity,
)
from .panel import (
    DroppedDataWarning,
    LabelWarning,
    Panel,
    PanelError,
    SmartRegionWarning,
    ZeroLineWarning,
    as_panel,
    to_long,
)
from .relatedness import (
    co_occurrence,
    cospecialisation_relatedness,
    distance,
    pairwise_weighted_correlation,
    proximity,
    regional_network_measures,
    relatedness_density,
    relatedness_matrix,
    relative_relatedness_density,
    share_density,
)
from .shiftshare import shift_share
from .structure import (
    average_location_quotient,
    diversity,
    gini,
    hachman,
    herfindahl,
    hoover_gini,
    hoover_index,
    krugman_index,
    location_quotient,
    locational_gini,
    rca,
    shares,
    specialisation,
    specialisation_coefficient,
    theil,
    ubiquity,
)
from .variety import entropy, related_unrelated_variety, variety_decomposition

try:
    __version__ = version("smartregion")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = [
    "Panel", "PanelError", "SmartRegionWarning", "ZeroLineWarning", "DroppedDataWarning",
    "LabelWarning", "as_panel", "to_long",
    "location_quotient", "rca", "specialisation", "diversity", "ubiquity", "shares",
    "herfindahl", "krugman_index", "specialisation_coefficient", "theil", "gini",
    "locational_gini", "hoover_index", "hoover_gini", "average_location_quotient", "hachman",
    "shift_share",
    "entropy", "related_unrelated_variety", "variety_decomposition",
    "co_occurrence", "proximity", "relatedness_matrix", "relatedness_density",
    "relative_relatedness_density", "distance", "cospecialisation_relatedness",
    "regional_network_measures", "share_density", "pairwise_weighted_correlation",
    "economic_complexity", "eci", "pci", "reflections", "fitness_complexity",
    "complexity_outlook", "spectral_complexity", "markov_similarity",
    "structure", "shiftshare", "variety", "relatedness", "complexity",
    "__version__",
]
