"""The display geometry: a clean coverage simplified together, within a map payload budget."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from geodata.boundaries.model import BoundaryReport
from geodata.crs import WGS84
from geodata.messages import Message, Num

# Display tolerances tried, in metres (Visvalingam-Whyatt: about the square root of the area
# of the triangles removed); the smallest one whose payload fits the budget is used.
DISPLAY_TOLERANCES_M = (10, 15, 20, 30, 40, 60, 80, 120, 160, 250, 350, 500, 700, 1000)


def payload_budget_bytes(units_count: int) -> int:
    """The map payload allowed for a region of ``units_count`` units, in bytes.

    250 KB up to 500 units (a kota or kabupaten: Batam's 64 kelurahan), then 500 bytes per
    unit up to 3 MB (a province of 6,000 desa).
    """
    return int(min(3_000_000, max(250_000, 500 * units_count)))


def display_geometries(geoms_m: np.ndarray, tolerance_m: float, gap_width_m: float = 20.0) -> np.ndarray:
    """Simplified polygons that still share their edges exactly.

    The units are first made a clean coverage (overlaps given to one neighbour, gaps narrower
    than ``gap_width_m`` closed, shared edges snapped to identical vertices), then simplified
    together with ``shapely.coverage_simplify`` so that neighbours move their common edge the
    same way and neither gaps nor overlaps open.

    Parameters
    ----------
    geoms_m : array of shapely geometries
        Valid (multi)polygons in a metric CRS.
    tolerance_m : float
        Visvalingam-Whyatt tolerance, metres (about the square root of the area of the
        triangles removed).
    gap_width_m : float
        Gaps narrower than this are closed, metres.

    Returns
    -------
    numpy.ndarray
        One geometry per input, same CRS. A unit the cleaning leaves empty (another unit
        covered it entirely) gets its own plain simplification instead.
    """
    cleaned = _clean_coverage(np.asarray(geoms_m, dtype=object), gap_width_m)
    return _simplified(cleaned, np.asarray(geoms_m, dtype=object), tolerance_m)


def _clean_coverage(geoms_m: np.ndarray, gap_width_m: float) -> np.ndarray:
    return shapely.coverage_clean(geoms_m, gap_width=gap_width_m)


def _simplified(cleaned: np.ndarray, original: np.ndarray, tolerance_m: float) -> np.ndarray:
    simple = shapely.coverage_simplify(cleaned, tolerance_m)
    lost = shapely.is_empty(simple) | shapely.is_missing(simple)
    if lost.any():
        simple[lost] = shapely.simplify(original[lost], tolerance_m)
    return simple


def display_payload(kode, nama, geoms_wgs84, decimals: int = 5) -> str:
    """The GeoJSON a map of the display geometry sends to the browser.

    Mirrors the dashboard (``ui/data.py`` snaps coordinates to ``10**-decimals`` degrees,
    ``ui/maps.py`` writes ``GeoDataFrame.to_json``): a FeatureCollection with ``kode`` and
    ``nama`` properties. Units without geometry are left out.

    Parameters
    ----------
    kode, nama : sequence of str
    geoms_wgs84 : array of shapely geometries
        EPSG:4326.
    decimals : int
        Decimals kept (5: about a metre at the equator).
    """
    geoms = np.asarray(geoms_wgs84, dtype=object)
    shown = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    snapped = shapely.set_precision(geoms[shown], 10.0**-decimals)
    frame = gpd.GeoDataFrame(
        {"kode": np.asarray(kode, dtype=object)[shown], "nama": np.asarray(nama, dtype=object)[shown]},
        geometry=snapped,
        crs=WGS84,
    )
    return frame.to_json(drop_id=True)


def simplify_within_budget(
    geoms_m: np.ndarray,
    kode,
    nama,
    crs: pyproj.CRS,
    budget_bytes: int,
    *,
    gap_width_m: float = 20.0,
    decimals: int = 5,
    tolerances_m=DISPLAY_TOLERANCES_M,
    report: BoundaryReport | None = None,
) -> tuple[np.ndarray, float, int]:
    """Display geometry with the smallest tolerance whose map payload fits the budget.

    Parameters
    ----------
    geoms_m : array of shapely geometries
        Valid (multi)polygons in the metric CRS ``crs``.
    kode, nama : sequence of str
        Properties of the payload.
    crs : pyproj.CRS
        The metric CRS of ``geoms_m`` (:func:`geodata.crs.metric_crs`).
    budget_bytes : int
        Largest payload allowed (see :func:`display_payload`).
    gap_width_m, decimals
        As for :func:`display_geometries` and :func:`display_payload`.
    tolerances_m : sequence of float
        Tolerances to try, increasing, metres; the payload shrinks as the tolerance grows, so
        they are bisected (four attempts for the default fourteen).
    report : BoundaryReport, optional
        Receives a warning when even the largest tolerance does not fit.

    Returns
    -------
    (geometries in EPSG:4326, tolerance in metres, payload in bytes)
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    cleaned = _clean_coverage(geoms_m, gap_width_m)
    tried: dict[int, tuple[np.ndarray, int]] = {}

    def attempt(i: int) -> tuple[np.ndarray, int]:
        if i not in tried:
            simple = _simplified(cleaned, geoms_m, tolerances_m[i])
            display = gpd.GeoSeries(simple, crs=crs).to_crs(WGS84).to_numpy()
            tried[i] = (display, len(display_payload(kode, nama, display, decimals).encode()))
        return tried[i]

    # Bisection for the first tolerance that fits: every tolerance at or below ``low`` is too
    # small, ``high`` is the best candidate; each attempt costs a full coverage simplification.
    low, high = -1, len(tolerances_m) - 1
    while high - low > 1:
        mid = (low + high) // 2
        if attempt(mid)[1] <= budget_bytes:
            high = mid
        else:
            low = mid
    display, size = attempt(high)
    if size > budget_bytes and report is not None:
        report.warnings.append(
            Message(
                "boundaries.warning.payload_over",
                kb=Num(size / 1000, 0),
                tolerance_m=tolerances_m[high],
                budget_kb=Num(budget_bytes / 1000, 0),
            )
        )
    return display, float(tolerances_m[high]), size
