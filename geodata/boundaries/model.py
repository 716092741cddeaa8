"""What the boundary steps share: options, the columns found, the report and the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geodata.codes import RejectedRow
from geodata.messages import Message, MessageError

Progress = Callable[[str, float], None]
"""Called with a step label and the fraction done (0-1); see ``warehouse/progress.py``."""

NEIGHBOUR_COLUMNS = ("kode_a", "kode_b", "area_m2", "lon", "lat")


class BoundaryError(MessageError):
    """A boundary file that cannot be imported; the message names the file, and the row and
    column where one is at fault (``str()`` in English, ``.message`` in any language)."""


@dataclass(frozen=True)
class BoundaryOptions:
    """Tolerances of :func:`geodata.boundaries.prepare_boundaries`.

    Attributes
    ----------
    sliver_m2 : float
        Polygon parts smaller than this (m2) are dropped as digitising debris: official data
        has errors of tens of metres, so no real islet is this small.
    neighbour_report_m2 : float
        Overlaps and gaps between neighbours at least this large (m2) are reported one by one.
    display_gap_width_m : float
        Gaps between neighbours narrower than this (m) are closed in the display geometry.
    payload_budget_bytes : int or None
        Size limit of the map payload (see :func:`geodata.boundaries.display_payload`); None for
        :func:`geodata.boundaries.payload_budget_bytes` of the unit count.
    payload_decimals : int
        Decimals of the coordinates in the map payload (5: about a metre).
    """

    sliver_m2: float = 10.0
    neighbour_report_m2: float = 1000.0
    display_gap_width_m: float = 20.0
    payload_budget_bytes: int | None = None
    payload_decimals: int = 5


@dataclass(frozen=True)
class Columns:
    """The columns of a boundary file that carry each attribute (None: not in the file)."""

    code: str | None
    name: str | None
    kecamatan_code: str | None = None
    kecamatan_name: str | None = None
    kabkota_code: str | None = None
    kabkota_name: str | None = None
    kabkota_bps: str | None = None
    provinsi_code: str | None = None
    provinsi_name: str | None = None
    desa_bps: str | None = None
    jenis: str | None = None


@dataclass
class BoundaryReport:
    """What :func:`geodata.boundaries.prepare_boundaries` found and did, for people to read.

    ``detected``, ``repaired`` and ``warnings`` are :class:`geodata.messages.Message` objects
    (a key of ``domain/strings/boundaries.py`` and its values), rendered in the reader's
    language; so is each rejected row's ``reason``. ``overlaps`` and ``gaps`` have columns
    ``kode_a``, ``kode_b`` (the pair), ``area_m2`` (m2) and ``lon``/``lat`` (a point in the
    overlap or gap, EPSG:4326), largest first.
    """

    source: str
    file_hash: str = ""
    rows_read: int = 0
    rows_loaded: int = 0
    units_count: int = 0
    region: str | None = None
    columns: Columns | None = None
    detected: list[Message] = field(default_factory=list)
    repaired: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    overlaps: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(NEIGHBOUR_COLUMNS)))
    gaps: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(NEIGHBOUR_COLUMNS)))
    display_tolerance_m: float = 0.0
    payload_bytes: int = 0
    payload_budget_bytes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class PreparedBoundaries:
    """Units of a boundary file, ready to store.

    ``units`` is a GeoDataFrame in EPSG:4326, one row per desa/kelurahan code, with columns
    ``kode`` (dotted), ``nama``, ``jenis`` (kelurahan/desa, from the code), ``kode_induk`` (the
    kecamatan), ``kode_bps`` (BPS desa code when the file has one), ``luas_km2`` (km2, in the
    UTM zone of the file, :mod:`geodata.crs`), ``lon``/``lat`` (a point inside), ``rows`` (the
    file rows merged into it), the full repaired ``geometry`` and ``geom_display`` (simplified,
    shared edges kept). ``parents`` lists the kecamatan, kab/kota and provinsi the file names:
    ``kode``, ``nama``, ``level``, ``jenis``, ``kode_induk``, ``kode_bps``.
    """

    units: gpd.GeoDataFrame
    parents: pd.DataFrame
    report: BoundaryReport
