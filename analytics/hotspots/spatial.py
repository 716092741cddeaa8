"""Statistically tested hot spots: Getis-Ord Gi*, and Local Moran's I as a second view, on the
kelurahan polygons.

Gi* with a weights matrix that also links islands, conditional permutation inference with a
fixed seed, a Benjamini-Hochberg false-discovery-rate correction over all tested units, and
classes hot/cold at 90/95/99 % confidence.

Spatial weights (:func:`spatial_weights`): queen contiguity united with the ``k`` nearest
neighbours (default 6) of each unit's centroid, both computed in the data's UTM zone in metres
(:func:`geodata.crs.metric_crs`). Contiguity alone leaves Batam's islands without neighbours;
k-nearest alone drops some touching units of large or oddly shaped kelurahan. The union keeps
every touching unit and gives every island at least ``k`` neighbours.

Statistics come from PySAL (``libpysal`` weights, ``esda.G_Local`` with ``star=True`` and
binary weights, ``esda.Moran_Local``). The permutation p-values are recomputed from esda's kept
simulations: esda 2.9 folds its one-sided pseudo p-value with ``permutations - larger``, which
counts tied simulations on the wrong side, so a unit whose neighbours all hold the smallest
value (many zero counts) would get the smallest possible p. Here a simulation tied with the
observed value counts as at least as extreme in both directions, and the p-value is two-sided
(twice the smaller one-sided p, at most 1), because hot and cold are both tested.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.crs import metric_crs

# esda, libpysal and scipy.stats are imported in the functions that use them: with the
# scikit-learn they load they cost seconds of CPU to import, paid by every process (server,
# worker, command line) that loads the hot spots but tests none (an import, an export).
if TYPE_CHECKING:
    from libpysal.weights import W

# Map and legend order: hottest first, coldest last.
HOTSPOT_CLASSES = ("hot_99", "hot_95", "hot_90", "ns", "cold_90", "cold_95", "cold_99")
MORAN_CLASSES = ("hh", "hl", "lh", "ll", "ns")
NO_DATA = "no_data"
# (false-discovery-rate level, confidence in %), strictest first.
CONFIDENCE_LEVELS = ((0.01, 99), (0.05, 95), (0.10, 90))

DEFAULT_K = 6
DEFAULT_PERMUTATIONS = 9999
DEFAULT_SEED = 2171
# Below this many units with a polygon and a value, a local statistic says nothing.
MIN_UNITS = 8


def spatial_weights(units: gpd.GeoDataFrame, k: int = DEFAULT_K, contiguity: bool = True) -> W:
    """Queen contiguity united with k-nearest-neighbour weights, ids = ``units['kode']``.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        ``kode`` and a non-empty polygon geometry per unit, in a CRS with a definition
        (EPSG:4326 for the warehouse's boundaries). At least two units.
    k : int
        Nearest neighbours of each unit's centroid, by straight-line distance in metres in the
        data's UTM zone; at most ``len(units) - 1`` are used.
    contiguity : bool
        Also link units that share an edge or a corner (queen). Without it the weights are
        k-nearest only.

    Returns
    -------
    libpysal.weights.W
        Binary, not symmetric (k-nearest links need not be mutual), ``id_order`` in the order
        of ``units``. Every unit has at least ``min(k, len(units) - 1)`` neighbours, islands
        included.
    """
    from libpysal.weights import KNN, Queen, w_union

    if len(units) < 2:
        raise ValueError("spatial weights need at least two units")
    ids = units["kode"].astype(str).tolist()
    projected = units.to_crs(metric_crs(units))
    centroids = shapely.centroid(np.asarray(projected.geometry.array, dtype=object))
    coords = shapely.get_coordinates(centroids)
    with warnings.catch_warnings():
        # libpysal warns about islands and disconnected components, which the union fixes.
        warnings.simplefilter("ignore")
        w = KNN(coords, k=min(k, len(ids) - 1), ids=ids)
        if contiguity:
            queen = Queen.from_dataframe(projected, ids=ids, use_index=False, silence_warnings=True)
            w = w_union(queen, w, silence_warnings=True)
    w.id_order = ids
    w.transform = "B"
    return w


def _tested_units(units: gpd.GeoDataFrame, value: str) -> np.ndarray:
    """Boolean mask of the units that can enter a local statistic: a polygon and a value."""
    geoms = units.geometry
    y = pd.to_numeric(units[value], errors="coerce").to_numpy(dtype="float64")
    return (geoms.notna() & ~geoms.is_empty).to_numpy() & np.isfinite(y)


def permutation_p_values(observed: np.ndarray, simulated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided conditional-permutation pseudo p-values and the direction of each deviation.

    Parameters
    ----------
    observed : numpy.ndarray
        (n,) observed local statistics.
    simulated : numpy.ndarray
        (n, permutations) the same statistics under conditional randomisation.

    Returns
    -------
    (p, above) : (numpy.ndarray, numpy.ndarray)
        p = min(1, 2 * min(#sim >= obs + 1, #sim <= obs + 1) / (permutations + 1)), with
        simulations equal to the observed value (within 1e-9 relative) counted on both sides;
        ``above`` is True where the observed value exceeds the simulations' mean.
    """
    obs = observed[:, None]
    eps = 1e-9 * max(float(np.nanmax(np.abs(observed))) if observed.size else 0.0, 1e-300)
    ge = (simulated >= obs - eps).sum(axis=1)
    le = (simulated <= obs + eps).sum(axis=1)
    permutations = simulated.shape[1]
    p = np.minimum(1.0, 2.0 * (np.minimum(ge, le) + 1.0) / (permutations + 1.0))
    return p, observed > simulated.mean(axis=1)


def confidence_of(p_fdr: np.ndarray) -> np.ndarray:
    """The highest confidence (99, 95, 90; 0 for none) at which each FDR-adjusted p-value is
    significant: 99 when p_fdr <= 0.01, 95 when <= 0.05, 90 when <= 0.10."""
    out = np.zeros(len(p_fdr), dtype=int)
    for alpha, level in reversed(CONFIDENCE_LEVELS):
        out[np.asarray(p_fdr) <= alpha] = level
    return out


@dataclass(frozen=True)
class _Prepared:
    mask: np.ndarray
    y: np.ndarray
    w: W | None


def _prepare(units: gpd.GeoDataFrame, value: str, k: int, contiguity: bool) -> _Prepared:
    mask = _tested_units(units, value)
    if mask.sum() < MIN_UNITS:
        return _Prepared(mask, np.empty(0), None)
    tested = units.loc[mask]
    y = pd.to_numeric(tested[value], errors="coerce").to_numpy(dtype="float64")
    return _Prepared(mask, y, spatial_weights(tested, k=k, contiguity=contiguity))


def _empty_result(units: gpd.GeoDataFrame, columns: dict) -> pd.DataFrame:
    out = pd.DataFrame({"kode": units["kode"].to_numpy()})
    out["tested"] = False
    out["neighbours_count"] = 0
    for name, default in columns.items():
        out[name] = default
    return out


def hot_spots(
    units: gpd.GeoDataFrame,
    value: str,
    k: int = DEFAULT_K,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    contiguity: bool = True,
) -> pd.DataFrame:
    """Getis-Ord Gi* hot and cold spots with permutation inference and an FDR correction.

    Parameters
    ----------
    units : geopandas.GeoDataFrame
        One row per unit: ``kode``, the ``value`` column and a polygon (EPSG:4326 or any CRS
        with a definition). Units without a polygon or with a missing value (e.g. no area for
        a density) are left out of the test.
    value : str
        The column tested, e.g. ``cases_per_km2`` or ``cases_per_10k``; must be >= 0.
    k, contiguity
        The weights (:func:`spatial_weights`), binary, with each unit's own value included
        (Gi*, ``star=True``).
    permutations : int
        Conditional permutations per unit; the smallest possible p is 2 / (permutations + 1).
        After the FDR correction over n units a unit reaches confidence c only when at least
        2 n / ((1 - c) (permutations + 1)) units share that smallest p: for 6,000 units at
        95 %, 240 of them with 999 permutations, 24 with 9,999. Memory is
        ``n * permutations * 8`` bytes (80 MB for 1,000 units at 9,999).
    seed : int
        Seed of esda's permutations: same data, same seed, same result.

    Returns
    -------
    pandas.DataFrame
        One row per unit of ``units`` in its order: kode, tested (bool), neighbours_count,
        gi (the Gi* statistic: the share of the value total in the unit and its neighbours),
        gi_z (esda's analytical z-score), gi_p_sim (two-sided permutation p, see the module
        note), gi_p_fdr (Benjamini-Hochberg adjusted over the tested units), confidence_pct
        (99, 95, 90 or 0) and hotspot_class (one of :data:`HOTSPOT_CLASSES`, or
        :data:`NO_DATA` for untested units). With fewer than :data:`MIN_UNITS` testable units
        nothing is tested; when every tested value is equal, gi is NaN, z 0 and p 1 (nothing is
        significant).
    """
    import esda
    from scipy.stats import false_discovery_control

    prepared = _prepare(units, value, k, contiguity)
    columns = {"gi": np.nan, "gi_z": np.nan, "gi_p_sim": np.nan, "gi_p_fdr": np.nan, "confidence_pct": 0}
    out = _empty_result(units, columns)
    out["hotspot_class"] = NO_DATA
    if prepared.w is None:
        return out
    y, w, mask = prepared.y, prepared.w, prepared.mask
    n = len(y)
    cardinality = np.array([w.cardinalities[i] for i in w.id_order])
    if np.ptp(y) == 0:
        gi, z, p, above = np.full(n, np.nan), np.zeros(n), np.ones(n), np.zeros(n, dtype=bool)
    else:
        # esda announces a future change of its default alternative and divides by a zero
        # spread for its simulated z when a unit's permutations are all tied; p and z come
        # from here and the analytical z, so neither matters.
        with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
            warnings.simplefilter("ignore", DeprecationWarning)
            g = esda.G_Local(
                y, w, transform="B", permutations=permutations, star=True, keep_simulations=True, n_jobs=1, seed=seed
            )
        gi, z = np.asarray(g.Gs), np.asarray(g.Zs)
        p, above = permutation_p_values(gi, np.asarray(g.rGs))
    p_fdr = false_discovery_control(p, method="bh")
    confidence = confidence_of(p_fdr)
    classes = np.where(
        confidence > 0,
        np.char.add(np.where(above, "hot_", "cold_"), confidence.astype(str)),
        "ns",
    )
    out.loc[mask, "tested"] = True
    out.loc[mask, "neighbours_count"] = cardinality
    out.loc[mask, "gi"] = gi
    out.loc[mask, "gi_z"] = z
    out.loc[mask, "gi_p_sim"] = p
    out.loc[mask, "gi_p_fdr"] = p_fdr
    out.loc[mask, "confidence_pct"] = confidence
    out.loc[mask, "hotspot_class"] = classes
    return out


def hotspot_summary(result: pd.DataFrame) -> dict[str, int]:
    """Headline figures of a hot-spot table.

    Parameters
    ----------
    result : pandas.DataFrame
        One row per unit with ``cases_count`` and the columns of :func:`hot_spots` (e.g. the
        output of ``warehouse.hotspots_report.analysis``).

    Returns
    -------
    dict
        cases_count (all cases), units_count, units_with_cases_count, tested_count,
        hot_count and cold_count (significant at 90 % or more), significant_count (both).
    """
    classes = result["hotspot_class"].astype(str)
    hot = int(classes.str.startswith("hot_").sum())
    cold = int(classes.str.startswith("cold_").sum())
    return {
        "cases_count": int(result["cases_count"].sum()),
        "units_count": len(result),
        "units_with_cases_count": int((result["cases_count"] > 0).sum()),
        "tested_count": int(result["tested"].sum()),
        "hot_count": hot,
        "cold_count": cold,
        "significant_count": hot + cold,
    }


def moran_cluster_count(clusters: pd.DataFrame) -> int:
    """Units of :func:`local_moran` output in a significant cluster or outlier (hh, hl, lh, ll)."""
    return int(clusters["moran_class"].isin(MORAN_CLASSES[:-1]).sum())


def local_moran(
    units: gpd.GeoDataFrame,
    value: str,
    k: int = DEFAULT_K,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    contiguity: bool = True,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Local Moran's I clusters and outliers, as a second view next to Gi*.

    Parameters
    ----------
    units, value, k, permutations, seed, contiguity
        As for :func:`hot_spots`; the weights are row-standardised here (the spatial lag is the
        neighbours' mean).
    alpha : float
        False-discovery-rate level (0.05: 95 % confidence).

    Returns
    -------
    pandas.DataFrame
        One row per unit: kode, tested, neighbours_count, moran_i (local I), moran_p_sim
        (two-sided permutation p), moran_p_fdr (Benjamini-Hochberg), moran_class: 'hh' (high
        among high), 'hl' (high among low), 'lh', 'll', 'ns' (not significant) or
        :data:`NO_DATA`. Too few units or equal values: as for :func:`hot_spots`.
    """
    import esda
    from scipy.stats import false_discovery_control

    prepared = _prepare(units, value, k, contiguity)
    out = _empty_result(units, {"moran_i": np.nan, "moran_p_sim": np.nan, "moran_p_fdr": np.nan})
    out["moran_class"] = NO_DATA
    if prepared.w is None:
        return out
    y, w, mask = prepared.y, prepared.w, prepared.mask
    cardinality = np.array([w.cardinalities[i] for i in w.id_order])
    if np.ptp(y) == 0:
        i_local, p, quadrant = np.zeros(len(y)), np.ones(len(y)), np.zeros(len(y), dtype=int)
    else:
        w.transform = "R"
        with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
            warnings.simplefilter("ignore", DeprecationWarning)
            lm = esda.Moran_Local(y, w, transformation="r", permutations=permutations, keep_simulations=True, seed=seed)
        i_local = np.asarray(lm.Is)
        p, _ = permutation_p_values(i_local, np.asarray(lm.rlisas))
        quadrant = np.asarray(lm.q)
    p_fdr = false_discovery_control(p, method="bh")
    names = np.array(["ns", "hh", "lh", "ll", "hl"])
    classes = np.where(p_fdr <= alpha, names[quadrant], "ns")
    out.loc[mask, "tested"] = True
    out.loc[mask, "neighbours_count"] = cardinality
    out.loc[mask, "moran_i"] = i_local
    out.loc[mask, "moran_p_sim"] = p
    out.loc[mask, "moran_p_fdr"] = p_fdr
    out.loc[mask, "moran_class"] = classes
    return out
