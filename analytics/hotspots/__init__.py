"""Where PMKS cases concentrate: case counts, density and per-capita rates per kelurahan
(:mod:`~analytics.hotspots.rates`), statistically tested hot spots (Getis-Ord Gi*, and Local
Moran's I as a second view: :mod:`~analytics.hotspots.spatial`), and the kernel density of case
points for a heat layer (:mod:`~analytics.hotspots.density`). The names callers use are
re-exported here.
"""

from analytics.hotspots.density import (
    DEFAULT_BANDWIDTH_M,
    MAX_GRID_CELLS,
    DensityGrid,
    cell_degrees,
    density_classes,
    density_polygons,
    grid_cell_m,
    kernel_density,
    quartic_kernel,
)
from analytics.hotspots.rates import (
    DEFAULT_MEASURE,
    MEASURES,
    case_rates,
    category_source_table,
    eb_rate_per_10k,
    unit_breakdown,
)
from analytics.hotspots.spatial import (
    CONFIDENCE_LEVELS,
    DEFAULT_K,
    DEFAULT_PERMUTATIONS,
    DEFAULT_SEED,
    HOTSPOT_CLASSES,
    MIN_UNITS,
    MORAN_CLASSES,
    NO_DATA,
    confidence_of,
    hot_spots,
    hotspot_summary,
    local_moran,
    moran_cluster_count,
    permutation_p_values,
    spatial_weights,
)

__all__ = [
    "CONFIDENCE_LEVELS",
    "DEFAULT_BANDWIDTH_M",
    "DEFAULT_K",
    "DEFAULT_MEASURE",
    "DEFAULT_PERMUTATIONS",
    "DEFAULT_SEED",
    "HOTSPOT_CLASSES",
    "MAX_GRID_CELLS",
    "MEASURES",
    "MIN_UNITS",
    "MORAN_CLASSES",
    "NO_DATA",
    "DensityGrid",
    "case_rates",
    "cell_degrees",
    "category_source_table",
    "confidence_of",
    "density_classes",
    "density_polygons",
    "eb_rate_per_10k",
    "grid_cell_m",
    "hot_spots",
    "hotspot_summary",
    "kernel_density",
    "local_moran",
    "moran_cluster_count",
    "permutation_p_values",
    "quartic_kernel",
    "spatial_weights",
    "unit_breakdown",
]
